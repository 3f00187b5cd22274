/**
 * Prometheus metrics (issue 14), prom-client. Each server (the gateway, each subgraph) keeps its
 * own registry, so tests running several in one process see each one's figures on its own
 * `/metrics`; process metrics (CPU, memory, event loop, GC) are collected once per process and
 * served with every registry.
 *
 * Labels take bounded values only: trusted documents' operation names or `other`, schema root
 * fields, roles, purposes, error codes, levels, subgraph names, HTTP statuses. Never personal data,
 * never free text from a client.
 */
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { sql } from 'drizzle-orm';
import { selectRows, type Database } from './db.js';
import type { JsonReply, Route } from './http.js';

export { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Request latencies: 5 ms (a cached plan, one subgraph) to 10 s (a subgraph timing out). */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Statement and query-log append latencies: 0.5 ms to 2.5 s. */
export const FAST_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

let processRegistry: Registry | undefined;

function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** A server's registry (with labels every one of its series carries, e.g. its subgraph). */
export function createRegistry(defaultLabels: Record<string, string> = {}): Registry {
  processMetrics();
  const registry = new Registry();
  registry.setDefaultLabels(defaultLabels);
  return registry;
}

/** `GET /metrics` in the Prometheus text format: the process's metrics, then the server's. */
export function metricsRoute(registry: Registry): Route {
  return async (req): Promise<JsonReply> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return { status: 405, body: { error: 'METHOD_NOT_ALLOWED' }, headers: { allow: 'GET, HEAD' } };
    const text = (await processMetrics().metrics()) + (await registry.metrics());
    return { status: 200, body: null, raw: text, headers: { 'content-type': registry.contentType } };
  };
}

/** Seconds since `start` (a `performance.now()` value). */
export const secondsSince = (start: number): number => (performance.now() - start) / 1000;

/** `work`, or undefined when it fails or takes longer than `ms` (a scrape never hangs on a database). */
export async function within<T>(ms: number, work: () => Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work(), new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms).unref()))]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A database's figures: statements sent (in requests / in the background) and, on PostgreSQL, the
 * pool's size and its connections by state (`pg_stat_activity` for this service's
 * `application_name`, so all replicas of the service together, the scrape's own query included).
 * PGlite is one in-process connection: no pool to report.
 */
export function registerDatabaseMetrics(registry: Registry, database: Database, service: string): void {
  new Counter({
    name: 'credit_db_statements_total',
    help: 'SQL statements sent through drizzle, by scope (request: while serving a GraphQL request; background: relay, migrations)',
    labelNames: ['scope'],
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ scope: 'request' }, database.counter.requestStatements);
      this.inc({ scope: 'background' }, database.counter.statements - database.counter.requestStatements);
    },
  });
  if (database.kind !== 'postgres') return;
  const client = (database.db as unknown as { $client?: { options?: { max?: number } } }).$client;
  const max = client?.options?.max;
  if (typeof max === 'number') {
    const poolMax = new Gauge({ name: 'credit_db_pool_max_connections', help: 'Connections the pool of this process may open', registers: [registry] });
    poolMax.set(max);
  }
  new Gauge({
    name: 'credit_db_connections',
    help: `Connections of this service (application_name credit-${service}, all its processes) by pg_stat_activity state; absent when the database does not answer`,
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await within(1000, () =>
        selectRows<{ state: string | null; n: number }>(
          database.db,
          sql`select coalesce(state, 'unknown') as state, count(*)::int as n from pg_stat_activity where application_name = ${`credit-${service}`} group by 1`,
        ),
      );
      for (const row of rows ?? []) this.set({ state: String(row.state) }, Number(row.n));
    },
  });
}
