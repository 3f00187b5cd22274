import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { loggableError, logger } from './logger.js';
import { observeRequest, type RequestObserver } from './observed-request.js';
import { currentRequest, errorCodesOf } from './request-info.js';
import { inRequestScope } from './request-scope.js';

export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface JsonReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Sent as is instead of `body` as JSON (metrics text); `headers` name its content-type. */
  raw?: string;
}
/** A non-GraphQL route: it receives the exact request bytes (signature checks need them). */
export type Route = (req: IncomingMessage, body: Buffer) => Promise<JsonReply>;
/** Runs on every request's exact bytes before routing or parsing; a reply refuses the request. */
export type Gate = (req: IncomingMessage, body: Buffer, url: URL) => JsonReply | undefined | Promise<JsonReply | undefined>;
/** Answers a GET or HEAD itself (static files) and says so; runs before any other routing. */
export type StaticHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export interface Listening {
  url: string;
  port: number;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const info = currentRequest();
  if (info) errorCodesOf(body, info.codes);
  if (status === 204) {
    res.writeHead(204, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  return JSON.parse(body.toString('utf8'));
}

/**
 * Serves an Apollo Server on plain node:http: no framework between the socket and the executor,
 * and the raw body is available to routes before anything parses it.
 */
export async function listen<Ctx extends BaseContext>(options: {
  apollo: ApolloServer<Ctx>;
  context: (req: IncomingMessage) => Promise<Ctx>;
  routes?: Record<string, Route>;
  gate?: Gate;
  statics?: StaticHandler;
  port?: number;
  host?: string;
  /** Request ids, spans, the access log and metrics (observed-request.ts). */
  observe?: RequestObserver;
}): Promise<Listening> {
  const { apollo, context, routes = {} } = options;
  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && options.statics && (await options.statics(req, res, url))) {
      const info = currentRequest();
      if (info) info.route = 'static';
      return;
    }
    const route = routes[url.pathname];
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (error) {
      // The rest of the body stays unread: the connection is closed after the answer, or the client's
      // next request on it would wait behind those bytes forever.
      if (error instanceof BodyTooLarge) return sendJson(res, 413, { error: 'PAYLOAD_TOO_LARGE' }, { connection: 'close' });
      throw error;
    }
    const refusal = await options.gate?.(req, body, url);
    if (refusal) return sendJson(res, refusal.status, refusal.body);
    if (route) {
      const reply = await route(req, body);
      if (reply.raw !== undefined) {
        res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(reply.raw) });
        res.end(req.method === 'HEAD' ? undefined : reply.raw);
        return;
      }
      return sendJson(res, reply.status, reply.body, reply.headers);
    }
    if (url.pathname !== '/graphql' && url.pathname !== '/') return sendJson(res, 404, { error: 'NOT_FOUND' });
    let parsed: unknown;
    try {
      parsed = parseJson(body);
    } catch {
      return sendJson(res, 400, { errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const result = await inRequestScope(() =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body: parsed },
        context: () => context(req),
      }),
    );
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
    } else {
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
  };
  const respond = (req: IncomingMessage, res: ServerResponse, url: URL) =>
    handle(req, res, url).catch((error: unknown) => {
      logger.error(loggableError(error), 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.destroy();
    });
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!options.observe) return void respond(req, res, url);
    // A bounded name for what was asked: a declared route, the GraphQL endpoint, else `other` (never the raw path).
    const path = url.pathname;
    const route = routes[path] || path === '/graphql' || path === '/' ? path : 'other';
    void observeRequest(options.observe, req, res, route, () => respond(req, res, url));
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
