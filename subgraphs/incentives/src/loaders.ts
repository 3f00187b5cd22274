import { groupByKeys, isUuid, orderByKeys, type Db } from '@credit/kit';
import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import { toCatalog, type CatalogMeasure } from './catalog.js';
import { gradeBands, measures, measureTriggers, recordFacts, redListEntries, scoreWeights } from './db/schema.js';
import type { RedListEntry } from './red-list.js';
import { toScoreRules, type ScoreRules } from './scoring.js';

export type FactRow = typeof recordFacts.$inferSelect;

async function loadCatalog(db: Db): Promise<CatalogMeasure[]> {
  const [measureRows, triggerRows] = await Promise.all([db.select().from(measures), db.select().from(measureTriggers)]);
  return toCatalog(measureRows, triggerRows);
}

async function loadScoreRules(db: Db): Promise<ScoreRules> {
  const [weights, bands] = await Promise.all([db.select().from(scoreWeights), db.select().from(gradeBands)]);
  return toScoreRules(weights, bands);
}

/** One set per request: each loader batches the keys a request asks for into one statement. */
export function createLoaders(db: Db) {
  let scoreRules: Promise<ScoreRules> | undefined;
  let catalog: Promise<CatalogMeasure[]> | undefined;
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
    /**
     * Weights and bands are read once per request rather than cached per process: an edited row
     * takes effect on the next request in every process, with no version to bump, for two reads
     * of a handful of rows.
     */
    scoreRules: () => (scoreRules ??= loadScoreRules(db)),
    /** Read once per request for the same reason: an edited trigger row applies on the next request. */
    catalog: () => (catalog ??= loadCatalog(db)),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
