import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDedupingFetcher } from './dedupe-fetcher.js';
import { createHttpFetcher } from './http-fetcher.js';

let server: Server;
let url: string;
let received: { body: string; caller: string | undefined }[] = [];
beforeAll(async () => {
  // A subgraph that answers after 50 ms with a count, so that requests overlap and each answer says which request made it.
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), caller: req.headers['x-credit-principal'] as string | undefined });
      const n = received.length;
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: { n }, extensions: { servedPersons: ['p1'] } }));
      }, 50);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  received = [];
});

const query = (text: string) => JSON.stringify({ query: text, variables: { id: '1' } });
const post = (body: string, caller = 'officer') => ({ method: 'POST', headers: { 'content-type': 'application/json', 'x-credit-principal': caller }, body });

describe('sharing identical subgraph queries in flight', () => {
  it('sends one request for identical queries at the same moment, and gives each caller its own parsed copy', async () => {
    const fetcher = createDedupingFetcher(createHttpFetcher());
    const body = query('query Q__records__0 { a }');
    const answers = await Promise.all(Array.from({ length: 5 }, () => fetcher(url, post(body)).then((r) => r.json())));
    expect(received).toHaveLength(1);
    expect(answers.every((a) => JSON.stringify(a) === JSON.stringify(answers[0]))).toBe(true);
    // Separate objects: one caller's gateway may change its copy without touching another's.
    (answers[0] as { data: { n: number } }).data.n = 99;
    expect((answers[1] as { data: { n: number } }).data.n).toBe(1);
  });

  it('never shares between callers, bodies, or with a mutation, and not once the first answer is in', async () => {
    const fetcher = createDedupingFetcher(createHttpFetcher());
    const body = query('{ a }');
    await Promise.all([
      fetcher(url, post(body, 'officer')),
      fetcher(url, post(body, 'citizen')),
      fetcher(url, post(query('{ b }'), 'officer')),
      fetcher(url, post(query('mutation M { a }'))),
      fetcher(url, post(query('mutation M { a }'))),
    ]);
    expect(received).toHaveLength(5);
    await fetcher(url, post(body, 'officer'));
    expect(received).toHaveLength(6);
  });

  it('fails every sharer when the request fails, and forgets it', async () => {
    const fetcher = createDedupingFetcher(createHttpFetcher());
    const closed = 'http://127.0.0.1:1/graphql';
    const body = query('{ a }');
    const results = await Promise.allSettled([fetcher(closed, post(body)), fetcher(closed, post(body))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const again = await fetcher(url, post(body));
    expect(again.ok).toBe(true);
  });
});
