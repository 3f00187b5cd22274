import type { Context } from '../context.js';
import { dueOn, isOverdue } from '../deadlines.js';
import type { ObjectionRow } from '../loaders.js';

export const Objection = {
  __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.objectionById.load(ref.id),
  // The record and the subject belong to other subgraphs: the key is all we give, the gateway fetches the rest.
  record: (objection: ObjectionRow) => ({ id: objection.recordId }),
  subject: (objection: ObjectionRow) => ({ id: objection.subjectId }),
  // One calendar per request, however many objections ask for their deadline.
  dueOn: async (objection: ObjectionRow, _args: unknown, ctx: Context) => dueOn(objection, await ctx.loaders.calendar()),
  overdue: async (objection: ObjectionRow, _args: unknown, ctx: Context) => isOverdue(objection, ctx.clock.today(), await ctx.loaders.calendar()),
};
