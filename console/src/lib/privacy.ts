import type { Purpose, Role } from '../gql/graphql';
import { FIELD_PRIVACY, POLICY, WRITE_PERMITS, type Decision, type PrivacyLevel, type PrivacyMask } from '../generated/policy';
import type { Session } from './session';

export function classification(coordinate: string): { level: PrivacyLevel; mask: PrivacyMask } | undefined {
  return FIELD_PRIVACY[coordinate];
}

/** What the policy decides for this field for the session's (role, purpose); PUBLIC without a session. */
export function decisionFor(coordinate: string, session: Session | null): Decision {
  const role: Role = session?.role ?? 'PUBLIC';
  const purpose: Purpose = session?.purpose ?? 'PUBLIC_DISCLOSURE';
  const level = FIELD_PRIVACY[coordinate]?.level ?? 'PUBLIC';
  return POLICY[role]?.[purpose]?.[level] ?? 'DENY';
}

/** Whether the session's (role, purpose) holds a permit for this mutation (the row rule is the server's). */
export function mayPerform(mutation: string, session: Session | null): boolean {
  if (!session) return false;
  return (WRITE_PERMITS[mutation] ?? []).some((p) => p.role === session.role && p.purposes.includes(session.purpose));
}
