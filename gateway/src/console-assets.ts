/**
 * The web console (console/, built by Vite into console/dist) served at `/` on the gateway's own
 * origin: government intranets are offline, so the page loads nothing from any other host, and
 * the Content-Security-Policy says so to the browser as well. Client-side routes fall back to
 * index.html; `/graphql` and `/health` are never static.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StaticHandler } from '@credit/kit';

export const CONSOLE_DIST = fileURLToPath(new URL('../../console/dist', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Nothing from another host: scripts, styles, fonts, images and requests all stay on this origin. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>信用信息控制台</title>
<body><h1>控制台尚未构建 (console not built)</h1><p>npm run build -w @credit/console</p><p>GraphQL: POST /graphql</p></body></html>`;

const API_PATHS = new Set(['/graphql', '/health', '/health/live', '/health/ready', '/audit', '/metrics']);

export function createConsoleAssets(dist: string = process.env.CONSOLE_DIST ?? CONSOLE_DIST): StaticHandler {
  const cache = new Map<string, Buffer>();
  const read = (file: string) => {
    let content = cache.get(file);
    if (!content) cache.set(file, (content = readFileSync(file)));
    return content;
  };
  const send = (req: IncomingMessage, res: ServerResponse, status: number, type: string, body: Buffer | string, cacheControl: string) => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': cacheControl });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  return async (req, res, url) => {
    if (API_PATHS.has(url.pathname) || url.pathname.startsWith('/internal/') || url.pathname.startsWith('/auth/')) return false;
    const index = join(dist, 'index.html');
    if (!existsSync(index)) {
      if (url.pathname !== '/') return false;
      send(req, res, 200, TYPES['.html']!, NOT_BUILT, 'no-store');
      return true;
    }
    const relative = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
    const file = join(dist, relative);
    if (relative && !relative.startsWith('..') && file.startsWith(dist + sep) && existsSync(file) && extname(file)) {
      // Vite names assets by content hash: they never change under their name.
      const immutable = relative.startsWith(`assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
      send(req, res, 200, TYPES[extname(file)] ?? 'application/octet-stream', read(file), immutable);
      return true;
    }
    if (extname(url.pathname)) return false;
    send(req, res, 200, TYPES['.html']!, read(index), 'no-cache');
    return true;
  };
}
