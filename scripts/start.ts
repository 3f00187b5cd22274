/**
 * `npm start`: every department of the registry (schema/src/departments.ts) and the gateway, each
 * in its own process (as each department would run its own service), on the embedded database
 * unless DATABASE_URL is set. All start at once: the gateway needs no subgraph until it answers
 * (its supergraph is committed), and it is ready when every subgraph answers its health check.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensurePgliteTemplate } from '@credit/kit/infra/pglite-template';
import { provisionSigningKey } from '@credit/kit/infra/signing-key';
import { provisionReportKey } from '@credit/records/report/signing';
import { DEFAULT_PORTS, SUBGRAPH_NAMES, subgraphUrl, type SubgraphName } from '@credit/schema';
import { waitHealthy } from './health.js';

const EMBEDDED = [...SUBGRAPH_NAMES, 'gateway'].some((name) => !process.env[`${name.toUpperCase()}_DATABASE_URL`] && !process.env.DATABASE_URL);

/**
 * V8 flags of the services on the embedded database. `--liftoff-only` keeps PGlite's WebAssembly
 * on V8's baseline compiler: the optimizing tier recompiles PostgreSQL's hot functions on
 * background threads, about 1.5 s of CPU per process while five start at once on two cores. The
 * demo's seed and dashboard queries run as fast without it; aggregates over tens of thousands of
 * records run about a quarter slower (BENCHMARKS.md): `CREDIT_LIFTOFF_ONLY=0` keeps the optimizing
 * tier. Checked once, so a Node whose V8 lacks the flag starts without it.
 */
const WASM_FLAGS =
  EMBEDDED && process.env.CREDIT_LIFTOFF_ONLY !== '0' && spawnSync(process.execPath, ['--liftoff-only', '-e', ''], { stdio: 'ignore' }).status === 0
    ? ['--liftoff-only']
    : [];

/**
 * Where this file runs from, and so the services: `npm start` compiles it and every package with
 * esbuild (scripts/start-dev.mjs) and runs `scripts/.start/start.js`, each service from its
 * package's `.start/`; `npm run start:prod` runs `scripts/dist/start.js` (`npm run build`), each
 * service from its `dist/`. Either way on plain node, without tsx. Undefined: this file run by tsx
 * (`npx tsx scripts/start.ts`), each service through tsx too.
 */
const BUILD = import.meta.url.endsWith('.js') ? basename(dirname(fileURLToPath(import.meta.url))) : undefined;
const root = fileURLToPath(new URL(BUILD ? '../..' : '..', import.meta.url));
/** `--gateway-workers N`: the gateway in N node:cluster workers (needs PostgreSQL for its query log). */
const { values: flags } = parseArgs({ options: { 'gateway-workers': { type: 'string' } } });
if (flags['gateway-workers']) process.env.GATEWAY_WORKERS = flags['gateway-workers'];
const children: ChildProcess[] = [];
let stopping = false;

function run(name: SubgraphName | 'gateway', entry: string): void {
  const args = [...WASM_FLAGS, ...(BUILD ? ['--enable-source-maps', entry.replace('/src/', `/${BUILD}/`).replace(/\.ts$/, '.js')] : ['--import', 'tsx', entry])];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      NODE_ENV: 'production',
      ...process.env,
      SERVICE_NAME: name,
      PORT: String(process.env[`${name.toUpperCase()}_PORT`] ?? DEFAULT_PORTS[name]),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${name} exited (${signal ?? code}); stopping everything`);
    void stop(1);
  });
  children.push(child);
}

async function stop(code: number): Promise<void> {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
  process.exit(code);
}

/**
 * The web console the gateway serves at `/` (console/dist): built once, alongside the services
 * starting, when a fresh checkout has none (`npm run build` builds it too). A failed build leaves
 * the API running and the gateway's "not built" page at `/`.
 */
async function buildConsoleIfMissing(): Promise<void> {
  if (BUILD === 'dist' || existsSync(`${root}console/dist/index.html`)) return; // start:prod: console/dist comes from npm run build
  const began = Date.now();
  console.log('console: building console/dist (first start only)');
  const output: Buffer[] = [];
  const build = spawn('npm', ['run', 'build', '-w', '@credit/console'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  build.stdout.on('data', (chunk: Buffer) => output.push(chunk));
  build.stderr.on('data', (chunk: Buffer) => output.push(chunk));
  const code = await new Promise<number | null>((resolve) => build.once('close', resolve));
  if (code === 0) console.log(`console: built in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  else console.error(`console: build failed (${code}); the API runs without it\n${Buffer.concat(output).toString().slice(-4000)}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop(0));

const started = Date.now();
// Before any child starts, so all of them read the same key (env, or the dev key file).
try {
  provisionSigningKey();
  // Records signs credit reports with its own Ed25519 key (RECORDS_REPORT_SIGNING_KEY, else a dev key).
  provisionReportKey();
} catch (error) {
  console.error(String(error));
  process.exit(1);
}
// Every new embedded database loads the initialised-cluster template (kit pglite-template.ts):
// made by `npm ci`'s postinstall, else here, once, instead of five initdb runs at once.
if (EMBEDDED && !(await ensurePgliteTemplate().catch(() => false))) console.warn('no embedded PostgreSQL template: each new database runs initdb');
for (const name of SUBGRAPH_NAMES) run(name, `subgraphs/${name}/src/index.ts`);
run('gateway', 'gateway/src/index.ts');
const consoleBuilt = buildConsoleIfMissing();
try {
  // One at a time: they start together and so answer about together, and five pollers at once
  // had cost the launcher seconds of CPU (failed connections and fetches) beside the services.
  for (const name of SUBGRAPH_NAMES) await waitHealthy(subgraphUrl(name));
  const gatewayUrl = `http://127.0.0.1:${process.env.GATEWAY_PORT ?? DEFAULT_PORTS.gateway}`;
  await waitHealthy(gatewayUrl);
  await consoleBuilt;
  const database = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite under .data/';
  console.log(`\ncredit graph ready in ${((Date.now() - started) / 1000).toFixed(1)} s on ${database}`);
  console.log(`  console: ${gatewayUrl}/   GraphQL: ${gatewayUrl}/graphql   health: ${gatewayUrl}/health\n`);
} catch (error) {
  console.error(String(error));
  await stop(1);
}
