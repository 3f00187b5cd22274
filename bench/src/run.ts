/**
 * `npm run bench`: every workload against every target, same subgraphs, same supergraph, same
 * machine, one run (issue 5). See BENCHMARKS.md and bench/README.md.
 *
 *   npm run bench                      # DATABASE_URL seeded by `npm run bench:seed`; writes BENCHMARKS.md
 *   npm run bench -- --smoke           # a fresh tiny database, 1 round of 1 s per cell, prints figures
 *   npm run bench -- --smoke --then-gateway-bound person-lookup,unified-view   # CI: both modes, one seed, one subgraph start
 *   npm run bench -- --growth          # person-lookup and unified-view on 10,000 vs DATABASE_URL's records
 *
 * Options: --rounds 5 --seconds 10 --warmup 5 --connections 50 --workloads a,b --targets a,b
 * --no-pin --no-write (leave BENCHMARKS.md alone) --no-subgraphs --growth-records 10000
 * --profile ours,hive-router (those targets run under --cpu-prof; profiles in bench/results/profiles)
 * --gateway-bound (the gateways reach the subgraphs through memoizing proxies: each gateway's own cost)
 * --then-gateway-bound a,b (after the run, the gateway-bound run of those workloads on the same data set and subgraphs)
 * --report bench/results/<file>.json (render a raw figures file into BENCHMARKS.md again, measuring nothing)
 * --write-share 0.01 (unified-view and person-lookup through the gateways: that share of requests are writes, writes.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { headerLookup, SIGNATURE_HEADER, signRequest, SUBGRAPH_NAMES, type SubgraphName } from '@credit/kit';
import postgres from 'postgres';
import { datasetInfo, DEFAULT_SEED, seedDatabase, type DatasetInfo } from './dataset.js';
import { measure, type Load, type Sample } from './measure.js';
import { defaultPinning, pinSelf, ROOT, type Pinning } from './processes.js';
import type { Stats } from './serve.js';
import { aggregate, growthMarkdown, printTable, resultsMarkdown, updateBenchmarksMd, resultsModeOf, type CellResult, type GrowthResult, type ResultsMode, type RunInfo } from './report.js';
import { apiSchema, GATEWAY_TARGETS, startStack, type GatewayTarget, type Stack, type Target } from './stack.js';
import { MIXED_WORKLOADS, readMostly, WRITER_DEPARTMENT, writeSubjects } from './writes.js';
import { buildWorkloads, sampleData, walkDisclosurePages, WORKLOAD_NAMES, type Workload, type WorkloadName } from './workloads.js';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    growth: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    seconds: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string', default: '50' },
    workloads: { type: 'string' },
    targets: { type: 'string' },
    'no-pin': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    'no-subgraphs': { type: 'boolean', default: false },
    'growth-records': { type: 'string', default: '10000' },
    profile: { type: 'string' },
    'gateway-bound': { type: 'boolean', default: false },
    'then-gateway-bound': { type: 'string' },
    report: { type: 'string' },
    'write-share': { type: 'string', default: '0' },
  },
});

const log = (line: string) => console.log(`[bench] ${line}`);
const smoke = values.smoke;
const rounds = Number(values.rounds ?? (smoke ? 1 : 3));
// A smoke shows that every cell runs, not how fast: one second each (57 cells in CI's run).
const seconds = Number(values.seconds ?? (smoke ? 1 : 10));
// The smoke run has no warm-up beyond the probe requests: it only has to print figures quickly.
const warmup = Number(values.warmup ?? (smoke ? 0 : 5));
// Nor a wide rotation: a gateway-bound run sends every body of every cell once before it measures
// (priming the replay proxies), and at 256 persons and pages that took most of a smoke's time.
const SMOKE_SAMPLES = 32;
const connections = Number(values.connections);
const workloadNames = (values.workloads?.split(',') ?? [...WORKLOAD_NAMES]) as WorkloadName[];
const gatewayBound = values['gateway-bound'];
const writeShare = Number(values['write-share']);
if (!(writeShare >= 0 && writeShare < 1)) throw new Error(`--write-share is a fraction below 1, e.g. 0.01, not ${values['write-share']}`);
// Gateway-bound, the single server has no subgraphs to stand in for: it would still do all the SQL.
const targetsFor = (bound: boolean) => (values.targets?.split(',') ?? GATEWAY_TARGETS.filter((t) => !bound || t !== 'monolith')) as GatewayTarget[];
const targetNames = targetsFor(gatewayBound);
const thenGatewayBound = values['then-gateway-bound']?.split(',') as WorkloadName[] | undefined;
if (thenGatewayBound && (gatewayBound || values.growth || values.report)) throw new Error('--then-gateway-bound follows a run of the full stack: not with --gateway-bound, --growth or --report');
for (const w of [...workloadNames, ...(thenGatewayBound ?? [])]) if (!WORKLOAD_NAMES.includes(w)) throw new Error(`unknown workload ${w}; one of ${WORKLOAD_NAMES.join(', ')}`);
for (const t of targetNames) if (!GATEWAY_TARGETS.includes(t)) throw new Error(`unknown target ${t}; one of ${GATEWAY_TARGETS.join(', ')}`);

/** One run over a started stack: the full stack, or gateway-bound (the targets in front of the replay proxies). */
interface Pass {
  gatewayBound: boolean;
  workloads: WorkloadName[];
  targets: GatewayTarget[];
  /** The subgraph rows: each subgraph measured directly with the requests a gateway sends it. */
  withSubgraphs: boolean;
}

