import { groupByKeys, isUuid, orderByKeys, type Db } from '@credit/kit';
import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import type { CatalogMeasure } from './catalog.js';
import { recordFacts, redListEntries } from './db/schema.js';
import type { RedListEntry } from './red-list.js';
import { loadReferenceData, type ReferenceData } from './reference/load.js';
import type { ScoreRules } from './scoring.js';

export type FactRow = typeof recordFacts.$inferSelect;

/** One set per request: each loader batches the keys a request asks for into one statement. */
export function createLoaders(db: Db) {
  let reference: Promise<ReferenceData> | undefined;
  const referenceData = () => (reference ??= loadReferenceData(db));
  return {
    /** All projected records of each person, whatever their status: the rules need the history. */
    factsBySubject: new DataLoader<string, FactRow[]>(async (ids) => {
      // Person ids are UUIDs; anything else has no records and must not reach a uuid comparison.
      const wanted = ids.filter(isUuid);
      const rows = wanted.length ? await db.select().from(recordFacts).where(inArray(recordFacts.subjectId, wanted)) : [];
      return groupByKeys(ids, rows, (r) => r.subjectId);
    }),
    /** All red list nominations of each person, live or not. */
    redListBySubject: new DataLoader<string, RedListEntry[]>(async (ids) => {
      const wanted = ids.filter(isUuid);
      const rows = wanted.length ? await db.select().from(redListEntries).where(inArray(redListEntries.subjectId, wanted)) : [];
      return groupByKeys(ids, rows, (r) => r.subjectId);
    }),
    redListEntryById: new DataLoader<string, RedListEntry | null>(async (ids) => {
      const wanted = ids.filter(isUuid);
      const rows = wanted.length ? await db.select().from(redListEntries).where(inArray(redListEntries.id, wanted)) : [];
      return orderByKeys(ids, rows, (r) => r.id);
    }),
    scoreRules: async (): Promise<ScoreRules> => (await referenceData()).scoreRules,
    catalog: async (): Promise<CatalogMeasure[]> => (await referenceData()).catalog,
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
