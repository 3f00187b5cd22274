import { effectiveStatus } from '@credit/kit';
import { loadVisible, visible } from '../archive.js';
import type { CreditRecordResolvers } from '../generated/resolvers.js';

export const CreditRecord: CreditRecordResolvers = {
  __resolveReference: async (ref, ctx) => visible(await ctx.loaders.recordById.load(ref.id), ctx),
  subject: (record) => ({ __typename: 'Person', id: record.subjectId }),
  status: (record, _args, ctx) => effectiveStatus(record.status, record.publicityEndsOn, ctx.clock.today()),
  // Disputes owns the application and answers for it.
  repair: (record) => (record.repairId ? { __typename: 'RepairApplication', id: record.repairId } : null),
  correctedBy: (record, _args, ctx) => loadVisible(ctx, record.correctedById),
  corrects: (record, _args, ctx) => loadVisible(ctx, record.correctsId),
};
