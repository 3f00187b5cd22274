/**
 * Replay protection shared on Redis (issue 14, point 4), against this machine's Redis: a nonce
 * one replica accepted is REPLAYED at every other, it is remembered as long as its request is
 * fresh and no longer, and a Redis that cannot answer refuses the request instead of letting it in.
 */
import type { IncomingMessage } from 'node:http';
import { CALLER_HEADERS } from '@credit/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonReply } from './http.js';
import { connectRedis, redactUrl, redisNonceStore } from './redis.js';
import { headerLookup, requireSignature, SIGNATURE_HEADER, SIGNATURE_WINDOW_SECONDS, signRequest, type NonceStore } from './signing.js';
import { generateSigningKey } from './signing-key.js';
import { freshRedis, TEST_REDIS_URL } from '../testing.js';

const key = generateSigningKey();
let redis: Awaited<ReturnType<typeof freshRedis>>;
beforeAll(async () => {
  redis = await freshRedis();
});
afterAll(() => redis?.drop());

const BODY = '{"query":"{ _service { sdl } }"}';

/** A request as the gateway sends it, signed now (or at `atMs`). */
function signedRequest(atMs = Date.now()): { req: IncomingMessage; body: Buffer; url: URL } {
  const headers: Record<string, string> = { [CALLER_HEADERS.principal]: 'eyJzdWIiOiJhIn0', [CALLER_HEADERS.purpose]: 'AUDIT' };
  headers[SIGNATURE_HEADER] = signRequest(key, { method: 'POST', path: '/graphql', header: headerLookup(headers), body: BODY }, atMs);
  return { req: { method: 'POST', url: '/graphql', headers } as unknown as IncomingMessage, body: Buffer.from(BODY), url: new URL('http://x/graphql') };
}

const reason = (reply: JsonReply | undefined) =>
  reply && (reply.body as { errors: { extensions: { reason: string } }[] }).errors[0]!.extensions.reason;

describe('replay protection on Redis', () => {
  it('refuses a request replayed to another replica sharing the store, REPLAYED', async () => {
    const replicaA = requireSignature(key, { nonces: redisNonceStore(redis) });
    const replicaB = requireSignature(key, { nonces: redisNonceStore(redis) });
    const { req, body, url } = signedRequest();
    expect(await replicaA(req, body, url)).toBeUndefined();
    const replayed = await replicaB(req, body, url);
    expect(replayed?.status).toBe(401);
    expect(reason(replayed)).toBe('REPLAYED');
    expect(reason(await replicaA(req, body, url))).toBe('REPLAYED');
    // A fresh signature (new nonce) of the same bytes is a new request.
    const again = signedRequest();
    expect(await replicaB(again.req, again.body, again.url)).toBeUndefined();
  });

  it('keeps each nonce while its request is fresh (timestamp + the signature window), then lets Redis forget it', async () => {
    const gate = requireSignature(key, { nonces: redisNonceStore(redis) });
    const now = Date.now();
    const { req, body, url } = signedRequest(now - 30_000);
    expect(await gate(req, body, url)).toBeUndefined();
    const nonce = /n=([0-9a-f]{32})/.exec(String(req.headers[SIGNATURE_HEADER]))![1];
    const ttl = await redis.client.pttl(`${redis.prefix}nonce:${nonce}`);
    // Signed 30 s ago: stale in about 31 s more, so Redis keeps it for no longer than that.
    expect(ttl).toBeGreaterThan((SIGNATURE_WINDOW_SECONDS - 32) * 1000);
    expect(ttl).toBeLessThanOrEqual((SIGNATURE_WINDOW_SECONDS - 29 + 1) * 1000);
  });

  it('still refuses bad and stale signatures before touching the store', async () => {
    let claims = 0;
    const counting: NonceStore = { claim: async () => (claims++, true) };
    const gate = requireSignature(key, { nonces: counting });
    const stale = signedRequest(Date.now() - (SIGNATURE_WINDOW_SECONDS + 5) * 1000);
    expect(reason(await gate(stale.req, stale.body, stale.url))).toBe('STALE');
    const tampered = signedRequest();
    expect(reason(await gate(tampered.req, Buffer.from(BODY + ' '), tampered.url))).toBe('BAD_SIGNATURE');
    expect(claims).toBe(0);
  });

  it('fails closed: while Redis cannot answer, signed requests get 503 NONCE_STORE_UNAVAILABLE', async () => {
    const lost = await connectRedis(TEST_REDIS_URL, redis.prefix);
    await lost.close();
    const gate = requireSignature(key, { nonces: redisNonceStore(lost) });
    const { req, body, url } = signedRequest();
    const refused = await gate(req, body, url);
    expect(refused?.status).toBe(503);
    expect(reason(refused)).toBe('NONCE_STORE_UNAVAILABLE');
  });

  it('names an unreachable Redis at connect, without its password', async () => {
    await expect(connectRedis('redis://:secret@127.0.0.1:1', 'x:', 2000)).rejects.toThrow(/unreachable/);
    await expect(connectRedis('redis://:secret@127.0.0.1:1', 'x:', 2000)).rejects.not.toThrow(/secret/);
    expect(redactUrl('redis://user:pw@host:6379/0')).toBe('redis://user:***@host:6379/0');
  });
});
