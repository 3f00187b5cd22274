import { ApolloGateway, LocalGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  databaseLocation,
  listen,
  loggableError,
  metricsRoute,
  redisFromEnv,
  logger,
  signingKeyFromEnv,
  SUBGRAPH_NAMES,
  subgraphUrl,
  systemClock,
  type Clock,
  type Database,
  type Listening,
  type SigningKey,
  type SubgraphName,
  type Route,
  type SharedRedis,
} from '@credit/kit';
import { DAILY_PERSON_LIMIT, encodeCaller } from '@credit/schema';
import { classificationsFromSupergraph } from '@credit/schema/classifications';
import { sql } from 'drizzle-orm';
import type { GraphQLSchema } from 'graphql';
import { AuditingDataSource, createAuditLog, createAuditSubgraphSchema, openAuditDatabase } from './audit/index.js';
import { authConfigFromEnv, createAuthenticator, type AuthConfig } from './auth.js';
import type { GatewayContext } from './context.js';
import { entityCacheConfigFromEnv, type EntityCacheConfig } from './cache/config.js';
import { eventsRoute } from './cache/events-route.js';
import { createEntityCache } from './cache/fetcher.js';
import { createRedisStore } from './cache/redis-store.js';
import { createMemoryStore } from './cache/store.js';
import { createDedupingFetcher } from './dedupe-fetcher.js';
import { createSigningFetcher } from './fetcher.js';
import { createHttpFetcher } from './http-fetcher.js';
import { reportUnavailable } from './unavailable.js';
import { createGrantLookup } from './grants.js';
import { checkReadiness, checkSubgraphs, readinessReply } from './health.js';
import { createIntrospection } from './introspection.js';
import { annotateSchemaWithPrivacy } from './limits/introspection.js';
import { withScalarRules } from './checked-schema.js';
import { queryLimitsFromEnv, staffMaxCostFromEnv, type QueryLimits } from './limits/query-limits.js';
import { createPrincipalRateLimiter, createRedisRateLimiter, rateLimitConfigFromEnv, type RateLimitConfig } from './limits/rate-limit.js';
import { createClientAddress, trustedProxiesFromEnv } from './limits/client-address.js';
import { createPipeline } from './pipeline.js';
import { warmQueryPlans } from './plan-warmup.js';
import { PrivacyEngine } from './privacy/engine.js';
import { UnenforcedEngine } from './privacy/unenforced.js';
import { createConsoleAssets } from './console-assets.js';
import { corsOriginsFromEnv, createCors } from './cors.js';
import { createDevSignIn } from './dev-sign-in.js';
import { createRedisVolumeLedger, createVolumeLedger, dailyPersonLimitFromEnv } from './privacy/volume.js';
import { fieldGraphsFromSupergraph } from './privacy/field-graphs.js';
import { supergraphFileFromEnv, watchedSupergraph } from './supergraph.js';
import { createGatewayTelemetry } from './telemetry.js';
import { loadTrustedDocuments } from './trusted-documents.js';

export interface GatewayOptions {
  port?: number;
  host?: string;
  /** Base URL per subgraph; default `<NAME>_URL` or the default ports. */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  /** A fixed supergraph (tests); otherwise the file below, watched: a new text is checked and swapped in without a restart. */
  supergraphSdl?: string;
  /** Default `SUPERGRAPH_FILE`, else schema/supergraph.graphql. */
  supergraphFile?: string;
  /** Key shared with the subgraphs; default `signingKeyFromEnv()`. */
  signingKey?: SigningKey;
  /** Token verification; default from env (a dev secret under .data/ when none is set). */
  auth?: AuthConfig;
  /** The query log's database; default `databaseLocation('gateway')`. */
  auditLocation?: string;
  clock?: Clock;
  limits?: QueryLimits;
  staffLimits?: QueryLimits;
  rateLimits?: RateLimitConfig;
  /** Rate limits shared by every gateway replica; default `REDIS_URL`, null: this process's memory. */
  redis?: SharedRedis | null;
  /** Proxies whose `X-Forwarded-For` names the public caller (IPs, CIDRs, comma-separated); default `TRUSTED_PROXIES`, none. */
  trustedProxies?: string;
  /** Origins allowed to call /graphql from a browser; default `CORS_ORIGINS`, none. */
  corsOrigins?: string[];
  /** Distinct persons per principal and day under a single-subject purpose; default `PURPOSE_DAILY_PERSONS` or the table's. */
  dailyPersonLimit?: number;
  /** false only for the enforcement-overhead benchmark's baseline. */
  enforcement?: boolean;
  /** The entity cache (cache/); default from `ENTITY_CACHE*`, on Redis when `redis` is; false: none. */
  entityCache?: EntityCacheConfig | false;
}

