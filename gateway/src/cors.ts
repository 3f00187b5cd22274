/**
 * CORS for dashboards on other origins: an allow-list from `CORS_ORIGINS` (comma-separated exact
 * origins, e.g. `https://dash.example.gov.cn`), nothing allowed by default. The console the gateway
 * serves itself is same-origin and needs none of it.
 */
import type { IncomingMessage } from 'node:http';
import type { JsonReply } from '@credit/kit';

const ALLOWED_HEADERS = 'authorization, content-type, x-purpose, x-authorization-grant';
const EXPOSED_HEADERS = 'retry-after';

export function corsOriginsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/$/, ''))
    .filter(Boolean);
}

export type CorsVerdict = { allowed: true; headers: Record<string, string> } | { allowed: false; reply: JsonReply };

const refusal = (message: string): JsonReply => ({
  status: 403,
  body: { errors: [{ message, extensions: { code: 'CORS_ORIGIN_NOT_ALLOWED' } }] },
  headers: { vary: 'Origin' },
});

/** Same-origin or no Origin: nothing to add. An allowed origin: its headers. Any other: refused before anything runs. */
export function createCors(origins: readonly string[]) {
  const allowed = new Set(origins);
  const sameOrigin = (req: IncomingMessage, origin: string) => {
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  };
  return {
    check(req: IncomingMessage): CorsVerdict {
      const origin = req.headers.origin;
      if (!origin || sameOrigin(req, origin)) return { allowed: true, headers: {} };
      if (!allowed.has(origin)) return { allowed: false, reply: refusal('This origin is not in CORS_ORIGINS') };
      return { allowed: true, headers: { 'access-control-allow-origin': origin, 'access-control-expose-headers': EXPOSED_HEADERS, vary: 'Origin' } };
    },
    /** The answer to an OPTIONS preflight. */
    preflight(req: IncomingMessage): JsonReply {
      const verdict = this.check(req);
      if (!verdict.allowed) return verdict.reply;
      return {
        status: 204,
        body: null,
        headers: {
          ...verdict.headers,
          allow: 'POST, OPTIONS',
          'access-control-allow-methods': 'POST',
          'access-control-allow-headers': ALLOWED_HEADERS,
          'access-control-max-age': '600',
        },
      };
    },
  };
}
