/**
 * The gateway-bound benchmark's stand-in for the subgraphs: one memoizing HTTP proxy per subgraph.
 * The first request with a given body and caller goes to the real subgraph, signed by the gateway
 * as usual, and its answer is kept; every later one is answered from memory. With the subgraphs'
 * and PostgreSQL's work out of the way, what is left is each gateway's own cost, as in the public
 * federation benchmarks (static subgraphs), but with this graph's real answers.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';
import { CALLER_HEADERS } from '@credit/schema';

interface Answer {
  status: number;
  contentType: string;
  body: Buffer;
}

export interface ReplayProxy {
  url: string;
  /** Requests received, and of them those that went to the subgraph. */
  counts(): { requests: number; misses: number };
  close(): Promise<void>;
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: target.host };
    const out = httpRequest(new URL(req.url ?? '/graphql', target), { method: req.method, headers }, (res) => {
      void buffer(res).then(
        (bytes) => resolve({ status: res.statusCode ?? 502, contentType: String(res.headers['content-type'] ?? 'application/json'), body: bytes }),
        reject,
      );
    });
    out.on('error', reject);
    out.end(body);
  });
}

/** The key of an answer: what the subgraph's answer depends on (the signature and transport headers are not part of it). */
function keyOf(req: IncomingMessage, body: Buffer): string {
  const caller = Object.values(CALLER_HEADERS).map((h) => String(req.headers[h] ?? ''));
  return `${req.method} ${req.url}\n${caller.join('\n')}\n${body.toString('utf8')}`;
}

export async function startReplayProxy(subgraphUrl: string): Promise<ReplayProxy> {
  const target = new URL(subgraphUrl);
  const answers = new Map<string, Promise<Answer>>();
  let requests = 0;
  let misses = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests++;
    void buffer(req)
      .then((body) => {
        const key = keyOf(req, body);
        let answer = answers.get(key);
        if (!answer) {
          misses++;
          answer = forward(target, req, body);
          answers.set(key, answer);
          // A failed answer is not kept: the next request tries the subgraph again.
          answer.then((a) => a.status >= 500 && answers.delete(key), () => answers.delete(key));
        }
        return answer;
      })
      .then(
        (a) => {
          res.writeHead(a.status, { 'content-type': a.contentType, 'content-length': a.body.byteLength });
          res.end(a.body);
        },
        (error: unknown) => {
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(error instanceof Error ? error.message : String(error));
        },
      );
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts: () => ({ requests, misses }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
