/**
 * The rate limits on Redis (issue 14, point 4), against this machine's Redis: the same token
 * bucket as the in-memory one, shared by every limiter (every gateway) on the same Redis.
 */
import { ANONYMOUS, type Principal } from '@credit/schema';
import { connectRedis } from '@credit/kit';
import { freshRedis, TEST_REDIS_URL } from '@credit/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisRateLimiter } from './rate-limit.js';

let redis: Awaited<ReturnType<typeof freshRedis>>;
beforeAll(async () => {
  redis = await freshRedis();
});
afterAll(() => redis?.drop());

const officer = (sub: string): Principal => ({ sub, role: 'OFFICER', department: 'market' });

async function allowed(take: () => Promise<{ allowed: boolean }> | { allowed: boolean }, n: number) {
  let count = 0;
  for (let i = 0; i < n; i++) if ((await take()).allowed) count++;
  return count;
}

describe('rate limits shared on Redis', () => {
  it('holds one bucket per principal across limiters (gateways), then refuses with the seconds until the next token', async () => {
    const config = { perMinute: 30, publicPerMinute: 6 };
    const gatewayA = createRedisRateLimiter(redis, config);
    const gatewayB = createRedisRateLimiter(redis, config);
    const who = officer(`officer-${Date.now()}`);
    const started = Date.now();
    expect(await allowed(() => gatewayA.take(who, '10.0.0.1'), 20)).toBe(20);
    const fromB = await allowed(() => gatewayB.take(who, '10.0.0.2'), 20);
    // B gets the ten A left, plus one per 2 s that passed meanwhile (30 a minute); alone it would allow 20.
    expect(fromB).toBeGreaterThanOrEqual(10);
    expect(fromB).toBeLessThanOrEqual(10 + Math.ceil((Date.now() - started) / 2000));
    expect(fromB).toBeLessThan(20);
    const refused = await gatewayA.take(who, '10.0.0.1');
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(2);
    // Another principal has its own bucket.
    expect((await gatewayB.take(officer(`other-${Date.now()}`), '10.0.0.1')).allowed).toBe(true);
  });

  it('keys PUBLIC callers by client address', async () => {
    const limiter = createRedisRateLimiter(redis, { perMinute: 600, publicPerMinute: 3 });
    expect(await allowed(() => limiter.take(ANONYMOUS, '198.51.100.1'), 5)).toBe(3);
    expect((await limiter.take(ANONYMOUS, '198.51.100.2')).allowed).toBe(true);
    const keys = await redis.client.keys(`${redis.prefix}rl:client:*`);
    expect(keys.sort()).toEqual([`${redis.prefix}rl:client:198.51.100.1`, `${redis.prefix}rl:client:198.51.100.2`]);
    // A bucket expires once it would be full again (3 a minute: 20 s a token).
    const ttl = await redis.client.pttl(`${redis.prefix}rl:client:198.51.100.1`);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(61_000);
  });

  it('refills continuously, like the in-memory bucket', async () => {
    const limiter = createRedisRateLimiter(redis, { perMinute: 60, publicPerMinute: 60 });
    const who = officer(`refill-${Date.now()}`);
    // The minute's quota at once (plus one a second while it is spent), then a refusal for about a second.
    const started = Date.now();
    let burst = 0;
    let refusal = await limiter.take(who, 'x');
    while (refusal.allowed) {
      burst++;
      refusal = await limiter.take(who, 'x');
    }
    const emptied = Date.now();
    expect(burst).toBeGreaterThanOrEqual(60);
    expect(burst).toBeLessThanOrEqual(60 + Math.ceil((emptied - started) / 1000));
    expect(refusal).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // One a second, not 60 at the next minute.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const waited = Date.now() - emptied;
    const after = await allowed(() => limiter.take(who, 'x'), 10);
    expect(after).toBeGreaterThanOrEqual(Math.floor(waited / 1000));
    expect(after).toBeLessThanOrEqual(Math.ceil((Date.now() - emptied) / 1000) + 1);
    expect(after).toBeLessThan(10);
  });

  it('falls back to this process\'s own buckets while Redis cannot answer', async () => {
    const lost = await connectRedis(TEST_REDIS_URL, redis.prefix);
    await lost.close();
    const limiter = createRedisRateLimiter(lost, { perMinute: 5, publicPerMinute: 5 });
    const who = officer('offline');
    expect(await allowed(() => limiter.take(who, 'x'), 8)).toBe(5);
  });
});
