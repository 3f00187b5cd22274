/**
 * `npm run chaos [-- --short] [--rate 2] [--faults department,database,gateway] [--postgres-restart CMD]
 * [--soak-seconds N [--connections 8]]`: faults under a steady load of unified views (scripts/load/):
 *  (a) kill -9 the incentives department: every answer meanwhile is HTTP 200 with the other
 *      departments' data, incentives' fields null and an error naming it (or those fields from the
 *      gateway's entity cache); after it is started again (as the launcher starts it), full
 *      answers within 5 s of its health check answering;
 *  (b) on PostgreSQL only: an outage of the run's database (new connections refused and every
 *      backend terminated, for a few seconds; the server itself is shared, so it is not restarted
 *      unless --postgres-restart names the command): every service reconnects by itself, full
 *      answers again, each /health/ready 200;
 *  (c) kill -9 the gateway and start it again: the query log's hash chain verifies and every
 *      answer the client saw (HTTP 200 with data) of this phase's principal has its log entry.
 * With --soak-seconds, the soak (scripts/load/soak.ts, as `npm run soak`) runs first on the same
 * system, over the pages the steady load asks for: CI's short soak and faults on one start.
 * Prints the figures and the seconds since the process started; exit 1 when a check fails.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { openAuditDatabase } from '@credit/gateway/audit/database';
import { verifyAuditChain } from '@credit/gateway/audit/verify';
import { selectRows, type Database } from '@credit/kit';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { runSoak } from './load/soak.js';
import { SteadyLoad, type Answer } from './load/steady.js';
import { startSystem, SERVICE_NAMES, type System } from './load/system.js';
import { auditorHeaders, unifiedView } from './load/workload.js';

const { values } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    rate: { type: 'string', default: '2' },
    faults: { type: 'string', default: 'department,database,gateway' },
    'postgres-restart': { type: 'string' },
    'soak-seconds': { type: 'string' },
    connections: { type: 'string', default: '8' },
  },
});
const rate = Number(values.rate);
const faults = new Set(values.faults.split(','));
const soakSeconds = Number(values['soak-seconds'] ?? 0);
if (!(soakSeconds >= 0)) throw new Error('--soak-seconds takes a number of seconds');
/** Seconds of steady load before a fault, of the fault itself, and of full answers required after recovery. */
const [BEFORE, OUTAGE, AFTER] = values.short ? [1, 2, 2] : [10, 15, 10];
/** Full answers again within this many seconds of the department answering its health check. */
const RECOVERY_LIMIT = 5;
const DEPARTMENT = 'incentives';
/** Pages of persons the load rotates over; as many again are kept for the department's outage. */
const PAGES = 16;

const log = (line: string) => console.log(line);
const now = () => performance.now();
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};
const describe = (answers: Answer[]) => {
  const by = new Map<string, number>();
  for (const a of answers) {
    const kind = a.full ? 'full' : a.status === 0 ? 'no answer' : a.data ? `${a.status} partial` : `${a.status} without data`;
    by.set(kind, (by.get(kind) ?? 0) + 1);
  }
  const codes = [...new Set(answers.flatMap((a) => a.codes))];
  return `${[...by].map(([k, n]) => `${n} ${k}`).join(', ') || 'none'}${codes.length ? ` [${codes.join(', ')}]` : ''}`;
};

/** Waits for the first full answer to a request sent after `from`; the ms from `from` to its arrival, or null. */
async function firstFull(load: SteadyLoad, from: number, timeoutMs = 60_000): Promise<number | null> {
  const deadline = now() + timeoutMs;
  while (now() < deadline) {
    const full = load.since(from).filter((a) => a.full).sort((x, y) => x.done - y.done)[0];
    if (full) return full.done - from;
    await sleep(50);
  }
  return null;
}

/** After recovery: `AFTER` seconds in which every answer must be full. */
async function holdsFull(load: SteadyLoad, what: string): Promise<void> {
  const from = now();
  await sleep(AFTER * 1000);
  const until = now();
  await load.settled(until);
  const answers = load.since(from, until);
  check(answers.length > 0 && answers.every((a) => a.full), `${what}: every answer of the next ${AFTER} s full (${describe(answers)})`);
}

