import type { Context } from '../context.js';
import { eligibility } from '../eligibility.js';
import { onBlackList, onRedList } from '../standing.js';
import { integrityScore } from '../scoring.js';
import { applicableMeasures } from '../triggers.js';
import { standingFor } from './standing.js';

/** Incentives owns no person rows: every field is computed from the person's records and nominations. */
interface PersonRef {
  id: string;
}

export const Person = {
  __resolveReference: (ref: PersonRef): PersonRef => ({ id: ref.id }),
  integrityScore: async (person: PersonRef, _args: unknown, ctx: Context) => {
    const [facts, rules] = await Promise.all([ctx.loaders.factsBySubject.load(person.id), ctx.loaders.scoreRules()]);
    return integrityScore(facts, rules, ctx.clock.today());
  },
  eligibility: async (person: PersonRef, _args: unknown, ctx: Context) => {
    const [standing, catalog] = await Promise.all([standingFor(person.id, ctx), ctx.loaders.catalog()]);
    return eligibility(catalog, standing);
  },
  onSeriousDishonestyList: async (person: PersonRef, _args: unknown, ctx: Context) => onBlackList(await standingFor(person.id, ctx)),
  onRedList: async (person: PersonRef, _args: unknown, ctx: Context) => onRedList(await standingFor(person.id, ctx)),
  redListEntries: async (person: PersonRef, _args: unknown, ctx: Context) =>
    [...(await ctx.loaders.redListBySubject.load(person.id))].sort((a, b) =>
      a.nominatedOn === b.nominatedOn ? (a.endsOn < b.endsOn ? 1 : -1) : a.nominatedOn < b.nominatedOn ? 1 : -1,
    ),
  applicableMeasures: async (person: PersonRef, _args: unknown, ctx: Context) => {
    const [standing, catalog] = await Promise.all([standingFor(person.id, ctx), ctx.loaders.catalog()]);
    return applicableMeasures(catalog, standing);
  },
};
