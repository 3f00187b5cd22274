/**
 * The outbox relay (DESIGN §6): it delivers each event to its destination's `/internal/events`,
 * retrying with exponential backoff until the destination acknowledges, in id order per
 * destination; the receiving inbox makes a redelivered batch change nothing.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { asc, count, eq, sql } from 'drizzle-orm';
import { pgSchema } from 'drizzle-orm/pg-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, selectRows, type Database } from './db.js';
import { applyEvents, enqueue, Relay, type EventHandlers, type IncomingBatch } from './outbox.js';
import { outboxTables } from './outbox-tables.js';
import { headerLookup, SIGNATURE_HEADER, SignatureVerifier } from './signing.js';
import { generateSigningKey } from './signing-key.js';
import { freshDatabaseLocation } from '../testing.js';

// The sending subgraph's outbox and the receiving subgraph's inbox, each in its own schema of one
// database, as the subgraphs share a PostgreSQL server in the e2e harness.
const source = outboxTables(pgSchema('relay_source'));
const sink = outboxTables(pgSchema('relay_sink'));

let database: Database;
let drop: () => Promise<void>;
const key = generateSigningKey();

/** What the receiving handler committed, in order: one row per event applied. */
async function applied(destination: string): Promise<number[]> {
  const rows = await selectRows<{ seq: number }>(database.db, sql`select seq from relay_sink.applied where destination = ${destination} order by position`);
  return rows.map((r) => r.seq);
}

const handlers = (destination: string): EventHandlers => ({
  'thing.happened': async (tx, payloads) => {
    for (const payload of payloads as { seq: number }[]) {
      await tx.execute(sql`insert into relay_sink.applied (destination, seq) values (${destination}, ${payload.seq})`);
    }
  },
});

/**
 * How the destination answers each request, in turn; once the script runs out it acknowledges.
 * `refuse`: 500 before applying anything (the destination is down or failing).
 * `lose-answer`: applies and commits the batch, then drops the connection, so the relay never
 * hears the acknowledgement and must send the same batch again.
 */
type Answer = 'refuse' | 'lose-answer';

interface Destination {
  name: string;
  url: string;
  script: Answer[];
  /** Every batch the relay sent: its event ids, whether it was signed, how many events were new. */
  requests: { ids: number[]; signed: boolean; fresh?: number }[];
  server: Server;
}

async function startDestination(name: string): Promise<Destination> {
  // Read Date on each call: the relay signs with the test's frozen time, which moves past 60 s.
  const verifier = new SignatureVerifier(key, { now: () => Date.now() });
  const destination = { name, script: [], requests: [] } as unknown as Destination;
  destination.server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const header = headerLookup(req.headers as Record<string, string>);
      const verdict = verifier.verify(header(SIGNATURE_HEADER), { method: req.method ?? '', path: req.url ?? '', header, body });
      const batch = JSON.parse(body.toString('utf8')) as IncomingBatch;
      const request: Destination['requests'][number] = { ids: batch.events.map((e) => e.id), signed: verdict.ok };
      destination.requests.push(request);
      const answer = destination.script.shift();
      if (answer === 'refuse') return res.writeHead(500).end('down for maintenance');
      request.fresh = await applyEvents(database.db, sink, handlers(name), batch);
      if (answer === 'lose-answer') return req.socket.destroy();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ applied: request.fresh }));
    });
  });
  await new Promise<void>((resolve) => destination.server.listen(0, '127.0.0.1', resolve));
  destination.url = `http://127.0.0.1:${(destination.server.address() as AddressInfo).port}`;
  return destination;
}

let records: Destination;
let incentives: Destination;

