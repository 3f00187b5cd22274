import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, exportPKCS8, exportSPKI, generateKeyPair, type CryptoKey, type JWTPayload } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { ANONYMOUS, ROLES } from '@credit/schema';
import { AuthConfigError, AuthenticationError, authConfigFromEnv, createAuthenticator, devSecret, type AuthFailure } from './auth.js';

const SECRET = randomBytes(32).toString('base64url');
const PERSON = randomUUID();
const now = () => Math.floor(Date.now() / 1000);
const tempDir = () => mkdtempSync(join(tmpdir(), 'credit-auth-'));

const authenticate = createAuthenticator(authConfigFromEnv({ JWT_SECRET: SECRET }));

function claims(overrides: JWTPayload = {}): JWTPayload {
  return { sub: 'officer-7', role: 'OFFICER', iss: 'credit-graph-dev', aud: 'credit-graph', iat: now(), exp: now() + 600, ...overrides };
}

/** Signs exactly the given claims: a missing `exp` or `sub` stays missing. */
function sign(payload: JWTPayload, key: Uint8Array | CryptoKey = new TextEncoder().encode(SECRET), header: { alg: string; kid?: string } = { alg: 'HS256' }) {
  return new SignJWT(payload).setProtectedHeader(header).sign(key);
}

function without(payload: JWTPayload, claim: string): JWTPayload {
  const copy = { ...payload };
  delete copy[claim];
  return copy;
}

async function refusal(check: Promise<unknown>): Promise<AuthFailure> {
  const error = await check.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, 'must be refused, not served').toBeInstanceOf(AuthenticationError);
  expect((error as AuthenticationError).code).toBe('UNAUTHENTICATED');
  return (error as AuthenticationError).reason;
}

