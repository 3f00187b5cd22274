/**
 * A running stack for the benchmark: the four subgraphs (each its own process, real HTTP, signed
 * requests only) over one PostgreSQL database, and the chosen targets in front of them.
 */
import { randomBytes } from 'node:crypto';
import { Supergraph } from '@apollo/federation-internals';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { openAuditDatabase } from '@credit/gateway/audit/database';
import type { AuthConfig } from '@credit/gateway/auth';
import { signDevToken } from '@credit/gateway/dev-token';
import { createSigningFetcher } from '@credit/gateway/fetcher';
import { createHttpFetcher } from '@credit/gateway/http-fetcher';
import { parseSigningKey, SUBGRAPH_NAMES, type SigningKey, type SubgraphName } from '@credit/kit';
import { CALLER_HEADERS, encodeCaller, type CallerContext } from '@credit/schema';
import type { GraphQLSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import type { Pinning, ServerProcess } from './processes.js';
import { ROOT, startServer } from './processes.js';
import type { ServerKind, Stats } from './serve.js';
import type { Caller, Workload } from './workloads.js';

export const GATEWAY_TARGETS = ['monolith', 'apollo', 'ours-off', 'ours', 'ours-cache', 'hive', 'hive-router', 'hive-router-cache'] as const;
export type GatewayTarget = (typeof GATEWAY_TARGETS)[number];
export type Target = GatewayTarget | `subgraph:${SubgraphName}`;

export const TARGET_LABELS: Record<GatewayTarget, string> = {
  monolith: 'single server (non-federated ceiling)',
  apollo: 'plain @apollo/gateway',
  'ours-off': 'our gateway, enforcement off',
  ours: 'our gateway, privacy on',
  'ours-cache': 'our gateway, privacy on, entity cache',
  hive: 'Hive Gateway',
  'hive-router': 'Hive Gateway + router-runtime',
  'hive-router-cache': 'Hive Gateway + router-runtime, response cache per session',
};

/** The clock every process reads: the data set's decision dates run to 2026-10-31. */
export const BENCH_CLOCK = '2026-11-21T10:00:00+08:00';

export const SUPERGRAPH_FILE = `${ROOT}schema/supergraph.graphql`;

export function apiSchema(): GraphQLSchema {
  return Supergraph.build(readFileSync(SUPERGRAPH_FILE, 'utf8')).apiSchema().toGraphQLJSSchema();
}

/** A subgraph request the gateway sends for one workload request, to replay against the subgraph directly. */
export interface CapturedFetch {
  graph: SubgraphName;
  body: string;
  headers: Record<string, string>;
}

export interface Stack {
  signingKey: SigningKey;
  subgraphs: Record<SubgraphName, ServerProcess>;
  targets: Partial<Record<GatewayTarget, ServerProcess>>;
  /**
   * Stops the targets (and the replay proxies) and starts `targets` in front of the same subgraphs,
   * gateway-bound when `replay`: one invocation measures both modes without starting the subgraphs again.
   */
  restartTargets(targets: readonly GatewayTarget[], replay: boolean): Promise<void>;
  /** Headers a client of the gateways sends for this caller (token and purpose). */
  clientHeaders(caller: Caller): Promise<Record<string, string>>;
  /** Headers of an officer of `department` submitting records (the read-mostly mix's writes). */
  writerHeaders(department: string): Promise<Record<string, string>>;
  /** GraphQL requests and SQL statements so far, per process (subgraphs and the monolith). */
  counters(): Promise<Record<string, Stats>>;
  /** Statements of the benchmark's processes still running in PostgreSQL (queued work of a finished run). */
  activeStatements(): Promise<number>;
  /** The subgraph requests a plain @apollo/gateway sends for one request of the workload. */
  capture(workload: Workload): Promise<CapturedFetch[]>;
  close(): Promise<void>;
}

export async function startStack(options: {
  databaseUrl: string;
  targets: readonly GatewayTarget[];
  pinning: Pinning;
  log: (line: string) => void;
  /** Targets to run under `--cpu-prof`, writing into this directory. */
  profile?: { targets: readonly string[]; dir: string };
  /** Gateway-bound: the targets reach the subgraphs through memoizing proxies (replay.ts) on the load generator's CPU. */
  replay?: boolean;
}): Promise<Stack> {
  const signingKeyText = randomBytes(32).toString('hex');
  const jwtSecret = randomBytes(32);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    DATABASE_URL: options.databaseUrl,
    SUBGRAPH_SIGNING_KEY: signingKeyText,
    CREDIT_CLOCK: BENCH_CLOCK,
    BENCH_JWT_SECRET: jwtSecret.toString('hex'),
    BENCH_SUPERGRAPH: SUPERGRAPH_FILE,
  };
  /** The subgraphs started so far (closed with the rest when a later one fails to start). */
  const subgraphsStarted: ServerProcess[] = [];
  /** The targets and the replay proxies in front of the subgraphs, replaced by restartTargets. */
  let front: { targets: Partial<Record<GatewayTarget, ServerProcess>>; replay: ServerProcess | undefined; processes: ServerProcess[] } = {
    targets: {},
    replay: undefined,
    processes: [],
  };
  const closeAll = () => Promise.all([...front.processes, ...subgraphsStarted].map((p) => p.close()));
  try {
    const t0 = performance.now();
    const subgraphList = await Promise.all(
      SUBGRAPH_NAMES.map(async (name) => {
        const p = await startServer(`subgraph:${name}`, env, options.pinning.subgraphs);
        subgraphsStarted.push(p);
        return p;
      }),
    );
    const subgraphs = Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [name, subgraphList[i]!])) as Record<SubgraphName, ServerProcess>;
    options.log(`subgraphs ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const subgraphUrls = JSON.stringify(Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, subgraphs[n].url])));
    let auditMigrated = false;

    const startTargets = async (kinds: readonly GatewayTarget[], withReplay: boolean) => {
      const processes: ServerProcess[] = [];
      front = { targets: {}, replay: undefined, processes };
      // The query log's schema, migrated once here rather than by two gateway processes at once.
      if (!auditMigrated && kinds.some((t) => t.startsWith('ours'))) {
        await (await openAuditDatabase(options.databaseUrl)).close();
        auditMigrated = true;
      }
      if (withReplay) {
        front.replay = await startServer('replay', { ...env, BENCH_SUBGRAPH_URLS: subgraphUrls }, options.pinning.loadgen);
        processes.push(front.replay);
      }
      const targetEnv = { ...env, BENCH_SUBGRAPH_URLS: front.replay ? JSON.stringify(front.replay.urls) : subgraphUrls };
      const t1 = performance.now();
      // Two at a time: six processes compiling TypeScript at once on two cores only thrash.
      const queue = [...kinds];
      const worker = async () => {
        for (let kind = queue.shift(); kind; kind = queue.shift()) {
          const profiled = options.profile?.targets.includes(kind);
          // One directory per target: every thread (the tsx loader has its own) writes a profile; the main thread's is the largest.
          const nodeArgs = profiled ? ['--cpu-prof', `--cpu-prof-dir=${options.profile!.dir}/${kind}`] : [];
          const p = await startServer(kind as ServerKind, targetEnv, options.pinning.server, { nodeArgs });
          processes.push(p);
          front.targets[kind] = p;
        }
      };
      await Promise.all([worker(), worker()]);
      options.log(`targets ready in ${((performance.now() - t1) / 1000).toFixed(1)} s: ${kinds.join(', ')}${withReplay ? ' (gateway-bound)' : ''}`);
    };
    await startTargets(options.targets, options.replay ?? false);

    const auth: AuthConfig = { issuer: 'credit-graph-bench', audience: 'credit-graph', key: { kind: 'secret', secret: jwtSecret, source: 'JWT_SECRET' } };
    const signingKey = parseSigningKey(signingKeyText);
    const tokens = new Map<string, Promise<string>>();

    const monitor = postgres(options.databaseUrl, { max: 1, onnotice: () => {}, connection: { application_name: 'bench-monitor' } });
    let capturer: { apollo: ApolloServer<{ caller: CallerContext }>; fetches: CapturedFetch[] } | undefined;
    const graphOf = new Map<string, SubgraphName>(SUBGRAPH_NAMES.map((n) => [new URL('/graphql', subgraphs[n].url).toString(), n]));

    return {
      signingKey,
      subgraphs,
      get targets() {
        return front.targets;
      },
      async restartTargets(targets, replay) {
        await Promise.all(front.processes.map((p) => p.close()));
        await startTargets(targets, replay);
      },
      async clientHeaders(caller) {
        const headers: Record<string, string> = {};
        if (caller.role !== 'PUBLIC') {
          const key = caller.role;
          if (!tokens.has(key)) tokens.set(key, signDevToken(auth, { role: caller.role, sub: `bench-${caller.role.toLowerCase()}`, department: 'bench', ttl: '24h' }));
          headers.authorization = `Bearer ${await tokens.get(key)!}`;
        }
        if (caller.purpose) headers['x-purpose'] = caller.purpose;
        return headers;
      },
      async writerHeaders(department) {
        const token = await signDevToken(auth, { role: 'OFFICER', sub: 'bench-writer', department, ttl: '24h' });
        return { authorization: `Bearer ${token}`, 'x-purpose': 'JOINT_PUNISHMENT' };
      },
      async counters() {
        const { monolith } = front.targets;
        const withCounts = [...subgraphList, ...(monolith ? [monolith] : []), ...(front.replay ? [front.replay] : [])];
        const all = await Promise.all(withCounts.map(async (p) => [p.kind, await p.stats()] as const));
        return Object.fromEntries(all);
      },
      async activeStatements() {
        const [row] = await monitor<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity
          where datname = current_database() and state = 'active' and application_name like 'credit-%' and pid <> pg_backend_pid()`;
        return row?.n ?? 0;
      },
      async capture(workload) {
        if (!capturer) {
          const fetches: CapturedFetch[] = [];
          const signing = createSigningFetcher(signingKey, createHttpFetcher());
          const fetcher: typeof signing = async (url, init = {}) => {
            const graph = graphOf.get(url);
            const headers = { ...(init.headers as Record<string, string>) };
            if (graph) fetches.push({ graph, body: String(init.body ?? ''), headers: Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'content-length')) });
            return signing(url, init);
          };
          const gateway = new ApolloGateway({
            supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
            buildService: ({ name, url }) =>
              new RemoteGraphQLDataSource<{ caller: CallerContext }>({
                url: SUBGRAPH_NAMES.includes(name as SubgraphName) ? new URL('/graphql', subgraphs[name as SubgraphName].url).toString() : url,
                apq: false,
                fetcher,
                willSendRequest: ({ request, context }) => {
                  for (const [header, value] of Object.entries(encodeCaller(context.caller))) request.http?.headers.set(header, value);
                },
              }),
          });
          const apollo = new ApolloServer<{ caller: CallerContext }>({ gateway, plugins: [ApolloServerPluginLandingPageDisabled()] });
          await apollo.start();
          capturer = { apollo, fetches };
        }
        capturer.fetches.length = 0;
        const body = JSON.parse(workload.bodies[0]!) as { query: string; operationName: string; variables: Record<string, unknown> };
        const caller: CallerContext = {
          principal: workload.caller.role === 'PUBLIC' ? { sub: 'anonymous', role: 'PUBLIC' } : { sub: `bench-${workload.caller.role.toLowerCase()}`, role: workload.caller.role, department: 'bench' },
          purpose: workload.caller.purpose ?? (workload.caller.role === 'PUBLIC' ? 'PUBLIC_DISCLOSURE' : null),
          grantId: null,
        };
        await capturer.apollo.executeOperation(body, { contextValue: { caller } });
        return capturer.fetches.map((f) => ({ ...f, headers: pick(f.headers) }));
      },
      async close() {
        await capturer?.apollo.stop();
        await monitor.end({ timeout: 5 });
        await closeAll();
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** The headers a replayed subgraph request needs: content type and the caller headers the signature covers. */
function pick(headers: Record<string, string>): Record<string, string> {
  const keep = new Set(['content-type', ...Object.values(CALLER_HEADERS)]);
  return Object.fromEntries(Object.entries(headers).filter(([k]) => keep.has(k.toLowerCase())));
}
