/**
 * Department events on NATS JetStream (issue 14, point 5), when `NATS_URL` is set; the in-process
 * HTTP relay stays the embedded default. The outbox stays the source of truth on both sides:
 *
 * - Publishing: the relay (outbox.ts) takes the outbox rows in id order per destination, as
 *   always, and publishes each to one stream, subject `<prefix>.<source>.<destination>.<type>`,
 *   with `Nats-Msg-Id: <source>:<event id>`; JetStream drops a second publish of the same id
 *   within the stream's duplicate window (a relay that lost the publish acknowledgement and
 *   sends again). A row counts as delivered once JetStream has stored it.
 * - Consuming: each subscribing department has a durable pull consumer named after it, on the
 *   subjects addressed to it. It applies one event at a time with `applyEvents` (inbox row and
 *   the handler's writes in one transaction) and acknowledges only after that commit. A crash
 *   between commit and acknowledgement redelivers the event, which the inbox then skips. The
 *   consumer lets one event out at a time (max_ack_pending 1), so events reach the department in
 *   the order they were published, across redeliveries and several replicas consuming alike.
 * - A department that is down keeps its consumer: its events wait in the stream until it returns.
 */
// The NATS libraries are loaded by connectEventBus only: without NATS_URL (the embedded default) no process pays for them.
import type { ConsumerConfig, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { AppliedNotice } from './applied-notice.js';
import type { Db } from './db.js';
import { loggableError, logger } from './logger.js';
import { applyEvents, UnknownEventError, type EventHandlers, type IncomingBatch } from './outbox.js';
import type { outboxTables } from './outbox-tables.js';

type Tables = ReturnType<typeof outboxTables>;

export interface NatsEventsConfig {
  /** `NATS_URL`: one server or several, comma-separated. */
  servers: string;
  /** `NATS_STREAM`, default `CREDIT_EVENTS`. */
  stream: string;
  /** `NATS_SUBJECT_PREFIX`, default `credit.events`: the stream holds `<prefix>.>`. */
  subjectPrefix: string;
  /** How long a delivered event may stay unacknowledged before JetStream redelivers it; default 30 s. */
  ackWaitMs?: number;
}

export const DEFAULT_NATS_STREAM = 'CREDIT_EVENTS';
export const DEFAULT_NATS_SUBJECT_PREFIX = 'credit.events';
/** The stream's deduplication window (JetStream's default): a relay retries well within it. */
const DUPLICATE_WINDOW_MS = 120_000;
const MAX_BACKOFF_MS = 30_000;
/**
 * JetStream API and publish requests wait this long for their answer (the client's default is 5 s):
 * a process busy starting (four embedded databases migrating at once) can leave an answer unread
 * for longer than that.
 */
const API_TIMEOUT_MS = 20_000;

export function natsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): NatsEventsConfig | undefined {
  const servers = env.NATS_URL?.trim();
  if (!servers) return undefined;
  return { servers, stream: env.NATS_STREAM || DEFAULT_NATS_STREAM, subjectPrefix: env.NATS_SUBJECT_PREFIX || DEFAULT_NATS_SUBJECT_PREFIX };
}

/** What travels in one message: the event as the inbox knows it. */
interface EventMessage {
  source: string;
  id: number;
  type: string;
  payload: unknown;
}

/** One connection per process, shared by its relay and its consumer. */
export interface EventBus {
  config: NatsEventsConfig;
  connection: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  /** The JetStream library and transport's `nanos`, loaded with the connection. */
  lib: Jetstream;
  nanos: (millis: number) => number;
  subject(source: string, destination: string, type: string): string;
  close(): Promise<void>;
}

type Jetstream = typeof import('@nats-io/jetstream');

const isApiError = (lib: Jetstream, error: unknown, code: number) => error instanceof lib.JetStreamApiError && error.code === code;

