import { authorizeStoredRow, authorizeWrite, enqueue, invalidState } from '@credit/kit';
import { eq } from 'drizzle-orm';
import { eventTables, recordFacts } from '../db/schema.js';
import { repairDecision } from '../decisions.js';
import { repairApproved, subscriptions } from '../events.js';
import type { MutationResolvers } from '../generated/resolvers.js';
import { moveRepair, readRepair, repairNotFound } from '../moves.js';
import { REPAIR_TRANSITIONS, requireTransition } from '../transitions.js';

export const repairMutations: MutationResolvers = {
  decideRepair: async (_, args, ctx) => {
    authorizeWrite(ctx.caller, 'decideRepair', args);
    const { reasons } = repairDecision(args);
    const decidedOn = ctx.clock.today();
    const row = await ctx.db.transaction(async (tx) => {
      const current = await readRepair(tx, args.id);
      authorizeStoredRow(ctx.caller, 'decideRepair', current ? { subjectId: current.subjectId, authority: null } : null);
      if (!current) throw repairNotFound();
      requireTransition(REPAIR_TRANSITIONS, 'repair application', current.status, args.outcome);
      if (args.outcome === 'APPROVED') {
        // A record already expired by date may still be repaired (its archive entry says why it
        // ended); a revoked or repaired one has nothing left to repair. Facts not yet projected
        // do not block: records applies repair.approved only to a stored ACTIVE record.
        const [facts] = await tx.select().from(recordFacts).where(eq(recordFacts.id, current.recordId));
        if (facts && facts.status !== 'ACTIVE') {
          throw invalidState(`The record is ${facts.status}: there is nothing left to repair`, {
            reason: 'RECORD_NOT_ACTIVE',
            from: current.status,
            to: args.outcome,
            status: facts.status,
          });
        }
      }
      const decided = await moveRepair(tx, args.id, args.outcome, { decidedOn, decisionReasons: reasons });
      if (decided.status === 'APPROVED') await enqueue(tx, eventTables, subscriptions, [repairApproved(decided, decidedOn)]);
      return decided;
    });
    ctx.relay?.kick();
    return row;
  },
};
