import { randomUUID } from 'node:crypto';
import { authorizeWrite, conflict, invalidState } from '@credit/kit';
import { eq, sql } from 'drizzle-orm';
import type { Context } from '../context.js';
import { recordFacts, redListEntries } from '../db/schema.js';
import { onSeriousDishonestyList } from '../facts.js';
import { isLive, nominationTerms, type NominationInput } from '../red-list.js';

export const Mutation = {
  nominateRedList: async (_: unknown, args: { input: NominationInput }, ctx: Context) => {
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
};
