/**
 * The gateway's /graphql: who is calling and why, then for each operation the limits, the privacy
 * plan, execution by @apollo/gateway, enforcement on the answer, and the query log entry, which
 * is committed before the answer leaves.
 */
import type { IncomingMessage } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { annotateRequest, loggableError, logger, type JsonReply } from '@credit/kit';
import { entryPointVerdict, PURPOSE_ENTRIES, PurposeError, resolvePurpose, type CallerContext, type EntryRefusal, type Principal, type Purpose } from '@credit/schema';
import { inputProblems } from '@credit/schema/input-check';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { AuthenticationError, type Authenticate } from './auth.js';
import type { AuditLog } from './audit/log.js';
import type { FieldsByLevel } from './audit/tables.js';
import type { GatewayContext } from './context.js';
import type { Grant, GrantLookup } from './grants.js';
import { createQueryLimitsCheck, type QueryLimits } from './limits/query-limits.js';
import { loadTrustedDocuments, resolveDocument } from './trusted-documents.js';
import type { PrincipalRateLimiter } from './limits/rate-limit.js';
import type { ClientAddress } from './limits/client-address.js';
import { callerPolicy, rowCoverage } from './privacy/decide.js';
import { enforce, withoutWithheld, type FieldLog } from './privacy/enforce.js';
import type { CallerPolicy, PrivacyEngine, Prepared } from './privacy/engine.js';
import { operationOf, rootCalls, type RootCall } from './privacy/roots.js';
import type { VolumeLedger } from './privacy/volume.js';
import { answerOwner, refusalError, writeAttempts, type WriteAttempt } from './privacy/writes.js';
import { idsIn } from './cache/fetcher.js';
import type { Introspection } from './introspection.js';
import { operationLabeller } from './operation-labels.js';
import { boundedDepartment, notePrivacyDecisions } from './telemetry.js';

export interface PipelineOptions {
  apollo: ApolloServer<GatewayContext>;
  engine: () => PrivacyEngine;
  schema: () => GraphQLSchema;
  authenticate: Authenticate;
  lookupGrant: GrantLookup;
  audit: AuditLog;
  rateLimiter: PrincipalRateLimiter;
  /** The public caller's address for its rate limit (client-address.ts); default the socket's. */
  clientAddress?: ClientAddress;
  /** Limits for ad-hoc callers (analysts, the public, citizens, agencies). */
  limits: QueryLimits;
  /** Limits for administrative staff, whose dashboards page through unified views. */
  staffLimits?: QueryLimits;
  introspection: Introspection;
  fieldGraphs: () => Map<string, Set<string>>;
  /** Distinct persons per principal and day under single-subject purposes. */
  volume: VolumeLedger;
  /** Drops the entity cache's entries about these ids (cache/); a mutation calls it before it answers. */
  invalidate?: (ids: Iterable<string>) => Promise<void>;
  /** Trusted documents by id (trusted-documents.ts); default those of gateway/documents/. */
  trustedDocuments?: ReadonlyMap<string, string>;
}

interface OperationRequest {
  query?: unknown;
  documentId?: unknown;
  extensions?: unknown;
  operationName?: unknown;
  variables?: unknown;
}

interface OperationResult {
  data?: unknown;
  errors?: readonly GraphQLFormattedError[];
}

/** What the operations of one HTTP request (a batch) share. */
interface RequestState {
  /** Root calls of the query operations so far: one person per request spans the batch. */
  lookups: RootCall[];
}

const ENTRY_REFUSAL_TEXT: Record<EntryRefusal, string> = {
  BULK: 'reaches one person per request, by an identifier the caller holds; listings are not open to it',
  ENTRY_POINT: 'does not reach this field',
  VOLUME: 'has reached its daily number of distinct persons for this principal; the request is flagged for review',
};

/** FORBIDDEN_PURPOSE with the reason the purpose's entry points or volume refused the request. */
function purposeRefusal(purpose: Purpose, reason: EntryRefusal, field?: string, extra: Record<string, unknown> = {}): GraphQLFormattedError {
  return {
    message: `The purpose ${purpose} ${ENTRY_REFUSAL_TEXT[reason]}`,
    ...(field ? { path: [field] } : {}),
    extensions: { code: 'FORBIDDEN_PURPOSE', reason, purpose, ...extra },
  };
}

