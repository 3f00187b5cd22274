/** Starting, pinning, querying and stopping the benchmark's server processes (serve.ts). */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ServerKind, Stats } from './serve.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVE = fileURLToPath(new URL('./serve.ts', import.meta.url));

export function hasTaskset(): boolean {
  return spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** CPU lists for the load generator and the server under test, when the machine allows pinning. */
export interface Pinning {
  loadgen: string | null;
  server: string | null;
  subgraphs: string | null;
}

export function defaultPinning(enabled: boolean): Pinning {
  const n = cpus().length;
  if (!enabled || n < 2 || !hasTaskset()) return { loadgen: null, server: null, subgraphs: null };
  // Two cores: the load generator on CPU 0, the gateway under test on CPU 1, subgraphs and
  // PostgreSQL wherever the scheduler puts them (they are the same for every target).
  return { loadgen: '0', server: String(n - 1), subgraphs: null };
}

/** Pins this process (all its threads) to `cpus`. */
export function pinSelf(cpuList: string | null): void {
  if (cpuList) spawnSync('taskset', ['-a', '-cp', cpuList, String(process.pid)], { stdio: 'ignore' });
}

export interface ServerProcess {
  kind: ServerKind;
  url: string;
  /** Further URLs a process serves (the replay proxies, by subgraph). */
  urls: Record<string, string>;
  pid: number;
  stats(): Promise<Stats>;
  /** Resident set size now, in bytes (from /proc; 0 where unavailable). */
  rss(): number;
  close(): Promise<void>;
}

export function readRss(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export async function startServer(
  kind: ServerKind,
  env: NodeJS.ProcessEnv,
  cpuList: string | null,
  options: { nodeArgs?: string[]; timeoutMs?: number } = {},
): Promise<ServerProcess> {
  const timeoutMs = options.timeoutMs ?? 180_000;
  const node = [process.execPath, ...(options.nodeArgs ?? []), '--import', 'tsx', SERVE, kind];
  const [command, ...args] = cpuList ? ['taskset', '-c', cpuList, ...node] : node;
  const child: ChildProcess = spawn(command!, args, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let urls: Record<string, string> = {};
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    child.on('message', (message: { type: string; url?: string; urls?: Record<string, string>; error?: string }) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        urls = message.urls ?? {};
        resolve(message.url!);
      } else if (message.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`${kind} failed to start: ${message.error}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} exited with ${code} before it was ready`));
    });
  });
  const waiting: ((stats: Stats) => void)[] = [];
  child.on('message', (message: { type: string; stats?: Stats }) => {
    if (message.type === 'stats') waiting.shift()?.(message.stats!);
  });
  return {
    kind,
    url,
    urls,
    pid: child.pid!,
    stats: () =>
      new Promise<Stats>((resolve) => {
        waiting.push(resolve);
        child.send({ type: 'stats' });
      }),
    rss: () => readRss(child.pid!),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.send({ type: 'close' });
      }),
  };
}
