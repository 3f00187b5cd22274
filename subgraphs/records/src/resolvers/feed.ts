import { pageSize, toConnection } from '@credit/kit';
import { loadVisible } from '../archive.js';
import { feedAfter, feedCursorKey, readChanges } from '../feed.js';
import type { CreditRecordChangeResolvers, QueryResolvers } from '../generated/resolvers.js';

/** No permit check: the gateway's field levels decide who reads the feed. */
export const feedQueries: QueryResolvers = {
  creditRecordChanges: async (_, args, ctx) => {
    const size = pageSize(args.first, 100);
    const rows = await readChanges(ctx.db, feedAfter(args.after), size + 1, ctx.clock.today());
    const connection = toConnection(rows, size, feedCursorKey);
    // A mirror polls with the last endCursor it got: an empty page hands back the one it was given.
    if (connection.edges.length === 0) connection.pageInfo.endCursor = args.after ?? null;
    return connection;
  },
};

export const CreditRecordChange: CreditRecordChangeResolvers = {
  // The archive rule holds here too: a record out of publication is for archive readers only.
  record: (change, _args, ctx) => loadVisible(ctx, change.recordId),
};
