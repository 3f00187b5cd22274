import { decodeDateIdCursor, pageSize } from '@credit/kit';
import { publicDisclosures } from '../disclosure.js';
import type { QueryResolvers } from '../generated/resolvers.js';

/** No permit check: the list is public, and the gateway's field levels decide what leaves. */
export const disclosureQueries: QueryResolvers = {
  publicDisclosures: (_, args, ctx) =>
    publicDisclosures(ctx.db, args.filter ?? {}, pageSize(args.first), decodeDateIdCursor(args.after), ctx.clock.today()),
};
