/**
 * Shared state on Redis (issue 14, point 4), with real processes against this machine's Redis:
 * two gateway processes hold one rate limit between them, per principal and per public client
 * (named by X-Forwarded-For from a trusted proxy only), and two processes of the identity
 * subgraph refuse a signed request replayed from one to the other.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authConfigFromEnv } from '@credit/gateway/auth';
import { signDevToken } from '@credit/gateway/dev-token';
import { startGateway, type RunningGateway } from '@credit/gateway/server';
import { generateSigningKeyText, headerLookup, makeCitizenId, parseSigningKey, SIGNATURE_HEADER, signRequest } from '@credit/kit';
import { freshDatabaseLocation, freshRedis, TEST_REDIS_URL } from '@credit/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcess, type ServiceProcess } from './processes.js';

const PER_MINUTE = 10;
const PUBLIC_PER_MINUTE = 5;

let redis: Awaited<ReturnType<typeof freshRedis>>;
let database: Awaited<ReturnType<typeof freshDatabaseLocation>>;
let scratch: string;
const processes: ServiceProcess[] = [];
let identityA: ServiceProcess;
let identityB: ServiceProcess;
let gatewayA: ServiceProcess;
let gatewayB: ServiceProcess;
let untrusting: RunningGateway | undefined;
const signingKeyText = generateSigningKeyText();
const jwtEnv = { JWT_SECRET: randomBytes(32).toString('hex'), JWT_ISSUER: 'credit-graph-test', JWT_AUDIENCE: 'credit-graph' };
const auth = authConfigFromEnv(jwtEnv);
const gatewayEnv = (name: string) => ({
  ...jwtEnv,
  SUBGRAPH_SIGNING_KEY: signingKeyText,
  REDIS_URL: TEST_REDIS_URL,
  REDIS_KEY_PREFIX: redis.prefix,
  RATE_LIMIT_PER_MINUTE: String(PER_MINUTE),
  RATE_LIMIT_PUBLIC_PER_MINUTE: String(PUBLIC_PER_MINUTE),
  TRUSTED_PROXIES: '127.0.0.1, ::1',
  SERVICE_NAME: name,
});

beforeAll(async () => {
  redis = await freshRedis();
  database = await freshDatabaseLocation();
  scratch = await mkdtemp(join(tmpdir(), 'credit-shared-state-'));
  const onPostgres = database.location !== 'pglite:memory';
  // Replicas of one subgraph share its database on PostgreSQL; on the embedded default each has its own directory.
  const identityEnv = (replica: string) => ({
    ...gatewayEnv(`identity-${replica}`),
    CREDIT_DATA_DIR: join(scratch, replica),
    IDENTITY_DATABASE_URL: onPostgres ? database.location : `pglite:${join(scratch, `identity-${replica}`)}`,
  });
  // One at a time: the second finds the schema migrated by the first.
  identityA = await startProcess('subgraphs/identity/src/index.ts', identityEnv('a'));
  processes.push(identityA);
  const unreachable = 'http://127.0.0.1:9';
  const gateway = (replica: string) =>
    startProcess('gateway/src/index.ts', {
      ...gatewayEnv(`gateway-${replica}`),
      CREDIT_DATA_DIR: join(scratch, replica),
      GATEWAY_DATABASE_URL: onPostgres ? database.location : `pglite:${join(scratch, `gateway-${replica}`)}`,
      IDENTITY_URL: identityA.url,
      RECORDS_URL: unreachable,
      DISPUTES_URL: unreachable,
      INCENTIVES_URL: unreachable,
    });
  // The first gateway migrates the query log, then the second starts on it.
  [identityB, gatewayA] = await Promise.all([startProcess('subgraphs/identity/src/index.ts', identityEnv('b')), gateway('a')]);
  processes.push(identityB, gatewayA);
  gatewayB = await gateway('b');
  processes.push(gatewayB);
}, 600_000);

afterAll(async () => {
  await untrusting?.close();
  await Promise.all(processes.map((p) => p.stop()));
  await redis?.drop();
  await database?.drop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as any };
}

const TYPENAME = { query: '{ __typename }' };

describe('rate limits shared by two gateway processes on Redis', () => {
  it('holds one principal to one limit across both, with 429 and Retry-After', async () => {
    const token = await signDevToken(auth, { role: 'OFFICER', sub: `officer-${Date.now()}`, department: 'market', ttl: '1h' });
    const as = { authorization: `Bearer ${token}`, 'x-purpose': 'JOINT_PUNISHMENT' };
    const fromA = [];
    for (let i = 0; i < 7; i++) fromA.push(await post(gatewayA.url, TYPENAME, as));
    expect(fromA.map((r) => r.status)).toEqual(Array(7).fill(200));
    expect(fromA[0]!.body).toEqual({ data: { __typename: 'Query' } });
    const fromB = [];
    for (let i = 0; i < 5; i++) fromB.push(await post(gatewayB.url, TYPENAME, as));
    // Three tokens were left (one more may have refilled: 10 a minute is one every 6 s); each
    // gateway on its own would have allowed all five.
    const allowedB = fromB.filter((r) => r.status === 200).length;
    expect(allowedB, gatewayB.output().slice(-2000)).toBeGreaterThanOrEqual(3);
    expect(allowedB).toBeLessThanOrEqual(4);
    const refused = fromB.at(-1)!;
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(6);
    expect((await post(gatewayA.url, TYPENAME, as)).status).toBe(429);
  });

  it('keys the public on the address a trusted proxy names, across both gateways', async () => {
    const caller = { 'x-forwarded-for': '198.51.100.23, 203.0.113.7' };
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(gatewayA.url, TYPENAME, caller)).status);
    for (let i = 0; i < 3; i++) statuses.push((await post(gatewayB.url, TYPENAME, caller)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    // The left-most hop is the caller's own say: changing it is still the same caller.
    expect((await post(gatewayB.url, TYPENAME, { 'x-forwarded-for': '192.0.2.1, 203.0.113.7' })).status).toBe(429);
    // Another caller behind the same proxy has its own bucket; so does the proxy itself.
    expect((await post(gatewayA.url, TYPENAME, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(200);
    expect((await post(gatewayB.url, TYPENAME)).status).toBe(200);
    expect(await redis.client.exists(`${redis.prefix}rl:client:203.0.113.7`, `${redis.prefix}rl:client:203.0.113.8`)).toBe(2);
  });

  it('ignores X-Forwarded-For from a socket that is not a trusted proxy', async () => {
    untrusting = await startGateway({
      subgraphUrls: { identity: identityA.url },
      signingKey: parseSigningKey(signingKeyText),
      auth,
      auditLocation: 'pglite:memory',
      // Its own keys: the proxy's address (this test's socket) already has a bucket from the gateways above.
      redis: { ...redis, prefix: `${redis.prefix}untrusting:` },
      rateLimits: { perMinute: PER_MINUTE, publicPerMinute: PUBLIC_PER_MINUTE },
      trustedProxies: '10.0.0.0/8',
    });
    // Each request claims another address; all come from this test's socket, one bucket.
    const statuses = [];
    for (let i = 0; i < PUBLIC_PER_MINUTE + 1; i++) {
      statuses.push((await post(untrusting.url, TYPENAME, { 'x-forwarded-for': `198.51.100.${100 + i}` })).status);
    }
    expect(statuses).toEqual([...Array(PUBLIC_PER_MINUTE).fill(200), 429]);
    expect(await redis.client.exists(`${redis.prefix}untrusting:rl:client:127.0.0.1`)).toBe(1);
    expect(await redis.client.exists(`${redis.prefix}untrusting:rl:client:198.51.100.100`)).toBe(0);
  });
});

describe('replay protection shared by two identity processes on Redis', () => {
  const body = JSON.stringify({ query: '{ _service { sdl } }' });
  const signed = () => {
    const signature = signRequest(parseSigningKey(signingKeyText), { method: 'POST', path: '/graphql', header: headerLookup(), body });
    return { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature };
  };
  const send = async (url: string, headers: Record<string, string>) => {
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body });
    return { status: response.status, body: (await response.json()) as any };
  };

  it('refuses a signed request replayed to the other replica, REPLAYED', async () => {
    const headers = signed();
    const first = await send(identityA.url, headers);
    expect(first.status).toBe(200);
    expect(first.body.data._service.sdl).toContain('type Person');
    const replayed = await send(identityB.url, headers);
    expect(replayed.status).toBe(401);
    expect(replayed.body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'REPLAYED' });
    expect((await send(identityA.url, headers)).body.errors[0].extensions.reason).toBe('REPLAYED');
    // The same bytes freshly signed are a new request, at either replica.
    expect((await send(identityB.url, signed())).status).toBe(200);
  });

  it('accepts the gateways\' own traffic, each nonce once', async () => {
    const token = await signDevToken(auth, { role: 'CREDIT_OFFICE', sub: 'office-shared-state', department: 'credit-office', ttl: '1h' });
    const registered = await post(
      gatewayB.url,
      {
        query: `mutation($id: String!) { registerPerson(input: { name: "王五", citizenIdNumber: $id }) { id } }`,
        variables: { id: makeCitizenId('440524', '19800101', 100 + Math.floor(Math.random() * 899)) },
      },
      { authorization: `Bearer ${token}`, 'x-purpose': 'OBJECTION_REVIEW' },
    );
    expect(registered.body.errors, JSON.stringify(registered.body.errors)).toBeUndefined();
    expect(registered.body.data.registerPerson.id).toBeTruthy();
    expect((await redis.client.keys(`${redis.prefix}nonce:*`)).length).toBeGreaterThanOrEqual(3);
  });
});
