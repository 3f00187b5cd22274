/** Medians over rounds, the console table, and the generated sections of BENCHMARKS.md. */
import { readFileSync, writeFileSync } from 'node:fs';
import type { DatasetInfo } from './dataset.js';
import type { Sample } from './measure.js';
import { ROOT } from './processes.js';
import { TARGET_LABELS, type GatewayTarget, type Target } from './stack.js';
import type { WorkloadName } from './workloads.js';

export interface RoundResult extends Sample {
  rssBytes: number;
  subgraphRequestsPerRequest: number;
  statementsPerRequest: number;
}

export interface CellResult {
  workload: WorkloadName;
  target: Target;
  rounds: RoundResult[];
  /** One request alone: its exact subgraph requests and SQL statements. */
  probe?: { subgraphRequests: number; statements: number };
}

export interface Aggregate {
  workload: WorkloadName;
  target: Target;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  rssMB: number;
  /** Per client request, from the probe (one request alone); under load in `underLoad`. */
  subgraphRequests: number;
  statements: number;
  underLoad: { subgraphRequests: number; statements: number };
  roundsRps: number[];
}

export interface RunInfo {
  command: string;
  date: string;
  machine: string;
  pinning: string;
  dataset: DatasetInfo | null;
  connections: number;
  seconds: number;
  rounds: number;
  warmup: number;
}

export interface GrowthResult {
  label: 'small' | 'large';
  dataset: DatasetInfo | null;
  cells: Aggregate[];
  statementsByPageSize: { pageSize: number; statements: number }[];
}

export const median = (xs: number[]): number => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export function aggregate(results: CellResult[]): Aggregate[] {
  return results.map(({ workload, target, rounds, probe }) => ({
    workload,
    target,
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.p50)),
    p95: median(rounds.map((r) => r.p95)),
    p99: median(rounds.map((r) => r.p99)),
    errors: rounds.reduce((s, r) => s + r.errors, 0),
    rssMB: Math.max(...rounds.map((r) => r.rssBytes)) / 2 ** 20,
    subgraphRequests: probe?.subgraphRequests ?? median(rounds.map((r) => r.subgraphRequestsPerRequest)),
    statements: probe?.statements ?? median(rounds.map((r) => r.statementsPerRequest)),
    underLoad: { subgraphRequests: median(rounds.map((r) => r.subgraphRequestsPerRequest)), statements: median(rounds.map((r) => r.statementsPerRequest)) },
    roundsRps: rounds.map((r) => r.rps),
  }));
}

const PEERS: GatewayTarget[] = ['apollo', 'hive', 'hive-router', 'hive-router-cache'];

const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '–');
/**
 * a's throughput over b's: the median of the per-round ratios. The cells of one workload run back
 * to back within a round, so drift between rounds (this shared machine's speed moved by 30 %
 * between rounds) cancels; without matching rounds, the ratio of the medians.
 */
export function throughputRatio(a: Aggregate | undefined, b: Aggregate | undefined): number | undefined {
  if (!a || !b) return undefined;
  if (a.roundsRps.length === 0 || a.roundsRps.length !== b.roundsRps.length) return b.rps ? a.rps / b.rps : undefined;
  return median(a.roundsRps.map((x, i) => x / b.roundsRps[i]!));
}
const ratio = (a: Aggregate | undefined, b: Aggregate | undefined) => {
  const r = throughputRatio(a, b);
  return r !== undefined && Number.isFinite(r) ? `${r.toFixed(2)}×` : '–';
};
const label = (t: Target) => (t.startsWith('subgraph:') ? `${t.slice('subgraph:'.length)} subgraph, directly` : TARGET_LABELS[t as GatewayTarget]);

function byWorkload(cells: Aggregate[]): Map<WorkloadName, Aggregate[]> {
  const out = new Map<WorkloadName, Aggregate[]>();
  for (const c of cells) out.set(c.workload, [...(out.get(c.workload) ?? []), c]);
  return out;
}