export interface RunningGateway extends Listening {
  apollo: ApolloServer<GatewayContext>;
  gateway: ApolloGateway;
  auditDatabase: Database;
}

/** Everything the privacy engine derives from one supergraph. */
interface SchemaState {
  engine: PrivacyEngine;
  schema: GraphQLSchema;
  annotated: () => GraphQLSchema;
  fieldGraphs: Map<string, Set<string>>;
}

export async function startGateway(options: GatewayOptions = {}): Promise<RunningGateway> {
  const signingKey = options.signingKey ?? signingKeyFromEnv();
  const authConfig = options.auth ?? authConfigFromEnv();
  const authenticate = createAuthenticator(authConfig);
  const signIn = createDevSignIn(authConfig);
  const limits = options.limits ?? queryLimitsFromEnv();
  const staffLimits = options.staffLimits ?? { ...limits, maxCost: staffMaxCostFromEnv() };
  const urls = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, options.subgraphUrls?.[name] ?? subgraphUrl(name)]),
  ) as Record<SubgraphName, string>;
  const ownRedis = options.redis === undefined ? await redisFromEnv() : undefined;
  const redis = options.redis ?? ownRedis;
  const auditDatabase = await openAuditDatabase(options.auditLocation ?? databaseLocation('gateway'));
  // Ready: the query log answers and a supergraph is loaded; departments are reported, not required.
  const readiness = () =>
    checkReadiness({ queryLog: () => auditDatabase.db.execute(sql`select 1`), supergraphLoaded: () => state !== undefined, urls });
  const telemetry = createGatewayTelemetry({ auditDatabase, readiness });
  const audit = telemetry.auditLog(createAuditLog(auditDatabase.db, { clock: options.clock ?? systemClock }));
  const auditSchema = createAuditSubgraphSchema(auditDatabase.db, options.clock ?? systemClock);
  const transport = createHttpFetcher();
  // Trace headers and the request id go on after signing (they are not signed) and after deduplication (keys stay equal).
  const deduped = createDedupingFetcher(createSigningFetcher(signingKey, telemetry.subgraphFetcher(reportUnavailable(transport, urls), urls)));
  const cacheConfig = options.entityCache === undefined ? entityCacheConfigFromEnv() : options.entityCache;
  const clock = options.clock ?? systemClock;
  const entityCache = cacheConfig
    ? createEntityCache({
        store: redis
          ? createRedisStore(redis, { ttlMs: cacheConfig.ttlSeconds * 1000 })
          : createMemoryStore({ maxEntries: cacheConfig.maxEntries, ttlMs: cacheConfig.ttlSeconds * 1000, observer: telemetry.entityCache }),
        subgraphs: new Map(SUBGRAPH_NAMES.map((name) => [new URL('/graphql', urls[name]).toString(), name])),
        today: () => clock.today(),
        observer: telemetry.entityCache,
        invalidated: telemetry.entityCache.invalidated,
      })
    : undefined;
  // The cache answers before deduplication and signing: only its misses go on.
  const fetcher = entityCache ? entityCache.fetcher(deduped) : deduped;

  let state: SchemaState | undefined;
  const current = () => {
    if (!state) throw new Error('the supergraph is not loaded yet');
    return state;
  };
  const trustedDocuments = loadTrustedDocuments();
  const warm = async () => {
    const warmup = await warmQueryPlans({ apollo, engine: current().engine, schema: current().schema, documents: trustedDocuments.values() });
    logger.info({ documents: warmup.documents, operations: warmup.operations, ms: Math.round(warmup.ms) }, 'query plans of the trusted documents warmed');
  };
  const gateway = new ApolloGateway({
    supergraphSdl:
      options.supergraphSdl ??
      watchedSupergraph({
        file: options.supergraphFile ?? supergraphFileFromEnv(),
        documents: () => trustedDocuments.values(),
        onSwap: () => void warm().catch((error: unknown) => logger.error(loggableError(error), 'plan warm-up after a supergraph swap failed')),
      }),
    buildService: ({ name, url }) => {
      if (name === 'audit') return new LocalGraphQLDataSource(auditSchema);
      // The committed supergraph names default ports; the deployment's URLs win. Subgraphs answer
      // only signed requests; APQ stays off so every request carries its full body.
      return new AuditingDataSource<GatewayContext>({
        url: urls[name as SubgraphName] ? new URL('/graphql', urls[name as SubgraphName]).toString() : url,
        apq: false,
        fetcher,
        willSendRequest: ({ request, context }) => {
          for (const [header, value] of Object.entries(encodeCaller(context.caller))) request.http?.headers.set(header, value);
        },
      });
    },
    logger,
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    const classifications = classificationsFromSupergraph(coreSupergraphSdl);
    let annotated: GraphQLSchema | undefined;
    const checked = withScalarRules(apiSchema);
    state = {
      engine: new (options.enforcement === false ? UnenforcedEngine : PrivacyEngine)(checked, (coordinate) => classifications.get(coordinate) as never),
      schema: checked,
      annotated: () => (annotated ??= annotateSchemaWithPrivacy(apiSchema, classifications)),
      fieldGraphs: fieldGraphsFromSupergraph(coreSupergraphSdl),
    };
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();
  await warm();
  const handleGraphQL = createPipeline({
    trustedDocuments,
    apollo,
    engine: () => current().engine,
    schema: () => current().schema,
    authenticate,
    lookupGrant: createGrantLookup(() => apollo),
    audit,
    rateLimiter: redis
      ? createRedisRateLimiter(redis, options.rateLimits ?? rateLimitConfigFromEnv())
      : createPrincipalRateLimiter(options.rateLimits ?? rateLimitConfigFromEnv()),
    clientAddress: createClientAddress(options.trustedProxies ?? trustedProxiesFromEnv()),
    limits,
    staffLimits,
    introspection: createIntrospection(() => current().annotated()),
    fieldGraphs: () => current().fieldGraphs,
    invalidate: entityCache?.invalidate,
    volume: (redis ? createRedisVolumeLedger.bind(null, redis) : createVolumeLedger)(auditDatabase.db, {
      limit: options.dailyPersonLimit ?? dailyPersonLimitFromEnv(DAILY_PERSON_LIMIT),
      clock: options.clock ?? systemClock,
    }),
  });
  const cors = createCors(options.corsOrigins ?? corsOriginsFromEnv());
  /** CORS around the pipeline: a preflight is answered here, a refused origin never reaches it. */
  const graphqlRoute: Route = async (req, body) => {
    if (req.method === 'OPTIONS') return cors.preflight(req);
    const verdict = cors.check(req);
    if (!verdict.allowed) return verdict.reply;
    const reply = await handleGraphQL(req, body);
    return { ...reply, headers: { ...reply.headers, ...verdict.headers } };
  };
  const listening = await listen({
    apollo,
    context: async () => {
      throw new Error('the gateway answers GraphQL through its privacy pipeline only');
    },
    routes: {
      // As before: 200 only while every department answers (the smoke script waits on it). Probes use the two below.
      '/health': () => checkSubgraphs(urls),
      '/health/live': async () => ({ status: 200, body: { status: 'live' } }),
      '/health/ready': async () => readinessReply(await readiness()),
      '/metrics': metricsRoute(telemetry.registry),
      '/graphql': graphqlRoute,
      '/': graphqlRoute,
      '/auth/config': signIn.config,
      '/auth/dev-token': signIn.token,
      // Departments tell every gateway of the events they applied; without a cache there is nothing to drop.
      '/internal/events': eventsRoute(signingKey, entityCache?.invalidate ?? (async () => undefined)),
    },
    statics: createConsoleAssets(),
    observe: telemetry.observer,
    port: options.port ?? 0,
    host: options.host,
  });
  logger.info({ enforcement: options.enforcement !== false }, 'gateway privacy pipeline ready');
  return {
    ...listening,
    apollo,
    gateway,
    auditDatabase,
    close: async () => {
      await listening.close();
      await apollo.stop();
      transport.close();
      await entityCache?.close();
      await auditDatabase.close();
      await ownRedis?.close();
    },
  };
}