/** Connects and makes sure the stream exists (the first process to start creates it). */
export async function connectEventBus(config: NatsEventsConfig): Promise<EventBus> {
  // Reconnects for as long as it takes: a NATS outage delays events, it must not end a department's consumer.
  const [lib, { connect, nanos }] = await Promise.all([import('@nats-io/jetstream'), import('@nats-io/transport-node')]);
  const connection = await connect({ servers: config.servers.split(',').map((s) => s.trim()), name: 'credit-graph', maxReconnectAttempts: -1 });
  try {
    const jsm = await lib.jetstreamManager(connection, { timeout: API_TIMEOUT_MS });
    try {
      await jsm.streams.info(config.stream);
    } catch (error) {
      if (!isApiError(lib, error, lib.JetStreamApiCodes.StreamNotFound)) throw error;
      await jsm.streams
        .add({
          name: config.stream,
          subjects: [`${config.subjectPrefix}.>`],
          storage: lib.StorageType.File,
          retention: lib.RetentionPolicy.Limits,
          duplicate_window: nanos(DUPLICATE_WINDOW_MS),
        })
        .catch(async (raced: unknown) => {
          // Another process created it in between: fine if it is there now.
          await jsm.streams.info(config.stream).catch(() => Promise.reject(raced));
        });
    }
    return {
      config,
      connection,
      js: lib.jetstream(connection, { timeout: API_TIMEOUT_MS }),
      jsm,
      lib,
      nanos,
      subject: (source, destination, type) => `${config.subjectPrefix}.${source}.${destination}.${type}`,
      close: async () => {
        if (!connection.isClosed()) await connection.drain().catch(() => connection.close());
      },
    };
  } catch (error) {
    await connection.close();
    throw error;
  }
}

/**
 * The relay's `send` over JetStream: each event published in order, one acknowledgement awaited
 * before the next, so a failure leaves the later ones unpublished (they go again, in order).
 */
export function natsSender(bus: EventBus): (destination: string, batch: IncomingBatch) => Promise<void> {
  return async (destination, batch) => {
    for (const event of batch.events) {
      const message: EventMessage = { source: batch.source, id: event.id, type: event.type, payload: event.payload };
      await bus.js.publish(bus.subject(batch.source, destination, event.type), JSON.stringify(message), { msgID: `${batch.source}:${event.id}` });
    }
  };
}

export interface EventConsumerOptions {
  /** The subscribing department: its consumer's durable name and the destination of its subjects. */
  destination: string;
  db: Db;
  tables: Tables;
  handlers: EventHandlers;
  /** Tells the gateways of each applied event after its commit (applied-notice.ts). */
  notice?: AppliedNotice;
  /** Tests: runs after the inbox commit, before the acknowledgement (a crash there is what they simulate). */
  afterCommit?: (event: { source: string; id: number; redelivered: boolean; applied: number }) => Promise<void>;
}

/** The subscribing side: a durable consumer per department, applied through its inbox. */
export class EventConsumer {
  private running: Promise<void> | undefined;
  private stopping = false;
  /** Events this process committed (new to the inbox) and skipped (already there), for metrics and tests. */
  readonly counts = { applied: 0, skipped: 0, redelivered: 0 };

  constructor(
    private readonly bus: EventBus,
    private readonly options: EventConsumerOptions,
  ) {}

  get durableName(): string {
    return this.options.destination;
  }

  /** The consumer's configuration: every event addressed to this department, one unacknowledged at a time. */
  consumerConfig(): Partial<ConsumerConfig> & { durable_name: string } {
    return {
      durable_name: this.durableName,
      filter_subject: `${this.bus.config.subjectPrefix}.*.${this.options.destination}.>`,
      ack_policy: this.bus.lib.AckPolicy.Explicit,
      deliver_policy: this.bus.lib.DeliverPolicy.All,
      ack_wait: this.bus.nanos(this.bus.config.ackWaitMs ?? 30_000),
      max_ack_pending: 1,
      max_deliver: -1,
    };
  }

