import { randomUUID } from 'node:crypto';
import { ManualClock } from '@credit/kit';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizen, OBJECTION_REVIEWER, REPAIR_REVIEWER } from './callers.testing.js';
import { objections, outbox, repairApplications } from './db/schema.js';
import { moveObjection, moveRepair } from './moves.js';
import { startTestDisputes } from './subgraph.testing.js';
import { mayMove, OBJECTION_TRANSITIONS, REPAIR_TRANSITIONS } from './transitions.js';
import { OBJECTION_STATUSES, REPAIR_STATUSES, type ObjectionStatus, type RepairStatus } from './vocabulary.js';

const TODAY = '2026-11-20';
const clock = new ManualClock(new Date(`${TODAY}T10:00:00+08:00`));
let t: Awaited<ReturnType<typeof startTestDisputes>>;

beforeAll(async () => {
  t = await startTestDisputes(clock);
});
afterAll(async () => {
  await t?.close();
});

const OBJECTION = 'id status forwardedOn decidedOn outcomeReasons correction { severity summary legalBasis } dueOn overdue';
const DECIDE = `mutation($id: ID!, $outcome: ObjectionOutcome!, $reasons: String, $correction: RecordCorrectionInput) {
  decideObjection(id: $id, outcome: $outcome, reasons: $reasons, correction: $correction) { ${OBJECTION} }
}`;
const FORWARD = `mutation($id: ID!) { forwardObjection(id: $id) { ${OBJECTION} } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawObjection(id: $id) { ${OBJECTION} } }`;
const DECIDE_REPAIR = `mutation($id: ID!, $outcome: RepairOutcome!, $reasons: String) {
  decideRepair(id: $id, outcome: $outcome, reasons: $reasons) { id status decidedOn decisionReasons }
}`;
const FILE_OBJECTION = `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id } }`;

const CLOSED: readonly ObjectionStatus[] = ['UPHELD', 'REJECTED', 'WITHDRAWN'];

/** An objection stored in `status`, as if it had got there through the workflow today. */
async function objectionIn(status: ObjectionStatus) {
  const row = {
    id: randomUUID(),
    recordId: randomUUID(),
    subjectId: randomUUID(),
    filedBy: 'SUBJECT' as const,
    reasons: '处罚决定认定的事实有误',
    status,
    filedOn: TODAY,
    filedAt: clock.now(),
    forwardedOn: status === 'FORWARDED' ? TODAY : null,
    decidedOn: CLOSED.includes(status) ? TODAY : null,
  };
  await t.db.insert(objections).values(row);
  return row;
}

/** A repair application stored in `status`, for an ACTIVE record whose facts disputes holds. */
async function repairIn(status: RepairStatus, record?: { id: string; subjectId: string }) {
  const facts = record ?? (await t.published());
  const row = {
    id: randomUUID(),
    recordId: facts.id,
    subjectId: facts.subjectId,
    basis: 'PENALTY_PAID' as const,
    evidence: ['缴款凭证.pdf'],
    creditPledge: '本人承诺今后诚实守信。',
    status,
    filedOn: TODAY,
    filedAt: clock.now(),
    decidedOn: status === 'SUBMITTED' ? null : TODAY,
  };
  await t.db.insert(repairApplications).values(row);
  return row;
}

const storedObjection = async (id: string) => (await t.db.select().from(objections).where(eq(objections.id, id)))[0]!;
const storedRepair = async (id: string) => (await t.db.select().from(repairApplications).where(eq(repairApplications.id, id)))[0]!;
const outboxSize = async () => (await t.db.select({ n: count() }).from(outbox))[0]!.n;

type Result = Awaited<ReturnType<typeof t.disputes.execute>>;
const only = (result: Result) => {
  expect(result.errors).toHaveLength(1);
  return result.errors![0]!.extensions!;
};
const dataOf = (result: Result, field: string) => {
  expect(result.errors).toBeUndefined();
  return result.data?.[field] as Record<string, unknown>;
};