interface WriteEntry {
  attempt: WriteAttempt;
  applied: boolean;
  personIds: Iterable<string>;
}

/** Roles whose dashboards run fixed unified-view documents; ad-hoc roles keep the strict cost limit. */
const STAFF_ROLES = new Set<Principal['role']>(['OFFICER', 'CREDIT_OFFICE', 'AUDITOR']);

const errorReply = (status: number, code: string, message: string, extra: Record<string, unknown> = {}): JsonReply => ({
  status,
  body: { errors: [{ message, extensions: { code, ...extra } }] },
});

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Whether any personal value left, in full or masked (else the operation was refused it). */
function released(log: FieldLog): boolean {
  return Object.values(log).some((decisions) => (decisions.ALLOW?.size ?? 0) + (decisions.MASK?.size ?? 0) > 0);
}

function toFieldsByLevel(log: FieldLog): FieldsByLevel {
  const out: FieldsByLevel = {};
  for (const [level, decisions] of Object.entries(log) as [keyof FieldLog, Record<string, Set<string>>][]) {
    out[level] = Object.fromEntries(Object.entries(decisions).map(([decision, set]) => [decision, [...set]]));
  }
  return out;
}

export function createPipeline(options: PipelineOptions) {
  const trustedDocuments = options.trustedDocuments ?? loadTrustedDocuments();
  const operationLabel = operationLabeller(trustedDocuments.values());
  const checkQueryLimits = createQueryLimitsCheck();
  const auditWithheld = (error: unknown): OperationResult => {
    logger.error(loggableError(error), 'query log unavailable; answer withheld');
    return { errors: [{ message: 'The query log is unavailable; the answer is withheld', extensions: { code: 'AUDIT_UNAVAILABLE' } }] };
  };

  /** One query-log entry per write, APPLIED or REFUSED, with whose data it was about. */
  const logWrites = (caller: CallerContext, operationName: string | null, operationHash: string, writes: readonly WriteEntry[], fields: FieldLog) =>
    Promise.all(
      writes.map(({ attempt, applied, personIds }) =>
        options.audit.append({
          principal: caller.principal,
          purpose: caller.purpose,
          grantId: caller.grantId,
          operationName,
          mutation: attempt.mutation,
          operationHash,
          fields: toFieldsByLevel(fields),
          personIds: [...attempt.subjectIds, ...personIds],
          outcome: applied ? 'APPLIED' : 'REFUSED',
        }),
      ),
    );

  /** A read refused before it released anything: in the query log as REFUSED, flagged when it needs review. */
  const refuseRead = async (caller: CallerContext, operationName: string | null, operationHash: string, error: GraphQLFormattedError, review?: string) => {
    try {
      await options.audit.append({
        principal: caller.principal,
        purpose: caller.purpose,
        grantId: caller.grantId,
        operationName,
        operationHash,
        fields: {},
        personIds: [],
        outcome: 'REFUSED',
        review,
      });
    } catch (failure) {
      return auditWithheld(failure);
    }
    return { data: null, errors: [error] };
  };

  const runOperation = async (
    named: OperationRequest,
    caller: CallerContext,
    grant: Grant | null,
    policy: CallerPolicy,
    request_: RequestState,
  ): Promise<OperationResult> => {
    const trusted = resolveDocument(named, trustedDocuments);
    if (trusted && 'error' in trusted) return { errors: [{ message: trusted.error.message, extensions: { code: trusted.error.code } }] };
    const request = trusted ? { ...named, query: trusted.query } : named;
    if (typeof request.query !== 'string' || request.query.trim() === '') {
      return { errors: [{ message: 'query must be a non-empty string', extensions: { code: 'BAD_REQUEST' } }] };
    }
    const operationName = typeof request.operationName === 'string' ? request.operationName : null;
    const variables = request.variables && typeof request.variables === 'object' ? (request.variables as Record<string, unknown>) : {};
    const engine = options.engine();
    const parsed = engine.parse(request.query);
    if (!('source' in parsed)) return { errors: parsed.map((e) => e.toJSON()) };
    annotateRequest({ operationType: operationOf(parsed.source, operationName)?.operation, operation: operationLabel(request.query, operationName) });
    // Limits and write permits before planning: a refused operation costs a parse, nothing more.
    const limits = STAFF_ROLES.has(caller.principal.role) ? (options.staffLimits ?? options.limits) : options.limits;
    const limitErrors = checkQueryLimits(parsed.source, options.schema(), request.query, variables, limits);
    if (limitErrors.length) return { errors: limitErrors.map((e) => e.toJSON()) };
    // Dates that do not exist and text that is not text are refused here, before any department sees them.
    const inputErrors = inputProblems(options.schema(), parsed.source, operationName, variables);
    if (inputErrors.length) return { errors: inputErrors.map((e) => e.toJSON()) };
    // The query log names the operation that ran, also when the client left operationName out.
    const loggedName = operationName ?? operationOf(parsed.source, null)?.name?.value ?? null;
    const roots = rootCalls(options.schema(), parsed.source, operationName, variables);
    if (Array.isArray(roots)) return { errors: roots.map((e) => e.toJSON()) };
    const writes = roots?.operation === 'mutation' ? writeAttempts(roots.calls, caller, grant) : [];
    const refused = writes.flatMap((attempt) => (attempt.verdict.allowed ? [] : [refusalError(attempt, attempt.verdict.reason)]));
    if (refused.length) {
      try {
        await logWrites(caller, loggedName, parsed.operationHash, writes.map((attempt) => ({ attempt, applied: false, personIds: [] })), {});
      } catch (error) {
        return auditWithheld(error);
      }
      return { data: null, errors: refused };
    }
    const purpose = caller.purpose!;
    if (roots?.operation === 'query') {
      // One person per request counts the lookups of every operation of a batch together.
      const entry = entryPointVerdict(purpose, [...request_.lookups, ...roots.calls]);
      if (!entry.allowed) return refuseRead(caller, loggedName, parsed.operationHash, purposeRefusal(purpose, entry.reason, entry.field));
      request_.lookups.push(...roots.calls);
    }
    const prepared = engine.plan(parsed, request.query, operationName, policy);
    if (Array.isArray(prepared)) return { errors: prepared.map((e) => e.toJSON()) };
    const { plan, query, operationHash } = prepared as Prepared;
    const introspection = options.introspection(plan.document, caller.principal.role, variables, operationName);
    if (introspection) return introspection;

    const context: GatewayContext = { caller, audit: { servedPersons: new Set() } };
    const response = await options.apollo.executeOperation(
      { query, variables, operationName: operationName ?? undefined },
      { contextValue: context },
    );
    if (response.body.kind !== 'single') throw new Error('incremental delivery is not enabled');
    const result = response.body.singleResult;
    const data = (result.data ?? null) as Record<string, unknown> | null;
    // Read before enforcement, which may withhold an answer whose write nevertheless happened.
    const written = writes.map((attempt) => {
      const owner = answerOwner(data, attempt, plan);
      return { attempt, applied: data?.[attempt.key] != null, personIds: owner ? [owner, ...context.audit.servedPersons] : context.audit.servedPersons };
    });
    if (roots?.operation === 'mutation' && options.invalidate) {
      // Read-your-writes: whatever the write named or answered (persons, records, objections) is
      // dropped from the entity cache before the caller can ask again.
      const touched = [...written.flatMap((w) => [...w.attempt.subjectIds, ...w.personIds]), ...context.audit.servedPersons];
      await options.invalidate([...touched, ...idsIn(`${request.query}\n${JSON.stringify(variables)}\n${JSON.stringify(data)}`)]);
    }
    const enforced = enforce(data, plan, { rowCovers: rowCoverage(caller, grant, options.fieldGraphs()) });
    notePrivacyDecisions(enforced.fields);
    // A resolver below a withheld row runs only when the row exists: its errors would tell that it does.
    const errors = [...withoutWithheld(result.errors ?? [], enforced.errors), ...enforced.errors];
    if (!written.length && PURPOSE_ENTRIES[purpose].singleSubject && context.audit.servedPersons.size) {
      let volume;
      try {
        volume = await options.volume.admit(caller.principal, purpose, context.audit.servedPersons);
      } catch (error) {
        // The count lives in the query log: when it cannot be read, nothing is released.
        return auditWithheld(error);
      }
      if (!volume.allowed) {
        const refusal = purposeRefusal(purpose, 'VOLUME', undefined, { limit: volume.limit, reached: volume.count });
        return refuseRead(caller, loggedName, operationHash, refusal, 'VOLUME_LIMIT');
      }
    }
    try {
      if (written.length) await logWrites(caller, loggedName, operationHash, written, enforced.fields);
      else if (plan.personal) {
        await options.audit.append({
          principal: caller.principal,
          purpose: caller.purpose,
          grantId: caller.grantId,
          operationName: loggedName,
          operationHash,
          fields: toFieldsByLevel(enforced.fields),
          personIds: context.audit.servedPersons,
          outcome: released(enforced.fields) ? 'ANSWERED' : 'REFUSED',
        });
      }
    } catch (error) {
      return auditWithheld(error);
    }
    return errors.length ? { data, errors } : { data };
  };

  return async function handleGraphQL(req: IncomingMessage, body: Buffer): Promise<JsonReply> {
    if (req.method !== 'POST') {
      return { ...errorReply(405, 'METHOD_NOT_ALLOWED', 'Send GraphQL operations as POST application/json'), headers: { allow: 'POST, OPTIONS' } };
    }
    if (!(header(req, 'content-type') ?? '').toLowerCase().startsWith('application/json')) {
      return errorReply(415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json');
    }
    let principal: Principal;
    try {
      principal = await options.authenticate(header(req, 'authorization'));
      annotateRequest({ role: principal.role, department: boundedDepartment(principal.department) });
    } catch (error) {
      if (error instanceof AuthenticationError) return errorReply(401, 'UNAUTHENTICATED', 'Invalid or expired token', { reason: error.reason });
      throw error;
    }
    let purpose: Purpose;
    try {
      purpose = resolvePurpose(principal.role, header(req, 'x-purpose'));
      annotateRequest({ purpose });
    } catch (error) {
      if (error instanceof PurposeError) {
        return errorReply(403, 'FORBIDDEN_PURPOSE', error.message, { reason: error.reason, allowed: error.allowed });
      }
      throw error;
    }
    const quota = await options.rateLimiter.take(principal, options.clientAddress?.(req) ?? req.socket.remoteAddress ?? 'unknown');
    if (!quota.allowed) {
      return {
        ...errorReply(429, 'RATE_LIMITED', 'Too many requests; retry later', { retryAfterSeconds: quota.retryAfterSeconds }),
        headers: { 'retry-after': String(quota.retryAfterSeconds) },
      };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return errorReply(400, 'BAD_REQUEST', 'Request body is not valid JSON');
    }
    const grantId = header(req, 'x-authorization-grant') ?? null;
    const grant = principal.role === 'AGENCY' && purpose === 'AUTHORIZED_QUERY' && grantId ? await options.lookupGrant(grantId, principal, purpose) : null;
    const caller: CallerContext = { principal, purpose, grantId };
    const policy = callerPolicy(principal, purpose);
    const state: RequestState = { lookups: [] };
    if (Array.isArray(parsed)) {
      if (parsed.length === 0 || parsed.length > 10) return errorReply(400, 'BAD_REQUEST', 'A batch holds 1 to 10 operations');
      const results = [];
      for (const operation of parsed) results.push(await runOperation(operation as OperationRequest, caller, grant, policy, state));
      return { status: 200, body: results };
    }
    if (!parsed || typeof parsed !== 'object') return errorReply(400, 'BAD_REQUEST', 'Send a GraphQL request object');
    return { status: 200, body: await runOperation(parsed as OperationRequest, caller, grant, policy, state) };
  };
}
