import type { Context } from '../context.js';
import { isLive, type RedListEntry as Entry } from '../red-list.js';
import { redListSuspended } from '../standing.js';
import { standingFor } from './standing.js';

export const RedListEntry = {
  __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.redListEntryById.load(ref.id),
  subject: (entry: Entry) => ({ id: entry.subjectId }),
  live: (entry: Entry, _args: unknown, ctx: Context) => isLive(entry, ctx.clock.today()),
  suspended: async (entry: Entry, _args: unknown, ctx: Context) =>
    isLive(entry, ctx.clock.today()) && redListSuspended(await standingFor(entry.subjectId, ctx)),
};
