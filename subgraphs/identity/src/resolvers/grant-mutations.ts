import { randomUUID } from 'node:crypto';
import { isUuid, notFound, userError } from '@credit/kit';
import { and, eq, isNull } from 'drizzle-orm';
import { citizenPersonId, notACitizen } from '../access.js';
import type { Context } from '../context.js';
import { authorizationGrants } from '../db/schema.js';
import { checkGrantInput, type GrantAuthorizationInput } from '../grant-rules.js';

export const grantMutations = {
  grantAuthorization: async (_: unknown, { input }: { input: GrantAuthorizationInput }, ctx: Context) => {
    const personId = citizenPersonId(ctx.caller);
    const now = ctx.clock.now();
    const values = checkGrantInput(input, now);
    // A token naming no registered person cannot consent for anyone.
    if (!(await ctx.loaders.personById.load(personId))) throw notACitizen();
    const [row] = await ctx.db
      .insert(authorizationGrants)
      .values({ id: randomUUID(), personId, ...values, createdAt: now })
      .returning();
    return row;
  },

  revokeAuthorization: async (_: unknown, { id }: { id: string }, ctx: Context) => {
    const personId = citizenPersonId(ctx.caller);
    // Another person's grant answers exactly like a missing one, so ids reveal nothing.
    const missing = () => notFound('No such authorization', { field: 'id' });
    if (!isUuid(id)) throw missing();
    const own = and(eq(authorizationGrants.id, id), eq(authorizationGrants.personId, personId));
    // One conditional update decides concurrent revocations: exactly one of them wins.
    const [revoked] = await ctx.db
      .update(authorizationGrants)
      .set({ revokedAt: ctx.clock.now() })
      .where(and(own, isNull(authorizationGrants.revokedAt)))
      .returning();
    if (revoked) return revoked;
    const [existing] = await ctx.db.select({ id: authorizationGrants.id }).from(authorizationGrants).where(own);
    if (existing) throw userError('INVALID_STATE', 'This authorization is already revoked', { field: 'id', reason: 'ALREADY_REVOKED' });
    throw missing();
  },
};
