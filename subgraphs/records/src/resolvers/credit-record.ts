import { effectiveStatus } from '@credit/kit';
import { loadVisible, visible } from '../archive.js';
import type { Context } from '../context.js';
import type { RecordRow } from '../store.js';

export const CreditRecord = {
  __resolveReference: async (ref: { id: string }, ctx: Context) => visible(await ctx.loaders.recordById.load(ref.id), ctx),
  subject: (record: RecordRow) => ({ __typename: 'Person', id: record.subjectId }),
  status: (record: RecordRow, _args: unknown, ctx: Context) => effectiveStatus(record.status, record.publicityEndsOn, ctx.clock.today()),
  // Disputes owns the application and answers for it.
  repair: (record: RecordRow) => (record.repairId ? { __typename: 'RepairApplication', id: record.repairId } : null),
  correctedBy: (record: RecordRow, _args: unknown, ctx: Context) => loadVisible(ctx, record.correctedById),
  corrects: (record: RecordRow, _args: unknown, ctx: Context) => loadVisible(ctx, record.correctsId),
};
