/**
 * Disputes reports to the query log whose objections, repairs and Person fields it served: the kit
 * derives that from the ownership table (schema/src/ownership.ts), so this checks that the parents
 * disputes' resolvers get carry what the table reads (rows: subjectId; representations: id).
 */
import { randomUUID } from 'node:crypto';
import { ManualClock, type ExecutionResult } from '@credit/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objections, repairApplications } from './db/schema.js';
import { startTestDisputes } from './subgraph.testing.js';

const clock = new ManualClock(new Date('2026-11-21T10:00:00+08:00'));
let t: Awaited<ReturnType<typeof startTestDisputes>>;

const [a, b] = [randomUUID(), randomUUID()];
const recordOfA = randomUUID();
const objectionOfA = randomUUID();
const repairOfA = randomUUID();
const objectionOfB = randomUUID();

beforeAll(async () => {
  t = await startTestDisputes(clock);
  const filedAt = new Date('2026-11-20T10:00:00+08:00');
  const objection = { filedBy: 'SUBJECT', reasons: '事实有误', status: 'SUBMITTED', filedOn: '2026-11-20', filedAt } as const;
  await t.db.insert(objections).values([
    { id: objectionOfA, recordId: recordOfA, subjectId: a, ...objection },
    { id: objectionOfB, recordId: randomUUID(), subjectId: b, ...objection },
  ]);
  await t.db.insert(repairApplications).values({
    id: repairOfA,
    recordId: recordOfA,
    subjectId: a,
    basis: 'OBLIGATION_FULFILLED',
    evidence: [],
    creditPledge: '本人承诺',
    status: 'SUBMITTED',
    filedOn: '2026-11-20',
    filedAt,
  });
});
afterAll(async () => {
  await t?.close();
});

async function served(query: string, variables?: Record<string, unknown>) {
  const result: ExecutionResult = await t.disputes.execute(query, variables);
  expect(result.errors).toBeUndefined();
  const ids = (result as { extensions?: { servedPersons?: string[] } }).extensions?.servedPersons;
  return ids ? [...ids].sort() : undefined;
}

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Person { objections { id } repairs { id } }
  ... on Objection { status }
  ... on RepairApplication { filedOn }
} }`;

describe('served persons (disputes)', () => {
  it('reports the subject of an objection or a repair application whose PERSONAL fields were read', async () => {
    expect(await served(`query($id: ID!) { objection(id: $id) { reasons subject { id } } }`, { id: objectionOfA })).toEqual([a]);
    expect(await served(`query($id: ID!) { repairApplication(id: $id) { status } }`, { id: repairOfA })).toEqual([a]);
  });

  it('reports nobody for the PUBLIC key alone', async () => {
    expect(await served(`query($id: ID!) { objection(id: $id) { id } }`, { id: objectionOfA })).toBeUndefined();
  });

  it('reports persons, objections and repairs fetched by the gateway through _entities', async () => {
    const representations = [
      { __typename: 'Person', id: b },
      { __typename: 'Objection', id: objectionOfA },
      { __typename: 'RepairApplication', id: repairOfA },
    ];
    expect(await served(ENTITIES, { r: representations })).toEqual([a, b].sort());
    // A person with nothing filed: asking still tells something about them.
    const nobody = randomUUID();
    expect(await served(ENTITIES, { r: [{ __typename: 'Person', id: nobody }] })).toEqual([nobody]);
  });

  it('reports the objections read under a credit record by their own subjects', async () => {
    // The record's representation is its key only (no subjectId): CreditRecord.objections itself
    // reports no one; the objections' PERSONAL fields report their subject.
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on CreditRecord { objections { status } repairs { status } } } }`;
    expect(await served(query, { r: [{ __typename: 'CreditRecord', id: recordOfA }] })).toEqual([a]);
  });
});
