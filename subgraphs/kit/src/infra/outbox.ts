import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { insertMany } from './bulk-insert.js';
import type { Db, Executor, Tx } from './db.js';
import { loggableError, logger } from './logger.js';
import type { outboxTables } from './outbox-tables.js';
import { countInRequest } from './request-info.js';
import { headerLookup, SIGNATURE_HEADER, signRequest } from './signing.js';
import type { SigningKey } from './signing-key.js';

type Tables = ReturnType<typeof outboxTables>;

export interface OutboxEvent {
  type: string;
  payload: unknown;
}

/** Which subgraphs receive each event type this subgraph emits. */
export type Subscriptions = Record<string, readonly string[]>;

/** Writes events in the caller's transaction, one row per destination. */
export async function enqueue(tx: Executor, tables: Tables, subscriptions: Subscriptions, events: OutboxEvent[]) {
  const rows = events.flatMap((event) =>
    (subscriptions[event.type] ?? []).map((destination) => ({ destination, type: event.type, payload: event.payload })),
  );
  await insertMany(tx, tables.outbox, rows);
}

export interface RelayOptions {
  source: string;
  db: Db;
  tables: Tables;
  /** Base URL of each destination subgraph; read on every pass so tests can start them later. */
  destinations: () => Record<string, string | undefined>;
  /** Subgraphs accept `/internal/events` only when signed with the shared key. */
  signingKey: SigningKey;
  batchSize?: number;
  pollMs?: number;
  /**
   * How a batch reaches its destination; default a signed POST to its `/internal/events`. With
   * NATS_URL, `natsSender` publishes it to JetStream instead (nats-events.ts). It must deliver in
   * the batch's order and throw if any event was not taken; the batch is then sent again.
   */
  send?: (destination: string, batch: IncomingBatch) => Promise<void>;
}

const MAX_BACKOFF_MS = 30_000;

/** Told of each delivery and failure (the subgraph's metrics). */
export interface RelayObserver {
  delivered(destination: string, events: number): void;
  failed(destination: string): void;
}

/**
 * Delivers outbox rows to each destination's `/internal/events`, in id order per destination,
 * until acknowledged. A failed head row blocks its destination (order matters to projections)
 * and is retried with exponential backoff.
 */
