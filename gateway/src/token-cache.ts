/**
 * Tokens that verified, so that a dashboard's token is checked once rather than on every request:
 * jose's signature check was 5 % of the gateway's busy time on person-lookup. Only a principal
 * whose token verified is kept, keyed by the exact token text; it is served until the token's own
 * `exp` (jose refuses a token at `exp`, and so does the cache) and at most `maxAgeMs` after it was
 * verified, then the token is verified again. The cache holds at most `maxEntries` tokens, the
 * oldest dropped first.
 */
import type { Principal } from '@credit/schema';

export interface TokenCacheOptions {
  maxEntries?: number;
  maxAgeMs?: number;
  now?: () => number;
}

interface Entry {
  principal: Principal;
  /** Milliseconds since the epoch after which the entry is not served. */
  until: number;
}

export interface TokenCache {
  get(token: string): Principal | undefined;
  set(token: string, principal: Principal, expiresAtSeconds: number): void;
}

export function createTokenCache(options: TokenCacheOptions = {}): TokenCache {
  const maxEntries = options.maxEntries ?? 10_000;
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  return {
    get(token) {
      const entry = entries.get(token);
      if (!entry) return undefined;
      if (now() < entry.until) return entry.principal;
      entries.delete(token);
      return undefined;
    },
    set(token, principal, expiresAtSeconds) {
      const until = Math.min(expiresAtSeconds * 1000, now() + maxAgeMs);
      if (until <= now()) return;
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(token, { principal, until });
    },
  };
}
