import {
  applyEvents,
  EVENT,
  generateSigningKey,
  ManualClock,
  type ExecutionResult,
  type RecordFacts,
  type RunningSubgraph,
} from '@credit/kit';
import { caller, freshDatabaseLocation, recordFactsFixture } from '@credit/kit/testing';
import { eventTables } from './db/schema.js';
import { handlers } from './events.js';
import { startIncentives } from './server.js';

export const TODAY = '2026-11-21';
const at = (date: string) => `${date}T10:00:00+08:00`;

/** The incentives subgraph on a fresh database, with a ManualClock at TODAY and no relay. */
export async function startTestIncentives() {
  const clock = new ManualClock(new Date(at(TODAY)));
  const signingKey = generateSigningKey();
  const { location, drop } = await freshDatabaseLocation();
  const incentives: RunningSubgraph = await startIncentives({ location, seedDemo: false, relay: false, clock, signingKey });
  let lastEventId = 0;
  const changed = (payload: RecordFacts) => ({ id: ++lastEventId, type: EVENT.recordChanged, payload });
  /** Exactly what the relay delivers to /internal/events, applied in-process. */
  const deliver = (events: ReturnType<typeof changed>[]) => applyEvents(incentives.database.db, eventTables, handlers, { source: 'records', events });
  return {
    incentives,
    clock,
    signingKey,
    changed,
    deliver,
    /** One record.changed per payload, delivered in one batch. */
    publish: (...records: RecordFacts[]) => deliver(records.map(changed)),
    /** Runs `check` with the clock on `date`, then puts it back on TODAY. */
    async on<T>(date: string, check: () => Promise<T>): Promise<T> {
      clock.set(at(date));
      try {
        return await check();
      } finally {
        clock.set(at(TODAY));
      }
    },
    close: async () => {
      await incentives.close();
      await drop();
    },
  };
}
export type TestIncentives = Awaited<ReturnType<typeof startTestIncentives>>;

export const record = (subjectId: string, overrides: Partial<RecordFacts> = {}) => recordFactsFixture({ subjectId, ...overrides });
export const honour = (subjectId: string, overrides: Partial<RecordFacts> = {}) =>
  record(subjectId, { kind: 'POSITIVE', severity: null, domain: 'VOLUNTEER_SERVICE', category: 'HONOUR', decidedOn: '2026-06-01', publicityEndsOn: '2029-06-01', ...overrides });
/** A judgment defaulter's record (失信被执行人): SERIOUS, category JUDICIAL. */
export const judgmentDefault = (subjectId: string, overrides: Partial<RecordFacts> = {}) =>
  record(subjectId, { severity: 'SERIOUS', domain: 'JUDICIAL_PROCEEDINGS', category: 'JUDICIAL', decidedOn: '2025-03-01', publicityEndsOn: '2028-03-01', ...overrides });

export { caller };
/** The department the tests' nominations name (nominateRedList's nominatingDepartment). */
export const NOMINATING_DEPARTMENT = '县文明办';

export const codes = (reasons: string[]) => reasons.map((r) => r.slice(0, r.indexOf(':')));

/** The data of an operation that must succeed. */
export function ok(result: ExecutionResult): Record<string, unknown> {
  if (result.errors || !result.data) throw new Error(`expected data, got ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** The single error of a refused operation, with its extensions. */
export function refused(result: ExecutionResult) {
  const [error, ...more] = result.errors ?? [];
  if (!error || more.length) throw new Error(`expected one error, got ${JSON.stringify(result.errors ?? result.data)}`);
  return error;
}

/** The person ids the subgraph reported serving, for the gateway's query log. */
export const servedPersons = (result: ExecutionResult) =>
  (result as { extensions?: { servedPersons?: string[] } }).extensions?.servedPersons;
