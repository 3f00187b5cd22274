/**
 * `npm run bench:privacy -- [--persons 500] [--seconds 8] [--rounds 3] [--connections 16]`:
 * the unified view of one person through two gateways over the same four subgraphs, one with the
 * privacy engine (decisions, masks, query log) and one without, in alternating rounds so drift
 * cancels. Prints requests/s and latency per round and the median ratio. PostgreSQL when
 * DATABASE_URL is set, else the embedded PGlite.
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { syntheticSlice } from '@credit/kit';
import { startSystem } from '../test/harness.js';
import { UNIFIED_VIEW } from '../test/queries.js';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '16' },
  },
});
const dataset = { persons: Number(values.persons), seed: 20261121 };
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const connections = Number(values.connections);

process.env.LOG_LEVEL ??= 'warn';
const system = await startSystem({ dataset });
const plain = await system.startGateway({ enforcement: false });
const token = await system.token({ role: 'CREDIT_OFFICE', sub: 'bench', department: 'credit-office' });
const body = JSON.stringify({ query: UNIFIED_VIEW, variables: { id: syntheticSlice(dataset, 2).person.id } });
const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'OBJECTION_REVIEW' };

async function measure(url: string) {
  const result = await autocannon({ url: `${url}/graphql`, method: 'POST', headers, body, connections, duration: seconds });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
await measure(system.gateway.url); // warm-up: plans cached, connections open
await measure(plain.url);
const on: number[] = [];
const off: number[] = [];
for (let round = 1; round <= rounds; round++) {
  for (const [label, url, list] of [['enforcement on ', system.gateway.url, on], ['enforcement off', plain.url, off]] as const) {
    const m = await measure(url);
    list.push(m.rps);
    console.log(`round ${round} ${label}: ${m.rps.toFixed(1)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, errors ${m.errors}`);
  }
}
const ratio = median(on) / median(off);
console.log(
  `\nunified view (one person, all four subgraphs), ${connections} connections, ${seconds} s x ${rounds} rounds, ` +
    `${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}:\n` +
    `  median with enforcement ${median(on).toFixed(1)} req/s, without ${median(off).toFixed(1)} req/s, ratio ${ratio.toFixed(3)} ` +
    `(overhead ${((1 - ratio) * 100).toFixed(1)}%)`,
);
await system.close();