function fastestPeer(list: Aggregate[]): Aggregate | undefined {
  return list.filter((c) => PEERS.includes(c.target as GatewayTarget)).sort((a, b) => b.rps - a.rps)[0];
}

export function printTable(cells: Aggregate[]): string {
  const lines: string[] = [];
  for (const [workload, list] of byWorkload(cells)) {
    const apollo = list.find((c) => c.target === 'apollo');
    const peer = fastestPeer(list);
    lines.push(`${workload}`);
    lines.push(
      `  ${'target'.padEnd(20)} ${'req/s'.padStart(8)} ${'×apollo'.padStart(8)} ${'×peer'.padStart(7)} ${'p50'.padStart(6)} ${'p95'.padStart(6)} ${'p99'.padStart(6)} ${'err'.padStart(5)} ${'RSS MB'.padStart(7)} ${'sub/req'.padStart(8)} ${'sql/req'.padStart(8)} ${'sub@load'.padStart(8)}`,
    );
    for (const c of list) {
      const isGateway = !c.target.startsWith('subgraph:');
      lines.push(
        `  ${c.target.padEnd(20)} ${fmt(c.rps).padStart(8)} ${(isGateway ? ratio(c, apollo) : '').padStart(8)} ${(isGateway ? ratio(c, peer) : '').padStart(7)} ` +
          `${fmt(c.p50, 0).padStart(6)} ${fmt(c.p95, 0).padStart(6)} ${fmt(c.p99, 0).padStart(6)} ${String(c.errors).padStart(5)} ${fmt(c.rssMB, 0).padStart(7)} ` +
          `${fmt(c.subgraphRequests, 2).padStart(8)} ${fmt(c.statements, 2).padStart(8)} ${fmt(c.underLoad.subgraphRequests, 2).padStart(8)}`,
      );
    }
  }
  return lines.join('\n');
}

function header(info: RunInfo): string[] {
  const data = info.dataset ? `${info.dataset.persons.toLocaleString('en')} persons, ${info.dataset.records.toLocaleString('en')} credit records (seed ${info.dataset.seed})` : 'unknown data set';
  return [
    '```sh',
    info.command,
    '```',
    '',
    `${info.date.slice(0, 10)}; ${info.machine}; ${info.pinning}. Data: ${data}. ${info.connections} connections for every ` +
      `target, ${info.seconds} s per cell after a ${info.warmup} s warm-up, ${info.rounds} round${info.rounds === 1 ? '' : 's'} with the target order alternated, medians.`,
  ];
}

/** Where a figure meets an issue's target: met, or missed by how much. */
function targetRows(cells: Aggregate[], mode: ResultsMode): string[] {
  const get = (w: WorkloadName, t: Target) => cells.find((c) => c.workload === w && c.target === t);
  const rows: string[] = [];
  const check = (what: string, value: number | undefined, goal: number, higherIsBetter = true) => {
    if (value === undefined || !Number.isFinite(value)) return rows.push(`| ${what} | – | ${higherIsBetter ? '≥' : '≤'} ${goal} | not measured |`);
    const met = higherIsBetter ? value >= goal : value <= goal;
    rows.push(`| ${what} | ${value.toFixed(2)} | ${higherIsBetter ? '≥' : '≤'} ${goal} | ${met ? 'met' : `missed by ${(Math.abs(value - goal) / goal * 100).toFixed(0)} %`} |`);
  };
  if (mode === 'cache') {
    // Issue 16: the entity cache against plain Apollo and the best configured peer, response cache included.
    for (const w of ['unified-view', 'person-lookup'] as const) {
      check(`${w}: ours with the entity cache / plain @apollo/gateway`, throughputRatio(get(w, 'ours-cache'), get(w, 'apollo')), 3);
      const peer = fastestPeer(cells.filter((c) => c.workload === w));
      check(`${w}: ours with the entity cache / best peer (${peer?.target ?? '–'})`, throughputRatio(get(w, 'ours-cache'), peer), 1.5);
      check(`${w}: ours without the cache / plain @apollo/gateway`, throughputRatio(get(w, 'ours'), get(w, 'apollo')), 1);
    }
    return rows;
  }
  for (const w of ['unified-view', 'person-lookup'] as const) {
    check(`${w}: ours (privacy on) / Hive Gateway + router-runtime`, throughputRatio(get(w, 'ours'), get(w, 'hive-router')), 1);
    check(`${w}: ours (privacy on) / plain @apollo/gateway`, throughputRatio(get(w, 'ours'), get(w, 'apollo')), 3);
  }
  for (const w of ['unified-view', 'person-lookup', 'statistics', 'disclosure'] as const) {
    check(`${w}: privacy on / enforcement off (overhead ≤ 10 %)`, throughputRatio(get(w, 'ours'), get(w, 'ours-off')), 0.9);
  }
  check('person-lookup: ours / single server', throughputRatio(get('person-lookup', 'ours'), get('person-lookup', 'monolith')), 0.5);
  for (const w of ['unified-view', 'person-lookup', 'statistics', 'disclosure'] as const) {
    const c = get(w, 'ours');
    check(`${w}: ours p99 / p50 under the run's concurrency`, c ? c.p99 / c.p50 : undefined, 3, false);
  }
  return rows;
}

