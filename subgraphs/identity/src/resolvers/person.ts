import { mayReadGrant, mayReadGrantsOf } from '../access.js';
import type { Context } from '../context.js';
import { ageBand } from '../age-band.js';
import type { PersonRow } from '../loaders.js';

export const Person = {
  __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.personById.load(ref.id),
  ageBand: (person: PersonRow, _args: unknown, ctx: Context) => ageBand(person.birthDate, ctx.clock.today()),
  realNameRegistrations: (person: PersonRow, _args: unknown, ctx: Context) => ctx.loaders.registrationsByPersonId.load(person.id),
  authorizationGrants: async (person: PersonRow, _args: unknown, ctx: Context) => {
    if (!mayReadGrantsOf(ctx.caller, person.id)) return null;
    const grants = await ctx.loaders.grantsByPersonId.load(person.id);
    return grants.filter((grant) => mayReadGrant(ctx.caller, grant));
  },
};
