import type { Context } from '../context.js';
import { standingOf, type Standing } from '../standing.js';

/** Per request: score, lists, eligibility and measures of one person all read one standing. */
const standings = new WeakMap<Context, Map<string, Promise<Standing>>>();

/** A person's standing today, from the request's batched loaders, computed once per request. */
export function standingFor(personId: string, ctx: Context): Promise<Standing> {
  let byPerson = standings.get(ctx);
  if (!byPerson) standings.set(ctx, (byPerson = new Map()));
  let standing = byPerson.get(personId);
  if (!standing) {
    standing = Promise.all([ctx.loaders.factsBySubject.load(personId), ctx.loaders.redListBySubject.load(personId)]).then(([facts, entries]) =>
      standingOf(personId, facts, entries, ctx.clock.today()),
    );
    byPerson.set(personId, standing);
  }
  return standing;
}