async function departmentDown(system: System, load: SteadyLoad, unasked: readonly string[]): Promise<void> {
  log(`(a) kill -9 ${DEPARTMENT} under load`);
  const service = system.services[DEPARTMENT];
  await sleep(BEFORE * 1000);
  const killedAt = now();
  await service.kill9();
  // Pages not asked for before: the gateway's entity cache holds none of their incentives fields.
  load.switchBodies(unasked);
  await sleep(OUTAGE * 1000);
  const restartedAt = now();
  const startSeconds = await service.restart();
  const healthyAt = now();
  const recovery = await firstFull(load, healthyAt);
  // Answers to requests sent while it was down and not yet started again.
  const down = load.since(killedAt + 200, restartedAt);
  const named = down.filter((a) => a.status === 200 && a.data && a.errorText.includes(DEPARTMENT) && a.incentivesNull);
  // Full answers: incentives' fields came from the gateway's entity cache (on unless ENTITY_CACHE=off).
  const cached = down.filter((a) => a.full);
  const serverErrors = load.since(killedAt, healthyAt).filter((a) => a.status >= 500);
  log(`  while down (${seconds(restartedAt - killedAt)} s): ${describe(down)}`);
  const odd = down.find((a) => !named.includes(a) && !cached.includes(a));
  if (odd) log(`  e.g. HTTP ${odd.status}, incentives fields ${odd.incentivesNull ? '' : 'not '}null, errors: ${odd.errorText.slice(0, 300) || 'none'}`);
  check(
    named.length > 0 && named.length + cached.length === down.length,
    `every answer while ${DEPARTMENT} was down: 200 with data, and its fields null with an error naming it (${named.length}) or served from the entity cache (${cached.length}), of ${down.length}`,
  );
  check(serverErrors.length === 0, `no 5xx from the kill to its health check (${serverErrors.length})`);
  log(`  started again: healthy ${seconds(startSeconds * 1000)} s after its start; first full answer ${recovery === null ? 'never' : `${seconds(recovery)} s`} after that`);
  check(recovery !== null && recovery <= RECOVERY_LIMIT * 1000, `full answers within ${RECOVERY_LIMIT} s of ${DEPARTMENT} answering its health check`);
  await holdsFull(load, `after ${DEPARTMENT} came back`);
}

/**
 * The run's database cut off: by default new connections refused and every backend of the database
 * terminated for OUTAGE seconds, which leaves other databases on a shared server alone; with
 * `--postgres-restart '<command>'` (e.g. 'pg_ctlcluster 15 main restart') the server itself.
 */
async function cutOff(admin: postgres.Sql, name: string): Promise<string> {
  if (values['postgres-restart']) {
    // Not spawnSync: the load goes on while the server restarts.
    const restart = spawn('sh', ['-c', values['postgres-restart']], { stdio: 'inherit' });
    const [code] = (await once(restart, 'exit')) as [number | null];
    if (code !== 0) throw new Error(`${values['postgres-restart']} exited with ${code}`);
    return `server restarted (${values['postgres-restart']})`;
  }
  await admin.unsafe(`alter database "${name}" allow_connections false`);
  const [terminated] = await admin<{ n: number }[]>`
    select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()) t`;
  await sleep(OUTAGE * 1000);
  await admin.unsafe(`alter database "${name}" allow_connections true`);
  return `${terminated?.n ?? 0} backends terminated, new connections refused for ${OUTAGE} s`;
}

async function databaseDown(system: System, load: SteadyLoad): Promise<void> {
  if (system.database !== 'postgres') {
    log('(b) database outage: skipped (embedded databases; run with DATABASE_URL for it)');
    return;
  }
  const url = new URL(system.databaseUrl!);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
  log(`(b) database ${name} cut off under load`);
  try {
    await sleep(BEFORE * 1000);
    const downAt = now();
    const how = await cutOff(admin, name);
    const upAt = now();
    const recovery = await firstFull(load, upAt);
    const during = load.since(downAt, upAt);
    log(`  ${how}; during the outage (${seconds(upAt - downAt)} s): ${describe(during)} (${during.filter((a) => !a.full).length} failed)`);
    check(during.every((a) => a.status === 200), `every request during the outage answered, none with a 5xx (${during.filter((a) => a.status !== 200).length} not)`);
    check(recovery !== null, `full answers again after the outage (first ${recovery === null ? 'never' : `${seconds(recovery)} s`} after it ended)`);
    const ready = await Promise.all(
      SERVICE_NAMES.map(async (n) => [n, (await fetch(new URL('/health/ready', system.services[n].url)).catch(() => undefined))?.status ?? 0] as const),
    );
    check(ready.every(([, status]) => status === 200), `every service ready again: ${ready.map(([n, s]) => `${n} ${s}`).join(', ')}`);
    await holdsFull(load, 'after the database came back');
  } finally {
    if (!values['postgres-restart']) await admin.unsafe(`alter database "${name}" allow_connections true`);
    await admin.end({ timeout: 5 });
  }
}

