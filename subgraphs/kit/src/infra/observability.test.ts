import { CALLER_HEADERS } from '@credit/schema';
import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { sql } from 'drizzle-orm';
import { parse, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './db.js';
import { boundedCode, errorCodesOf } from './request-info.js';
import { headerLookup, SignatureVerifier, signRequest } from './signing.js';
import { generateSigningKey } from './signing-key.js';
import { statementSummary } from './sql-spans.js';
import { rootFieldsLabel } from './subgraph-telemetry.js';
import { setupTracing, tracer, tracingRequested, type Tracing } from './tracing.js';

const operation = (text: string) => parse(text).definitions[0] as OperationDefinitionNode;

describe('labels', () => {
  it('names a subgraph operation by its root fields, sorted, never by its name or arguments', () => {
    expect(rootFieldsLabel(operation('query PersonLookup__identity__0($r: [_Any!]!) { _entities(representations: $r) { __typename } }'))).toBe('_entities');
    expect(rootFieldsLabel(operation('{ b: person(id: "11010519491231002X") { id } a: creditRecord(id: "x") { id } }'))).toBe('creditRecord,person');
    expect(rootFieldsLabel(operation('{ a b c d }'))).toBe('multiple');
    expect(rootFieldsLabel(operation('{ ... on Query { a } }'))).toBe('multiple');
  });

  it('keeps error codes that are codes, and nothing else', () => {
    expect(boundedCode('FORBIDDEN_FIELD')).toBe('FORBIDDEN_FIELD');
    expect(boundedCode('张三 11010519491231002X')).toBe('OTHER');
    expect(boundedCode(undefined)).toBe('OTHER');
    expect([...errorCodesOf([{ errors: [{ extensions: { code: 'A' } }] }, { errors: [{ message: 'no code' }] }])]).toEqual(['A', 'OTHER']);
  });

  it('summarises a statement as its verb and first table, without its text', () => {
    expect(statementSummary('select "id", "name" from "identity"."persons" where "persons"."id" = $1')).toEqual({ verb: 'SELECT', table: 'identity.persons' });
    expect(statementSummary('insert into "gateway"."audit_log" (seq) values ($1)')).toEqual({ verb: 'INSERT', table: 'gateway.audit_log' });
    expect(statementSummary('select 1')).toEqual({ verb: 'SELECT' });
  });
});

describe('traceparent across a signed hop', () => {
  it('verifies a signed request whatever trace headers were added after signing', () => {
    const key = generateSigningKey();
    const caller = { [CALLER_HEADERS.principal]: 'eyJzdWIiOiJhIn0', [CALLER_HEADERS.purpose]: 'AUDIT' };
    const parts = (headers: Record<string, string>) => ({ method: 'POST', path: '/graphql', header: headerLookup(headers), body: '{"query":"{ a }"}' });
    const signature = signRequest(key, parts(caller));
    const withTrace = { ...caller, traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', 'x-request-id': '8f0e2c4e-3a0b-4c55-9a65-1d2f3e4a5b6c' };
    expect(new SignatureVerifier(key).verify(signature, parts(withTrace))).toEqual({ ok: true });
  });
});

describe('tracing', () => {
  it('stays off, loading nothing, unless an OTLP endpoint is set', async () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).toBe(false);
    expect(await setupTracing({ serviceName: 'test', env: {} })).toBeUndefined();
  });

  describe('with an in-memory exporter', () => {
    const exporter = new InMemorySpanExporter();
    let tracing: Tracing;
    let database: Database;
    beforeAll(async () => {
      tracing = (await setupTracing({ serviceName: 'test', exporter }))!;
      database = await openDatabase({ name: 'test', location: 'pglite:memory' });
    });
    afterAll(async () => {
      await database?.close();
      await tracing?.shutdown();
    });

    it('exports only allow-listed attributes, no events and no status message', async () => {
      exporter.reset();
      const span = tracer.startSpan('query PersonLookup', { attributes: { 'graphql.operation.name': 'PersonLookup', 'credit.role': 'CREDIT_OFFICE', 'graphql.document': '{ person(id: "p-1") { name } }', 'person.id': 'p-1' } });
      span.addEvent('exception', { 'exception.message': 'no such person p-1' });
      span.setStatus({ code: 2, message: 'person p-1' });
      span.end();
      const library = trace.getTracer('@apollo/gateway').startSpan('gateway.request', { attributes: { 'graphql.operation.name': 'Lookup_p-1', 'graphql.operation.type': 'query' } });
      library.end();
      await tracing.flush();
      const [ours, theirs] = exporter.getFinishedSpans();
      expect(ours!.attributes).toEqual({ 'graphql.operation.name': 'PersonLookup', 'credit.role': 'CREDIT_OFFICE' });
      expect(ours!.events).toEqual([]);
      expect(ours!.status).toEqual({ code: 2 });
      expect(theirs!.attributes).toEqual({ 'graphql.operation.type': 'query' });
      expect(JSON.stringify(exporter.getFinishedSpans().map((s) => [s.name, s.attributes, s.events, s.status]))).not.toContain('p-1');
    });

    it('makes a SQL span under the active span, with the verb and table but not the statement', async () => {
      exporter.reset();
      await database.db.execute(sql`select 1`);
      expect(exporter.getFinishedSpans()).toEqual([]);
      const parent = tracer.startSpan('request');
      // Awaited inside: drizzle's queries are lazy and run in the context that awaits them.
      await context.with(trace.setSpan(context.active(), parent), async () => {
        await database.db.execute(sql`select ${'11010519491231002X'}::text as id`);
      });
      parent.end();
      const [statement] = exporter.getFinishedSpans();
      expect(statement!.name).toBe('SELECT');
      expect(statement!.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
      expect(statement!.attributes).toEqual({ 'db.system.name': 'postgresql', 'db.operation.name': 'SELECT' });
      expect(JSON.stringify(statement!.attributes)).not.toContain('11010519491231002X');
    });
  });
});
