/**
 * Events that cross departments (DESIGN §6). Producers write them to their outbox; the relay
 * delivers them to `/internal/events` of each subscriber, whose handlers must be idempotent.
 */
import type { Category, Domain, PenaltyType, RecordKind, Severity } from './vocabulary.js';

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
  /** The decision's penalty types (empty: none stated); events published before they were carried lack them. */
  penaltyTypes?: PenaltyType[];
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

/** Every field of RecordFacts, checked by the compiler both ways: a field added above must be added here. */
const RECORD_FACT_FIELDS: { readonly [K in keyof RecordFacts]-?: true } = {
  id: true, subjectId: true, kind: true, severity: true, domain: true, category: true, penaltyTypes: true, regionCode: true,
  determiningAuthority: true, decidedOn: true, publicityEndsOn: true, minimumPublicityEndsOn: true, status: true, version: true,
};

/** The facts of a record that holds them all (records' stored row), and nothing else: the payload records publishes. */
export function recordFactsOf(record: Required<RecordFacts>): RecordFacts {
  const facts = {} as Record<keyof RecordFacts, unknown>;
  for (const field of Object.keys(RECORD_FACT_FIELDS) as (keyof RecordFacts)[]) facts[field] = record[field];
  return facts as RecordFacts;
}

/** `objection.filed` (disputes -> records): flag the record `underObjection`. */
export interface ObjectionFiled {
  objectionId: string;
  recordId: string;
  /** The record's subject, for the gateway's entity cache; events published before it was carried lack it. */
  subjectId?: string;
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
  /** As in ObjectionFiled. */
  subjectId?: string;
  outcome: 'UPHELD' | 'REJECTED' | 'WITHDRAWN';
  correction: RecordCorrection | null;
  decidedOn: string;
}

/** `repair.approved` (disputes -> records): publication of the record ends, status REPAIRED. */
export interface RepairApproved {
  repairId: string;
  recordId: string;
  /** As in ObjectionFiled. */
  subjectId?: string;
  decidedOn: string;
}

/**
 * `person.changed` (identity -> records): what a credit report (专项信用报告) names its subject by.
 * Records prints it on the subject's own reports and masks it for others; it never serves it.
 */
export interface PersonFacts {
  id: string;
  name: string;
  citizenIdNumber: string;
  version: number;
}

/**
 * `grant.changed` (identity -> records): an authorization grant (授权查询), so that records decides
 * an agency's report request on its own copy too, not only on the gateway's word. A grant it has
 * not heard of yet is no grant (deny when unsure).
 */
export interface GrantFacts {
  id: string;
  personId: string;
  grantee: string;
  purpose: string;
  scope: string[];
  /** ISO instant. */
  expiresAt: string;
  revokedAt: string | null;
  /** 1 when given, 2 once revoked: a stale redelivery never brings a revoked grant back. */
  version: number;
}

/**
 * `score.rules` (incentives -> records): the integrity score's weights and grade bands, incentives'
 * data, which a credit report applies to the subject's records on its issuing date.
 */
export interface ScoreRulesFacts {
  weights: { code: string; points: number }[];
  bands: { grade: string; minScore: number | null }[];
}

export const EVENT = {
  recordChanged: 'record.changed',
  objectionFiled: 'objection.filed',
  objectionDecided: 'objection.decided',
  repairApproved: 'repair.approved',
  personChanged: 'person.changed',
  grantChanged: 'grant.changed',
  scoreRules: 'score.rules',
} as const;

/** Effective status on a business date. */
export function effectiveStatus(stored: StoredRecordStatus, publicityEndsOn: string, today: string) {
  return stored === 'ACTIVE' && publicityEndsOn <= today ? 'EXPIRED' : stored;
}
