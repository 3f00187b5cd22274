import { ApolloServer, type BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import {
  ANONYMOUS,
  decodeCaller,
  DEFAULT_PORTS,
  SUBGRAPH_NAMES,
  subgraphSdl,
  subgraphUrl,
  type CallerContext,
  type SubgraphName,
} from '@credit/schema';
import { parse, type DocumentNode } from 'graphql';
import { clockFromEnv, type Clock } from './clock.js';
import { databaseLocation, isEmptyTable, openDatabase, runMigrations, type Database, type Db } from './db.js';
import { listen, type Listening, type Route } from './http.js';
import { inputCheckPlugin } from './input-check.js';
import { loggableError, logger } from './logger.js';
import { inRequestScope } from './request-scope.js';
import { personalFieldReporters, servedPersonsPlugin, type PersonOf } from './served-persons.js';
import { requireSignature } from './signing.js';
import { redisFromEnv, redisNonceStore, type SharedRedis } from './redis.js';
import { connectEventBus, EventConsumer, natsConfigFromEnv, natsSender, type EventBus, type NatsEventsConfig } from './nats-events.js';
import { signingKeyFromEnv, type SigningKey } from './signing-key.js';
import { createSubgraphTelemetry, requestTelemetryPlugin } from './subgraph-telemetry.js';
import { makeSnapshot, restoreSnapshot, type SnapshotSubject } from './pglite-snapshot.js';
import { demoDataset, type DatasetOptions } from '../seeding/synthetic.js';
import { createAppliedNotice, gatewayUrlsFromEnv } from './applied-notice.js';
import { applyEvents, Relay, UnknownEventError, type EventHandlers, type Subscriptions } from './outbox.js';
import type { outboxTables } from './outbox-tables.js';

export type { GraphQLResolverMap };

/**
 * A subgraph's resolvers: a department's generated `Resolvers` (src/generated/resolvers.ts, which
 * types every argument and parent from its SDL), or Apollo's map. Apollo's map cannot hold the
 * generated reference resolvers, `__resolveReference(reference, context)`, so both are taken as
 * they are and buildSubgraphSchema reads them alike.
 */
export type SubgraphResolvers<Ctx> = GraphQLResolverMap<Ctx> | { readonly [typeName: string]: object | undefined };

export { DEFAULT_PORTS, SUBGRAPH_NAMES, subgraphUrl, type SubgraphName };

const ANONYMOUS_CALLER: CallerContext = { principal: ANONYMOUS, purpose: null, grantId: null };

/** The subgraph's SDL file with the federation and privacy headers in front of it. */
export function loadTypeDefs(schemaFile: URL): DocumentNode {
  return parse(subgraphSdl(schemaFile));
}

/** Options every subgraph accepts; all have production defaults, tests override them. */
export interface SubgraphOptions {
  /** Database location (see `databaseLocation`); default from env. */
  location?: string;
  port?: number;
  host?: string;
  clock?: Clock;
  /** Base URLs of the other subgraphs, for the outbox relay; default from env. */
  destinations?: () => Partial<Record<SubgraphName, string>>;
  /** Seed the demo data set into an empty database (default true). */
  seedDemo?: boolean;
  /** Start the outbox relay's polling loop (default true). */
  relay?: boolean;
  /** Key shared with the gateway and the other subgraphs' relays; default `signingKeyFromEnv()`. */
  signingKey?: SigningKey;
  /** Replay-protection nonces shared by every replica; default `REDIS_URL`, null: this process's memory. */
  redis?: SharedRedis | null;
  /** Department events on NATS JetStream instead of the HTTP relay; default `NATS_URL`, null: the relay. */
  events?: NatsEventsConfig | null;
  /** Gateways told of every event batch this department applied (applied-notice.ts); default `gatewayUrlsFromEnv()`. */
  gateways?: () => readonly string[];
}

export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  database: Database;
  apollo: ApolloServer<BaseContext>;
  relay: Relay | undefined;
  /** This department's JetStream consumer, when events travel on NATS and it subscribes to any. */
  events?: EventConsumer;
  clock: Clock;
  /** Runs one operation in-process with a fresh request context (subgraph tests). */
  execute(query: string, variables?: Record<string, unknown>, caller?: CallerContext): Promise<ExecutionResult>;
  close(): Promise<void>;
}

