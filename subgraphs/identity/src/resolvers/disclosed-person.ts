import { maskCitizenId, maskName } from '@credit/schema';
import type { DisclosedPersonResolvers } from '../generated/resolvers.js';

/**
 * Masks at the source: the resolved object holds only masked values, so no field, alias or
 * fragment on this type can reach the clear name or citizen ID number. Batched with every other
 * person the request loads.
 */
export const DisclosedPerson: DisclosedPersonResolvers = {
  __resolveReference: async (ref, ctx) => {
    // The key is always in a representation; the SDL leaves it nullable for the fields' levels.
    const person = ref.id ? await ctx.loaders.personById.load(ref.id) : null;
    if (!person) return null;
    return { id: person.id, maskedName: maskName(person.name), maskedCitizenIdNumber: maskCitizenId(person.citizenIdNumber) };
  },
};
