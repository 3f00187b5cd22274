/**
 * One HTTP request as operators see it (issue 14): a request id, a server span (continuing the
 * gateway's trace on a subgraph), an access-log line with ids and codes only, and the server's
 * metrics, all from the `RequestInfo` the request's code annotated.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, SpanStatusCode } from '@opentelemetry/api';
import { logger } from './logger.js';
import { secondsSince } from './metrics.js';
import { withRequestInfo, type RequestInfo } from './request-info.js';
import { startServerSpan, tracingEnabled } from './tracing.js';

export const REQUEST_ID_HEADER = 'x-request-id';

export interface RequestObserver {
  /** Continue the caller's trace from `traceparent` (a hop from the gateway); else each request starts a trace. */
  continueTrace: boolean;
  /** Keep the caller's `x-request-id` when it is a UUID (a hop from the gateway); else make one. */
  keepRequestId: boolean;
  /** This server's span attributes (its subgraph). */
  attributes?: Record<string, string>;
  /** This server's access-log fields (its subgraph). */
  logFields?: Record<string, string>;
  /** As the request starts, before anything reads its body. */
  begin?(req: IncomingMessage, info: RequestInfo): void;
  /** Once the response is sent, or the connection closed first (status 499). */
  end(info: RequestInfo, status: number, seconds: number): void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Probes and scrapes: no span, and the log line at debug level. */
const QUIET = /^\/(?:health(?:\/live|\/ready)?|metrics)$/;

function accessLog(info: RequestInfo, status: number, seconds: number, fields: Record<string, string> | undefined, traceId: string | undefined): void {
  const level = info.quiet ? 'debug' : status >= 500 ? 'warn' : 'info';
  if (!logger.isLevelEnabled(level)) return;
  logger[level](
    {
      ...fields,
      requestId: info.id,
      method: info.method,
      route: info.route,
      status,
      ms: Math.round(seconds * 10_000) / 10,
      operation: info.operation,
      role: info.role,
      purpose: info.purpose,
      codes: info.codes.size ? [...info.codes] : undefined,
      traceId,
    },
    'request',
  );
}

/**
 * Runs `handle` for one request inside its `RequestInfo` (and span, when tracing is on), and
 * writes the request out when the response closes. `route` is the bounded name of what `url`
 * reaches (see `listen`).
 */
export function observeRequest(observer: RequestObserver, req: IncomingMessage, res: ServerResponse, route: string, handle: () => Promise<void>): Promise<void> {
  const given = req.headers[REQUEST_ID_HEADER];
  const id = observer.keepRequestId && typeof given === 'string' && UUID.test(given) ? given : randomUUID();
  const method = req.method ?? 'GET';
  const info: RequestInfo = {
    id,
    method,
    route,
    quiet: QUIET.test(route),
    codes: new Set(),
    decisions: new Map(),
    redelivered: new Map(),
  };
  res.setHeader(REQUEST_ID_HEADER, id);
  const started = performance.now();
  let spanContext;
  if (!info.quiet && tracingEnabled()) {
    const server = startServerSpan(`${method} ${route}`, req.headers, observer.continueTrace, {
      ...observer.attributes,
      'http.request.method': method,
      'http.route': route,
      'credit.request_id': id,
    });
    info.span = server.span;
    spanContext = server.context;
  }
  res.once('close', () => {
    const status = res.writableFinished ? res.statusCode : 499;
    const seconds = secondsSince(started);
    const span = info.span;
    const traceId = span?.isRecording() ? span.spanContext().traceId : undefined;
    if (span) {
      span.setAttribute('http.response.status_code', status);
      if (info.codes.size) span.setAttribute('credit.error_codes', [...info.codes]);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    accessLog(info, status, seconds, observer.logFields, traceId);
    observer.end(info, status, seconds);
  });
  const run = () =>
    withRequestInfo(info, () => {
      observer.begin?.(req, info);
      return handle();
    });
  return spanContext ? context.with(spanContext, run) : run();
}
