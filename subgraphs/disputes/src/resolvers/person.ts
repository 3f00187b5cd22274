import type { PersonResolvers } from '../generated/resolvers.js';

// Identity owns Person; the default reference resolver hands us the representation, which costs no statement.
export const Person: PersonResolvers = {
  objections: (person, _args, ctx) => ctx.loaders.objectionsBySubjectId.load(person.id),
  repairs: (person, _args, ctx) => ctx.loaders.repairsBySubjectId.load(person.id),
};
