import type { Context } from '../context.js';
import { standingOf, type Standing } from '../standing.js';

/** A person's standing today, from the request's batched loaders. */
export async function standingFor(personId: string, ctx: Context): Promise<Standing> {
  const [facts, entries] = await Promise.all([ctx.loaders.factsBySubject.load(personId), ctx.loaders.redListBySubject.load(personId)]);
  return standingOf(personId, facts, entries, ctx.clock.today());
}
