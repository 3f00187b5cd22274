import { loggableError, logger, type SharedRedis } from '@credit/kit';
import type { Principal } from '@credit/schema';
import type { GraphQLError } from 'graphql';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
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
  take(principal: Principal, clientIp: string): RateDecision | Promise<RateDecision>;
}

/** The embedded default: this process's own buckets. */
export interface LocalRateLimiter extends PrincipalRateLimiter {
  take(principal: Principal, clientIp: string): RateDecision;
}

/** One bucket per principal `sub`, or per client IP for PUBLIC; a minute's quota is the burst. */
export function createPrincipalRateLimiter(
  config: RateLimitConfig = DEFAULT_RATE_LIMITS,
  now: () => number = Date.now,
): LocalRateLimiter {
  const limiter = (perMinute: number) => createRateLimiter({ capacity: perMinute, refillPerSecond: perMinute / 60, now });
  const authenticated = limiter(config.perMinute);
  const anonymous = limiter(config.publicPerMinute);
  return {
    take: (principal, clientIp) =>
      principal.role === 'PUBLIC' ? anonymous.take(clientIp) : authenticated.take(principal.sub),
  };
}

/**
 * The same token bucket as `createRateLimiter`, kept in Redis so that every gateway replica draws
 * from one bucket per caller. rate-limiter-flexible runs it (key prefixes, the ioredis command,
 * refusing at once while Redis is not ready); its store script is replaced by this one, which
 * refills continuously from Redis's own clock (so replicas' clocks do not matter). The script
 * answers rate-limiter-flexible's [consumed points, ms before next]: consumed stays within
 * capacity while a token was taken, and exceeds it on a refusal, with the ms until one token.
 * KEYS[1] the bucket; ARGV: tokens to take, window (s), capacity, window (s).
 */
export const TOKEN_BUCKET_LUA = `
local cost = tonumber(ARGV[1])
local capacity = tonumber(ARGV[3])
local windowMs = tonumber(ARGV[4]) * 1000
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then tokens = capacity; at = now end
if now > at then tokens = math.min(capacity, tokens + (now - at) * capacity / windowMs) end
local allowed = tokens >= cost
if allowed then tokens = tokens - cost end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
-- Once full again a bucket is the same as none: Redis may forget it then.
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) * windowMs / capacity) + 1000)
if allowed then return { capacity - math.floor(tokens), 0 } end
return { capacity + cost, math.ceil((cost - tokens) * windowMs / capacity) }
`;

/**
 * `REDIS_URL`: the buckets of `createPrincipalRateLimiter`, shared by every gateway on the Redis.
 * While Redis cannot answer, each process falls back to its own buckets (the limits then hold per
 * process, as on the embedded default) rather than refusing everyone or no one.
 */
export function createRedisRateLimiter(redis: SharedRedis, config: RateLimitConfig = DEFAULT_RATE_LIMITS): PrincipalRateLimiter {
  const limiter = (perMinute: number, kind: string) =>
    new RateLimiterRedis({
      storeClient: redis.client,
      keyPrefix: `${redis.prefix}rl:${kind}`,
      points: perMinute,
      duration: 60,
      rejectIfRedisNotReady: true,
      customIncrTtlLuaScript: TOKEN_BUCKET_LUA,
    });
  const authenticated = limiter(config.perMinute, 'principal');
  const anonymous = limiter(config.publicPerMinute, 'client');
  const local = createPrincipalRateLimiter(config);
  let warnedAt = 0;
  return {
    async take(principal, clientIp) {
      const [bucket, key] = principal.role === 'PUBLIC' ? [anonymous, clientIp] : [authenticated, principal.sub];
      try {
        await bucket.consume(key);
        return { allowed: true, retryAfterSeconds: 0 };
      } catch (outcome) {
        if (outcome instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(outcome.msBeforeNext / 1000)) };
        if (Date.now() - warnedAt > 10_000) {
          warnedAt = Date.now();
          logger.warn(loggableError(outcome), 'rate limits on Redis unavailable; this process limits on its own meanwhile');
        }
        return local.take(principal, clientIp);
      }
    },
  };
}

/** The answer to a refused request; the HTTP layer sends 429 with `Retry-After: retryAfterSeconds`. */
export function rateLimitedError(decision: RateDecision): GraphQLError {
  return limitError('RATE_LIMITED', `Rate limit exceeded; retry after ${decision.retryAfterSeconds} s.`, {
    retryAfterSeconds: decision.retryAfterSeconds,
  });
}
