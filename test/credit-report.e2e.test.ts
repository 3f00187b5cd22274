/**
 * 专项信用报告 through the gateway (issue 15, point 1): the demo person 司马玲 asks for her own
 * report, a relying party verifies it with no token, and the same PDF with one byte changed does
 * not verify; an agency gets one only under her live grant; every refusal stores nothing; the
 * query log says who had whose report issued. The PDF's text is read back with pdf.js, and its
 * first page rendered to PNG with poppler's pdftoppm (REPORT_SAMPLE_PNG=path keeps a copy: the
 * README's sample).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoDataset } from '@credit/kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_NOW, startSystem, type CallAs, type System } from './harness.js';

const CITIZEN_ID = '51010419930513001X';
const TODAY = DEFAULT_NOW.slice(0, 10);

const REQUEST = `mutation Report($personId: ID!, $from: Date!, $to: Date!, $domains: [Domain!]) {
  requestCreditReport(personId: $personId, from: $from, to: $to, domains: $domains) {
    number verificationCode subject { id } issuedAt sha256 signature keyId fileName pdfBase64
  }
}`;
const VERIFY = `query Verify($number: String!, $code: String!, $sha256: String) { verifyCreditReport(number: $number, code: $code, sha256: $sha256) { number result valid } }`;

interface Issued {
  number: string;
  verificationCode: string;
  sha256: string;
  pdfBase64: string;
}

let system: System;
let personId: string;
let citizen: CallAs;
let agencyToken: string;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function pdfText(pdf: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  await document.destroy();
  return pages.join('\n').replace(/\s+/g, '');
}

const storedReports = async () => {
  const result = await system.subgraphs.records.database.db.execute(sql`select count(*)::int as n from records.credit_reports`);
  return Number((result as unknown as { rows: { n: number }[] }).rows?.[0]?.n ?? (result as unknown as { n: number }[])[0]?.n);
};

const verify = async (number: string, code: string, hash?: string) => {
  const { status, body } = await system.query(VERIFY, { number, code, sha256: hash });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  return body.data!.verifyCreditReport as { result: string; valid: boolean };
};

async function issue(as: CallAs, variables: Record<string, unknown> = {}) {
  const { body } = await system.query(REQUEST, { personId, from: '2020-01-01', to: TODAY, ...variables }, as);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  const report = body.data!.requestCreditReport as Issued;
  return { ...report, pdf: Buffer.from(report.pdfBase64, 'base64') };
}

/** Refused by the gateway with FORBIDDEN_OPERATION for `reason`, and no report stored. */
async function refused(as: CallAs, reason: string, variables: Record<string, unknown> = {}) {
  const before = await storedReports();
  const { body } = await system.query(REQUEST, { personId, from: '2020-01-01', to: TODAY, ...variables }, as);
  expect(body.data?.requestCreditReport ?? null).toBeNull();
  expect(body.errors?.map((e) => e.extensions)).toEqual([{ code: 'FORBIDDEN_OPERATION', operation: 'requestCreditReport', reason }]);
  expect(await storedReports()).toBe(before);
}

beforeAll(async () => {
  system = await startSystem({ dataset: { ...demoDataset(TODAY), persons: 200 } });
  await system.drain();
  const found = await system.graphql(`query($c: String!) { personByCitizenIdNumber(citizenIdNumber: $c) { id name } }`, { c: CITIZEN_ID });
  expect(found.data?.personByCitizenIdNumber?.name).toBe('司马玲');
  personId = found.data!.personByCitizenIdNumber.id;
  citizen = { token: await system.token({ role: 'CITIZEN', sub: 'citizen-siming', personId }), purpose: 'SELF_ACCESS' };
  agencyToken = await system.token({ role: 'AGENCY', sub: 'agency-42' });
}, 300_000);
afterAll(() => system?.close());