if (values.report) {
  // Renders a raw figures file again (its own command and machine), measuring nothing.
  const raw = JSON.parse(readFileSync(values.report, 'utf8')) as { info: RunInfo; mode?: ResultsMode; skipped?: { name: string; reason: string }[]; results: CellResult[] };
  const mode = raw.mode === 'gateway-bound' ? raw.mode : resultsModeOf(false, raw.results.map((r) => r.target));
  const cells = aggregate(raw.results);
  console.log(printTable(cells));
  if (!values['no-write']) updateBenchmarksMd(mode, resultsMarkdown(raw.info, cells, raw.skipped ?? [], mode));
  process.exit(0);
}

const baseUrl = process.env.DATABASE_URL;
if (!baseUrl || !/^postgres(ql)?:\/\//.test(baseUrl)) {
  console.error('npm run bench needs PostgreSQL: DATABASE_URL=postgres://user@host:5432/database (seeded with `npm run bench:seed`; --smoke makes its own database)');
  process.exit(2);
}
process.env.LOG_LEVEL ??= 'warn';

const pinning: Pinning = defaultPinning(!values['no-pin']);
pinSelf(pinning.loadgen);
const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;

async function postgresVersion(url: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ v: string }[]>`select current_setting('server_version') as v`;
    return row?.v ?? '?';
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function runInfo(dataset: DatasetInfo | null, pg: string): RunInfo {
  return {
    command,
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}, PostgreSQL ${pg}`,
    pinning: pinning.server ? `load generator on CPU ${pinning.loadgen}, target on CPU ${pinning.server}, subgraphs and PostgreSQL unpinned` : 'not pinned',
    dataset,
    connections,
    seconds,
    rounds,
    warmup,
  };
}

/** A fresh database on the same server as DATABASE_URL, dropped by the returned function. */
async function scratchDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(baseUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(baseUrl!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

interface Cell {
  workload: WorkloadName;
  target: Target;
  load: Load;
  /** Process whose RSS is reported. */
  pid: number;
}

async function cellsFor(stack: Stack, workloads: Workload[], pass: Pass): Promise<Cell[]> {
  const cells: Cell[] = [];
  for (const workload of workloads) {
    if (pass.withSubgraphs) {
      const fetches = await stack.capture(workload);
      const byGraph = new Map<SubgraphName, typeof fetches>();
      for (const f of fetches) byGraph.set(f.graph, [...(byGraph.get(f.graph) ?? []), f]);
      for (const graph of SUBGRAPH_NAMES) {
        const own = byGraph.get(graph);
        if (!own) continue;
        const sub = stack.subgraphs[graph];
        cells.push({
          workload: workload.name,
          target: `subgraph:${graph}`,
          load: { url: sub.url, bodies: own.map((f) => f.body), headers: own[0]!.headers, signWith: stack.signingKey },
          pid: sub.pid,
        });
      }
    }
    const headers = await stack.clientHeaders(workload.caller);
    const mixed = writeShare > 0 && MIXED_WORKLOADS.has(workload.name);
    const subjects = mixed ? await writeSubjects(databaseUrl, workload) : [];
    const writer = mixed ? await stack.writerHeaders(WRITER_DEPARTMENT) : {};
    for (const target of pass.targets) {
      const p = stack.targets[target];
      if (!p) continue;
      // Each cell its own document numbers: a record is submitted once, whichever target sends it.
      const pick = mixed ? readMostly(workload, subjects, writer, writeShare, `${stamp}-${target}`) : undefined;
      cells.push({ workload: workload.name, target, load: { url: p.url, bodies: workload.bodies, headers, ...(pick ? { pick } : {}) }, pid: p.pid });
    }
  }
  return cells;
}

/**
 * Waits until no process's counters move any more and PostgreSQL runs none of their statements:
 * answers in flight when a run stopped have finished, and their queued SQL (slow statistics
 * queries pile up) does not slow the next cell down.
 */
async function quiescent(stack: Stack, maxMs = 60_000): Promise<Record<string, Stats>> {
  const deadline = performance.now() + maxMs;
  let last = await stack.counters();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = await stack.counters();
    const same = Object.keys(now).every((k) => now[k]!.graphqlRequests === last[k]?.graphqlRequests && now[k]!.statements === last[k]?.statements);
    if (performance.now() > deadline) {
      log('  (the servers did not go quiet within 60 s; measuring anyway)');
      return now;
    }
    if (same && (await stack.activeStatements()) === 0) return now;
    last = now;
  }
}

/** Subgraph GraphQL requests and SQL statements between two snapshots, for one cell's target. */
function workBetween(target: Target, before: Record<string, Stats>, after: Record<string, Stats>) {
  let subgraphRequests = 0;
  let statements = 0;
  const direct = target.startsWith('subgraph:');
  const keys: readonly string[] = direct ? [target] : [...SUBGRAPH_NAMES.map((n) => `subgraph:${n}`), 'monolith'];
  // Gateway-bound, the gateway's subgraph requests are those the replay proxies received; the
  // subgraphs see only the proxies' misses (and their SQL is still counted).
  const sentTo = !direct && after.replay ? ['replay'] : keys.filter((k) => k.startsWith('subgraph:') && !direct);
  for (const key of keys) {
    const a = after[key];
    const b = before[key];
    if (a && b) statements += a.statements - b.statements;
  }
  for (const key of sentTo) {
    const a = after[key];
    const b = before[key];
    if (a && b) subgraphRequests += a.graphqlRequests - b.graphqlRequests;
  }
  return { subgraphRequests, statements };
}

async function measureCell(stack: Stack, cell: Cell, duration: number, readRss: (pid: number) => number) {
  const before = await quiescent(stack);
  let rssPeak = readRss(cell.pid);
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, readRss(cell.pid))), 250);
  let sample: Sample;
  try {
    sample = await measure(cell.load, { connections, seconds: duration });
  } finally {
    clearInterval(sampler);
  }
  // Requests still in flight when autocannon stopped are finished by the servers: count their
  // work against the requests sent, and keep it out of the next cell.
  const after = await quiescent(stack);
  const { subgraphRequests, statements } = workBetween(cell.target, before, after);
  const n = Math.max(1, sample.sent);
  return { ...sample, rssBytes: rssPeak, subgraphRequestsPerRequest: subgraphRequests / n, statementsPerRequest: statements / n };
}

/**
 * Requests alone, one after the other: the exact subgraph requests and SQL statements per request,
 * averaged over the first bodies of the rotation (persons differ: one without objections needs no
 * entity fetch for them), and the first answer (to compare targets).
 */
async function probe(stack: Stack, cell: Cell, count = 16): Promise<{ subgraphRequests: number; statements: number; data: string }> {
  const bodies = cell.load.bodies.slice(0, count);
  const url = new URL('/graphql', cell.load.url);
  let data = '';
  const before = await quiescent(stack);
  for (const [i, body] of bodies.entries()) {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...cell.load.headers };
    if (cell.load.signWith) headers[SIGNATURE_HEADER] = signRequest(cell.load.signWith, { method: 'POST', path: url.pathname, header: headerLookup(headers), body });
    const response = await fetch(url, { method: 'POST', headers, body });
    const answer = (await response.json()) as { data?: unknown; errors?: unknown };
    if (i === 0) data = JSON.stringify(answer.errors ? answer : answer.data);
  }
  const after = await quiescent(stack);
  const work = workBetween(cell.target, before, after);
  return { subgraphRequests: work.subgraphRequests / bodies.length, statements: work.statements / bodies.length, data };
}

/** Every body of the cell's rotation once, 8 at a time: afterwards the replay proxies hold every answer its runs need. */
async function prime(cell: Cell): Promise<void> {
  const url = new URL('/graphql', cell.load.url);
  const queue = [...cell.load.bodies];
  const send = async () => {
    for (let body = queue.shift(); body !== undefined; body = queue.shift()) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...cell.load.headers }, body });
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 8 }, send));
}

async function benchmark(stack: Stack, workloads: Workload[], readRss: (pid: number) => number, pass: Pass): Promise<CellResult[]> {
  const disclosure = workloads.find((w) => w.name === 'disclosure');
  const walker = stack.targets.apollo ?? stack.targets.monolith ?? Object.values(stack.targets)[0];
  if (disclosure && walker) await walkDisclosurePages(disclosure, walker.url);
  const cells = await cellsFor(stack, workloads, pass);
  const results = new Map<string, CellResult>();
  const key = (c: Cell) => `${c.workload}|${c.target}`;
  // Exact work of one request alone, and the same answer from every gateway target.
  const reference = new Map<WorkloadName, { target: Target; data: string }>();
  for (const cell of cells) {
    const p = await probe(stack, cell);
    results.set(key(cell), { workload: cell.workload, target: cell.target, rounds: [], probe: { subgraphRequests: p.subgraphRequests, statements: p.statements } });
    if (cell.target.startsWith('subgraph:')) continue;
    const ref = reference.get(cell.workload);
    if (!ref) reference.set(cell.workload, { target: cell.target, data: p.data });
    else if (ref.data !== p.data) log(`  note: ${cell.workload} answers differ between ${ref.target} and ${cell.target}: ${p.data.slice(0, 300)}`);
  }
  if (pass.gatewayBound) {
    log('priming the replay proxies: every body of every cell once');
    for (const cell of cells) await prime(cell);
  }
  if (warmup > 0) {
    log(`warm-up: ${warmup} s per cell, ${cells.length} cells`);
    for (const cell of cells) {
      // A cache's steady state under a read-mostly load is warm: every body of the rotation once, first.
      if (cell.target.endsWith('-cache')) {
        const t = performance.now();
        await prime(cell);
        log(`  primed ${cell.workload} × ${cell.target}: ${cell.load.bodies.length} bodies in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }
      const w = await measureCell(stack, cell, warmup, readRss);
      if (w.errors) log(`  warm-up ${cell.workload} × ${cell.target}: ${w.errors} errors, e.g. ${w.errorSample ?? '(no body)'}`);
    }
  }
  for (let round = 1; round <= rounds; round++) {
    // Alternate the order of targets every round, so slow drift (heat, other load) cancels out.
    const byWorkload = WORKLOAD_NAMES.map((w) => cells.filter((c) => c.workload === w));
    const ordered = byWorkload.flatMap((list) => (round % 2 === 0 ? [...list].reverse() : list));
    for (const cell of ordered) {
      const m = await measureCell(stack, cell, seconds, readRss);
      results.get(key(cell))!.rounds.push(m);
      log(
        `round ${round} ${cell.workload.padEnd(13)} ${cell.target.padEnd(19)} ${m.rps.toFixed(1).padStart(8)} req/s  ` +
          `p50 ${m.p50.toFixed(0)} p95 ${m.p95.toFixed(0)} p99 ${m.p99.toFixed(0)} ms  err ${m.errors}  ` +
          `sub/req ${m.subgraphRequestsPerRequest.toFixed(2)}  sql/req ${m.statementsPerRequest.toFixed(2)}  rss ${(m.rssBytes / 2 ** 20).toFixed(0)} MB` +
          (m.errorSample ? `\n    first error: ${m.errorSample}` : ''),
      );
    }
  }
  return [...results.values()];
}

