/**
 * Issue 4, point 1: at publicityEndsOn a record leaves every view at once, decided by the clock.
 * Boundary dates for each regime and severity, with the default (maximum) end.
 */
import { randomUUID } from 'node:crypto';
import { addDays, type ManualClock, type RunningSubgraph } from '@credit/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDITOR, caller, recordInput, startTestRecords, submitterOf } from './testing.js';

let records: RunningSubgraph;
let clock: ManualClock;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ records, clock, close } = await startTestRecords('2026-11-21T10:00:00+08:00'));
});
afterAll(() => close?.());

const OFFICE = caller('CREDIT_OFFICE', 'JOINT_PUNISHMENT');
const SUBMIT = `mutation($input: SubmitCreditRecordInput!) { submitCreditRecord(input: $input) {
  id publicityEndsOn minimumPublicityEndsOn publicityRegime } }`;
const VIEW = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { creditRecords { edges { node { id status } } } } } }`;
// Grouped, so that no record gives no cell (a total over nothing would be a suppressed zero).
const STATS = `query($filter: CreditStatisticsFilter) { creditStatistics(groupBy: [SEVERITY], filter: $filter) { severity count persons suppressed } }`;
const FEED = `query($after: String) { creditRecordChanges(after: $after, first: 100) {
  edges { node { recordId change reason effectiveOn } } pageInfo { hasNextPage endCursor } } }`;

interface Change {
  recordId: string;
  change: string;
  reason: string | null;
  effectiveOn: string;
}

async function feed(): Promise<Change[]> {
  const changes: Change[] = [];
  let after: string | null = null;
  for (;;) {
    const result = await records.execute(FEED, { after }, OFFICE);
    expect(result.errors).toBeUndefined();
    const page = result.data?.creditRecordChanges as { edges: { node: Change }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    changes.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return changes;
    after = page.pageInfo.endCursor;
  }
}

describe.each([
  // regime, severity, domain, decided, default end, minimum end
  ['NOTICE_2019_527', 'MINOR', 'TAXATION', '2020-03-10', '2020-03-10', '2020-03-10'],
  ['NOTICE_2019_527', 'GENERAL', 'TAXATION', '2020-03-10', '2021-03-10', '2020-06-10'],
  ['NOTICE_2019_527', 'SERIOUS', 'TAXATION', '2020-03-10', '2023-03-10', '2020-09-10'],
  ['ORDER_58', 'MINOR', 'TAXATION', '2024-01-31', '2024-01-31', '2024-01-31'],
  ['ORDER_58', 'GENERAL', 'TAXATION', '2024-01-31', '2027-01-31', '2024-04-30'],
  ['ORDER_58', 'SERIOUS', 'TAXATION', '2024-01-31', '2027-01-31', '2024-04-30'],
  ['ORDER_58', 'GENERAL', 'WORK_SAFETY', '2024-01-31', '2027-01-31', '2025-01-31'],
  ['ORDER_58', 'SERIOUS', 'FIRE_SAFETY', '2024-01-31', '2027-01-31', '2025-01-31'],
  ['ORDER_58', 'SERIOUS', 'SPECIAL_EQUIPMENT', '2024-01-31', '2027-01-31', '2025-01-31'],
  ['ORDER_36', 'MINOR', 'TAXATION', '2026-05-10', '2026-05-10', '2026-05-10'],
  ['ORDER_36', 'GENERAL', 'TAXATION', '2026-05-10', '2027-05-10', '2026-08-10'],
  ['ORDER_36', 'SERIOUS', 'TAXATION', '2026-05-10', '2029-05-10', '2027-05-10'],
] as const)('%s %s %s decided %s', (regime, severity, domain, decidedOn, endsOn, minimumEndsOn) => {
  // Five persons, so the statistics cell is not suppressed.
  const persons = Array.from({ length: 5 }, () => randomUUID());
  const ids: string[] = [];
  const filter = { decidedFrom: decidedOn, decidedTo: decidedOn, domain, severity };

  const view = async () => {
    const result = await records.execute(VIEW, { r: persons.map((id) => ({ __typename: 'Person', id })) }, OFFICE);
    expect(result.errors).toBeUndefined();
    return (result.data?._entities as { creditRecords: { edges: { node: { id: string; status: string } }[] } }[]).flatMap((p) =>
      p.creditRecords.edges.map((e) => e.node),
    );
  };
  const statistics = async () => (await records.execute(STATS, { filter }, OFFICE)).data?.creditStatistics;
  const ours = async () => (await feed()).filter((c) => ids.includes(c.recordId));
  const statusOf = async (id: string) =>
    ((await records.execute(`query($id: ID!) { creditRecord(id: $id) { status } }`, { id }, AUDITOR)).data?.creditRecord as { status: string }).status;

  beforeAll(async () => {
    clock.set(`${decidedOn}T10:00:00+08:00`);
    for (const subjectId of persons) {
      const input = recordInput({ subjectId, severity, domain, decidedOn });
      const result = await records.execute(SUBMIT, { input }, submitterOf(input));
      expect(result.errors).toBeUndefined();
      const record = result.data?.submitCreditRecord as { id: string };
      expect(record).toMatchObject({ publicityEndsOn: endsOn, minimumPublicityEndsOn: minimumEndsOn, publicityRegime: regime });
      ids.push(record.id);
    }
  });

  if (endsOn === decidedOn) {
    it('is never published: not in the person view, statistics or feed, even on its decision date', async () => {
      expect(await view()).toEqual([]);
      expect(await statistics()).toEqual([]);
      expect(await ours()).toEqual([]);
      expect(await statusOf(ids[0]!)).toBe('EXPIRED');
    });
    return;
  }

  it(`is ACTIVE in every view until the end of ${addDays(endsOn, -1)}`, async () => {
    clock.set(`${addDays(endsOn, -1)}T23:59:59+08:00`);
    expect(await view()).toEqual(ids.map((id) => ({ id, status: 'ACTIVE' })));
    expect(await statistics()).toEqual([{ severity, count: 5, persons: 5, suppressed: false }]);
    expect(await ours()).toEqual(ids.map((recordId) => ({ recordId, change: 'PUBLICATION_STARTED', reason: null, effectiveOn: decidedOn })));
  });

  it(`is gone from every view on ${endsOn}, when the feed ends its publication by expiry`, async () => {
    clock.set(`${endsOn}T00:00:00+08:00`);
    expect(await view()).toEqual([]);
    expect(await statistics()).toEqual([]);
    const changes = await ours();
    // One statement ends them all, in (publicityEndsOn, id) order.
    expect(changes.filter((c) => c.change === 'PUBLICATION_ENDED')).toEqual(
      [...ids].sort().map((recordId) => ({ recordId, change: 'PUBLICATION_ENDED', reason: 'EXPIRED', effectiveOn: endsOn })),
    );
    expect(await statusOf(ids[0]!)).toBe('EXPIRED');
    // Read again: the expiry is written once.
    expect(await ours()).toEqual(changes);
  });
});
