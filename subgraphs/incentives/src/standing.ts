import { addMonths } from '@credit/kit';
import { isHonour, isSeriousDishonesty, type Fact } from './facts.js';
import { LIST_PRECEDENCE } from './list-precedence.js';
import { isLive, type RedListEntry } from './red-list.js';

export const CLEAN_YEARS = 3;

/** What the measure conditions read of one person on one day; every rule decides from it alone. */
export interface Standing {
  personId: string;
  today: string;
  /** ACTIVE SERIOUS NEGATIVE records (the black list), newest decision first. */
  serious: Fact[];
  /** ACTIVE POSITIVE HONOUR records (one way onto the red list), newest decision first. */
  honours: Fact[];
  /** Live nominations (the other way onto the red list), newest first. */
  nominations: RedListEntry[];
  /** The latest decision date of a NEGATIVE record that still stands as decided. */
  lastNegativeDecision: string | undefined;
  /** The first day of 3 clean years after it. */
  cleanFrom: string | undefined;
}

const newestDecisionFirst = (a: Fact, b: Fact) => (a.decidedOn === b.decidedOn ? (a.id < b.id ? -1 : 1) : a.decidedOn < b.decidedOn ? 1 : -1);
const newestNominationFirst = (a: RedListEntry, b: RedListEntry) =>
  a.nominatedOn === b.nominatedOn ? (a.id < b.id ? -1 : 1) : a.nominatedOn < b.nominatedOn ? 1 : -1;

/**
 * We read "3 consecutive years with no NEGATIVE record decided" (DESIGN §4) as: no NEGATIVE record
 * decided in the 3 years up to today. Every NEGATIVE record counts except REVOKED ones (an
 * overturned decision was never validly made); REPAIRED and EXPIRED ones were still decided. The
 * years end on the third anniversary of the latest such decision (29 February runs to 28 February).
 * The facts loader ships only that latest one of the person's history, by the same condition in SQL
 * (db/schema.ts, standingNegativeDecision): loaders.server.test.ts fails if the two part.
 */
function lastNegativeDecision(facts: readonly Fact[]): string | undefined {
  let last: string | undefined;
  for (const f of facts) {
    if (f.kind === 'NEGATIVE' && f.status !== 'REVOKED' && (last === undefined || f.decidedOn > last)) last = f.decidedOn;
  }
  return last;
}

export function standingOf(personId: string, facts: readonly Fact[], entries: readonly RedListEntry[], today: string): Standing {
  const last = lastNegativeDecision(facts);
  return {
    personId,
    today,
    serious: facts.filter((f) => isSeriousDishonesty(f, today)).sort(newestDecisionFirst),
    honours: facts.filter((f) => isHonour(f, today)).sort(newestDecisionFirst),
    nominations: entries.filter((e) => isLive(e, today)).sort(newestNominationFirst),
    lastNegativeDecision: last,
    cleanFrom: last === undefined ? undefined : addMonths(last, 12 * CLEAN_YEARS),
  };
}

type List = typeof LIST_PRECEDENCE.prevails | typeof LIST_PRECEDENCE.suspends;

/** Whether the person meets a list's own condition, before the precedence between lists. */
const QUALIFIES: Record<List, (s: Standing) => boolean> = {
  SERIOUS_DISHONESTY_LIST: (s) => s.serious.length > 0,
  RED_LIST: (s) => s.honours.length > 0 || s.nominations.length > 0,
};

/** Qualifies for the list, but the prevailing list holds it in suspense today. */
const suspended = (s: Standing, list: List) => list === LIST_PRECEDENCE.suspends && QUALIFIES[list](s) && QUALIFIES[LIST_PRECEDENCE.prevails](s);
const onList = (s: Standing, list: List) => QUALIFIES[list](s) && !suspended(s, list);

export const onBlackList = (s: Standing) => onList(s, 'SERIOUS_DISHONESTY_LIST');
export const onRedList = (s: Standing) => onList(s, 'RED_LIST');
/** Live nominations or honours that would put the person on the red list, were they not on the black list. */
export const redListSuspended = (s: Standing) => suspended(s, 'RED_LIST');
export const cleanYears = (s: Standing) => s.cleanFrom === undefined || s.cleanFrom <= s.today;
