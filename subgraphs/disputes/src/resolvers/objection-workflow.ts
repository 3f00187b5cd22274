import { enqueue, invalidState, requirePermit, type RecordCorrection } from '@credit/kit';
import type { Context } from '../context.js';
import { eventTables } from '../db/schema.js';
import { forwardableUntil } from '../deadlines.js';
import { objectionDecision, type CorrectionInput, type ObjectionOutcome } from '../decisions.js';
import { objectionDecided, subscriptions } from '../events.js';
import { findObjection, moveObjection } from '../moves.js';
import { PERMITS, requireOwnRecord } from '../permits.js';
import { OBJECTION_TRANSITIONS, requireTransition } from '../transitions.js';
import type { ObjectionStatus } from '../vocabulary.js';

type Closing = Extract<ObjectionStatus, 'UPHELD' | 'REJECTED' | 'WITHDRAWN'>;

/**
 * Closes an open objection and tells records in the same transaction; the relay is kicked only
 * after the commit, so records never hears of a decision that was rolled back.
 */
async function close(
  ctx: Context,
  id: string,
  to: Closing,
  { reasons, correction }: { reasons: string | null; correction: RecordCorrection | null },
  authorize: (row: { subjectId: string }) => void = () => {},
) {
  const decidedOn = ctx.clock.today();
  const row = await ctx.db.transaction(async (tx) => {
    const current = await findObjection(tx, id);
    authorize(current);
    requireTransition(OBJECTION_TRANSITIONS, 'objection', current.status, to);
    const closed = await moveObjection(tx, id, to, { decidedOn, outcomeReasons: reasons, correction });
    await enqueue(tx, eventTables, subscriptions, [objectionDecided(closed, { outcome: to, correction, decidedOn })]);
    return closed;
  });
  ctx.relay?.kick();
  return row;
}

export interface DecideObjectionArgs {
  id: string;
  outcome: ObjectionOutcome;
  reasons?: string | null;
  correction?: CorrectionInput | null;
}

export const objectionMutations = {
  decideObjection: (_: unknown, args: DecideObjectionArgs, ctx: Context) => {
    requirePermit(ctx.caller, PERMITS.decideObjection, 'decideObjection');
    return close(ctx, args.id, args.outcome, objectionDecision(args));
  },

  withdrawObjection: (_: unknown, { id }: { id: string }, ctx: Context) => {
    requirePermit(ctx.caller, PERMITS.withdrawObjection, 'withdrawObjection');
    const own = (row: { subjectId: string }) => requireOwnRecord(ctx.caller, row.subjectId, 'withdrawObjection');
    return close(ctx, id, 'WITHDRAWN', { reasons: null, correction: null }, own);
  },

  forwardObjection: async (_: unknown, { id }: { id: string }, ctx: Context) => {
    requirePermit(ctx.caller, PERMITS.forwardObjection, 'forwardObjection');
    const today = ctx.clock.today();
    // Read before the transaction: PGlite has one connection, which the transaction holds.
    const calendar = await ctx.loaders.calendar();
    return ctx.db.transaction(async (tx) => {
      const current = await findObjection(tx, id);
      requireTransition(OBJECTION_TRANSITIONS, 'objection', current.status, 'FORWARDED');
      const until = forwardableUntil(current.filedOn, calendar);
      if (today > until) {
        throw invalidState(`The objection could be forwarded until ${until}; the credit office must decide it`, {
          reason: 'FORWARD_DEADLINE_PASSED',
          from: current.status,
          to: 'FORWARDED',
          forwardableUntil: until,
        });
      }
      return moveObjection(tx, id, 'FORWARDED', { forwardedOn: today });
    });
  },
};
