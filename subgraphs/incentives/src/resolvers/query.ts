import { badInput, isUuid } from '@credit/kit';
import { asc, eq } from 'drizzle-orm';
import { measures } from '../db/schema.js';
import type { QueryResolvers } from '../generated/resolvers.js';
import { checkMeasure } from '../triggers.js';
import { standingFor } from './standing.js';

export const Query: QueryResolvers = {
  measures: (_, { kind }, ctx) =>
    ctx.db
      .select()
      .from(measures)
      .where(kind ? eq(measures.kind, kind) : undefined)
      .orderBy(asc(measures.kind), asc(measures.code)),

  measureCheck: async (_, args, ctx) => {
    const measure = (await ctx.loaders.catalog()).find((m) => m.code === args.measure);
    if (!measure) throw badInput('A measure not in the published catalog may not be applied', { field: 'measure', reason: 'UNKNOWN_MEASURE' });
    // A malformed id names nobody; answering for it would show a clean record (and grant incentives).
    if (!isUuid(args.personId)) throw badInput('personId is not a person id', { field: 'personId', reason: 'INVALID_ID' });
    return checkMeasure(measure, await standingFor(args.personId, ctx));
  },
};
