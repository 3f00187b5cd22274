/**
 * OpenTelemetry traces (issue 14): gateway → subgraph → SQL in one trace, W3C `traceparent` across
 * the signed hops, exported over OTLP http/protobuf when `OTEL_EXPORTER_OTLP_ENDPOINT` (or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set. Off otherwise: the SDK is never imported, the
 * servers make no spans and inject no headers, and the API's calls are no-ops.
 *
 * Spans carry operation name (a trusted document's, else `other`), role, purpose, department and
 * subgraph, never personal data: every span passes an allow-list of attributes on its way out
 * (an instrumented library's operation name as the client sent it, a query text or a URL with
 * its query string are dropped), its events are dropped and its status keeps no message.
 */
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span, type TextMapGetter } from '@opentelemetry/api';
import type { ReadableSpan, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { IncomingHttpHeaders } from 'node:http';
import { loggableError, logger } from './logger.js';
import { instrumentSql } from './sql-spans.js';

export const TRACER_NAME = 'credit-graph';
export const tracer = trace.getTracer(TRACER_NAME);

let enabled = false;
/** Whether this process exports traces (its servers then make spans). */
export const tracingEnabled = (): boolean => enabled;

/** What our own spans may carry. */
const OWN_ATTRIBUTES = new Set([
  'graphql.operation.name',
  'graphql.operation.type',
  'credit.role',
  'credit.purpose',
  'credit.department',
  'credit.subgraph',
  'credit.request_id',
  'credit.error_codes',
  'http.request.method',
  'http.route',
  'http.response.status_code',
  'db.system.name',
  'db.operation.name',
  'db.collection.name',
  'error.type',
]);
/** What other libraries' spans may carry (@apollo/gateway's: plan, fetch, post-processing). */
const LIBRARY_ATTRIBUTES = new Set(['graphql.operation.type', 'service']);

/** The span as it may leave the process: allow-listed attributes, no events, no status message. */
function sanitized(span: ReadableSpan): ReadableSpan {
  const allowed = span.instrumentationScope.name === TRACER_NAME ? OWN_ATTRIBUTES : LIBRARY_ATTRIBUTES;
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(span.attributes)) if (allowed.has(key)) attributes[key] = value;
  return Object.create(span, {
    attributes: { value: attributes, enumerable: true },
    events: { value: [], enumerable: true },
    status: { value: { code: span.status.code }, enumerable: true },
  }) as ReadableSpan;
}

class SanitizingProcessor implements SpanProcessor {
  constructor(private readonly next: SpanProcessor) {}
  onStart(span: Parameters<SpanProcessor['onStart']>[0], parent: Context): void {
    this.next.onStart(span, parent);
  }
  onEnd(span: ReadableSpan): void {
    this.next.onEnd(sanitized(span));
  }
  forceFlush(): Promise<void> {
    return this.next.forceFlush();
  }
  shutdown(): Promise<void> {
    return this.next.shutdown();
  }
}

export interface TracingOptions {
  /** `service.name` of the spans (`OTEL_SERVICE_NAME` wins). */
  serviceName: string;
  /** Tests: spans go here, each as it ends, whatever the environment says. */
  exporter?: SpanExporter;
  env?: NodeJS.ProcessEnv;
}

export interface Tracing {
  flush(): Promise<void>;
  /** Flushes, stops exporting and takes the process back to tracing off. */
  shutdown(): Promise<void>;
}

/** Whether the environment asks for traces. */
export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT) && env.OTEL_SDK_DISABLED !== 'true' && env.OTEL_TRACES_EXPORTER !== 'none';
}

/**
 * Sets up the process's tracer provider when the environment asks for traces (or a test passes an
 * exporter); resolves to undefined, having loaded nothing, otherwise. Call it before the servers
 * start (the process's instrument module does); SQL spans need no import order, they wrap
 * drizzle's query path here.
 */
export async function setupTracing(options: TracingOptions): Promise<Tracing | undefined> {
  const env = options.env ?? process.env;
  if (!options.exporter && !tracingRequested(env)) return undefined;
  if (enabled) throw new Error('tracing is already set up in this process');
  const [{ NodeTracerProvider }, { BatchSpanProcessor, SimpleSpanProcessor }, { resourceFromAttributes }, { W3CTraceContextPropagator }] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/core'),
  ]);
  let processor: SpanProcessor;
  if (options.exporter) {
    processor = new SimpleSpanProcessor(options.exporter);
  } else {
    // Reads OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT, _HEADERS and _TIMEOUT from the process's
    // environment itself and posts to <endpoint>/v1/traces; an `env` of its own names the URL.
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-proto');
    const url = env === process.env ? undefined : (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? `${env.OTEL_EXPORTER_OTLP_ENDPOINT!.replace(/\/+$/, '')}/v1/traces`);
    processor = new BatchSpanProcessor(new OTLPTraceExporter(url ? { url } : undefined));
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? options.serviceName }),
    spanProcessors: [new SanitizingProcessor(processor)],
  });
  // W3C trace context only: no baggage crosses a hop (it could carry anything).
  provider.register({ propagator: new W3CTraceContextPropagator() });
  const unpatch = instrumentSql();
  enabled = true;
  return {
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      unpatch();
      enabled = false;
      // A collector that does not answer costs the last spans, never the shutdown.
      await provider.shutdown().catch((error: unknown) => logger.warn(loggableError(error), 'spans not exported at shutdown'));
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

const headerGetter: TextMapGetter<IncomingHttpHeaders> = {
  keys: (headers) => Object.keys(headers),
  get: (headers, key) => headers[key],
};

/** A server span for one request: a child of the caller's `traceparent` when `continueTrace`, else a new trace. */
export function startServerSpan(name: string, headers: IncomingHttpHeaders, continueTrace: boolean, attributes: Record<string, string>): { span: Span; context: Context } {
  const parent = continueTrace ? propagation.extract(ROOT_CONTEXT, headers, headerGetter) : ROOT_CONTEXT;
  const span = tracer.startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
  return { span, context: trace.setSpan(parent, span) };
}

/** Runs one outgoing call in a client span and gives it the `traceparent` that continues the trace. */
export async function inClientSpan<T>(
  name: string,
  attributes: Record<string, string>,
  call: (traceHeaders: Record<string, string>, span: Span | undefined) => Promise<T>,
): Promise<T> {
  if (!enabled) return call({}, undefined);
  const span = tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes });
  const active = trace.setSpan(context.active(), span);
  const headers: Record<string, string> = {};
  propagation.inject(active, headers);
  try {
    return await context.with(active, () => call(headers, span));
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}
