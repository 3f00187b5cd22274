import { decodeDateIdCursor, pageSize, requirePermit } from '@credit/kit';
import type { Context } from '../context.js';
import { overdueObjections } from '../overdue.js';
import { PERMITS } from '../permits.js';
import { decodeFiledAtIdCursor, openObjections, submittedRepairs } from '../queues.js';

type PageArgs = { first?: number | null; after?: string | null };

export const Query = {
  objection: (_: unknown, { id }: { id: string }, ctx: Context) => ctx.loaders.objectionById.load(id),
  repairApplication: (_: unknown, { id }: { id: string }, ctx: Context) => ctx.loaders.repairById.load(id),
  overdueObjections: async (_: unknown, args: PageArgs, ctx: Context) => {
    requirePermit(ctx.caller, PERMITS.overdueObjections, 'overdueObjections');
    const page = { size: pageSize(args.first), after: decodeDateIdCursor(args.after) };
    return overdueObjections(ctx.db, { today: ctx.clock.today(), calendar: await ctx.loaders.calendar(), ...page });
  },
  openObjections: (_: unknown, args: PageArgs, ctx: Context) => {
    requirePermit(ctx.caller, PERMITS.openObjections, 'openObjections');
    return openObjections(ctx.db, { size: pageSize(args.first), after: decodeDateIdCursor(args.after) });
  },
  submittedRepairs: (_: unknown, args: PageArgs, ctx: Context) => {
    requirePermit(ctx.caller, PERMITS.submittedRepairs, 'submittedRepairs');
    return submittedRepairs(ctx.db, { size: pageSize(args.first), after: decodeFiledAtIdCursor(args.after) });
  },
};
