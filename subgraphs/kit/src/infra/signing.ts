/**
 * Gateway → subgraph (and relay → subgraph) request signatures (DESIGN §5): HMAC-SHA256 over the
 * timestamp, a nonce, the method, the path, the caller headers and the exact body bytes.
 */
import { createHmac, randomFillSync, timingSafeEqual } from 'node:crypto';
import { CALLER_HEADERS } from '@credit/schema';
import type { Gate, JsonReply } from './http.js';
import { loggableError, logger } from './logger.js';
import type { SigningKey } from './signing-key.js';

export const SIGNATURE_HEADER = 'x-credit-signature';
/** Accepted clock difference between signer and verifier, either direction. */
export const SIGNATURE_WINDOW_SECONDS = 60;

/** The parts of a request the signature covers. */
export interface SignedParts {
  method: string;
  /** The request target as sent: path plus query string. */
  path: string;
  /** Header lookup, case-insensitive; only the caller headers are read. */
  header: (name: string) => string | undefined;
  body: Buffer | string;
}

export type SignatureFailure = 'UNSIGNED' | 'BAD_SIGNATURE' | 'STALE' | 'REPLAYED';

const SIGNED_CALLER_HEADERS = [CALLER_HEADERS.principal, CALLER_HEADERS.purpose, CALLER_HEADERS.grant];
const HEADER_FORMAT = /^t=(\d{1,12}),n=([0-9a-f]{32}),s=([0-9a-f]{64})$/;

function mac(key: SigningKey, timestamp: number, nonce: string, parts: SignedParts): Buffer {
  const hmac = createHmac('sha256', key);
  hmac.update(`${timestamp}\n${nonce}\n${parts.method.toUpperCase()}\n${parts.path}\n`);
  for (const name of SIGNED_CALLER_HEADERS) hmac.update(`${parts.header(name) ?? ''}\n`);
  hmac.update(parts.body);
  return hmac.digest();
}

const NONCE_BYTES = 16;
/** Nonces come from one pool of random bytes refilled 256 at a time: one randomBytes call per request was 1.7 % of the gateway's time. */
const noncePool = Buffer.alloc(NONCE_BYTES * 256);
let nonceOffset = noncePool.length;

function nextNonce(): string {
  if (nonceOffset === noncePool.length) {
    randomFillSync(noncePool);
    nonceOffset = 0;
  }
  const nonce = noncePool.toString('hex', nonceOffset, nonceOffset + NONCE_BYTES);
  nonceOffset += NONCE_BYTES;
  return nonce;
}

/** The `x-credit-signature` value for one request; each call uses a new nonce. */
export function signRequest(key: SigningKey, parts: SignedParts, nowMs = Date.now()): string {
  const timestamp = Math.floor(nowMs / 1000);
  const nonce = nextNonce();
  return `t=${timestamp},n=${nonce},s=${mac(key, timestamp, nonce, parts).toString('hex')}`;
}

/** Case-insensitive lookup over a plain header record (fetch `init.headers`, test fixtures). */
export function headerLookup(headers: Record<string, string> = {}): (name: string) => string | undefined {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return (name) => lower.get(name.toLowerCase());
}

export interface VerifierOptions {
  now?: () => number;
  windowSeconds?: number;
  /** Upper bound on remembered nonces; beyond it requests are refused rather than replays risked. */
  maxNonces?: number;
}

export type Verdict = { ok: true } | { ok: false; reason: SignatureFailure | 'NONCE_CACHE_FULL' };

/** A signature that checks out and is fresh; its nonce is yet to be claimed. */
export interface Authenticated {
  ok: true;
  nonce: string;
  /** The signer's timestamp, seconds. */
  timestamp: number;
  /** Milliseconds until the request is stale anyway: how long its nonce must be remembered. */
  ttlMs: number;
}

/**
 * Where accepted nonces are remembered when they must be shared (several replicas): `claim`
 * remembers the nonce for `ttlMs` and answers false when it was already there. The embedded
 * default is the verifier's own memory; `redisNonceStore` (redis.ts) shares them.
 */
export interface NonceStore {
  claim(nonce: string, ttlMs: number): Promise<boolean>;
}

/** Checks signatures and remembers each accepted nonce for as long as its timestamp is acceptable. */
export class SignatureVerifier {
  private readonly now: () => number;
  private readonly windowSeconds: number;
  private readonly maxNonces: number;
  /** nonce → the second after which its request is stale anyway; insertion order ≈ expiry order. */
  private readonly nonces = new Map<string, number>();

