import { loadVisible } from '../archive.js';
import type { Context } from '../context.js';
import { creditReportQueries } from './credit-report.js';
import { creditStatistics, type StatisticsDimension, type StatisticsFilter } from '../statistics.js';
import { disclosureQueries } from './disclosure.js';
import { feedQueries } from './feed.js';

export const Query = {
  ...disclosureQueries,
  ...feedQueries,
  ...creditReportQueries,

  creditRecord: (_: unknown, { id }: { id: string }, ctx: Context) => loadVisible(ctx, id),

  creditStatistics: (
    _: unknown,
    args: { groupBy: StatisticsDimension[]; filter?: StatisticsFilter | null },
    ctx: Context,
  ) => creditStatistics(ctx.db, args.groupBy, args.filter ?? {}, ctx.clock.today()),
};
