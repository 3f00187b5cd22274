/**
 * Services as separate processes, as a deployment runs them (replicas of the gateway, of a
 * subgraph): started from their entry points with tsx and their own environment, on port 0; the
 * URL comes from their "listening" log line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  /** Everything it logged, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * `entry` relative to the repository root (e.g. `gateway/src/index.ts`); resolves once the
 * process logs a message with a `url`, rejects if it exits first or takes longer than `timeoutMs`.
 */
export function startProcess(entry: string, env: Record<string, string | undefined>, timeoutMs = 240_000): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${entry} did not start within ${timeoutMs} ms:\n${output.slice(-3000)}`));
    }, timeoutMs);
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        try {
          const entryLog = JSON.parse(line) as { url?: unknown; msg?: unknown };
          if (typeof entryLog.url === 'string' && /listening/.test(String(entryLog.msg))) {
            clearTimeout(timer);
            resolve({ url: entryLog.url.replace(/\/graphql$/, ''), child, output: () => output, stop });
          }
        } catch {
          // not a log line
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (${signal ?? code}) before listening:\n${output.slice(-3000)}`));
    });
  });
}
