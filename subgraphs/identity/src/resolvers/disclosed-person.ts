import { maskCitizenId, maskName } from '@credit/schema';
import type { Context } from '../context.js';

export interface DisclosedPersonView {
  id: string;
  maskedName: string;
  maskedCitizenIdNumber: string;
}

/**
 * Masks at the source: the resolved object holds only masked values, so no field, alias or
 * fragment on this type can reach the clear name or citizen ID number. Batched with every other
 * person the request loads.
 */
export const DisclosedPerson = {
  __resolveReference: async (ref: { id: string }, ctx: Context): Promise<DisclosedPersonView | null> => {
    const person = await ctx.loaders.personById.load(ref.id);
    if (!person) return null;
    return { id: person.id, maskedName: maskName(person.name), maskedCitizenIdNumber: maskCitizenId(person.citizenIdNumber) };
  },
};
