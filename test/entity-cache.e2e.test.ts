/**
 * The gateway's entity cache (gateway/src/cache/): after every kind of decision the next unified
 * view shows the change, exactly as a gateway without the cache answers it; a revoked grant stops
 * an agency although its data is cached; a read served from the cache is in the query log with
 * its persons; random writes and reads, interleaved, never tell the two gateways apart.
 */
import { DEFAULT_ENTITY_CACHE } from '@credit/gateway/cache/config';
import { readAuditEntries } from '@credit/gateway/audit/index';
import type { RunningGateway } from '@credit/gateway/server';
import { makeCitizenId } from '@credit/kit';
import { freshNatsConfig, freshRedis } from '@credit/kit/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type CallAs, type GraphQLResponse, type System } from './harness.js';
import { PERSON_FIELDS, recordInput, submitter } from './queries.js';

let system: System;
let uncached: RunningGateway;
let office: CallAs;
let incentives: CallAs;
let officer: CallAs;

const VIEW = `query UnifiedView($id: ID!) { person(id: $id) { ${PERSON_FIELDS} onRedList redListEntries { id live } } }`;

beforeAll(async () => {
  system = await startSystem({ entityCache: DEFAULT_ENTITY_CACHE });
  uncached = await system.startGateway({ entityCache: false });
  office = { token: await system.token({ role: 'CREDIT_OFFICE', sub: 'cache-office', department: 'credit-office' }), purpose: 'OBJECTION_REVIEW' };
  incentives = { token: await system.token({ role: 'OFFICER', sub: 'cache-civility', department: '县文明办' }), purpose: 'JOINT_INCENTIVE' };
  officer = await submitter(system);
}, 400_000);
afterAll(() => system?.close());

