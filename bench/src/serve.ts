/**
 * One benchmark process: `node --import tsx bench/src/serve.ts <kind>`, started by the harness
 * (run.ts), usually under `taskset`. It reports `{ type: 'ready', url }` over IPC and answers
 * `{ type: 'stats' }` with the GraphQL requests and SQL statements it has served.
 *
 * Kinds: subgraph:<name> (one department, real HTTP, signed requests only), monolith, apollo
 * (bare @apollo/gateway + Apollo Server, signing fetcher), ours / ours-off (our gateway, privacy
 * engine on / enforcement off), hive and hive-router (Hive Gateway, JS or Rust query planner),
 * replay (one memoizing proxy per subgraph of BENCH_SUBGRAPH_URLS, for the gateway-bound run;
 * its ready message carries their URLs).
 *
 * Configuration comes from the harness in the environment: DATABASE_URL, SUBGRAPH_SIGNING_KEY,
 * CREDIT_CLOCK, BENCH_SUBGRAPH_URLS (JSON), BENCH_JWT_SECRET (hex), BENCH_SUPERGRAPH (a file).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { AuthConfig } from '@credit/gateway/auth';
import { createSigningFetcher } from '@credit/gateway/fetcher';
import { DEFAULT_ENTITY_CACHE } from '@credit/gateway/cache/config';
import { startGateway } from '@credit/gateway/server';
import {
  clockFromEnv,
  headerLookup,
  listen,
  signingKeyFromEnv,
  SIGNATURE_HEADER,
  signRequest,
  type SigningKey,
  type SubgraphName,
} from '@credit/kit';
import { loadDepartment } from '@credit/kit/infra/departments';
import { startMonolith } from '../monolith/index.js';
import { clientCallerHeaders } from './client-caller.js';
import { startReplayProxy } from './replay.js';

export const KINDS = ['monolith', 'apollo', 'ours', 'ours-off', 'ours-cache', 'hive', 'hive-router', 'hive-router-cache', 'replay'] as const;
export type ServerKind = (typeof KINDS)[number] | `subgraph:${SubgraphName}`;

export interface Stats {
  graphqlRequests: number;
  statements: number;
}

const kind = process.argv[2] as ServerKind;
const databaseUrl = process.env.DATABASE_URL ?? '';
const subgraphUrls = JSON.parse(process.env.BENCH_SUBGRAPH_URLS ?? '{}') as Record<SubgraphName, string>;
const readSupergraph = () => readFileSync(process.env.BENCH_SUPERGRAPH ?? new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');

/** The committed supergraph names the default ports: point each graph at this run's subgraph. */
function supergraphForThisRun(): string {
  let sdl = readSupergraph();
  for (const [name, url] of Object.entries(subgraphUrls)) {
    sdl = sdl.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`), `$1${url}/graphql$2`);
  }
  return sdl;
}

const stats: Stats = { graphqlRequests: 0, statements: 0 };
let readStats: () => Stats = () => stats;
let close: () => Promise<void> = async () => {};

async function startSubgraphProcess(name: SubgraphName): Promise<string> {
  const running = await (await loadDepartment(name)).start({ location: databaseUrl, port: 0, seedDemo: false, relay: false, destinations: () => ({}) });
  // Counts GraphQL requests where kit `listen` hands them to Apollo Server (health checks excluded).
  const apollo = running.apollo as unknown as { executeHTTPGraphQLRequest: (...args: unknown[]) => Promise<unknown> };
  const execute = apollo.executeHTTPGraphQLRequest.bind(apollo);
  apollo.executeHTTPGraphQLRequest = (...args: unknown[]) => {
    stats.graphqlRequests++;
    return execute(...args);
  };
  readStats = () => ({ graphqlRequests: stats.graphqlRequests, statements: running.database.counter.requestStatements });
  close = () => running.close();
  return running.url;
}

/** A client request's caller, as headers for the subgraphs (client-caller.ts). */
interface ClientContext {
  callerHeaders: Record<string, string>;
}

const firstValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

async function startApolloPlain(): Promise<string> {
  // @apollo/gateway's own transport (make-fetch-happen), only wrapped to sign: the plain baseline.
  // It passes the client's caller on to the subgraphs, as our gateway does, so they serve the same answer.
  const fetcher = createSigningFetcher(signingKeyFromEnv(), new RemoteGraphQLDataSource().fetcher);
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphForThisRun(),
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<ClientContext>({
        url,
        apq: false,
        fetcher,
        willSendRequest: ({ request, context }) => {
          const caller: Record<string, string> = context.callerHeaders ?? {};
          for (const [header, value] of Object.entries(caller)) request.http?.headers.set(header, value);
        },
      }),
  });
  const apollo = new ApolloServer<ClientContext>({ gateway, includeStacktraceInErrorResponses: false, plugins: [ApolloServerPluginLandingPageDisabled()] });
  await apollo.start();
  const listening = await listen({
    apollo,
    context: async (req) => ({ callerHeaders: clientCallerHeaders(req.headers.authorization, firstValue(req.headers['x-purpose'])) }),
    port: 0,
  });
  close = async () => {
    await listening.close();
    await apollo.stop();
  };
  return listening.url;
}

async function startOurs(enforcement: boolean, cache = false): Promise<string> {
  const auth: AuthConfig = {
    issuer: 'credit-graph-bench',
    audience: 'credit-graph',
    key: { kind: 'secret', secret: Buffer.from(process.env.BENCH_JWT_SECRET ?? '', 'hex'), source: 'JWT_SECRET' },
  };
  const running = await startGateway({
    port: 0,
    subgraphUrls,
    signingKey: signingKeyFromEnv(),
    auth,
    // The query log on the same PostgreSQL, as in production; with enforcement off nothing is logged.
    auditLocation: databaseUrl,
    clock: clockFromEnv(),
    // The limiter still runs on every request; its quota is out of the way of a load test.
    rateLimits: { perMinute: 1_000_000_000, publicPerMinute: 1_000_000_000 },
    enforcement,
    // In memory, as a single gateway runs it; the other targets of ours explicitly without.
    entityCache: cache ? DEFAULT_ENTITY_CACHE : false,
  });
  close = () => running.close();
  return running.url;
}

/**
 * Hive's subgraph fetches signed as gateway/src/fetcher.ts signs ours: the subgraphs stay unchanged.
 * Each carries the client's caller (client-caller.ts), as ours does, so the subgraphs serve the same answer.
 */
function signingPlugin(key: SigningKey) {
  return {
    onFetch({
      url,
      options,
      setOptions,
      context,
    }: {
      url: string;
      options: { method?: string; headers?: unknown; body?: unknown };
      setOptions: (o: any) => void;
      context?: { request?: { headers?: Headers } };
    }) {
      const headers: Record<string, string> = {};
      const given = options.headers;
      if (given && typeof (given as Headers).forEach === 'function' && !(given instanceof Array)) {
        (given as Headers).forEach((value, name) => (headers[name] = value));
      } else if (given) {
        Object.assign(headers, given as Record<string, string>);
      }
      const client = context?.request?.headers;
      if (client) Object.assign(headers, clientCallerHeaders(client.get('authorization'), client.get('x-purpose')));
      const body = typeof options.body === 'string' || Buffer.isBuffer(options.body) ? options.body : options.body == null ? '' : String(options.body);
      const target = new URL(url);
      headers[SIGNATURE_HEADER] = signRequest(key, {
        method: options.method ?? 'POST',
        path: `${target.pathname}${target.search}`,
        header: headerLookup(headers),
        body,
      });
      setOptions({ ...options, headers });
    },
  };
}

/**
 * Hive's response cache as a careful user configures it for personal data: one cache per session
 * (the caller's token and declared purpose), never shared between callers, a short TTL because
 * nothing tells it of a change a mutation's answer does not name, and invalidation by the
 * entities a mutation returns (its default).
 */
const HIVE_RESPONSE_CACHE = {
  session: (request: Request) => `${request.headers.get('authorization') ?? ''}|${request.headers.get('x-purpose') ?? ''}`,
  ttl: 5_000,
  invalidateViaMutation: true,
  includeExtensionMetadata: false,
};

async function startHive(router: boolean, cache = false): Promise<string> {
  // Hive's executor adds an abort listener per in-flight subgraph request: no leak, just a noisy warning at 50 connections.
  (await import('node:events')).default.defaultMaxListeners = 0;
  // Imported by name at run time: Hive's typings bring a second @types/node (25) into this program.
  const hiveGateway: string = '@graphql-hive/gateway';
  const hiveRouter: string = '@graphql-hive/router-runtime';
  const { createGatewayRuntime } = (await import(hiveGateway)) as { createGatewayRuntime: (config: unknown) => (req: unknown, res: unknown) => void };
  const key = signingKeyFromEnv();
  const config: Record<string, unknown> = {
    supergraph: supergraphForThisRun(),
    logging: 'error',
    landingPage: false,
    graphiql: false,
    plugins: () => [signingPlugin(key)],
  };
  if (cache) {
    // Hive's in-memory LRU (its default store for a single gateway), as the response cache's store.
    const lru: string = '@graphql-mesh/cache-inmemory-lru';
    const { default: InMemoryLRUCache } = (await import(lru)) as { default: new (options?: { max?: number }) => unknown };
    config.cache = new InMemoryLRUCache({ max: 100_000 });
    config.responseCaching = HIVE_RESPONSE_CACHE;
  }
  if (router) config.unifiedGraphHandler = ((await import(hiveRouter)) as { unifiedGraphHandler: unknown }).unifiedGraphHandler;
  const runtime = createGatewayRuntime(config);
  const server: Server = createServer(runtime as never);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await (runtime as unknown as { dispose?: () => Promise<void> }).dispose?.();
  };
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let extraUrls: Record<string, string> | undefined;

async function startReplay(): Promise<string> {
  const proxies = await Promise.all(Object.entries(subgraphUrls).map(async ([name, url]) => [name, await startReplayProxy(url)] as const));
  extraUrls = Object.fromEntries(proxies.map(([name, p]) => [name, p.url]));
  readStats = () => ({ graphqlRequests: proxies.reduce((n, [, p]) => n + p.counts().requests, 0), statements: 0 });
  close = async () => {
    await Promise.all(proxies.map(([, p]) => p.close()));
  };
  return proxies[0]?.[1].url ?? '';
}

async function start(): Promise<string> {
  if (kind.startsWith('subgraph:')) return startSubgraphProcess(kind.slice('subgraph:'.length) as SubgraphName);
  switch (kind) {
    case 'monolith': {
      const running = await startMonolith({ supergraphSdl: readSupergraph(), location: databaseUrl, clock: clockFromEnv() });
      readStats = () => ({ graphqlRequests: 0, statements: running.database.counter.requestStatements });
      close = () => running.close();
      return running.url;
    }
    case 'apollo':
      return startApolloPlain();
    case 'ours':
      return startOurs(true);
    case 'ours-off':
      return startOurs(false);
    case 'ours-cache':
      return startOurs(true, true);
    case 'hive':
      return startHive(false);
    case 'hive-router':
      return startHive(true);
    case 'hive-router-cache':
      return startHive(true, true);
    case 'replay':
      return startReplay();
    default:
      throw new Error(`unknown server kind ${kind}`);
  }
}

process.on('message', (message: { type: string }) => {
  if (message.type === 'stats') process.send?.({ type: 'stats', stats: readStats() });
  if (message.type === 'close') {
    void close().finally(() => process.exit(0));
  }
});
process.on('disconnect', () => void close().finally(() => process.exit(0)));

try {
  const url = await start();
  process.send?.({ type: 'ready', url, urls: extraUrls });
} catch (error) {
  process.send?.({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
}
