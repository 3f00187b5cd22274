/**
 * The mutation oracle: may this write happen, and did the answer and the databases behave as the
 * verdict says? The verdict comes from the permit table (schema/src/permits.ts) on facts the test
 * knows itself: whose the named row is and which authority decided it, from the test's world, or
 * the arguments for operations whose row is in the input. Never from the gateway's or a
 * subgraph's own permit checks, so a mistake there shows up here.
 */
import { MUTATION_PERMITS, permitVerdict, type LiveGrant, type MutationName, type PermitVerdict, type Principal, type Purpose, type RowFacts } from '@credit/schema';
import { describeChange, type TableChange } from './fingerprint.js';
import type { Route } from './mutation-operations.js';
import type { AnyRow, RowKind, WriteWorld } from './mutation-world.js';

const MISSING: RowFacts = { subjectId: null, authority: null };

const inputOf = (args: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  args.input && typeof args.input === 'object' ? (args.input as Record<string, unknown>) : {};
const textOr = (value: unknown, fallback: string | null): string | null => (typeof value === 'string' ? value : fallback);

/** The stored row a STORED operation names, by the argument that names it. */
const STORED_TARGETS: Partial<Record<MutationName, { kind: RowKind; id: (args: Readonly<Record<string, unknown>>) => unknown }>> = {
  revokeAuthorization: { kind: 'grants', id: (args) => args.id },
  fileObjection: { kind: 'records', id: (args) => inputOf(args).recordId },
  fileRepairApplication: { kind: 'records', id: (args) => inputOf(args).recordId },
  decideObjection: { kind: 'objections', id: (args) => args.id },
  forwardObjection: { kind: 'objections', id: (args) => args.id },
  withdrawObjection: { kind: 'objections', id: (args) => args.id },
  decideRepair: { kind: 'repairs', id: (args) => args.id },
  revokeRedListNomination: { kind: 'nominations', id: (args) => args.id },
};

function rowFacts(row: AnyRow): RowFacts {
  return { subjectId: row.subjectId, authority: 'authority' in row ? row.authority : null };
}

/**
 * The facts the row rule is decided on. ARGUMENTS operations: the subject and authority the input
 * names (a record's authority is the token's department when the input names none; a grant is
 * always the caller's own). STORED: the named row as the test knows it; a row it does not know
 * (missing id, malformed id) has no subject and no authority. NONE: nothing to be about.
 */
export function writeFacts(mutation: MutationName, args: Readonly<Record<string, unknown>>, principal: Principal, world: WriteWorld): RowFacts {
  const input = inputOf(args);
  switch (mutation) {
    case 'registerPerson':
      return {};
    case 'grantAuthorization':
      return { subjectId: principal.personId ?? null };
    case 'submitCreditRecord':
      return { subjectId: textOr(input.subjectId, null), authority: textOr(input.determiningAuthority, principal.department ?? null) };
    case 'nominateRedList':
      return { subjectId: textOr(input.personId, null), authority: textOr(input.nominatingDepartment, null) };
    case 'requestCreditReport':
      return { subjectId: textOr(args.personId, null) };
    default: {
      const target = STORED_TARGETS[mutation];
      if (!target) throw new Error(`the oracle does not know where ${mutation}'s row comes from`);
      const id = target.id(args);
      const row = typeof id === 'string' ? world.find(target.kind, id) : undefined;
      return row ? rowFacts(row) : MISSING;
    }
  }
}

/**
 * The live grant an agency caller acts under, as the test knows it: the grant it names, given to
 * this agency and not revoked by a write the test saw applied.
 */
export function grantOf(grantId: string | undefined, principal: Principal, world: WriteWorld): LiveGrant | null {
  const row = grantId ? world.grants.get(grantId) : undefined;
  if (!row || !row.live || row.grantee !== principal.sub || !row.scope) return null;
  return { personId: row.subjectId, scope: row.scope };
}

/** The verdict on a write with known facts; a row rule left open counts as a refusal. */
export function expectedVerdict(mutation: MutationName, principal: Principal, purpose: Purpose, facts: RowFacts, grant: LiveGrant | null = null): PermitVerdict {
  const verdict = permitVerdict(mutation, { principal, purpose, grant }, facts);
  if (verdict.allowed && verdict.scopes.length) {
    return { allowed: false, reason: verdict.scopes.includes('SELF') ? 'NOT_SELF' : verdict.scopes.includes('GRANTOR') ? 'NOT_GRANTED' : 'NOT_OWN_DEPARTMENT' };
  }
  return verdict;
}

/** The oracle's own list must cover the table: a new mutation needs a line here. */
export const oracleCovers = (mutation: MutationName): boolean =>
  ['registerPerson', 'grantAuthorization', 'submitCreditRecord', 'nominateRedList', 'requestCreditReport'].includes(mutation) || STORED_TARGETS[mutation] !== undefined;

export const factsSourceOf = (mutation: MutationName) => MUTATION_PERMITS[mutation].facts;

/** Error codes saying the write was not run as generated: the test would be testing nothing. */
export const NOT_RUN = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN_PURPOSE',
  'RATE_LIMITED',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'QUERY_TOO_LARGE',
  'QUERY_TOO_COSTLY',
  'AUDIT_UNAVAILABLE',
]);

