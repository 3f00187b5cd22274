import { decodeDateIdCursor, pageSize, requirePermit } from '@credit/kit';
import type { Context } from '../context.js';
import { overdueObjections } from '../overdue.js';
import { PERMITS } from '../permits.js';

export const Query = {
  objection: (_: unknown, { id }: { id: string }, ctx: Context) => ctx.loaders.objectionById.load(id),
  repairApplication: (_: unknown, { id }: { id: string }, ctx: Context) => ctx.loaders.repairById.load(id),
  overdueObjections: async (_: unknown, args: { first?: number | null; after?: string | null }, ctx: Context) => {
    requirePermit(ctx.caller, PERMITS.overdueObjections, 'overdueObjections');
    const page = { size: pageSize(args.first), after: decodeDateIdCursor(args.after) };
    return overdueObjections(ctx.db, { today: ctx.clock.today(), calendar: await ctx.loaders.calendar(), ...page });
  },
};
