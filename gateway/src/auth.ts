/**
 * Who is calling (DESIGN §5): `Authorization: Bearer <JWT>` verified with jose, or the anonymous
 * PUBLIC caller when there is no header at all. A header that is present but does not verify is
 * an `AuthenticationError` (HTTP 401), never a fall-back to PUBLIC: a caller whose token broke must
 * learn it, and a forged token must not quietly read what the public may.
 */
import { createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createLocalJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
} from 'jose';
// Subpaths: the kit's index would load Apollo and every subgraph dependency into `npm run token`.
import { DATA_DIR } from '@credit/kit/infra/db';
import { isUuid } from '@credit/kit/infra/ids';
import { ANONYMOUS, ROLES, type Principal, type Role } from '@credit/schema';
import { createTokenCache } from './token-cache.js';

export const DEFAULT_ISSUER = 'credit-graph-dev';
export const DEFAULT_AUDIENCE = 'credit-graph';

/** HS256 keys shorter than the hash output make brute-forcing a captured token practical (RFC 7518 §3.2). */
const MIN_SECRET_BYTES = 32;

const JWKS_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'] as const;
type AsymmetricAlgorithm = (typeof JWKS_ALGORITHMS)[number];

export type VerificationKey =
  | { kind: 'secret'; secret: Uint8Array; source: 'JWT_SECRET' | 'dev' }
  | { kind: 'jwks'; jwks: JSONWebKeySet }
  | { kind: 'publicKey'; publicKey: KeyObject; algorithm: AsymmetricAlgorithm };

export interface AuthConfig {
  issuer: string;
  audience: string;
  key: VerificationKey;
}

export type AuthFailure =
  | 'MALFORMED'
  | 'UNSUPPORTED_SCHEME'
  | 'ALGORITHM_NOT_ALLOWED'
  | 'UNKNOWN_KEY'
  | 'BAD_SIGNATURE'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'WRONG_ISSUER'
  | 'WRONG_AUDIENCE'
  | 'MISSING_CLAIM'
  | 'INVALID_CLAIM'
  | 'UNKNOWN_ROLE';

/** The lead turns this into HTTP 401 with `extensions.code` UNAUTHENTICATED and `reason`. */
export class AuthenticationError extends Error {
  readonly code = 'UNAUTHENTICATED';
  constructor(readonly reason: AuthFailure) {
    super(`authentication failed: ${reason}`);
    this.name = 'AuthenticationError';
  }
}

/** A key configuration the gateway cannot start with. */
export class AuthConfigError extends Error {
  override name = 'AuthConfigError';
}

/**
 * The dev HS256 secret under `.data/`, created once (mode 0600) so the gateway and
 * `npm run token` agree without any configuration. Written aside and then linked into place, so
 * processes starting together all read the one complete secret that won.
 */
export function devSecret(dataDir: string = DATA_DIR): Uint8Array {
  const file = join(dataDir, 'jwt-dev-secret');
  mkdirSync(dataDir, { recursive: true });
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  return secretBytes(readFileSync(file, 'utf8').trim(), file);
}

function secretBytes(secret: string, origin: string): Uint8Array {
  const bytes = new TextEncoder().encode(secret);
  if (bytes.length < MIN_SECRET_BYTES) throw new AuthConfigError(`${origin} must be at least ${MIN_SECRET_BYTES} bytes`);
  return bytes;
}

/** Exactly one of JWT_SECRET, JWT_JWKS_FILE, JWT_PUBLIC_KEY, else the dev secret. */
export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env, dataDir: string = DATA_DIR): AuthConfig {
  const configured = (['JWT_SECRET', 'JWT_JWKS_FILE', 'JWT_PUBLIC_KEY'] as const).filter((name) => env[name]);
  // Two key sources would leave it unclear which tokens are meant to be valid.
  if (configured.length > 1) throw new AuthConfigError(`set only one of ${configured.join(', ')}`);
  const base = { issuer: env.JWT_ISSUER || DEFAULT_ISSUER, audience: env.JWT_AUDIENCE || DEFAULT_AUDIENCE };
  if (env.JWT_SECRET) return { ...base, key: { kind: 'secret', secret: secretBytes(env.JWT_SECRET, 'JWT_SECRET'), source: 'JWT_SECRET' } };
  if (env.JWT_JWKS_FILE) return { ...base, key: { kind: 'jwks', jwks: readJwks(env.JWT_JWKS_FILE) } };
  if (env.JWT_PUBLIC_KEY) {
    // Env files often carry a PEM on one line with literal \n.
    const publicKey = readPublicKey(env.JWT_PUBLIC_KEY.replaceAll('\\n', '\n'));
    return { ...base, key: { kind: 'publicKey', publicKey, algorithm: algorithmOf(publicKey) } };
  }
  return { ...base, key: { kind: 'secret', secret: devSecret(dataDir), source: 'dev' } };
}

function readJwks(file: string): JSONWebKeySet {
  let jwks: Partial<JSONWebKeySet> | null;
  try {
    jwks = JSON.parse(readFileSync(file, 'utf8')) as Partial<JSONWebKeySet> | null;
  } catch (error) {
    throw new AuthConfigError(`JWT_JWKS_FILE: ${(error as Error).message}`);
  }
  if (!Array.isArray(jwks?.keys)) throw new AuthConfigError('JWT_JWKS_FILE must hold a JSON Web Key Set ({"keys": [...]})');
  return jwks as JSONWebKeySet;
}

