/**
 * Operating the system (issue 14, points 1-3): one request's whole trace (gateway → subgraphs →
 * SQL) through an in-memory exporter, the metric families after a unified view, the access log,
 * and health that tells the truth (a department down is reported, the query log down is not
 * ready). Nothing personal in spans, labels or log lines.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AuthConfig } from '@credit/gateway/auth';
import { signDevToken } from '@credit/gateway/dev-token';
import { startGateway } from '@credit/gateway/server';
import { documentId, TRUSTED_DOCUMENTS_DIR } from '@credit/gateway/trusted-documents';
import { logger, setupTracing, SUBGRAPH_NAMES, syntheticSlice, type DatasetOptions, type SubgraphName, type Tracing } from '@credit/kit';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSystem, type System } from './harness.js';

const DATASET: DatasetOptions = { persons: 12, seed: 14 };
const PERSON_LOOKUP = readFileSync(`${TRUSTED_DOCUMENTS_DIR}/person-lookup.graphql`, 'utf8');
const TRUSTED_NAMES = ['PublicDisclosures', 'PersonLookup', 'Statistics', 'UnifiedViewPage'];
/** The departments the trusted PersonLookup reads (its trace, log lines and subgraph requests); the registry may list more. */
const LOOKUP_DEPARTMENTS: readonly SubgraphName[] = ['identity', 'records', 'disputes', 'incentives'];

const exporter = new InMemorySpanExporter();
let tracing: Tracing | undefined;
let system: System;
let token: string;
/** A person with records in every department's share of the data set. */
const slice = Array.from({ length: DATASET.persons }, (_, i) => syntheticSlice(DATASET, i)).find((s) => s.records.length > 0)!;
const person = slice.person;
/** What must never leave in a span, a label or a log line. */
const personal = () => [person.id, person.name, person.citizenIdNumber, token];

beforeAll(async () => {
  // Before any server starts, as the processes' instrument modules do.
  tracing = await setupTracing({ serviceName: 'credit-test', exporter });
  system = await startSystem({ dataset: DATASET });
  token = await system.token({ role: 'CREDIT_OFFICE', sub: 'ops-test', department: 'credit-office' });
});
afterAll(async () => {
  await system?.close();
  await tracing?.shutdown();
});

