import type { Db } from '@credit/kit';
import { sql } from 'drizzle-orm';
import { gradeBands, measures, scoreWeights } from '../db/schema.js';
import { MEASURES } from './measures.js';
import { GRADE_BANDS, SCORE_WEIGHTS } from './score-rules.js';

/**
 * Seeds the reference data at every start, idempotently. The catalog follows the data module
 * (it transcribes published documents, so a corrected text should reach the database); weights
 * and bands are only inserted when missing, so an operator's recalibration survives restarts.
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
    await tx.insert(scoreWeights).values([...SCORE_WEIGHTS]).onConflictDoNothing();
    await tx.insert(gradeBands).values([...GRADE_BANDS]).onConflictDoNothing();
  });
}