describe('司马玲’s own report', () => {
  let report: Awaited<ReturnType<typeof issue>>;
  let text: string;

  beforeAll(async () => {
    report = await issue(citizen);
    text = await pdfText(report.pdf);
  }, 60_000);

  it('is a signed PDF in Chinese with her name and citizen ID number in full, the period, number and code', async () => {
    expect(report.sha256).toBe(sha256(report.pdf));
    for (const expected of [
      '专项信用报告（个人）',
      `报告编号${report.number}`,
      `验证码${report.verificationCode}`,
      '出具时间2026年11月21日10:00:00（北京时间）',
      '姓名：司马玲',
      `公民身份号码：${CITIZEN_ID}`,
      '信息期间：2020年01月01日至2026年11月21日',
      '行政处罚信息',
      '严重失信主体名单',
      '异议处理中的信息',
      '信用修复信息',
      '诚信积分及说明',
    ]) {
      expect(text, expected).toContain(expected);
    }
  });

  it('agrees with incentives on the integrity score and with the serious-dishonesty list', async () => {
    const { body } = await system.query(`query($id: ID!) { person(id: $id) { integrityScore { value grade } onSeriousDishonestyList } }`, { id: personId }, citizen);
    const { integrityScore, onSeriousDishonestyList } = body.data!.person;
    expect(text).toContain(`诚信积分：${integrityScore.value}分等级：${integrityScore.grade}`);
    expect(text).toContain(onSeriousDishonestyList ? '截至出具之日：已列入严重失信主体名单。' : '截至出具之日：未列入严重失信主体名单。');
  });

  it('verifies with no token; the same PDF with one byte changed does not', async () => {
    expect(await verify(report.number, report.verificationCode, sha256(report.pdf))).toEqual({ number: report.number, result: 'VALID', valid: true });
    const altered = Buffer.from(report.pdf);
    const at = Math.floor(altered.length / 2);
    altered[at] = altered[at]! ^ 0x01;
    expect(await verify(report.number, report.verificationCode, sha256(altered))).toEqual({ number: report.number, result: 'ALTERED', valid: false });
    expect((await verify(report.number, 'ZZZZZZZZ', sha256(report.pdf))).result).toBe('UNKNOWN');
  });

  it('renders its first page to PNG', () => {
    const dir = mkdtempSync(join(tmpdir(), 'credit-report-'));
    try {
      writeFileSync(join(dir, 'report.pdf'), report.pdf);
      try {
        execFileSync('pdftoppm', ['-png', '-r', '96', '-f', '1', '-l', '1', '-singlefile', join(dir, 'report.pdf'), join(dir, 'page')]);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !process.env.CI) return; // poppler-utils not installed here; CI installs it
        throw error;
      }
      const png = readFileSync(join(dir, 'page.png'));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      const width = png.readUInt32BE(16);
      const height = png.readUInt32BE(20);
      expect(Math.abs(height / width - Math.SQRT2)).toBeLessThan(0.01); // A4
      expect(png.length).toBeGreaterThan(20_000); // text, not a blank page
      if (process.env.REPORT_SAMPLE_PNG) copyFileSync(join(dir, 'page.png'), process.env.REPORT_SAMPLE_PNG);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is in the query log as a personal read: the write APPLIED, the report’s personal fields released, her id', async () => {
    const auditor = { token: await system.token({ role: 'AUDITOR', sub: 'auditor-1', department: 'audit' }), purpose: 'AUDIT' };
    const { body } = await system.query(
      `query($p: ID!) { accessLog(filter: { personId: $p, mutation: "requestCreditReport" }) { edges { node { principal role purpose operationName mutation outcome personIds fields { personal { allow } } } } } }`,
      { p: personId },
      auditor,
    );
    expect(body.errors).toBeUndefined();
    const entries = body.data!.accessLog.edges.map((e: { node: Record<string, any> }) => e.node);
    const mine = entries.find((e: Record<string, any>) => e.principal === 'citizen-siming' && e.outcome === 'APPLIED');
    expect(mine).toMatchObject({ role: 'CITIZEN', purpose: 'SELF_ACCESS', operationName: 'Report', mutation: 'requestCreditReport', personIds: [personId] });
    expect(mine.fields.personal.allow).toEqual(expect.arrayContaining(['Mutation.requestCreditReport', 'CreditReport.pdfBase64']));
  });
});

describe('who may have a report issued', () => {
  it('refuses the public, another citizen, an officer and an agency without her grant, and stores nothing', async () => {
    await refused({}, 'NO_PERMIT');
    await refused({ token: await system.token({ role: 'CITIZEN', sub: 'citizen-other', personId: '00000000-0000-4000-8000-000000000001' }), purpose: 'SELF_ACCESS' }, 'NOT_SELF');
    await refused({ token: await system.token({ role: 'OFFICER', department: '北京市朝阳区税务局' }), purpose: 'ADMINISTRATIVE_LICENSING' }, 'NO_PERMIT');
    await refused({ token: agencyToken, purpose: 'AUTHORIZED_QUERY' }, 'NOT_GRANTED');
    await refused({ token: agencyToken, purpose: 'AUTHORIZED_QUERY', grant: '00000000-0000-4000-8000-000000000002' }, 'NOT_GRANTED');
  });

  it('issues one to an agency under her live grant, masked as the read policy masks, until she revokes it', async () => {
    const granted = await system.query(
      `mutation { grantAuthorization(input: { grantee: "agency-42", purpose: AUTHORIZED_QUERY, scope: [IDENTITY, CREDIT_RECORDS], expiresAt: "2027-06-30T23:59:59+08:00" }) { id } }`,
      {},
      citizen,
    );
    expect(granted.body.errors).toBeUndefined();
    const grantId: string = granted.body.data!.grantAuthorization.id;
    await system.drain();
    const agency = { token: agencyToken, purpose: 'AUTHORIZED_QUERY', grant: grantId };
    const report = await issue(agency, { domains: ['FOOD_AND_DRUGS', 'TAXATION'] });
    const text = await pdfText(report.pdf);
    expect(text).toContain('姓名：司马玲');
    expect(text).toContain('公民身份号码：5101**********001X（已脱敏）');
    expect(text).not.toContain(CITIZEN_ID);
    expect(text).toContain('信用领域：食品药品、税务');
    expect(text).toContain('授权范围不含激励惩戒与诚信积分信息');
    expect((await verify(report.number, report.verificationCode, report.sha256)).result).toBe('VALID');
    // Her 查询记录 shows the agency's report among the changes to her data.
    const log = await system.query(`{ myAccessLog(first: 50) { edges { node { role purpose mutation outcome } } } }`, {}, citizen);
    expect(log.body.data!.myAccessLog.edges.map((e: { node: unknown }) => e.node)).toContainEqual({ role: 'AGENCY', purpose: 'AUTHORIZED_QUERY', mutation: 'requestCreditReport', outcome: 'APPLIED' });

    const revoked = await system.query(`mutation($id: ID!) { revokeAuthorization(id: $id) { status } }`, { id: grantId }, citizen);
    expect(revoked.body.errors).toBeUndefined();
    await system.drain();
    await refused(agency, 'NOT_GRANTED');
  });
});