async function unifiedView(gatewayUrl = system.gateway.url, bearer = token) {
  const response = await fetch(`${gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, 'x-purpose': 'OBJECTION_REVIEW' },
    body: JSON.stringify({ documentId: documentId(PERSON_LOOKUP), variables: { id: person.id } }),
  });
  return { status: response.status, requestId: response.headers.get('x-request-id'), body: (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] } };
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

async function scrape(url: string) {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  const text = await response.text();
  const samples = parseMetrics(text);
  return {
    text,
    samples,
    families: new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!)),
    find: (name: string, labels: Record<string, string> = {}) =>
      samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)),
  };
}

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a trace per request', () => {
  it('links the gateway span, a request span per subgraph and their SQL spans in one trace, with nothing personal', async () => {
    expect(tracing).toBeDefined();
    exporter.reset();
    const { status, body } = await unifiedView();
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.person).toMatchObject({ id: person.id, name: person.name });

    const isGateway = (s: ReadableSpan) => s.kind === SpanKind.SERVER && s.attributes['graphql.operation.name'] === 'PersonLookup' && !s.attributes['credit.subgraph'];
    // The server span ends when the response has closed, a moment after the client has it.
    const root = await waitFor(() => exporter.getFinishedSpans().find(isGateway), 'the gateway span');
    expect(root.parentSpanContext).toBeUndefined();
    expect(root.name).toBe('query PersonLookup');
    expect(root.attributes).toMatchObject({
      'graphql.operation.type': 'query',
      'credit.role': 'CREDIT_OFFICE',
      'credit.purpose': 'OBJECTION_REVIEW',
      'credit.department': 'credit-office',
      'http.response.status_code': 200,
    });
    const traceId = root.spanContext().traceId;
    const trace = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    const byId = new Map(trace.map((s) => [s.spanContext().spanId, s]));
    const descendsFrom = (span: ReadableSpan, ancestor: ReadableSpan) => {
      for (let s: ReadableSpan | undefined = span; s; s = s.parentSpanContext && byId.get(s.parentSpanContext.spanId)) {
        if (s === ancestor) return true;
      }
      return false;
    };
    // Every span of the trace hangs off the gateway's: nothing is orphaned.
    for (const span of trace) expect(descendsFrom(span, root), span.name).toBe(true);

    const subgraphSpans = trace.filter((s) => s.kind === SpanKind.SERVER && s.attributes['credit.subgraph']);
    expect(new Set(subgraphSpans.map((s) => s.attributes['credit.subgraph']))).toEqual(new Set(LOOKUP_DEPARTMENTS));
    for (const span of subgraphSpans) {
      // The parent is the gateway's client span for that subgraph: it crossed the signed hop as traceparent.
      const parent = byId.get(span.parentSpanContext!.spanId)!;
      expect(parent.kind).toBe(SpanKind.CLIENT);
      expect(parent.attributes).toMatchObject({ 'credit.subgraph': span.attributes['credit.subgraph'], 'graphql.operation.name': 'PersonLookup' });
      expect(span.attributes).toMatchObject({ 'credit.role': 'CREDIT_OFFICE', 'credit.purpose': 'OBJECTION_REVIEW', 'http.route': '/graphql' });
      expect(String(span.attributes['graphql.operation.name'])).toMatch(/^(_entities|person|[\w,]+)$/);
    }
    const sqlSpans = trace.filter((s) => s.attributes['db.system.name'] === 'postgresql');
    const subgraphOf = (span: ReadableSpan) => subgraphSpans.find((s) => descendsFrom(span, s))?.attributes['credit.subgraph'];
    // SQL under the subgraphs that read their tables for this view, and the query log's own append under the gateway.
    expect(new Set(sqlSpans.map(subgraphOf))).toEqual(new Set([...LOOKUP_DEPARTMENTS, undefined]));
    expect(sqlSpans.some((s) => !subgraphOf(s) && s.attributes['db.collection.name'] === 'gateway.audit_log')).toBe(true);

    const exported = JSON.stringify(trace.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status })));
    for (const value of personal()) expect(exported).not.toContain(value);
  });
});

describe('metrics after a unified view', () => {
  it('shows the gateway families with bounded labels only', async () => {
    expect((await unifiedView()).status).toBe(200);
    // An error with a code, from an operation no trusted document names.
    await fetch(`${system.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'OBJECTION_REVIEW' },
      body: JSON.stringify({ documentId: documentId('{ measures { code } }') }),
    });
    const metrics = await scrape(system.gateway.url);
    for (const family of [
      'credit_gateway_requests_total',
      'credit_gateway_request_duration_seconds',
      'credit_gateway_errors_total',
      'credit_gateway_privacy_decisions_total',
      'credit_gateway_subgraph_requests_total',
      'credit_gateway_subgraph_request_duration_seconds',
      'credit_gateway_query_log_append_duration_seconds',
      'credit_gateway_query_log_append_failures_total',
      'credit_gateway_subgraph_up',
      'credit_gateway_query_log_up',
      'credit_gateway_ready',
      'credit_db_statements_total',
      'process_cpu_user_seconds_total',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(metrics.families, family).toContain(family);
    }
    const view = { operation: 'PersonLookup', role: 'CREDIT_OFFICE', purpose: 'OBJECTION_REVIEW', status: '200' };
    expect(metrics.find('credit_gateway_requests_total', view)[0]?.value).toBeGreaterThanOrEqual(2);
    expect(metrics.find('credit_gateway_request_duration_seconds_count', { operation: 'PersonLookup' })[0]?.value).toBeGreaterThanOrEqual(2);
    for (const subgraph of LOOKUP_DEPARTMENTS) {
      expect(metrics.find('credit_gateway_subgraph_requests_total', { subgraph, operation: 'PersonLookup', status: '200' })[0]?.value, subgraph).toBeGreaterThanOrEqual(2);
      expect(metrics.find('credit_gateway_subgraph_up', { subgraph })[0]?.value).toBe(1);
    }
    expect(metrics.find('credit_gateway_errors_total', { operation: 'other', code: 'PERSISTED_QUERY_NOT_FOUND' })[0]?.value).toBe(1);
    expect(metrics.find('credit_gateway_privacy_decisions_total', { level: 'SENSITIVE' }).length).toBeGreaterThan(0);
    expect(metrics.find('credit_gateway_privacy_decisions_total', { level: 'PERSONAL', decision: 'ALLOW' })[0]?.value).toBeGreaterThan(0);
    expect(metrics.find('credit_gateway_query_log_append_duration_seconds_count', { outcome: 'committed' })[0]?.value).toBeGreaterThanOrEqual(2);
    expect(metrics.find('credit_gateway_query_log_up')[0]?.value).toBe(1);
    expect(metrics.find('credit_gateway_ready')[0]?.value).toBe(1);
    if (process.env.DATABASE_URL) expect(metrics.families).toContain('credit_db_connections');

    // Bounded labels: operations are trusted documents' names, `other` or routes; nothing personal anywhere.
    for (const sample of metrics.samples.filter((s) => s.labels.operation !== undefined)) {
      // /internal/events: the departments' applied-event notices for the entity cache.
      expect([...TRUSTED_NAMES, 'other', 'batch', 'static', '/auth/config', '/auth/dev-token', '/internal/events']).toContain(sample.labels.operation);
    }
    for (const value of personal()) expect(metrics.text).not.toContain(value);
  });

  it('shows each subgraph its requests, errors, outbox and database, unsigned', async () => {
    for (const name of LOOKUP_DEPARTMENTS) {
      const metrics = await scrape(system.subgraphs[name].url);
      for (const family of ['credit_subgraph_requests_total', 'credit_subgraph_request_duration_seconds', 'credit_subgraph_errors_total', 'credit_db_statements_total']) {
        expect(metrics.families, `${name} ${family}`).toContain(family);
      }
      const graphql = metrics.find('credit_subgraph_requests_total', { subgraph: name, status: '200' });
      expect(graphql.length, name).toBeGreaterThan(0);
      // Operations are the schema's root fields (or routes): the gateway's generated operation names never appear.
      for (const sample of metrics.samples.filter((s) => s.labels.operation !== undefined)) expect(sample.labels.operation).toMatch(/^(\/[\w/]+|[_a-zA-Z][\w,]*)$/);
      expect(metrics.text).not.toContain('PersonLookup__');
      for (const value of personal()) expect(metrics.text).not.toContain(value);
    }
    // The departments that emit or receive events report their relay and inbox.
    const records = await scrape(system.subgraphs.records.url);
    for (const family of ['credit_outbox_pending_events', 'credit_outbox_lag_seconds', 'credit_outbox_delivered_events_total', 'credit_outbox_delivery_failures_total', 'credit_inbox_redelivered_events_total']) {
      expect(records.families, family).toContain(family);
    }
    expect(records.find('credit_outbox_delivered_events_total').reduce((sum, s) => sum + s.value, 0)).toBeGreaterThan(0);
  });
});

