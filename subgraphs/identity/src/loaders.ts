import { groupByKeys, isUuid, orderByKeys, type Db } from '@credit/kit';
import DataLoader from 'dataloader';
import { asc, desc, inArray } from 'drizzle-orm';
import { authorizationGrants, persons, realNameRegistrations, type GrantRow, type PersonRow, type RegistrationRow } from './db/schema.js';

export type { GrantRow, PersonRow, RegistrationRow };

/** One set per request: each loader batches the keys a request asks for into one statement. */
export function createLoaders(db: Db) {
  return {
    // Ids are uuid columns: anything else matches no row and must not reach SQL as a cast error.
    personById: new DataLoader<string, PersonRow | null>(async (ids) => {
      const wanted = ids.filter(isUuid);
      const rows = wanted.length ? await db.select().from(persons).where(inArray(persons.id, wanted)) : [];
      return orderByKeys(ids, rows, (p) => p.id);
    }),
    registrationsByPersonId: new DataLoader<string, RegistrationRow[]>(async (ids) => {
      const wanted = ids.filter(isUuid);
      const rows = wanted.length
        ? await db
            .select()
            .from(realNameRegistrations)
            .where(inArray(realNameRegistrations.personId, wanted))
            .orderBy(asc(realNameRegistrations.registeredAt))
        : [];
      return groupByKeys(ids, rows, (r) => r.personId);
    }),
    grantById: new DataLoader<string, GrantRow | null>(async (ids) => {
      const wanted = ids.filter(isUuid);
      const rows = wanted.length ? await db.select().from(authorizationGrants).where(inArray(authorizationGrants.id, wanted)) : [];
      return orderByKeys(ids, rows, (g) => g.id);
    }),
    grantsByPersonId: new DataLoader<string, GrantRow[]>(async (ids) => {
      const wanted = ids.filter(isUuid);
      const rows = wanted.length
        ? await db
            .select()
            .from(authorizationGrants)
            .where(inArray(authorizationGrants.personId, wanted))
            .orderBy(desc(authorizationGrants.createdAt), desc(authorizationGrants.id))
        : [];
      return groupByKeys(ids, rows, (g) => g.personId);
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
