import type { Context } from '../context.js';
import type { PersonRow } from '../loaders.js';

export const Person = {
  __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.personById.load(ref.id),
  realNameRegistrations: (person: PersonRow, _args: unknown, ctx: Context) => ctx.loaders.registrationsByPersonId.load(person.id),
};
