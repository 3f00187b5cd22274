import { authorizeStoredRow, authorizeWrite, enqueue, invalidState, type RecordCorrection, type Tx } from '@credit/kit';
import type { Context } from '../context.js';
import { eventTables } from '../db/schema.js';
import { forwardableUntil } from '../deadlines.js';
import { objectionDecision } from '../decisions.js';
import { objectionDecided, subscriptions } from '../events.js';
import type { MutationResolvers } from '../generated/resolvers.js';
import type { ObjectionRow } from '../loaders.js';
import { moveObjection, objectionNotFound, readObjection } from '../moves.js';
import { OBJECTION_TRANSITIONS, requireTransition } from '../transitions.js';
import type { ObjectionStatus } from '../vocabulary.js';

type Closing = Extract<ObjectionStatus, 'UPHELD' | 'REJECTED' | 'WITHDRAWN'>;

/**
 * The objection `operation` names, once its permit's row rule holds on it (the objection's
 * subject; an objection carries no authority). A missing objection is refused like somebody
 * else's to a caller held to SELF; one who may act on any objection learns it is NOT_FOUND.
 */
async function permittedObjection(tx: Tx, ctx: Context, operation: 'decideObjection' | 'withdrawObjection' | 'forwardObjection', id: string): Promise<ObjectionRow> {
  const current = await readObjection(tx, id);
  authorizeStoredRow(ctx.caller, operation, current ? { subjectId: current.subjectId, authority: null } : null);
  if (!current) throw objectionNotFound();
  return current;
}

/**
 * Closes an open objection and tells records in the same transaction; the relay is kicked only
 * after the commit, so records never hears of a decision that was rolled back.
 */
async function close(
  ctx: Context,
  operation: 'decideObjection' | 'withdrawObjection',
  id: string,
  to: Closing,
  { reasons, correction }: { reasons: string | null; correction: RecordCorrection | null },
) {
  const decidedOn = ctx.clock.today();
  const row = await ctx.db.transaction(async (tx) => {
    const current = await permittedObjection(tx, ctx, operation, id);
    requireTransition(OBJECTION_TRANSITIONS, 'objection', current.status, to);
    const closed = await moveObjection(tx, id, to, { decidedOn, outcomeReasons: reasons, correction });
    await enqueue(tx, eventTables, subscriptions, [objectionDecided(closed, { outcome: to, correction, decidedOn })]);
    return closed;
  });
  ctx.relay?.kick();
  return row;
}

export const objectionMutations: MutationResolvers = {
  decideObjection: (_, args, ctx) => {
    authorizeWrite(ctx.caller, 'decideObjection', args);
    return close(ctx, 'decideObjection', args.id, args.outcome, objectionDecision(args));
  },

  withdrawObjection: (_, args, ctx) => {
    authorizeWrite(ctx.caller, 'withdrawObjection', args);
    return close(ctx, 'withdrawObjection', args.id, 'WITHDRAWN', { reasons: null, correction: null });
  },

  forwardObjection: async (_, args, ctx) => {
    authorizeWrite(ctx.caller, 'forwardObjection', args);
    const { id } = args;
    const today = ctx.clock.today();
    // Read before the transaction: PGlite has one connection, which the transaction holds.
    const calendar = await ctx.loaders.calendar();
    return ctx.db.transaction(async (tx) => {
      const current = await permittedObjection(tx, ctx, 'forwardObjection', id);
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
