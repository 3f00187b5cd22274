import type { RedListEntryResolvers } from '../generated/resolvers.js';
import { isLive } from '../red-list.js';
import { redListSuspended } from '../standing.js';
import { standingFor } from './standing.js';

export const RedListEntry: RedListEntryResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.redListEntryById.load(ref.id),
  subject: (entry) => ({ id: entry.subjectId }),
  live: (entry, _args, ctx) => isLive(entry, ctx.clock.today()),
  suspended: async (entry, _args, ctx) =>
    isLive(entry, ctx.clock.today()) && redListSuspended(await standingFor(entry.subjectId, ctx)),
};
