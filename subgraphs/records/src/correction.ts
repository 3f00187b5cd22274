import type { RecordCorrection } from '@credit/kit';
import { publicityBounds } from './publicity.js';
import { newRecord, type RecordRow } from './store.js';

const clamp = (date: string, from: string, to: string) => (date < from ? from : date > to ? to : date);

/**
 * The corrected copy an upheld objection puts in place of `original`: the same document (authority,
 * number, subject, decision date) with the corrected fields. Its publicity keeps the original end
 * where the corrected severity allows it, else the nearest bound, under the rules in force on the
 * decision date (DESIGN §4).
 */
export function correctedCopy(original: RecordRow, correction: RecordCorrection, id: string, submittedAt: Date): RecordRow {
  // A POSITIVE record has no severity to correct.
  const severity = original.kind === 'NEGATIVE' ? (correction.severity ?? original.severity) : null;
  const bounds = publicityBounds({ ...original, severity });
  return newRecord(
    {
      subjectId: original.subjectId,
      kind: original.kind,
      severity,
      domain: original.domain,
      category: original.category,
      penaltyTypes: original.penaltyTypes,
      regionCode: original.regionCode,
      determiningAuthority: original.determiningAuthority,
      documentNumber: original.documentNumber,
      legalBasis: correction.legalBasis ?? original.legalBasis,
      decidedOn: original.decidedOn,
      summary: correction.summary ?? original.summary,
      publicityEndsOn: clamp(original.publicityEndsOn, bounds.minimumEndsOn, bounds.maximumEndsOn),
      minimumPublicityEndsOn: bounds.minimumEndsOn,
      publicityRegime: bounds.regime,
    },
    submittedAt,
    { id, correctsId: original.id },
  );
}
