/**
 * A subgraph's operations side (issue 14): `/health/live`, `/health/ready` (its database answers),
 * `/health` (as before: the database), `/metrics`, and the request observer that continues the
 * gateway's trace, logs one line per request and feeds the request metrics.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { decodeCaller, SUBGRAPH_NAMES, type SubgraphName } from '@credit/schema';
import { sql } from 'drizzle-orm';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { Database } from './db.js';
import type { Route } from './http.js';
import { Counter, createRegistry, Gauge, Histogram, LATENCY_BUCKETS, metricsRoute, registerDatabaseMetrics, within, type Registry } from './metrics.js';
import type { RequestObserver } from './observed-request.js';
import type { Relay } from './outbox.js';
import { annotateRequest, currentRequest, errorCodesOf } from './request-info.js';

/** More root fields than this in one operation are labelled `multiple`. */
const MAX_LABELLED_FIELDS = 3;

/**
 * A subgraph operation's label: its root fields, sorted (`_entities` for the gateway's entity
 * fetches). The operation has been validated against the schema, so the names are the schema's.
 */
export function rootFieldsLabel(operation: OperationDefinitionNode): string {
  const names = new Set<string>();
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind === Kind.FIELD && selection.name.value !== '__typename') names.add(selection.name.value);
    else if (selection.kind !== Kind.FIELD) return 'multiple';
  }
  if (names.size === 0) return '__typename';
  return names.size > MAX_LABELLED_FIELDS ? 'multiple' : [...names].sort().join(',');
}

/** Notes the operation's label and its answer's error codes on the current request. */
export function requestTelemetryPlugin<Ctx extends BaseContext>(): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      if (!currentRequest()) return;
      return {
        async didResolveOperation({ operation }) {
          if (operation) annotateRequest({ operationType: operation.operation, operation: rootFieldsLabel(operation) });
        },
        async willSendResponse({ response }) {
          const info = currentRequest();
          if (info && response.body.kind === 'single') errorCodesOf(response.body.singleResult, info.codes);
        },
      };
    },
  };
}

export interface SubgraphTelemetry {
  registry: Registry;
  /** `/health/live`, `/health/ready`, `/health`, `/metrics`: none needs a signature. */
  routes: Record<string, Route>;
  unsignedPaths: string[];
  observer: RequestObserver;
}

export function createSubgraphTelemetry(name: SubgraphName, database: Database, relay?: Relay): SubgraphTelemetry {
  const registry = createRegistry({ subgraph: name });
  const requests = new Counter({
    name: 'credit_subgraph_requests_total',
    help: 'Requests this subgraph answered, by operation (root fields, or the route) and HTTP status',
    labelNames: ['operation', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'credit_subgraph_request_duration_seconds',
    help: 'Time to answer a request, by operation (root fields, or the route)',
    labelNames: ['operation'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'credit_subgraph_errors_total',
    help: 'Errors in answers, by extensions.code',
    labelNames: ['operation', 'code'],
    registers: [registry],
  });
  const redelivered = new Counter({
    name: 'credit_inbox_redelivered_events_total',
    help: 'Events delivered again that this subgraph had applied already (skipped by the inbox), by source subgraph',
    labelNames: ['source'],
    registers: [registry],
  });
  registerDatabaseMetrics(registry, database, name);
  if (relay) registerOutboxMetrics(registry, relay);

  const databaseAnswers = async () => (await within(2000, async () => (await database.db.execute(sql`select 1`), true))) === true;
  const routes: Record<string, Route> = {
    '/health/live': async () => ({ status: 200, body: { status: 'live', subgraph: name } }),
    '/health/ready': async () =>
      (await databaseAnswers())
        ? { status: 200, body: { status: 'ready', subgraph: name, database: 'ok' } }
        : { status: 503, body: { status: 'unavailable', subgraph: name, database: 'unavailable' } },
    // What the gateway's /health and the launcher poll: the database answers.
    '/health': async () =>
      (await databaseAnswers()) ? { status: 200, body: { status: 'ok', subgraph: name } } : { status: 503, body: { status: 'unavailable', subgraph: name } },
    '/metrics': metricsRoute(registry),
  };
  const observer: RequestObserver = {
    continueTrace: true,
    keepRequestId: true,
    attributes: { 'credit.subgraph': name },
    logFields: { subgraph: name },
    begin(req, info) {
      if (info.quiet || info.route === '/internal/events') return;
      // The caller the gateway vouches for in the signed headers (checked before anything runs).
      const caller = decodeCaller(req.headers);
      annotateRequest({ role: caller.principal.role, purpose: caller.purpose ?? undefined, department: caller.principal.department ?? undefined });
    },
    end(info, status, seconds) {
      if (info.quiet) return;
      const operation = info.route === '/graphql' || info.route === '/' ? (info.operation ?? 'other') : info.route;
      requests.inc({ operation, status: String(status) });
      latency.observe({ operation }, seconds);
      for (const code of info.codes) errors.inc({ operation, code });
      for (const [source, n] of info.redelivered) redelivered.inc({ source: (SUBGRAPH_NAMES as readonly string[]).includes(source) ? source : 'other' }, n);
    },
  };
  return { registry, routes, unsignedPaths: Object.keys(routes), observer };
}

/** The relay's deliveries and failures as they happen, its backlog at each scrape. */
function registerOutboxMetrics(registry: Registry, relay: Relay): void {
  const delivered = new Counter({
    name: 'credit_outbox_delivered_events_total',
    help: 'Outbox events acknowledged by their destination subgraph',
    labelNames: ['destination'],
    registers: [registry],
  });
  const failures = new Counter({
    name: 'credit_outbox_delivery_failures_total',
    help: 'Failed deliveries of an outbox batch (each is retried: a redelivery follows)',
    labelNames: ['destination'],
    registers: [registry],
  });
  relay.observer = {
    delivered: (destination, events) => delivered.inc({ destination }, events),
    failed: (destination) => failures.inc({ destination }),
  };
  // One query per scrape serves both gauges (a registry collects its metrics concurrently).
  let reading: ReturnType<typeof readOnce> | undefined;
  const readOnce = () => within(1000, () => relay.backlog());
  const readBacklog = () => {
    if (!reading) {
      reading = readOnce();
      void reading.then(() => setTimeout(() => (reading = undefined), 100).unref());
    }
    return reading;
  };
  new Gauge({
    name: 'credit_outbox_pending_events',
    help: 'Outbox events not yet acknowledged, by destination',
    labelNames: ['destination'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of (await readBacklog()) ?? []) this.set({ destination: row.destination }, row.pending);
    },
  });
  new Gauge({
    name: 'credit_outbox_lag_seconds',
    help: 'Age of the oldest unacknowledged outbox event, by destination (0 when none is pending)',
    labelNames: ['destination'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of (await readBacklog()) ?? []) this.set({ destination: row.destination }, row.oldestSeconds);
    },
  });
}
