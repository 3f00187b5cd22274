/**
 * 专项信用报告 inside records (issue 15, point 1): who may have one issued (schema/src/permits.ts,
 * with records' own copy of identity's grants), what the PDF says (its text read back with
 * pdf.js), and verification by number, code and SHA-256.
 */
import { randomUUID } from 'node:crypto';
import { applyEvents, EVENT, type GrantFacts, type RunningSubgraph } from '@credit/kit';
import { tableSnapshot } from '@credit/kit/testing';
import type { CallerContext } from '@credit/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventTables } from '../db/schema.js';
import { handlers } from '../handlers.js';
import { projectionHandlers } from '../projections.js';
import { caller, deliver, objectionDecided, repairApproved, startTestRecords, submitRecord } from '../testing.js';
import { pdfText } from './pdf-text.testing.js';
import { sha256Hex } from './issue.js';

let records: RunningSubgraph;
let close: () => Promise<void>;

const SUBJECT = randomUUID();
const OTHER = randomUUID();
const AGENCY = 'agency-42';
let eventId = 1;

const REQUEST = `mutation($personId: ID!, $from: Date!, $to: Date!, $domains: [Domain!]) {
  requestCreditReport(personId: $personId, from: $from, to: $to, domains: $domains) {
    number verificationCode subject { id } periodFrom periodTo domains issuedAt sha256 signature keyId fileName pdfBase64
  }
}`;
const VERIFY = `query($number: String!, $code: String!, $sha256: String) { verifyCreditReport(number: $number, code: $code, sha256: $sha256) { number result valid } }`;

const citizen = (personId = SUBJECT) => caller('CITIZEN', 'SELF_ACCESS', { personId });
const agency = (grantId: string | null, purpose: CallerContext['purpose'] = 'AUTHORIZED_QUERY'): CallerContext => ({ ...caller('AGENCY', purpose, { sub: AGENCY }), grantId });

const deliverFrom = (source: string, events: { type: string; payload: unknown }[]) =>
  applyEvents(records.database.db, eventTables, { ...handlers, ...projectionHandlers }, { source, events: events.map((e) => ({ id: eventId++, ...e })) });

const grant = (overrides: Partial<GrantFacts> = {}): GrantFacts => ({
  id: randomUUID(),
  personId: SUBJECT,
  grantee: AGENCY,
  purpose: 'AUTHORIZED_QUERY',
  scope: ['IDENTITY', 'CREDIT_RECORDS', 'DISPUTES', 'INCENTIVES'],
  expiresAt: '2027-06-30T15:59:59.000Z',
  revokedAt: null,
  version: 1,
  ...overrides,
});

async function request(who: CallerContext, vars: Record<string, unknown> = {}) {
  return records.execute(REQUEST, { personId: SUBJECT, from: '2024-01-01', to: '2026-11-05', ...vars }, who);
}

interface IssuedReport {
  number: string;
  verificationCode: string;
  sha256: string;
  domains: string[];
  pdfBase64: string;
}

async function issued(who: CallerContext, vars: Record<string, unknown> = {}) {
  const result = await request(who, vars);
  expect(result.errors).toBeUndefined();
  const report = result.data?.requestCreditReport as IssuedReport;
  return { ...report, pdf: Buffer.from(report.pdfBase64, 'base64') };
}

const verify = async (number: string, code: string, sha256?: string) =>
  (await records.execute(VERIFY, { number, code, sha256 }, caller('PUBLIC'))).data?.verifyCreditReport as { result: string; valid: boolean };

let penalty: string;
let repaired: string;
let serious: string;
let objected: string;
let outside: string;