const GATEWAY_BOUND_INTRO =
  'The same targets, workloads and supergraph, but every subgraph request goes to a memoizing proxy (bench/src/replay.ts, ' +
  "on the load generator's CPU): the first request with a given body and caller reaches the real subgraph, every later one " +
  "is answered from memory. The subgraphs' and PostgreSQL's work is out of the way, so each figure is what the gateway on " +
  'its one core costs, as in the public federation benchmarks (static subgraphs) but with this graph\'s answers. SQL/req ' +
  'here is per request under load: the statements of the proxies\' misses, 0 when every answer came from memory ' +
  '(alone, it would depend on which target asked first). Subgraph req/req counts what the gateway sent the proxies.';

export type ResultsMode = 'peers' | 'gateway-bound' | 'cache';

/** Each kind of run writes its own section of BENCHMARKS.md, so a run with the cache targets never replaces issue 5's tables. */
const SECTIONS: Record<ResultsMode, { title: string; goals: string }> = {
  peers: { title: '## Gateways against their peers (issue 5)', goals: '### Issue 5 targets, this run' },
  'gateway-bound': { title: '## Gateways alone: subgraphs answered from memory (issue 5)', goals: '### Issue 5 targets, this run' },
  cache: { title: '### The entity cache against its peers, full run (issue 16)', goals: '#### Issue 16 targets, this run' },
};

export function resultsModeOf(gatewayBound: boolean, targets: readonly string[]): ResultsMode {
  if (gatewayBound) return 'gateway-bound';
  return targets.some((t) => t.endsWith('-cache')) ? 'cache' : 'peers';
}

