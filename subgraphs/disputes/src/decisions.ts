/**
 * The rules a decision's input must pass (DESIGN §4, Disputes), as pure functions. They throw the
 * GraphQL error the client sees; the workflow state is checked separately (transitions.ts).
 */
import { badInput, type RecordCorrection, type Severity } from '@credit/kit';
import { boundedText, MAX_TEXT_LENGTH } from './filing.js';

export type ObjectionOutcome = 'UPHELD' | 'REJECTED';
export type RepairOutcome = 'APPROVED' | 'REJECTED';

export interface CorrectionInput {
  severity?: Severity | null;
  summary?: string | null;
  legalBasis?: string | null;
}

/** Reasons are required only to reject; otherwise blank means none. */
function reasonsFor(reasons: string | null | undefined, required: boolean): string | null {
  if (required) return boundedText(reasons ?? '', 'reasons', 'REASONS_REQUIRED');
  const text = reasons?.trim();
  if (!text) return null;
  if (text.length > MAX_TEXT_LENGTH) throw badInput(`reasons is longer than ${MAX_TEXT_LENGTH} characters`, { field: 'reasons', reason: 'TOO_LONG' });
  return text;
}

/** Only the fields given; a field given blank is a mistake, not "no change". */
function correctionOf(input: CorrectionInput): RecordCorrection {
  const correction: RecordCorrection = {};
  if (input.severity != null) correction.severity = input.severity;
  if (input.summary != null) correction.summary = boundedText(input.summary, 'correction.summary', 'BLANK');
  if (input.legalBasis != null) correction.legalBasis = boundedText(input.legalBasis, 'correction.legalBasis', 'BLANK');
  if (Object.keys(correction).length === 0) {
    throw badInput('A correction replaces at least one of severity, summary and legalBasis', { field: 'correction', reason: 'CORRECTION_EMPTY' });
  }
  return correction;
}

export function objectionDecision(input: { outcome: ObjectionOutcome; reasons?: string | null; correction?: CorrectionInput | null }) {
  const reasons = reasonsFor(input.reasons, input.outcome === 'REJECTED');
  if (input.correction == null) return { reasons, correction: null };
  if (input.outcome !== 'UPHELD') {
    throw badInput('A correction goes only with an UPHELD objection', { field: 'correction', reason: 'CORRECTION_NOT_ALLOWED' });
  }
  return { reasons, correction: correctionOf(input.correction) };
}

export function repairDecision(input: { outcome: RepairOutcome; reasons?: string | null }) {
  return { reasons: reasonsFor(input.reasons, input.outcome === 'REJECTED') };
}
