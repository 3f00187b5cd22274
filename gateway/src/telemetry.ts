/**
 * The gateway's operations side (issue 14): its metrics, its request observer (each request
 * starts a trace, one access-log line, the request metrics), the subgraph fetches as client spans
 * carrying `traceparent`, the query log's append latency and failures, and readiness as gauges.
 *
 * Labels: trusted documents' operation names or `other`, roles, purposes, error codes, privacy
 * levels and decisions, subgraph names, HTTP statuses: bounded sets, nothing a client typed.
 */
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import {
  countInRequest,
  Counter,
  createRegistry,
  currentRequest,
  FAST_BUCKETS,
  Gauge,
  Histogram,
  inClientSpan,
  LATENCY_BUCKETS,
  registerDatabaseMetrics,
  REQUEST_ID_HEADER,
  secondsSince,
  type Database,
  type Registry,
  type RequestObserver,
} from '@credit/kit';
import { DECISIONS, PRIVACY_LEVELS } from '@credit/schema';
import { AuditWriteError, type AuditLog } from './audit/log.js';
import type { Readiness } from './health.js';
import { OTHER_OPERATION } from './operation-labels.js';
import type { FieldLog } from './privacy/enforce.js';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/** Counts the field coordinates of each level and decision in the current request (its metrics). */
export function notePrivacyDecisions(fields: FieldLog): void {
  for (const [level, decisions] of Object.entries(fields)) {
    for (const [decision, coordinates] of Object.entries(decisions ?? {})) countInRequest('decisions', `${level}:${decision}`, coordinates?.size ?? 0);
  }
}

const DEPARTMENT = /^[\w.-]{1,64}$/;
/** A token's department claim as a span attribute: an identifier of an office, else `other`. */
export const boundedDepartment = (department: string | undefined): string | undefined =>
  department === undefined ? undefined : DEPARTMENT.test(department) ? department : 'other';

const STORE_CODE = /^[A-Z0-9_]{1,32}$/;

export interface GatewayTelemetry {
  registry: Registry;
  observer: RequestObserver;
  /** Wraps the transport: one client span (with `traceparent`) and the metrics per subgraph fetch. */
  subgraphFetcher(base: Fetcher, urls: Record<string, string>): Fetcher;
  /** Wraps the query log: append latency and failures. */
  auditLog(log: AuditLog): AuditLog;
  /** The entity cache's counters (cache/): hits and misses per subgraph, evictions, invalidated entries. */
  entityCache: EntityCacheMetrics;
}

export interface EntityCacheMetrics {
  hits(subgraph: string, n: number): void;
  misses(subgraph: string, n: number): void;
  evicted(n: number): void;
  invalidated(n: number): void;
}