export class Relay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<boolean> | undefined;
  private rerun = false;
  observer: RelayObserver | undefined;
  constructor(private readonly options: RelayOptions) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? 500);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Runs a pass now, or right after the current one. */
  kick(): void {
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = this.pass()
      .catch((error: unknown) => {
        logger.warn(loggableError(error), 'outbox relay pass failed');
        return false;
      })
      .finally(() => {
        this.running = undefined;
        if (this.rerun) {
          this.rerun = false;
          this.kick();
        }
      });
  }

  /** Delivers until nothing is pending; throws if a destination keeps failing past the timeout. */
  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.running;
      const pending = await this.pending();
      if (pending === 0) return;
      if (Date.now() > deadline) throw new Error(`outbox of ${this.options.source}: ${pending} events undelivered`);
      await this.pass(true).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async pending(): Promise<number> {
    const { db, tables } = this.options;
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(tables.outbox)
      .where(isNull(tables.outbox.deliveredAt));
    return row?.n ?? 0;
  }

  /** Unacknowledged events per destination, and the age of the oldest in seconds. */
  async backlog(): Promise<{ destination: string; pending: number; oldestSeconds: number }[]> {
    const { db, tables } = this.options;
    const rows = await db
      .select({
        destination: tables.outbox.destination,
        pending: sql<number>`count(*)::int`,
        oldestSeconds: sql<number>`extract(epoch from now() - min(${tables.outbox.createdAt}))::float8`,
      })
      .from(tables.outbox)
      .where(isNull(tables.outbox.deliveredAt))
      .groupBy(tables.outbox.destination);
    return rows.map((r) => ({ destination: r.destination, pending: Number(r.pending), oldestSeconds: Math.max(0, Number(r.oldestSeconds)) }));
  }

  /** One pass over all destinations; true when something was delivered. */
  private async pass(ignoreBackoff = false): Promise<boolean> {
    let delivered = false;
    for (const [destination, url] of Object.entries(this.options.destinations())) {
      if (!url) continue;
      while (await this.deliverBatch(destination, url, ignoreBackoff)) delivered = true;
    }
    return delivered;
  }

  private async deliverBatch(destination: string, url: string, ignoreBackoff: boolean): Promise<boolean> {
    const { db, tables, source } = this.options;
    const rows = await db
      .select()
      .from(tables.outbox)
      .where(and(eq(tables.outbox.destination, destination), isNull(tables.outbox.deliveredAt)))
      .orderBy(asc(tables.outbox.id))
      .limit(this.options.batchSize ?? 500);
    const head = rows[0];
    if (!head || (!ignoreBackoff && head.nextAttemptAt.getTime() > Date.now())) return false;
    const ids = rows.map((r) => r.id);
    try {
      const batch: IncomingBatch = { source, events: rows.map((r) => ({ id: r.id, type: r.type, payload: r.payload })) };
      if (this.options.send) {
        await this.options.send(destination, batch);
        await db.update(tables.outbox).set({ deliveredAt: new Date() }).where(inArray(tables.outbox.id, ids));
        return true;
      }
      const target = new URL('/internal/events', url);
      const body = JSON.stringify(batch);
      const signature = signRequest(this.options.signingKey, { method: 'POST', path: target.pathname, header: headerLookup(), body });
      const response = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature },
        body,
        signal: AbortSignal.timeout(30_000),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`);
      await db.update(tables.outbox).set({ deliveredAt: new Date() }).where(inArray(tables.outbox.id, ids));
      this.observer?.delivered(destination, ids.length);
      return true;
    } catch (error) {
      const attempts = head.attempts + 1;
      const backoff = Math.min(MAX_BACKOFF_MS, 100 * 2 ** attempts);
      await db
        .update(tables.outbox)
        .set({ attempts, nextAttemptAt: new Date(Date.now() + backoff), lastError: String(error).slice(0, 500) })
        .where(eq(tables.outbox.id, head.id));
      logger.warn({ destination, attempts, backoffMs: backoff }, 'outbox delivery failed; will retry');
      this.observer?.failed(destination);
      return false;
    }
  }
}

/** Applies a batch of events of one type inside the receiving transaction. */
export type EventHandler = (tx: Tx, payloads: unknown[]) => Promise<void>;
export type EventHandlers = Record<string, EventHandler>;

export interface IncomingBatch {
  source: string;
  events: { id: number; type: string; payload: unknown }[];
}

export class UnknownEventError extends Error {}

/**
 * Applies each event at most once: the inbox row and the handler's writes commit together, so a
 * redelivered batch (the relay never saw our answer) changes nothing.
 */
export async function applyEvents(db: Db, tables: Tables, handlers: EventHandlers, batch: IncomingBatch) {
  for (const event of batch.events) {
    if (!handlers[event.type]) throw new UnknownEventError(`no handler for event type ${event.type}`);
  }
  const applied = await db.transaction(async (tx) => {
    if (batch.events.length === 0) return 0;
    const fresh = await tx
      .insert(tables.inbox)
      .values(batch.events.map((e) => ({ source: batch.source, eventId: e.id })))
      .onConflictDoNothing()
      .returning({ eventId: tables.inbox.eventId });
    const freshIds = new Set(fresh.map((r) => r.eventId));
    const toApply = batch.events.filter((e) => freshIds.has(e.id));
    // Consecutive events of one type go to their handler together; order across types is kept.
    let run: typeof toApply = [];
    const flush = async () => {
      if (run.length) await handlers[run[0]!.type]!(tx, run.map((e) => e.payload));
      run = [];
    };
    for (const event of toApply) {
      if (run.length && run[0]!.type !== event.type) await flush();
      run.push(event);
    }
    await flush();
    return toApply.length;
  });
  // The rest were applied before: a redelivery (the relay never saw our answer).
  countInRequest('redelivered', batch.source, batch.events.length - applied);
  return applied;
}
