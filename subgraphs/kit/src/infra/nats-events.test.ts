/**
 * Department events on NATS JetStream (issue 14, point 5), against this machine's NATS server,
 * each test on a stream of its own, deleted after: the relay publishes outbox rows with their
 * event id as message id, and a department's durable consumer applies them through its inbox,
 * acknowledging after the commit, one at a time and in order.
 */
import { sql } from 'drizzle-orm';
import { pgSchema } from 'drizzle-orm/pg-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, selectRows, type Database } from './db.js';
import { connectEventBus, EventConsumer, natsSender, type EventBus, type EventConsumerOptions } from './nats-events.js';
import { enqueue, Relay, type EventHandlers } from './outbox.js';
import { outboxTables } from './outbox-tables.js';
import { generateSigningKey } from './signing-key.js';
import { freshDatabaseLocation, freshNatsConfig } from '../testing.js';

const source = outboxTables(pgSchema('nats_source'));
const sink = outboxTables(pgSchema('nats_sink'));

let database: Database;
let dropDatabase: () => Promise<void>;
let nats: ReturnType<typeof freshNatsConfig>;
const open: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  const fresh = await freshDatabaseLocation();
  dropDatabase = fresh.drop;
  database = await openDatabase({ name: 'nats-events', location: fresh.location });
  for (const schema of ['nats_source', 'nats_sink']) {
    await database.db.execute(sql.raw(`create schema ${schema}`));
    await database.db.execute(
      sql.raw(`create table ${schema}.outbox (id bigserial primary key, destination text not null, type text not null,
        payload jsonb not null, created_at timestamptz not null default now(), delivered_at timestamptz,
        attempts integer not null default 0, next_attempt_at timestamptz not null default now(), last_error text)`),
    );
    await database.db.execute(
      sql.raw(`create table ${schema}.inbox (source text not null, event_id bigint not null,
        applied_at timestamptz not null default now(), primary key (source, event_id))`),
    );
  }
  await database.db.execute(sql.raw(`create table nats_sink.applied (position bigserial primary key, record text not null, seq integer not null)`));
});
afterAll(async () => {
  await database?.close();
  await dropDatabase?.();
});

beforeEach(async () => {
  for (const table of ['nats_source.outbox', 'nats_sink.inbox', 'nats_sink.applied']) {
    await database.db.execute(sql.raw(`truncate ${table} restart identity`));
  }
  // A stream of this test's own; consumers redeliver after 1 s instead of 30.
  nats = freshNatsConfig({ ackWaitMs: 1_000 });
});
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
  await nats.drop();
});

async function bus(): Promise<EventBus> {
  const connected = await connectEventBus(nats);
  open.push(connected);
  return connected;
}

/** The handler's calls, committed or not, in order. */
let calls: { record: string; seq: number }[];
/** Seqs whose first application fails (the database refused, say): JetStream must redeliver them. */
let failOnce: Set<number>;
beforeEach(() => {
  calls = [];
  failOnce = new Set();
});

const handlers: EventHandlers = {
  'thing.happened': async (tx, payloads) => {
    for (const payload of payloads as { record: string; seq: number }[]) {
      if (failOnce.delete(payload.seq)) throw new Error(`transient failure at ${payload.seq}`);
      calls.push(payload);
      await tx.execute(sql`insert into nats_sink.applied (record, seq) values (${payload.record}, ${payload.seq})`);
    }
  },
};

function consumer(eventBus: EventBus, extra: Partial<EventConsumerOptions> = {}): EventConsumer {
  const c = new EventConsumer(eventBus, { destination: 'records', db: database.db, tables: sink, handlers, ...extra });
  open.push({ close: () => c.stop() });
  return c;
}

function relay(eventBus: EventBus): Relay {
  return new Relay({
    source: 'disputes',
    db: database.db,
    tables: source,
    destinations: () => ({ records: 'nats' }),
    signingKey: generateSigningKey(),
    send: natsSender(eventBus),
  });
}

/** `n` events about three records, interleaved: record r<i % 3>, seq i. */
async function decide(n: number, from = 1): Promise<void> {
  const events = Array.from({ length: n }, (_, k) => ({ type: 'thing.happened', payload: { record: `r${(from + k) % 3}`, seq: from + k } }));
  await database.db.transaction((tx) => enqueue(tx, source, { 'thing.happened': ['records'] }, events));
}

async function applied(): Promise<{ record: string; seq: number }[]> {
  return selectRows(database.db, sql`select record, seq from nats_sink.applied order by position`);
}

const seqs = (n: number, from = 1) => Array.from({ length: n }, (_, k) => from + k);

