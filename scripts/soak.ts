/**
 * `npm run soak -- --minutes 10 [--rate N] [--connections 8]`: starts the system (scripts/load/system.ts)
 * and runs the soak on it (scripts/load/soak.ts): the unified view's peak measured (unless --rate),
 * then the minutes given at 80 % of it with 1 % writes, every process's RSS and p99 per interval.
 * Exit 1 on any failed request. CI runs a short soak on the fault run's system instead
 * (`npm run chaos -- --short --soak-seconds 30`), so the system starts once for both.
 */
import { parseArgs } from 'node:util';
import { runSoak } from './load/soak.js';
import { startSystem } from './load/system.js';
import { unifiedView } from './load/workload.js';

const { values } = parseArgs({
  options: { minutes: { type: 'string', default: '10' }, rate: { type: 'string' }, connections: { type: 'string', default: '8' } },
});
const minutes = Number(values.minutes);
const connections = Number(values.connections);
if (!(minutes > 0) || !(connections > 0)) throw new Error('--minutes and --connections take positive numbers');

const log = (line: string) => console.log(line);
const system = await startSystem(log);
let failed = false;
try {
  const view = await unifiedView(system, `soak-auditor-${Date.now().toString(36)}`);
  failed = !(await runSoak(system, view, { seconds: minutes * 60, connections, ...(values.rate ? { rate: Number(values.rate) } : {}), log }));
} catch (error) {
  failed = true;
  console.error(error instanceof Error ? error.message : String(error));
  console.error(system.logTail());
} finally {
  await system.stop();
}
process.exit(failed ? 1 : 0);
