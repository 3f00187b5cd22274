/**
 * Events that cross departments (DESIGN §6). Producers write them to their outbox; the relay
 * delivers them to `/internal/events` of each subscriber, whose handlers must be idempotent.
 */
import type { Category, Domain, RecordKind, Severity } from './vocabulary.js';

/** Stored status; EXPIRED is not stored but derived: ACTIVE and publicityEndsOn <= today. */
export type StoredRecordStatus = 'ACTIVE' | 'REPAIRED' | 'REVOKED';

/**
 * `record.changed` (records -> disputes, incentives): the facts other departments may keep about
 * a credit record. `version` grows with every change, so a stale redelivery is ignored.
 */
export interface RecordFacts {
  id: string;
  subjectId: string;
  kind: RecordKind;
  severity: Severity | null;
  domain: Domain;
  category: Category;
  regionCode: string;
  /**
   * 认定单位: the department that decided the record (write permits' OWN_DEPARTMENT). Events
   * published before it was carried lack it; a subscriber then stores null, which no department matches.
   */
  determiningAuthority: string | null;
  decidedOn: string;
  /** Publication stops on this date (the record is ACTIVE while today < publicityEndsOn). */
  publicityEndsOn: string;
  /** The earliest end the rules allowed: credit repair may be filed from this date. */
  minimumPublicityEndsOn: string;
  status: StoredRecordStatus;
  version: number;
}

/** `objection.filed` (disputes -> records): flag the record `underObjection`. */
export interface ObjectionFiled {
  objectionId: string;
  recordId: string;
}

/** A correction of an upheld objection: the fields the determining authority changed. */
export interface RecordCorrection {
  severity?: Severity;
  summary?: string;
  legalBasis?: string;
}

/**
 * `objection.decided` (disputes -> records): the objection is closed. UPHELD revokes the record,
 * or, with a correction, replaces it by a corrected copy; REJECTED and WITHDRAWN clear the flag.
 */
export interface ObjectionDecided {
  objectionId: string;
  recordId: string;
  outcome: 'UPHELD' | 'REJECTED' | 'WITHDRAWN';
  correction: RecordCorrection | null;
  decidedOn: string;
}

/** `repair.approved` (disputes -> records): publication of the record ends, status REPAIRED. */
export interface RepairApproved {
  repairId: string;
  recordId: string;
  decidedOn: string;
}

export const EVENT = {
  recordChanged: 'record.changed',
  objectionFiled: 'objection.filed',
  objectionDecided: 'objection.decided',
  repairApproved: 'repair.approved',
} as const;

/** Effective status on a business date. */
export function effectiveStatus(stored: StoredRecordStatus, publicityEndsOn: string, today: string) {
  return stored === 'ACTIVE' && publicityEndsOn <= today ? 'EXPIRED' : stored;
}