describe('department events on NATS JetStream', () => {
  it('publishes each outbox row once under its event id, however often the relay sends it', async () => {
    const eventBus = await bus();
    await decide(5);
    const send = natsSender(eventBus);
    const rows = await selectRows<{ id: number; type: string; payload: unknown }>(database.db, sql`select id, type, payload from nats_source.outbox order by id`);
    const batch = { source: 'disputes', events: rows };
    // The publish acknowledgements were lost, say: the relay sends the whole batch again.
    await send('records', batch);
    await send('records', batch);
    const info = await eventBus.jsm.streams.info(nats.stream);
    expect(info.state.messages).toBe(5);
    const first = await eventBus.jsm.streams.getMessage(nats.stream, { seq: 1 });
    expect(first?.subject).toBe(`${nats.subjectPrefix}.disputes.records.thing.happened`);
    expect(first?.header?.get('Nats-Msg-Id')).toBe(`disputes:${rows[0]!.id}`);
  });

  it('a department down while decisions are made catches up once when it returns, in order', async () => {
    const publisher = await bus();
    const outbox = relay(publisher);
    // The department has subscribed before (its durable consumer exists), then goes down.
    const department = consumer(await bus());
    await department.ensure();
    await decide(20);
    await outbox.drain();
    expect(await outbox.pending()).toBe(0);
    expect(await applied()).toEqual([]);
    expect(await department.idle()).toBe(false);

    await department.start();
    await department.waitIdle();
    expect((await applied()).map((r) => r.seq)).toEqual(seqs(20));
    expect(calls).toHaveLength(20);
    // Published again (a relay that lost its bookkeeping): nothing is applied twice.
    await database.db.execute(sql`update nats_source.outbox set delivered_at = null`);
    await outbox.drain();
    await department.waitIdle();
    expect(calls).toHaveLength(20);
  });

  it('a crash between the inbox commit and the acknowledgement does not apply an event twice', async () => {
    const outbox = relay(await bus());
    await decide(6);
    await outbox.drain();

    // Replica A commits the third event, then its process dies before it acknowledges.
    const busA = await bus();
    let crashed = false;
    const replicaA = consumer(busA, {
      afterCommit: async ({ id }) => {
        if (id !== 3) return;
        crashed = true;
        await busA.connection.close();
        throw new Error('process died');
      },
    });
    await replicaA.start();
    await expect.poll(() => crashed).toBe(true);
    await replicaA.stop();
    expect((await applied()).map((r) => r.seq)).toEqual([1, 2, 3]);

    // Replica B takes over: JetStream redelivers the third event once its ack wait runs out.
    const seen: { id: number; redelivered: boolean; applied: number }[] = [];
    const replicaB = consumer(await bus(), { afterCommit: async (e) => void seen.push(e) });
    await replicaB.start();
    await expect.poll(async () => (await applied()).length, { timeout: 10_000 }).toBe(6);
    await replicaB.waitIdle();
    expect(seen[0]).toEqual({ source: 'disputes', id: 3, redelivered: true, applied: 0 });
    expect(replicaB.counts).toMatchObject({ skipped: 1, applied: 3 });
    expect((await applied()).map((r) => r.seq)).toEqual(seqs(6));
    expect(calls.map((c) => c.seq)).toEqual(seqs(6));
  });

  it('keeps each record\'s events in order through failures, redeliveries and two replicas consuming', async () => {
    const outbox = relay(await bus());
    const replicas = [consumer(await bus()), consumer(await bus())];
    for (const r of replicas) await r.start();
    failOnce = new Set([2, 7, 8, 15]);
    await decide(12);
    outbox.kick();
    await decide(12, 13);
    await outbox.drain();
    await expect.poll(async () => (await applied()).length, { timeout: 20_000 }).toBe(24);
    for (const r of replicas) await r.waitIdle();
    const rows = await applied();
    for (const record of ['r0', 'r1', 'r2']) {
      const ours = rows.filter((r) => r.record === record).map((r) => r.seq);
      expect(ours).toEqual([...ours].sort((a, b) => a - b));
    }
    // One event at a time for the department: the whole sequence is in publishing order.
    expect(rows.map((r) => r.seq)).toEqual(seqs(24));
    expect(failOnce.size).toBe(0);
    expect(replicas[0]!.counts.redelivered + replicas[1]!.counts.redelivered).toBeGreaterThanOrEqual(4);
  });

  it('sets aside an event it can never apply and goes on with the next', async () => {
    const eventBus = await bus();
    const department = consumer(eventBus);
    await department.start();
    await eventBus.js.publish(`${nats.subjectPrefix}.disputes.records.thing.happened`, 'not json');
    await eventBus.js.publish(`${nats.subjectPrefix}.disputes.records.other.thing`, JSON.stringify({ source: 'disputes', id: 99, type: 'other.thing', payload: {} }));
    const outbox = relay(eventBus);
    await decide(2);
    await outbox.drain();
    await department.waitIdle();
    expect((await applied()).map((r) => r.seq)).toEqual([1, 2]);
  });
});
