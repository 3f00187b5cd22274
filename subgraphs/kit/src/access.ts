/**
 * Operation-level checks inside a subgraph (defence in depth behind the gateway): the gateway
 * decides which fields a caller sees, but only the owning subgraph knows what an operation does.
 */
import type { CallerContext, Purpose, Role } from '@credit/schema';
import { userError } from './errors.js';

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

/** DESIGN §4, Status: records out of publication stay in an archive only AUDITOR × AUDIT reads. */
export const ARCHIVE_READERS: readonly Permit[] = [{ role: 'AUDITOR', purposes: ['AUDIT'] }];

export const mayReadArchive = (caller: CallerContext) => permits(caller, ARCHIVE_READERS);
