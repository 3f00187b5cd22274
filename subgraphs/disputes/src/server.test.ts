import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyEvents, ManualClock, type RecordFacts, type RunningSubgraph } from '@credit/kit';
import { freshDatabaseLocation, recordFactsFixture } from '@credit/kit/testing';
import { count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CallerContext } from '@credit/schema';
import { citizen, OBJECTION_REVIEWER, officer, REPAIR_REVIEWER } from './callers.testing.js';
import { eventTables, objections, outbox, recordFacts, repairApplications } from './db/schema.js';
import { handlers } from './events.js';
import { startDisputes } from './server.js';

const NOW = '2026-11-21T10:00:00+08:00';
const TODAY = '2026-11-21';
const clock = new ManualClock(new Date(NOW));
let destinations: Record<string, string> = {};
let disputes: RunningSubgraph;
let drop: () => Promise<void>;

beforeAll(async () => {
  const db = await freshDatabaseLocation();
  drop = db.drop;
  // The relay is not polling; kicks after a commit deliver only to the destinations a test sets.
  disputes = await startDisputes({ location: db.location, seedDemo: false, relay: false, clock, destinations: () => destinations });
});
afterAll(async () => {
  await disputes?.close();
  await drop?.();
});
afterEach(() => clock.set(NOW));

let eventId = 0;

/** Delivers `record.changed` events exactly as the relay does over HTTP. */
function publish(...records: RecordFacts[]) {
  return applyEvents(disputes.database.db, eventTables, handlers, {
    source: 'records',
    events: records.map((payload) => ({ id: ++eventId, type: 'record.changed', payload })),
  });
}

const facts = recordFactsFixture;

async function published(overrides: Partial<RecordFacts> = {}) {
  const record = facts(overrides);
  await publish(record);
  return record;
}

async function rowCounts() {
  const db = disputes.database.db;
  const [[o], [r], [e]] = await Promise.all([
    db.select({ n: count() }).from(objections),
    db.select({ n: count() }).from(repairApplications),
    db.select({ n: count() }).from(outbox),
  ]);
  return { objections: o!.n, repairs: r!.n, outbox: e!.n };
}

type Errors = { extensions?: Record<string, unknown> }[] | undefined;

/** Runs a mutation expected to fail and checks that it wrote nothing (by default as the credit office). */
async function refused(query: string, input: Record<string, unknown>, caller: CallerContext = query === FILE_REPAIR ? REPAIR_REVIEWER : OBJECTION_REVIEWER) {
  const before = await rowCounts();
  const result = await disputes.execute(query, { input }, caller);
  expect(await rowCounts()).toEqual(before);
  const errors = result.errors as Errors;
  expect(errors).toHaveLength(1);
  expect(errors?.[0]?.extensions).not.toHaveProperty('stacktrace');
  return errors![0]!.extensions!;
}

const FILE_OBJECTION = `mutation($input: FileObjectionInput!) {
  fileObjection(input: $input) { id filedBy reasons evidence status filedOn filedAt forwardedOn decidedOn outcomeReasons record { id } subject { id } }
}`;
const FILE_REPAIR = `mutation($input: FileRepairApplicationInput!) {
  fileRepairApplication(input: $input) { id basis evidence creditPledge status filedOn filedAt decidedOn decisionReasons record { id } subject { id } }
}`;

const repairInput = (recordId: string, overrides: Record<string, unknown> = {}) => ({
  recordId,
  basis: 'PENALTY_PAID',
  evidence: ['罚款缴纳凭证 No.2026-118'],
  creditPledge: '本人承诺今后诚实守信，如有违反自愿接受惩戒。',
  pledgeAccepted: true,
  ...overrides,
});

