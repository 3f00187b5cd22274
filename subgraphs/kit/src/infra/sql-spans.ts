/**
 * SQL spans for both drivers (PGlite and postgres.js): neither has an OpenTelemetry
 * instrumentation, and drizzle's own tracer is compiled out. Every statement drizzle sends goes
 * through `PgPreparedQuery.queryWithCache`, transactions included, so one wrapper there covers
 * them all. Installed only while tracing is on (tracing.ts), and a statement gets a span only
 * inside a traced request: the relay's polling stays out of the traces.
 *
 * A span names the statement's verb and first table (`SELECT identity.persons`), never its text
 * or parameters.
 */
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { PgPreparedQuery } from 'drizzle-orm/pg-core';
import { loggableError } from './logger.js';

type QueryWithCache = (this: unknown, queryString: string, params: unknown[], query: () => Promise<unknown>) => Promise<unknown>;

const VERB = /^\s*(select|insert|update|delete|with|begin|commit|rollback|savepoint|release|set|create|alter|drop|lock)\b/i;
const TABLE = /\b(?:from|into|update|join)\s+((?:"[\w$]+"|[\w$]+)(?:\.(?:"[\w$]+"|[\w$]+))?)/i;

/** `SELECT`, and the first table the statement names (identifiers only: the schema bounds them). */
export function statementSummary(queryString: string): { verb: string; table?: string } {
  const verb = VERB.exec(queryString)?.[1]?.toUpperCase() ?? 'SQL';
  const table = TABLE.exec(queryString)?.[1]?.replaceAll('"', '');
  return table ? { verb, table } : { verb };
}

/** Wraps drizzle's query path in spans; returns the undo. */
export function instrumentSql(): () => void {
  const proto = PgPreparedQuery.prototype as unknown as { queryWithCache: QueryWithCache };
  const original = proto.queryWithCache;
  if (typeof original !== 'function') throw new Error('drizzle-orm has no PgPreparedQuery.queryWithCache: SQL spans need updating');
  const tracer = trace.getTracer('credit-graph');
  proto.queryWithCache = function (queryString, params, query) {
    const parent = context.active();
    if (!trace.getSpan(parent)) return original.call(this, queryString, params, query);
    const { verb, table } = statementSummary(queryString);
    const span = tracer.startSpan(
      table ? `${verb} ${table}` : verb,
      {
        kind: SpanKind.CLIENT,
        attributes: { 'db.system.name': 'postgresql', 'db.operation.name': verb, ...(table ? { 'db.collection.name': table } : {}) },
      },
      parent,
    );
    return context.with(trace.setSpan(parent, span), () => original.call(this, queryString, params, query)).then(
      (result) => {
        span.end();
        return result;
      },
      (error: unknown) => {
        // The SQLSTATE only: a driver's message quotes the statement's parameters.
        span.setAttribute('error.type', loggableError(error).code ?? 'error');
        span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
        throw error;
      },
    );
  };
  return () => {
    proto.queryWithCache = original;
  };
}