async function gatewayDown(system: System, load: SteadyLoad): Promise<void> {
  log('(c) kill -9 the gateway under load');
  await sleep(BEFORE * 1000);
  const killedAt = now();
  await system.services.gateway.kill9();
  const startSeconds = await system.services.gateway.restart();
  const healthyAt = now();
  const recovery = await firstFull(load, healthyAt);
  log(`  down ${seconds(healthyAt - killedAt)} s (healthy ${seconds(startSeconds * 1000)} s after its start): ${describe(load.since(killedAt, healthyAt))}`);
  check(recovery !== null, `full answers again after the restart (first ${recovery === null ? 'never' : `${seconds(recovery)} s`} after its health check)`);
  await holdsFull(load, 'after the gateway came back');
}

/** The chain verified, and the log's entries of `principal` against the answers the client saw. */
async function checkQueryLog(database: Database, answers: Answer[], principal: string): Promise<void> {
  const chain = await verifyAuditChain(database.db);
  check(chain.ok, chain.ok ? `query-log chain verifies: ${chain.entries} entries` : `query-log chain broken at ${chain.brokenAt}: ${chain.reason}`);
  const [row] = await selectRows<{ answered: number; all: number }>(
    database.db,
    sql`select count(*) filter (where outcome = 'ANSWERED')::int as answered, count(*)::int as "all" from gateway.audit_log where principal_sub = ${principal}`,
  );
  const seen = answers.filter((a) => a.principal === principal && a.status === 200 && a.data).length;
  const logged = row?.answered ?? 0;
  log(`  ${principal}: ${seen} answers the client saw, ${logged} ANSWERED entries (${row?.all ?? 0} in all; ${logged - seen} logged whose answer never arrived)`);
  check(seen > 0 && logged >= seen, 'every answer the client saw has its query-log entry');
}

const system = await startSystem(log);
let auditDatabase: Database | undefined;
try {
  const run = Date.now().toString(36);
  const view = await unifiedView(system, `chaos-auditor-${run}`, 2 * PAGES);
  const [asked, unasked] = [view.workload.bodies.slice(0, PAGES), view.workload.bodies.slice(PAGES)];
  if (soakSeconds > 0) {
    // Over the asked pages only: the department's outage below still finds the unasked ones uncached.
    const soakView = { ...view, workload: { ...view.workload, bodies: asked }, headers: await auditorHeaders(system, `soak-auditor-${run}`) };
    log(`soak: ${soakSeconds} s`);
    check(await runSoak(system, soakView, { seconds: soakSeconds, connections: Number(values.connections), log }), `soak: every request of ${soakSeconds} s answered without error`);
  }
  const load = new SteadyLoad(system.gatewayUrl, asked, { principal: `chaos-auditor-${run}`, headers: view.headers }, rate);
  log(`steady load: ${rate} unified views per second (pages of 20 persons, AUDITOR × AUDIT)`);
  load.start();
  if (faults.has('department')) await departmentDown(system, load, unasked);
  if (faults.has('database')) await databaseDown(system, load);
  const principal = `chaos-gateway-${run}`;
  load.switchCaller({ principal, headers: await auditorHeaders(system, principal) });
  if (faults.has('gateway')) await gatewayDown(system, load);
  else await sleep(BEFORE * 1000);
  await load.stop();
  log(`client: ${load.answers.length} requests, ${load.skipped} not sent (64 already waiting)`);
  if (system.database === 'postgres') {
    auditDatabase = await openAuditDatabase(system.databaseUrl);
  } else {
    // The embedded query log is one process's: read it once the gateway has stopped.
    await system.stop({ keepData: true });
    auditDatabase = await openAuditDatabase(`pglite:${system.dataDir}/gateway`);
  }
  await checkQueryLog(auditDatabase, load.answers, principal);
} catch (error) {
  failures.push(String(error));
  console.error(error instanceof Error ? error.message : String(error));
  console.error(system.logTail());
} finally {
  await auditDatabase?.close();
  await system.stop();
}
const elapsed = `${(performance.now() / 1000).toFixed(1)} s since the process started`;
log(failures.length ? `chaos: ${failures.length} check(s) failed (${elapsed})` : `chaos: every check passed (${elapsed})`);
process.exit(failures.length ? 1 : 0);
