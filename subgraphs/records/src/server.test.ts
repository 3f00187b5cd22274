import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyEvents, CATEGORIES, DOMAINS, EVENT, ManualClock, PENALTY_TYPES, RECORD_KINDS, SEVERITIES, type RecordFacts, type RunningSubgraph } from '@credit/kit';
import { freshDatabaseLocation } from '@credit/kit/testing';
import { count, eq, sql } from 'drizzle-orm';
import type { CallerContext } from '@credit/schema';
import { Kind } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditRecords, END_REASONS, eventTables, RECORD_CHANGES } from './db/schema.js';
import { handlers } from './handlers.js';
import { PUBLICITY_REGIMES } from './publicity.js';
import { RECORD_STATUSES } from './record-status.js';
import { startRecords, typeDefs } from './server.js';
import { AUDITOR, AUTHORITY, deliver, objectionDecided, officerOf, recordInput, repairApproved, submitterOf } from './testing.js';

const TODAY = '2026-11-21T10:00:00+08:00';
const clock = new ManualClock(new Date(TODAY));
let destinations: Record<string, string> = {};
let records: RunningSubgraph;
let drop: () => Promise<void>;

beforeAll(async () => {
  const db = await freshDatabaseLocation();
  drop = db.drop;
  records = await startRecords({ location: db.location, seedDemo: false, relay: false, clock, destinations: () => destinations });
});
afterAll(async () => {
  await records?.close();
  await drop?.();
});

const RECORD_FIELDS = `id subject { id } kind severity domain category regionCode determiningAuthority documentNumber legalBasis
  decidedOn summary publicityEndsOn minimumPublicityEndsOn publicityRegime status underObjection submittedAt`;
const SUBMIT = `mutation($input: SubmitCreditRecordInput!) { submitCreditRecord(input: $input) { ${RECORD_FIELDS} } }`;


interface Submitted {
  id: string;
  decidedOn: string;
  publicityEndsOn: string;
}

/** submitCreditRecord as an officer of the input's determining authority. */
const send = (input: Record<string, unknown>) => records.execute(SUBMIT, { input }, submitterOf(input));

async function submit(overrides: Record<string, unknown> = {}): Promise<Submitted> {
  const result = await send(recordInput(overrides));
  expect(result.errors).toBeUndefined();
  return result.data?.submitCreditRecord as Submitted;
}

async function stored() {
  const db = records.database.db;
  const [recordRows] = await db.select({ n: count() }).from(creditRecords);
  const [eventRows] = await db.select({ n: count() }).from(eventTables.outbox);
  return { records: recordRows?.n, events: eventRows?.n };
}

