/**
 * The caller a benchmark client names, for the targets that are not our gateway: its bearer
 * token's sub, role and department and its `x-purpose` (the role's default purpose without one;
 * no token: the public). The single server hands it to the departments' resolvers; plain Apollo
 * and Hive send it as the caller headers of each subgraph request (CALLER_HEADERS, covered by the
 * signature as our gateway sends them). So every target's subgraphs serve the same caller, do the
 * same work and give the same answer: an auditor's unified view links archived records that
 * anyone else's shows as null.
 *
 * The token is read, not verified: these targets check nothing, as they enforce nothing.
 */
import { ANONYMOUS, DEFAULT_PURPOSES, encodeCaller, PURPOSES, ROLES, type CallerContext, type Purpose, type Role } from '@credit/schema';

const PUBLIC: CallerContext = { principal: ANONYMOUS, purpose: 'PUBLIC_DISCLOSURE', grantId: null };

function readCaller(authorization: string, declared: string): CallerContext {
  const token = /^Bearer (.+)$/.exec(authorization)?.[1];
  if (!token) return PUBLIC;
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: unknown; role?: unknown; department?: unknown };
    if (typeof claims.sub !== 'string' || !(ROLES as readonly unknown[]).includes(claims.role)) return PUBLIC;
    const role = claims.role as Role;
    const purpose = (PURPOSES as readonly string[]).includes(declared) ? (declared as Purpose) : (DEFAULT_PURPOSES[role] ?? null);
    return { principal: { sub: claims.sub, role, ...(typeof claims.department === 'string' ? { department: claims.department } : {}) }, purpose, grantId: null };
  } catch {
    return PUBLIC;
  }
}

const known = new Map<string, { caller: CallerContext; headers: Record<string, string> }>();

function lookup(authorization: string | null | undefined, purpose: string | null | undefined) {
  const key = `${authorization ?? ''}\u0000${purpose ?? ''}`;
  let entry = known.get(key);
  if (!entry) {
    const caller = readCaller(authorization ?? '', purpose ?? '');
    entry = { caller, headers: encodeCaller(caller) };
    // A handful of callers in a run; a bound all the same.
    if (known.size >= 1000) known.clear();
    known.set(key, entry);
  }
  return entry;
}

/** The caller of a request with these `authorization` and `x-purpose` header values. */
export const clientCaller = (authorization: string | null | undefined, purpose: string | null | undefined): CallerContext => lookup(authorization, purpose).caller;

/** The same caller as the headers a subgraph reads it from (to be signed with the request). */
export const clientCallerHeaders = (authorization: string | null | undefined, purpose: string | null | undefined): Record<string, string> =>
  lookup(authorization, purpose).headers;
