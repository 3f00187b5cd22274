import { isUuid } from '@credit/kit';
import type { CallerContext } from '@credit/schema';
import { GraphQLError } from 'graphql';
import type { GrantRow } from './loaders.js';

/**
 * Row rules identity applies itself, behind the gateway's (defence in depth): a citizen sees only
 * their own grants, an agency only the grants naming it. Other callers are left to the gateway's policy.
 */
export function mayReadGrantsOf(caller: CallerContext, personId: string): boolean {
  return caller.principal.role !== 'CITIZEN' || caller.principal.personId === personId;
}

export function mayReadGrant(caller: CallerContext, grant: GrantRow): boolean {
  if (caller.principal.role === 'AGENCY') return grant.grantee === caller.principal.sub;
  return mayReadGrantsOf(caller, grant.personId);
}

/** Only a citizen gives or withdraws consent, and only their own: the person id comes from the token, never from input. */
export function citizenPersonId(caller: CallerContext): string {
  const { role, personId } = caller.principal;
  if (role !== 'CITIZEN' || !personId || !isUuid(personId)) throw notACitizen();
  return personId;
}

export const notACitizen = () =>
  new GraphQLError('Only a citizen can manage their own authorizations', { extensions: { code: 'FORBIDDEN', reason: 'NOT_A_CITIZEN' } });
