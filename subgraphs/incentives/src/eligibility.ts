import type { Standing } from './standing.js';
import type { CatalogMeasure } from './catalog.js';
import { checkMeasure, type MeasureCheck } from './triggers.js';

export interface Eligibility {
  fastTrack: boolean;
  acceptWithMissingDocs: boolean;
  /** Stable code, colon, explanation: each condition of either measure once, the black list first. */
  reasons: string[];
}

function check(catalog: readonly CatalogMeasure[], code: string, standing: Standing): Pick<MeasureCheck, 'applies' | 'reasons'> {
  const measure = catalog.find((m) => m.code === code);
  if (!measure) return { applies: false, reasons: [`UNKNOWN_MEASURE: ${code} is not in the published catalog`] };
  return checkMeasure(measure, standing);
}

/**
 * FAST_TRACK and ACCEPT_WITH_MISSING_DOCS (DESIGN §4: on the red list, or after 3 consecutive years
 * with no NEGATIVE record decided; never while on the black list) are decided by their catalog
 * triggers, the same rows `measureCheck` reads, so the two answers can never disagree.
 */
export function eligibility(catalog: readonly CatalogMeasure[], standing: Standing): Eligibility {
  const fastTrack = check(catalog, 'FAST_TRACK', standing);
  const acceptWithMissingDocs = check(catalog, 'ACCEPT_WITH_MISSING_DOCS', standing);
  return {
    fastTrack: fastTrack.applies,
    acceptWithMissingDocs: acceptWithMissingDocs.applies,
    reasons: [...new Set([...fastTrack.reasons, ...acceptWithMissingDocs.reasons])],
  };
}