async function statementsOf<T>(run: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const before = records.database.counter.statements;
  const result = await run();
  return { result, statements: records.database.counter.statements - before };
}

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id creditRecords(first: 100) { edges { node { id status subject { id } } } } } ... on CreditRecord { id decidedOn } } }`;

describe('schema', () => {
  it('spells its enums exactly as the shared vocabulary and the code', () => {
    const enums = new Map(
      typeDefs.definitions.flatMap((d) => (d.kind === Kind.ENUM_TYPE_DEFINITION ? [[d.name.value, d.values?.map((v) => v.name.value)]] : [])),
    );
    expect(enums.get('RecordKind')).toEqual(RECORD_KINDS);
    expect(enums.get('Severity')).toEqual(SEVERITIES);
    expect(enums.get('Domain')).toEqual(DOMAINS);
    expect(enums.get('CatalogCategory')).toEqual(CATEGORIES);
    expect(enums.get('PenaltyType')).toEqual(PENALTY_TYPES);
    expect(enums.get('RecordStatus')).toEqual(RECORD_STATUSES);
    expect(enums.get('PublicityRegime')).toEqual(PUBLICITY_REGIMES);
    expect(enums.get('PublicationChange')).toEqual(RECORD_CHANGES);
    expect(enums.get('PublicationEndReason')).toEqual(END_REASONS);
  });
});

describe('submitCreditRecord', () => {
  it('stores a valid record with the default publicity end and its record.changed event for disputes and incentives', async () => {
    // The authority is the submitting officer's department, from the token.
    const { determiningAuthority: _omitted, ...input } = recordInput({ documentNumber: '  京朝税罚〔2026〕9001号 ' });
    const result = await records.execute(SUBMIT, { input }, officerOf(AUTHORITY));
    expect(result.errors).toBeUndefined();
    const record = result.data?.submitCreditRecord as { id: string };
    expect(record).toMatchObject({
      subject: { id: input.subjectId },
      kind: 'NEGATIVE',
      severity: 'GENERAL',
      determiningAuthority: '北京市朝阳区税务局',
      documentNumber: '京朝税罚〔2026〕9001号',
      decidedOn: '2026-05-10',
      publicityEndsOn: '2027-05-10',
      minimumPublicityEndsOn: '2026-08-10',
      publicityRegime: 'ORDER_36',
      status: 'ACTIVE',
      underObjection: false,
      submittedAt: '2026-11-21T02:00:00.000Z',
    });
    const events = await records.database.db.select().from(eventTables.outbox);
    const mine = events.filter((e) => (e.payload as RecordFacts).id === record.id);
    expect(mine.map((e) => e.destination).sort()).toEqual(['disputes', 'incentives']);
    expect(mine[0]).toMatchObject({ type: EVENT.recordChanged });
    expect(mine[0]!.payload).toEqual({
      id: record.id,
      subjectId: input.subjectId,
      kind: 'NEGATIVE',
      severity: 'GENERAL',
      domain: 'TAXATION',
      category: 'ADMINISTRATIVE_ACT',
      penaltyTypes: [],
      regionCode: '110105',
      determiningAuthority: '北京市朝阳区税务局',
      decidedOn: '2026-05-10',
      publicityEndsOn: '2027-05-10',
      minimumPublicityEndsOn: '2026-08-10',
      status: 'ACTIVE',
      version: 1,
    } satisfies RecordFacts);
  });

  it('stores a POSITIVE record without severity, and takes a custom publicity end inside the bounds', async () => {
    const positive = await send(recordInput({ kind: 'POSITIVE', severity: null, domain: 'VOLUNTEER_SERVICE', category: 'HONOUR', decidedOn: '2026-01-31' }));
    expect(positive.data?.submitCreditRecord).toMatchObject({ severity: null, publicityEndsOn: '2029-01-31', publicityRegime: 'OWN_POSITIVE_RULE' });
    const custom = await submit({ publicityEndsOn: '2026-12-31' });
    expect(custom.publicityEndsOn).toBe('2026-12-31');
  });

  it.each([
    ['subjectId', 'INVALID_FORMAT', { subjectId: 'person-1' }],
    ['severity', 'SEVERITY_REQUIRED', { severity: null }],
    ['severity', 'SEVERITY_FORBIDDEN', { kind: 'POSITIVE', category: 'HONOUR' }],
    ['regionCode', 'INVALID_FORMAT', { regionCode: '1101' }],
    ['regionCode', 'UNKNOWN_REGION', { regionCode: '990105' }],
    ['determiningAuthority', 'BLANK', { determiningAuthority: '   ' }],
    ['documentNumber', 'TOO_LONG', { documentNumber: '号'.repeat(101) }],
    ['legalBasis', 'BLANK', { legalBasis: '' }],
    ['summary', 'BLANK', { summary: ' \t ' }],
    ['decidedOn', 'FUTURE_DATE', { decidedOn: '2026-11-22' }],
  ])('rejects a bad %s with reason %s and writes nothing', async (field, reason, overrides) => {
    const before = await stored();
    // The officer's department is the input's authority, so the permit passes and validation decides.
    const result = await send(recordInput(overrides));
    expect(result.data?.submitCreditRecord).toBeNull();
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field, reason });
    expect(await stored()).toEqual(before);
  });

  it('rejects a publicity end outside the bounds, naming them', async () => {
    const before = await stored();
    const result = await send(recordInput({ publicityEndsOn: '2026-08-09' }));
    expect(result.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'publicityEndsOn',
      reason: 'PUBLICITY_OUT_OF_RANGE',
      minimumEndsOn: '2026-08-10',
      maximumEndsOn: '2027-05-10',
    });
    expect(await stored()).toEqual(before);
  });

  it('stores a decision’s penalty types, each once, and gives it the longest period among them', async () => {
    // ORDER_36 GENERAL: a warning alone 3 months; a fine beside it the whole 3 months to 1 year.
    const PENALTY = `mutation($input: SubmitCreditRecordInput!) { submitCreditRecord(input: $input) { id penaltyTypes minimumPublicityEndsOn publicityEndsOn } }`;
    const warned = await records.execute(PENALTY, { input: recordInput({ penaltyTypes: ['WARNING'] }) }, officerOf());
    expect(warned.data?.submitCreditRecord).toMatchObject({ penaltyTypes: ['WARNING'], minimumPublicityEndsOn: '2026-08-10', publicityEndsOn: '2026-08-10' });
    const fined = await records.execute(PENALTY, { input: recordInput({ penaltyTypes: ['FINE', 'WARNING', 'FINE'] }) }, officerOf());
    expect(fined.data?.submitCreditRecord).toMatchObject({ penaltyTypes: ['WARNING', 'FINE'], minimumPublicityEndsOn: '2026-08-10', publicityEndsOn: '2027-05-10' });
    const [event] = await records.database.db.select().from(eventTables.outbox).where(eq(sql`${eventTables.outbox.payload}->>'id'`, (fined.data?.submitCreditRecord as { id: string }).id));
    expect((event?.payload as RecordFacts).penaltyTypes).toEqual(['WARNING', 'FINE']);
  });

  it('refuses penalty types on a record that is not an administrative penalty, and writes nothing', async () => {
    const before = await stored();
    for (const overrides of [
      { kind: 'POSITIVE', severity: null, domain: 'VOLUNTEER_SERVICE', category: 'HONOUR', penaltyTypes: ['FINE'] },
      { category: 'JUDICIAL', penaltyTypes: ['FINE'] },
    ]) {
      const result = await send(recordInput(overrides));
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'penaltyTypes', reason: 'PENALTY_TYPES_FORBIDDEN' });
    }
    expect(await stored()).toEqual(before);
  });

  it('rejects a category outside the 2021 catalog and an impossible date before resolving', async () => {
    for (const overrides of [{ category: 'BANK_LOANS' }, { decidedOn: '2023-02-30' }]) {
      const result = await send(recordInput(overrides));
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.data).toBeUndefined();
    }
  });

  it('refuses a second record of the same authority, document number and subject (CONFLICT)', async () => {
    const input = recordInput();
    await submit(input);
    const before = await stored();
    const again = await send({ ...input, documentNumber: ` ${input.documentNumber} `, summary: '另一摘要' });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'documentNumber' });
    expect(await stored()).toEqual(before);
    await submit({ ...input, subjectId: randomUUID() });
  });

  it('kicks the relay after commit, which delivers the event to both subscribers', async () => {
    const bodies: { events: { type: string; payload: RecordFacts }[] }[] = [];
    const subscriber = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        bodies.push(JSON.parse(body));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"applied":0}');
      });
    });
    await new Promise<void>((resolve) => subscriber.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(subscriber.address() as AddressInfo).port}`;
    try {
      destinations = { disputes: url, incentives: url };
      const record = await submit();
      // No polling loop runs in this test (relay: false): only the kick can deliver.
      const delivered = () => bodies.flatMap((b) => b.events).filter((e) => e.payload.id === record.id);
      const deadline = Date.now() + 5000;
      while (delivered().length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(delivered().map((e) => e.type)).toEqual([EVENT.recordChanged, EVENT.recordChanged]);
      await records.relay!.drain();
    } finally {
      destinations = {};
      await new Promise((resolve) => subscriber.close(resolve));
    }
  });
});

