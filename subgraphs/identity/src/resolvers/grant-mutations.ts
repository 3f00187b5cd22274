import { randomUUID } from 'node:crypto';
import { authorizeStoredRow, authorizeWrite, enqueue, isUuid, notFound, userError } from '@credit/kit';
import { and, eq, isNull } from 'drizzle-orm';
import { citizenPersonId, notACitizen } from '../access.js';
import { authorizationGrants, eventTables } from '../db/schema.js';
import { grantChanged, subscriptions } from '../events.js';
import type { MutationResolvers } from '../generated/resolvers.js';
import { checkGrantInput } from '../grant-rules.js';

export const grantMutations: MutationResolvers = {
  grantAuthorization: async (_, args, ctx) => {
    // A citizen, for themselves: the grant's person is the token's, never an input.
    authorizeWrite(ctx.caller, 'grantAuthorization', args);
    const { input } = args;
    const personId = citizenPersonId(ctx.caller);
    const now = ctx.clock.now();
    const values = checkGrantInput(input, now);
    // A token naming no registered person cannot consent for anyone.
    if (!(await ctx.loaders.personById.load(personId))) throw notACitizen();
    // Records checks an agency's report request against its own copy of the grant (events.ts).
    const row = await ctx.db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(authorizationGrants)
        .values({ id: randomUUID(), personId, ...values, createdAt: now })
        .returning();
      await enqueue(tx, eventTables, subscriptions, [grantChanged(inserted!)]);
      return inserted;
    });
    ctx.relay?.kick();
    return row;
  },

  revokeAuthorization: async (_, args, ctx) => {
    authorizeWrite(ctx.caller, 'revokeAuthorization', args);
    const { id } = args;
    const revoked = await ctx.db.transaction(async (tx) => {
      const [grant] = isUuid(id) ? await tx.select({ personId: authorizationGrants.personId }).from(authorizationGrants).where(eq(authorizationGrants.id, id)) : [];
      // Only the person who gave the grant withdraws it. Another person's grant answers exactly
      // like a missing one (both refused as not the caller's), so ids reveal nothing.
      authorizeStoredRow(ctx.caller, 'revokeAuthorization', grant ? { subjectId: grant.personId } : null);
      if (!grant) throw notFound('No such authorization', { field: 'id' });
      // One conditional update decides concurrent revocations: exactly one of them wins.
      const [revoked] = await tx
        .update(authorizationGrants)
        .set({ revokedAt: ctx.clock.now() })
        .where(and(eq(authorizationGrants.id, id), isNull(authorizationGrants.revokedAt)))
        .returning();
      if (!revoked) throw userError('INVALID_STATE', 'This authorization is already revoked', { field: 'id', reason: 'ALREADY_REVOKED' });
      await enqueue(tx, eventTables, subscriptions, [grantChanged(revoked)]);
      return revoked;
    });
    ctx.relay?.kick();
    return revoked;
  },
};
