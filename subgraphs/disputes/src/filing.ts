/**
 * The rules a filing must pass (DESIGN §4, Disputes), as pure functions of the record's facts, the
 * input and today's business date. They throw the GraphQL error the client sees.
 */
import { badInput, effectiveStatus, notFound, type RecordFactsRow, type RepairBasis, type StoredRecordStatus } from '@credit/kit';
import type { ObjectionFiler } from './vocabulary.js';

export const MAX_TEXT_LENGTH = 2000;
export const MAX_EVIDENCE_ITEMS = 20;

/** MINOR records may be repaired before the minimum period ends, once the obligation is met. */
const OBLIGATION_MET: readonly RepairBasis[] = ['OBLIGATION_FULFILLED', 'PENALTY_PAID'];

export interface ObjectionInput {
  recordId: string;
  filedBy?: ObjectionFiler | null;
  reasons: string;
  evidence?: string[] | null;
}

export interface RepairInput {
  recordId: string;
  basis: RepairBasis;
  evidence: string[];
  creditPledge: string;
  pledgeAccepted: boolean;
}

/** Only records in publication can be disputed or repaired; the others have left every view. */
export function requireActiveNegative(facts: RecordFactsRow | undefined, today: string): RecordFactsRow {
  if (!facts) throw notFound('No credit record with this id', { field: 'recordId' });
  const status = effectiveStatus(facts.status as StoredRecordStatus, facts.publicityEndsOn, today);
  if (facts.kind !== 'NEGATIVE' || status !== 'ACTIVE') {
    throw badInput('Only an ACTIVE NEGATIVE record can be disputed or repaired', {
      field: 'recordId',
      reason: 'RECORD_NOT_ACTIVE',
      kind: facts.kind,
      status,
    });
  }
  return facts;
}

export function requireMinimumPeriodPassed(facts: RecordFactsRow, basis: RepairBasis, today: string): void {
  if (facts.severity === 'MINOR' && OBLIGATION_MET.includes(basis)) return;
  if (today < facts.minimumPublicityEndsOn) {
    throw badInput(`Credit repair of this record may be filed from ${facts.minimumPublicityEndsOn}`, {
      field: 'recordId',
      reason: 'MINIMUM_PERIOD_NOT_PASSED',
      earliestOn: facts.minimumPublicityEndsOn,
    });
  }
}

export function boundedText(value: string, field: string, requiredReason: string): string {
  const text = value.trim();
  if (!text) throw badInput(`${field} must not be blank`, { field, reason: requiredReason });
  if (text.length > MAX_TEXT_LENGTH) throw badInput(`${field} is longer than ${MAX_TEXT_LENGTH} characters`, { field, reason: 'TOO_LONG' });
  return text;
}

/** Trimmed, non-blank evidence items; blank ones are dropped rather than stored. */
function evidenceList(items: readonly string[]): string[] {
  const list = items.map((item) => item.trim()).filter(Boolean);
  if (list.length > MAX_EVIDENCE_ITEMS || list.some((item) => item.length > MAX_TEXT_LENGTH)) {
    throw badInput(`evidence takes at most ${MAX_EVIDENCE_ITEMS} items of at most ${MAX_TEXT_LENGTH} characters`, {
      field: 'evidence',
      reason: 'TOO_LONG',
    });
  }
  return list;
}

/** What the input says of the objection; who files it is decided with the caller (permits.ts `filerOf`). */
export function objectionFiling(input: ObjectionInput) {
  return {
    reasons: boundedText(input.reasons, 'reasons', 'REASONS_REQUIRED'),
    evidence: evidenceList(input.evidence ?? []),
  };
}

export function repairFiling(input: RepairInput) {
  const evidence = evidenceList(input.evidence);
  if (evidence.length === 0) throw badInput('At least one item of evidence of correction is required', { field: 'evidence', reason: 'EVIDENCE_REQUIRED' });
  if (!input.pledgeAccepted) throw badInput('The credit pledge must be accepted', { field: 'pledgeAccepted', reason: 'PLEDGE_REQUIRED' });
  return { basis: input.basis, evidence, creditPledge: boundedText(input.creditPledge, 'creditPledge', 'PLEDGE_REQUIRED') };
}
