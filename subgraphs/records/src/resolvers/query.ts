import { loadVisible } from '../archive.js';
import type { QueryResolvers } from '../generated/resolvers.js';
import { creditReportQueries } from './credit-report.js';
import { creditStatistics } from '../statistics.js';
import { disclosureQueries } from './disclosure.js';
import { feedQueries } from './feed.js';

export const Query: QueryResolvers = {
  ...disclosureQueries,
  ...feedQueries,
  ...creditReportQueries,

  creditRecord: (_, { id }, ctx) => loadVisible(ctx, id),

  creditStatistics: (_, args, ctx) => creditStatistics(ctx.db, args.groupBy, args.filter ?? {}, ctx.clock.today()),
};
