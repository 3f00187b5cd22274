import { eligibility } from '../eligibility.js';
import type { PersonResolvers } from '../generated/resolvers.js';
import { onBlackList, onRedList } from '../standing.js';
import { integrityScore } from '../scoring.js';
import { applicableMeasures } from '../triggers.js';
import { standingFor } from './standing.js';

/** Incentives owns no person rows: every field is computed from the person's records and nominations. */
export const Person: PersonResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  integrityScore: async (person, _args, ctx) => {
    const [facts, rules] = await Promise.all([ctx.loaders.factsBySubject.load(person.id), ctx.loaders.scoreRules()]);
    return integrityScore(facts, rules, ctx.clock.today());
  },
  eligibility: async (person, _args, ctx) => {
    const [standing, catalog] = await Promise.all([standingFor(person.id, ctx), ctx.loaders.catalog()]);
    return eligibility(catalog, standing);
  },
  onSeriousDishonestyList: async (person, _args, ctx) => onBlackList(await standingFor(person.id, ctx)),
  onRedList: async (person, _args, ctx) => onRedList(await standingFor(person.id, ctx)),
  redListEntries: async (person, _args, ctx) =>
    [...(await ctx.loaders.redListBySubject.load(person.id))].sort((a, b) =>
      a.nominatedOn === b.nominatedOn ? (a.endsOn < b.endsOn ? 1 : -1) : a.nominatedOn < b.nominatedOn ? 1 : -1,
    ),
  applicableMeasures: async (person, _args, ctx) => {
    const [standing, catalog] = await Promise.all([standingFor(person.id, ctx), ctx.loaders.catalog()]);
    return applicableMeasures(catalog, standing);
  },
};
