import type { Db } from '@credit/kit';
import { sql } from 'drizzle-orm';
import { gradeBands, measures, measureTriggers, scoreWeights } from '../db/schema.js';
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
  });
}
