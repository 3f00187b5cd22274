import { randomUUID } from 'node:crypto';
import { ManualClock } from '@credit/kit';
import { count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { citizen, OBJECTION_REVIEWER } from './callers.testing.js';
import { calendarDays, calendarYears, objections } from './db/schema.js';
import { CHINESE_DAYS_SOURCE, CHINESE_DAYS_YEARS, chineseDaysYear } from './reference/chinese-days.js';
import { ensureReferenceData, FIRST_SEEDED_CALENDAR_YEAR } from './reference/ensure.js';
import { loadCalendarYear } from './reference/load.js';
import { startTestDisputes } from './subgraph.testing.js';

const clock = new ManualClock(new Date('2026-01-05T10:00:00+08:00'));
let t: Awaited<ReturnType<typeof startTestDisputes>>;

beforeAll(async () => {
  t = await startTestDisputes(clock);
});
afterAll(async () => {
  await t?.close();
});

/** Business hours on a date in Beijing. */
const on = (date: string) => clock.set(`${date}T10:00:00+08:00`);

const FILE = `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id } }`;
const FORWARD = `mutation($id: ID!) { forwardObjection(id: $id) { id status forwardedOn dueOn } }`;
const DECIDE = `mutation($id: ID!) { decideObjection(id: $id, outcome: UPHELD) { id dueOn overdue } }`;
const DEADLINE = `query($id: ID!) { objection(id: $id) { dueOn overdue } }`;
const OVERDUE = `query($first: Int, $after: String) {
  overdueObjections(first: $first, after: $after) { edges { cursor node { id status dueOn overdue } } pageInfo { hasNextPage endCursor } }
}`;

type Page = { edges: { cursor: string; node: { id: string; status: string; dueOn: string; overdue: boolean } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

async function fileOn(date: string) {
  on(date);
  const record = await t.published({ publicityEndsOn: '2028-01-01' });
  const result = await t.disputes.execute(FILE, { input: { recordId: record.id, reasons: '事实有误' } }, citizen(record.subjectId));
  expect(result.errors).toBeUndefined();
  return { id: (result.data!.fileObjection as { id: string }).id, subjectId: record.subjectId };
}

async function deadline(id: string) {
  const result = await t.disputes.execute(DEADLINE, { id }, OBJECTION_REVIEWER);
  expect(result.errors).toBeUndefined();
  return result.data!.objection as { dueOn: string | null; overdue: boolean };
}

async function overduePage(variables: { first?: number; after?: string | null } = {}) {
  const result = await t.disputes.execute(OVERDUE, variables, OBJECTION_REVIEWER);
  expect(result.errors).toBeUndefined();
  return result.data!.overdueObjections as Page;
}

async function allOverdue() {
  const ids: string[] = [];
  for (let after: string | null = null; ; ) {
    const page: Page = await overduePage({ first: 100, after });
    ids.push(...page.edges.map((e) => e.node.id));
    if (!page.pageInfo.hasNextPage) return ids;
    after = page.pageInfo.endCursor;
  }
}

/** dueOn, the overdue flag and membership of overdueObjections on the due date and the day after. */
async function expectBoundary(id: string, dueOn: string, dayAfter: string) {
  on(dueOn);
  expect(await deadline(id)).toEqual({ dueOn, overdue: false });
  expect(await allOverdue()).not.toContain(id);
  on(dayAfter);
  expect(await deadline(id)).toEqual({ dueOn, overdue: true });
  expect(await allOverdue()).toContain(id);
}

const ids: Record<string, string> = {};

describe('deadlines', () => {
  it('loads every year chinese-days holds from 2018 at start, and lists them as held', async () => {
    const seeded = CHINESE_DAYS_YEARS.filter((year) => year >= FIRST_SEEDED_CALENDAR_YEAR);
    expect(seeded).toEqual(expect.arrayContaining([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]));
    expect((await t.db.select({ n: count() }).from(calendarDays))[0]!.n).toBe(seeded.reduce((n, year) => n + chineseDaysYear(year)!.length, 0));
    const held = await t.db.select({ year: calendarYears.year, source: calendarYears.source }).from(calendarYears).orderBy(calendarYears.year);
    expect(held).toEqual(seeded.map((year) => ({ year, source: CHINESE_DAYS_SOURCE })));
  });

  it('runs 5 working days across a weekend: filed Thursday 03-05, due Thursday 03-12', async () => {
    ids.weekend = (await fileOn('2026-03-05')).id;
    expect(await deadline(ids.weekend)).toEqual({ dueOn: '2026-03-12', overdue: false });
    await expectBoundary(ids.weekend, '2026-03-12', '2026-03-13');
  });

  it('turns overdue at midnight in Beijing, not UTC', async () => {
    clock.set('2026-03-12T23:59:00+08:00');
    expect((await deadline(ids.weekend!)).overdue).toBe(false);
    clock.set('2026-03-12T16:00:00Z');
    expect((await deadline(ids.weekend!)).overdue).toBe(true);
  });

  it('skips the 国庆 holidays and counts the make-up Saturday: filed 09-30, due 10-13', async () => {
    ids.holiday = (await fileOn('2026-09-30')).id;
    expect(await deadline(ids.holiday)).toEqual({ dueOn: '2026-10-13', overdue: false });
    await expectBoundary(ids.holiday, '2026-10-13', '2026-10-14');
  });

  it('skips 春节 and counts the make-up Saturday before it: filed 02-13, due 02-27', async () => {
    ids.spring = (await fileOn('2026-02-13')).id;
    await expectBoundary(ids.spring, '2026-02-27', '2026-02-28');
  });

  it('lets the credit office forward until 2 working days after filing, across the holidays', async () => {
    const late = await fileOn('2026-09-29');
    on('2026-10-09');
    const refused = await t.disputes.execute(FORWARD, { id: late.id }, OBJECTION_REVIEWER);
    expect(refused.errors?.[0]?.extensions).toEqual({
      code: 'INVALID_STATE',
      reason: 'FORWARD_DEADLINE_PASSED',
      from: 'SUBMITTED',
      to: 'FORWARDED',
      forwardableUntil: '2026-10-08',
    });
    ids.notForwarded = late.id;

    const inTime = await fileOn('2026-09-29');
    on('2026-10-08');
    const forwarded = await t.disputes.execute(FORWARD, { id: inTime.id }, OBJECTION_REVIEWER);
    expect(forwarded.errors).toBeUndefined();
    // The determining authority's 5 working days count from the forwarding, make-up Saturday included.
    expect(forwarded.data!.forwardObjection).toEqual({ id: inTime.id, status: 'FORWARDED', forwardedOn: '2026-10-08', dueOn: '2026-10-14' });
    ids.forwarded = inTime.id;
    await expectBoundary(inTime.id, '2026-10-14', '2026-10-15');
  });

  it('lists overdue objections oldest due date first, page by page', async () => {
    on('2026-11-02');
    const expected = [
      [ids.spring, '2026-02-27'],
      [ids.weekend, '2026-03-12'],
      [ids.notForwarded, '2026-10-12'],
      [ids.holiday, '2026-10-13'],
      [ids.forwarded, '2026-10-14'],
    ];
    const seen: [string, string][] = [];
    let after: string | null = null;
    for (let i = 0; i < expected.length; i++) {
      const page: Page = await overduePage({ first: 1, after });
      expect(page.edges).toHaveLength(1);
      expect(page.edges[0]!.node.overdue).toBe(true);
      seen.push([page.edges[0]!.node.id, page.edges[0]!.node.dueOn]);
      expect(page.pageInfo).toEqual({ hasNextPage: i < expected.length - 1, endCursor: page.edges[0]!.cursor });
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
    expect((await overduePage({ first: 2, after: (await overduePage({ first: 2 })).pageInfo.endCursor })).edges.map((e) => e.node.id)).toEqual([ids.notForwarded, ids.holiday]);
  });

  it('drops a decided objection from the list; it has no deadline any more', async () => {
    on('2026-11-02');
    const decided = await t.disputes.execute(DECIDE, { id: ids.spring }, OBJECTION_REVIEWER);
    expect(decided.data!.decideObjection).toEqual({ id: ids.spring, dueOn: null, overdue: false });
    expect(await allOverdue()).not.toContain(ids.spring);
  });

  it.each([
    ['first 0', { first: 0 }, { argument: 'first' }],
    ['first 101', { first: 101 }, { argument: 'first' }],
    ['a forged cursor', { after: 'bm9wZQ' }, { argument: 'after' }],
    ['a cursor with a bad date', { after: Buffer.from(JSON.stringify(['2026-02-30', randomUUID()])).toString('base64url') }, { argument: 'after' }],
  ])('refuses %s', async (_name, variables, extensions) => {
    const result = await t.disputes.execute(OVERDUE, variables, OBJECTION_REVIEWER);
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', ...extensions });
  });
});

describe('statements', () => {
  afterEach(() => on('2026-11-02'));

  async function statementsFor(query: string, variables: Record<string, unknown>) {
    const before = t.disputes.database.counter.statements;
    const result = await t.disputes.execute(query, variables, OBJECTION_REVIEWER);
    expect(result.errors).toBeUndefined();
    return { statements: t.disputes.database.counter.statements - before, data: result.data! };
  }

  it('answers overdueObjections with deadlines in two statements (the page and the calendar), whatever its size', async () => {
    on('2026-11-02');
    const one = await statementsFor(OVERDUE, { first: 1 });
    const all = await statementsFor(OVERDUE, { first: 100 });
    expect((one.data.overdueObjections as Page).edges).toHaveLength(1);
    expect((all.data.overdueObjections as Page).edges.length).toBeGreaterThanOrEqual(4);
    expect(one.statements).toBe(2);
    expect(all.statements).toBe(2);
  });

  it('resolves dueOn and overdue over persons’ objections with one calendar read', async () => {
    const subjects: string[] = [];
    for (const date of ['2026-10-19', '2026-10-20', '2026-10-21']) subjects.push((await fileOn(date)).subjectId);
    on('2026-10-27');
    const selection = '... on Person { id objections { id dueOn overdue } }';
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`;
    const few = await statementsFor(query, { r: subjects.slice(0, 1).map((id) => ({ __typename: 'Person', id })) });
    const many = await statementsFor(query, { r: [...subjects, ...Array.from({ length: 7 }, () => randomUUID())].map((id) => ({ __typename: 'Person', id })) });
    expect(few.statements).toBe(2);
    expect(many.statements).toBe(2);
    expect((many.data._entities as { objections: { dueOn: string; overdue: boolean }[] }[]).slice(0, 3).map((p) => p.objections)).toEqual([
      [{ id: expect.any(String), dueOn: '2026-10-26', overdue: true }],
      [{ id: expect.any(String), dueOn: '2026-10-27', overdue: false }],
      [{ id: expect.any(String), dueOn: '2026-10-28', overdue: false }],
    ]);
  });
});

describe('the calendar table', () => {
  const calendarRows = async () => (await t.db.select({ n: count() }).from(calendarDays))[0]!.n;

  it('refuses a due date past the last year held, and counts it once the year is loaded: filed 2026-12-28, due 2027-01-05', async () => {
    // Filing is never refused for want of a calendar: the objection and the record's flag stand.
    const { id } = await fileOn('2026-12-28');
    // 5 working days from Monday 12-28 reach 2027, which chinese-days 1.5.7 does not hold: no guess.
    const unknown = await t.disputes.execute(DEADLINE, { id }, OBJECTION_REVIEWER);
    expect(unknown.data!.objection).toEqual({ dueOn: null, overdue: null });
    expect(unknown.errors?.map((e) => e.extensions)).toEqual([
      { code: 'CALENDAR_NOT_AVAILABLE', year: 2027, date: '2027-01-01', lastYear: 2026 },
      { code: 'CALENDAR_NOT_AVAILABLE', year: 2027, date: '2027-01-01', lastYear: 2026 },
    ]);
    // Forwarding depends on a count too (2 working days from filing on Thursday 12-31): refused, nothing written.
    const late = await fileOn('2026-12-31');
    const forward = await t.disputes.execute(FORWARD, { id: late.id }, OBJECTION_REVIEWER);
    expect(forward.errors?.[0]?.extensions).toMatchObject({ code: 'CALENDAR_NOT_AVAILABLE', year: 2027 });
    expect((await t.db.select({ status: objections.status }).from(objections).where(eq(objections.id, late.id)))[0]!.status).toBe('SUBMITTED');

    // The 2027 arrangement arrives (here a stand-in holding 元旦 on Friday 2027-01-01 only): the
    // deadline skips it and the weekend after it.
    await loadCalendarYear(t.db, 2027, [{ date: '2027-01-01', kind: 'HOLIDAY', name: '元旦' }], 'test: 元旦 only');
    on('2026-12-28');
    expect(await deadline(id)).toEqual({ dueOn: '2027-01-05', overdue: false });
    await expectBoundary(id, '2027-01-05', '2027-01-06');
    on('2026-12-31');
    expect((await t.disputes.execute(FORWARD, { id: late.id }, OBJECTION_REVIEWER)).data!.forwardObjection).toMatchObject({ forwardedOn: '2026-12-31', dueOn: '2027-01-08' });
  });

  it('keeps an operator’s edits and deletions of a held year when the seed runs again', async () => {
    const before = await calendarRows();
    await t.db.update(calendarDays).set({ name: '元旦（地方补充通知）' }).where(eq(calendarDays.date, '2026-01-01'));
    await t.db.delete(calendarDays).where(eq(calendarDays.date, '2026-01-04'));
    await ensureReferenceData(t.db);
    expect((await t.db.select().from(calendarDays).where(eq(calendarDays.date, '2026-01-01')))[0]!.name).toBe('元旦（地方补充通知）');
    expect(await calendarRows()).toBe(before - 1);
    // Loading the year again from chinese-days adds the deleted date back and reports the edit, keeping it.
    const report = await loadCalendarYear(t.db, 2026, chineseDaysYear(2026)!, CHINESE_DAYS_SOURCE);
    expect(report).toMatchObject({ inserted: 1, removed: 0, differing: [{ date: '2026-01-01', table: { name: '元旦（地方补充通知）' }, source: { name: '元旦' } }] });
    expect(await calendarRows()).toBe(before);
  });

  it('with replace makes a held year exactly the source', async () => {
    const rows = [{ date: '2027-01-01', kind: 'HOLIDAY', name: '元旦（更正）' }, { date: '2027-01-02', kind: 'HOLIDAY', name: '元旦' }];
    expect(await loadCalendarYear(t.db, 2027, rows, 'corrected')).toMatchObject({ inserted: 1, differing: [{ date: '2027-01-01', table: { name: '元旦' } }] });
    expect(await loadCalendarYear(t.db, 2027, rows.slice(1), 'corrected', { replace: true })).toMatchObject({ inserted: 0, removed: 1, replaced: true });
    expect(await t.db.select({ date: calendarDays.date }).from(calendarDays).where(eq(calendarDays.date, '2027-01-01'))).toEqual([]);
    expect(await loadCalendarYear(t.db, 2027, rows.slice(1), 'corrected')).toMatchObject({ inserted: 0, unchanged: 1, differing: [], removed: 0 });
    expect((await t.db.select().from(calendarYears).where(eq(calendarYears.year, 2027)))[0]!.source).toBe('corrected');
  });

  it('refuses a year whose rows are not a whole arrangement, writing nothing', async () => {
    const before = await calendarRows();
    await expect(loadCalendarYear(t.db, 2028, [{ date: '2028-01-03', kind: 'WORKDAY', name: 'x' }], 'bad')).rejects.toThrow(/Saturday or Sunday/);
    await expect(loadCalendarYear(t.db, 2028, [{ date: '2027-12-31', kind: 'HOLIDAY', name: 'x' }], 'bad')).rejects.toThrow(/not in 2028/);
    await expect(loadCalendarYear(t.db, 2028, [], 'bad')).rejects.toThrow(/no HOLIDAY/);
    expect(await calendarRows()).toBe(before);
    expect(await t.db.select().from(calendarYears).where(eq(calendarYears.year, 2028))).toEqual([]);
  });

  it('refuses a kind other than HOLIDAY or WORKDAY', async () => {
    await expect(t.db.insert(calendarDays).values({ date: '2027-02-01', kind: 'HALF_DAY' as 'HOLIDAY', name: 'x' })).rejects.toThrow();
  });
});
