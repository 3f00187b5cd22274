import { randomUUID } from 'node:crypto';
import { authorizeStoredRow, authorizeWrite, conflict, enqueue, isUuid, type Executor, type RecordFactsRow } from '@credit/kit';
import { eq } from 'drizzle-orm';
import type { Context } from '../context.js';
import { eventTables, objections, recordFacts, repairApplications } from '../db/schema.js';
import { objectionFiled, subscriptions } from '../events.js';
import { objectionFiling, repairFiling, requireActiveNegative, requireMinimumPeriodPassed } from '../filing.js';
import type { MutationResolvers } from '../generated/resolvers.js';
import { filerOf } from '../permits.js';

/** What every new filing carries: the record and its subject, SUBMITTED on the date it was checked against. */
const filed = (facts: RecordFactsRow, today: string, ctx: Context) =>
  ({ recordId: facts.id, subjectId: facts.subjectId, status: 'SUBMITTED', filedOn: today, filedAt: ctx.clock.now() }) as const;

/**
 * The record a filing is about, once the caller may file against it: the permit's row rule is
 * decided on the record's subject and determining authority before the record's state, and a
 * missing record is refused like someone else's, so a citizen learns nothing about ids. A record
 * whose facts predate the authority (null) matches no department.
 */
async function fileableRecord(tx: Executor, recordId: string, ctx: Context, operation: 'fileObjection' | 'fileRepairApplication', today: string) {
  const [facts] = isUuid(recordId) ? await tx.select().from(recordFacts).where(eq(recordFacts.id, recordId)) : [];
  authorizeStoredRow(ctx.caller, operation, facts ? { subjectId: facts.subjectId, authority: facts.determiningAuthority } : null);
  return requireActiveNegative(facts, today);
}

export const filingMutations: MutationResolvers = {
  fileObjection: async (_, args, ctx) => {
    authorizeWrite(ctx.caller, 'fileObjection', args);
    const { input } = args;
    const today = ctx.clock.today();
    const row = await ctx.db.transaction(async (tx) => {
      const facts = await fileableRecord(tx, input.recordId, ctx, 'fileObjection', today);
      const filing = { ...objectionFiling(input), filedBy: filerOf(ctx.caller, input.filedBy) };
      // The partial unique index on open objections decides races between concurrent filings.
      const [inserted] = await tx
        .insert(objections)
        .values({ id: randomUUID(), ...filed(facts, today, ctx), ...filing })
        .onConflictDoNothing()
        .returning();
      if (!inserted) throw conflict('This record already has an open objection', { field: 'recordId' });
      await enqueue(tx, eventTables, subscriptions, [objectionFiled(inserted)]);
      return inserted;
    });
    ctx.relay?.kick();
    return row;
  },

  fileRepairApplication: async (_, args, ctx) => {
    authorizeWrite(ctx.caller, 'fileRepairApplication', args);
    const { input } = args;
    const today = ctx.clock.today();
    return ctx.db.transaction(async (tx) => {
      const facts = await fileableRecord(tx, input.recordId, ctx, 'fileRepairApplication', today);
      requireMinimumPeriodPassed(facts, input.basis, today);
      const filing = repairFiling(input);
      const [inserted] = await tx
        .insert(repairApplications)
        .values({ id: randomUUID(), ...filed(facts, today, ctx), ...filing })
        .onConflictDoNothing()
        .returning();
      if (!inserted) throw conflict('This record already has a submitted repair application', { field: 'recordId' });
      return inserted;
    });
  },
};
