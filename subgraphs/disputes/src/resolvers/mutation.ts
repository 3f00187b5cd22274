import { randomUUID } from 'node:crypto';
import { conflict, enqueue, type Executor, type RecordFactsRow } from '@credit/kit';
import { eq } from 'drizzle-orm';
import type { Context } from '../context.js';
import { eventTables, objections, recordFacts, repairApplications } from '../db/schema.js';
import { objectionFiled, subscriptions } from '../events.js';
import {
  objectionFiling, repairFiling, requireActiveNegative, requireMinimumPeriodPassed,
  type ObjectionInput, type RepairInput,
} from '../filing.js';
import { isUuid } from '@credit/kit';

/** What every new filing carries: the record and its subject, SUBMITTED on the date it was checked against. */
const filed = (facts: RecordFactsRow, today: string, ctx: Context) =>
  ({ recordId: facts.id, subjectId: facts.subjectId, status: 'SUBMITTED', filedOn: today, filedAt: ctx.clock.now() }) as const;

async function findFacts(tx: Executor, recordId: string) {
  if (!isUuid(recordId)) return undefined;
  const [facts] = await tx.select().from(recordFacts).where(eq(recordFacts.id, recordId));
  return facts;
}

export const Mutation = {
  fileObjection: async (_: unknown, { input }: { input: ObjectionInput }, ctx: Context) => {
    const today = ctx.clock.today();
    const row = await ctx.db.transaction(async (tx) => {
      const facts = requireActiveNegative(await findFacts(tx, input.recordId), today);
      const filing = objectionFiling(input);
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

  fileRepairApplication: async (_: unknown, { input }: { input: RepairInput }, ctx: Context) => {
    const today = ctx.clock.today();
    return ctx.db.transaction(async (tx) => {
      const facts = requireActiveNegative(await findFacts(tx, input.recordId), today);
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