beforeAll(async () => {
  ({ records, close } = await startTestRecords('2026-11-05T10:00:00+08:00'));
  await deliverFrom('identity', [
    { type: EVENT.personChanged, payload: { id: SUBJECT, name: '司马玲', citizenIdNumber: '51010419930513001X', version: 1 } },
    { type: EVENT.personChanged, payload: { id: OTHER, name: '张三', citizenIdNumber: '11010519491231002X', version: 1 } },
  ]);
  await deliverFrom('incentives', [
    {
      type: EVENT.scoreRules,
      payload: {
        weights: [{ code: 'BASE', points: 1000 }, { code: 'POSITIVE', points: 20 }, { code: 'NEGATIVE_MINOR', points: -10 }, { code: 'NEGATIVE_GENERAL', points: -50 }, { code: 'NEGATIVE_SERIOUS', points: -200 }],
        bands: [{ grade: 'AAA', minScore: 1050 }, { grade: 'AA', minScore: 1030 }, { grade: 'A', minScore: 960 }, { grade: 'B', minScore: 850 }, { grade: 'C', minScore: 600 }, { grade: 'D', minScore: null }],
      },
    },
  ]);
  penalty = (await submitRecord(records, { subjectId: SUBJECT, decidedOn: '2026-05-10', summary: '逃避缴纳税款', penaltyTypes: ['FINE', 'WARNING'] })).id;
  serious = (await submitRecord(records, { subjectId: SUBJECT, severity: 'SERIOUS', domain: 'FOOD_AND_DRUGS', category: 'JUDICIAL', decidedOn: '2026-06-01', summary: '拒不履行生效判决' })).id;
  objected = (await submitRecord(records, { subjectId: SUBJECT, domain: 'ENVIRONMENT', decidedOn: '2026-07-01', summary: '超标排放' })).id;
  repaired = (await submitRecord(records, { subjectId: SUBJECT, domain: 'TRAFFIC_SAFETY', decidedOn: '2025-01-10', severity: 'GENERAL', summary: '超载运输' })).id;
  // Before the period, still in publicity (Order 58: 3 years): not listed, but in the score.
  outside = (await submitRecord(records, { subjectId: SUBJECT, domain: 'CONSTRUCTION', decidedOn: '2023-12-01', summary: '违法分包' })).id;
  await submitRecord(records, { subjectId: SUBJECT, kind: 'POSITIVE', severity: undefined, domain: 'VOLUNTEER_SERVICE', category: 'HONOUR', decidedOn: '2026-03-01', summary: '优秀志愿者' });
  await submitRecord(records, { subjectId: OTHER, decidedOn: '2026-05-10', summary: '他人的处罚' });
  await applyEvents(records.database.db, eventTables, handlers, { source: 'disputes', events: [{ id: eventId++, type: EVENT.objectionFiled, payload: { objectionId: randomUUID(), recordId: objected } }] });
  await deliver(records, [repairApproved(repaired, '2026-02-01')]);
  void objectionDecided;
}, 60_000);
afterAll(() => close?.());

