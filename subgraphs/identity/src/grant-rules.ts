import { badInput } from '@credit/kit';
import { GRANT_SCOPES, type GrantScope, type Purpose } from '@credit/schema';
import type { GrantRow } from './loaders.js';

export type GrantStatus = 'ACTIVE' | 'EXPIRED' | 'REVOKED';

export interface GrantAuthorizationInput {
  grantee: string;
  purpose: Purpose;
  scope: GrantScope[];
  expiresAt: Date;
}

const MAX_GRANTEE_LENGTH = 200;

/** Derived on every read, never stored: a grant expires at `expiresAt` without anyone touching it. */
export function grantStatus(grant: Pick<GrantRow, 'expiresAt' | 'revokedAt'>, now: Date): GrantStatus {
  if (grant.revokedAt) return 'REVOKED';
  return now.getTime() < grant.expiresAt.getTime() ? 'ACTIVE' : 'EXPIRED';
}

/** The latest expiry allowed for a grant given at `now`: consent is renewed at least yearly. */
export function latestExpiry(now: Date): Date {
  const limit = new Date(now);
  limit.setUTCFullYear(limit.getUTCFullYear() + 1);
  return limit;
}

/** Validates a new grant against the clock; returns the values to store. */
export function checkGrantInput(input: GrantAuthorizationInput, now: Date): GrantAuthorizationInput {
  const grantee = input.grantee.trim();
  if (grantee.length === 0) throw badInput('grantee must not be blank', { field: 'grantee', reason: 'BLANK' });
  if (grantee.length > MAX_GRANTEE_LENGTH) {
    throw badInput(`grantee must be at most ${MAX_GRANTEE_LENGTH} characters`, { field: 'grantee', reason: 'TOO_LONG' });
  }
  if (input.scope.length === 0) throw badInput('scope must name at least one department', { field: 'scope', reason: 'EMPTY' });
  if (input.expiresAt.getTime() <= now.getTime()) {
    throw badInput('expiresAt must be in the future', { field: 'expiresAt', reason: 'EXPIRED' });
  }
  if (input.expiresAt.getTime() > latestExpiry(now).getTime()) {
    throw badInput('expiresAt must be at most one year ahead', { field: 'expiresAt', reason: 'TOO_LONG' });
  }
  const scope = GRANT_SCOPES.filter((s) => input.scope.includes(s));
  return { grantee, purpose: input.purpose, scope, expiresAt: input.expiresAt };
}
