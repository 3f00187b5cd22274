/**
 * `GATEWAY_WORKERS=N` (`npm start -- --gateway-workers N`): the gateway in N processes sharing one
 * port through node:cluster, for machines where the gateway, not the subgraphs, is what saturates.
 * Every worker appends to the one hash-chained query log, which serialises appends across
 * processes with a PostgreSQL advisory lock; PGlite is a single-process database, so workers need
 * GATEWAY_DATABASE_URL or DATABASE_URL.
 */
import cluster from 'node:cluster';
import { databaseLocation, logger } from '@credit/kit';
import { openAuditDatabase } from './audit/index.js';

export function gatewayWorkersFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.GATEWAY_WORKERS ?? '1';
  const workers = Number(raw);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new Error(`GATEWAY_WORKERS must be an integer from 1 to 64, not ${raw}`);
  return workers;
}

/**
 * In the primary: migrates the query log once (workers migrating at the same time would race),
 * forks the workers and stops them all when one dies or on SIGINT/SIGTERM. Resolves to false in a
 * worker, which then starts the gateway itself.
 */
export async function superviseWorkers(workers: number): Promise<boolean> {
  if (!cluster.isPrimary) return false;
  const location = databaseLocation('gateway');
  if (location.startsWith('pglite:')) {
    throw new Error('GATEWAY_WORKERS > 1 needs PostgreSQL for the query log (GATEWAY_DATABASE_URL or DATABASE_URL): PGlite serves one process');
  }
  await (await openAuditDatabase(location)).close();
  let alive = workers;
  let exitCode: number | undefined;
  const stopAll = (code: number) => {
    exitCode ??= code;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
  };
  cluster.on('exit', (worker, code, signal) => {
    alive--;
    if (exitCode === undefined) {
      logger.error({ pid: worker.process.pid, code, signal }, 'gateway worker exited; stopping the others');
      stopAll(1);
    }
    if (alive === 0) process.exit(exitCode);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stopAll(0));
  for (let i = 0; i < workers; i++) cluster.fork();
  logger.info({ workers }, 'gateway workers started');
  return true;
}
