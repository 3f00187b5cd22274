import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { authConfigFromEnv, createAuthenticator } from './auth.js';
import { DevTokenError, parseTtl, signDevToken } from './dev-token.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PERSON = randomUUID();
const tempDir = () => mkdtempSync(join(tmpdir(), 'credit-token-'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run token` without npm: the same script, with no JWT_* from the outer environment. */
function runToken(args: string[], env: Record<string, string>): Promise<Run> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('JWT_')));
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/token.ts', ...args], { cwd: ROOT, env: { ...inherited, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('parseTtl', () => {
  it.each([
    ['90s', 90],
    ['30m', 1800],
    ['1h', 3600],
    ['7d', 604_800],
  ])('reads %s as %i seconds', (ttl, seconds) => {
    expect(parseTtl(ttl)).toBe(seconds);
  });

  it.each(['', '0h', '-1h', '1w', '1.5h', 'h', '1 h', '99999999999999999999d'])('refuses %j', (ttl) => {
    expect(() => parseTtl(ttl)).toThrow(DevTokenError);
  });
});

describe('signDevToken', () => {
  const config = authConfigFromEnv({ JWT_SECRET: randomBytes(32).toString('base64url') });

  it('refuses what the authenticator would refuse', async () => {
    for (const request of [
      { role: 'PUBLIC', ttl: '1h' },
      { role: 'ROOT', ttl: '1h' },
      { role: 'CITIZEN', ttl: '1h' },
      { role: 'CITIZEN', personId: '110101199003070012', ttl: '1h' },
      { role: 'OFFICER', personId: PERSON, ttl: '1h' },
      { role: 'OFFICER', ttl: 'forever' },
    ]) {
      await expect(signDevToken(config, request), JSON.stringify(request)).rejects.toThrow(DevTokenError);
    }
  });

  it('sets iat and exp from the ttl', async () => {
    const now = new Date('2026-03-01T08:00:00Z');
    const claims = decodeJwt(await signDevToken(config, { role: 'ANALYST', ttl: '30m' }, now));
    expect(claims).toMatchObject({ iat: now.getTime() / 1000, exp: now.getTime() / 1000 + 1800, sub: 'dev-analyst', role: 'ANALYST' });
  });
});

// Each run starts a Node process; they are independent, so they run side by side.
describe.concurrent('npm run token', () => {
  it('prints a token the gateway accepts, signed with the dev secret it shares with the gateway', async () => {
    const dataDir = tempDir();
    const run = await runToken(['--role', 'OFFICER', '--department', '市场监管局'], { CREDIT_DATA_DIR: dataDir });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const authenticate = createAuthenticator(authConfigFromEnv({}, dataDir));
    expect(await authenticate(`Bearer ${run.stdout.trim()}`)).toEqual({ sub: 'dev-officer', role: 'OFFICER', department: '市场监管局' });
    const claims = decodeJwt(run.stdout.trim());
    expect(claims.exp! - claims.iat!).toBe(3600);
  });

  it('signs a citizen token with JWT_SECRET, its issuer, audience and ttl', async () => {
    const env = { JWT_SECRET: randomBytes(32).toString('base64url'), JWT_ISSUER: 'prov-credit', JWT_AUDIENCE: 'county-api' };
    const run = await runToken(['--role', 'CITIZEN', '--person', PERSON, '--ttl', '7d', '--sub', 'wx:oa-123'], env);
    expect(run.code).toBe(0);
    const principal = await createAuthenticator(authConfigFromEnv(env))(`Bearer ${run.stdout.trim()}`);
    expect(principal).toEqual({ sub: 'wx:oa-123', role: 'CITIZEN', personId: PERSON });
    const claims = decodeJwt(run.stdout.trim());
    expect(claims.exp! - claims.iat!).toBe(7 * 86_400);
    await expect(createAuthenticator(authConfigFromEnv({}, tempDir()))(`Bearer ${run.stdout.trim()}`)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it.each([
    [['--role', 'CITIZEN'], {}, /--person/],
    [['--department', 'x'], {}, /--role is required/],
    [['--role', 'OFFICER', '--bogus'], {}, /bogus/],
    [['--role', 'OFFICER'], { JWT_SECRET: 'short' }, /JWT_SECRET must be at least 32 bytes/],
  ])('exits 2 with a message for %j', async (args, env, message) => {
    const run = await runToken(args, { CREDIT_DATA_DIR: tempDir(), ...env });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('refuses (exit 2) when the gateway verifies with a JWKS file', async () => {
    const file = join(tempDir(), 'jwks.json');
    writeFileSync(file, JSON.stringify({ keys: [] }));
    const run = await runToken(['--role', 'OFFICER'], { JWT_JWKS_FILE: file });
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/JWT_JWKS_FILE, not an HS256 secret/);
  });
});
