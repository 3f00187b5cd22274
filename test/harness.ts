/**
 * The whole system in-process for cross-service tests: every department of the registry
 * (schema/src/departments.ts) and the gateway on real HTTP (port 0), on one fresh PostgreSQL
 * database when DATABASE_URL is set (each subgraph in its own schema), else on an in-memory PGlite
 * per subgraph.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuthConfig } from '@credit/gateway/auth';
import { signDevToken } from '@credit/gateway/dev-token';
import { startGateway, type GatewayOptions, type RunningGateway } from '@credit/gateway/server';
import type { Role } from '@credit/schema';
import {
  generateSigningKey,
  ManualClock,
  type DatasetOptions,
  type RunningSubgraph,
  type SigningKey,
  type SubgraphName,
  type SubgraphOptions,
} from '@credit/kit';
import { loadDepartments } from '@credit/kit/infra/departments';
import { freshDatabaseLocation } from '@credit/kit/testing';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface System {
  clock: ManualClock;
  gateway: RunningGateway;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  /** The key this system's gateway and subgraphs share (fresh per system). */
  signingKey: SigningKey;
  /** One operation through the gateway as the given caller (no token = PUBLIC); HTTP status and body. */
  query<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, as?: CallAs): Promise<{ status: number; body: GraphQLResponse<T> }>;
  /** The body only, as a staff caller who may read everything (CREDIT_OFFICE reviewing an objection) unless told otherwise. */
  graphql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, as?: CallAs): Promise<GraphQLResponse<T>>;
  /** Another gateway over the same subgraphs, e.g. with enforcement off for the overhead benchmark. */
  startGateway(options: Partial<GatewayOptions>): Promise<RunningGateway>;
  /** A valid JWT for this system's gateway. */
  token(claims: { role: Exclude<Role, 'PUBLIC'>; personId?: string; department?: string; sub?: string }): Promise<string>;
  /** SQL statements all subgraphs sent while serving requests (relay traffic excluded). */
  statements(): number;
  /** Waits until every outbox is delivered. */
  drain(): Promise<void>;
  /** Stops one subgraph (an outage); `start` brings it back on the same port and database. */
  stop(name: SubgraphName): Promise<void>;
  start(name: SubgraphName): Promise<void>;
  close(): Promise<void>;
}

export interface CallAs {
  token?: string;
  purpose?: string;
  grant?: string;
}

export const DEFAULT_NOW = '2026-11-21T10:00:00+08:00';

/** Tests fire thousands of requests from a handful of principals; production limits stay in force otherwise. */
const TEST_RATE_LIMITS = { perMinute: 1_000_000, publicPerMinute: 1_000_000 };

/**
 * `restartable`: subgraphs can be stopped and started again with their data (on PGlite each gets
 * a directory instead of memory). `devSignIn`: the gateway's key counts as its generated dev secret, so the console's demo sign-in
 * (/auth/config, /auth/dev-token) is on, as under `npm start` without JWT_SECRET.
 */
export async function startSystem(
  options: {
    now?: string;
    dataset?: DatasetOptions;
    restartable?: boolean;
    devSignIn?: boolean;
    subgraphs?: Partial<SubgraphOptions>;
    /** The gateway's entity cache (off by default: suites count subgraph requests and write behind the gateway's back). */
    entityCache?: GatewayOptions['entityCache'];
  } = {},
): Promise<System> {
  const clock = new ManualClock(new Date(options.now ?? DEFAULT_NOW));
  const database = await freshDatabaseLocation();
  const scratch = options.restartable && database.location === 'pglite:memory' ? await mkdtemp(join(tmpdir(), 'credit-system-')) : undefined;
  const locationOf = (name: SubgraphName) => (scratch ? `pglite:${join(scratch, name)}` : database.location);
  const urls: Partial<Record<SubgraphName, string>> = {};
  const signingKey = generateSigningKey();
  // Every gateway of the system hears of the events the departments applied (its entity cache).
  const gatewayUrls: string[] = [];
  const common = { clock, destinations: () => urls, gateways: () => gatewayUrls, seedDemo: false, signingKey, ...options.subgraphs };
  const departments = new Map((await loadDepartments()).map((d) => [d.name, d]));
  const startOne = (name: SubgraphName, port?: number) => departments.get(name)!.start({ ...common, location: locationOf(name), port });
  const started = await Promise.all([...departments.keys()].map((name) => startOne(name)));
  const subgraphs = Object.fromEntries(started.map((s) => [s.name, s])) as Record<SubgraphName, RunningSubgraph>;
  for (const s of started) urls[s.name] = s.url;
  if (options.dataset) {
    for (const { name, spec } of departments.values()) await spec.seed?.(subgraphs[name].database.db, options.dataset);
  }
  const auth = { issuer: 'credit-graph-test', audience: 'credit-graph', key: { kind: 'secret', secret: randomBytes(32), source: options.devSignIn ? 'dev' : 'JWT_SECRET' } } satisfies AuthConfig;
  const gatewayOptions: GatewayOptions = {
    subgraphUrls: urls,
    signingKey,
    auth,
    auditLocation: database.location,
    clock,
    rateLimits: TEST_RATE_LIMITS,
    entityCache: options.entityCache ?? false,
  };
  const gateway = await startGateway(gatewayOptions);
  gatewayUrls.push(gateway.url);
  const extraGateways: RunningGateway[] = [];
  let staffToken: Promise<string> | undefined;
  const request = async (query: string, variables: Record<string, unknown> | undefined, as: CallAs = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (as.token) headers.authorization = `Bearer ${as.token}`;
    if (as.purpose) headers['x-purpose'] = as.purpose;
    if (as.grant) headers['x-authorization-grant'] = as.grant;
    const response = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return { status: response.status, body: (await response.json()) as GraphQLResponse<any> };
  };
  const system: System = {
    clock,
    gateway,
    subgraphs,
    signingKey,
    query: request,
    async graphql(query, variables, as) {
      staffToken ??= signDevToken(auth, { role: 'CREDIT_OFFICE', sub: 'test-credit-office', department: 'credit-office', ttl: '1h' });
      return (await request(query, variables, as ?? { token: await staffToken, purpose: 'OBJECTION_REVIEW' })).body;
    },
    token: (claims) => signDevToken(auth, { ...claims, ttl: '1h' }),
    async startGateway(options) {
      const extra = await startGateway({ ...gatewayOptions, auditLocation: 'pglite:memory', ...options });
      extraGateways.push(extra);
      gatewayUrls.push(extra.url);
      return extra;
    },
    statements: () => Object.values(subgraphs).reduce((sum, s) => sum + s.database.counter.requestStatements, 0),
    async drain() {
      // Two rounds: an event applied in one subgraph may enqueue another (repair -> record -> projections).
      for (let round = 0; round < 2; round++) {
        for (const s of Object.values(subgraphs)) await s.relay?.drain();
        // Events on NATS (options.subgraphs.events): published is not yet applied.
        for (const s of Object.values(subgraphs)) await s.events?.waitIdle();
      }
    },
    async stop(name) {
      await subgraphs[name].close();
    },
    async start(name) {
      subgraphs[name] = await startOne(name, Number(new URL(subgraphs[name].url).port));
    },
    async close() {
      await Promise.all([gateway, ...extraGateways].map((g) => g.close()));
      await Promise.all(Object.values(subgraphs).map((s) => s.close()));
      await database.drop();
      if (scratch) await rm(scratch, { recursive: true, force: true });
    },
  };
  await system.drain();
  return system;
}