async function post(url: string, query: string, variables: Record<string, unknown>, as: CallAs): Promise<GraphQLResponse<any>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${as.token}` };
  if (as.purpose) headers['x-purpose'] = as.purpose;
  if (as.grant) headers['x-authorization-grant'] = as.grant;
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as GraphQLResponse<any>;
}

/** Entity lookups answered from the cache (hit) or the subgraph (miss) so far. */
async function lookups(gateway = system.gateway.url): Promise<{ hit: number; miss: number }> {
  const text = await (await fetch(`${gateway}/metrics`)).text();
  const sum = (result: string) =>
    [...text.matchAll(new RegExp(`^credit_gateway_entity_cache_lookups_total\\{[^}]*result="${result}"[^}]*\\} (\\d+)`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
  return { hit: sum('hit'), miss: sum('miss') };
}

/** The cached gateway's answer, checked against the uncached one's. */
async function view(id: string, as: CallAs = office) {
  const cached = await post(system.gateway.url, VIEW, { id }, as);
  const fresh = await post(uncached.url, VIEW, { id }, as);
  expect(cached).toEqual(fresh);
  expect(cached.errors, JSON.stringify(cached.errors)).toBeUndefined();
  return cached.data!.person;
}

/** Twice, the second time from the cache: what a change must get past. */
async function warm(id: string, as: CallAs = office) {
  await view(id, as);
  const before = await lookups();
  const person = await view(id, as);
  expect((await lookups()).hit).toBeGreaterThan(before.hit);
  return person;
}

async function ok(query: string, variables: Record<string, unknown>, as: CallAs) {
  const { body } = await system.query(query, variables, as);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
}

let serial = 0;
async function newPerson(): Promise<string> {
  serial++;
  const registered = await ok(
    `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`,
    { input: { name: `缓存测试${serial}`, citizenIdNumber: makeCitizenId('110105', '1980-01-01', serial) } },
    office,
  );
  return registered.registerPerson.id;
}

const SUBMIT = `mutation($input: SubmitCreditRecordInput!) { submitCreditRecord(input: $input) { id } }`;
const FILE_OBJECTION = `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id } }`;
const DECIDE_OBJECTION = `mutation($id: ID!) { decideObjection(id: $id, outcome: REJECTED, reasons: "经核查，处罚决定事实清楚") { status } }`;
const NOMINATE = `mutation($input: NominateRedListInput!) { nominateRedList(input: $input) { id } }`;

let documentNumber = 0;
const submit = async (personId: string, overrides: Record<string, unknown> = {}) =>
  (await ok(SUBMIT, { input: recordInput(personId, { documentNumber: `缓存罚〔2026〕${++documentNumber}号`, ...overrides }) }, officer)).submitCreditRecord.id as string;

describe('the next unified view after each kind of decision', () => {
  let personId: string;
  let recordId: string;
  let objectionId: string;

  beforeAll(async () => {
    personId = await newPerson();
    recordId = await submit(personId);
    await system.drain();
  });

  it('record submitted: the new record, at once, and the score once incentives has it', async () => {
    const before = await warm(personId);
    expect(before.creditRecords.edges).toHaveLength(1);
    const second = await submit(personId);
    // Read-your-writes: records answers the person's records afresh before any event arrived.
    const { body } = await system.query(`query($id: ID!) { person(id: $id) { creditRecords { edges { node { id } } } } }`, { id: personId }, office);
    expect(body.data!.person.creditRecords.edges.map((e: any) => e.node.id)).toContain(second);
    await system.drain();
    const after = await view(personId);
    expect(after.creditRecords.edges).toHaveLength(2);
    expect(after.integrityScore).not.toEqual(before.integrityScore);
  });

  it('objection filed: the record is under objection and the objection listed', async () => {
    await warm(personId);
    const citizen = { token: await system.token({ role: 'CITIZEN', sub: 'cache-citizen', personId }), purpose: 'SELF_ACCESS' };
    objectionId = (await ok(FILE_OBJECTION, { input: { recordId, reasons: '处罚所依据的事实有误' } }, citizen)).fileObjection.id;
    await system.drain();
    const after = await view(personId);
    expect(after.creditRecords.edges.find((e: any) => e.node.id === recordId).node).toMatchObject({ underObjection: true, objections: [{ id: objectionId, status: 'SUBMITTED' }] });
    expect(after.objections.map((o: any) => o.id)).toContain(objectionId);
  });

  it('objection decided: rejected, and the flag cleared', async () => {
    await warm(personId);
    await ok(DECIDE_OBJECTION, { id: objectionId }, office);
    await system.drain();
    const after = await view(personId);
    expect(after.creditRecords.edges.find((e: any) => e.node.id === recordId).node).toMatchObject({ underObjection: false, objections: [{ id: objectionId, status: 'REJECTED' }] });
  });

  it('repair approved: the record leaves the view and the score', async () => {
    const before = await warm(personId);
    const reviewer = { ...office, purpose: 'CREDIT_REPAIR_REVIEW' };
    const input = { recordId, basis: 'PENALTY_PAID', evidence: ['罚款缴纳凭证'], creditPledge: '本人承诺今后诚信守法。', pledgeAccepted: true };
    const filed = await ok(`mutation($input: FileRepairApplicationInput!) { fileRepairApplication(input: $input) { id } }`, { input }, reviewer);
    await ok(`mutation($id: ID!) { decideRepair(id: $id, outcome: APPROVED, reasons: "已履行义务并作出信用承诺") { status } }`, { id: filed.fileRepairApplication.id }, reviewer);
    await system.drain();
    const after = await view(personId);
    expect(after.creditRecords.edges.map((e: any) => e.node.id)).not.toContain(recordId);
    expect(after.repairs.map((r: any) => r.status)).toContain('APPROVED');
    expect(after.integrityScore).not.toEqual(before.integrityScore);
  });

  it('red-list nomination: the person is on the red list', async () => {
    const other = await newPerson();
    // Its registration's events, applied by the other departments, drop what they touched from
    // the cache: delivered first, so they cannot land between warm()'s two reads.
    await system.drain();
    expect((await warm(other)).onRedList).toBe(false);
    await ok(NOMINATE, { input: { personId: other, nominatingDepartment: '县文明办', reason: '见义勇为' } }, incentives);
    const after = await view(other);
    expect(after.onRedList).toBe(true);
    expect(after.redListEntries).toHaveLength(1);
  });
});

describe('grants and the query log with cached data', () => {
  it('a revoked grant stops the agency at its next request, though what it read is cached', async () => {
    const personId = await newPerson();
    await submit(personId);
    await system.drain();
    const citizen = { token: await system.token({ role: 'CITIZEN', sub: 'cache-grantor', personId }), purpose: 'SELF_ACCESS' };
    const granted = await ok(
      `mutation($input: GrantAuthorizationInput!) { grantAuthorization(input: $input) { id } }`,
      { input: { grantee: 'cache-agency', purpose: 'AUTHORIZED_QUERY', scope: ['IDENTITY', 'CREDIT_RECORDS'], expiresAt: '2027-06-30T23:59:59+08:00' } },
      citizen,
    );
    await system.drain();
    const agency = { token: await system.token({ role: 'AGENCY', sub: 'cache-agency' }), purpose: 'AUTHORIZED_QUERY', grant: granted.grantAuthorization.id };
    const AGENCY_VIEW = `query($id: ID!) { person(id: $id) { name creditRecords { edges { node { id summary } } } } }`;
    const read = () => post(system.gateway.url, AGENCY_VIEW, { id: personId }, agency);
    expect((await read()).data!.person.creditRecords.edges).toHaveLength(1);
    const before = await lookups();
    const cached = await read();
    expect((await lookups()).hit).toBeGreaterThan(before.hit);
    expect(cached.data!.person.name).toBe('缓存测试' + serial);

    await ok(`mutation($id: ID!) { revokeAuthorization(id: $id) { status } }`, { id: granted.grantAuthorization.id }, citizen);
    const after = await read();
    expect(JSON.stringify(after)).not.toContain('缓存测试');
    expect(after.data?.person?.creditRecords ?? null).toBeNull();
    expect(after).toEqual(await post(uncached.url, AGENCY_VIEW, { id: personId }, agency));
  });

  it('logs a read served from the cache with the persons it served', async () => {
    const personId = await newPerson();
    await submit(personId);
    await system.drain();
    // person(id) { id } serves nobody (a PUBLIC key); the records come from records' entity answer.
    const RECORDS_ONLY = `query RecordsOnly($id: ID!) { person(id: $id) { id creditRecords { edges { node { summary } } } } }`;
    await post(system.gateway.url, RECORDS_ONLY, { id: personId }, office);
    const before = await lookups();
    const answer = await post(system.gateway.url, RECORDS_ONLY, { id: personId }, office);
    const after = await lookups();
    expect(answer.data!.person.creditRecords.edges).toHaveLength(1);
    expect(after.hit - before.hit).toBeGreaterThan(0);
    expect(after.miss).toBe(before.miss);
    // The newest entry of all is the cached read's, and both reads are logged with the person.
    const [entry] = await readAuditEntries(system.gateway.auditDatabase.db, {}, 1, null);
    expect(entry).toMatchObject({ operationName: 'RecordsOnly', outcome: 'ANSWERED', personIds: [personId], principalSub: 'cache-office' });
    expect(entry!.fields.PERSONAL?.ALLOW).toContain('CreditRecord.summary');
    const reads = await readAuditEntries(system.gateway.auditDatabase.db, { personId }, 10, null);
    expect(reads.filter((r) => r.operationName === 'RecordsOnly')).toHaveLength(2);
  });
});

describe('random writes and reads, interleaved', () => {
  it('every read through the cache equals the uncached gateway’s', async () => {
    const persons = [await newPerson(), await newPerson(), await newPerson()];
    const records: string[] = [];
    const objections: string[] = [];
    const person = fc.integer({ min: 0, max: persons.length - 1 });
    const command = fc.oneof(
      { weight: 4, arbitrary: person.map((i) => ({ kind: 'read' as const, i })) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('submit' as const), i: person, serious: fc.boolean() }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('object' as const), n: fc.nat() }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('decide' as const), n: fc.nat() }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('nominate' as const), i: person }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 4, maxLength: 10 }), async (commands) => {
        for (const c of commands) {
          if (c.kind === 'read') {
            await view(persons[c.i]!);
            continue;
          }
          if (c.kind === 'submit') records.push(await submit(persons[c.i]!, c.serious ? { severity: 'SERIOUS', domain: 'FOOD_AND_DRUGS' } : {}));
          if (c.kind === 'object' && records.length) {
            const { body } = await system.query(FILE_OBJECTION, { input: { recordId: records[c.n % records.length], reasons: '事实有误' } }, office);
            if (body.data?.fileObjection) objections.push(body.data.fileObjection.id);
          }
          if (c.kind === 'decide' && objections.length) await system.query(DECIDE_OBJECTION, { id: objections.splice(c.n % objections.length, 1)[0] }, office);
          if (c.kind === 'nominate') await system.query(NOMINATE, { input: { personId: persons[c.i], nominatingDepartment: '县文明办', reason: '见义勇为' } }, incentives);
          await system.drain();
        }
      }),
      { numRuns: 8 },
    );
  }, 300_000);
});

describe('on Redis, with the departments’ events on NATS', () => {
  it('drops what an objection changed once records has applied it, for every gateway sharing the cache', async () => {
    const nats = freshNatsConfig();
    const redis = await freshRedis();
    const other = await startSystem({ subgraphs: { events: nats } });
    try {
      // Two gateways on one Redis cache; the system's own gateway has none.
      const [one, two] = [
        await other.startGateway({ redis, entityCache: DEFAULT_ENTITY_CACHE }),
        await other.startGateway({ redis, entityCache: DEFAULT_ENTITY_CACHE }),
      ];
      const reviewer = { token: await other.token({ role: 'CREDIT_OFFICE', sub: 'nats-office', department: 'credit-office' }), purpose: 'OBJECTION_REVIEW' };
      const registered = await other.query(`mutation { registerPerson(input: { name: "缓存总线", citizenIdNumber: "${makeCitizenId('110105', '1975-05-05', 1)}" }) { id } }`, {}, reviewer);
      const personId: string = registered.body.data!.registerPerson.id;
      const submitted = await other.query(SUBMIT, { input: recordInput(personId, { documentNumber: '缓存总线罚〔2026〕1号' }) }, await submitter(other));
      const recordId: string = submitted.body.data!.submitCreditRecord.id;
      await other.drain();
      await post(one.url, VIEW, { id: personId }, reviewer);
      const before = await lookups(two.url);
      const warm = await post(two.url, VIEW, { id: personId }, reviewer);
      expect((await lookups(two.url)).hit).toBeGreaterThan(before.hit);
      expect(warm.data!.person.creditRecords.edges[0].node.underObjection).toBe(false);

      // Filed through the uncached gateway: only the events tell the cache.
      const citizen = { token: await other.token({ role: 'CITIZEN', sub: 'nats-citizen', personId }), purpose: 'SELF_ACCESS' };
      const filed = await other.query(FILE_OBJECTION, { input: { recordId, reasons: '处罚所依据的事实有误' } }, citizen);
      expect(filed.body.errors).toBeUndefined();
      await other.drain();
      const fresh = await post(other.gateway.url, VIEW, { id: personId }, reviewer);
      expect(fresh.data!.person.creditRecords.edges[0].node.underObjection).toBe(true);
      expect(await post(one.url, VIEW, { id: personId }, reviewer)).toEqual(fresh);
      expect(await post(two.url, VIEW, { id: personId }, reviewer)).toEqual(fresh);
    } finally {
      await other.close();
      await redis.drop();
      await nats.drop();
    }
  }, 300_000);
});
