import { describe, expect, it } from 'vitest';
import type { Principal } from '@credit/schema';
import { createTokenCache } from './token-cache.js';

const OFFICER: Principal = { sub: 'officer-7', role: 'OFFICER' };

function clock(start: number) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('the verified-token cache', () => {
  it('serves a token until its exp and not at exp', () => {
    const c = clock(1_000_000);
    const cache = createTokenCache({ now: c.now, maxAgeMs: 3_600_000 });
    cache.set('t', OFFICER, 1_000 + 30);
    expect(cache.get('t')).toEqual(OFFICER);
    c.advance(29_999);
    expect(cache.get('t')).toEqual(OFFICER);
    c.advance(1);
    expect(cache.get('t')).toBeUndefined();
  });

  it('serves a long-lived token at most maxAgeMs after it was verified', () => {
    const c = clock(1_000_000);
    const cache = createTokenCache({ now: c.now, maxAgeMs: 60_000 });
    cache.set('t', OFFICER, 1_000 + 86_400);
    c.advance(59_999);
    expect(cache.get('t')).toEqual(OFFICER);
    c.advance(1);
    expect(cache.get('t')).toBeUndefined();
  });

  it('keeps nothing for a token already expired, and only the exact token text', () => {
    const c = clock(1_000_000);
    const cache = createTokenCache({ now: c.now });
    cache.set('old', OFFICER, 1_000);
    expect(cache.get('old')).toBeUndefined();
    cache.set('t', OFFICER, 1_000 + 30);
    expect(cache.get('t ')).toBeUndefined();
    expect(cache.get('T')).toBeUndefined();
  });

  it('holds at most maxEntries tokens, dropping the oldest', () => {
    const c = clock(1_000_000);
    const cache = createTokenCache({ now: c.now, maxEntries: 2 });
    cache.set('a', OFFICER, 2_000);
    cache.set('b', OFFICER, 2_000);
    cache.set('c', OFFICER, 2_000);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, OFFICER, OFFICER]);
  });
});