/** What each action asks for, and the status it leads to. */
const OBJECTION_ACTIONS = {
  forward: { to: 'FORWARDED', run: (id: string) => t.disputes.execute(FORWARD, { id }, OBJECTION_REVIEWER) },
  uphold: { to: 'UPHELD', run: (id: string) => t.disputes.execute(DECIDE, { id, outcome: 'UPHELD' }, OBJECTION_REVIEWER) },
  reject: { to: 'REJECTED', run: (id: string) => t.disputes.execute(DECIDE, { id, outcome: 'REJECTED', reasons: '经核查记录无误' }, OBJECTION_REVIEWER) },
  withdraw: { to: 'WITHDRAWN', run: (id: string) => t.disputes.execute(WITHDRAW, { id }, OBJECTION_REVIEWER) },
} as const;
const REPAIR_ACTIONS = {
  approve: { to: 'APPROVED', run: (id: string) => t.disputes.execute(DECIDE_REPAIR, { id, outcome: 'APPROVED' }, REPAIR_REVIEWER) },
  reject: { to: 'REJECTED', run: (id: string) => t.disputes.execute(DECIDE_REPAIR, { id, outcome: 'REJECTED', reasons: '证据不足' }, REPAIR_REVIEWER) },
} as const;

// DESIGN §4 written out by hand, independently of transitions.ts: a wrong table fails below.
const OBJECTION_MOVES = ['SUBMITTED forward', 'SUBMITTED uphold', 'SUBMITTED reject', 'SUBMITTED withdraw', 'FORWARDED uphold', 'FORWARDED reject', 'FORWARDED withdraw'];
const REPAIR_MOVES = ['SUBMITTED approve', 'SUBMITTED reject'];

const objectionPairs = OBJECTION_STATUSES.flatMap((from) =>
  (Object.keys(OBJECTION_ACTIONS) as (keyof typeof OBJECTION_ACTIONS)[]).map((action) => ({ from, action, allowed: OBJECTION_MOVES.includes(`${from} ${action}`) })),
);
const repairPairs = REPAIR_STATUSES.flatMap((from) =>
  (Object.keys(REPAIR_ACTIONS) as (keyof typeof REPAIR_ACTIONS)[]).map((action) => ({ from, action, allowed: REPAIR_MOVES.includes(`${from} ${action}`) })),
);

describe('state machine', () => {
  it('walks all 20 objection pairs and 6 repair pairs', () => {
    expect(objectionPairs).toHaveLength(OBJECTION_STATUSES.length * 4);
    expect(repairPairs).toHaveLength(REPAIR_STATUSES.length * 2);
  });

  it('has a transition table that allows exactly the moves DESIGN describes', () => {
    for (const { from, action, allowed } of objectionPairs) {
      expect(mayMove(OBJECTION_TRANSITIONS, from, OBJECTION_ACTIONS[action].to), `${from} ${action}`).toBe(allowed);
    }
    for (const { from, action, allowed } of repairPairs) {
      expect(mayMove(REPAIR_TRANSITIONS, from, REPAIR_ACTIONS[action].to), `${from} ${action}`).toBe(allowed);
    }
  });

  it.each(objectionPairs)('objection $from, $action: allowed $allowed', async ({ from, action, allowed }) => {
    const { to, run } = OBJECTION_ACTIONS[action];
    const objection = await objectionIn(from);
    const before = await outboxSize();
    const result = await run(objection.id);
    if (allowed) {
      expect(result.errors).toBeUndefined();
      expect(Object.values(result.data ?? {})[0]).toMatchObject({ id: objection.id, status: to });
      expect((await storedObjection(objection.id)).status).toBe(to);
      // Every closing move tells records; forwarding concerns only the credit office.
      expect(await outboxSize()).toBe(before + (to === 'FORWARDED' ? 0 : 1));
    } else {
      expect(only(result)).toEqual({ code: 'INVALID_STATE', reason: 'TRANSITION_NOT_ALLOWED', from, to });
      expect(await storedObjection(objection.id)).toMatchObject({ status: from, decidedOn: objection.decidedOn, forwardedOn: objection.forwardedOn });
      expect(await outboxSize()).toBe(before);
    }
  });

  it.each(repairPairs)('repair $from, $action: allowed $allowed', async ({ from, action, allowed }) => {
    const { to, run } = REPAIR_ACTIONS[action];
    const repair = await repairIn(from);
    const before = await outboxSize();
    const result = await run(repair.id);
    if (allowed) {
      expect(dataOf(result, 'decideRepair')).toMatchObject({ id: repair.id, status: to, decidedOn: TODAY });
      expect((await storedRepair(repair.id)).status).toBe(to);
      expect(await outboxSize()).toBe(before + (to === 'APPROVED' ? 1 : 0));
    } else {
      expect(only(result)).toEqual({ code: 'INVALID_STATE', reason: 'TRANSITION_NOT_ALLOWED', from, to });
      expect((await storedRepair(repair.id)).status).toBe(from);
      expect(await outboxSize()).toBe(before);
    }
  });

  it('answers NOT_FOUND for unknown and malformed ids', async () => {
    for (const id of [randomUUID(), 'not-an-id']) {
      expect(only(await OBJECTION_ACTIONS.uphold.run(id))).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
      expect(only(await OBJECTION_ACTIONS.forward.run(id))).toMatchObject({ code: 'NOT_FOUND' });
      expect(only(await REPAIR_ACTIONS.approve.run(id))).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    }
  });
});

