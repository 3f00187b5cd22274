/**
 * Purposes bound to entry points (DESIGN §5, Inference and purpose): which root fields each
 * purpose may use, and how. A purpose that exists to decide one applicant's licence reaches that
 * applicant by an identifier the caller already holds, one person per request and a bounded number
 * a day; it does not read the population. Read by the gateway before planning, by the leak oracle
 * and by the README, like POLICY.
 */
import { DEPARTMENTS, SUBGRAPH_NAMES } from './departments.js';
import type { Purpose } from './roles.js';

/**
 * LOOKUP: one entity by an identifier the caller holds. LISTING: pages of persons or their data.
 * QUEUE: a review purpose's own work list. AGGREGATE: counts with small cells suppressed.
 * CATALOG: reference data. DISCLOSURE: the public disclosure list (信用公示). FEED: the change feed
 * for the provincial platform. OWN_LOG: a citizen's own 查询记录. AUDIT_LOG: the whole query log.
 * VERIFICATION: checking a document the caller holds (a credit report's number, code and hash),
 * which reveals nothing of its content: open to every purpose.
 */
export const ENTRY_KINDS = ['LOOKUP', 'LISTING', 'QUEUE', 'AGGREGATE', 'CATALOG', 'DISCLOSURE', 'FEED', 'OWN_LOG', 'AUDIT_LOG', 'VERIFICATION'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export interface EntryPoint {
  kind: EntryKind;
  /** LOOKUP: the argument that identifies the subject (one person per request counts its values). */
  identifier?: string;
  /** QUEUE: the review purpose whose work list it is. */
  queueOf?: Purpose;
}

/**
 * Every root Query field of the supergraph (a test keeps the two equal): unknown roots are refused.
 * Each department lists its own in its registry entry (departments.ts); the query log's are the gateway's.
 */
export const ENTRY_POINTS: Readonly<Record<string, EntryPoint>> = {
  ...Object.assign({}, ...SUBGRAPH_NAMES.map((name) => DEPARTMENTS[name].entryPoints)),
  myAccessLog: { kind: 'OWN_LOG' },
  accessLog: { kind: 'AUDIT_LOG' },
  usageReview: { kind: 'AUDIT_LOG' },
};

export interface PurposeEntries {
  kinds: readonly EntryKind[];
  /**
   * Single-subject: one person per request (distinct identifier values over its lookups), and at
   * most `DAILY_PERSON_LIMIT` distinct persons per principal and day.
   */
  singleSubject: boolean;
}

const EVERYONE: readonly EntryKind[] = ['CATALOG', 'DISCLOSURE', 'VERIFICATION'];
const SINGLE_SUBJECT: PurposeEntries = { kinds: ['LOOKUP', ...EVERYONE], singleSubject: true };

export const PURPOSE_ENTRIES: Readonly<Record<Purpose, PurposeEntries>> = {
  // What the public disclosure shows, and what staff read of it: fields above PUBLIC are denied by the policy anyway.
  PUBLIC_DISCLOSURE: { kinds: ['LOOKUP', 'AGGREGATE', 'FEED', ...EVERYONE], singleSubject: false },
  SELF_ACCESS: { kinds: ['LOOKUP', 'OWN_LOG', ...EVERYONE], singleSubject: true },
  ADMINISTRATIVE_LICENSING: SINGLE_SUBJECT,
  JOINT_INCENTIVE: SINGLE_SUBJECT,
  JOINT_PUNISHMENT: SINGLE_SUBJECT,
  AUTHORIZED_QUERY: SINGLE_SUBJECT,
  OBJECTION_REVIEW: { kinds: ['LOOKUP', 'QUEUE', ...EVERYONE], singleSubject: false },
  CREDIT_REPAIR_REVIEW: { kinds: ['LOOKUP', 'QUEUE', ...EVERYONE], singleSubject: false },
  STATISTICS: { kinds: ['AGGREGATE', ...EVERYONE], singleSubject: false },
  // The auditor lists persons, the feed and the log; the review queues are the reviewers' work and a
  // citizen's 查询记录 is the citizen's.
  AUDIT: { kinds: ENTRY_KINDS.filter((kind) => kind !== 'QUEUE' && kind !== 'OWN_LOG'), singleSubject: false },
};

/**
 * Distinct persons one principal may reach in a business day (Asia/Shanghai) under one
 * single-subject purpose (`PURPOSE_DAILY_PERSONS` overrides). 100: a licensing window or an
 * agency decides a few dozen applicants on a heavy day; at 100 a day, reading a county of 100,000
 * persons takes three years of refused requests, each flagged for review.
 */
export const DAILY_PERSON_LIMIT = 100;

/** Listings and bulk reads refused to a single-subject purpose. */
const BULK_KINDS: ReadonlySet<EntryKind> = new Set(['LISTING', 'QUEUE', 'FEED', 'AUDIT_LOG']);

/**
 * BULK: a listing under a single-subject purpose, or lookups of more than one person in one
 * request. ENTRY_POINT: a root field the purpose does not reach (another purpose's queue, an
 * aggregate for a reviewer, a lookup for statistics). VOLUME: past the daily number of persons.
 */
export type EntryRefusal = 'BULK' | 'ENTRY_POINT' | 'VOLUME';

export interface RootCall {
  /** Root field name. */
  name: string;
  /** Argument values (coerced). */
  args: Readonly<Record<string, unknown>>;
  /** The response key (alias or name): the refusal's path. */
  key?: string;
}

export type EntryVerdict = { allowed: true } | { allowed: false; reason: Exclude<EntryRefusal, 'VOLUME'>; field: string };

/** Whether one request's root Query fields are open to the purpose. Unknown root fields are refused. */
export function entryPointVerdict(purpose: Purpose, calls: readonly RootCall[]): EntryVerdict {
  const entries = PURPOSE_ENTRIES[purpose];
  const subjects = new Set<string>();
  for (const call of calls) {
    if (call.name.startsWith('__')) continue;
    const entry = ENTRY_POINTS[call.name];
    if (!entry || !entries.kinds.includes(entry.kind) || (entry.queueOf !== undefined && entry.queueOf !== purpose)) {
      const bulk = entries.singleSubject && entry !== undefined && BULK_KINDS.has(entry.kind);
      return { allowed: false, reason: bulk ? 'BULK' : 'ENTRY_POINT', field: call.key ?? call.name };
    }
    if (entries.singleSubject && entry.kind === 'LOOKUP') {
      subjects.add(`${call.name === 'personByCitizenIdNumber' ? 'cid' : 'id'}:${String(call.args[entry.identifier!]).toUpperCase()}`);
      if (subjects.size > 1) return { allowed: false, reason: 'BULK', field: call.key ?? call.name };
    }
  }
  return { allowed: true };
}

/**
 * The purposes × kinds table as the README shows it; a test keeps the two identical. The root fields
 * of each kind are not repeated there: they are the departments' (departments.ts), and a new
 * department must not have to edit the README.
 */
export function entryPointMatrixMarkdown(): string {
  const kinds = ENTRY_KINDS;
  const header = `| purpose | ${kinds.join(' | ')} | one person per request, ≤ ${DAILY_PERSON_LIMIT} a day |`;
  const rule = `|---|${kinds.map(() => '---').join('|')}|---|`;
  const rows = (Object.keys(PURPOSE_ENTRIES) as Purpose[]).map((purpose) => {
    const entries = PURPOSE_ENTRIES[purpose];
    return `| ${purpose} | ${kinds.map((k) => (entries.kinds.includes(k) ? 'yes' : '—')).join(' | ')} | ${entries.singleSubject ? 'yes' : '—'} |`;
  });
  return [header, rule, ...rows].join('\n');
}