export type WriteProblemKind =
  /** A refused write changed a database: the violation this test exists for. */
  | 'WROTE'
  /** A refused write answered with a row. */
  | 'ANSWERED'
  /** A refused write without an error FORBIDDEN_OPERATION. */
  | 'NO_FORBIDDEN_OPERATION'
  /** Through the gateway, the FORBIDDEN_OPERATION error does not name the mutation's field in `path`. */
  | 'NO_ERROR_PATH'
  | 'HTTP_5XX'
  /** The document never ran (validation, authentication): the generator or the harness is wrong. */
  | 'NOT_RUN'
  /** A write the table permits, refused for a permit reason: gateway or subgraph and table disagree. */
  | 'OVER_REFUSED';

/** The reasons of a permit refusal (PermitRefusal): other FORBIDDEN_OPERATION reasons are rules of their own (FILER_NOT_ALLOWED). */
const PERMIT_REASONS = new Set(['NO_PERMIT', 'NOT_SELF', 'NOT_OWN_DEPARTMENT', 'NOT_GRANTED']);

export interface WriteProblem {
  kind: WriteProblemKind;
  message: string;
}

export interface WriteAnswer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: readonly { message?: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[] } | null;
}

export const errorCodes = (answer: WriteAnswer): string[] => (answer.body?.errors ?? []).map((e) => String(e.extensions?.code ?? 'NONE'));

/**
 * What is wrong with one write's outcome. Permitted writes may fail for their own reasons
 * (BAD_USER_INPUT, CONFLICT, INVALID_STATE, NOT_FOUND, even FORBIDDEN_OPERATION for a rule outside
 * the permit table): only a server error, a document that never ran, or a refusal for a permit
 * reason the table does not give is a problem there.
 */
export function judgeWrite(input: { verdict: PermitVerdict; route: Route; responseKey: string; answer: WriteAnswer; changes: readonly TableChange[] }): WriteProblem[] {
  const { verdict, route, responseKey, answer, changes } = input;
  const problems: WriteProblem[] = [];
  if (answer.status >= 500) problems.push({ kind: 'HTTP_5XX', message: `HTTP ${answer.status}` });
  const notRun = errorCodes(answer).filter((code) => NOT_RUN.has(code));
  if (notRun.length) problems.push({ kind: 'NOT_RUN', message: `not run: ${notRun.join(', ')}` });
  if (verdict.allowed) {
    const overRefused = (answer.body?.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN_OPERATION' && PERMIT_REASONS.has(String(e.extensions?.reason)));
    if (overRefused.length) problems.push({ kind: 'OVER_REFUSED', message: `permitted, but refused: ${overRefused.map((e) => `${String(e.extensions?.reason)} (${e.message ?? ''})`).join('; ')}` });
    return problems;
  }

  if (changes.length) problems.push({ kind: 'WROTE', message: `refused (${verdict.reason}) but changed ${changes.map(describeChange).join(', ')}` });
  const answered = answer.body?.data?.[responseKey];
  if (answered !== null && answered !== undefined) problems.push({ kind: 'ANSWERED', message: `refused (${verdict.reason}) but answered ${JSON.stringify(answered)}` });
  const refusals = (answer.body?.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN_OPERATION');
  if (refusals.length === 0) {
    const codes = errorCodes(answer);
    problems.push({ kind: 'NO_FORBIDDEN_OPERATION', message: `refused (${verdict.reason}) but the answer has ${codes.length ? `only ${codes.join(', ')}` : 'no error'}` });
  } else if (route === 'gateway' && !refusals.some((e) => e.path?.[0] === responseKey)) {
    problems.push({ kind: 'NO_ERROR_PATH', message: `FORBIDDEN_OPERATION without path [${responseKey}]: ${JSON.stringify(refusals.map((e) => e.path ?? null))}` });
  }
  return problems;
}
