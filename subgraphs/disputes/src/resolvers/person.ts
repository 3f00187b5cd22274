import type { Context } from '../context.js';

// Identity owns Person; the default reference resolver hands us the representation, which costs no statement.
export const Person = {
  objections: (person: { id: string }, _args: unknown, ctx: Context) => ctx.loaders.objectionsBySubjectId.load(person.id),
  repairs: (person: { id: string }, _args: unknown, ctx: Context) => ctx.loaders.repairsBySubjectId.load(person.id),
};
