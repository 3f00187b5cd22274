/**
 * What one HTTP request did, for its access-log line, its metrics and its span (issue 14). Code
 * deep in a request (the gateway's pipeline, a subgraph's Apollo plugin, the inbox) notes what it
 * learns here; the server writes it out when the response is sent.
 *
 * Only bounded, non-personal values belong here: ids the servers make themselves, operation names
 * of trusted documents (else `other`), roles, purposes, departments, error codes, counts. Never a
 * variable, a token, a person's id or any free text a client sent.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Span } from '@opentelemetry/api';

export interface RequestInfo {
  /** Made by the server (a gateway never keeps a client's id); a subgraph keeps the gateway's. */
  readonly id: string;
  readonly method: string;
  /** A route this server declares, `/graphql`, `static` or `other`: never the raw path. */
  route: string;
  /** Health probes and scrapes: no span, and their log line is at debug level. */
  readonly quiet: boolean;
  /** Bounded operation label (see the gateway's operation-labels.ts, the subgraphs' root fields). */
  operation?: string;
  operationType?: string;
  role?: string;
  purpose?: string;
  department?: string;
  /** `extensions.code` of the answer's errors (bounded by `boundedCode`), each once. */
  readonly codes: Set<string>;
  /** Privacy decisions, `LEVEL:DECISION` → number of field coordinates (gateway). */
  readonly decisions: Map<string, number>;
  /** Events of a delivered batch this subgraph had applied before (redeliveries), by source. */
  readonly redelivered: Map<string, number>;
  /** The request's server span (a no-op span when tracing is off or the request is quiet). */
  span?: Span;
}

const store = new AsyncLocalStorage<RequestInfo>();

/** Runs `work` as the request `info` describes. */
export function withRequestInfo<T>(info: RequestInfo, work: () => T): T {
  return store.run(info, work);
}

export function currentRequest(): RequestInfo | undefined {
  return store.getStore();
}

const CODE = /^[A-Z][A-Z0-9_]{0,47}$/;

/** An error code as a metric label or log field: codes are upper-case identifiers, anything else is OTHER. */
export function boundedCode(code: unknown): string {
  return typeof code === 'string' && CODE.test(code) ? code : 'OTHER';
}

/** The error codes of a GraphQL answer (one result or a batch's array of them). */
export function errorCodesOf(body: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(body)) {
    for (const item of body) errorCodesOf(item, into);
    return into;
  }
  const errors = (body as { errors?: unknown } | null | undefined)?.errors;
  if (Array.isArray(errors)) {
    for (const error of errors) into.add(boundedCode((error as { extensions?: { code?: unknown } } | null)?.extensions?.code));
  }
  return into;
}

type Annotation = Partial<Pick<RequestInfo, 'operation' | 'operationType' | 'role' | 'purpose' | 'department'>>;

const SPAN_ATTRIBUTES: Record<keyof Annotation, string> = {
  operation: 'graphql.operation.name',
  operationType: 'graphql.operation.type',
  role: 'credit.role',
  purpose: 'credit.purpose',
  department: 'credit.department',
};

/**
 * Notes who is calling and which operation runs, on the request and its span. A second, different
 * operation in one request (a batch) makes the request's operation `batch`.
 */
export function annotateRequest(annotation: Annotation): void {
  const info = store.getStore();
  if (!info) return;
  for (const [key, value] of Object.entries(annotation) as [keyof Annotation, string | null | undefined][]) {
    if (value === undefined || value === null) continue;
    const next = key === 'operation' && info.operation !== undefined && info.operation !== value ? 'batch' : value;
    info[key] = next;
    info.span?.setAttribute(SPAN_ATTRIBUTES[key], next);
  }
  if (annotation.operation !== undefined && info.span) {
    info.span.updateName(`${info.operationType ?? 'graphql'} ${info.operation}`);
  }
}

/** Adds to a count of the current request's map (decisions, redeliveries). */
export function countInRequest(map: 'decisions' | 'redelivered', key: string, n: number): void {
  if (n === 0) return;
  const counts = store.getStore()?.[map];
  counts?.set(key, (counts.get(key) ?? 0) + n);
}
