/**
 * Operation-level checks inside a subgraph (defence in depth behind the gateway): the gateway
 * decides which fields a caller sees, but only the owning subgraph knows what an operation does.
 */
import { entryVerdict, PERMIT_REFUSAL_TEXT, storedRowVerdict, type CallerContext, type MutationName, type PermitRefusal, type Purpose, type Role, type RowFacts } from '@credit/schema';
import { userError } from '../contracts/errors.js';

/** A role, and the purposes it must have declared (any purpose when omitted). */
export interface Permit {
  role: Role;
  purposes?: readonly Purpose[];
}

export function permits(caller: CallerContext, allowed: readonly Permit[]): boolean {
  const { role } = caller.principal;
  return allowed.some((p) => p.role === role && (!p.purposes || (caller.purpose !== null && p.purposes.includes(caller.purpose))));
}

/** Throws FORBIDDEN_OPERATION naming what the caller would need; `operation` is the field name. */
export function requirePermit(caller: CallerContext, allowed: readonly Permit[], operation: string): void {
  if (permits(caller, allowed)) return;
  throw userError('FORBIDDEN_OPERATION', `${operation} is not open to role ${caller.principal.role} with purpose ${caller.purpose ?? 'none'}`, {
    operation,
    allowed: allowed.map((p) => (p.purposes ? `${p.role} × ${p.purposes.join('|')}` : p.role)),
  });
}

/**
 * DESIGN §4, Status: records out of publication (EXPIRED, REPAIRED, REVOKED) stay in an archive.
 * AUDITOR × AUDIT reads all of it; the subject reads their own (PIPL Art. 45, the right to consult
 * and copy one's own data), with its repair and correction history. Nobody else: after repair,
 * sharing stops (NDRC Order 36), so an agency under a grant and every other role see nothing of it.
 */
export const ARCHIVE_READERS: readonly (Permit & { rows: 'ANY' | 'SELF' })[] = [
  { role: 'AUDITOR', purposes: ['AUDIT'], rows: 'ANY' },
  { role: 'CITIZEN', purposes: ['SELF_ACCESS'], rows: 'SELF' },
];

/** Whether the caller reads the archived records of `subjectId`. */
export const mayReadArchive = (caller: CallerContext, subjectId: string) =>
  ARCHIVE_READERS.some((reader) => permits(caller, [reader]) && (reader.rows === 'ANY' || caller.principal.personId === subjectId));

function refuse(operation: string, caller: CallerContext, reason: PermitRefusal) {
  return userError('FORBIDDEN_OPERATION', `${operation} ${PERMIT_REFUSAL_TEXT[reason]} (role ${caller.principal.role}, purpose ${caller.purpose ?? 'none'})`, {
    operation,
    reason,
  });
}

/**
 * The write permit of `schema/src/permits.ts`, checked by the subgraph itself before anything
 * runs, from the signed caller headers: the (role, purpose), and the row rule where the arguments
 * decide it. The gateway checks the same table; this holds when the gateway is misconfigured.
 */
export function authorizeWrite(caller: CallerContext, operation: MutationName, args: Readonly<Record<string, unknown>>): void {
  const verdict = entryVerdict(operation, caller, args);
  if (!verdict.allowed) throw refuse(operation, caller, verdict.reason);
}

/**
 * The row rule of an operation that names a stored row, on that row's facts (`null`: no such row,
 * refused like somebody else's unless the caller may act on any row). Call it in the writing
 * transaction, before the first write.
 */
export function authorizeStoredRow(caller: CallerContext, operation: MutationName, facts: RowFacts | null): void {
  const verdict = storedRowVerdict(operation, caller, facts);
  if (!verdict.allowed) throw refuse(operation, caller, verdict.reason);
}
