import { groupByKeys, orderByKeys, type Db } from '@credit/kit';
import DataLoader from 'dataloader';
import { asc, inArray } from 'drizzle-orm';
import { persons, realNameRegistrations } from './db/schema.js';

export type PersonRow = typeof persons.$inferSelect;
export type RegistrationRow = typeof realNameRegistrations.$inferSelect;

/** One set per request: each loader batches the keys a request asks for into one statement. */
export function createLoaders(db: Db) {
  return {
    personById: new DataLoader<string, PersonRow | null>(async (ids) =>
      orderByKeys(ids, await db.select().from(persons).where(inArray(persons.id, [...ids])), (p) => p.id),
    ),
    registrationsByPersonId: new DataLoader<string, RegistrationRow[]>(async (ids) =>
      groupByKeys(
        ids,
        await db
          .select()
          .from(realNameRegistrations)
          .where(inArray(realNameRegistrations.personId, [...ids]))
          .orderBy(asc(realNameRegistrations.registeredAt)),
        (r) => r.personId,
      ),
    ),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