describe('authenticate', () => {
  it('treats a request without Authorization as the anonymous PUBLIC caller', async () => {
    expect(await authenticate(undefined)).toEqual(ANONYMOUS);
  });

  it.each(ROLES.filter((role) => role !== 'PUBLIC'))('accepts a valid %s token', async (role) => {
    const personId = role === 'CITIZEN' ? { personId: PERSON } : {};
    const token = await sign(claims({ role, department: '市场监管局', ...personId }));
    expect(await authenticate(`Bearer ${token}`)).toEqual({ sub: 'officer-7', role, department: '市场监管局', ...personId });
  });

  it('accepts the scheme in any case and a token without department', async () => {
    expect(await authenticate(`bearer ${await sign(claims())}`)).toEqual({ sub: 'officer-7', role: 'OFFICER' });
  });

  it('normalises a citizen personId to lower case, as uuid columns return it', async () => {
    const token = await sign(claims({ role: 'CITIZEN', personId: PERSON.toUpperCase() }));
    expect((await authenticate(`Bearer ${token}`)).personId).toBe(PERSON);
  });

  it.each<[string, JWTPayload, AuthFailure]>([
    ['expired', claims({ exp: now() - 60 }), 'EXPIRED'],
    ['not yet valid', claims({ nbf: now() + 300 }), 'NOT_YET_VALID'],
    ['for another audience', claims({ aud: 'other-system' }), 'WRONG_AUDIENCE'],
    ['from another issuer', claims({ iss: 'someone-else' }), 'WRONG_ISSUER'],
    ['without exp', without(claims(), 'exp'), 'MISSING_CLAIM'],
    ['without sub', without(claims(), 'sub'), 'MISSING_CLAIM'],
    ['with an empty sub', claims({ sub: '' }), 'INVALID_CLAIM'],
    ['without role', without(claims(), 'role'), 'MISSING_CLAIM'],
    ['with an unknown role', claims({ role: 'ADMIN' }), 'UNKNOWN_ROLE'],
    ['claiming PUBLIC', claims({ role: 'PUBLIC' }), 'UNKNOWN_ROLE'],
    ['with a role list', claims({ role: ['OFFICER'] }), 'UNKNOWN_ROLE'],
    ['CITIZEN without personId', claims({ role: 'CITIZEN' }), 'MISSING_CLAIM'],
    ['CITIZEN with a personId that is no uuid', claims({ role: 'CITIZEN', personId: '110101199003070012' }), 'INVALID_CLAIM'],
    ['staff speaking for a person', claims({ personId: PERSON }), 'INVALID_CLAIM'],
    ['with a non-string department', claims({ department: 42 }), 'INVALID_CLAIM'],
  ])('refuses a token %s', async (_, payload, reason) => {
    expect(await refusal(authenticate(`Bearer ${await sign(payload)}`))).toBe(reason);
  });

  it('refuses a token forged with another secret', async () => {
    const forged = await sign(claims(), randomBytes(32));
    expect(await refusal(authenticate(`Bearer ${forged}`))).toBe('BAD_SIGNATURE');
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${part({ alg: 'none', typ: 'JWT' })}.${part(claims())}.`;
    expect(await refusal(authenticate(`Bearer ${unsigned}`))).toBe('ALGORITHM_NOT_ALLOWED');
  });

  it('refuses a token whose payload was edited after signing', async () => {
    const [header, , signature] = (await sign(claims())).split('.');
    const edited = Buffer.from(JSON.stringify(claims({ role: 'AUDITOR' }))).toString('base64url');
    expect(await refusal(authenticate(`Bearer ${header}.${edited}.${signature}`))).toBe('BAD_SIGNATURE');
  });

  it('verifies a token once, serves it from the cache until exp, and refuses it as EXPIRED from then on', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-11-22T08:00:00Z'));
      const token = await sign(claims({ exp: now() + 30 }));
      const fresh = createAuthenticator(authConfigFromEnv({ JWT_SECRET: SECRET }));
      expect(await fresh(`Bearer ${token}`)).toEqual({ sub: 'officer-7', role: 'OFFICER' });
      // A tampered copy is another text: the cache does not vouch for it.
      const [header, , signature] = token.split('.');
      const edited = Buffer.from(JSON.stringify(claims({ role: 'AUDITOR', exp: now() + 30 }))).toString('base64url');
      expect(await refusal(fresh(`Bearer ${header}.${edited}.${signature}`))).toBe('BAD_SIGNATURE');
      vi.setSystemTime(new Date('2026-11-22T08:00:29Z'));
      expect(await fresh(`Bearer ${token}`)).toEqual({ sub: 'officer-7', role: 'OFFICER' });
      vi.setSystemTime(new Date('2026-11-22T08:00:30Z'));
      expect(await refusal(fresh(`Bearer ${token}`))).toBe('EXPIRED');
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses an RS256 token when it verifies with a secret', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    expect(await refusal(authenticate(`Bearer ${await sign(claims(), privateKey, { alg: 'RS256' })}`))).toBe('ALGORITHM_NOT_ALLOWED');
  });

  it.each([
    ['', 'MALFORMED'],
    ['Bearer', 'MALFORMED'],
    ['Bearer ', 'MALFORMED'],
    ['Bearer not-a-jwt', 'MALFORMED'],
    ['Bearer a.b.c', 'MALFORMED'],
    ['Bearer two tokens', 'MALFORMED'],
    ['Basic dXNlcjpwYXNzd29yZA==', 'UNSUPPORTED_SCHEME'],
  ])('refuses the header %j', async (header, reason) => {
    expect(await refusal(authenticate(header))).toBe(reason);
  });
});

describe('asymmetric keys', () => {
  async function rsaKeySet() {
    const current = await generateKeyPair('RS256', { extractable: true });
    const next = await generateKeyPair('RS256', { extractable: true });
    const jwk = async (key: CryptoKey, kid: string) => ({ ...(await exportJWK(key)), kid, alg: 'RS256', use: 'sig' });
    const file = join(tempDir(), 'jwks.json');
    writeFileSync(file, JSON.stringify({ keys: [await jwk(current.publicKey, 'current'), await jwk(next.publicKey, 'next')] }));
    return { file, current, next, authenticate: createAuthenticator(authConfigFromEnv({ JWT_JWKS_FILE: file })) };
  }

  it('verifies RS256 tokens against a JWKS file, by kid or by trying each key', async () => {
    const keys = await rsaKeySet();
    const byKid = await sign(claims(), keys.current.privateKey, { alg: 'RS256', kid: 'current' });
    const noKid = await sign(claims({ sub: 'rotated' }), keys.next.privateKey, { alg: 'RS256' });
    expect(await keys.authenticate(`Bearer ${byKid}`)).toEqual({ sub: 'officer-7', role: 'OFFICER' });
    expect(await keys.authenticate(`Bearer ${noKid}`)).toEqual({ sub: 'rotated', role: 'OFFICER' });
  });

  it('refuses tokens from keys outside the set', async () => {
    const keys = await rsaKeySet();
    const stranger = await generateKeyPair('RS256');
    expect(await refusal(keys.authenticate(`Bearer ${await sign(claims(), stranger.privateKey, { alg: 'RS256', kid: 'current' })}`))).toBe(
      'BAD_SIGNATURE',
    );
    expect(await refusal(keys.authenticate(`Bearer ${await sign(claims(), stranger.privateKey, { alg: 'RS256' })}`))).toBe('BAD_SIGNATURE');
    expect(await refusal(keys.authenticate(`Bearer ${await sign(claims(), keys.current.privateKey, { alg: 'RS256', kid: 'gone' })}`))).toBe(
      'UNKNOWN_KEY',
    );
  });

  it('refuses an HS256 token keyed with the public key (algorithm confusion) and an HS256 dev token', async () => {
    const keys = await rsaKeySet();
    const publicPem = new TextEncoder().encode(await exportSPKI(keys.current.publicKey));
    expect(await refusal(keys.authenticate(`Bearer ${await sign(claims(), publicPem, { alg: 'HS256', kid: 'current' })}`))).toBe(
      'ALGORITHM_NOT_ALLOWED',
    );
    expect(await refusal(keys.authenticate(`Bearer ${await sign(claims())}`))).toBe('ALGORITHM_NOT_ALLOWED');
  });

  it('verifies with a PEM public key pinned to its own algorithm, literal \\n included', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const pem = (await exportSPKI(publicKey)).trim().replaceAll('\n', '\\n');
    const es = createAuthenticator(authConfigFromEnv({ JWT_PUBLIC_KEY: pem }));
    expect(await es(`Bearer ${await sign(claims(), privateKey, { alg: 'ES256' })}`)).toEqual({ sub: 'officer-7', role: 'OFFICER' });
    const confused = await sign(claims(), new TextEncoder().encode(await exportSPKI(publicKey)));
    expect(await refusal(es(`Bearer ${confused}`))).toBe('ALGORITHM_NOT_ALLOWED');
    const rsa = await generateKeyPair('RS256');
    expect(await refusal(es(`Bearer ${await sign(claims(), rsa.privateKey, { alg: 'RS256' })}`))).toBe('ALGORITHM_NOT_ALLOWED');
  });
});

describe('authConfigFromEnv', () => {
  it('defaults issuer and audience and reads them from env', () => {
    expect(authConfigFromEnv({ JWT_SECRET: SECRET })).toMatchObject({ issuer: 'credit-graph-dev', audience: 'credit-graph' });
    expect(authConfigFromEnv({ JWT_SECRET: SECRET, JWT_ISSUER: 'prov', JWT_AUDIENCE: 'api' })).toMatchObject({ issuer: 'prov', audience: 'api' });
  });

  it('refuses a short secret, two key sources, a private key as public key and a file that is no JWKS', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const notJwks = join(tempDir(), 'jwks.json');
    writeFileSync(notJwks, '{"kty":"RSA"}');
    for (const env of [
      { JWT_SECRET: 'short' },
      { JWT_SECRET: SECRET, JWT_JWKS_FILE: notJwks },
      { JWT_PUBLIC_KEY: await exportPKCS8(privateKey) },
      { JWT_PUBLIC_KEY: 'not a key' },
      { JWT_JWKS_FILE: notJwks },
      { JWT_JWKS_FILE: join(tempDir(), 'missing.json') },
    ]) {
      expect(() => authConfigFromEnv(env), JSON.stringify(Object.keys(env))).toThrow(AuthConfigError);
    }
  });

  it('generates the dev secret once, private to its owner, and verifies with it when no key is set', async () => {
    const dir = tempDir();
    const config = authConfigFromEnv({}, dir);
    expect(config.key).toMatchObject({ kind: 'secret', source: 'dev' });
    expect(statSync(join(dir, 'jwt-dev-secret')).mode & 0o777).toBe(0o600);
    expect(devSecret(dir)).toEqual(devSecret(dir));
    expect(new TextDecoder().decode(devSecret(dir))).toBe(readFileSync(join(dir, 'jwt-dev-secret'), 'utf8').trim());
    const token = await sign(claims(), devSecret(dir));
    expect(await createAuthenticator(config)(`Bearer ${token}`)).toMatchObject({ role: 'OFFICER' });
    expect(await refusal(createAuthenticator(authConfigFromEnv({}, tempDir()))(`Bearer ${token}`))).toBe('BAD_SIGNATURE');
  });
});
