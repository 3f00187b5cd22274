/**
 * The review queues (issue 11): openObjections for OBJECTION_REVIEW and submittedRepairs for
 * CREDIT_REPAIR_REVIEW, in queue order, page by page, one statement per page (plus the calendar
 * when deadlines are asked for), served from their partial indexes. Who may read them: permits.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { encodeCursor, ManualClock, type Db } from '@credit/kit';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizen, OBJECTION_REVIEWER, REPAIR_REVIEWER } from './callers.testing.js';
import { repairApplications } from './db/schema.js';
import { objectionQueueQuery, repairQueueQuery } from './queues.js';
import { startTestDisputes } from './subgraph.testing.js';

const clock = new ManualClock(new Date('2026-10-20T10:00:00+08:00'));
let t: Awaited<ReturnType<typeof startTestDisputes>>;

beforeAll(async () => {
  t = await startTestDisputes(clock);
});
afterAll(async () => {
  await t?.close();
});

/** A time on a date in Beijing. */
const on = (date: string, time = '10:00:00') => clock.set(`${date}T${time}+08:00`);

const FILE = `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id } }`;
const FORWARD = `mutation($id: ID!) { forwardObjection(id: $id) { id } }`;
const DECIDE = `mutation($id: ID!, $outcome: ObjectionOutcome!) { decideObjection(id: $id, outcome: $outcome, reasons: "经核查") { id } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawObjection(id: $id) { id } }`;
const FILE_REPAIR = `mutation($input: FileRepairApplicationInput!) { fileRepairApplication(input: $input) { id } }`;
const DECIDE_REPAIR = `mutation($id: ID!, $outcome: RepairOutcome!) { decideRepair(id: $id, outcome: $outcome, reasons: "经核查") { id } }`;