describe('the access log', () => {
  it('writes one line per request with ids and codes only', async () => {
    const level = logger.level;
    logger.level = 'info';
    const info = vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    try {
      const { requestId } = await unifiedView();
      const lines = await waitFor(() => {
        const found = info.mock.calls.filter(([fields, message]) => message === 'request' && (fields as { requestId?: string }).requestId === requestId);
        // The gateway's line and one per subgraph request (which keep the gateway's request id).
        return found.length > LOOKUP_DEPARTMENTS.length ? found.map(([fields]) => fields as Record<string, unknown>) : undefined;
      }, 'the access-log lines');
      const gateway = lines.find((l) => l.subgraph === undefined)!;
      expect(gateway).toMatchObject({ requestId, method: 'POST', route: '/graphql', status: 200, operation: 'PersonLookup', role: 'CREDIT_OFFICE', purpose: 'OBJECTION_REVIEW' });
      expect(typeof gateway.ms).toBe('number');
      expect(gateway.traceId).toMatch(/^[0-9a-f]{32}$/);
      const fields = Object.keys(gateway).filter((key) => gateway[key] !== undefined);
      expect(fields.sort()).toEqual(['method', 'ms', 'operation', 'purpose', 'requestId', 'role', 'route', 'status', 'traceId'].sort());
      expect(new Set(lines.map((l) => l.subgraph).filter(Boolean))).toEqual(new Set(LOOKUP_DEPARTMENTS));
      const written = JSON.stringify(info.mock.calls);
      for (const value of personal()) expect(written).not.toContain(value);
      expect(written).not.toContain('Bearer');
    } finally {
      info.mockRestore();
      logger.level = level;
    }
  });
});