describe('decision input', () => {
  it('refuses REJECTED without reasons, and a correction with REJECTED, writing nothing', async () => {
    const objection = await objectionIn('SUBMITTED');
    const before = await outboxSize();
    const blank = await t.disputes.execute(DECIDE, { id: objection.id, outcome: 'REJECTED', reasons: '  ' }, OBJECTION_REVIEWER);
    expect(only(blank)).toEqual({ code: 'BAD_USER_INPUT', field: 'reasons', reason: 'REASONS_REQUIRED' });
    const corrected = await t.disputes.execute(
      DECIDE,
      { id: objection.id, outcome: 'REJECTED', reasons: '无误', correction: { severity: 'MINOR' } },
      OBJECTION_REVIEWER,
    );
    expect(only(corrected)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CORRECTION_NOT_ALLOWED' });
    const repair = await repairIn('SUBMITTED');
    const repairBlank = await t.disputes.execute(DECIDE_REPAIR, { id: repair.id, outcome: 'REJECTED' }, REPAIR_REVIEWER);
    expect(only(repairBlank)).toEqual({ code: 'BAD_USER_INPUT', field: 'reasons', reason: 'REASONS_REQUIRED' });
    expect((await storedObjection(objection.id)).status).toBe('SUBMITTED');
    expect((await storedRepair(repair.id)).status).toBe('SUBMITTED');
    expect(await outboxSize()).toBe(before);
  });

  it('refuses to approve a repair of a record that is no longer stored ACTIVE', async () => {
    for (const status of ['REVOKED', 'REPAIRED'] as const) {
      const record = await t.published();
      const repair = await repairIn('SUBMITTED', record);
      await t.publish({ ...record, status, version: 2 });
      const before = await outboxSize();
      const result = await REPAIR_ACTIONS.approve.run(repair.id);
      expect(only(result)).toEqual({ code: 'INVALID_STATE', reason: 'RECORD_NOT_ACTIVE', from: 'SUBMITTED', to: 'APPROVED', status });
      expect((await storedRepair(repair.id)).status).toBe('SUBMITTED');
      expect(await outboxSize()).toBe(before);
      // Rejecting it is still possible: the applicant gets an answer.
      expect(dataOf(await REPAIR_ACTIONS.reject.run(repair.id), 'decideRepair')).toMatchObject({ status: 'REJECTED' });
    }
  });

  it('approves a repair of a record whose publication ended by date (records archives it as REPAIRED)', async () => {
    const record = await t.published({ publicityEndsOn: '2026-11-01' });
    const repair = await repairIn('SUBMITTED', record);
    expect(dataOf(await REPAIR_ACTIONS.approve.run(repair.id), 'decideRepair')).toMatchObject({ status: 'APPROVED' });
  });
});

describe('events', () => {
  const xmin = sql<string>`xmin::text`;
  /** Each row's creating (or last updating) transaction: equal ids mean one transaction. */
  const objectionTx = async (id: string) => (await t.db.select({ x: xmin }).from(objections).where(eq(objections.id, id)))[0]!.x;
  const repairTx = async (id: string) => (await t.db.select({ x: xmin }).from(repairApplications).where(eq(repairApplications.id, id)))[0]!.x;
  const eventTx = async (eventId: number) => (await t.db.select({ x: xmin }).from(outbox).where(eq(outbox.id, eventId)))[0]!.x;

  /** Files through the API, so the filing and its event come from an earlier transaction. */
  async function filed() {
    const record = await t.published();
    const result = await t.disputes.execute(FILE_OBJECTION, { input: { recordId: record.id, reasons: '事实有误' } }, citizen(record.subjectId));
    return { record, id: dataOf(result, 'fileObjection').id as string };
  }

  it.each([
    ['UPHELD, revoking the record', { outcome: 'UPHELD' }, { outcome: 'UPHELD', correction: null }],
    [
      'UPHELD with a correction',
      { outcome: 'UPHELD', reasons: '处罚种类认定有误', correction: { severity: 'MINOR', summary: ' 逾期申报，已补缴 ' } },
      { outcome: 'UPHELD', correction: { severity: 'MINOR', summary: '逾期申报，已补缴' } },
    ],
    ['REJECTED', { outcome: 'REJECTED', reasons: '经核查记录无误' }, { outcome: 'REJECTED', correction: null }],
  ])('writes objection.decided for %s to records, in the decision’s transaction', async (_name, variables, payload) => {
    const { record, id } = await filed();
    const result = await t.disputes.execute(DECIDE, { id, ...variables }, OBJECTION_REVIEWER);
    const decided = dataOf(result, 'decideObjection');
    const events = await t.eventsAbout('objectionId', id);
    expect(events.map((e) => e.type)).toEqual(['objection.filed', 'objection.decided']);
    const [filing, decision] = events as [(typeof events)[number], (typeof events)[number]];
    expect(decision).toMatchObject({ destination: 'records', deliveredAt: null });
    expect(decision.payload).toEqual({ objectionId: id, recordId: record.id, subjectId: record.subjectId, decidedOn: TODAY, ...payload });
    expect(await eventTx(decision.id)).toBe(await objectionTx(id));
    expect(await eventTx(filing.id)).not.toBe(await objectionTx(id));
    // The objection shows what was decided and changed.
    expect(decided).toMatchObject({
      decidedOn: TODAY,
      outcomeReasons: 'reasons' in variables ? expect.any(String) : null,
      correction: payload.correction ? { legalBasis: null, ...payload.correction } : null,
      dueOn: null,
      overdue: false,
    });
  });

  it('writes objection.decided WITHDRAWN when the subject withdraws', async () => {
    const { record, id } = await filed();
    const result = await t.disputes.execute(WITHDRAW, { id }, citizen(record.subjectId));
    expect(dataOf(result, 'withdrawObjection')).toMatchObject({ status: 'WITHDRAWN', decidedOn: TODAY, correction: null });
    const [, decision] = await t.eventsAbout('objectionId', id);
    expect(decision!.payload).toEqual({ objectionId: id, recordId: record.id, subjectId: record.subjectId, outcome: 'WITHDRAWN', correction: null, decidedOn: TODAY });
    expect(await eventTx(decision!.id)).toBe(await objectionTx(id));
  });

  it('writes nothing for forwarding, and nothing for a refused decision', async () => {
    const { id } = await filed();
    dataOf(await OBJECTION_ACTIONS.forward.run(id), 'forwardObjection');
    expect((await t.eventsAbout('objectionId', id)).map((e) => e.type)).toEqual(['objection.filed']);
    dataOf(await OBJECTION_ACTIONS.reject.run(id), 'decideObjection');
    expect(only(await OBJECTION_ACTIONS.uphold.run(id))).toMatchObject({ code: 'INVALID_STATE', from: 'REJECTED', to: 'UPHELD' });
    expect(only(await OBJECTION_ACTIONS.withdraw.run(id))).toMatchObject({ code: 'INVALID_STATE', from: 'REJECTED', to: 'WITHDRAWN' });
    expect((await t.eventsAbout('objectionId', id)).map((e) => e.type)).toEqual(['objection.filed', 'objection.decided']);
  });

  it('writes repair.approved to records in the approval’s transaction, and nothing on rejection', async () => {
    const approved = await repairIn('SUBMITTED');
    dataOf(await REPAIR_ACTIONS.approve.run(approved.id), 'decideRepair');
    const events = await t.eventsAbout('repairId', approved.id);
    expect(events).toMatchObject([
      { type: 'repair.approved', destination: 'records', payload: { repairId: approved.id, recordId: approved.recordId, decidedOn: TODAY } },
    ]);
    expect(await eventTx(events[0]!.id)).toBe(await repairTx(approved.id));

    const rejected = await repairIn('SUBMITTED');
    expect(dataOf(await REPAIR_ACTIONS.reject.run(rejected.id), 'decideRepair')).toMatchObject({ decisionReasons: '证据不足' });
    expect(await t.eventsAbout('repairId', rejected.id)).toEqual([]);
  });
});

describe('concurrent decisions', () => {
  it('lets one of two simultaneous decisions win; the other gets INVALID_STATE and writes nothing', async () => {
    const objection = await objectionIn('SUBMITTED');
    const results = await Promise.all([OBJECTION_ACTIONS.uphold.run(objection.id), OBJECTION_ACTIONS.reject.run(objection.id)]);
    const winners = results.filter((r) => !r.errors);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const won = (Object.values(winners[0]!.data!)[0] as { status: string }).status;
    expect(only(losers[0]!)).toMatchObject({ code: 'INVALID_STATE', reason: 'TRANSITION_NOT_ALLOWED', from: won });
    expect((await storedObjection(objection.id)).status).toBe(won);
    expect(await t.eventsAbout('objectionId', objection.id)).toMatchObject([{ payload: { outcome: won } }]);
  });

  it('guards the state change itself: a move decided on a stale read matches no row', async () => {
    // As if read while SUBMITTED, then withdrawn by another transaction before the update.
    const objection = await objectionIn('WITHDRAWN');
    const stale = t.db.transaction((tx) => moveObjection(tx, objection.id, 'UPHELD', { decidedOn: TODAY }));
    await expect(stale).rejects.toMatchObject({ extensions: { code: 'INVALID_STATE', from: 'WITHDRAWN', to: 'UPHELD' } });
    expect(await storedObjection(objection.id)).toMatchObject({ status: 'WITHDRAWN' });

    const repair = await repairIn('REJECTED');
    const staleRepair = t.db.transaction((tx) => moveRepair(tx, repair.id, 'APPROVED', { decidedOn: TODAY }));
    await expect(staleRepair).rejects.toMatchObject({ extensions: { code: 'INVALID_STATE', from: 'REJECTED', to: 'APPROVED' } });
  });

  it.runIf(process.env.DATABASE_URL)('makes a decision that waited for a concurrent one lose (PostgreSQL row lock)', async () => {
    const objection = await objectionIn('SUBMITTED');
    let release!: () => void;
    let locked!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const first = t.db.transaction(async (tx) => {
      await tx.update(objections).set({ status: 'WITHDRAWN', decidedOn: TODAY }).where(eq(objections.id, objection.id));
      locked();
      await held;
    });
    await isLocked;
    // This decision reads SUBMITTED (the withdrawal is not committed yet) and waits on the row.
    const second = OBJECTION_ACTIONS.uphold.run(objection.id);
    const waiting = async () => {
      const [row] = await t.db
        .select({ n: sql<number>`count(*)::int` })
        .from(sql`pg_stat_activity`)
        .where(sql`wait_event_type = 'Lock' and datname = current_database()`);
      return row?.n;
    };
    await expect.poll(waiting, { timeout: 5000 }).toBe(1);
    release();
    await first;
    expect(only(await second)).toMatchObject({ code: 'INVALID_STATE', from: 'WITHDRAWN', to: 'UPHELD' });
    expect(await t.eventsAbout('objectionId', objection.id)).toEqual([]);
  });
});
