import { randomUUID } from 'node:crypto';
import { encodeCursor, ManualClock, type RunningSubgraph } from '@credit/kit';
import { freshDatabaseLocation } from '@credit/kit/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditRecords } from './db/schema.js';
import { disclosureQuery } from './disclosure.js';
import { startRecords } from './server.js';
import { recordInput, submitterOf } from './testing.js';

const TODAY = '2026-11-21T10:00:00+08:00';
const clock = new ManualClock(new Date(TODAY));
let records: RunningSubgraph;
let drop: () => Promise<void>;

const SUBMIT = `mutation($input: SubmitCreditRecordInput!) { submitCreditRecord(input: $input) { id subject { id } decidedOn publicityEndsOn } }`;
const DISCLOSURES = `query($filter: PublicDisclosureFilter, $first: Int, $after: String) {
  publicDisclosures(filter: $filter, first: $first, after: $after) {
    edges { cursor node { recordId person { id } domain determiningAuthority documentNumber decidedOn publicityEndsOn regionCode } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Disclosure {
  recordId: string;
  person: { id: string };
  domain: string;
  determiningAuthority: string;
  documentNumber: string;
  decidedOn: string;
  publicityEndsOn: string;
  regionCode: string;
}
interface Page {
  edges: { cursor: string; node: Disclosure }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function submit(overrides: Record<string, unknown>): Promise<Disclosure> {
  const input = recordInput({ severity: 'SERIOUS', ...overrides });
  const result = await records.execute(SUBMIT, { input }, submitterOf(input));
  expect(result.errors).toBeUndefined();
  const record = result.data?.submitCreditRecord as { id: string; subject: { id: string }; decidedOn: string; publicityEndsOn: string };
  return {
    recordId: record.id,
    person: { id: record.subject.id },
    domain: input.domain,
    determiningAuthority: input.determiningAuthority,
    documentNumber: input.documentNumber,
    decidedOn: record.decidedOn,
    publicityEndsOn: record.publicityEndsOn,
    regionCode: input.regionCode,
  };
}

async function setStatus(recordId: string, status: 'REPAIRED' | 'REVOKED') {
  await records.database.db.update(creditRecords).set({ status }).where(eq(creditRecords.id, recordId));
}

async function page(variables: Record<string, unknown> = {}) {
  const before = records.database.counter.statements;
  const result = await records.execute(DISCLOSURES, variables);
  return { result, page: result.data?.publicDisclosures as Page, statements: records.database.counter.statements - before };
}

/** Newest decision first, then by id: uuids order as their lower-case text does. */
const newestFirst = (a: Disclosure, b: Disclosure) =>
  a.decidedOn === b.decidedOn ? (a.recordId < b.recordId ? 1 : -1) : a.decidedOn < b.decidedOn ? 1 : -1;

/** The disclosed records, in list order; `endsSoon` leaves the list on 2026-11-25. */
let disclosed: Disclosure[];
let endsSoon: Disclosure;
const hidden: Record<string, string> = {};

beforeAll(async () => {
  const db = await freshDatabaseLocation();
  drop = db.drop;
  records = await startRecords({ location: db.location, seedDemo: false, relay: false, clock, destinations: () => ({}) });

  // Order 58 (decided 2023-05-01..2026-03-31): SERIOUS 3 months to 3 years; Order 36 after: 1 to 3 years.
  endsSoon = await submit({ decidedOn: '2025-11-20', publicityEndsOn: '2026-11-25' });
  disclosed = [
    await submit({ decidedOn: '2026-10-01' }),
    await submit({ decidedOn: '2026-10-01', domain: 'FOOD_AND_DRUGS', determiningAuthority: '北京市朝阳区市场监督管理局' }),
    await submit({ decidedOn: '2026-10-01', regionCode: '310101', determiningAuthority: '上海市黄浦区税务局' }),
    await submit({ decidedOn: '2026-06-15' }),
    await submit({ decidedOn: '2026-06-15', regionCode: '310101', domain: 'ENVIRONMENT', determiningAuthority: '上海市生态环境局' }),
    await submit({ decidedOn: '2025-03-10', regionCode: '310101' }),
    await submit({ decidedOn: '2024-01-20', regionCode: '440305', domain: 'FOOD_AND_DRUGS', determiningAuthority: '深圳市市场监督管理局' }),
    await submit({ decidedOn: '2023-12-31' }),
    endsSoon,
  ];
  // A dozen decisions of one day: more than a default page, and ties that pages must split cleanly.
  for (let i = 0; i < 12; i++) disclosed.push(await submit({ decidedOn: '2024-06-01', regionCode: '120101' }));
  disclosed.sort(newestFirst);

  hidden.general = (await submit({ severity: 'GENERAL', decidedOn: '2026-09-01' })).recordId;
  hidden.positive = (await submit({ kind: 'POSITIVE', severity: null, domain: 'VOLUNTEER_SERVICE', category: 'HONOUR', decidedOn: '2026-09-01' })).recordId;
  hidden.expired = (await submit({ decidedOn: '2025-06-01', publicityEndsOn: '2025-09-01' })).recordId;
  hidden.repaired = (await submit({ decidedOn: '2026-09-02' })).recordId;
  hidden.revoked = (await submit({ decidedOn: '2026-09-03' })).recordId;
  await setStatus(hidden.repaired, 'REPAIRED');
  await setStatus(hidden.revoked, 'REVOKED');
});
afterAll(async () => {
  await records?.close();
  await drop?.();
});

describe('publicDisclosures', () => {
  it('lists the ACTIVE SERIOUS NEGATIVE records, newest decision first, with only the public fields, in one statement', async () => {
    const { result, page: list, statements } = await page({ first: 100 });
    expect(result.errors).toBeUndefined();
    expect(list.edges.map((e) => e.node)).toEqual(disclosed);
    expect(list.pageInfo).toEqual({ hasNextPage: false, endCursor: list.edges.at(-1)!.cursor });
    expect(statements).toBe(1);
  });

  it('never shows GENERAL, POSITIVE, expired, REPAIRED or REVOKED records', async () => {
    const { page: list } = await page({ first: 100 });
    const ids = list.edges.map((e) => e.node.recordId);
    for (const id of Object.values(hidden)) expect(ids).not.toContain(id);
    expect(ids).toHaveLength(disclosed.length);
  });

  it('answers 20 per page by default', async () => {
    const { page: list } = await page();
    expect(list.edges.map((e) => e.node)).toEqual(disclosed.slice(0, 20));
    expect(list.pageInfo.hasNextPage).toBe(true);
  });

  const cases: [string, Record<string, unknown>, (d: Disclosure) => boolean][] = [
    ['region', { regionCode: '310101' }, (d) => d.regionCode === '310101'],
    ['domain', { domain: 'FOOD_AND_DRUGS' }, (d) => d.domain === 'FOOD_AND_DRUGS'],
    ['decided from', { decidedFrom: '2026-06-15' }, (d) => d.decidedOn >= '2026-06-15'],
    ['decided to', { decidedTo: '2025-03-10' }, (d) => d.decidedOn <= '2025-03-10'],
    ['one day', { decidedFrom: '2026-10-01', decidedTo: '2026-10-01' }, (d) => d.decidedOn === '2026-10-01'],
    ['region and domain', { regionCode: '110105', domain: 'TAXATION' }, (d) => d.regionCode === '110105' && d.domain === 'TAXATION'],
    [
      'all four',
      { regionCode: '310101', domain: 'TAXATION', decidedFrom: '2025-01-01', decidedTo: '2026-09-30' },
      (d) => d.regionCode === '310101' && d.domain === 'TAXATION' && d.decidedOn >= '2025-01-01' && d.decidedOn <= '2026-09-30',
    ],
    ['nothing matches', { regionCode: '650102' }, () => false],
  ];
  it.each(cases)('filters by %s', async (name, filter, keep) => {
    const { result, page: list, statements } = await page({ filter, first: 100 });
    expect(result.errors).toBeUndefined();
    const expected = disclosed.filter(keep);
    expect(list.edges.map((e) => e.node)).toEqual(expected);
    // Each filter must leave some records out, and all but the last must keep some.
    expect(expected.length).toBeLessThan(disclosed.length);
    if (name !== 'nothing matches') expect(expected.length).toBeGreaterThan(0);
    expect(statements).toBe(1);
  });

  it('resumes page after page without gaps or repeats, across decisions of the same day, one statement per page', async () => {
    const seen: Disclosure[] = [];
    let after: string | null = null;
    for (;;) {
      const { result, page: current, statements } = await page({ first: 2, after });
      expect(result.errors).toBeUndefined();
      expect(statements).toBe(1);
      expect(current.edges.length).toBeLessThanOrEqual(2);
      seen.push(...current.edges.map((e) => e.node));
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
    }
    expect(seen).toEqual(disclosed);
  });

  it('keeps its place when a record on a later page leaves the list between pages', async () => {
    const { page: first } = await page({ first: 3 });
    const gone = disclosed[4]!;
    await setStatus(gone.recordId, 'REPAIRED');
    try {
      const { page: rest } = await page({ first: 100, after: first.pageInfo.endCursor });
      expect(rest.edges.map((e) => e.node)).toEqual(disclosed.slice(3).filter((d) => d !== gone));
    } finally {
      await records.database.db.update(creditRecords).set({ status: 'ACTIVE' }).where(eq(creditRecords.id, gone.recordId));
    }
  });

  it('drops a record on its publicityEndsOn, not a day earlier', async () => {
    try {
      clock.set('2026-11-24T23:59:59+08:00');
      const before = await page({ first: 100 });
      expect(before.page.edges.map((e) => e.node.recordId)).toContain(endsSoon.recordId);
      clock.set('2026-11-25T00:00:00+08:00');
      const after = await page({ first: 100 });
      expect(after.page.edges.map((e) => e.node.recordId)).not.toContain(endsSoon.recordId);
      expect(after.page.edges).toHaveLength(before.page.edges.length - 1);
    } finally {
      clock.set(TODAY);
    }
  });

  it.each([
    ['first 0', { first: 0 }, 'first'],
    ['first 101', { first: 101 }, 'first'],
    ['a cursor that is not base64 JSON', { after: 'nope' }, 'after'],
    ['a cursor of the wrong shape', { after: encodeCursor(['2026-10-01']) }, 'after'],
    ['a cursor with a bad date', { after: encodeCursor(['2026-02-30', randomUUID()]) }, 'after'],
    ['a cursor with a bad id', { after: encodeCursor(['2026-10-01', "x' or 1=1 --"]) }, 'after'],
  ])('refuses %s with BAD_USER_INPUT before any SQL', async (_name, variables, argument) => {
    const { result, statements } = await page(variables);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(result.data?.publicDisclosures).toBeNull();
    expect(statements).toBe(0);
  });

  it.each([
    ['a short region code', { regionCode: '1101' }, 'INVALID_FORMAT'],
    ['a region code with letters', { regionCode: '11010a' }, 'INVALID_FORMAT'],
    ['decidedFrom after decidedTo', { decidedFrom: '2026-10-02', decidedTo: '2026-10-01' }, 'INVALID_RANGE'],
    ['an impossible date', { decidedFrom: '2026-02-30' }, 'INVALID_DATE'],
  ])('refuses %s with BAD_USER_INPUT before any SQL', async (_name, filter, reason) => {
    const { result, statements } = await page({ filter });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason });
    expect(statements).toBe(0);
  });

  it('is answered from the partial disclosure index under a generic plan, on the first page and after a cursor', async () => {
    const db = records.database.db;
    const after = [disclosed[5]!.decidedOn, disclosed[5]!.recordId] as const;
    const query = disclosureQuery(db, { regionCode: '110105' }, 20, after, clock.today()).toSQL();
    const literal = (value: unknown) => `'${String(value).replace(/'/g, "''")}'`;
    const plan = await db.transaction(async (tx) => {
      // The records migrations own this index; the same definition here keeps the test independent of their order.
      await tx.execute(sql`create index if not exists credit_records_disclosure_idx on records.credit_records (decided_on desc, id desc)
        where kind = 'NEGATIVE' and severity = 'SERIOUS' and status = 'ACTIVE'`);
      // A table this small is cheaper to scan: the question is only whether the index can serve the query,
      // with parameters unknown to the planner as in a reused prepared statement.
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_bitmapscan = off`);
      await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
      await tx.execute(sql.raw(`prepare disclosure_page as ${query.sql}`));
      const result = (await tx.execute(sql.raw(`explain execute disclosure_page(${query.params.map(literal).join(', ')})`))) as unknown as
        | { rows?: Record<string, string>[] }
        | Record<string, string>[];
      await tx.execute(sql`deallocate disclosure_page`);
      return (Array.isArray(result) ? result : (result.rows ?? [])).map((row) => Object.values(row)[0]).join('\n');
    });
    expect(plan).toMatch(/Index Scan using credit_records_disclosure_idx/);
    expect(plan).not.toMatch(/Sort/);
  });
});
