/** Helpers for the records subgraph's own tests. */
import { randomUUID } from 'node:crypto';
import { applyEvents, EVENT, ManualClock, type ObjectionDecided, type RepairApproved, type RunningSubgraph } from '@credit/kit';
import { caller, freshDatabaseLocation } from '@credit/kit/testing';
import type { Purpose } from '@credit/schema';
import { eventTables } from './db/schema.js';
import { handlers } from './handlers.js';
import { startRecords } from './server.js';

/**
 * The subgraph on a fresh database with a clock the test moves. Nothing is delivered to other
 * subgraphs: the test reads the outbox. `location` for a database another process must open too.
 */
export async function startTestRecords(now: string, location?: string) {
  const fresh = location ? { location, drop: async () => {} } : await freshDatabaseLocation();
  const clock = new ManualClock(new Date(now));
  const records = await startRecords({ location: fresh.location, seedDemo: false, relay: false, clock, destinations: () => ({}) });
  return {
    records,
    clock,
    location: fresh.location,
    close: async () => {
      await records.close();
      await fresh.drop();
    },
  };
}

export { caller };

/** The determining authority of `recordInput`. */
export const AUTHORITY = '北京市朝阳区税务局';

/** An officer of `department` submitting its decisions (schema/src/permits.ts: OFFICER × JOINT_PUNISHMENT, own department). */
export const officerOf = (department: string = AUTHORITY, purpose: Purpose = 'JOINT_PUNISHMENT') => caller('OFFICER', purpose, { department });

/** The officer that may submit `input`: one of its determining authority. */
export const submitterOf = (input: { determiningAuthority?: unknown }) =>
  officerOf(typeof input.determiningAuthority === 'string' ? input.determiningAuthority : AUTHORITY);

/** The one caller that reads the archive (DESIGN §4, Status). */
export const AUDITOR = caller('AUDITOR', 'AUDIT');

let documents = 0;

/** A valid submitCreditRecord input: a GENERAL taxation penalty of a new person unless overridden. */
export function recordInput(overrides: Record<string, unknown> = {}) {
  documents++;
  return {
    subjectId: randomUUID(),
    kind: 'NEGATIVE',
    severity: 'GENERAL',
    domain: 'TAXATION',
    category: 'ADMINISTRATIVE_ACT',
    regionCode: '110105',
    determiningAuthority: AUTHORITY,
    documentNumber: `京朝税罚〔2026〕${documents}号`,
    legalBasis: '《中华人民共和国税收征收管理法》第六十三条',
    decidedOn: '2026-05-10',
    summary: '逃避缴纳税款',
    ...overrides,
  };
}

export interface SubmittedRecord {
  id: string;
  decidedOn: string;
  publicityEndsOn: string;
}

const SUBMIT = `mutation($input: SubmitCreditRecordInput!) { submitCreditRecord(input: $input) { id decidedOn publicityEndsOn } }`;

export async function submitRecord(records: RunningSubgraph, overrides: Record<string, unknown> = {}): Promise<SubmittedRecord> {
  const input = recordInput(overrides);
  const result = await records.execute(SUBMIT, { input }, submitterOf(input));
  if (result.errors) throw new Error(`submitCreditRecord failed: ${JSON.stringify(result.errors)}`);
  return result.data?.submitCreditRecord as SubmittedRecord;
}

let eventIds = 1_000_000;

/** Delivers events from disputes as the relay would, each under a new event id; returns how many applied. */
export function deliver(records: RunningSubgraph, events: ({ type: typeof EVENT.objectionDecided; payload: ObjectionDecided } | { type: typeof EVENT.repairApproved; payload: RepairApproved })[]) {
  return applyEvents(records.database.db, eventTables, handlers, { source: 'disputes', events: events.map((e) => ({ id: eventIds++, ...e })) });
}

export const repairApproved = (recordId: string, decidedOn: string, repairId: string = randomUUID()) => ({
  type: EVENT.repairApproved,
  payload: { repairId, recordId, decidedOn },
});

export const objectionDecided = (recordId: string, decidedOn: string, more: Partial<ObjectionDecided> = {}) => ({
  type: EVENT.objectionDecided,
  payload: { objectionId: randomUUID(), recordId, outcome: 'UPHELD', correction: null, decidedOn, ...more } satisfies ObjectionDecided,
});
