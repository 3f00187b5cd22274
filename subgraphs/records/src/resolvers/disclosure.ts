import { decodeDateIdCursor, pageSize } from '@credit/kit';
import type { Context } from '../context.js';
import { publicDisclosures, type PublicDisclosureFilter } from '../disclosure.js';

export interface PublicDisclosuresArgs {
  filter?: PublicDisclosureFilter | null;
  first?: number | null;
  after?: string | null;
}

/** No permit check: the list is public, and the gateway's field levels decide what leaves. */
export const disclosureQueries = {
  publicDisclosures: (_: unknown, args: PublicDisclosuresArgs, ctx: Context) =>
    publicDisclosures(ctx.db, args.filter ?? {}, pageSize(args.first), decodeDateIdCursor(args.after), ctx.clock.today()),
};
