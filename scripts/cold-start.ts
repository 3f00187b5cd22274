/**
 * `npx tsx scripts/cold-start.ts [--rounds 3] [--port-base 4730] [--root DIR] [--boost] [--smoke]`:
 * cold `npm start` rounds, each on a fresh data directory (CREDIT_DATA_DIR) and its own ports, so
 * a system already running on 4000-4004 is left alone. Per round: seconds from the command to
 * "credit graph ready", to the first answer through the gateway (the public disclosure page with a
 * seeded record in it: identity, records and the gateway all up) and to the console's first page
 * (index.html and its script), and the CPU seconds each process had used by the first answer
 * (Linux /proc). `--boost` raises the round's scheduling group (Linux autogroup nice -10, root):
 * on a machine shared with other sessions the figures then describe the system, not the load.
 * `--root` starts another checkout (BENCHMARKS.md: the figures before). `--smoke` runs
 * scripts/smoke.ts against each round after its first answer.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SUBGRAPH_NAMES } from '@credit/schema';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    'port-base': { type: 'string', default: '4730' },
    root: { type: 'string' },
    boost: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
  },
});
const here = fileURLToPath(new URL('..', import.meta.url));
const root = values.root ?? here;
const base = Number(values['port-base']);
const names = ['gateway', ...SUBGRAPH_NAMES] as const;
const ports = Object.fromEntries(names.map((name, i) => [name, base + i])) as Record<(typeof names)[number], number>;
const gateway = `http://127.0.0.1:${ports.gateway}`;
const TICKS = 100; // USER_HZ

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds per service of every process in the session `sid` (the launcher's own under "launcher"). */
function cpuOf(sid: number, seen: Map<number, { name: string; cpu: number }>): void {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[3]) !== sid) continue;
      const cpu = (Number(fields[11]) + Number(fields[12])) / TICKS;
      const pid = Number(entry);
      let known = seen.get(pid);
      // A child is named once it runs its service (before its exec it still shows the launcher).
      if (!known || known.name === 'launcher') {
        const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
        const service = /(?:subgraphs\/(\w+)|(gateway))\/(?:src|dist|\.start)\/index\.[jt]s/.exec(cmd);
        known = { name: service ? (service[1] ?? service[2])! : 'launcher', cpu };
        seen.set(pid, known);
      }
      known.cpu = Math.max(known.cpu, cpu);
    } catch {
      // the process ended
    }
  }
}

async function firstDisclosure(deadline: number): Promise<boolean> {
  const body = JSON.stringify({ query: '{ publicDisclosures(first: 1) { edges { node { documentNumber person { maskedName } } } } }' });
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${gateway}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(2000) });
      const answer = (await response.json()) as { data?: { publicDisclosures?: { edges: unknown[] } } };
      if (answer.data?.publicDisclosures?.edges.length) return true;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  return false;
}

async function consolePage(deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    try {
      const html = await (await fetch(`${gateway}/`, { signal: AbortSignal.timeout(2000) })).text();
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(html);
      if (script && (await fetch(`${gateway}${script[1]}`, { signal: AbortSignal.timeout(5000) })).ok) return true;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  return false;
}

interface Round {
  ready: number | null;
  answer: number | null;
  page: number | null;
  cpu: Record<string, number>;
  load: string;
}

async function round(): Promise<Round> {
  const data = mkdtempSync(join(tmpdir(), 'credit-cold-start-'));
  const env: NodeJS.ProcessEnv = { ...process.env, CREDIT_DATA_DIR: data, GATEWAY_PORT: String(ports.gateway) };
  for (const name of names.slice(1)) {
    env[`${name.toUpperCase()}_PORT`] = String(ports[name]);
    env[`${name.toUpperCase()}_URL`] = `http://127.0.0.1:${ports[name]}`;
  }
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!;
  const began = Date.now();
  const child = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const sid = child.pid!;
  if (values.boost) writeFileSync(`/proc/${sid}/autogroup`, '-10');
  // The launcher's own figure: from its start, so npm's start-up before it is not in it.
  let ready: number | null = null;
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    const match = /credit graph ready in ([\d.]+) s/.exec(output);
    if (match && ready === null) ready = Number(match[1]);
    if (output.length > 100_000) output = output.slice(-10_000);
  });
  child.stderr.on('data', () => {});
  const seen = new Map<number, { name: string; cpu: number }>();
  const sampler = setInterval(() => cpuOf(sid, seen), 500);
  const deadline = began + 240_000;
  const answered = await firstDisclosure(deadline);
  const answer = answered ? (Date.now() - began) / 1000 : null;
  cpuOf(sid, seen);
  const cpu: Record<string, number> = {};
  for (const { name, cpu: used } of seen.values()) cpu[name] = (cpu[name] ?? 0) + used;
  const page = existsSync(join(root, 'console/dist/index.html')) && (await consolePage(deadline)) ? (Date.now() - began) / 1000 : null;
  if (values.smoke && answered) {
    const smoke = spawnSync('npx', ['tsx', 'scripts/smoke.ts', gateway], { cwd: here, env, encoding: 'utf8' });
    if (smoke.status !== 0) console.error(`smoke failed:\n${smoke.stdout}${smoke.stderr}`);
  }
  while (ready === null && Date.now() < deadline) await sleep(100);
  clearInterval(sampler);
  try {
    process.kill(-sid, 'SIGTERM');
  } catch {
    // gone
  }
  await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
  rmSync(data, { recursive: true, force: true });
  return { ready, answer, page, cpu, load };
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : NaN;
};
const fmt = (x: number | null) => (x === null ? '—' : x.toFixed(1));

if (values.boost) writeFileSync('/proc/self/autogroup', '-10');
const rounds: Round[] = [];
console.log(`| round | load (1 min) | "ready in" (launcher's clock) | first answer | console page | CPU s by the first answer |`);
console.log(`|---|---|---|---|---|---|`);
for (let i = 1; i <= Number(values.rounds); i++) {
  const r = await round();
  rounds.push(r);
  const total = Object.values(r.cpu).reduce((a, b) => a + b, 0);
  const parts = Object.entries(r.cpu)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, used]) => `${name} ${used.toFixed(1)}`)
    .join(', ');
  console.log(`| ${i} | ${r.load} | ${fmt(r.ready)} s | ${fmt(r.answer)} s | ${fmt(r.page)} s | ${total.toFixed(1)} (${parts}) |`);
}
const answers = rounds.flatMap((r) => (r.answer === null ? [] : [r.answer]));
console.log(`\nmedian first answer ${median(answers).toFixed(1)} s over ${answers.length} rounds (${answers.map((a) => a.toFixed(1)).join(', ')})`);
