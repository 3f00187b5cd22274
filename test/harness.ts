/**
 * The whole system in-process for cross-service tests: four subgraphs and the gateway on real
 * HTTP (port 0), on one fresh PostgreSQL database when DATABASE_URL is set (each subgraph in its
 * own schema), else on an in-memory PGlite per subgraph.
 */
import { spec as disputesSpec, startDisputes } from '@credit/disputes/server';
import { startGateway, type RunningGateway } from '@credit/gateway/server';
import { spec as identitySpec, startIdentity } from '@credit/identity/server';
import { startIncentives } from '@credit/incentives/server';
import {
  generateSigningKey,
  ManualClock,
  type DatasetOptions,
  type RunningSubgraph,
  type SigningKey,
  type SubgraphName,
} from '@credit/kit';
import { freshDatabaseLocation } from '@credit/kit/testing';
import { spec as recordsSpec, startRecords } from '@credit/records/server';

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
  query<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** SQL statements all subgraphs sent while serving requests (relay traffic excluded). */
  statements(): number;
  /** Waits until every outbox is delivered. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_NOW = '2026-11-21T10:00:00+08:00';

export async function startSystem(options: { now?: string; dataset?: DatasetOptions } = {}): Promise<System> {
  const clock = new ManualClock(new Date(options.now ?? DEFAULT_NOW));
  const database = await freshDatabaseLocation();
  const urls: Partial<Record<SubgraphName, string>> = {};
  const signingKey = generateSigningKey();
  const common = { location: database.location, clock, destinations: () => urls, seedDemo: false, signingKey };
  const started = await Promise.all([startIdentity(common), startRecords(common), startDisputes(common), startIncentives(common)]);
  const subgraphs = Object.fromEntries(started.map((s) => [s.name, s])) as Record<SubgraphName, RunningSubgraph>;
  for (const s of started) urls[s.name] = s.url;
  if (options.dataset) {
    const dataset = options.dataset;
    await identitySpec.seed!(subgraphs.identity.database.db, dataset);
    await recordsSpec.seed!(subgraphs.records.database.db, dataset);
    await disputesSpec.seed!(subgraphs.disputes.database.db, dataset);
  }
  const gateway = await startGateway({ subgraphUrls: urls, signingKey });
  const system: System = {
    clock,
    gateway,
    subgraphs,
    signingKey,
    async query(query, variables) {
      const response = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse<any>;
    },
    statements: () => started.reduce((sum, s) => sum + s.database.counter.requestStatements, 0),
    async drain() {
      // Two rounds: an event applied in one subgraph may enqueue another (objection -> record flag).
      for (let round = 0; round < 2; round++) {
        for (const s of started) await s.relay?.drain();
      }
    },
    async close() {
      await gateway.close();
      await Promise.all(started.map((s) => s.close()));
      await database.drop();
    },
  };
  await system.drain();
  return system;
}
