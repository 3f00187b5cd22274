import type { Context } from '../context.js';
import { creditStatistics, type StatisticsDimension, type StatisticsFilter } from '../statistics.js';

export const Query = {
  creditRecord: (_: unknown, { id }: { id: string }, ctx: Context) => ctx.loaders.recordById.load(id),

  creditStatistics: (
    _: unknown,
    args: { groupBy: StatisticsDimension[]; filter?: StatisticsFilter | null },
    ctx: Context,
  ) => creditStatistics(ctx.db, args.groupBy, args.filter ?? {}, ctx.clock.today()),
};
