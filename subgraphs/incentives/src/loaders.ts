import { groupByKeys, isUuid, orderByKeys, type Clock, type Db } from '@credit/kit';
import DataLoader from 'dataloader';
import { and, desc, inArray, not, sql } from 'drizzle-orm';
import { unionAll, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { CatalogMeasure } from './catalog.js';
import { recordFacts, redListEntries, standingNegativeDecision } from './db/schema.js';
import type { Fact } from './facts.js';
import type { RedListEntry } from './red-list.js';
import { loadReferenceData, type ReferenceData } from './reference/load.js';
import type { ScoreRules } from './scoring.js';

/** The columns of a projected record the rules read (Fact), and whose it is, from the table or a subquery of it. */
const factColumns = <T extends { [K in keyof Fact | 'subjectId']: AnyPgColumn }>(t: T) => ({
  id: t.id,
  subjectId: t.subjectId,
  kind: t.kind,
  severity: t.severity,
  category: t.category,
  decidedOn: t.decidedOn,
  publicityEndsOn: t.publicityEndsOn,
  status: t.status,
});

/** isActive (facts.ts) as SQL: stored ACTIVE and publicity not yet ended on `today`. */
const inPublicity = (t: { status: AnyPgColumn; publicityEndsOn: AnyPgColumn }, today: string) =>
  sql`(${t.status} = 'ACTIVE' and ${t.publicityEndsOn} > ${today})`;

/** One set per request: each loader batches the keys a request asks for into one statement. */
export function createLoaders(db: Db, clock: Clock) {
  let reference: Promise<ReferenceData> | undefined;
  const referenceData = () => (reference ??= loadReferenceData(db));
  return {
    /**
     * Of each person's projected records, the ones the rules can use, in one statement: those in
     * publicity (the score, the black list, the honours) and the latest NEGATIVE decision that
     * still stands, whatever its status (standing.ts, lastNegativeDecision: the 3 clean years).
     * Every other record changes no answer, and a person's history is about five times as many
     * rows. The latest decision ships once: in the first part if in publicity, else in the second.
     * loaders.server.test.ts checks every answer against the whole history.
     */
    factsBySubject: new DataLoader<string, Fact[]>(async (ids) => {
      // Person ids are UUIDs; anything else has no records and must not reach a uuid comparison.
      const wanted = ids.filter(isUuid);
      if (!wanted.length) return ids.map(() => []);
      // Read when the batch runs, before any resolver computes from it: a record whose publicity
      // ended by then has ended on the day the resolver reads too (a clock does not go back).
      const today = clock.today();
      const shown = db
        .select(factColumns(recordFacts))
        .from(recordFacts)
        .where(and(inArray(recordFacts.subjectId, wanted), inPublicity(recordFacts, today)));
      // Per person, the newest entry of record_facts_latest_negative_idx: one index probe each.
      const latest = db
        .select(factColumns(recordFacts))
        .from(recordFacts)
        .where(and(sql`${recordFacts.subjectId} = person.id`, standingNegativeDecision(recordFacts)))
        .orderBy(desc(recordFacts.decidedOn))
        .limit(1)
        .as('latest');
      const latestNotShown = db
        .select(factColumns(latest))
        .from(sql`unnest(array[${sql.join(wanted.map((id) => sql`${id}`), sql`, `)}]::uuid[]) as person(id)`)
        .crossJoinLateral(latest)
        .where(not(inPublicity(latest, today)));
      return groupByKeys(ids, await unionAll(shown, latestNotShown), (r) => r.subjectId);
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
