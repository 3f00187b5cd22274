import { dueOn, isOverdue } from '../deadlines.js';
import type { ObjectionResolvers } from '../generated/resolvers.js';

export const Objection: ObjectionResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.objectionById.load(ref.id),
  // The record and the subject belong to other subgraphs: the key is all we give, the gateway fetches the rest.
  record: (objection) => ({ id: objection.recordId }),
  subject: (objection) => ({ id: objection.subjectId }),
  // One calendar per request, however many objections ask for their deadline.
  dueOn: async (objection, _args, ctx) => dueOn(objection, await ctx.loaders.calendar()),
  overdue: async (objection, _args, ctx) => isOverdue(objection, ctx.clock.today(), await ctx.loaders.calendar()),
};
