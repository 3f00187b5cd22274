/**
 * Who may use disputes' read operations (issue 4, Roles). Its mutations are held to the write
 * permits of schema/src/permits.ts (kit `authorizeWrite` / `authorizeStoredRow`), not to this list.
 * The gateway decides which fields a caller reads; only this subgraph knows what its operations
 * do, so it checks them again here.
 */
import { userError, type Permit } from '@credit/kit';
import type { CallerContext, Role } from '@credit/schema';
import type { ObjectionFiler } from './vocabulary.js';

const OBJECTION_REVIEW: Permit = { role: 'CREDIT_OFFICE', purposes: ['OBJECTION_REVIEW'] };
const CREDIT_REPAIR_REVIEW: Permit = { role: 'CREDIT_OFFICE', purposes: ['CREDIT_REPAIR_REVIEW'] };

/** The review queues: each review purpose pages its own work list (queues.ts, overdue.ts). */
export const PERMITS = {
  overdueObjections: [OBJECTION_REVIEW],
  openObjections: [OBJECTION_REVIEW],
  submittedRepairs: [CREDIT_REPAIR_REVIEW],
} as const satisfies Record<string, readonly Permit[]>;

/**
 * A citizen files as the subject and an officer as the determining authority; the credit office
 * records either, as it takes objections at its counter and from authorities. The first is the
 * role's filer when the input names none (the credit office's counter: the subject).
 */
const FILERS_BY_ROLE: Partial<Record<Role, readonly [ObjectionFiler, ...ObjectionFiler[]]>> = {
  CITIZEN: ['SUBJECT'],
  OFFICER: ['DETERMINING_AUTHORITY'],
  CREDIT_OFFICE: ['SUBJECT', 'DETERMINING_AUTHORITY'],
};

export function requireFiler(caller: CallerContext, filedBy: ObjectionFiler): void {
  if (FILERS_BY_ROLE[caller.principal.role]?.includes(filedBy)) return;
  throw userError('FORBIDDEN_OPERATION', `role ${caller.principal.role} cannot file an objection as ${filedBy}`, {
    operation: 'fileObjection',
    field: 'filedBy',
    reason: 'FILER_NOT_ALLOWED',
  });
}

/**
 * Who files: the input's `filedBy`, held to the caller's role, or when omitted the role's own
 * filer, so an officer who names none files as the determining authority its permit allows.
 */
export function filerOf(caller: CallerContext, filedBy: ObjectionFiler | null | undefined): ObjectionFiler {
  const filer = filedBy ?? FILERS_BY_ROLE[caller.principal.role]?.[0] ?? 'SUBJECT';
  requireFiler(caller, filer);
  return filer;
}