  constructor(
    private readonly key: SigningKey,
    options: VerifierOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.windowSeconds = options.windowSeconds ?? SIGNATURE_WINDOW_SECONDS;
    this.maxNonces = options.maxNonces ?? 200_000;
  }

  /** Signature and freshness, without the nonce: for a verifier whose nonces live elsewhere. */
  authenticate(signature: string | undefined, parts: SignedParts): Authenticated | { ok: false; reason: SignatureFailure } {
    const match = signature ? HEADER_FORMAT.exec(signature) : null;
    if (!match) return { ok: false, reason: 'UNSIGNED' };
    const [, t = '', nonce = '', given = ''] = match;
    const timestamp = Number(t);
    if (!timingSafeEqual(Buffer.from(given, 'hex'), mac(this.key, timestamp, nonce, parts))) {
      return { ok: false, reason: 'BAD_SIGNATURE' };
    }
    const nowMs = this.now();
    if (Math.abs(Math.floor(nowMs / 1000) - timestamp) > this.windowSeconds) return { ok: false, reason: 'STALE' };
    // Stale from the second after timestamp + window on: remembered until then, not longer.
    return { ok: true, nonce, timestamp, ttlMs: (timestamp + this.windowSeconds + 1) * 1000 - nowMs };
  }

  verify(signature: string | undefined, parts: SignedParts): Verdict {
    const verdict = this.authenticate(signature, parts);
    if (!verdict.ok) return verdict;
    const { nonce, timestamp } = verdict;
    const nowSeconds = Math.floor(this.now() / 1000);
    this.forgetExpired(nowSeconds);
    if (this.nonces.has(nonce)) return { ok: false, reason: 'REPLAYED' };
    if (this.nonces.size >= this.maxNonces) return { ok: false, reason: 'NONCE_CACHE_FULL' };
    this.nonces.set(nonce, timestamp + this.windowSeconds);
    return { ok: true };
  }

  /** Only the signer's clock skew breaks expiry order, so a head sweep forgets all but a few. */
  private forgetExpired(nowSeconds: number): void {
    for (const [nonce, expires] of this.nonces) {
      if (expires >= nowSeconds) return;
      this.nonces.delete(nonce);
    }
  }
}

/** The refusal every unsigned or wrongly signed request gets; it says why, never what was expected. */
export function signatureRefusal(reason: SignatureFailure | 'NONCE_CACHE_FULL' | 'NONCE_STORE_UNAVAILABLE'): JsonReply {
  if (reason === 'NONCE_STORE_UNAVAILABLE') {
    return {
      status: 503,
      body: { errors: [{ message: 'Replay protection is unavailable; retry later', extensions: { code: 'SERVICE_UNAVAILABLE', reason } }] },
    };
  }
  if (reason === 'NONCE_CACHE_FULL') {
    return {
      status: 503,
      body: { errors: [{ message: 'Too many signed requests in flight', extensions: { code: 'SERVICE_UNAVAILABLE', reason } }] },
    };
  }
  return {
    status: 401,
    body: { errors: [{ message: 'Request is not signed by the gateway', extensions: { code: 'UNAUTHENTICATED', reason } }] },
  };
}

/**
 * A `listen` gate: every request except the listed paths must carry a valid signature over its
 * exact bytes, checked before anything parses them. With `nonces` (several replicas sharing one
 * store) a nonce any of them accepted is REPLAYED for all; when the store cannot answer, the
 * request is refused with 503 rather than let through unprotected.
 */
export function requireSignature(
  key: SigningKey,
  options: VerifierOptions & { unsignedPaths?: readonly string[]; nonces?: NonceStore } = {},
): Gate {
  const verifier = new SignatureVerifier(key, options);
  const unsigned = new Set(options.unsignedPaths ?? []);
  const shared = options.nonces;
  return (req, body, url) => {
    if (unsigned.has(url.pathname)) return undefined;
    const one = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    };
    const parts = { method: req.method ?? 'GET', path: req.url ?? '/', header: one, body };
    if (!shared) {
      const verdict = verifier.verify(one(SIGNATURE_HEADER), parts);
      return verdict.ok ? undefined : signatureRefusal(verdict.reason);
    }
    const verdict = verifier.authenticate(one(SIGNATURE_HEADER), parts);
    if (!verdict.ok) return signatureRefusal(verdict.reason);
    return shared.claim(verdict.nonce, verdict.ttlMs).then(
      (fresh) => (fresh ? undefined : signatureRefusal('REPLAYED')),
      (error: unknown) => {
        logger.error(loggableError(error), 'nonce store unavailable; signed request refused');
        return signatureRefusal('NONCE_STORE_UNAVAILABLE');
      },
    );
  };
}
