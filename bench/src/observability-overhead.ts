/**
 * What the operations side (issue 14) costs per request, in CPU time, measured in one process so
 * a busy machine inflates every arm alike:
 *
 *   npx tsx bench/src/observability-overhead.ts > /dev/null 2> overhead.txt   # stdout takes the access lines
 *
 * Three kit `listen` servers answer the same trivial route over keep-alive HTTP: `bare` (no
 * observer, as before issue 14), `observed` (request id, request info, metrics, one access line
 * at info level) and, in a second phase with tracing on (OTLP http/protobuf to a local sink,
 * batch processor), `traced` (the same plus a server span and 9 child spans per request, about
 * what one subgraph hop of a unified view makes). Rounds alternate; medians of CPU microseconds
 * per request (client included, the same in every arm) are printed to stderr.
 */
import { createServer } from 'node:http';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { Counter, createRegistry, currentRequest, Histogram, LATENCY_BUCKETS, listen, logger, setupTracing, tracer, type Listening, type RequestObserver } from '@credit/kit';

const REQUESTS = Number(process.env.REQUESTS ?? 3000);
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const CONCURRENCY = 8;
logger.level = 'info';

const apollo = new ApolloServer({ typeDefs: 'type Query { a: Int }' });

function observer(): RequestObserver {
  const registry = createRegistry();
  const requests = new Counter({ name: 'bench_requests_total', help: 'h', labelNames: ['operation', 'status'], registers: [registry] });
  const latency = new Histogram({ name: 'bench_request_duration_seconds', help: 'h', labelNames: ['operation'], buckets: LATENCY_BUCKETS, registers: [registry] });
  return {
    continueTrace: true,
    keepRequestId: true,
    end(info, status, seconds) {
      requests.inc({ operation: info.operation ?? 'other', status: String(status) });
      latency.observe({ operation: info.operation ?? 'other' }, seconds);
    },
  };
}

const route = async () => {
  // Children of the request's span in the traced arm (as SQL spans are); nothing without one.
  if (currentRequest()?.span) for (let i = 0; i < 9; i++) tracer.startSpan('SELECT bench.table').end();
  return { status: 200, body: { ok: true } };
};

async function server(observe?: RequestObserver): Promise<Listening> {
  return listen({ apollo, context: async () => ({}), routes: { '/work': route }, observe });
}

/** Runs inside the measurement after the requests: the traced arm exports its spans there, not in the next arm's round. */
let settle: () => Promise<void> = async () => {};

async function round(url: string): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(`${url}/work`, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end('{}');
    });
  let sent = 0;
  const worker = async () => {
    while (sent < REQUESTS) {
      sent++;
      await one();
    }
  };
  const before = process.cpuUsage();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await settle();
  const used = process.cpuUsage(before);
  agent.destroy();
  return (used.user + used.system) / REQUESTS;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function compare(arms: Record<string, Listening>): Promise<Record<string, number>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(arms).map((name) => [name, []]));
  for (const server of Object.values(arms)) await round(server.url); // warm-up
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, server] of Object.entries(arms)) samples[name]!.push(await round(server.url));
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

const bare = await server();
const observed = await server(observer());
const phase1 = await compare({ bare, observed });

// A local OTLP sink, so the batch processor serialises and posts as it would to a collector.
const sink = createServer((req, res) => req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end()));
await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
const tracing = await setupTracing({
  serviceName: 'bench',
  env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(sink.address() as AddressInfo).port}` },
});
settle = async () => {
  await tracing?.flush();
};
const traced = await server(observer());
const phase2 = await compare({ bare, traced });
await tracing?.shutdown();

console.error(`CPU µs per request (median of ${ROUNDS} rounds of ${REQUESTS}, ${CONCURRENCY} connections, client included)`);
console.error(`bare ${phase1.bare!.toFixed(1)} | observed ${phase1.observed!.toFixed(1)} (+${(phase1.observed! - phase1.bare!).toFixed(1)})`);
console.error(`bare ${phase2.bare!.toFixed(1)} | traced, 10 spans ${phase2.traced!.toFixed(1)} (+${(phase2.traced! - phase2.bare!).toFixed(1)})`);
for (const s of [bare, observed, traced]) await s.close();
sink.close();
process.exit(0);
