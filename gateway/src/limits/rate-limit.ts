import type { Principal } from '@credit/schema';
import type { GraphQLError } from 'graphql';
import { positiveIntFromEnv } from './env.js';
import { limitError } from './errors.js';

export interface BucketOptions {
  /** Requests a caller may make at once after being idle. */
  capacity: number;
  refillPerSecond: number;
  /** Milliseconds; injected by tests. */
  now?: () => number;
  /** Hard bound on remembered callers, against a flood of distinct keys (spoofed IPs, many tokens). */
  maxKeys?: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until one request is allowed again; 0 when allowed. */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  take(key: string): RateDecision;
  /** Callers currently remembered. */
  readonly size: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export const DEFAULT_MAX_KEYS = 100_000;

/** A token bucket per key. */
export function createRateLimiter({ capacity, refillPerSecond, now = Date.now, maxKeys = DEFAULT_MAX_KEYS }: BucketOptions): RateLimiter {
  // Map order is last-use order (each take re-inserts its key), so idle buckets sit at the front.
  const buckets = new Map<string, Bucket>();
  const refillMs = (capacity / refillPerSecond) * 1000;

  // A bucket idle long enough to be full again behaves exactly like a new one: forgetting it is free.
  // Past maxKeys the least recently used go too, which only ever lets those callers in sooner.
  const evict = (time: number) => {
    for (const [key, bucket] of buckets) {
      if (time - bucket.at < refillMs && buckets.size <= maxKeys) break;
      buckets.delete(key);
    }
  };

  return {
    take(key) {
      const time = now();
      const bucket = buckets.get(key) ?? { tokens: capacity, at: time };
      buckets.delete(key);
      const tokens = Math.min(capacity, bucket.tokens + ((time - bucket.at) / 1000) * refillPerSecond);
      const allowed = tokens >= 1;
      buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: time });
      evict(time);
      return { allowed, retryAfterSeconds: allowed ? 0 : Math.ceil((1 - tokens) / refillPerSecond) };
    },
    get size() {
      return buckets.size;
    },
  };
}

export interface RateLimitConfig {
  /** Per authenticated principal (JWT sub). */
  perMinute: number;
  /** Per client IP for PUBLIC callers, who have no identity of their own. */
  publicPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: Readonly<RateLimitConfig> = { perMinute: 600, publicPerMinute: 120 };

export function rateLimitConfigFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimitConfig {
  return {
    perMinute: positiveIntFromEnv(env, 'RATE_LIMIT_PER_MINUTE', DEFAULT_RATE_LIMITS.perMinute),
    publicPerMinute: positiveIntFromEnv(env, 'RATE_LIMIT_PUBLIC_PER_MINUTE', DEFAULT_RATE_LIMITS.publicPerMinute),
  };
}

export interface PrincipalRateLimiter {
  take(principal: Principal, clientIp: string): RateDecision;
}

/** One bucket per principal `sub`, or per client IP for PUBLIC; a minute's quota is the burst. */
export function createPrincipalRateLimiter(
  config: RateLimitConfig = DEFAULT_RATE_LIMITS,
  now: () => number = Date.now,
): PrincipalRateLimiter {
  const limiter = (perMinute: number) => createRateLimiter({ capacity: perMinute, refillPerSecond: perMinute / 60, now });
  const authenticated = limiter(config.perMinute);
  const anonymous = limiter(config.publicPerMinute);
  return {
    take: (principal, clientIp) =>
      principal.role === 'PUBLIC' ? anonymous.take(clientIp) : authenticated.take(principal.sub),
  };
}

/** The answer to a refused request; the HTTP layer sends 429 with `Retry-After: retryAfterSeconds`. */
export function rateLimitedError(decision: RateDecision): GraphQLError {
  return limitError('RATE_LIMITED', `Rate limit exceeded; retry after ${decision.retryAfterSeconds} s.`, {
    retryAfterSeconds: decision.retryAfterSeconds,
  });
}
