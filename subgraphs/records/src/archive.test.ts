import { randomUUID } from 'node:crypto';
import type { RunningSubgraph } from '@credit/kit';
import type { CallerContext } from '@credit/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDITOR, caller, deliver, objectionDecided, repairApproved, startTestRecords, submitRecord } from './testing.js';

let records: RunningSubgraph;
let close: () => Promise<void>;
const person = randomUUID();
const ids = { ACTIVE: '', EXPIRED: '', REPAIRED: '', REVOKED: '' };

beforeAll(async () => {
  ({ records, close } = await startTestRecords('2026-11-21T10:00:00+08:00'));
  ids.ACTIVE = (await submitRecord(records, { subjectId: person, decidedOn: '2026-10-01' })).id;
  // ORDER_58, 3 years at most: expired on 2026-05-10.
  ids.EXPIRED = (await submitRecord(records, { subjectId: person, decidedOn: '2023-05-10' })).id;
  ids.REPAIRED = (await submitRecord(records, { subjectId: person, decidedOn: '2026-09-01' })).id;
  ids.REVOKED = (await submitRecord(records, { subjectId: person, decidedOn: '2026-08-01' })).id;
  await deliver(records, [repairApproved(ids.REPAIRED, '2026-11-20'), objectionDecided(ids.REVOKED, '2026-11-20')]);
});
afterAll(() => close?.());

const ARCHIVED = ['EXPIRED', 'REPAIRED', 'REVOKED'] as const;
const RECORD = `query($id: ID!) { creditRecord(id: $id) { id status } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on CreditRecord { id status } } }`;
const LIST = `query($r: [_Any!]!, $status: RecordStatus) { _entities(representations: $r) {
  ... on Person { creditRecords(status: $status) { edges { node { id status } } } } } }`;
const representations = () => Object.values(ids).map((id) => ({ __typename: 'CreditRecord', id }));

async function statementsOf<T>(run: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const before = records.database.counter.statements;
  const result = await run();
  return { result, statements: records.database.counter.statements - before };
}

describe.each([
  ['PUBLIC', caller('PUBLIC')],
  ['OFFICER', caller('OFFICER', 'ADMINISTRATIVE_LICENSING')],
  ['CREDIT_OFFICE', caller('CREDIT_OFFICE', 'OBJECTION_REVIEW')],
  ['AUDITOR without purpose AUDIT', caller('AUDITOR', 'STATISTICS')],
  ['an agency under a grant', { ...caller('AGENCY', 'AUTHORIZED_QUERY'), grantId: randomUUID() }],
  ['another citizen', caller('CITIZEN', 'SELF_ACCESS', { personId: randomUUID() })],
  ['the subject under PUBLIC_DISCLOSURE', caller('CITIZEN', 'PUBLIC_DISCLOSURE', { personId: person })],
] as [string, CallerContext][])('the archive for %s', (_name, who) => {
  it('creditRecord(id) is null for a record out of publication, the record itself while published', async () => {
    expect((await records.execute(RECORD, { id: ids.ACTIVE }, who)).data?.creditRecord).toEqual({ id: ids.ACTIVE, status: 'ACTIVE' });
    for (const status of ARCHIVED) {
      const result = await records.execute(RECORD, { id: ids[status] }, who);
      expect(result.errors).toBeUndefined();
      expect(result.data?.creditRecord).toBeNull();
    }
  });

  it('entity references resolve to null, still in one statement', async () => {
    const { result, statements } = await statementsOf(() => records.execute(ENTITIES, { r: representations() }, who));
    expect(result.data?._entities).toEqual([{ id: ids.ACTIVE, status: 'ACTIVE' }, null, null, null]);
    expect(statements).toBe(1);
  });

  it('listing a person\'s archived records is FORBIDDEN_ARCHIVE, without a statement', async () => {
    for (const status of ARCHIVED) {
      const { result, statements } = await statementsOf(() => records.execute(LIST, { r: [{ __typename: 'Person', id: person }], status }, who));
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN_ARCHIVE', status });
      expect(result.data?._entities).toEqual([{ creditRecords: null }]);
      expect(statements).toBe(0);
    }
    const active = await records.execute(LIST, { r: [{ __typename: 'Person', id: person }] }, who);
    expect(active.data?._entities).toEqual([{ creditRecords: { edges: [{ node: { id: ids.ACTIVE, status: 'ACTIVE' } }] } }]);
  });
});

describe('the archive for AUDITOR with purpose AUDIT', () => {
  it('reads every record by id and by reference, with its status', async () => {
    for (const [status, id] of Object.entries(ids)) {
      expect((await records.execute(RECORD, { id }, AUDITOR)).data?.creditRecord).toEqual({ id, status });
    }
    const { result, statements } = await statementsOf(() => records.execute(ENTITIES, { r: representations() }, AUDITOR));
    expect(result.data?._entities).toEqual(Object.entries(ids).map(([status, id]) => ({ id, status })));
    expect(statements).toBe(1);
  });

  it('lists a person\'s records by archived status', async () => {
    for (const status of ARCHIVED) {
      const result = await records.execute(LIST, { r: [{ __typename: 'Person', id: person }], status }, AUDITOR);
      expect(result.data?._entities).toEqual([{ creditRecords: { edges: [{ node: { id: ids[status], status } }] } }]);
    }
  });
});

describe('the archive for the subject (CITIZEN × SELF_ACCESS, PIPL Art. 45)', () => {
  const self = caller('CITIZEN', 'SELF_ACCESS', { personId: person });

  it('reads their own archived records by id and by listing, with their status and repair history', async () => {
    for (const [status, id] of Object.entries(ids)) {
      expect((await records.execute(RECORD, { id }, self)).data?.creditRecord).toEqual({ id, status });
    }
    for (const status of ARCHIVED) {
      const result = await records.execute(LIST, { r: [{ __typename: 'Person', id: person }], status }, self);
      expect(result.data?._entities).toEqual([{ creditRecords: { edges: [{ node: { id: ids[status], status } }] } }]);
    }
    const repaired = await records.execute(`query($id: ID!) { creditRecord(id: $id) { status repairedOn revokedOn } }`, { id: ids.REPAIRED }, self);
    expect(repaired.data?.creditRecord).toMatchObject({ status: 'REPAIRED', repairedOn: '2026-11-20' });
  });
});
