import { randomUUID } from 'node:crypto';
import { authorizeStoredRow, authorizeWrite, conflict, invalidState, isUuid, notFound } from '@credit/kit';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { recordFacts, redListEntries } from '../db/schema.js';
import { onSeriousDishonestyList } from '../facts.js';
import type { MutationResolvers } from '../generated/resolvers.js';
import { isLive, nominationTerms, revocationTerms } from '../red-list.js';

export const Mutation: MutationResolvers = {
  nominateRedList: async (_, args, ctx) => {
    // DESIGN §4 / issue 4: a department nominates for joint incentives, an officer only in its own
    // department's name; the credit office coordinates for any (schema/src/permits.ts).
    authorizeWrite(ctx.caller, 'nominateRedList', args);
    const { input } = args;
    const today = ctx.clock.today();
    const terms = nominationTerms(input, today);
    return ctx.db.transaction(async (tx) => {
      // "One live nomination" depends on today, so no unique index can hold it: concurrent
      // nominations of one person queue on a lock keyed by the person instead.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`red_list_entries:${terms.subjectId}`}, 0))`);
      const facts = await tx.select().from(recordFacts).where(eq(recordFacts.subjectId, terms.subjectId));
      if (onSeriousDishonestyList(facts, today)) {
        throw invalidState('A person on the serious dishonesty list cannot be nominated to the red list', {
          field: 'personId',
          reason: 'ON_SERIOUS_DISHONESTY_LIST',
        });
      }
      const entries = await tx.select().from(redListEntries).where(eq(redListEntries.subjectId, terms.subjectId));
      const live = entries.find((e) => isLive(e, today));
      if (live) throw conflict(`The person is on the red list by a nomination until ${live.endsOn}`, { field: 'personId', entryId: live.id });
      const [inserted] = await tx.insert(redListEntries).values({ id: randomUUID(), ...terms }).returning();
      return inserted;
    });
  },

  revokeRedListNomination: async (_, args, ctx) => {
    authorizeWrite(ctx.caller, 'revokeRedListNomination', args);
    const today = ctx.clock.today();
    return ctx.db.transaction(async (tx) => {
      const [entry] = isUuid(args.id) ? await tx.select().from(redListEntries).where(eq(redListEntries.id, args.id)) : [];
      // Another department's nomination answers exactly like a missing one, so ids reveal nothing.
      authorizeStoredRow(ctx.caller, 'revokeRedListNomination', entry ? { subjectId: entry.subjectId, authority: entry.nominatingDepartment } : null);
      if (!entry) throw notFound('No such red list nomination', { field: 'id' });
      const terms = revocationTerms(entry, args.reason, today);
      // Conditional, so of two concurrent revocations exactly one wins.
      const [revoked] = await tx
        .update(redListEntries)
        .set(terms)
        .where(and(eq(redListEntries.id, entry.id), isNull(redListEntries.revokedOn)))
        .returning();
      if (!revoked) throw invalidState('This nomination is already revoked', { field: 'id', reason: 'ALREADY_REVOKED' });
      return revoked;
    });
  },
};
