/**
 * Who may perform each disputes operation (issue 4, Roles). The gateway decides which fields a
 * caller reads; only this subgraph knows what its operations do, so it checks them again here.
 */
import { userError, type Permit } from '@credit/kit';
import type { CallerContext, Role } from '@credit/schema';
import type { ObjectionFiler } from './vocabulary.js';

const CITIZEN: Permit = { role: 'CITIZEN' };
const OBJECTION_REVIEW: Permit = { role: 'CREDIT_OFFICE', purposes: ['OBJECTION_REVIEW'] };
const REPAIR_REVIEW: Permit = { role: 'CREDIT_OFFICE', purposes: ['CREDIT_REPAIR_REVIEW'] };

export const PERMITS = {
  fileObjection: [CITIZEN, OBJECTION_REVIEW, { role: 'OFFICER' }],
  fileRepairApplication: [CITIZEN, REPAIR_REVIEW],
  decideObjection: [OBJECTION_REVIEW],
  forwardObjection: [OBJECTION_REVIEW],
  withdrawObjection: [CITIZEN, OBJECTION_REVIEW],
  overdueObjections: [OBJECTION_REVIEW],
  decideRepair: [REPAIR_REVIEW],
} as const satisfies Record<string, readonly Permit[]>;

/** A citizen acts only on their own records; staff roles that passed their permit act on any. */
export function requireOwnRecord(caller: CallerContext, subjectId: string, operation: string): void {
  if (caller.principal.role !== 'CITIZEN' || caller.principal.personId === subjectId) return;
  throw userError('FORBIDDEN_OPERATION', `${operation} is open to a citizen only for their own records`, { operation, reason: 'NOT_OWN_RECORD' });
}

/**
 * A citizen files as the subject and an officer as the determining authority; the credit office
 * records either, as it takes objections at its counter and from authorities.
 */
const FILERS_BY_ROLE: Partial<Record<Role, readonly ObjectionFiler[]>> = {
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