export function resultsMarkdown(info: RunInfo, cells: Aggregate[], skipped: { name: string; reason: string }[], mode: ResultsMode = 'peers'): string {
  const lines = [SECTIONS[mode].title, '', ...header(info), ''];
  if (mode === 'gateway-bound') lines.push(GATEWAY_BOUND_INTRO, '');
  lines.push(
    'Ratios are of requests/s, the median of the per-round ratios: × apollo against plain @apollo/gateway (no privacy engine), × peer against the fastest peer the run has on that workload ' +
      '(plain @apollo/gateway, Hive Gateway, Hive Gateway + router-runtime, with its response cache where the run has it). Subgraph rows replay, signed, ' +
      'the requests plain @apollo/gateway sends that subgraph for one client request (their req/s are subgraph requests). ' +
      'RSS is the peak of the process under test. Subgraph req/req and SQL/req are those of one request alone, counted ' +
      'in the subgraphs (GraphQL requests, kit StatementCounter on each subgraph database); "under load" is subgraph ' +
      'requests over client requests sent during the measured runs: below the alone figure when a gateway merges ' +
      "identical in-flight subgraph requests (ours does, and Hive's HTTP executor by default).",
    '',
  );
  for (const s of skipped) lines.push(`* \`${s.name}\` skipped: ${s.reason}`);
  if (skipped.length) lines.push('');
  for (const [workload, list] of byWorkload(cells)) {
    const apollo = list.find((c) => c.target === 'apollo');
    const peer = fastestPeer(list);
    lines.push(`${mode === 'cache' ? '####' : '###'} ${workload}`, '');
    lines.push('| target | req/s | × apollo | × peer | p50 ms | p95 ms | p99 ms | errors | RSS MB | subgraph req/req | SQL/req | subgraph req/req under load |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const c of list) {
      const isGateway = !c.target.startsWith('subgraph:');
      const name = c.target === 'ours' ? `**${label(c.target)}**` : label(c.target);
      lines.push(
        `| ${name} | ${fmt(c.rps)} | ${isGateway ? ratio(c, apollo) : ''} | ${isGateway ? ratio(c, peer) : ''} | ${fmt(c.p50, 0)} | ${fmt(c.p95, 0)} | ${fmt(c.p99, 0)} | ${c.errors} | ${fmt(c.rssMB, 0)} | ${isGateway ? fmt(c.subgraphRequests, 2) : ''} | ${fmt(mode === 'gateway-bound' ? c.underLoad.statements : c.statements, 2)} | ${isGateway ? fmt(c.underLoad.subgraphRequests, 2) : ''} |`,
      );
    }
    lines.push('');
  }
  lines.push(SECTIONS[mode].goals, '', '| figure | value | target | |', '|---|---:|---:|---|', ...targetRows(cells, mode), '');
  return lines.join('\n');
}

export function growthMarkdown(info: RunInfo, growth: GrowthResult[]): string {
  const lines = ['## Growth: 10,000 against 1,000,000 records (issue 5)', '', ...header(info), ''];
  lines.push('| workload | target | records | req/s | p50 ms | p95 ms | p99 ms | SQL/req | errors |', '|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const workload of ['person-lookup', 'unified-view'] as const) {
    for (const target of ['ours', 'monolith'] as const) {
      for (const g of growth) {
        const c = g.cells.find((x) => x.workload === workload && x.target === target);
        if (!c) continue;
        lines.push(
          `| ${workload} | ${label(target)} | ${g.dataset?.records.toLocaleString('en') ?? g.label} | ${fmt(c.rps)} | ${fmt(c.p50, 0)} | ${fmt(c.p95, 0)} | ${fmt(c.p99, 0)} | ${fmt(c.statements, 2)} | ${c.errors} |`,
        );
      }
    }
  }
  lines.push('', 'SQL statements of one unified-view request (all subgraphs) by page size:', '');
  lines.push(`| records | ${growth[0]?.statementsByPageSize.map((p) => `${p.pageSize} persons`).join(' | ') ?? ''} |`);
  lines.push(`|---|${growth[0]?.statementsByPageSize.map(() => '---:').join('|') ?? ''}|`);
  for (const g of growth) lines.push(`| ${g.dataset?.records.toLocaleString('en') ?? g.label} | ${g.statementsByPageSize.map((p) => fmt(p.statements, 0)).join(' | ')} |`);
  lines.push('');
  return lines.join('\n');
}

/** Replaces (or appends) the section between `<!-- bench:<id>:begin -->` and `<!-- bench:<id>:end -->`. */
export function updateBenchmarksMd(id: string, markdown: string): void {
  const file = `${ROOT}BENCHMARKS.md`;
  const text = readFileSync(file, 'utf8');
  const begin = `<!-- bench:${id}:begin (generated by npm run bench; edits here are overwritten) -->`;
  const end = `<!-- bench:${id}:end -->`;
  const block = `${begin}\n${markdown.trimEnd()}\n${end}`;
  const start = text.indexOf(`<!-- bench:${id}:begin`);
  const stop = text.indexOf(end);
  const next = start >= 0 && stop > start ? `${text.slice(0, start)}${block}${text.slice(stop + end.length)}` : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}
