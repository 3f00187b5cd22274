/**
 * Issue 15, points 3 and 4, through the gateway on the demo data: the demo person 司马玲, on the
 * serious dishonesty list with honour records, is not on the red list at the same time and her
 * eligibility says which rule decided; a red list nomination is revoked by its department only
 * (another department's attempt changes nothing); a decision with several penalty types gets the
 * longest period among them, and the change feed carries the types.
 */
import { randomUUID } from 'node:crypto';
import { demoDataset } from '@credit/kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_NOW, startSystem, type CallAs, type GraphQLResponse, type System } from './harness.js';
import { auditor, recordInput } from './queries.js';

const SIMA_LING = '51010419930513001X';
const TODAY = DEFAULT_NOW.slice(0, 10);
const NOMINATING = '县文明办';

let system: System;
let incentiveOfficer: CallAs;

beforeAll(async () => {
  system = await startSystem({ dataset: { ...demoDataset(TODAY), persons: 200 } });
  await system.drain();
  incentiveOfficer = { token: await system.token({ role: 'OFFICER', department: NOMINATING, sub: 'officer-wenming' }), purpose: 'JOINT_INCENTIVE' };
}, 300_000);
afterAll(() => system?.close());

const LISTS = `query($c: String!) { personByCitizenIdNumber(citizenIdNumber: $c) {
  id name onSeriousDishonestyList onRedList eligibility { fastTrack reasons }
} }`;

describe('lists that cannot contradict', () => {
  it('shows 司马玲 on the serious dishonesty list and not on the red list, even with an honour, and says which rule decided', async () => {
    // The demo gives her a SERIOUS record; an honour recorded today would have put her on both lists.
    const id = (await system.graphql(`query($c: String!) { personByCitizenIdNumber(citizenIdNumber: $c) { id } }`, { c: SIMA_LING })).data!.personByCitizenIdNumber.id;
    const honour = recordInput(id, {
      kind: 'POSITIVE', severity: null, domain: 'VOLUNTEER_SERVICE', category: 'HONOUR', determiningAuthority: NOMINATING,
      documentNumber: '县文明表〔2026〕1号', legalBasis: '《志愿服务条例》第三十四条', summary: '优秀志愿者', decidedOn: TODAY,
    });
    delete (honour as Record<string, unknown>).severity;
    const submitted = await system.graphql(`mutation($input: SubmitCreditRecordInput!) { submitCreditRecord(input: $input) { id } }`, { input: honour }, {
      token: await system.token({ role: 'OFFICER', department: NOMINATING, sub: 'officer-honours' }),
      purpose: 'JOINT_INCENTIVE',
    });
    expect(submitted.errors).toBeUndefined();
    await system.drain();

    const body = await system.graphql(LISTS, { c: SIMA_LING }, incentiveOfficer);
    expect(body.errors).toBeUndefined();
    const person = body.data!.personByCitizenIdNumber;
    expect(person).toMatchObject({ name: '司马玲', onSeriousDishonestyList: true, onRedList: false, eligibility: { fastTrack: false } });
    const codes = (person.eligibility.reasons as string[]).map((r) => r.slice(0, r.indexOf(':')));
    expect(codes[0]).toBe('ON_SERIOUS_DISHONESTY_LIST');
    expect(codes).toContain('RED_LIST_SUSPENDED');
    expect(codes).not.toContain('ON_RED_LIST');
  });

  it('lets only the nominating department revoke a nomination; another department’s attempt changes nothing', async () => {
    const personId = randomUUID();
    const nominated = await system.graphql(
      `mutation($input: NominateRedListInput!) { nominateRedList(input: $input) { id live } }`,
      { input: { personId, nominatingDepartment: NOMINATING, reason: '优秀志愿者' } },
      incentiveOfficer,
    );
    expect(nominated.errors).toBeUndefined();
    const id = nominated.data!.nominateRedList.id as string;
    const REVOKE = `mutation($id: ID!, $reason: String!) { revokeRedListNomination(id: $id, reason: $reason) { id revokedOn revocationReason live } }`;
    const stored = async () => {
      const result = await system.subgraphs.incentives.database.db.execute(sql`select revoked_on, revocation_reason from incentives.red_list_entries where id = ${id}`);
      return (result as unknown as { rows?: unknown[] }).rows ?? result;
    };

    const before = await stored();
    const other = { token: await system.token({ role: 'OFFICER', department: '县市场监督管理局', sub: 'officer-other' }), purpose: 'JOINT_INCENTIVE' };
    const refused = await system.graphql(REVOKE, { id, reason: '不是本部门' }, other);
    // A stored row: the gateway lets it through, and incentives refuses it in its writing transaction.
    expect(refused.errors?.map((e) => e.extensions)).toMatchObject([{ code: 'FORBIDDEN_OPERATION', operation: 'revokeRedListNomination', reason: 'NOT_OWN_DEPARTMENT' }]);
    expect(await stored()).toEqual(before);

    const revoked = await system.graphql(REVOKE, { id, reason: '表彰事迹经核查不实' }, incentiveOfficer);
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data!.revokeRedListNomination).toEqual({ id, revokedOn: TODAY, revocationReason: '表彰事迹经核查不实', live: false });
  });
});

