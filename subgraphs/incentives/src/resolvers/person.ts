import type { Context } from '../context.js';
import { eligibility } from '../eligibility.js';
import { onRedList, onSeriousDishonestyList } from '../facts.js';
import { integrityScore } from '../scoring.js';

/** Incentives owns no person rows: every field is computed from the person's projected records. */
interface PersonRef {
  id: string;
}

export const Person = {
  __resolveReference: (ref: PersonRef): PersonRef => ({ id: ref.id }),
  integrityScore: async (person: PersonRef, _args: unknown, ctx: Context) => {
    const [facts, rules] = await Promise.all([ctx.loaders.factsBySubject.load(person.id), ctx.loaders.scoreRules()]);
    return integrityScore(facts, rules, ctx.clock.today());
  },
  eligibility: async (person: PersonRef, _args: unknown, ctx: Context) =>
    eligibility(await ctx.loaders.factsBySubject.load(person.id), ctx.clock.today()),
  onSeriousDishonestyList: async (person: PersonRef, _args: unknown, ctx: Context) =>
    onSeriousDishonestyList(await ctx.loaders.factsBySubject.load(person.id), ctx.clock.today()),
  onRedList: async (person: PersonRef, _args: unknown, ctx: Context) =>
    onRedList(await ctx.loaders.factsBySubject.load(person.id), ctx.clock.today()),
};
