/**
 * Issue 13, point 5: the gateway takes a new supergraph from its file without a restart, checks it
 * first (privacy lint, trusted documents still valid) and keeps serving the old one when the new
 * one fails; a swap under load fails no request.
 */
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from './harness.js';

let system: System;
let dir: string;
let file: string;
let committed: string;
let url: string;
let analyst: string;

beforeAll(async () => {
  system = await startSystem({ dataset: { persons: 10, seed: 3 } });
  dir = await mkdtemp(join(tmpdir(), 'supergraph-'));
  file = join(dir, 'supergraph.graphql');
  committed = await readFile(new URL('../schema/supergraph.graphql', import.meta.url), 'utf8');
  await writeFile(file, committed);
  const gateway = await system.startGateway({ supergraphFile: file, supergraphSdl: undefined });
  url = `${gateway.url}/graphql`;
  analyst = await system.token({ role: 'ANALYST', sub: 'analyst-reload' });
});
afterAll(async () => {
  await system?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** As `compose` does it: a new file moved into place. */
async function publish(text: string) {
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}

async function ask(query: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] } };
}

const measuresDescription = async () =>
  (await ask(`{ __type(name: "Query") { fields { name description } } }`, { authorization: `Bearer ${analyst}`, 'x-purpose': 'STATISTICS' })).body.data.__type.fields.find(
    (f: { name: string }) => f.name === 'measures',
  ).description as string;

async function until(check: () => Promise<boolean>, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe('a new supergraph without a restart', () => {
  it('swaps under load with no failed request', async () => {
    let stop = false;
    const failures: string[] = [];
    let answered = 0;
    const worker = async () => {
      while (!stop) {
        const { status, body } = await ask(`{ measures { code } publicDisclosures(first: 3) { edges { node { recordId domain } } } }`);
        if (status !== 200 || body.errors?.length || !body.data?.measures?.length) failures.push(`${status} ${JSON.stringify(body.errors ?? body.data)}`);
        answered++;
      }
    };
    const workers = [worker(), worker(), worker(), worker()];
    await new Promise((r) => setTimeout(r, 300));
    await publish(committed.replace('The published measures catalog;', 'The published measures catalog (v2);'));
    const swapped = await until(async () => (await measuresDescription()).includes('(v2)'));
    await new Promise((r) => setTimeout(r, 300));
    stop = true;
    await Promise.all(workers);
    expect(swapped).toBe(true);
    expect(answered).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  });

  it('keeps serving the old supergraph when the new one has an unclassified field', async () => {
    await publish(
      committed
        .replace('The published measures catalog;', 'The published measures catalog (v3);')
        .replace('documentNumber: String @join__field(graph: RECORDS) @privacy(level: PERSONAL)', 'documentNumber: String @join__field(graph: RECORDS)'),
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(await measuresDescription()).toContain('(v2)');
    expect((await ask('{ measures { code } }')).status).toBe(200);
  });

  it('refuses a supergraph under which a trusted document no longer validates (CreditRecord.summary removed)', async () => {
    await publish(
      committed
        .replace('The published measures catalog;', 'The published measures catalog (v4);')
        .replace('  summary: String @join__field(graph: RECORDS) @privacy(level: PERSONAL)\n', ''),
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(await measuresDescription()).toContain('(v2)');
  });
});