describe('requestCreditReport: who may have one issued', () => {
  const snapshot = () => tableSnapshot(records.database.db, 'records');

  async function refused(who: CallerContext, reason: string, vars: Record<string, unknown> = {}) {
    const before = await snapshot();
    const result = await request(who, vars);
    expect(result.data?.requestCreditReport ?? null).toBeNull();
    expect(result.errors?.map((e) => e.extensions)).toEqual([{ code: 'FORBIDDEN_OPERATION', operation: 'requestCreditReport', reason }]);
    expect(await snapshot()).toEqual(before);
  }

  it.each<[string, CallerContext, string]>([
    ['the public', caller('PUBLIC'), 'NO_PERMIT'],
    ['another citizen', citizen(OTHER), 'NOT_SELF'],
    ['the subject under PUBLIC_DISCLOSURE', caller('CITIZEN', 'PUBLIC_DISCLOSURE', { personId: SUBJECT }), 'NO_PERMIT'],
    ['an officer', caller('OFFICER', 'ADMINISTRATIVE_LICENSING', { department: '北京市朝阳区税务局' }), 'NO_PERMIT'],
    ['the credit office', caller('CREDIT_OFFICE', 'OBJECTION_REVIEW'), 'NO_PERMIT'],
    ['an auditor', caller('AUDITOR', 'AUDIT'), 'NO_PERMIT'],
    ['an agency without a grant', agency(null), 'NOT_GRANTED'],
    ['an agency naming a grant records has not heard of', agency(randomUUID()), 'NOT_GRANTED'],
    ['an agency naming a malformed grant id', agency('grant-1'), 'NOT_GRANTED'],
  ])('refuses %s and stores nothing', async (_label, who, reason) => {
    await refused(who, reason);
  });

  it('refuses an agency whose grant is another agency’s, another person’s, expired, revoked, for another purpose or without the records scope', async () => {
    const cases: [Partial<GrantFacts>, string][] = [
      [{ grantee: 'agency-7' }, 'NOT_GRANTED'],
      [{ personId: OTHER }, 'NOT_GRANTED'],
      [{ expiresAt: '2026-11-05T01:59:59.000Z' }, 'NOT_GRANTED'],
      [{ revokedAt: '2026-11-01T00:00:00.000Z', version: 2 }, 'NOT_GRANTED'],
      [{ purpose: 'ADMINISTRATIVE_LICENSING' }, 'NOT_GRANTED'],
      [{ scope: ['IDENTITY', 'INCENTIVES'] }, 'NOT_GRANTED'],
    ];
    for (const [overrides, reason] of cases) {
      const g = grant(overrides);
      await deliverFrom('identity', [{ type: EVENT.grantChanged, payload: g }]);
      await refused(agency(g.id), reason);
    }
  });

  it('follows a revocation: the grant that issued a report issues no other once identity revokes it', async () => {
    const g = grant();
    await deliverFrom('identity', [{ type: EVENT.grantChanged, payload: g }]);
    await issued(agency(g.id));
    await deliverFrom('identity', [{ type: EVENT.grantChanged, payload: { ...g, revokedAt: '2026-11-05T01:00:00.000Z', version: 2 } }]);
    // A stale redelivery of the grant as given does not bring it back.
    await deliverFrom('identity', [{ type: EVENT.grantChanged, payload: g }]);
    await refused(agency(g.id), 'NOT_GRANTED');
  });

  it('decides the permit before the input, and refuses a period ending after today', async () => {
    await refused(caller('PUBLIC'), 'NO_PERMIT', { from: '2026-12-01', to: '2026-01-01' });
    const future = await request(citizen(), { to: '2026-11-06' });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to', reason: 'FUTURE_DATE' });
    const backwards = await request(citizen(), { from: '2026-06-01', to: '2026-01-01' });
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from', reason: 'RANGE' });
  });

  it('answers NOT_FOUND for a subject identity has not told records about yet', async () => {
    const stranger = randomUUID();
    const result = await records.execute(REQUEST, { personId: stranger, from: '2026-01-01', to: '2026-11-05' }, citizen(stranger));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'SUBJECT_NOT_KNOWN' });
  });
});

