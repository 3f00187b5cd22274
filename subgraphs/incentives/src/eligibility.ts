import { addMonths } from '@credit/kit';
import { onRedList, onSeriousDishonestyList, type Fact } from './facts.js';

export const CLEAN_YEARS = 3;

export interface Eligibility {
  fastTrack: boolean;
  acceptWithMissingDocs: boolean;
  /** Stable code, colon, explanation: every rule that applied, the black list first. */
  reasons: string[];
}

const reason = (code: string, text: string) => `${code}: ${text}`;

/** The latest decision date of a NEGATIVE record that still stands as decided (not REVOKED). */
function lastNegativeDecision(facts: readonly Fact[]): string | undefined {
  let last: string | undefined;
  for (const f of facts) {
    if (f.kind === 'NEGATIVE' && f.status !== 'REVOKED' && (last === undefined || f.decidedOn > last)) last = f.decidedOn;
  }
  return last;
}

/**
 * FAST_TRACK and ACCEPT_WITH_MISSING_DOCS (DESIGN §4): granted on the red list, or after at least
 * 3 consecutive years with no NEGATIVE record decided; never while on the black list.
 * We read "3 consecutive years with no NEGATIVE record decided" as: no NEGATIVE record decided in
 * the 3 years up to today. Every NEGATIVE record counts except REVOKED ones (an overturned decision
 * was never validly made); REPAIRED and EXPIRED ones were still decided. The years end on the third
 * anniversary of the latest such decision (29 February runs to 28 February).
 */
export function eligibility(facts: readonly Fact[], today: string): Eligibility {
  const blackListed = onSeriousDishonestyList(facts, today);
  const redListed = onRedList(facts, today);
  const last = lastNegativeDecision(facts);
  const cleanFrom = last === undefined ? undefined : addMonths(last, 12 * CLEAN_YEARS);
  const clean = cleanFrom === undefined || cleanFrom <= today;

  const reasons: string[] = [];
  if (blackListed) {
    reasons.push(reason('ON_SERIOUS_DISHONESTY_LIST', 'an ACTIVE SERIOUS NEGATIVE record; no incentive while on the list'));
  }
  if (redListed) reasons.push(reason('ON_RED_LIST', 'an ACTIVE POSITIVE record in category HONOUR'));
  if (last === undefined) {
    reasons.push(reason('NO_NEGATIVE_RECORD_3_YEARS', 'no NEGATIVE record decided'));
  } else if (clean) {
    reasons.push(reason('NO_NEGATIVE_RECORD_3_YEARS', `last NEGATIVE record decided ${last}`));
  } else {
    reasons.push(reason('NEGATIVE_RECORD_WITHIN_3_YEARS', `NEGATIVE record decided ${last}; 3 years pass on ${cleanFrom}`));
  }
  const eligible = !blackListed && (redListed || clean);
  return { fastTrack: eligible, acceptWithMissingDocs: eligible, reasons };
}