function writeJson(name: string, data: unknown): string {
  const dir = `${ROOT}bench/results`;
  mkdirSync(dir, { recursive: true });
  const file = `${dir}/${name}`;
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
const { readRss } = await import('./processes.js');

if (values.growth) {
  // Growth: the same two workloads on a small database and on DATABASE_URL's (the large one).
  const large = await datasetInfo(baseUrl);
  if (!large) throw new Error('DATABASE_URL holds no benchmark data set: run `npm run bench:seed -- --persons 100000 --records 1000000` first');
  const smallRecords = Number(values['growth-records']);
  const smallPersons = Math.max(1, Math.round(smallRecords / (large.records / large.persons)));
  const small = await scratchDatabase('credit_bench_growth');
  const pg = await postgresVersion(baseUrl);
  const growth: GrowthResult[] = [];
  try {
    log(`seeding the small data set: ${smallPersons} persons, ${smallRecords} records`);
    await seedDatabase(small.url, { persons: smallPersons, records: smallRecords, seed: large.seed ?? DEFAULT_SEED });
    const growthTargets = targetNames.filter((t) => t === 'ours' || t === 'monolith');
    for (const [label, url] of [['small', small.url], ['large', baseUrl]] as const) {
      const info = await datasetInfo(url);
      const stack = await startStack({ databaseUrl: url, targets: growthTargets, pinning, log });
      try {
        const { workloads } = buildWorkloads(['person-lookup', 'unified-view'], apiSchema(), await sampleData(url));
        const results = await benchmark(stack, workloads, readRss, { gatewayBound: false, workloads: ['person-lookup', 'unified-view'], targets: growthTargets, withSubgraphs: false });
        const pageSizes = await statementsByPageSize(stack, workloads.find((w) => w.name === 'unified-view'));
        growth.push({ label, dataset: info, cells: aggregate(results), statementsByPageSize: pageSizes });
      } finally {
        await stack.close();
      }
    }
  } finally {
    await small.drop();
  }
  const info = runInfo(large, pg);
  const file = writeJson(`growth-${stamp}.json`, { info, growth });
  console.log(`\n${growthMarkdown(info, growth)}`);
  log(`raw figures: ${file}`);
  if (!values['no-write']) updateBenchmarksMd('growth', growthMarkdown(info, growth));
  process.exit(0);
}

/** SQL statements of one unified-view request through our gateway, per page size: it must not grow with the page. */
async function statementsByPageSize(stack: Stack, workload: Workload | undefined): Promise<{ pageSize: number; statements: number }[]> {
  const target = stack.targets.ours ?? stack.targets.monolith;
  if (!workload || !target) return [];
  const document = workload.document
    .replace('query UnifiedViewPage($after: String)', 'query UnifiedViewPage($after: String, $first: Int)')
    .replace('persons(first: 20,', 'persons(first: $first,');
  const headers = { 'content-type': 'application/json', ...(await stack.clientHeaders(workload.caller)) };
  const out: { pageSize: number; statements: number }[] = [];
  for (const pageSize of [5, 20, 50, 100]) {
    const before = await stack.counters();
    const response = await fetch(new URL('/graphql', target.url), { method: 'POST', headers, body: JSON.stringify({ query: document, variables: { first: pageSize } }) });
    const body = (await response.json()) as { errors?: unknown[] };
    const after = await stack.counters();
    const statements = Object.keys(after).reduce((sum, k) => sum + after[k]!.statements - (before[k]?.statements ?? 0), 0);
    out.push({ pageSize, statements: body.errors ? Number.NaN : statements });
  }
  return out;
}

let scratch: { url: string; drop: () => Promise<void> } | undefined;
let databaseUrl = baseUrl;
if (smoke) {
  scratch = await scratchDatabase('credit_bench_smoke');
  databaseUrl = scratch.url;
  const t = performance.now();
  const report = await seedDatabase(databaseUrl, { persons: 2000, records: 20000, seed: DEFAULT_SEED });
  log(`smoke data set: ${report.persons} persons, ${report.records} records in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
let exitCode = 0;
try {
  const dataset = await datasetInfo(databaseUrl);
  if (!dataset) throw new Error('DATABASE_URL holds no benchmark data set: run `npm run bench:seed -- --persons 100000 --records 1000000` first');
  log(`data set: ${dataset.persons} persons, ${dataset.records} credit records (seed ${dataset.seed}, ${dataset.seededAt})`);
  const passes: Pass[] = [{ gatewayBound, workloads: workloadNames, targets: targetNames, withSubgraphs: !values['no-subgraphs'] && !gatewayBound }];
  if (thenGatewayBound) passes.push({ gatewayBound: true, workloads: thenGatewayBound, targets: targetsFor(true), withSubgraphs: false });
  const samples = smoke ? await sampleData(databaseUrl, SMOKE_SAMPLES) : await sampleData(databaseUrl);
  const profile = values.profile ? { targets: values.profile.split(','), dir: `${ROOT}bench/results/profiles` } : undefined;
  if (profile) log(`CPU profiles of ${profile.targets.join(', ')} go to ${profile.dir} when the run ends`);
  const stack = await startStack({ databaseUrl, targets: passes[0]!.targets, pinning, log, replay: gatewayBound, ...(profile ? { profile } : {}) });
  try {
    for (const [i, pass] of passes.entries()) {
      if (i > 0) {
        log(`then gateway-bound: ${pass.workloads.join(', ')} on the same data set and subgraphs`);
        await stack.restartTargets(pass.targets, true);
      }
      const { workloads, skipped } = buildWorkloads(pass.workloads, apiSchema(), samples);
      for (const s of skipped) log(`skipping workload ${s.name}: ${s.reason}`);
      const results = await benchmark(stack, workloads, readRss, pass);
      const info = runInfo(dataset, await postgresVersion(databaseUrl));
      const cells = aggregate(results);
      const mode = resultsModeOf(pass.gatewayBound, pass.targets);
      const file = writeJson(`${smoke ? 'smoke-' : ''}${pass.gatewayBound ? 'gateway-bound' : smoke ? 'peers' : 'bench'}-${stamp}.json`, { info, mode, skipped, results });
      console.log(`\n${printTable(cells)}`);
      log(`raw figures: ${file}`);
      if (!smoke && !values['no-write']) {
        updateBenchmarksMd(mode, resultsMarkdown(info, cells, skipped, mode));
        log(`BENCHMARKS.md updated (${mode})`);
      }
    }
  } finally {
    await stack.close();
  }
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await scratch?.drop();
}
process.exit(exitCode);
