/**
 * The soak on a started system: the unified view's peak measured (unless a rate is given), then
 * that many seconds at 80 % of it with 1 % writes (`submitCreditRecord`), printing per interval the
 * requests, errors, p50/p99 and the RSS of every process, then each process's RSS growth after the
 * first interval (the warm-up) and whether p99 held. `npm run soak` runs it alone; `npm run chaos
 * -- --soak-seconds N` runs it on the fault run's system before the faults (CI: one start for both).
 * The load client is the benchmark's (bench/src/measure.ts).
 */
import { measure, type Sample } from '../../bench/src/measure.js';
import { SERVICE_NAMES, type ServiceName, type System } from './system.js';
import { writeBody, writerHeaders, type UnifiedView } from './workload.js';

/** p99 held when no interval after the warm-up exceeds the first one after it by more than this factor. */
const P99_TOLERANCE = 1.5;
const WRITE_EVERY = 100;
/** From this length on, intervals of a minute and a full warm-up and peak run; shorter soaks (CI) are cut in thirds. */
const LONG_SECONDS = 180;

export interface SoakOptions {
  seconds: number;
  connections: number;
  /** Requests per second; unset: 80 % of the peak measured first. */
  rate?: number;
  log: (line: string) => void;
}

/** Runs the soak on `system` over the pages of `view`; true when every request was answered without error. */
export async function runSoak(system: System, view: UnifiedView, options: SoakOptions): Promise<boolean> {
  const { seconds, connections, log } = options;
  const long = seconds >= LONG_SECONDS;
  const intervalSeconds = long ? 60 : Math.max(5, Math.round(seconds / 3));
  const intervals = Math.max(2, Math.round(seconds / intervalSeconds));
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

  const run = Date.now().toString(36);
  const writer = await writerHeaders(system, `soak-officer-${run}`);
  let drawn = 0;
  let writes = 0;
  const bodies = view.workload.bodies;
  const load = {
    url: system.gatewayUrl,
    bodies,
    headers: view.headers,
    pick: () => {
      drawn++;
      if (drawn % WRITE_EVERY !== 1) return { body: bodies[drawn % bodies.length]! };
      return { body: writeBody(run, ++writes, view.personIds), headers: writer };
    },
  };

  let rate = options.rate ?? 0;
  if (!rate) {
    // The warm-up only gets the first slow answers of a started system out of the peak; a short
    // soak's peak needs a few hundred answers, not a stable mean.
    const [warmUp, peakSeconds] = long ? [10, 20] : [1, 3];
    await measure(load, { connections, seconds: warmUp });
    // A started system answers its first requests slowly: a peak of a few answers is measured again.
    let peak = await measure(load, { connections, seconds: peakSeconds });
    for (let tries = 1; peak.requests < 2 * connections && tries < 3; tries++) peak = await measure(load, { connections, seconds: peakSeconds });
    if (peak.errors) throw new Error(`the peak run failed ${peak.errors} requests: ${peak.errorSample}`);
    rate = Math.max(1, Math.round(peak.rps * 0.8));
    log(`peak ${peak.rps.toFixed(1)} req/s at ${connections} connections (p50 ${Math.round(peak.p50)} ms, p99 ${Math.round(peak.p99)} ms): soak at ${rate} req/s`);
  }
  // Counted from here, so the soak's first request is a write and even a short run writes.
  drawn = 0;
  const writesBefore = writes;
  log(`${intervals} × ${intervalSeconds} s at ${rate} req/s on the unified view, 1 in ${WRITE_EVERY} requests a submitCreditRecord`);
  log(`interval  requests  req/s  errors  p50 ms  p99 ms  ${SERVICE_NAMES.map((n) => `${n} MB`).join('  ')}`);
  const samples: Sample[] = [];
  const rss: Record<ServiceName, number>[] = [];
  for (let i = 1; i <= intervals; i++) {
    const sample = await measure(load, { connections, seconds: intervalSeconds, rate });
    const now = Object.fromEntries(SERVICE_NAMES.map((n) => [n, system.services[n].rss()])) as Record<ServiceName, number>;
    samples.push(sample);
    rss.push(now);
    log(
      `${String(i).padStart(8)}  ${String(sample.requests).padStart(8)}  ${sample.rps.toFixed(1).padStart(5)}  ${String(sample.errors).padStart(6)}  ` +
        `${String(Math.round(sample.p50)).padStart(6)}  ${String(Math.round(sample.p99)).padStart(6)}  ${SERVICE_NAMES.map((n) => mb(now[n]).padStart(n.length + 3)).join('  ')}`,
    );
    if (sample.errorSample) log(`  failed answer: ${sample.errorSample}`);
  }

  const errors = samples.reduce((n, s) => n + s.errors, 0);
  const requests = samples.reduce((n, s) => n + s.requests, 0);
  log(`total: ${requests} requests answered (${writes - writesBefore} writes sent), ${errors} errors`);
  const [warm, last] = [rss[0]!, rss.at(-1)!];
  log(`RSS growth after the warm-up (end of interval 1 to the end): ${SERVICE_NAMES.map((n) => `${n} ${(last[n] - warm[n] >= 0 ? '+' : '')}${mb(last[n] - warm[n])} MB (${(((last[n] - warm[n]) / warm[n]) * 100).toFixed(1)} %)`).join(', ')}`);
  const after = samples.slice(1).map((s) => s.p99);
  const worst = Math.max(...after);
  const stable = worst <= after[0]! * P99_TOLERANCE;
  log(`p99 after the warm-up: ${after.map(Math.round).join(', ')} ms; ${stable ? 'stable' : 'NOT stable'} (worst ${(worst / after[0]!).toFixed(2)}× the first, tolerance ${P99_TOLERANCE}×)`);
  return errors === 0 && requests > 0;
}