describe('Person.creditRecords', () => {
  const person = randomUUID();
  const mine: Submitted[] = [];

  beforeAll(async () => {
    for (const [decidedOn, kind] of [
      ['2026-03-01', 'NEGATIVE'],
      ['2026-06-15', 'NEGATIVE'],
      ['2026-06-15', 'NEGATIVE'],
      ['2026-09-30', 'POSITIVE'],
      ['2026-10-20', 'NEGATIVE'],
    ] as const) {
      const positive = kind === 'POSITIVE';
      mine.push(
        await submit({ subjectId: person, decidedOn, kind, ...(positive && { severity: null, domain: 'VOLUNTEER_SERVICE', category: 'HONOUR' }) }),
      );
    }
    // Decided under Order 58 with its maximum 3 years: expired on 2026-05-10.
    mine.push(await submit({ subjectId: person, decidedOn: '2023-05-10' }));
  });

  const PAGE = `query($r: [_Any!]!, $first: Int, $after: String, $kind: RecordKind, $status: RecordStatus) {
    _entities(representations: $r) { ... on Person { creditRecords(first: $first, after: $after, kind: $kind, status: $status) {
      edges { cursor node { id kind decidedOn status } } pageInfo { hasNextPage endCursor } } } } }`;
  type Page = { edges: { cursor: string; node: { id: string; kind: string; decidedOn: string; status: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

  async function page(variables: Record<string, unknown>, caller?: CallerContext): Promise<Page> {
    const result = await records.execute(PAGE, { r: [{ __typename: 'Person', id: person }], ...variables }, caller);
    expect(result.errors).toBeUndefined();
    return (result.data?._entities as { creditRecords: Page }[])[0]!.creditRecords;
  }

  const newestFirst = (list: Submitted[]) =>
    [...list].sort((a, b) => (a.decidedOn === b.decidedOn ? (a.id < b.id ? 1 : -1) : a.decidedOn < b.decidedOn ? 1 : -1)).map((r) => r.id);

  it('pages ACTIVE records newest decision first, ties by id, with a resumable cursor', async () => {
    const active = mine.filter((r) => r.decidedOn > '2024-01-01');
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const current: Page = await page({ first: 2, after });
      expect(current.edges.length).toBeLessThanOrEqual(2);
      seen.push(...current.edges.map((e) => e.node.id));
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
    }
    expect(seen).toEqual(newestFirst(active));
  });

  it('filters by kind and by status, EXPIRED only when asked for', async () => {
    expect((await page({ kind: 'POSITIVE' })).edges.map((e) => e.node.kind)).toEqual(['POSITIVE']);
    expect((await page({ kind: 'NEGATIVE' })).edges).toHaveLength(4);
    const expired = await page({ status: 'EXPIRED' }, AUDITOR);
    expect(expired.edges.map((e) => [e.node.decidedOn, e.node.status])).toEqual([['2023-05-10', 'EXPIRED']]);
    expect((await page({ status: 'REVOKED' }, AUDITOR)).edges).toEqual([]);
  });

  it('derives EXPIRED from the clock: a record leaves the ACTIVE view on its publicityEndsOn', async () => {
    const subjectId = randomUUID();
    const record = await submit({ subjectId, decidedOn: '2026-11-01', publicityEndsOn: '2027-02-01' });
    const statusOf = async () =>
      ((await records.execute(`query($id: ID!) { creditRecord(id: $id) { status } }`, { id: record.id }, AUDITOR)).data?.creditRecord as { status: string })
        .status;
    const listed = async (status: string) => {
      const result = await records.execute(PAGE, { r: [{ __typename: 'Person', id: subjectId }], status }, AUDITOR);
      return (result.data?._entities as { creditRecords: Page }[])[0]!.creditRecords.edges.map((e) => e.node.id);
    };
    const total = async () =>
      ((await records.execute(`{ creditStatistics(groupBy: []) { count } }`)).data?.creditStatistics as { count: number }[])[0]!.count;
    try {
      clock.set('2027-01-31T23:59:00+08:00');
      expect(await statusOf()).toBe('ACTIVE');
      expect(await listed('ACTIVE')).toEqual([record.id]);
      const activeBefore = await total();
      clock.set('2027-02-01T00:01:00+08:00');
      expect(await statusOf()).toBe('EXPIRED');
      expect(await listed('ACTIVE')).toEqual([]);
      expect(await listed('EXPIRED')).toEqual([record.id]);
      expect(await total()).toBe(activeBefore - 1);
    } finally {
      clock.set(TODAY);
    }
  });

  it('refuses page sizes outside 1..100 and forged cursors', async () => {
    for (const variables of [{ first: 0 }, { first: 101 }, { after: 'nope' }, { after: Buffer.from('["2026-13-01","x"]').toString('base64url') }]) {
      const result = await records.execute(PAGE, { r: [{ __typename: 'Person', id: person }], ...variables });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('batches persons into one statement that does not grow with their number', async () => {
    const persons = (n: number) => [person, ...Array.from({ length: n - 1 }, () => randomUUID())].map((id) => ({ __typename: 'Person', id }));
    const two = await statementsOf(() => records.execute(ENTITIES, { r: persons(2) }));
    const twenty = await statementsOf(() => records.execute(ENTITIES, { r: persons(20) }));
    expect(two.statements).toBe(1);
    expect(twenty.statements).toBe(1);
    const entities = twenty.result.data?._entities as { id: string; creditRecords: { edges: { node: { subject: { id: string } } }[] } }[];
    expect(entities).toHaveLength(20);
    expect(entities[0]!.creditRecords.edges).toHaveLength(5);
    expect(entities[0]!.creditRecords.edges.every((e) => e.node.subject.id === person)).toBe(true);
    expect(entities.slice(1).every((e) => e.creditRecords.edges.length === 0)).toBe(true);
    // Different arguments are different statements, but still not one per person.
    const twoArgs = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { a: creditRecords(kind: POSITIVE) { edges { cursor } } b: creditRecords(first: 1) { edges { cursor } } } } }`;
    expect((await statementsOf(() => records.execute(twoArgs, { r: persons(20) }))).statements).toBe(2);
  });
});

describe('CreditRecord entities and lookups', () => {
  it('resolves CreditRecord entities in representation order with one statement, null for unknown ids', async () => {
    const created = await Promise.all(Array.from({ length: 20 }, () => submit()));
    const reps = (list: Submitted[]) => [
      { __typename: 'CreditRecord', id: randomUUID() },
      { __typename: 'CreditRecord', id: 'not-a-uuid' },
      ...list.map((r) => ({ __typename: 'CreditRecord', id: r.id })),
    ];
    const two = await statementsOf(() => records.execute(ENTITIES, { r: reps(created.slice(0, 2)) }));
    const twenty = await statementsOf(() => records.execute(ENTITIES, { r: reps(created) }));
    expect(two.statements).toBe(1);
    expect(twenty.statements).toBe(1);
    expect(twenty.result.data?._entities).toEqual([null, null, ...created.map((r) => ({ id: r.id, decidedOn: r.decidedOn }))]);
  });

  it('answers creditRecord(id) with null for an unknown or malformed id', async () => {
    const result = await records.execute(`{ a: creditRecord(id: "${randomUUID()}") { id } b: creditRecord(id: "x") { id } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ a: null, b: null });
  });
});

describe('creditStatistics', () => {
  const REGION = '440305';
  const STATS = `query($groupBy: [StatisticsDimension!]!, $filter: CreditStatisticsFilter) {
    creditStatistics(groupBy: $groupBy, filter: $filter) { region domain severity kind month count persons suppressed } }`;
  const persons = Array.from({ length: 10 }, () => randomUUID());
  const [p1, p6, p7, p10] = [persons[0]!, persons[5]!, persons[6]!, persons[9]!];

  beforeAll(async () => {
    const base = { regionCode: REGION, determiningAuthority: '深圳市南山区应急管理局' };
    // WORK_SAFETY: 5 persons (one of them twice), June. TAXATION: 4 persons, July 1. VOLUNTEER_SERVICE: 1 person.
    await submit({ ...base, subjectId: p1, severity: 'SERIOUS', domain: 'WORK_SAFETY', decidedOn: '2026-06-03' });
    for (const subjectId of persons.slice(0, 5)) {
      await submit({ ...base, subjectId, severity: 'GENERAL', domain: 'WORK_SAFETY', decidedOn: '2026-06-20' });
    }
    for (const subjectId of persons.slice(5, 9)) {
      await submit({ ...base, subjectId, severity: 'GENERAL', domain: 'TAXATION', decidedOn: '2026-07-01' });
    }
    await submit({ ...base, subjectId: p10, kind: 'POSITIVE', severity: null, domain: 'VOLUNTEER_SERVICE', category: 'HONOUR', decidedOn: '2026-07-15' });
    // Not ACTIVE: a MINOR record is not published, and one past its maximum period has expired.
    await submit({ ...base, subjectId: p6, severity: 'MINOR', domain: 'TAXATION', decidedOn: '2026-07-02' });
    await submit({ ...base, subjectId: p7, severity: 'GENERAL', domain: 'TAXATION', decidedOn: '2023-06-01' });
  });

  /**
   * The cells, asked twice: the first answer costs the cache key and at most the count, the
   * second only the key (nothing has changed in between) and is the same.
   */
  async function cells(groupBy: string[], filter: Record<string, unknown> = {}) {
    const ask = () => statementsOf(() => records.execute(STATS, { groupBy, filter: { regionCode: REGION, ...filter } }));
    const first = await ask();
    expect(first.result.errors).toBeUndefined();
    expect(first.statements).toBeLessThanOrEqual(2);
    const again = await ask();
    expect(again.statements).toBe(1);
    expect(again.result.data).toEqual(first.result.data);
    return first.result.data?.creditStatistics as Record<string, unknown>[];
  }

  const dimensions = { region: null, domain: null, severity: null, kind: null, month: null };
  const cell = (values: Record<string, unknown>) => ({ ...dimensions, suppressed: false, ...values });
  const suppressed = (values: Record<string, unknown>) => ({ ...dimensions, ...values, count: null, persons: null, suppressed: true });

  it('counts ACTIVE records and distinct persons in one total without grouping', async () => {
    expect(await cells([])).toEqual([cell({ count: 11, persons: 10 })]);
  });

  it('groups by domain, by severity and kind, by month and region, suppressing cells under 5 persons', async () => {
    expect(await cells(['DOMAIN'])).toEqual([
      suppressed({ domain: 'TAXATION' }),
      suppressed({ domain: 'VOLUNTEER_SERVICE' }),
      cell({ domain: 'WORK_SAFETY', count: 6, persons: 5 }),
    ]);
    // The grand total (11) minus NEGATIVE (10) would give the one POSITIVE record back: both withheld.
    expect(await cells(['KIND'])).toEqual([suppressed({ kind: 'NEGATIVE' }), suppressed({ kind: 'POSITIVE' })]);
    // NEGATIVE × GENERAL stays: the margins published beside it (GENERAL 9, the total 11) leave
    // SERIOUS + POSITIVE = 2 with two unknowns; the NEGATIVE margin that would split them is withheld.
    expect(await cells(['KIND', 'SEVERITY'])).toEqual([
      cell({ kind: 'NEGATIVE', severity: 'GENERAL', count: 9, persons: 9 }),
      suppressed({ kind: 'NEGATIVE', severity: 'SERIOUS' }),
      suppressed({ kind: 'POSITIVE' }),
    ]);
    expect(await cells(['MONTH', 'REGION', 'MONTH'])).toEqual([
      cell({ month: '2026-06', region: REGION, count: 6, persons: 5 }),
      cell({ month: '2026-07', region: REGION, count: 5, persons: 5 }),
    ]);
  });

  it('filters by domain, severity, kind and decision dates (both ends included)', async () => {
    expect(await cells([], { domain: 'WORK_SAFETY' })).toEqual([cell({ count: 6, persons: 5 })]);
    expect(await cells([], { severity: 'GENERAL' })).toEqual([cell({ count: 9, persons: 9 })]);
    expect(await cells([], { kind: 'POSITIVE' })).toEqual([suppressed({})]);
    expect(await cells([], { decidedFrom: '2026-06-20', decidedTo: '2026-07-01' })).toEqual([cell({ count: 9, persons: 9 })]);
    expect(await cells([], { decidedFrom: '2026-06-21', decidedTo: '2026-07-01' })).toEqual([suppressed({})]);
    expect(await cells([], { decidedFrom: '2026-06-20', decidedTo: '2026-06-30' })).toEqual([cell({ count: 5, persons: 5 })]);
    expect(await cells(['DOMAIN'], { regionCode: '110108' })).toEqual([]);
  });

  it('suppresses a cell of 1 to 4 persons however many records it counts, and releases it at 5', async () => {
    const region = '440306';
    const total = async () => (await cells([], { regionCode: region }))[0];
    const first = randomUUID();
    for (let i = 0; i < 6; i++) await submit({ subjectId: first, regionCode: region, decidedOn: `2026-08-0${i + 1}` });
    expect(await total()).toEqual(suppressed({}));
    for (let n = 2; n <= 4; n++) {
      await submit({ subjectId: randomUUID(), regionCode: region });
      expect(await total()).toEqual(suppressed({}));
    }
    await submit({ subjectId: randomUUID(), regionCode: region });
    expect(await total()).toEqual(cell({ count: 10, persons: 5 }));
  });

  it('leaves out a record once a repair or an upheld objection ends it, and counts a corrected copy once', async () => {
    // A region of its own, so the other tests' counts stay as they are; 7 persons, so every total
    // below still counts at least 5 and is not suppressed.
    const region = '440307';
    const total = async () => (await cells([], { regionCode: region }))[0];
    const [repaired, revoked, corrected] = await Promise.all(Array.from({ length: 7 }, () => submit({ regionCode: region })));
    expect(await total()).toEqual(cell({ count: 7, persons: 7 }));
    // The events disputes sends, applied by the records handlers as the relay would deliver them.
    expect(await deliver(records, [repairApproved(repaired!.id, '2026-11-20')])).toBe(1);
    expect(await total()).toEqual(cell({ count: 6, persons: 6 }));
    expect(await deliver(records, [objectionDecided(revoked!.id, '2026-11-20')])).toBe(1);
    expect(await total()).toEqual(cell({ count: 5, persons: 5 }));
    // The REVOKED original is left out and its ACTIVE copy counted: still 5 records of 5 persons.
    expect(await deliver(records, [objectionDecided(corrected!.id, '2026-11-20', { correction: { summary: '少缴税款' } })])).toBe(1);
    expect(await total()).toEqual(cell({ count: 5, persons: 5 }));
  });

  it('refuses a malformed region code', async () => {
    const result = await records.execute(STATS, { groupBy: [], filter: { regionCode: '44' } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.regionCode' });
  });
});

describe('objection.filed', () => {
  it('flags the record underObjection once, however often the event is delivered', async () => {
    const record = await submit();
    const batch = {
      source: 'disputes',
      events: [
        { id: 901, type: EVENT.objectionFiled, payload: { objectionId: randomUUID(), recordId: record.id } },
        { id: 902, type: EVENT.objectionFiled, payload: { objectionId: randomUUID(), recordId: randomUUID() } },
      ],
    };
    const before = await stored();
    expect(await applyEvents(records.database.db, eventTables, handlers, batch)).toBe(2);
    expect(await applyEvents(records.database.db, eventTables, handlers, batch)).toBe(0);
    const [row] = await records.database.db.select().from(creditRecords).where(eq(creditRecords.id, record.id));
    expect(row).toMatchObject({ underObjection: true, version: 1 });
    const result = await records.execute(`query($id: ID!) { creditRecord(id: $id) { underObjection } }`, { id: record.id });
    expect(result.data?.creditRecord).toEqual({ underObjection: true });
    expect(await stored()).toEqual(before);
  });
});
