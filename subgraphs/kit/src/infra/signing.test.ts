import { statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CALLER_HEADERS } from '@credit/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerLookup, SignatureVerifier, signRequest, type SignedParts } from './signing.js';
import {
  generateSigningKey,
  generateSigningKeyText,
  parseSigningKey,
  provisionSigningKey,
  signingKeyFromEnv,
} from './signing-key.js';

const NOW = Date.parse('2026-11-21T02:00:00Z');
const key = generateSigningKey();

function request(overrides: Partial<SignedParts> = {}, headers: Record<string, string> = {}): SignedParts {
  return {
    method: 'POST',
    path: '/graphql',
    header: headerLookup({ [CALLER_HEADERS.principal]: 'eyJzdWIiOiJhIn0', [CALLER_HEADERS.purpose]: 'AUDIT', ...headers }),
    body: '{"query":"{ _service { sdl } }"}',
    ...overrides,
  };
}

const verifier = (now = NOW) => new SignatureVerifier(key, { now: () => now });

describe('request signatures', () => {
  it('accepts the request exactly as signed', () => {
    expect(verifier().verify(signRequest(key, request(), NOW), request())).toEqual({ ok: true });
  });

  it('covers every byte of the body', () => {
    const signature = signRequest(key, request(), NOW);
    const tampered = request({ body: Buffer.from('{"query":"{ _service { sdl } } "}') });
    expect(verifier().verify(signature, tampered)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it.each(Object.values(CALLER_HEADERS))('covers the caller header %s, present or not', (name) => {
    const signature = signRequest(key, request(), NOW);
    expect(verifier().verify(signature, request({}, { [name]: 'forged' }))).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('covers the method and the path', () => {
    const signature = signRequest(key, request(), NOW);
    expect(verifier().verify(signature, request({ method: 'GET' }))).toMatchObject({ reason: 'BAD_SIGNATURE' });
    expect(verifier().verify(signature, request({ path: '/internal/events' }))).toMatchObject({ reason: 'BAD_SIGNATURE' });
  });

  it('refuses a signature made with another key', () => {
    const signature = signRequest(generateSigningKey(), request(), NOW);
    expect(verifier().verify(signature, request())).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('refuses timestamps more than 60 s away in either direction, and accepts the edge', () => {
    const at = (offsetSeconds: number) => verifier().verify(signRequest(key, request(), NOW + offsetSeconds * 1000), request());
    expect(at(-61)).toEqual({ ok: false, reason: 'STALE' });
    expect(at(61)).toEqual({ ok: false, reason: 'STALE' });
    expect(at(-60)).toEqual({ ok: true });
    expect(at(60)).toEqual({ ok: true });
  });

  it('refuses a replayed nonce, and forgets it once its timestamp is stale anyway', () => {
    let now = NOW;
    const v = new SignatureVerifier(key, { now: () => now });
    const signature = signRequest(key, request(), NOW);
    expect(v.verify(signature, request())).toEqual({ ok: true });
    expect(v.verify(signature, request())).toEqual({ ok: false, reason: 'REPLAYED' });
    now = NOW + 61_000;
    expect(v.verify(signature, request())).toEqual({ ok: false, reason: 'STALE' });
    expect(v.verify(signRequest(key, request(), now), request())).toEqual({ ok: true });
    expect((v as unknown as { nonces: Map<string, number> }).nonces.size).toBe(1);
  });

  it('fails closed when the nonce cache is full instead of forgetting live nonces', () => {
    const v = new SignatureVerifier(key, { now: () => NOW, maxNonces: 2 });
    expect(v.verify(signRequest(key, request(), NOW), request())).toEqual({ ok: true });
    expect(v.verify(signRequest(key, request(), NOW), request())).toEqual({ ok: true });
    expect(v.verify(signRequest(key, request(), NOW), request())).toEqual({ ok: false, reason: 'NONCE_CACHE_FULL' });
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['without nonce', `t=${NOW / 1000},s=${'a'.repeat(64)}`],
    ['short mac', `t=${NOW / 1000},n=${'b'.repeat(32)},s=${'a'.repeat(63)}`],
    ['reordered', `n=${'b'.repeat(32)},t=${NOW / 1000},s=${'a'.repeat(64)}`],
    ['non-numeric time', `t=soon,n=${'b'.repeat(32)},s=${'a'.repeat(64)}`],
    ['trailing junk', `${signRequest(key, request(), NOW)},x=1`],
  ])('treats a %s header as unsigned', (_label, header) => {
    expect(verifier().verify(header, request())).toEqual({ ok: false, reason: 'UNSIGNED' });
  });
});

describe('signing keys', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'signing-key-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads hex and base64 keys of at least 32 bytes, and nothing shorter', () => {
    const bytes = Buffer.from(generateSigningKeyText(), 'hex');
    expect(parseSigningKey(bytes.toString('hex')).export()).toEqual(bytes);
    expect(parseSigningKey(bytes.toString('base64')).export()).toEqual(bytes);
    expect(parseSigningKey(bytes.toString('base64url')).export()).toEqual(bytes);
    expect(() => parseSigningKey(bytes.subarray(0, 31).toString('hex'))).toThrow(/at least 32 bytes/);
    expect(() => parseSigningKey('correct horse battery staple!!!!!!!!!!!!!!!!!!!!')).toThrow(/hex or base64/);
  });

  it('prefers the environment, else the key file, else says how to get one', () => {
    const file = join(dir, 'absent.key');
    expect(() => signingKeyFromEnv({}, file)).toThrow(/SUBGRAPH_SIGNING_KEY.*npm start/);
    const text = generateSigningKeyText();
    expect(signingKeyFromEnv({ SUBGRAPH_SIGNING_KEY: text }, file).export().toString('hex')).toBe(text);
  });

  it('provisions the dev key file once, readable by its owner only', () => {
    const file = join(dir, 'nested', 'subgraph-signing.key');
    provisionSigningKey({}, file);
    const first = signingKeyFromEnv({}, file).export();
    provisionSigningKey({}, file);
    expect(signingKeyFromEnv({}, file).export()).toEqual(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('checks a key given in the environment instead of writing a file', () => {
    const file = join(dir, 'unused.key');
    expect(() => provisionSigningKey({ SUBGRAPH_SIGNING_KEY: 'short' }, file)).toThrow(/at least 32 bytes|hex or base64/);
    provisionSigningKey({ SUBGRAPH_SIGNING_KEY: generateSigningKeyText() }, file);
    expect(() => statSync(file)).toThrow();
    writeFileSync(file, 'not a key');
    expect(() => signingKeyFromEnv({}, file)).toThrow(/hex or base64/);
  });
});