export interface ExecutionResult {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface SubgraphSpec<Ctx extends BaseContext> {
  name: SubgraphName;
  typeDefs: DocumentNode;
  resolvers: SubgraphResolvers<Ctx>;
  migrationsFolder: string;
  /**
   * A fresh context per request: it holds that request's DataLoaders, and the caller the gateway
   * vouched for in signed headers (anonymous PUBLIC for in-process test calls unless given).
   */
  createContext: (env: { db: Db; clock: Clock; relay: Relay | undefined; caller: CallerContext }) => Ctx;
  outbox?: { tables: ReturnType<typeof outboxTables>; subscriptions: Subscriptions; handlers?: EventHandlers };
  /** Reference data (catalogs) that must exist; idempotent. */
  ensureReferenceData?: (db: Db) => Promise<void>;
  /** Writes this subgraph's share of a synthetic data set (the demo set into an empty database). */
  seed?: (db: Db, options: DatasetOptions) => Promise<void>;
  /** A table that is empty exactly when the subgraph holds no data yet. */
  seedProbeTable: string;
}

/** Wraps unexpected errors: clients get a code and a generic message, never internals or data. */
function formatError(formatted: { message: string; extensions?: Record<string, unknown> }, error: unknown) {
  const code = formatted.extensions?.code;
  if (code && code !== 'INTERNAL_SERVER_ERROR') {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  logger.error(loggableError(unwrapResolverError(error)), 'unexpected resolver error');
  return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/**
 * The subgraph's Apollo server. It reports the persons whose PERSONAL or SENSITIVE fields it
 * resolved for every owned type of schema/src/ownership.ts in `typeDefs`; `personOf` only adds
 * types that table does not declare (a test's own types).
 */
export function createApollo<Ctx extends BaseContext>(typeDefs: DocumentNode, resolvers: SubgraphResolvers<Ctx>, personOf?: PersonOf) {
  const reporters = personalFieldReporters(typeDefs, personOf);
  return new ApolloServer<Ctx>({
    schema: buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> }),
    includeStacktraceInErrorResponses: false,
    formatError,
    plugins: [ApolloServerPluginInlineTraceDisabled(), requestTelemetryPlugin<Ctx>(), inputCheckPlugin<Ctx>(), ...(reporters.size ? [servedPersonsPlugin<Ctx>(reporters)] : [])],
  });
}

type PreparedSpec = Pick<SubgraphSpec<BaseContext>, 'name' | 'migrationsFolder' | 'ensureReferenceData' | 'seed' | 'seedProbeTable'>;

/** Migrates the database, ensures its reference data, and seeds the demo set when `seedDemo` and it is empty. */
async function prepareDatabase(spec: PreparedSpec, database: Database, clock: Clock, seedDemo: boolean): Promise<void> {
  await runMigrations(database, spec.name, spec.migrationsFolder);
  await spec.ensureReferenceData?.(database.db);
  if (spec.seed && seedDemo && (await isEmptyTable(database.db, spec.seedProbeTable))) {
    // Anchored on today, so the demo's recent decisions are still published whatever the date.
    await spec.seed(database.db, demoDataset(clock.today()));
    logger.info({ subgraph: spec.name }, 'seeded demo data');
  }
}

/**
 * What a department's snapshot holds: its database as `prepareDatabase` leaves it, with the demo
 * seed of `clock`'s day when `seeded` (incentives has no seed: migrations and reference data only).
 * A seed or the reference data may also read the environment's clock itself (records and disputes
 * do), so that date is part of it too.
 */
function departmentSnapshot(spec: PreparedSpec, clock: Clock, seeded: boolean): SnapshotSubject {
  const today = clockFromEnv().today();
  return {
    name: spec.name,
    migrationsFolder: spec.migrationsFolder,
    seed: seeded ? { dataset: demoDataset(clock.today()), environmentToday: today, probe: spec.seedProbeTable } : { seeded: false, environmentToday: today },
  };
}

/**
 * Makes the department's snapshot for today as `npm start` would prepare its database, seeded when
 * it has a seed (postinstall, scripts/pglite-snapshots.mjs); its directory, or undefined when off.
 */
export function makeDepartmentSnapshot(spec: PreparedSpec, clock: Clock = clockFromEnv(), root?: string): Promise<string | undefined> {
  const seeded = spec.seed !== undefined;
  return makeSnapshot(departmentSnapshot(spec, clock, seeded), (database) => prepareDatabase(spec, database, clock, seeded), root);
}

/** Opens and migrates the database, seeds when empty, starts the relay and the HTTP listener. */
export async function startSubgraph<Ctx extends BaseContext>(
  spec: SubgraphSpec<Ctx>,
  options: SubgraphOptions = {},
): Promise<RunningSubgraph> {
  const clock = options.clock ?? clockFromEnv();
  const signingKey = options.signingKey ?? signingKeyFromEnv();
  const location = options.location ?? databaseLocation(spec.name);
  const seedDemo = options.seedDemo !== false;
  // A new embedded database starts from its install-time snapshot when there is one for today
  // (pglite-snapshot.ts): the migrations then find nothing to do, and the seed a probe table that
  // is not empty.
  if (restoreSnapshot(departmentSnapshot(spec, clock, spec.seed !== undefined && seedDemo), location)) {
    logger.info({ subgraph: spec.name }, 'database copied from its install-time snapshot');
  }
  const database = await openDatabase({ name: spec.name, location });
  let listening: Listening | undefined;
  let relay: Relay | undefined;
  // Opened here only when the caller passed none; then closed here too.
  let ownRedis: SharedRedis | undefined;
  let bus: EventBus | undefined;
  let consumer: EventConsumer | undefined;
  try {
    if (options.redis === undefined) ownRedis = await redisFromEnv();
    const redis = options.redis ?? ownRedis;
    const events = options.events === undefined ? natsConfigFromEnv() : (options.events ?? undefined);
    if (events) bus = await connectEventBus(events);
    await prepareDatabase(spec, database, clock, seedDemo);
    if (spec.outbox) {
      const destinations = options.destinations ?? (() => Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, subgraphUrl(n)])));
      // On NATS every destination is the stream; the subjects carry the destination.
      const onStream = () => Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, events!.servers]));
      relay = new Relay({
        source: spec.name,
        db: database.db,
        tables: spec.outbox.tables,
        destinations: bus ? onStream : destinations,
        signingKey,
        send: bus ? natsSender(bus) : undefined,
      });
    }
    const apollo = createApollo<Ctx>(spec.typeDefs, spec.resolvers);
    await apollo.start();
    // /health/live, /health/ready, /health and /metrics (subgraph-telemetry.ts).
    const telemetry = createSubgraphTelemetry(spec.name, database, relay);
    const routes: Record<string, Route> = { ...telemetry.routes };
    const outbox = spec.outbox;
    const envGateways = gatewayUrlsFromEnv();
    const notice = createAppliedNotice(signingKey, options.gateways ?? (() => envGateways));
    if (outbox?.handlers) {
      const handlers = outbox.handlers;
      routes['/internal/events'] = async (req, body) => {
        if (req.method !== 'POST') return { status: 405, body: { error: 'METHOD_NOT_ALLOWED' } };
        try {
          const batch = JSON.parse(body.toString('utf8'));
          const applied = await applyEvents(database.db, outbox.tables, handlers, batch);
          await notice(batch);
          return { status: 200, body: { applied } };
        } catch (error) {
          if (error instanceof UnknownEventError || error instanceof SyntaxError) {
            return { status: 400, body: { error: 'BAD_EVENT', message: error.message } };
          }
          throw error;
        }
      };
    }
    const ctxEnv = { db: database.db, clock, relay };
    listening = await listen({
      apollo: apollo as ApolloServer<Ctx>,
      context: async (req) => spec.createContext({ ...ctxEnv, caller: decodeCaller(req.headers) }),
      routes,
      // The health routes and /metrics reveal nothing personal; probes and scrapers call them unsigned.
      gate: requireSignature(signingKey, { unsignedPaths: telemetry.unsignedPaths, nonces: redis ? redisNonceStore(redis) : undefined }),
      observe: telemetry.observer,
      port: options.port ?? 0,
      host: options.host,
    });
    if (relay && options.relay !== false) relay.start();
    if (bus && outbox?.handlers) {
      consumer = new EventConsumer(bus, { destination: spec.name, db: database.db, tables: outbox.tables, handlers: outbox.handlers, notice });
      await consumer.start();
    }
    const server = listening;
    let closing: Promise<void> | undefined;
    return {
      name: spec.name,
      url: server.url,
      database,
      apollo: apollo as unknown as ApolloServer<BaseContext>,
      relay,
      events: consumer,
      clock,
      execute: async (query, variables, caller = ANONYMOUS_CALLER) => {
        const response = await inRequestScope(() =>
          apollo.executeOperation({ query, variables }, { contextValue: spec.createContext({ ...ctxEnv, caller }) }),
        );
        if (response.body.kind !== 'single') throw new Error('incremental delivery is not used here');
        return response.body.singleResult as ExecutionResult;
      },
      close: () =>
        (closing ??= (async () => {
          await consumer?.stop();
          await relay?.stop();
          await server.close();
          await apollo.stop();
          await database.close();
          await ownRedis?.close();
          await bus?.close();
        })()),
    };
  } catch (error) {
    await consumer?.stop();
    await listening?.close();
    await database.close();
    await ownRedis?.close();
    await bus?.close();
    throw error;
  }
}
