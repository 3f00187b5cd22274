/**
 * Shared state on Redis (issue 14): with `REDIS_URL` set, the gateways' rate limits and the
 * subgraphs' replay-protection nonces live in one Redis that every replica sees; without it each
 * process keeps them in its own memory, as on the embedded default.
 */
// Loaded by connectRedis only: without REDIS_URL (the embedded default) no process pays for ioredis.
import type { Redis } from 'ioredis';
import type { NonceStore } from './signing.js';

export interface SharedRedis {
  client: Redis;
  /** Put in front of every key, so several systems (or test runs) can share one Redis. */
  prefix: string;
  close(): Promise<void>;
}

export const DEFAULT_REDIS_PREFIX = 'credit:';

/**
 * Connects and waits until Redis answers: a deployment that names a Redis it cannot reach fails
 * at start, not on its first request. Commands never wait for a reconnect for long (one retry),
 * so a Redis outage shows at once to the caller, which decides whether to fail open or closed.
 */
export async function connectRedis(url: string, prefix: string = DEFAULT_REDIS_PREFIX, timeoutMs = 10_000): Promise<SharedRedis> {
  const { Redis: RedisClient } = await import('ioredis');
  const client = new RedisClient(url, { maxRetriesPerRequest: 1, connectTimeout: Math.min(timeoutMs, 10_000), lazyConnect: true });
  // ioredis reports every failed reconnect attempt as an error event; unhandled, it would crash the process.
  let lastError: unknown;
  client.on('error', (error: unknown) => {
    lastError = error;
  });
  try {
    await Promise.race([
      client.connect(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
    await client.ping();
  } catch (error) {
    client.disconnect();
    throw new Error(`Redis at ${redactUrl(url)} is unreachable: ${String(lastError ?? error)}`);
  }
  return {
    client,
    prefix,
    close: async () => {
      if (client.status === 'end') return;
      await client.quit().catch(() => client.disconnect());
    },
  };
}

/** `REDIS_URL` (and `REDIS_KEY_PREFIX`, default `credit:`), or undefined: state stays in memory. */
export async function redisFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<SharedRedis | undefined> {
  const url = env.REDIS_URL?.trim();
  if (!url) return undefined;
  return connectRedis(url, env.REDIS_KEY_PREFIX || DEFAULT_REDIS_PREFIX);
}

/** A URL for logs and errors: never its password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * Replay protection shared by every replica of every subgraph: `SET <prefix>nonce:<n> NX PX ttl`.
 * One namespace for all subgraphs, so a request signed for one cannot be replayed to another either.
 * While Redis is unreachable, `claim` throws and the caller refuses the request (fail closed).
 */
export function redisNonceStore(redis: SharedRedis): NonceStore {
  return {
    async claim(nonce, ttlMs) {
      if (redis.client.status !== 'ready') throw new Error(`Redis is ${redis.client.status}`);
      const set = await redis.client.set(`${redis.prefix}nonce:${nonce}`, '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX');
      return set === 'OK';
    },
  };
}