beforeAll(async () => {
  const fresh = await freshDatabaseLocation();
  drop = fresh.drop;
  database = await openDatabase({ name: 'relay', location: fresh.location });
  // The DDL of outbox-tables.ts, as each subgraph's first migration creates it.
  for (const schema of ['relay_source', 'relay_sink']) {
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
  await database.db.execute(sql.raw(`create table relay_sink.applied (position bigserial primary key, destination text not null, seq integer not null)`));
  records = await startDestination('records');
  incentives = await startDestination('incentives');
});
afterAll(async () => {
  await Promise.all([records, incentives].filter(Boolean).map((d) => new Promise((resolve) => d.server.close(resolve))));
  await database?.close();
  await drop?.();
});

// The relay takes its time from Date; each test freezes it a minute after the real time (so rows
// the database stamped with now() are due) and moves it by hand.
let now: number;
const setNow = (ms: number) => {
  now = ms;
  vi.setSystemTime(ms);
};
beforeEach(async () => {
  for (const table of ['relay_source.outbox', 'relay_sink.inbox', 'relay_sink.applied']) {
    await database.db.execute(sql.raw(`truncate ${table} restart identity`));
  }
  for (const d of [records, incentives]) {
    d.script = [];
    d.requests = [];
  }
  setNow(Math.ceil(Date.now() / 1000) * 1000 + 60_000);
});
afterEach(() => {
  vi.useRealTimers();
});

function relay(batchSize?: number) {
  return new Relay({
    source: 'disputes',
    db: database.db,
    tables: source,
    destinations: () => ({ records: records.url, incentives: incentives.url }),
    signingKey: key,
    batchSize,
  });
}

/** One pass as the poll timer runs it (honouring the backoff), awaited to its end. */
async function pass(r: Relay) {
  r.kick();
  await (r as unknown as { running?: Promise<boolean> }).running;
}

async function send(subscriptions: Record<string, readonly string[]>, seqs: number[]) {
  await enqueue(database.db, source, subscriptions, seqs.map((seq) => ({ type: 'thing.happened', payload: { seq } })));
}

const outboxRows = () => database.db.select().from(source.outbox).orderBy(asc(source.outbox.id));
const backoffAfter = (attempts: number) => Math.min(30_000, 100 * 2 ** attempts);

describe('outbox relay', () => {
  it('retries a refused event with backoff of 100·2^attempts ms, capped at 30 s, and not before it is due', async () => {
    records.script = Array<Answer>(10).fill('refuse');
    await send({ 'thing.happened': ['records'] }, [1]);
    const r = relay();
    const expected = [200, 400, 800, 1_600, 3_200, 6_400, 12_800, 25_600, 30_000, 30_000];
    expect(expected).toEqual(expected.map((_, i) => backoffAfter(i + 1)));

    for (const [i, backoff] of expected.entries()) {
      const attempts = i + 1;
      await pass(r);
      expect(records.requests).toHaveLength(attempts);
      const [row] = await outboxRows();
      expect(row).toMatchObject({ attempts, deliveredAt: null });
      expect(row!.nextAttemptAt.getTime()).toBe(now + backoff);
      expect(row!.lastError).toContain('HTTP 500');
      // Not due yet, a millisecond early: the pass sends nothing.
      setNow(now + backoff - 1);
      await pass(r);
      expect(records.requests).toHaveLength(attempts);
      setNow(now + 1);
    }

    // The destination answers at last: delivered, and applied once.
    await pass(r);
    expect(records.requests).toHaveLength(11);
    expect(records.requests.every((q) => q.signed && q.ids.length === 1)).toBe(true);
    const [row] = await outboxRows();
    expect(row!.deliveredAt?.getTime()).toBe(now);
    expect(await r.pending()).toBe(0);
    expect(await applied('records')).toEqual([1]);
    // Nothing more is sent once acknowledged.
    setNow(now + 60_000);
    await pass(r);
    expect(records.requests).toHaveLength(11);
  });

  it('keeps id order per destination: a refused head holds back the rows behind it, but not another destination', async () => {
    records.script = ['refuse'];
    // Three events, each to both destinations: outbox ids 1..6 alternate records, incentives.
    await send({ 'thing.happened': ['records', 'incentives'] }, [1, 2, 3]);
    const r = relay(2);
    await pass(r);

    // records refused its first batch; nothing behind it was tried, and only the head counts the attempt.
    expect(records.requests.map((q) => q.ids)).toEqual([[1, 3]]);
    const rows = await outboxRows();
    expect(rows.filter((row) => row.destination === 'records').map((row) => [row.id, row.attempts, row.deliveredAt])).toEqual([
      [1, 1, null],
      [3, 0, null],
      [5, 0, null],
    ]);
    // incentives is not held up by records' failure.
    expect(incentives.requests.map((q) => q.ids)).toEqual([[2, 4], [6]]);
    expect(await applied('incentives')).toEqual([1, 2, 3]);

    setNow(now + backoffAfter(1));
    await pass(r);
    expect(records.requests.map((q) => q.ids)).toEqual([[1, 3], [1, 3], [5]]);
    expect(await applied('records')).toEqual([1, 2, 3]);
    expect(incentives.requests).toHaveLength(2);
    expect(await r.pending()).toBe(0);
  });

  it('delivers exactly once when the acknowledgement is lost: the receiving inbox drops the redelivered batch', async () => {
    records.script = ['lose-answer'];
    await send({ 'thing.happened': ['records'] }, [1, 2]);
    const r = relay();
    await pass(r);
    // Applied on the far side, but the relay never heard so: it keeps the batch and backs off.
    expect(records.requests).toMatchObject([{ ids: [1, 2], fresh: 2 }]);
    expect(await r.pending()).toBe(2);
    expect((await outboxRows())[0]).toMatchObject({ attempts: 1, deliveredAt: null });

    setNow(now + backoffAfter(1));
    await pass(r);
    expect(records.requests).toMatchObject([
      { ids: [1, 2], fresh: 2 },
      { ids: [1, 2], fresh: 0 },
    ]);
    expect(await r.pending()).toBe(0);
    expect(await applied('records')).toEqual([1, 2]);
    const [inbox] = await database.db.select({ n: count() }).from(sink.inbox).where(eq(sink.inbox.source, 'disputes'));
    expect(inbox?.n).toBe(2);
  });
});
