import { checkCitizenId, decodeCursor, isOneOf, OCCUPATIONS, pageSize, toConnection } from '@credit/kit';
import { and, arrayContains, asc, eq, gt, type SQL } from 'drizzle-orm';
import { mayReadGrant } from '../access.js';
import { persons } from '../db/schema.js';
import type { QueryResolvers } from '../generated/resolvers.js';

export const Query: QueryResolvers = {
  person: (_, { id }, ctx) => ctx.loaders.personById.load(id),

  authorizationGrant: async (_, { id }, ctx) => {
    const grant = await ctx.loaders.grantById.load(id);
    return grant && mayReadGrant(ctx.caller, grant) ? grant : null;
  },

  personByCitizenIdNumber: async (_, { citizenIdNumber }, ctx) => {
    const check = checkCitizenId(citizenIdNumber, ctx.clock.today());
    if (!check.valid) return null;
    const [row] = await ctx.db.select().from(persons).where(eq(persons.citizenIdNumber, check.normalized));
    if (row) ctx.loaders.personById.prime(row.id, row);
    return row ?? null;
  },

  persons: async (_, args, ctx) => {
    const size = pageSize(args.first);
    const after = decodeCursor(args.after, 1);
    const conditions: SQL[] = [];
    if (after) conditions.push(gt(persons.id, String(after[0])));
    if (args.filter?.regionCode) conditions.push(eq(persons.regionCode, args.filter.regionCode));
    if (args.filter?.gender) conditions.push(eq(persons.gender, args.filter.gender));
    if (isOneOf(OCCUPATIONS, args.filter?.occupation)) conditions.push(arrayContains(persons.occupations, [args.filter.occupation]));
    const rows = await ctx.db
      .select()
      .from(persons)
      .where(and(...conditions))
      .orderBy(asc(persons.id))
      .limit(size + 1);
    for (const row of rows) ctx.loaders.personById.prime(row.id, row);
    return toConnection(rows, size, (p) => [p.id]);
  },
};
