import { enqueue, EVENT, type Db, type ScoreRulesFacts, type Tx } from '@credit/kit';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { eventTables, gradeBands, measures, measureTriggers, scoreWeights } from '../db/schema.js';
import { scoreRulesChanged, subscriptions } from '../events.js';
import { MEASURE_TRIGGERS_DATA } from './measure-triggers.js';
import { MEASURES } from './measures.js';
import { GRADE_BANDS, SCORE_WEIGHTS } from './score-rules.js';

/**
 * Seeds the reference data at every start, idempotently. The catalog follows the data module
 * (it transcribes published documents, so a corrected text should reach the database); triggers,
 * weights and bands are only inserted when missing, so an operator's narrowed trigger category or
 * recalibration survives restarts. Triggers come after the measures their foreign key names.
 */
export async function ensureReferenceData(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(measures)
      .values([...MEASURES])
      .onConflictDoUpdate({
        target: measures.code,
        set: {
          kind: sql`excluded.kind`,
          name: sql`excluded.name`,
          description: sql`excluded.description`,
          legalBasis: sql`excluded.legal_basis`,
          implementingDepartment: sql`excluded.implementing_department`,
        },
      });
    await tx.insert(measureTriggers).values([...MEASURE_TRIGGERS_DATA]).onConflictDoNothing();
    await tx.insert(scoreWeights).values([...SCORE_WEIGHTS]).onConflictDoNothing();
    await tx.insert(gradeBands).values([...GRADE_BANDS]).onConflictDoNothing();
    await publishScoreRules(tx);
  });
}

/** JSON with sorted keys: jsonb gives keys back in its own order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );

/**
 * Tells records the score's weights and bands when they differ from the last ones it was sent (an
 * operator's recalibration reaches it at the next start). Ordered, so equal rules compare equal.
 */
export async function publishScoreRules(tx: Tx): Promise<void> {
  const weights = await tx.select({ code: scoreWeights.code, points: scoreWeights.points }).from(scoreWeights).orderBy(asc(scoreWeights.code));
  const bands = await tx.select({ grade: gradeBands.grade, minScore: gradeBands.minScore }).from(gradeBands).orderBy(asc(gradeBands.grade));
  const rules: ScoreRulesFacts = { weights, bands };
  const { outbox } = eventTables;
  const [last] = await tx
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.type, EVENT.scoreRules), eq(outbox.destination, 'records')))
    .orderBy(desc(outbox.id))
    .limit(1);
  if (last && canonical(last.payload) === canonical(rules)) return;
  await enqueue(tx, eventTables, subscriptions, [scoreRulesChanged(rules)]);
}
