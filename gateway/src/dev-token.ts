/** Dev tokens for `npm run token`, signed with the very key the gateway's authenticator verifies with. */
import { SignJWT } from 'jose';
import { isUuid } from '@credit/kit/infra/ids';
import { ROLES, type Role } from '@credit/schema';
import type { AuthConfig } from './auth.js';

export interface DevTokenRequest {
  role: string;
  sub?: string;
  personId?: string;
  department?: string;
  ttl: string;
}

/** A request the authenticator would refuse, or a verifier this tool cannot sign for. */
export class DevTokenError extends Error {
  override name = 'DevTokenError';
}

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** `30m`, `1h`, `7d`, `90s` → seconds. */
export function parseTtl(ttl: string): number {
  const match = /^(\d+)([smhd])$/.exec(ttl);
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS] : 0;
  if (!Number.isSafeInteger(seconds) || seconds <= 0) throw new DevTokenError(`--ttl takes a positive duration such as 30m, 1h or 7d, not "${ttl}"`);
  return seconds;
}

export async function signDevToken(config: AuthConfig, request: DevTokenRequest, now: Date = new Date()): Promise<string> {
  if (config.key.kind !== 'secret') {
    throw new DevTokenError(`the gateway verifies tokens with ${config.key.kind === 'jwks' ? 'JWT_JWKS_FILE' : 'JWT_PUBLIC_KEY'}, not an HS256 secret: get a token from that key's issuer`);
  }
  const role = request.role as Role;
  if (!ROLES.includes(role) || role === 'PUBLIC') {
    throw new DevTokenError(`--role takes one of ${ROLES.filter((r) => r !== 'PUBLIC').join(', ')} (PUBLIC is calling without a token)`);
  }
  if (role === 'CITIZEN' && !request.personId) throw new DevTokenError('a CITIZEN token needs --person <Person id>');
  if (role !== 'CITIZEN' && request.personId) throw new DevTokenError('--person is only for CITIZEN tokens');
  if (request.personId && !isUuid(request.personId)) throw new DevTokenError('--person takes a Person id (a UUID)');
  const issuedAt = Math.floor(now.getTime() / 1000);
  const claims: Record<string, string> = { role };
  if (request.personId) claims.personId = request.personId;
  if (request.department) claims.department = request.department;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub || (request.personId ? `citizen:${request.personId}` : `dev-${role.toLowerCase()}`))
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + parseTtl(request.ttl))
    .sign(config.key.secret);
}