const OPEN = `query($first: Int, $after: String) {
  openObjections(first: $first, after: $after) {
    edges { cursor node { id status dueOn subject { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const SUBMITTED = `query($first: Int, $after: String) {
  submittedRepairs(first: $first, after: $after) {
    edges { cursor node { id status filedAt subject { id } record { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

type Page<N> = { edges: { cursor: string; node: N }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
type OpenNode = { id: string; status: string; dueOn: string; subject: { id: string } };
type RepairNode = { id: string; status: string; filedAt: string; subject: { id: string }; record: { id: string } };

async function run(query: string, variables: Record<string, unknown>, caller = OBJECTION_REVIEWER) {
  const result = await t.disputes.execute(query, variables, caller);
  expect(result.errors).toBeUndefined();
  return result;
}

const openPage = async (variables: { first?: number; after?: string | null } = {}) =>
  (await run(OPEN, variables)).data!.openObjections as Page<OpenNode>;
const repairPage = async (variables: { first?: number; after?: string | null } = {}) =>
  (await run(SUBMITTED, variables, REPAIR_REVIEWER)).data!.submittedRepairs as Page<RepairNode>;

/** Every node, page by page with `first`, checking each page's cursors. */
async function walk<N extends { id: string }>(page: (v: { first: number; after: string | null }) => Promise<Page<N>>, first: number) {
  const nodes: N[] = [];
  for (let after: string | null = null; ; ) {
    // A cursor that hands a row out again would loop for ever: fail once more rows came than exist.
    expect(nodes.length).toBeLessThan(100);
    const p: Page<N> = await page({ first, after });
    expect(p.edges.length).toBeLessThanOrEqual(first);
    expect(p.pageInfo.endCursor).toBe(p.edges.at(-1)?.cursor ?? null);
    nodes.push(...p.edges.map((e) => e.node));
    if (!p.pageInfo.hasNextPage) return nodes;
    expect(p.edges).toHaveLength(first);
    after = p.pageInfo.endCursor;
  }
}

async function objectionOn(date: string) {
  on(date);
  const record = await t.published({ publicityEndsOn: '2028-01-01' });
  const result = await run(FILE, { input: { recordId: record.id, reasons: '事实有误' } }, citizen(record.subjectId));
  return { id: (result.data!.fileObjection as { id: string }).id, subjectId: record.subjectId };
}

async function repairAt(date: string, time?: string) {
  on(date, time);
  const record = await t.published({ publicityEndsOn: '2028-01-01' });
  const input = { recordId: record.id, basis: 'PENALTY_PAID', evidence: ['缴款凭证.pdf'], creditPledge: '本人承诺诚实守信。', pledgeAccepted: true };
  const result = await run(FILE_REPAIR, { input }, citizen(record.subjectId));
  return { id: (result.data!.fileRepairApplication as { id: string }).id, subjectId: record.subjectId, recordId: record.id };
}

const byId = <T extends { id: string }>(...items: T[]) => [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

describe('openObjections', () => {
  /** The open ones in queue order, with their due dates (2026 has no holiday from 10-09 to year end). */
  let expected: { id: string; dueOn: string; status: string; subject: { id: string } }[];

  beforeAll(async () => {
    const decided = await objectionOn('2026-10-20');
    const withdrawn = await objectionOn('2026-10-21');
    const upheld = await objectionOn('2026-10-22');
    const late = await objectionOn('2026-10-23');
    const forwarded = await objectionOn('2026-10-26');
    const sameAnchor = await objectionOn('2026-10-27');
    on('2026-10-27');
    await run(FORWARD, { id: forwarded.id });
    const saturday = await objectionOn('2026-10-31');
    const sunday = await objectionOn('2026-11-01');
    const recent = await objectionOn('2026-11-04');
    const monday = await objectionOn('2026-11-02');
    on('2026-11-04');
    await run(DECIDE, { id: decided.id, outcome: 'REJECTED' });
    await run(DECIDE, { id: upheld.id, outcome: 'UPHELD' });
    await run(WITHDRAW, { id: withdrawn.id });
    const node = (o: { id: string; subjectId: string }, dueOn: string, status = 'SUBMITTED') => ({ id: o.id, status, dueOn, subject: { id: o.subjectId } });
    expected = [
      node(late, '2026-10-30'),
      // Forwarded on 10-27 and filed on 10-27: the same anchor, so the same due date, then by id.
      ...byId(node(forwarded, '2026-11-03', 'FORWARDED'), node(sameAnchor, '2026-11-03')),
      // Filed on a Saturday and a Sunday: both due the next Friday, in filing order.
      node(saturday, '2026-11-06'),
      node(sunday, '2026-11-06'),
      node(monday, '2026-11-09'),
      node(recent, '2026-11-11'),
    ];
  });

  it('lists open objections only, the oldest due date first, with each subject', async () => {
    const page = await openPage({ first: 100 });
    expect(page.edges.map((e) => e.node)).toEqual(expected);
    expect(page.pageInfo).toEqual({ hasNextPage: false, endCursor: page.edges.at(-1)!.cursor });
    const dues = page.edges.map((e) => e.node.dueOn);
    expect(dues).toEqual([...dues].sort());
  });

  it('pages with cursors, neither repeating nor skipping an objection, whatever the page size', async () => {
    for (const first of [1, 2, 3, 20]) expect(await walk(openPage, first)).toEqual(expected);
    // The default page is 20.
    expect((await openPage()).edges).toHaveLength(expected.length);
    const second = await openPage({ first: 2, after: (await openPage({ first: 2 })).pageInfo.endCursor });
    expect(second.edges.map((e) => e.node.id)).toEqual(expected.slice(2, 4).map((n) => n.id));
    const past = await openPage({ after: (await openPage({ first: 100 })).pageInfo.endCursor });
    expect(past).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('resumes after a cursor whose objection was decided in between', async () => {
    const first = await openPage({ first: 2 });
    on('2026-11-04');
    await run(DECIDE, { id: expected[1]!.id, outcome: 'REJECTED' });
    expected.splice(1, 1);
    const next = await openPage({ first: 100, after: first.pageInfo.endCursor });
    expect(next.edges.map((e) => e.node.id)).toEqual(expected.slice(1).map((n) => n.id));
  });

  it('reports the subjects of the page to the query log', async () => {
    const result = await run(OPEN, { first: 2 });
    const served = (result as { extensions?: { servedPersons?: string[] } }).extensions?.servedPersons;
    expect([...(served ?? [])].sort()).toEqual(expected.slice(0, 2).map((n) => n.subject.id).sort());
  });

  it('answers a page in one statement, and two with deadlines (the calendar), whatever its size', async () => {
    const statements = async (query: string, first: number) => {
      const before = t.disputes.database.counter.statements;
      await run(query, { first });
      return t.disputes.database.counter.statements - before;
    };
    const bare = `query($first: Int) { openObjections(first: $first) { edges { node { id status filedOn subject { id } record { id } } } pageInfo { endCursor } } }`;
    expect([await statements(bare, 1), await statements(bare, 100)]).toEqual([1, 1]);
    const withDeadlines = `query($first: Int) { openObjections(first: $first) { edges { node { id dueOn overdue subject { id } } } } }`;
    expect([await statements(withDeadlines, 1), await statements(withDeadlines, 100)]).toEqual([2, 2]);
  });
});

describe('submittedRepairs', () => {
  let expected: { id: string; subjectId: string; recordId: string }[];

  beforeAll(async () => {
    const approved = await repairAt('2026-10-28');
    const tenOClock = await repairAt('2026-11-02', '10:00:00');
    const rejected = await repairAt('2026-10-29');
    const nineOClock = await repairAt('2026-11-02', '09:00:00');
    const tied = [await repairAt('2026-11-03'), await repairAt('2026-11-03')];
    const oldest = await repairAt('2026-10-30');
    // Filed a microsecond apart (as a row written by SQL's now() may be): the cursor must tell them apart.
    const micro = [await repairAt('2026-11-05'), await repairAt('2026-11-05')];
    const db = t.db;
    await db.update(repairApplications).set({ filedAt: sql`'2026-11-05 10:00:00.000002+08'::timestamptz` }).where(eq(repairApplications.id, micro[0]!.id));
    await db.update(repairApplications).set({ filedAt: sql`'2026-11-05 10:00:00.000001+08'::timestamptz` }).where(eq(repairApplications.id, micro[1]!.id));
    on('2026-11-05');
    await run(DECIDE_REPAIR, { id: approved.id, outcome: 'APPROVED' }, REPAIR_REVIEWER);
    await run(DECIDE_REPAIR, { id: rejected.id, outcome: 'REJECTED' }, REPAIR_REVIEWER);
    expected = [oldest, nineOClock, tenOClock, ...byId(...tied), micro[1]!, micro[0]!];
  });

  it('lists SUBMITTED applications only, the oldest filing first (then id), with subject and record', async () => {
    const page = await repairPage({ first: 100 });
    expect(page.edges.map((e) => e.node)).toEqual(
      expected.map((r) => ({ id: r.id, status: 'SUBMITTED', filedAt: expect.any(String), subject: { id: r.subjectId }, record: { id: r.recordId } })),
    );
    expect(page.edges.slice(0, 3).map((e) => e.node.filedAt)).toEqual(['2026-10-30T02:00:00.000Z', '2026-11-02T01:00:00.000Z', '2026-11-02T02:00:00.000Z']);
  });

  it('pages with cursors, neither repeating nor skipping an application, microseconds apart included', async () => {
    for (const first of [1, 2, 3, 20]) expect((await walk(repairPage, first)).map((n) => n.id)).toEqual(expected.map((r) => r.id));
    const past = await repairPage({ after: (await repairPage({ first: 100 })).pageInfo.endCursor });
    expect(past).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('answers a page in one statement, whatever its size', async () => {
    const statements = async (first: number) => {
      const before = t.disputes.database.counter.statements;
      await run(SUBMITTED, { first }, REPAIR_REVIEWER);
      return t.disputes.database.counter.statements - before;
    };
    expect([await statements(1), await statements(100)]).toEqual([1, 1]);
  });
});

describe('arguments', () => {
  const at = '2026-11-05T02:00:00.000000Z';
  it.each([
    ['openObjections', 'first 0', OPEN, { first: 0 }, 'first'],
    ['openObjections', 'first 101', OPEN, { first: 101 }, 'first'],
    ['openObjections', 'a cursor that is not base64 JSON', OPEN, { after: 'nope' }, 'after'],
    ['openObjections', 'a cursor with a bad date', OPEN, { after: encodeCursor(['2026-02-30', randomUUID()]) }, 'after'],
    ['openObjections', 'a cursor with a bad id', OPEN, { after: encodeCursor(['2026-10-01', "x' or 1=1 --"]) }, 'after'],
    ['submittedRepairs', 'first 101', SUBMITTED, { first: 101 }, 'first'],
    ['submittedRepairs', 'a cursor of the wrong shape', SUBMITTED, { after: encodeCursor([at]) }, 'after'],
    ['submittedRepairs', 'an openObjections cursor', SUBMITTED, { after: encodeCursor(['2026-10-01', randomUUID()]) }, 'after'],
    ['submittedRepairs', 'a cursor with a bad time', SUBMITTED, { after: encodeCursor(['2026-02-30T02:00:00.000000Z', randomUUID()]) }, 'after'],
    ['submittedRepairs', 'a cursor with a bad id', SUBMITTED, { after: encodeCursor([at, "x' or 1=1 --"]) }, 'after'],
  ])('%s refuses %s with BAD_USER_INPUT before any SQL', async (field, _name, query, variables, argument) => {
    const before = t.disputes.database.counter.statements;
    const result = await t.disputes.execute(query, variables, field === 'openObjections' ? OBJECTION_REVIEWER : REPAIR_REVIEWER);
    expect(result.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', argument }]);
    expect(result.data?.[field]).toBeNull();
    expect(t.disputes.database.counter.statements - before).toBe(0);
  });
});

describe('indexes', () => {
  /** The plan of a page's statement under a generic plan, as a reused prepared statement gets it. */
  async function plan(db: Db, query: { sql: string; params: unknown[] }) {
    const literal = (value: unknown) => `'${String(value).replace(/'/g, "''")}'`;
    return db.transaction(async (tx) => {
      // Tables this small are cheaper to scan: the question is only whether the index can serve the query.
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_bitmapscan = off`);
      await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
      await tx.execute(sql.raw(`prepare queue_page as ${query.sql}`));
      const result = (await tx.execute(sql.raw(`explain execute queue_page(${query.params.map(literal).join(', ')})`))) as unknown as
        | { rows?: Record<string, string>[] }
        | Record<string, string>[];
      await tx.execute(sql`deallocate queue_page`);
      return (Array.isArray(result) ? result : (result.rows ?? [])).map((row) => Object.values(row)[0]).join('\n');
    });
  }

  it.each([
    ['openObjections', () => objectionQueueQuery(t.db, { size: 20, after: null }), 'objections_open_anchor_idx'],
    ['openObjections after a cursor', () => objectionQueueQuery(t.db, { size: 20, after: ['2026-10-27', randomUUID()] }), 'objections_open_anchor_idx'],
    ['overdueObjections', () => objectionQueueQuery(t.db, { size: 20, after: null, anchoredBefore: '2026-10-28' }), 'objections_open_anchor_idx'],
    ['submittedRepairs', () => repairQueueQuery(t.db, { size: 20, after: null }), 'repair_applications_submitted_filed_idx'],
    ['submittedRepairs after a cursor', () => repairQueueQuery(t.db, { size: 20, after: ['2026-11-02T01:00:00.000000Z', randomUUID()] }), 'repair_applications_submitted_filed_idx'],
  ])('serves %s from its partial index in queue order', async (_name, query, index) => {
    const text = await plan(t.db, query().toSQL());
    expect(text).toMatch(new RegExp(`Index Scan using ${index}`));
    expect(text).not.toMatch(/Sort/);
  });
});
