import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpFetcher } from './http-fetcher.js';

let server: Server;
let base: string;
const sockets = new Set<unknown>();
beforeAll(async () => {
  server = createServer((req, res) => {
    sockets.add(req.socket);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/slow') return void setTimeout(() => res.end('late'), 500);
      res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json', 'x-echo-method': req.method ?? '' });
      res.end(JSON.stringify({ body: Buffer.concat(chunks).toString('utf8'), signature: req.headers['x-signature'] ?? null }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('the keep-alive subgraph transport', () => {
  it('sends method, headers and body, and answers like fetch', async () => {
    const fetcher = createHttpFetcher();
    const response = await fetcher(`${base}/graphql`, { method: 'POST', headers: { 'x-signature': 'sig' }, body: '{"query":"{ a }"}' });
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-echo-method')).toBe('POST');
    expect(await response.clone().json()).toEqual({ body: '{"query":"{ a }"}', signature: 'sig' });
    expect(await response.text()).toContain('signature');
    expect(response.bodyUsed).toBe(true);
    const missing = await fetcher(`${base}/missing`, { method: 'POST', body: '' });
    expect(missing.ok).toBe(false);
    expect(missing.status).toBe(404);
    fetcher.close();
  });

  it('reuses its sockets across requests', async () => {
    const fetcher = createHttpFetcher({ maxSockets: 2 });
    sockets.clear();
    for (let i = 0; i < 10; i++) await fetcher(`${base}/graphql`, { method: 'POST', body: String(i) });
    expect(sockets.size).toBe(1);
    await Promise.all(Array.from({ length: 10 }, (_, i) => fetcher(`${base}/graphql`, { method: 'POST', body: String(i) })));
    expect(sockets.size).toBeLessThanOrEqual(2);
    fetcher.close();
  });

  it('fails a subgraph that does not answer in time, and an aborted request', async () => {
    const fetcher = createHttpFetcher({ timeoutMs: 100 });
    await expect(fetcher(`${base}/slow`, { method: 'POST', body: '' })).rejects.toThrow(/within 100 ms/);
    await expect(fetcher(`${base}/slow`, { method: 'POST', body: '', signal: AbortSignal.timeout(50) })).rejects.toThrow();
    fetcher.close();
  });
});