function readPublicKey(pem: string): KeyObject {
  // createPublicKey would also derive one from a private key, which has no business in this variable.
  if (!pem.includes('-----BEGIN PUBLIC KEY-----')) throw new AuthConfigError('JWT_PUBLIC_KEY must be a PEM "PUBLIC KEY" (SPKI)');
  try {
    return createPublicKey(pem);
  } catch {
    throw new AuthConfigError('JWT_PUBLIC_KEY is not a readable PEM public key');
  }
}

/** A key names its own type; pinning the one algorithm it can verify rules out alg confusion. */
function algorithmOf(key: KeyObject): AsymmetricAlgorithm {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA';
  throw new AuthConfigError('JWT_PUBLIC_KEY must be an RSA, P-256 or Ed25519 public key');
}

export type Authenticate = (authorizationHeader: string | undefined) => Promise<Principal>;

export function createAuthenticator(config: AuthConfig): Authenticate {
  const verification = verifier(config);
  const verified = createTokenCache();
  return async (authorizationHeader) => {
    if (authorizationHeader === undefined) return ANONYMOUS;
    const match = /^(\S+) +(\S+)$/.exec(authorizationHeader.trim());
    if (!match) throw new AuthenticationError('MALFORMED');
    // Auth schemes are case-insensitive (RFC 9110 §11.1).
    if (match[1]!.toLowerCase() !== 'bearer') throw new AuthenticationError('UNSUPPORTED_SCHEME');
    const token = match[2]!;
    const known = verified.get(token);
    if (known) return known;
    let payload: JWTPayload;
    try {
      payload = await verification(token);
    } catch (error) {
      throw new AuthenticationError(failureOf(error));
    }
    const principal = principalOf(payload);
    // `exp` is a required claim, checked by jose: a number here.
    verified.set(token, principal, payload.exp!);
    return principal;
  };
}

function verifier(config: AuthConfig): (token: string) => Promise<JWTPayload> {
  const base = { issuer: config.issuer, audience: config.audience, requiredClaims: ['exp', 'sub'] };
  const { key } = config;
  if (key.kind === 'secret') {
    const options: JWTVerifyOptions = { ...base, algorithms: ['HS256'] };
    return async (token) => (await jwtVerify(token, key.secret, options)).payload;
  }
  if (key.kind === 'publicKey') {
    const options: JWTVerifyOptions = { ...base, algorithms: [key.algorithm] };
    return async (token) => (await jwtVerify(token, key.publicKey, options)).payload;
  }
  const keySet = createLocalJWKSet(key.jwks);
  const options: JWTVerifyOptions = { ...base, algorithms: [...JWKS_ALGORITHMS] };
  return (token) => verifyWithKeySet(token, keySet, options);
}

/** A token without `kid` can match several keys of a set (rotation); it is valid if one of them verifies it. */
async function verifyWithKeySet(token: string, keySet: JWTVerifyGetKey, options: JWTVerifyOptions): Promise<JWTPayload> {
  try {
    return (await jwtVerify(token, keySet, options)).payload;
  } catch (error) {
    if (!(error instanceof errors.JWKSMultipleMatchingKeys)) throw error;
    for await (const candidate of error) {
      try {
        return (await jwtVerify(token, candidate, options)).payload;
      } catch (inner) {
        if (!(inner instanceof errors.JWSSignatureVerificationFailed)) throw inner;
      }
    }
    throw new errors.JWSSignatureVerificationFailed();
  }
}

function failureOf(error: unknown): AuthFailure {
  if (error instanceof errors.JWTExpired) return 'EXPIRED';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return 'MISSING_CLAIM';
    if (error.claim === 'nbf') return 'NOT_YET_VALID';
    if (error.claim === 'iss') return 'WRONG_ISSUER';
    if (error.claim === 'aud') return 'WRONG_AUDIENCE';
    return 'INVALID_CLAIM';
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'ALGORITHM_NOT_ALLOWED';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'BAD_SIGNATURE';
  if (error instanceof errors.JWKSNoMatchingKey) return 'UNKNOWN_KEY';
  return 'MALFORMED';
}

function principalOf(payload: JWTPayload): Principal {
  const { sub, role, department, personId } = payload;
  if (typeof sub !== 'string' || !sub) throw new AuthenticationError('INVALID_CLAIM');
  if (role === undefined) throw new AuthenticationError('MISSING_CLAIM');
  // PUBLIC is what having no token means; a token that claims it is a mistake or a probe.
  if (typeof role !== 'string' || role === 'PUBLIC' || !(ROLES as readonly string[]).includes(role)) {
    throw new AuthenticationError('UNKNOWN_ROLE');
  }
  if (department !== undefined && (typeof department !== 'string' || !department)) throw new AuthenticationError('INVALID_CLAIM');
  const principal: Principal = { sub, role: role as Role };
  if (department !== undefined) principal.department = department;
  if (role === 'CITIZEN') {
    if (personId === undefined) throw new AuthenticationError('MISSING_CLAIM');
    if (typeof personId !== 'string' || !isUuid(personId)) throw new AuthenticationError('INVALID_CLAIM');
    principal.personId = personId.toLowerCase();
  } else if (personId !== undefined) {
    // Only citizens speak for a person; on a staff token it would be a self-claim the row rules must never see.
    throw new AuthenticationError('INVALID_CLAIM');
  }
  return principal;
}