export function createGatewayTelemetry(options: { auditDatabase: Database; readiness: () => Promise<Readiness> }): GatewayTelemetry {
  const registry = createRegistry();
  const requests = new Counter({
    name: 'credit_gateway_requests_total',
    help: 'Requests the gateway answered, by operation (a trusted document, other, or the route), role, purpose and HTTP status',
    labelNames: ['operation', 'role', 'purpose', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'credit_gateway_request_duration_seconds',
    help: 'Time to answer a request, query-log commit included, by operation',
    labelNames: ['operation'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'credit_gateway_errors_total',
    help: 'Errors in answers, by operation and extensions.code',
    labelNames: ['operation', 'code'],
    registers: [registry],
  });
  const decisions = new Counter({
    name: 'credit_gateway_privacy_decisions_total',
    help: 'PERSONAL and SENSITIVE field occurrences decided, by level and decision (ALLOW, MASK, DENY)',
    labelNames: ['level', 'decision'],
    registers: [registry],
  });
  const fetches = new Counter({
    name: 'credit_gateway_subgraph_requests_total',
    help: 'Requests to subgraphs, by subgraph, operation and HTTP status (error: no answer)',
    labelNames: ['subgraph', 'operation', 'status'],
    registers: [registry],
  });
  const fetchLatency = new Histogram({
    name: 'credit_gateway_subgraph_request_duration_seconds',
    help: 'Time for a subgraph to answer, by subgraph and operation',
    labelNames: ['subgraph', 'operation'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const appendLatency = new Histogram({
    name: 'credit_gateway_query_log_append_duration_seconds',
    help: 'Time to commit a query-log entry (group commit included), by outcome',
    labelNames: ['outcome'],
    buckets: FAST_BUCKETS,
    registers: [registry],
  });
  const appendFailures = new Counter({
    name: 'credit_gateway_query_log_append_failures_total',
    help: 'Query-log entries not committed (the answer was withheld), by SQLSTATE or errno',
    labelNames: ['code'],
    registers: [registry],
  });
  registerDatabaseMetrics(registry, options.auditDatabase, 'gateway');
  const cacheLookups = new Counter({
    name: 'credit_gateway_entity_cache_lookups_total',
    help: 'Entities the gateway looked up in its entity cache, by subgraph and result (hit, miss)',
    labelNames: ['subgraph', 'result'],
    registers: [registry],
  });
  const cacheEvictions = new Counter({
    name: 'credit_gateway_entity_cache_evictions_total',
    help: 'Entity cache entries evicted for room (in memory; on Redis its own policy evicts)',
    registers: [registry],
  });
  const cacheInvalidations = new Counter({
    name: 'credit_gateway_entity_cache_invalidations_total',
    help: "Entity cache entries dropped by the departments' events and by writes through the gateway",
    registers: [registry],
  });

  // One readiness check per scrape serves the three gauges: a registry calls every collect() in one
  // synchronous pass, so sharing the check while it runs is enough. Keeping its result any longer
  // would report a department that just went down as up on the next scrape.
  let reading: Promise<Readiness> | undefined;
  const readiness = () => {
    if (!reading) {
      const current = options.readiness();
      reading = current;
      void current.finally(() => {
        if (reading === current) reading = undefined;
      }).catch(() => undefined);
    }
    return reading;
  };
  new Gauge({
    name: 'credit_gateway_subgraph_up',
    help: "1 when the department's subgraph answers its /health/ready, else 0 (the gateway stays ready)",
    labelNames: ['subgraph'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [subgraph, status] of Object.entries((await readiness()).departments)) this.set({ subgraph }, status === 'ok' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'credit_gateway_query_log_up',
    help: '1 when the query-log database answers select 1 (personal answers are withheld otherwise)',
    registers: [registry],
    async collect() {
      this.set((await readiness()).queryLog === 'ok' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'credit_gateway_ready',
    help: '1 when /health/ready answers 200: the query log answers and a supergraph is loaded',
    registers: [registry],
    async collect() {
      this.set((await readiness()).ready ? 1 : 0);
    },
  });

  const levels = new Set<string>(PRIVACY_LEVELS);
  const verdicts = new Set<string>(DECISIONS);
  const observer: RequestObserver = {
    continueTrace: false,
    keepRequestId: false,
    end(info, status, seconds) {
      if (info.quiet) return;
      const graphql = info.route === '/graphql' || (info.route === '/' && info.method !== 'GET');
      const operation = graphql ? (info.operation ?? OTHER_OPERATION) : info.route;
      requests.inc({ operation, role: info.role ?? 'none', purpose: info.purpose ?? 'none', status: String(status) });
      latency.observe({ operation }, seconds);
      for (const code of info.codes) errors.inc({ operation, code });
      for (const [key, n] of info.decisions) {
        const [level = '', decision = ''] = key.split(':');
        if (levels.has(level) && verdicts.has(decision)) decisions.inc({ level, decision }, n);
      }
    },
  };

  return {
    registry,
    observer,
    entityCache: {
      hits: (subgraph, n) => n && cacheLookups.inc({ subgraph, result: 'hit' }, n),
      misses: (subgraph, n) => n && cacheLookups.inc({ subgraph, result: 'miss' }, n),
      evicted: (n) => cacheEvictions.inc(n),
      invalidated: (n) => n && cacheInvalidations.inc(n),
    },
    subgraphFetcher(base, urls) {
      const byUrl = new Map(Object.entries(urls).map(([name, url]) => [new URL('/graphql', url).toString(), name]));
      return (url, init = {}) => {
        const subgraph = byUrl.get(url) ?? 'other';
        const info = currentRequest();
        const operation = info?.operation ?? OTHER_OPERATION;
        const started = performance.now();
        return inClientSpan(`POST ${subgraph}`, { 'credit.subgraph': subgraph, 'graphql.operation.name': operation, 'http.request.method': 'POST' }, async (traceHeaders, span) => {
          // Neither header is signed (fetcher.ts signs the caller headers and the body): the subgraph needs neither.
          const headers = { ...init.headers, ...traceHeaders, ...(info ? { [REQUEST_ID_HEADER]: info.id } : {}) };
          try {
            const response = await base(url, { ...init, headers });
            span?.setAttribute('http.response.status_code', response.status);
            fetches.inc({ subgraph, operation, status: String(response.status) });
            return response;
          } catch (error) {
            fetches.inc({ subgraph, operation, status: 'error' });
            throw error;
          } finally {
            fetchLatency.observe({ subgraph, operation }, secondsSince(started));
          }
        });
      };
    },
    auditLog(log) {
      return {
        append: async (entry) => {
          const started = performance.now();
          try {
            const appended = await log.append(entry);
            appendLatency.observe({ outcome: 'committed' }, secondsSince(started));
            return appended;
          } catch (error) {
            appendLatency.observe({ outcome: 'failed' }, secondsSince(started));
            const code = error instanceof AuditWriteError ? error.code : undefined;
            appendFailures.inc({ code: code === undefined ? 'unknown' : STORE_CODE.test(code) ? code : 'OTHER' });
            throw error;
          }
        },
      };
    },
  };
}

