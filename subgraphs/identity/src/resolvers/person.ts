import { mayReadGrant, mayReadGrantsOf } from '../access.js';
import { ageBand } from '../age-band.js';
import type { PersonResolvers } from '../generated/resolvers.js';

export const Person: PersonResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.personById.load(ref.id),
  ageBand: (person, _args, ctx) => ageBand(person.birthDate, ctx.clock.today()),
  realNameRegistrations: (person, _args, ctx) => ctx.loaders.registrationsByPersonId.load(person.id),
  authorizationGrants: async (person, _args, ctx) => {
    if (!mayReadGrantsOf(ctx.caller, person.id)) return null;
    const grants = await ctx.loaders.grantsByPersonId.load(person.id);
    return grants.filter((grant) => mayReadGrant(ctx.caller, grant));
  },
};