describe('health', () => {
  it('answers live and ready on the gateway and on each subgraph, unsigned', async () => {
    expect(await (await fetch(`${system.gateway.url}/health/live`)).json()).toEqual({ status: 'live' });
    const ready = await fetch(`${system.gateway.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      queryLog: 'ok',
      supergraph: 'loaded',
      departments: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 'ok'])),
    });
    for (const name of SUBGRAPH_NAMES) {
      for (const path of ['/health/live', '/health/ready', '/health']) {
        expect((await fetch(`${system.subgraphs[name].url}${path}`)).status, `${name}${path}`).toBe(200);
      }
    }
  });

  it('stays ready with a department down, reporting it in the body and in a metric', async () => {
    await system.stop('incentives');
    const ready = await fetch(`${system.gateway.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'degraded',
      queryLog: 'ok',
      departments: { incentives: 'unreachable', identity: 'ok', records: 'ok', disputes: 'ok' },
      departmentsDown: ['incentives'],
    });
    const metrics = await scrape(system.gateway.url);
    expect(metrics.find('credit_gateway_subgraph_up', { subgraph: 'incentives' })[0]?.value).toBe(0);
    expect(metrics.find('credit_gateway_subgraph_up', { subgraph: 'identity' })[0]?.value).toBe(1);
    expect(metrics.find('credit_gateway_ready')[0]?.value).toBe(1);
    // The old deep check still says that not everything answers.
    expect((await fetch(`${system.gateway.url}/health`)).status).toBe(503);
    // The other departments still answer: a person's identity without the incentives' fields.
    const view = await unifiedView();
    expect(view.status).toBe(200);
    expect(view.body.data?.person).toMatchObject({ id: person.id, name: person.name, integrityScore: null, eligibility: null, onSeriousDishonestyList: null });
    // The error names the department whose fields are null, not the transport's failure and the address it tried.
    const unavailable = (view.body.errors ?? []).filter((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE');
    expect(unavailable.length).toBeGreaterThan(0);
    expect(unavailable.map((e) => (e.extensions as { serviceName?: string }).serviceName)).toEqual(unavailable.map(() => 'incentives'));
    expect(JSON.stringify(view.body.errors)).not.toMatch(/INTERNAL_SERVER_ERROR|ECONNREFUSED|127\.0\.0\.1/);
  });

  it('is not ready, and withholds personal answers, when its query-log database is down', async () => {
    const auth = { issuer: 'credit-graph-test', audience: 'credit-graph', key: { kind: 'secret', secret: randomBytes(32), source: 'JWT_SECRET' } } satisfies AuthConfig;
    const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, system.subgraphs[name].url])) as Record<SubgraphName, string>;
    // A gateway on its own query-log database (PGlite in either CI variant), which is then closed.
    const gateway = await startGateway({ subgraphUrls, signingKey: system.signingKey, auth, auditLocation: 'pglite:memory', clock: system.clock });
    try {
      expect((await fetch(`${gateway.url}/health/ready`)).status).toBe(200);
      await gateway.auditDatabase.close();
      const ready = await fetch(`${gateway.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'unavailable', queryLog: 'unavailable', supergraph: 'loaded' });
      expect((await fetch(`${gateway.url}/health/live`)).status).toBe(200);
      const staff = await signDevToken(auth, { role: 'CREDIT_OFFICE', sub: 'ops-test', department: 'credit-office', ttl: '10m' });
      const view = await unifiedView(gateway.url, staff);
      expect(view.body.errors?.[0]?.extensions?.code).toBe('AUDIT_UNAVAILABLE');
      const metrics = await scrape(gateway.url);
      expect(metrics.find('credit_gateway_query_log_up')[0]?.value).toBe(0);
      expect(metrics.find('credit_gateway_ready')[0]?.value).toBe(0);
      expect(metrics.find('credit_gateway_query_log_append_failures_total').reduce((sum, s) => sum + s.value, 0)).toBe(1);
      expect(metrics.find('credit_gateway_errors_total', { operation: 'PersonLookup', code: 'AUDIT_UNAVAILABLE' })[0]?.value).toBe(1);
    } finally {
      // Its database is closed already; closing it again fails after the listener has stopped.
      await gateway.close().catch(() => undefined);
    }
  });
});