describe('the PDF', () => {
  it('gives the subject everything about themselves, in Chinese, with the number and code printed', async () => {
    const report = await issued(citizen());
    expect(report.number).toMatch(/^XYBG-20261105-[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(report.verificationCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(report.sha256).toBe(sha256Hex(report.pdf));
    expect(report.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(report.pdf);
    for (const expected of [
      '专项信用报告（个人）',
      `报告编号${report.number}`,
      `验证码${report.verificationCode}`,
      '出具时间2026年11月05日10:00:00（北京时间）',
      '姓名：司马玲',
      '公民身份号码：51010419930513001X',
      '信息期间：2024年01月01日至2026年11月05日',
      '信用领域：全部领域',
      '行政处罚信息',
      '逃避缴纳税款',
      '处罚种类：警告、罚款',
      '司法裁判及执行信息',
      '拒不履行生效判决',
      '截至出具之日：已列入严重失信主体名单。',
      '异议处理中的信息',
      '超标排放',
      '信用修复信息',
      '超载运输',
      '修复日期：2026-02-01（已停止公示）',
      '守信激励信息',
      '优秀志愿者',
      // 1000 + 20 (honour) − 50 (tax) − 200 (serious) − 50 (environment) − 50 (construction, decided before the period)
      '诚信积分：670分等级：C',
      '-50分：失信（一般），北京市朝阳区税务局京朝税罚〔2026〕5号，决定日期2023-12-01',
      'verifyCreditReport',
    ]) {
      expect(text, expected).toContain(expected.replaceAll(' ', ''));
    }
    expect(text).not.toContain('他人的处罚');
    // Before the period: not listed among the penalties (its summary nowhere), but counted in the score.
    expect(text).not.toContain('违法分包');
    void outside;
    void penalty;
    void serious;
  });

  it('keeps to the domains asked for, and says so', async () => {
    const report = await issued(citizen(), { domains: ['TAXATION', 'ENVIRONMENT'] });
    const text = await pdfText(report.pdf);
    expect(text).toContain('信用领域：生态环境、税务');
    expect(text).toContain('逃避缴纳税款');
    expect(text).toContain('超标排放');
    expect(text).not.toContain('超载运输');
    expect(text).not.toContain('优秀志愿者');
    expect(report.domains).toEqual(['ENVIRONMENT', 'TAXATION']);
  });

  it('gives an agency what its grant’s scope opens: ID number masked, no repairs, no score without INCENTIVES', async () => {
    const g = grant({ scope: ['CREDIT_RECORDS', 'DISPUTES'] });
    await deliverFrom('identity', [{ type: EVENT.grantChanged, payload: g }]);
    const report = await issued(agency(g.id));
    const text = await pdfText(report.pdf);
    expect(text).toContain('姓名：司马*（授权范围不含身份信息，已脱敏）');
    expect(text).toContain('公民身份号码：5101**********001X（已脱敏）');
    expect(text).not.toContain('51010419930513001X');
    expect(text).toContain(`信用服务机构${AGENCY}`);
    expect(text).toContain('本项仅向信息主体本人提供');
    expect(text).not.toContain('超载运输');
    expect(text).toContain('授权范围不含激励惩戒与诚信积分信息');
    expect(text).toContain('超标排放');
  });
});

describe('verifyCreditReport', () => {
  it('says VALID for the PDF as issued, ALTERED for one byte changed, and nothing of the content', async () => {
    const report = await issued(citizen());
    expect(await verify(report.number, report.verificationCode, report.sha256)).toEqual({ number: report.number, result: 'VALID', valid: true });
    // Typed in by a person: case and dashes do not matter.
    expect((await verify(report.number.toLowerCase(), `${report.verificationCode.slice(0, 4).toLowerCase()}-${report.verificationCode.slice(4)}`, report.sha256.toUpperCase())).result).toBe('VALID');
    const altered = Buffer.from(report.pdf);
    const at = altered.indexOf('XYBG-');
    altered[at + 5] = altered[at + 5] === 0x32 ? 0x33 : 0x32;
    expect(await verify(report.number, report.verificationCode, sha256Hex(altered))).toEqual({ number: report.number, result: 'ALTERED', valid: false });
    expect((await verify(report.number, report.verificationCode)).result).toBe('CONTENT_NOT_CHECKED');
    expect((await verify(report.number, 'WRONGCDE', report.sha256)).result).toBe('UNKNOWN');
    expect((await verify('XYBG-20261105-0000000000', report.verificationCode, report.sha256)).result).toBe('UNKNOWN');
    const bad = await records.execute(VERIFY, { number: report.number, code: report.verificationCode, sha256: 'abc' }, caller('PUBLIC'));
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sha256' });
  });

  it('vouches for nothing once the stored hash was edited: the signature no longer holds', async () => {
    const report = await issued(citizen());
    const forged = sha256Hex(Buffer.from('another pdf'));
    await records.database.db.execute(`update records.credit_reports set sha256 = '${forged}' where number = '${report.number}'`);
    expect((await verify(report.number, report.verificationCode, forged)).result).toBe('UNKNOWN');
  });
});
