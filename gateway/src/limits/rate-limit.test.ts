import { ANONYMOUS, type Principal } from '@credit/schema';
import { describe, expect, it } from 'vitest';
import { createPrincipalRateLimiter, createRateLimiter, rateLimitConfigFromEnv, rateLimitedError } from './rate-limit.js';

function clock() {
  let ms = 1_000_000;
  return { now: () => ms, advance: (seconds: number) => (ms += seconds * 1000) };
}

describe('createRateLimiter (token bucket)', () => {
  it('allows a burst of capacity, then refuses with the seconds until the next token', () => {
    const time = clock();
    const limiter = createRateLimiter({ capacity: 3, refillPerSecond: 0.5, now: time.now });
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 2 });
    time.advance(1.5);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    time.advance(0.5);
    expect(limiter.take('a')).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('keeps one bucket per key', () => {
    const time = clock();
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond: 1, now: time.now });
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('refills no further than capacity', () => {
    const time = clock();
    const limiter = createRateLimiter({ capacity: 2, refillPerSecond: 1, now: time.now });
    limiter.take('a');
    time.advance(3600);
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, false]);
  });

  it('forgets buckets once idle long enough to be full again, without letting anyone in early', () => {
    const time = clock();
    const limiter = createRateLimiter({ capacity: 10, refillPerSecond: 1, now: time.now });
    for (let i = 0; i < 1000; i++) limiter.take(`ip-${i}`);
    expect(limiter.size).toBe(1000);
    for (let i = 0; i < 10; i++) limiter.take('busy');
    time.advance(9);
    limiter.take('other');
    expect(limiter.size).toBe(1002);
    time.advance(1);
    limiter.take('other');
    // The 1000 idle ones are full again and gone; `busy` (empty 10 s ago) is full too, so gone.
    expect(limiter.size).toBe(1);
    expect([...Array(11)].map(() => limiter.take('busy').allowed).filter(Boolean)).toHaveLength(10);
  });

  it('never remembers more than maxKeys callers', () => {
    const time = clock();
    const limiter = createRateLimiter({ capacity: 5, refillPerSecond: 0.001, now: time.now, maxKeys: 100 });
    for (let i = 0; i < 10_000; i++) limiter.take(`ip-${i}`);
    expect(limiter.size).toBe(100);
  });
});

describe('createPrincipalRateLimiter', () => {
  const officer: Principal = { sub: 'officer-1', role: 'OFFICER', department: 'market' };

  it('gives authenticated principals 600 a minute by sub, PUBLIC callers 120 a minute by IP', () => {
    const time = clock();
    const limiter = createPrincipalRateLimiter(undefined, time.now);
    const allowed = (take: () => { allowed: boolean }, n: number) => Array.from({ length: n }, take).filter((d) => d.allowed).length;
    expect(allowed(() => limiter.take(officer, '10.0.0.1'), 700)).toBe(600);
    // Same principal from another address: same bucket.
    expect(limiter.take(officer, '10.0.0.2').allowed).toBe(false);
    expect(allowed(() => limiter.take(ANONYMOUS, '10.0.0.1'), 200)).toBe(120);
    expect(limiter.take(ANONYMOUS, '10.0.0.3').allowed).toBe(true);
    // 600 a minute is 10 a second.
    time.advance(1);
    expect(allowed(() => limiter.take(officer, '10.0.0.1'), 20)).toBe(10);
  });

  it('reads its quotas from the environment', () => {
    expect(rateLimitConfigFromEnv({})).toEqual({ perMinute: 600, publicPerMinute: 120 });
    expect(rateLimitConfigFromEnv({ RATE_LIMIT_PER_MINUTE: '60', RATE_LIMIT_PUBLIC_PER_MINUTE: '6' })).toEqual({ perMinute: 60, publicPerMinute: 6 });
    expect(() => rateLimitConfigFromEnv({ RATE_LIMIT_PER_MINUTE: '-1' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
  });

  it('refuses with RATE_LIMITED and the retry delay', () => {
    const error = rateLimitedError({ allowed: false, retryAfterSeconds: 3 });
    expect(error.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 3 });
  });
});
