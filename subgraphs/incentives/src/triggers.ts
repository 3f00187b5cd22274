import type { CatalogMeasure, MeasureRow, TriggerRule } from './catalog.js';
import type { Fact } from './facts.js';
import { LIST_PRECEDENCE } from './list-precedence.js';
import type { RedListEntry } from './red-list.js';
import { cleanYears, onBlackList, onRedList, redListSuspended, type Standing } from './standing.js';
import { MEASURE_TRIGGERS, type MeasureTrigger } from './vocabulary.js';

/** One measure applying to one person, for one reason: a record, a nomination or a clean period. */
export interface AppliedMeasure {
  subjectId: string;
  measure: MeasureRow;
  trigger: MeasureTrigger;
  record: Fact | null;
  redListEntry: RedListEntry | null;
  /** Stable code, colon, explanation. */
  reason: string;
}

export interface MeasureCheck {
  subjectId: string;
  measure: MeasureRow;
  applies: boolean;
  /** Stable code, colon, explanation: the black list first for incentives, then each condition. */
  reasons: string[];
  /** What makes it apply; empty when it does not. */
  triggers: AppliedMeasure[];
}

type Source = Pick<AppliedMeasure, 'record' | 'redListEntry' | 'reason'>;

interface Condition {
  holds: boolean;
  reason: string;
  sources: Source[];
}

const reason = (code: string, text: string) => `${code}: ${text}`;
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const fromRecord = (record: Fact, text: string): Source => ({ record, redListEntry: null, reason: text });

function seriousDishonesty(standing: Standing, category: string | null): Condition {
  const scope = category ? ` in category ${category}` : '';
  const records = standing.serious.filter((f) => category === null || f.category === category);
  if (records.length === 0) {
    return {
      holds: false,
      reason: onBlackList(standing)
        ? reason('NO_SERIOUS_RECORD_IN_CATEGORY', `on the list, but no ACTIVE SERIOUS NEGATIVE record${scope}`)
        : reason('NOT_ON_SERIOUS_DISHONESTY_LIST', `no ACTIVE SERIOUS NEGATIVE record${scope}`),
      sources: [],
    };
  }
  return {
    holds: true,
    reason: reason('ON_SERIOUS_DISHONESTY_LIST', `${plural(records.length, 'ACTIVE SERIOUS NEGATIVE record')}${scope}`),
    sources: records.map((f) =>
      fromRecord(
        f,
        reason('ON_SERIOUS_DISHONESTY_LIST', `SERIOUS NEGATIVE record in category ${f.category}, decided ${f.decidedOn}, publicity ends ${f.publicityEndsOn}`),
      ),
    ),
  };
}

function redList(standing: Standing): Condition {
  const parts = [
    ...(standing.nominations.length ? [plural(standing.nominations.length, 'live nomination')] : []),
    ...(standing.honours.length ? [`${plural(standing.honours.length, 'ACTIVE POSITIVE record')} in category HONOUR`] : []),
  ];
  if (redListSuspended(standing)) {
    // Say which rule decided: the person would be on the red list but for the black list.
    const text = `${parts.join(' and ')}, suspended while on the serious dishonesty list (${LIST_PRECEDENCE.source})`;
    return { holds: false, reason: reason(LIST_PRECEDENCE.reasonCode, text), sources: [] };
  }
  if (!onRedList(standing)) {
    return { holds: false, reason: reason('NOT_ON_RED_LIST', 'no live nomination and no ACTIVE POSITIVE record in category HONOUR'), sources: [] };
  }
  return {
    holds: true,
    reason: reason('ON_RED_LIST', parts.join(' and ')),
    sources: [
      ...standing.nominations.map((e) => ({
        record: null,
        redListEntry: e,
        reason: reason('ON_RED_LIST', `nominated by ${e.nominatingDepartment} on ${e.nominatedOn}, ends ${e.endsOn}`),
      })),
      ...standing.honours.map((f) =>
        fromRecord(f, reason('ON_RED_LIST', `POSITIVE record in category HONOUR, decided ${f.decidedOn}, publicity ends ${f.publicityEndsOn}`)),
      ),
    ],
  };
}

function noNegativeRecord3Years(standing: Standing): Condition {
  const last = standing.lastNegativeDecision;
  if (!cleanYears(standing)) {
    return {
      holds: false,
      reason: reason('NEGATIVE_RECORD_WITHIN_3_YEARS', `NEGATIVE record decided ${last}; 3 years pass on ${standing.cleanFrom}`),
      sources: [],
    };
  }
  const text = reason('NO_NEGATIVE_RECORD_3_YEARS', last === undefined ? 'no NEGATIVE record decided' : `last NEGATIVE record decided ${last}`);
  return { holds: true, reason: text, sources: [{ record: null, redListEntry: null, reason: text }] };
}

function condition(rule: TriggerRule, standing: Standing): Condition {
  switch (rule.trigger) {
    case 'SERIOUS_DISHONESTY_LIST':
      return seriousDishonesty(standing, rule.category);
    case 'RED_LIST':
      return redList(standing);
    case 'NO_NEGATIVE_RECORD_3_YEARS':
      return noNegativeRecord3Years(standing);
  }
}

const BLACK_LISTED = reason('ON_SERIOUS_DISHONESTY_LIST', 'an ACTIVE SERIOUS NEGATIVE record; no incentive while on the list');
const NO_TRIGGER = reason('NO_TRIGGER', 'no condition applies this measure');

/**
 * Whether a catalog measure applies to the person today: any of its conditions holds, and, for an
 * incentive, the person is not on the black list (DESIGN §4). Conditions are explained in a fixed
 * order whatever the order of the table's rows, so the reasons are stable.
 */
export function checkMeasure(catalogMeasure: CatalogMeasure, standing: Standing): MeasureCheck {
  const { triggers: rules, ...measure } = catalogMeasure;
  const ordered = [...rules].sort((a, b) => MEASURE_TRIGGERS.indexOf(a.trigger) - MEASURE_TRIGGERS.indexOf(b.trigger));
  const evaluated = ordered.map((rule) => ({ rule, ...condition(rule, standing) }));
  const blocked = measure.kind === 'INCENTIVE' && onBlackList(standing);

  const reasons = [...(blocked ? [BLACK_LISTED] : []), ...evaluated.map((c) => c.reason)];
  if (evaluated.length === 0) reasons.push(NO_TRIGGER);
  const applies = !blocked && evaluated.some((c) => c.holds);
  const triggers = applies
    ? evaluated
        .filter((c) => c.holds)
        .flatMap((c) => c.sources.map((s) => ({ subjectId: standing.personId, measure, trigger: c.rule.trigger, ...s })))
    : [];
  return { subjectId: standing.personId, measure, applies, reasons, triggers };
}

/** The catalog's measures that apply today, in catalog order, one entry per measure and source. */
export function applicableMeasures(catalog: readonly CatalogMeasure[], standing: Standing): AppliedMeasure[] {
  return catalog.flatMap((m) => checkMeasure(m, standing).triggers);
}
