/**
 * `npm run bench:explain`: every SQL statement one unified view and one person lookup send, each
 * run under `EXPLAIN (ANALYZE, BUFFERS)` on DATABASE_URL (seeded by `npm run bench:seed`), beside
 * the floor of this machine: a prepared point select by primary key (issue 16, point 7).
 *
 * The four subgraphs run as in the benchmark with `CREDIT_SQL_CAPTURE` (kit db.ts), which writes
 * each statement a request sends, with its parameters, to a file; after a warm-up, the statements
 * of one request per workload are explained. Per statement: the plan's execution and planning
 * time (median of 5), the round trip of the same statement prepared (median of 50) and the
 * buffers it touched. Prints a Markdown table; `--write` puts it into BENCHMARKS.md.
 *
 *   npm run bench:explain -- [--requests 5] [--write]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { datasetInfo } from './dataset.js';
import { defaultPinning } from './processes.js';
import { median, updateBenchmarksMd } from './report.js';
import { apiSchema, startStack } from './stack.js';
import { buildWorkloads, sampleData, type Workload } from './workloads.js';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '5' }, write: { type: 'boolean', default: false } } });
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL: a database seeded by `npm run bench:seed`');
const log = (line: string) => console.log(`[explain] ${line}`);

interface Captured {
  subgraph: string;
  query: string;
  params: unknown[];
}

interface Plan {
  'Execution Time': number;
  'Planning Time': number;
  Plan: PlanNode;
}
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: PlanNode[];
}

/** The scans of a plan, as `Index Scan persons_pkey` / `Seq Scan credit_records`. */
function scans(node: PlanNode, out: string[] = []): string[] {
  if (/Scan/.test(node['Node Type'])) out.push(`${node['Node Type']} ${node['Index Name'] ?? node['Relation Name'] ?? ''}`.trim());
  for (const child of node.Plans ?? []) scans(child, out);
  return out;
}

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const began = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - began) / 1e6;
}

const info = await datasetInfo(databaseUrl);
if (!info) throw new Error('DATABASE_URL holds no benchmark data set: run `npm run bench:seed` first');
const dir = mkdtempSync(join(tmpdir(), 'credit-explain-'));
const captureFile = join(dir, 'statements.jsonl');
writeFileSync(captureFile, '');
process.env.CREDIT_SQL_CAPTURE = captureFile;
const stack = await startStack({ databaseUrl, targets: ['ours'], pinning: defaultPinning(false), log });
const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
try {
  const { workloads } = buildWorkloads(['unified-view', 'person-lookup'], apiSchema(), await sampleData(databaseUrl));
  const gateway = stack.targets.ours!.url;
  const send = async (workload: Workload, body: string) => {
    const response = await fetch(new URL('/graphql', gateway), { method: 'POST', headers: { 'content-type': 'application/json', ...(await stack.clientHeaders(workload.caller)) }, body });
    const answer = (await response.json()) as { errors?: unknown[] };
    if (!response.ok || answer.errors?.length) throw new Error(`${workload.name}: HTTP ${response.status} ${JSON.stringify(answer.errors)}`);
  };

  // The floor: a prepared point select by primary key, the cheapest statement a resolver sends.
  const someId = (await sql<{ id: string }[]>`select id from identity.persons limit 1`)[0]!.id;
  const floorTrips: number[] = [];
  for (let i = 0; i < 200; i++) floorTrips.push(await timed(() => sql`select * from identity.persons where id = ${someId}`));
  const floorPlans: number[] = [];
  for (let i = 0; i < 5; i++) {
    const [row] = await sql.unsafe<{ 'QUERY PLAN': Plan[] }[]>('explain (analyze, buffers, format json) select * from identity.persons where id = $1', [someId]);
    floorPlans.push(row!['QUERY PLAN'][0]!['Execution Time']);
  }
  const floor = { trip: median(floorTrips), execution: median(floorPlans) };
  log(`floor: round trip ${floor.trip.toFixed(3)} ms, execution ${floor.execution.toFixed(3)} ms`);

  const rows: string[] = [];
  for (const workload of workloads) {
    const requests = Number(values.requests);
    // Warm-up on other variables, then one request whose statements are explained.
    for (let i = 1; i <= requests; i++) await send(workload, workload.bodies[i % workload.bodies.length]!);
    writeFileSync(captureFile, '');
    await send(workload, workload.bodies[0]!);
    const captured = readFileSync(captureFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Captured);
    log(`${workload.name}: ${captured.length} statements`);
    for (const [i, statement] of captured.entries()) {
      const plans: Plan[] = [];
      for (let run = 0; run < 5; run++) {
        const [row] = await sql.unsafe<{ 'QUERY PLAN': Plan[] }[]>(`explain (analyze, buffers, format json) ${statement.query}`, statement.params as never[]);
        plans.push(row!['QUERY PLAN'][0]!);
      }
      const trips: number[] = [];
      for (let run = 0; run < 50; run++) trips.push(await timed(() => sql.unsafe(statement.query, statement.params as never[], { prepare: true })));
      const execution = median(plans.map((p) => p['Execution Time']));
      const planning = median(plans.map((p) => p['Planning Time']));
      const trip = median(trips);
      const last = plans.at(-1)!.Plan;
      const shortText = statement.query.replace(/\s+/g, ' ').replace(/"/g, '').slice(0, 110);
      rows.push(
        `| ${workload.name} | ${i + 1} | ${statement.subgraph} | \`${shortText}${statement.query.length > 110 ? '…' : ''}\` | ${last['Actual Rows']} | ${[...new Set(scans(last))].join(', ')} | ${last['Shared Hit Blocks']} / ${last['Shared Read Blocks']} | ${execution.toFixed(3)} | ${planning.toFixed(3)} | ${trip.toFixed(3)} | ${(trip / floor.trip).toFixed(1)}× |`,
      );
    }
  }
  const markdown = [
    `Data set: ${info.persons.toLocaleString('en')} persons, ${info.records.toLocaleString('en')} records (\`npm run bench:seed\`). Command: \`DATABASE_URL=… npm run bench:explain\`.`,
    `Floor on this machine: a prepared \`select * from identity.persons where id = $1\`, round trip ${floor.trip.toFixed(3)} ms (median of 200), execution ${floor.execution.toFixed(3)} ms.`,
    '',
    '| workload | # | subgraph | statement | rows | scans | buffers hit / read | execution ms | planning ms | round trip ms (prepared) | × floor |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  console.log(markdown);
  if (values.write) updateBenchmarksMd('explain', markdown);
} finally {
  await sql.end({ timeout: 5 });
  await stack.close();
  rmSync(dir, { recursive: true, force: true });
}