describe('several penalty types in one decision', () => {
  it('takes the longest period among them and carries them into the change feed', async () => {
    const person = await system.graphql(`query($c: String!) { personByCitizenIdNumber(citizenIdNumber: $c) { id } }`, { c: SIMA_LING });
    const subjectId = person.data!.personByCitizenIdNumber.id as string;
    const authority = '成都市武侯区市场监督管理局';
    const officer = { token: await system.token({ role: 'OFFICER', department: authority, sub: 'officer-penalties' }), purpose: 'JOINT_PUNISHMENT' };
    const SUBMIT = `mutation($input: SubmitCreditRecordInput!) { submitCreditRecord(input: $input) { id penaltyTypes minimumPublicityEndsOn publicityEndsOn } }`;
    const submit = (penaltyTypes: string[], n: number) =>
      system.graphql(SUBMIT, { input: recordInput(subjectId, { determiningAuthority: authority, documentNumber: `武侯市监罚〔2026〕${n}号`, decidedOn: TODAY, penaltyTypes }) }, officer);

    // ORDER_36 GENERAL: a warning alone 3 months; with a fine, 3 months to 1 year, 1 year by default.
    const warned = await submit(['WARNING'], 901);
    expect(warned.errors).toBeUndefined();
    expect(warned.data!.submitCreditRecord).toMatchObject({ penaltyTypes: ['WARNING'], minimumPublicityEndsOn: '2027-02-21', publicityEndsOn: '2027-02-21' });
    const fined = await submit(['FINE', 'WARNING'], 902);
    expect(fined.errors).toBeUndefined();
    expect(fined.data!.submitCreditRecord).toMatchObject({ penaltyTypes: ['WARNING', 'FINE'], minimumPublicityEndsOn: '2027-02-21', publicityEndsOn: '2027-11-21' });

    const feedReader = await auditor(system);
    const ids = new Set([warned.data!.submitCreditRecord.id, fined.data!.submitCreditRecord.id]);
    const seen = new Map<string, string[]>();
    let after: string | null = null;
    for (let page = 0; page < 200 && seen.size < ids.size; page++) {
      const feed: GraphQLResponse = await system.graphql(
        `query($after: String) { creditRecordChanges(after: $after, first: 100) { edges { node { recordId change record { penaltyTypes } } } pageInfo { hasNextPage endCursor } } }`,
        { after },
        feedReader,
      );
      expect(feed.errors).toBeUndefined();
      const { edges, pageInfo } = feed.data!.creditRecordChanges as {
        edges: { node: { recordId: string; change: string; record: { penaltyTypes: string[] } | null } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
      for (const { node } of edges) if (ids.has(node.recordId) && node.change === 'PUBLICATION_STARTED') seen.set(node.recordId, node.record?.penaltyTypes ?? []);
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect([...seen.values()].sort()).toEqual([['WARNING'], ['WARNING', 'FINE']]);
  });
});