describe('fileObjection', () => {
  it('files a SUBMITTED objection and its objection.filed event in one transaction', async () => {
    const record = await published();
    const result = await disputes.execute(
      FILE_OBJECTION,
      { input: { recordId: record.id, reasons: ' 处罚决定认定的事实有误 ', evidence: ['复议决定书.pdf', ' '] } },
      citizen(record.subjectId),
    );
    expect(result.errors).toBeUndefined();
    const objection = result.data?.fileObjection as Record<string, unknown>;
    expect(objection).toEqual({
      id: expect.any(String),
      filedBy: 'SUBJECT',
      reasons: '处罚决定认定的事实有误',
      evidence: ['复议决定书.pdf'],
      status: 'SUBMITTED',
      filedOn: TODAY,
      filedAt: '2026-11-21T02:00:00.000Z',
      forwardedOn: null,
      decidedOn: null,
      outcomeReasons: null,
      record: { id: record.id },
      subject: { id: record.subjectId },
    });
    const events = await disputes.database.db.select().from(outbox).where(eq(outbox.type, 'objection.filed'));
    expect(events.filter((e) => (e.payload as { objectionId: string }).objectionId === objection.id)).toMatchObject([
      { destination: 'records', payload: { objectionId: objection.id, recordId: record.id }, deliveredAt: null },
    ]);
  });

  it('records a determining authority as the filer', async () => {
    const record = await published();
    const input = { recordId: record.id, reasons: '认定依据引用错误', filedBy: 'DETERMINING_AUTHORITY' };
    const result = await disputes.execute(FILE_OBJECTION, { input }, officer());
    expect(result.data?.fileObjection).toMatchObject({ filedBy: 'DETERMINING_AUTHORITY', evidence: [] });
  });

  it.each([
    ['an unknown record', () => ({ id: randomUUID() }), { code: 'NOT_FOUND', field: 'recordId' }],
    ['an id that is no uuid', () => ({ id: 'not-a-record' }), { code: 'NOT_FOUND', field: 'recordId' }],
    ['a positive record', () => published({ kind: 'POSITIVE', severity: null, category: 'HONOUR' }), { code: 'BAD_USER_INPUT', reason: 'RECORD_NOT_ACTIVE' }],
    ['a revoked record', () => published({ status: 'REVOKED' }), { code: 'BAD_USER_INPUT', reason: 'RECORD_NOT_ACTIVE' }],
    ['a repaired record', () => published({ status: 'REPAIRED' }), { code: 'BAD_USER_INPUT', reason: 'RECORD_NOT_ACTIVE' }],
    ['a record that expired today', () => published({ publicityEndsOn: TODAY }), { code: 'BAD_USER_INPUT', reason: 'RECORD_NOT_ACTIVE', status: 'EXPIRED' }],
  ])('refuses %s and writes nothing', async (_name, record, extensions) => {
    const { id } = await record();
    expect(await refused(FILE_OBJECTION, { recordId: id, reasons: '事实有误' })).toMatchObject(extensions);
  });

  it('refuses blank reasons on the reasons field and writes nothing', async () => {
    const record = await published();
    expect(await refused(FILE_OBJECTION, { recordId: record.id, reasons: '   ' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reasons' });
  });

  it('allows one open objection per record (CONFLICT), and a new one once the first is decided', async () => {
    const record = await published();
    const first = await disputes.execute(FILE_OBJECTION, { input: { recordId: record.id, reasons: '第一次异议' } }, OBJECTION_REVIEWER);
    const firstId = (first.data?.fileObjection as { id: string }).id;
    expect(await refused(FILE_OBJECTION, { recordId: record.id, reasons: '第二次异议' })).toMatchObject({ code: 'CONFLICT', field: 'recordId' });

    await disputes.database.db.update(objections).set({ status: 'FORWARDED', forwardedOn: TODAY }).where(eq(objections.id, firstId));
    expect(await refused(FILE_OBJECTION, { recordId: record.id, reasons: '第二次异议' })).toMatchObject({ code: 'CONFLICT' });

    await disputes.database.db.update(objections).set({ status: 'REJECTED', decidedOn: TODAY, outcomeReasons: '经核查无误' }).where(eq(objections.id, firstId));
    const again = await disputes.execute(FILE_OBJECTION, { input: { recordId: record.id, reasons: '补充新证据' } }, OBJECTION_REVIEWER);
    expect(again.errors).toBeUndefined();
  });
});

describe('fileRepairApplication', () => {
  it('files a SUBMITTED application with the accepted pledge', async () => {
    const record = await published();
    const input = repairInput(record.id, { evidence: [' 缴款凭证.pdf ', '', '整改报告.pdf'] });
    const result = await disputes.execute(FILE_REPAIR, { input }, citizen(record.subjectId));
    expect(result.errors).toBeUndefined();
    expect(result.data?.fileRepairApplication).toEqual({
      id: expect.any(String),
      basis: 'PENALTY_PAID',
      evidence: ['缴款凭证.pdf', '整改报告.pdf'],
      creditPledge: '本人承诺今后诚实守信，如有违反自愿接受惩戒。',
      status: 'SUBMITTED',
      filedOn: TODAY,
      filedAt: '2026-11-21T02:00:00.000Z',
      decidedOn: null,
      decisionReasons: null,
      record: { id: record.id },
      subject: { id: record.subjectId },
    });
  });

  it('refuses the day before the minimum publicity period ends and accepts on that day (Asia/Shanghai dates)', async () => {
    const record = await published({ minimumPublicityEndsOn: TODAY, severity: 'SERIOUS' });
    clock.set('2026-11-20T23:59:00+08:00');
    expect(await refused(FILE_REPAIR, repairInput(record.id))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'recordId',
      reason: 'MINIMUM_PERIOD_NOT_PASSED',
      earliestOn: TODAY,
    });
    // 16:30 UTC on the 20th is already the 21st in Beijing.
    clock.set('2026-11-20T16:30:00Z');
    const result = await disputes.execute(FILE_REPAIR, { input: repairInput(record.id) }, REPAIR_REVIEWER);
    expect(result.errors).toBeUndefined();
    expect(result.data?.fileRepairApplication).toMatchObject({ filedOn: TODAY, status: 'SUBMITTED' });
  });

  it('lets a MINOR record be repaired before the minimum period once the obligation is fulfilled', async () => {
    const early = { severity: 'MINOR' as const, minimumPublicityEndsOn: '2027-01-10' };
    for (const basis of ['OBLIGATION_FULFILLED', 'PENALTY_PAID']) {
      const record = await published(early);
      const result = await disputes.execute(FILE_REPAIR, { input: repairInput(record.id, { basis }) }, REPAIR_REVIEWER);
      expect(result.errors).toBeUndefined();
    }
    const record = await published(early);
    expect(await refused(FILE_REPAIR, repairInput(record.id, { basis: 'VOLUNTEER_SERVICE' }))).toMatchObject({
      reason: 'MINIMUM_PERIOD_NOT_PASSED',
      earliestOn: '2027-01-10',
    });
  });

  it.each([
    ['an unknown record', () => ({ id: randomUUID() }), {}, { code: 'NOT_FOUND', field: 'recordId' }],
    ['a positive record', () => published({ kind: 'POSITIVE', severity: null, category: 'HONOUR' }), {}, { reason: 'RECORD_NOT_ACTIVE' }],
    ['an expired record', () => published({ publicityEndsOn: '2026-11-01' }), {}, { reason: 'RECORD_NOT_ACTIVE', status: 'EXPIRED' }],
    ['a revoked record', () => published({ status: 'REVOKED' }), {}, { reason: 'RECORD_NOT_ACTIVE' }],
    ['a record still in its minimum period', () => published({ minimumPublicityEndsOn: '2026-12-01' }), {}, { reason: 'MINIMUM_PERIOD_NOT_PASSED', earliestOn: '2026-12-01' }],
    ['no evidence', () => published(), { evidence: [] }, { field: 'evidence', reason: 'EVIDENCE_REQUIRED' }],
    ['blank evidence', () => published(), { evidence: ['  '] }, { field: 'evidence', reason: 'EVIDENCE_REQUIRED' }],
    ['a pledge not accepted', () => published(), { pledgeAccepted: false }, { field: 'pledgeAccepted', reason: 'PLEDGE_REQUIRED' }],
    ['a blank pledge', () => published(), { creditPledge: ' ' }, { field: 'creditPledge', reason: 'PLEDGE_REQUIRED' }],
  ])('refuses %s and writes nothing', async (_name, record, overrides, extensions) => {
    const { id } = await record();
    expect(await refused(FILE_REPAIR, repairInput(id, overrides))).toMatchObject({ code: 'BAD_USER_INPUT', ...extensions });
  });

  it('allows one submitted application per record (CONFLICT)', async () => {
    const record = await published();
    expect((await disputes.execute(FILE_REPAIR, { input: repairInput(record.id) }, REPAIR_REVIEWER)).errors).toBeUndefined();
    expect(await refused(FILE_REPAIR, repairInput(record.id, { basis: 'VOLUNTEER_SERVICE' }))).toMatchObject({ code: 'CONFLICT', field: 'recordId' });
  });
});

describe('record facts projection', () => {
  const stored = async (id: string) => (await disputes.database.db.select().from(recordFacts).where(eq(recordFacts.id, id)))[0];

  it('applies each event once: a redelivered batch changes nothing', async () => {
    const record = facts();
    const batch = { source: 'records', events: [{ id: ++eventId, type: 'record.changed', payload: record }] };
    expect(await applyEvents(disputes.database.db, eventTables, handlers, batch)).toBe(1);
    expect(await applyEvents(disputes.database.db, eventTables, handlers, batch)).toBe(0);
    expect(await stored(record.id)).toMatchObject({ status: 'ACTIVE', version: 1 });
  });

  it('ignores an older version, across batches and within one', async () => {
    const v2 = facts({ status: 'REVOKED', version: 2 });
    const v1 = { ...v2, status: 'ACTIVE' as const, version: 1 };
    await publish(v2);
    await publish(v1);
    expect(await stored(v2.id)).toMatchObject({ status: 'REVOKED', version: 2 });
    const v3 = { ...v2, status: 'ACTIVE' as const, publicityEndsOn: '2027-03-01', version: 3 };
    await publish(v3, v1);
    expect(await stored(v2.id)).toMatchObject({ status: 'ACTIVE', publicityEndsOn: '2027-03-01', version: 3 });
  });

  it('decides filings on the newest facts', async () => {
    const record = await published();
    await publish({ ...record, status: 'REVOKED', version: 2 });
    expect(await refused(FILE_OBJECTION, { recordId: record.id, reasons: '事实有误' })).toMatchObject({ reason: 'RECORD_NOT_ACTIVE', status: 'REVOKED' });
  });
});

describe('queries and entities', () => {
  const subject = randomUUID();
  const ids = { objections: [] as string[], repairs: [] as string[], records: [] as string[] };

  beforeAll(async () => {
    for (const [i, at] of ['2026-11-01T09:00:00+08:00', '2026-11-15T09:00:00+08:00', '2026-11-20T09:00:00+08:00'].entries()) {
      clock.set(at);
      const record = await published({ subjectId: subject });
      ids.records.push(record.id);
      const o = await disputes.execute(FILE_OBJECTION, { input: { recordId: record.id, reasons: `异议 ${i}` } }, OBJECTION_REVIEWER);
      ids.objections.push((o.data?.fileObjection as { id: string }).id);
      const r = await disputes.execute(FILE_REPAIR, { input: repairInput(record.id) }, REPAIR_REVIEWER);
      ids.repairs.push((r.data?.fileRepairApplication as { id: string }).id);
    }
    clock.set(NOW);
  });

  it('finds an objection and a repair application by id, and null for unknown or malformed ids', async () => {
    const result = await disputes.execute(
      `query($o: ID!, $r: ID!, $u: ID!) { o: objection(id: $o) { id reasons } r: repairApplication(id: $r) { id basis }
        unknown: objection(id: $u) { id } malformed: repairApplication(id: "nope") { id } }`,
      { o: ids.objections[0], r: ids.repairs[0], u: randomUUID() },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ o: { id: ids.objections[0], reasons: '异议 0' }, r: { id: ids.repairs[0], basis: 'PENALTY_PAID' }, unknown: null, malformed: null });
  });

  it('lists a person’s objections and repairs newest first', async () => {
    const result = await disputes.execute(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id objections { id filedOn } repairs { id } } } }`,
      { r: [{ __typename: 'Person', id: subject }] },
    );
    expect(result.data?._entities).toEqual([
      {
        id: subject,
        objections: [
          { id: ids.objections[2], filedOn: '2026-11-20' },
          { id: ids.objections[1], filedOn: '2026-11-15' },
          { id: ids.objections[0], filedOn: '2026-11-01' },
        ],
        repairs: [ids.repairs[2], ids.repairs[1], ids.repairs[0]].map((id) => ({ id })),
      },
    ]);
  });

  /** Statements one `_entities` call sends. */
  async function statementsFor(selection: string, representations: Record<string, unknown>[]) {
    const before = disputes.database.counter.statements;
    const result = await disputes.execute(`query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`, { r: representations });
    expect(result.errors).toBeUndefined();
    return { statements: disputes.database.counter.statements - before, entities: result.data?._entities as unknown[] };
  }

  it('resolves Person entities in one statement per list, however many are asked for', async () => {
    const selection = '... on Person { id objections { id record { id } subject { id } } repairs { id } }';
    const people = (n: number) => [subject, ...Array.from({ length: n - 1 }, () => randomUUID())].map((id) => ({ __typename: 'Person', id }));
    const two = await statementsFor(selection, people(2));
    const ten = await statementsFor(selection, people(10));
    expect(two.statements).toBe(2);
    expect(ten.statements).toBe(2);
    expect(ten.entities).toHaveLength(10);
    expect(ten.entities[0]).toMatchObject({ id: subject, objections: { length: 3 }, repairs: { length: 3 } });
    expect(ten.entities[1]).toEqual({ id: expect.any(String), objections: [], repairs: [] });
  });

  it('resolves CreditRecord entities with their objections and repairs in one statement per list', async () => {
    const selection = '... on CreditRecord { id objections { id status } repairs { id } }';
    const one = await statementsFor(selection, ids.records.slice(0, 1).map((id) => ({ __typename: 'CreditRecord', id })));
    const all = await statementsFor(selection, [...ids.records, randomUUID()].map((id) => ({ __typename: 'CreditRecord', id })));
    expect(one.statements).toBe(2);
    expect(all.statements).toBe(2);
    expect(all.entities).toEqual([
      ...ids.records.map((id, i) => ({ id, objections: [{ id: ids.objections[i], status: 'SUBMITTED' }], repairs: [{ id: ids.repairs[i] }] })),
      { id: expect.any(String), objections: [], repairs: [] },
    ]);
  });

  it('resolves Objection and RepairApplication entities in representation order, null for unknown ids, one statement each', async () => {
    const selection = '... on Objection { id reasons record { id } } ... on RepairApplication { id basis }';
    const unknown = randomUUID();
    const one = await statementsFor(selection, [{ __typename: 'Objection', id: ids.objections[0] }]);
    const many = await statementsFor(selection, [
      { __typename: 'Objection', id: ids.objections[2] },
      { __typename: 'Objection', id: unknown },
      { __typename: 'RepairApplication', id: ids.repairs[1] },
      { __typename: 'Objection', id: ids.objections[0] },
      { __typename: 'RepairApplication', id: 'malformed' },
    ]);
    expect(one.statements).toBe(1);
    expect(many.statements).toBe(2);
    expect(many.entities).toEqual([
      { id: ids.objections[2], reasons: '异议 2', record: { id: ids.records[2] } },
      null,
      { id: ids.repairs[1], basis: 'PENALTY_PAID' },
      { id: ids.objections[0], reasons: '异议 0', record: { id: ids.records[0] } },
      null,
    ]);
  });
});

describe('outbox relay', () => {
  let records: Server;
  const received: { source: string; events: { type: string; payload: { objectionId: string } }[] }[] = [];

  beforeAll(async () => {
    records = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const batch = JSON.parse(Buffer.concat(chunks).toString('utf8')) as (typeof received)[number];
        received.push(batch);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ applied: batch.events.length }));
      });
    });
    await new Promise<void>((resolve) => records.listen(0, '127.0.0.1', resolve));
    destinations = { records: `http://127.0.0.1:${(records.address() as AddressInfo).port}` };
  });
  afterAll(async () => {
    destinations = {};
    await new Promise((resolve) => records.close(resolve));
  });

  it('is kicked after the commit, so records hears of the objection without waiting for a poll', async () => {
    const record = await published();
    const result = await disputes.execute(FILE_OBJECTION, { input: { recordId: record.id, reasons: '事实有误' } }, OBJECTION_REVIEWER);
    const objectionId = (result.data?.fileObjection as { id: string }).id;
    const delivered = () => received.flatMap((b) => b.events).some((e) => e.type === 'objection.filed' && e.payload.objectionId === objectionId);
    await expect.poll(delivered, { timeout: 5000 }).toBe(true);
    expect(received.every((b) => b.source === 'disputes')).toBe(true);
    await disputes.relay!.drain();
    expect(await disputes.relay!.pending()).toBe(0);
  });
});
