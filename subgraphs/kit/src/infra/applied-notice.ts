/**
 * The gateway's entity cache is invalidated by the departments' events (gateway/src/cache/): each
 * department, once it has committed an incoming batch, posts it to every gateway's
 * `/internal/events`, signed like the relay's deliveries. Told after the commit, a gateway never
 * drops an entry before the change it reflects is visible (it would cache the old answer again),
 * and the producer committed its own change before relaying, so every event's changes are in.
 *
 * Best effort, awaited with a short timeout: a gateway that is down has no memory cache to clean,
 * and the department's events must never wait for a gateway. Entries on Redis that a missed notice
 * leaves behind end with the cache's TTL (README, entity cache).
 */
import { DEFAULT_PORTS } from '@credit/schema';
import { loggableError, logger } from './logger.js';
import type { IncomingBatch } from './outbox.js';
import { headerLookup, SIGNATURE_HEADER, signRequest } from './signing.js';
import type { SigningKey } from './signing-key.js';

export type AppliedNotice = (batch: IncomingBatch) => Promise<void>;

const NOTICE_TIMEOUT_MS = 2_000;

/** `GATEWAY_URLS` (comma-separated, one per gateway replica), else `GATEWAY_URL`, else localhost on `GATEWAY_PORT` or the default port (npm start). */
export function gatewayUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const listed = (env.GATEWAY_URLS ?? env.GATEWAY_URL ?? '').split(',').map((url) => url.trim()).filter(Boolean);
  return listed.length ? listed : [`http://127.0.0.1:${env.GATEWAY_PORT || DEFAULT_PORTS.gateway}`];
}

export function createAppliedNotice(key: SigningKey, gateways: () => readonly string[]): AppliedNotice {
  return async (batch) => {
    if (batch.events.length === 0) return;
    const body = JSON.stringify(batch);
    await Promise.all(
      gateways().map(async (gateway) => {
        const target = new URL('/internal/events', gateway);
        const signature = signRequest(key, { method: 'POST', path: target.pathname, header: headerLookup(), body });
        try {
          const response = await fetch(target, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature },
            body,
            signal: AbortSignal.timeout(NOTICE_TIMEOUT_MS),
          });
          await response.body?.cancel();
          if (!response.ok) logger.warn({ gateway: target.origin, status: response.status }, 'gateway refused an applied-events notice');
        } catch (error) {
          logger.debug({ ...loggableError(error), gateway: target.origin }, 'gateway not told of applied events');
        }
      }),
    );
  };
}
