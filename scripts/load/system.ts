/**
 * The system under a soak or a fault run: the four subgraphs and the gateway, each started as
 * scripts/start.ts starts it when run from source (`node --import tsx <service>/src/index.ts` with
 * PORT and SERVICE_NAME; `npm start` runs the same code from its esbuild twins, start-dev.mjs), on ports and keys of this run only, on PostgreSQL when DATABASE_URL is set, else on
 * embedded databases in a scratch directory. Unlike the launcher, a service that exits does not stop
 * the others: the fault run kills one and starts it again the same way.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { authConfigFromEnv } from '@credit/gateway/auth';
import { signDevToken } from '@credit/gateway/dev-token';
import { generateSigningKeyText } from '@credit/kit/infra/signing-key';
import { provisionReportKey } from '@credit/records/report/signing';
import { SUBGRAPH_NAMES, type Role, type SubgraphName } from '@credit/schema';
import { readRss } from '../../bench/src/processes.js';
import { waitHealthy } from '../health.js';

export type ServiceName = SubgraphName | 'gateway';
export const SERVICE_NAMES: readonly ServiceName[] = [...SUBGRAPH_NAMES, 'gateway'];

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENTRY: Record<ServiceName, string> = {
  identity: 'subgraphs/identity/src/index.ts',
  records: 'subgraphs/records/src/index.ts',
  disputes: 'subgraphs/disputes/src/index.ts',
  incentives: 'subgraphs/incentives/src/index.ts',
  gateway: 'gateway/src/index.ts',
};

export interface Service {
  name: ServiceName;
  url: string;
  /** The running process's id; changes on restart. */
  pid(): number;
  /** Resident set size now, in bytes (/proc/<pid>/status VmRSS). */
  rss(): number;
  /** SIGKILL, and waits for the process to be gone. */
  kill9(): Promise<void>;
  /** Starts it again as the launcher does; resolves when its /health answers 200, with the seconds that took. */
  restart(): Promise<number>;
}

export interface System {
  gatewayUrl: string;
  /** 'postgres' when DATABASE_URL is set, else 'pglite' (scratch directory). */
  database: 'postgres' | 'pglite';
  databaseUrl: string | undefined;
  dataDir: string;
  services: Record<ServiceName, Service>;
  token(claims: { role: Role; sub: string; department?: string; personId?: string }): Promise<string>;
  /** The last lines the services wrote (their stdout and stderr go to one file). */
  logTail(lines?: number): string;
  /** SIGTERM to every service, SIGKILL after 10 s (once); removes the scratch directory unless `keepData`. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const exited = (child: ChildProcess) => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r)));

export async function startSystem(log: (line: string) => void): Promise<System> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'credit-load-'));
  const ports = Object.fromEntries(await Promise.all(SERVICE_NAMES.map(async (n) => [n, await freePort()] as const))) as Record<ServiceName, number>;
  const urlOf = (name: ServiceName) => `http://127.0.0.1:${ports[name]}`;
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', CREDIT_DATA_DIR: dataDir };
  // This run's own keys and shared services: nothing read from .data/, nothing shared with another run.
  env.SUBGRAPH_SIGNING_KEY = generateSigningKeyText();
  env.JWT_SECRET = randomBytes(32).toString('hex');
  for (const name of ['REDIS_URL', 'NATS_URL', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'GATEWAY_WORKERS', 'CREDIT_CLOCK']) delete env[name];
  for (const name of SUBGRAPH_NAMES) env[`${name.toUpperCase()}_URL`] = urlOf(name);
  // A load test is many requests from one principal: the per-principal quota is moved out of its way.
  env.RATE_LIMIT_PER_MINUTE = '1000000000';
  provisionReportKey(env, join(dataDir, 'records-report-signing.key'));
  // As the launcher: the embedded database's WebAssembly on V8's baseline compiler (scripts/start.ts).
  const wasmFlags =
    !databaseUrl && process.env.CREDIT_LIFTOFF_ONLY !== '0' && spawnSync(process.execPath, ['--liftoff-only', '-e', ''], { stdio: 'ignore' }).status === 0
      ? ['--liftoff-only']
      : [];
  const logFile = join(dataDir, 'services.log');
  const logFd = openSync(logFile, 'a');
  const children = new Map<ServiceName, ChildProcess>();
  let stopping = false;

  const spawnService = (name: ServiceName) => {
    const child = spawn(process.execPath, [...wasmFlags, '--import', 'tsx', ENTRY[name]], {
      cwd: ROOT,
      env: { ...env, SERVICE_NAME: name, PORT: String(ports[name]) },
      stdio: ['ignore', logFd, logFd],
    });
    child.once('exit', (code, signal) => {
      if (!stopping && signal !== 'SIGKILL') log(`${name} exited unexpectedly (${signal ?? code})`);
    });
    children.set(name, child);
  };

  const auth = authConfigFromEnv(env, dataDir);
  const services = Object.fromEntries(
    SERVICE_NAMES.map((name): [ServiceName, Service] => [
      name,
      {
        name,
        url: urlOf(name),
        pid: () => children.get(name)!.pid!,
        rss: () => readRss(children.get(name)!.pid!),
        async kill9() {
          const child = children.get(name)!;
          child.kill('SIGKILL');
          await exited(child);
        },
        async restart() {
          const began = performance.now();
          spawnService(name);
          await waitHealthy(urlOf(name));
          return (performance.now() - began) / 1000;
        },
      },
    ]),
  ) as Record<ServiceName, Service>;

  const system: System = {
    gatewayUrl: urlOf('gateway'),
    database: databaseUrl ? 'postgres' : 'pglite',
    databaseUrl,
    dataDir,
    services,
    token: (claims) => signDevToken(auth, { ...claims, ttl: '2h' }),
    logTail: (lines = 40) => readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n'),
    async stop(options = {}) {
      if (!stopping) {
        stopping = true;
        const running = [...children.values()];
        for (const child of running) child.kill('SIGTERM');
        const timer = setTimeout(() => running.forEach((c) => c.kill('SIGKILL')), 10_000);
        await Promise.all(running.map(exited));
        clearTimeout(timer);
        closeSync(logFd);
      }
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    const began = performance.now();
    for (const name of SERVICE_NAMES) spawnService(name);
    await Promise.all(SERVICE_NAMES.map((name) => waitHealthy(urlOf(name))));
    log(`system ready in ${((performance.now() - began) / 1000).toFixed(1)} s on ${databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite under ${dataDir}`}`);
    return system;
  } catch (error) {
    log(system.logTail());
    await system.stop();
    throw error;
  }
}