  /** Creates the durable consumer if it does not exist yet; then its events wait for it in the stream. */
  async ensure(): Promise<void> {
    const { jsm, config } = this.bus;
    try {
      await jsm.consumers.info(config.stream, this.durableName);
    } catch (error) {
      if (!isApiError(this.bus.lib, error, this.bus.lib.JetStreamApiCodes.ConsumerNotFound)) throw error;
      await jsm.consumers.add(config.stream, this.consumerConfig());
    }
  }

  async start(): Promise<void> {
    await this.ensure();
    this.stopping = false;
    this.running = this.loop().catch((error: unknown) => {
      logger.error({ ...loggableError(error), destination: this.options.destination }, 'event consumer stopped: events for this department wait in the stream');
    });
  }

  /** Waits for the pull in flight (at most a second), so no event is left delivered to a consumer that is gone. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
    this.running = undefined;
  }

  /** Nothing waiting in the stream for this department and nothing delivered unacknowledged. */
  async idle(): Promise<boolean> {
    const info = await this.bus.jsm.consumers.info(this.bus.config.stream, this.durableName);
    return info.num_pending === 0 && info.num_ack_pending === 0;
  }

  async waitIdle(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.idle())) {
      if (Date.now() > deadline) throw new Error(`events for ${this.options.destination} not consumed within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async loop(): Promise<void> {
    const consumer = await this.bus.js.consumers.get(this.bus.config.stream, this.durableName);
    while (!this.stopping && !this.bus.connection.isClosed()) {
      let message: JsMsg | null;
      try {
        // Short pulls: a stop waits for the one in flight, and an idle department asks once a second.
        message = await consumer.next({ expires: 1_000 });
      } catch (error) {
        if (this.stopping || this.bus.connection.isClosed()) return;
        logger.warn(loggableError(error), 'event consumer could not fetch; retrying');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        continue;
      }
      if (!message) continue;
      try {
        if (this.stopping) {
          // Taken while stopping: let it go back at once rather than after ack_wait.
          message.nak();
          return;
        }
        await this.handle(message);
      } catch (error) {
        // The connection went away mid-message: JetStream redelivers it after ack_wait.
        logger.warn(loggableError(error), 'event left unacknowledged');
      }
    }
    if (!this.stopping) logger.error({ destination: this.options.destination }, 'event consumer stopped: the NATS connection is closed');
  }

  private async handle(message: JsMsg): Promise<void> {
    let event: EventMessage;
    try {
      event = message.json<EventMessage>();
      if (typeof event.source !== 'string' || !Number.isSafeInteger(event.id) || typeof event.type !== 'string') throw new Error('malformed event');
    } catch (error) {
      // Never applicable, however often delivered: set aside, and say so.
      logger.error({ ...loggableError(error), subject: message.subject, seq: message.seq }, 'malformed event terminated');
      message.term();
      return;
    }
    const redelivered = message.redelivered;
    if (redelivered) this.counts.redelivered++;
    try {
      const batch: IncomingBatch = { source: event.source, events: [{ id: event.id, type: event.type, payload: event.payload }] };
      const applied = await applyEvents(this.options.db, this.options.tables, this.options.handlers, batch);
      if (applied) this.counts.applied++;
      else this.counts.skipped++;
      await this.options.notice?.(batch);
      await this.options.afterCommit?.({ source: event.source, id: event.id, redelivered, applied });
      // Committed: now JetStream may forget it. If this acknowledgement is lost, the event comes
      // again and the inbox skips it.
      await message.ackAck().catch((error: unknown) => logger.warn(loggableError(error), 'event acknowledgement failed; it will be redelivered'));
    } catch (error) {
      if (error instanceof UnknownEventError) {
        logger.error({ source: event.source, type: event.type, id: event.id }, 'event of a type this department has no handler for terminated');
        message.term();
        return;
      }
      // Nothing committed: the same event again after a backoff; nothing later overtakes it.
      const backoff = Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(message.info.deliveryCount, 10));
      logger.warn({ ...loggableError(error), source: event.source, id: event.id, backoffMs: backoff }, 'event not applied; will be redelivered');
      if (!this.bus.connection.isClosed()) message.nak(backoff);
    }
  }
}
