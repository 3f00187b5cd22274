import { randomUUID } from 'node:crypto';
import { encodeCursor, type RunningSubgraph } from '@credit/kit';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditRecords } from './db/schema.js';
import { insertRecords, newRecord } from './store.js';
import { AUDITOR, caller, deliver, objectionDecided, recordInput, repairApproved, startTestRecords, submitRecord } from './testing.js';
import { validateRecord } from './validation.js';

const TODAY = '2026-11-21T10:00:00+08:00';
let records: RunningSubgraph;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ records, close } = await startTestRecords(TODAY));
});
afterAll(() => close?.());

const OFFICE = caller('CREDIT_OFFICE', 'JOINT_PUNISHMENT');
const FEED = `query($after: String, $first: Int) { creditRecordChanges(after: $after, first: $first) {
  edges { cursor node { sequence change reason recordId effectiveOn recordedAt } } pageInfo { hasNextPage endCursor } } }`;

interface Change {
  sequence: string;
  change: string;
  reason: string | null;
  recordId: string;
  effectiveOn: string;
  recordedAt: string;
}
interface Page {
  edges: { cursor: string; node: Change }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function page(after: string | null, first?: number): Promise<Page> {
  const result = await records.execute(FEED, { after, first }, OFFICE);
  expect(result.errors).toBeUndefined();
  return result.data?.creditRecordChanges as Page;
}

/** Reads pages from `after` until hasNextPage is false: the changes and the cursor to resume from. */
async function readAll(after: string | null, first = 100): Promise<{ changes: Change[]; cursor: string | null }> {
  const changes: Change[] = [];
  for (;;) {
    const current = await page(after, first);
    expect(current.edges.length).toBeLessThanOrEqual(first);
    changes.push(...current.edges.map((e) => e.node));
    after = current.pageInfo.endCursor;
    if (!current.pageInfo.hasNextPage) return { changes, cursor: after };
  }
}

const summary = (changes: Change[]) => changes.map((c) => [c.recordId, c.change, c.reason]);

function expectStrictlyIncreasing(changes: Change[]) {
  const sequences = changes.map((c) => Number(c.sequence));
  expect(sequences.every((s, i) => i === 0 || s > sequences[i - 1]!)).toBe(true);
}

describe('creditRecordChanges', () => {
  let cursorAfterStory: string | null;

  it('lists publication starts and ends in the order they happened', async () => {
    const repaired = await submitRecord(records);
    await submitRecord(records, { severity: 'MINOR' });
    await submitRecord(records, { decidedOn: '2023-05-10' });
    const revoked = await submitRecord(records);
    const corrected = await submitRecord(records, { severity: 'SERIOUS' });
    await deliver(records, [repairApproved(repaired.id, '2026-11-21'), objectionDecided(revoked.id, '2026-11-21')]);
    await deliver(records, [objectionDecided(corrected.id, '2026-11-21', { correction: { severity: 'GENERAL' } })]);

    const { changes, cursor } = await readAll(null);
    cursorAfterStory = cursor;
    const copy = changes.at(-1)!.recordId;
    // The MINOR record is never published, the 2023 one had expired before it was submitted.
    expect(summary(changes)).toEqual([
      [repaired.id, 'PUBLICATION_STARTED', null],
      [revoked.id, 'PUBLICATION_STARTED', null],
      [corrected.id, 'PUBLICATION_STARTED', null],
      [repaired.id, 'PUBLICATION_ENDED', 'REPAIRED'],
      [revoked.id, 'PUBLICATION_ENDED', 'REVOKED'],
      [corrected.id, 'PUBLICATION_ENDED', 'CORRECTED'],
      [copy, 'PUBLICATION_STARTED', null],
    ]);
    expectStrictlyIncreasing(changes);
    expect(changes.every((c) => c.effectiveOn && !Number.isNaN(Date.parse(c.recordedAt)))).toBe(true);
    // The expiry pass reads only open publications: of these records, only the corrected copy's is open.
    const open = await records.database.db
      .select({ id: creditRecords.id })
      .from(creditRecords)
      .where(and(eq(creditRecords.publicationOpen, true), inArray(creditRecords.id, [repaired.id, revoked.id, corrected.id, copy])));
    expect(open).toEqual([{ id: copy }]);
  });

  it('gives every change once, in order, when read page by page with each endCursor', async () => {
    const whole = await readAll(null);
    for (const size of [1, 2, 3]) {
      const paged = await readAll(null, size);
      expect(paged.changes).toEqual(whole.changes);
      expect(paged.cursor).toBe(whole.cursor);
    }
    // Caught up: an empty page that hands the cursor back, then the changes written since.
    const caughtUp = await page(cursorAfterStory);
    expect(caughtUp).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: cursorAfterStory } });
    const later = await submitRecord(records);
    expect(summary((await readAll(cursorAfterStory)).changes)).toEqual([[later.id, 'PUBLICATION_STARTED', null]]);
  });

  it('defaults to 100 changes a page and refuses sizes outside 1..100 and forged cursors', async () => {
    const writes = Array.from({ length: 110 }, () => recordInput());
    await records.database.db.transaction(async (tx) => {
      const rows = writes.map((input) => {
        const result = validateRecord(input, '2026-11-21');
        if (!result.ok) throw new Error(result.violation.message);
        return newRecord(result.record, new Date());
      });
      await insertRecords(tx, rows, '2026-11-21');
    });
    expect((await page(null)).edges).toHaveLength(100);
    for (const [first, after] of [
      [0, null],
      [101, null],
      [1.5, null],
      [10, 'nope'],
      [10, encodeCursor(['7'])],
      [10, encodeCursor([-1])],
      [10, encodeCursor([1, 2])],
    ] as const) {
      const result = await records.execute(FEED, { first, after }, OFFICE);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('links the record while it is published; once archived only for AUDITOR × AUDIT', async () => {
    const RECORD = `query($after: String) { creditRecordChanges(after: $after) { edges { node { change record { id status } } } } }`;
    const start = (await readAll(null)).cursor;
    const record = await submitRecord(records);
    const nodes = async (as = OFFICE) =>
      ((await records.execute(RECORD, { after: start }, as)).data?.creditRecordChanges as { edges: { node: unknown }[] }).edges.map((e) => e.node);
    expect(await nodes()).toEqual([{ change: 'PUBLICATION_STARTED', record: { id: record.id, status: 'ACTIVE' } }]);
    await deliver(records, [repairApproved(record.id, '2026-11-21')]);
    expect(await nodes()).toEqual([
      { change: 'PUBLICATION_STARTED', record: null },
      { change: 'PUBLICATION_ENDED', record: null },
    ]);
    expect(await nodes(AUDITOR)).toEqual([
      { change: 'PUBLICATION_STARTED', record: { id: record.id, status: 'REPAIRED' } },
      { change: 'PUBLICATION_ENDED', record: { id: record.id, status: 'REPAIRED' } },
    ]);
  });

  it('reads a page in a number of statements that does not grow with its size', async () => {
    const WITH_RECORDS = `query($first: Int) { creditRecordChanges(first: $first) { edges { node { sequence record { id subject { id } } } } } }`;
    const statementsFor = async (first: number) => {
      const before = records.database.counter.statements;
      const result = await records.execute(WITH_RECORDS, { first }, OFFICE);
      expect((result.data?.creditRecordChanges as Page).edges).toHaveLength(first);
      return records.database.counter.statements - before;
    };
    // The feed lock, the expiry statement, the page, and one batch of records.
    expect(await statementsFor(2)).toBe(4);
    expect(await statementsFor(100)).toBe(4);
  });
});

describe('creditRecordChanges under concurrent writers and readers', () => {
  it('never skips or repeats a change while 20 submits and 5 repairs run against 3 paging readers', async () => {
    const start = (await readAll(null)).cursor;
    let writing = true;
    const writers = Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const record = await submitRecord(records, { subjectId: randomUUID() });
        if (i % 4 === 0) await deliver(records, [repairApproved(record.id, '2026-11-21')]);
      }),
    ).finally(() => (writing = false));
    const reader = async () => {
      const seen: Change[] = [];
      let after = start;
      // Keep reading small pages while writers run, then once more to the end.
      for (let done = false; !done; ) {
        done = !writing;
        const current = await readAll(after, 3);
        seen.push(...current.changes);
        after = current.cursor;
      }
      return seen;
    };
    const [, ...seenByReaders] = await Promise.all([writers, reader(), reader(), reader()]);

    const all = (await readAll(start)).changes;
    expect(all).toHaveLength(20 + 5);
    expectStrictlyIncreasing(all);
    for (const seen of seenByReaders) expect(seen).toEqual(all);
  });

  it('makes a writer wait for the one before it, so commit order is sequence order', async () => {
    const start = (await readAll(null)).cursor;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const input = validateRecord(recordInput(), '2026-11-21');
    if (!input.ok) throw new Error(input.violation.message);
    const first = newRecord(input.record, new Date());
    let inserted!: () => void;
    const firstInserted = new Promise<void>((resolve) => (inserted = resolve));
    const firstWriter = records.database.db.transaction(async (tx) => {
      await insertRecords(tx, [first], '2026-11-21');
      inserted();
      await gate;
    });
    await firstInserted;

    const settled = { second: false, reader: false };
    const secondWriter = submitRecord(records).finally(() => (settled.second = true));
    const reader = readAll(start).finally(() => (settled.reader = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The first writer holds the feed lock until it commits: the others wait for it.
    expect(settled).toEqual({ second: false, reader: false });
    open();
    const [, second, read] = await Promise.all([firstWriter, secondWriter, reader]);

    const all = (await readAll(start)).changes;
    expect(summary(all)).toEqual([
      [first.id, 'PUBLICATION_STARTED', null],
      [second.id, 'PUBLICATION_STARTED', null],
    ]);
    expect(read.changes[0]?.recordId).toBe(first.id);
  });
});
