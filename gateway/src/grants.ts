import type { ApolloServer } from '@apollo/server';
import type { Principal, Purpose } from '@credit/schema';
import type { GatewayContext } from './context.js';

/** A live authorization grant (授权查询) as the row rule needs it. */
export interface Grant {
  id: string;
  personId: string;
  scope: string[];
}

export type GrantLookup = (grantId: string, principal: Principal, purpose: Purpose) => Promise<Grant | null>;

const GRANT_QUERY = `query AuthorizationGrantCheck($id: ID!) {
  authorizationGrant(id: $id) { id grantee purpose scope status person { id } }
}`;

/** The gateway asks identity itself, as the system, on every request: a revocation counts at once. */
const SYSTEM_CALLER = {
  principal: { sub: 'credit-gateway', role: 'AUDITOR', department: 'gateway' },
  purpose: 'AUDIT',
  grantId: null,
} as const;

/**
 * A grant is live for this request when identity has it ACTIVE (not expired, not revoked), it
 * names this agency as grantee and the declared purpose as its purpose.
 */
export function createGrantLookup(apollo: () => ApolloServer<GatewayContext>): GrantLookup {
  return async (grantId, principal, purpose) => {
    const response = await apollo().executeOperation(
      { query: GRANT_QUERY, variables: { id: grantId } },
      { contextValue: { caller: SYSTEM_CALLER, audit: { servedPersons: new Set() } } },
    );
    if (response.body.kind !== 'single') return null;
    const grant = (response.body.singleResult.data as { authorizationGrant?: Record<string, unknown> | null } | undefined)?.authorizationGrant;
    const personId = (grant?.person as { id?: string } | null | undefined)?.id;
    if (!grant || !personId || grant.status !== 'ACTIVE' || grant.grantee !== principal.sub || grant.purpose !== purpose) return null;
    return { id: String(grant.id), personId, scope: (grant.scope as string[] | null) ?? [] };
  };
}
