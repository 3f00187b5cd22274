import { decodeDateIdCursor, pageSize, requirePermit } from '@credit/kit';
import type { QueryResolvers } from '../generated/resolvers.js';
import { overdueObjections } from '../overdue.js';
import { PERMITS } from '../permits.js';
import { decodeFiledAtIdCursor, openObjections, submittedRepairs } from '../queues.js';

export const Query: QueryResolvers = {
  objection: (_, { id }, ctx) => ctx.loaders.objectionById.load(id),
  repairApplication: (_, { id }, ctx) => ctx.loaders.repairById.load(id),
  overdueObjections: async (_, args, ctx) => {
    requirePermit(ctx.caller, PERMITS.overdueObjections, 'overdueObjections');
    const page = { size: pageSize(args.first), after: decodeDateIdCursor(args.after) };
    return overdueObjections(ctx.db, { today: ctx.clock.today(), calendar: await ctx.loaders.calendar(), ...page });
  },
  openObjections: (_, args, ctx) => {
    requirePermit(ctx.caller, PERMITS.openObjections, 'openObjections');
    return openObjections(ctx.db, { size: pageSize(args.first), after: decodeDateIdCursor(args.after) });
  },
  submittedRepairs: (_, args, ctx) => {
    requirePermit(ctx.caller, PERMITS.submittedRepairs, 'submittedRepairs');
    return submittedRepairs(ctx.db, { size: pageSize(args.first), after: decodeFiledAtIdCursor(args.after) });
  },
};
