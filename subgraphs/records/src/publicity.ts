/**
 * Publicity periods of credit records (DESIGN §4). A period counts from the decision date under
 * the rules in force on that date; the determining authority may end it anywhere inside
 * [minimum, maximum] and by default it runs to the maximum. "Not published" is a period of zero
 * months: the record ends on its decision date and is never ACTIVE.
 *
 * The figures are those of DESIGN §4 (checked there against secondary sources). Changing them
 * changes new decisions only: each record stores the bounds it was given.
 */
import { addMonths, type Category, type Domain, type PenaltyType, type RecordKind, type Severity } from '@credit/kit';

export const PUBLICITY_REGIMES = ['NOTICE_2019_527', 'ORDER_58', 'ORDER_36', 'OWN_POSITIVE_RULE'] as const;
export type PublicityRegime = (typeof PUBLICITY_REGIMES)[number];

interface Period {
  minimumMonths: number;
  maximumMonths: number;
  /** When absent, the maximum. */
  defaultMonths?: number;
}

interface NegativeRegime {
  regime: PublicityRegime;
  source: string;
  inForceFrom: string;
  periods: Record<Severity, Period>;
  /** A longer minimum for penalties in the listed sectors. */
  sectorMinimum?: { category: Category; domains: readonly Domain[]; minimumMonths: number };
  /** Penalty types published for the severity's minimum period only; the others for the whole period. */
  minimumOnly: { types: readonly PenaltyType[]; source: string };
}

const NOT_PUBLISHED: Period = { minimumMonths: 0, maximumMonths: 0 };

/**
 * 申诫罚 (行政处罚法 Art. 9 (1): 警告, 通报批评), the lightest penalties. No national document we found
 * sets their period apart, so this row is our own, stated here so a reviewer can change it.
 */
const ADMONITIONS_AT_MINIMUM = {
  types: ['WARNING', 'CIRCULATED_CRITICISM'],
  source: 'own rule of this system (no national figure found): a warning or circulated criticism is published for the minimum period only',
} as const satisfies NegativeRegime['minimumOnly'];

/**
 * Where one decision imposes several penalty types, each type's period is found under the regime
 * and the longest applies: the latest minimum, maximum and default end among them.
 */
export const SEVERAL_PENALTY_TYPES = {
  rule: 'LONGEST',
  source: '《失信行为纠正后的信用信息修复管理办法（试行）》 as applied by 信用中国 (深圳) guidance: 同一行政处罚决定涉及多种处罚类型的，其公示期限以期限最长的类型为准; DESIGN §4',
} as const;

/** Oldest first; a decision takes the last regime in force on its date, or the first if none was. */
export const NEGATIVE_REGIMES: readonly NegativeRegime[] = [
  {
    regime: 'NOTICE_2019_527',
    source: '国家发展改革委办公厅 发改办财金〔2019〕527号 (行政处罚信息信用修复); also taken by decisions before its date',
    inForceFrom: '2019-07-01',
    periods: {
      MINOR: NOT_PUBLISHED,
      GENERAL: { minimumMonths: 3, maximumMonths: 12 },
      SERIOUS: { minimumMonths: 6, maximumMonths: 36 },
    },
    minimumOnly: ADMONITIONS_AT_MINIMUM,
  },
  {
    regime: 'ORDER_58',
    source: '《失信行为纠正后的信用信息修复管理办法（试行）》 国家发展改革委令第58号',
    inForceFrom: '2023-05-01',
    periods: {
      MINOR: NOT_PUBLISHED,
      GENERAL: { minimumMonths: 3, maximumMonths: 36 },
      SERIOUS: { minimumMonths: 3, maximumMonths: 36 },
    },
    // Some secondary sources add FOOD_AND_DRUGS to this list.
    sectorMinimum: { category: 'ADMINISTRATIVE_ACT', domains: ['SPECIAL_EQUIPMENT', 'WORK_SAFETY', 'FIRE_SAFETY'], minimumMonths: 12 },
    minimumOnly: ADMONITIONS_AT_MINIMUM,
  },
  {
    regime: 'ORDER_36',
    source: '国家发展改革委令第36号 / 国办发〔2025〕22号',
    inForceFrom: '2026-04-01',
    periods: {
      // Not published unless a law requires it, and then for at most 3 months.
      MINOR: { minimumMonths: 0, maximumMonths: 3, defaultMonths: 0 },
      GENERAL: { minimumMonths: 3, maximumMonths: 12 },
      SERIOUS: { minimumMonths: 12, maximumMonths: 36 },
    },
    minimumOnly: ADMONITIONS_AT_MINIMUM,
  },
];

/** No national document sets a period for positive (守信) records: this one is our own rule. */
export const POSITIVE_RULE = {
  regime: 'OWN_POSITIVE_RULE',
  source: 'own rule of this system (no national source): positive records up to 3 years, 3 years by default',
  period: { minimumMonths: 0, maximumMonths: 36 },
} as const satisfies { regime: PublicityRegime; source: string; period: Period };

export interface PublicityFacts {
  kind: RecordKind;
  severity: Severity | null;
  domain: Domain;
  category: Category;
  decidedOn: string;
  /** The decision's penalty types; none given: the severity's period. */
  penaltyTypes?: readonly PenaltyType[];
}

export interface PublicityBounds {
  regime: PublicityRegime;
  minimumEndsOn: string;
  maximumEndsOn: string;
  defaultEndsOn: string;
}

function regimeOn(decidedOn: string): NegativeRegime {
  const inForce = NEGATIVE_REGIMES.filter((r) => r.inForceFrom <= decidedOn);
  return inForce.at(-1) ?? NEGATIVE_REGIMES[0]!;
}

const defaultOf = (p: Period) => p.defaultMonths ?? p.maximumMonths;

function typePeriod(rule: NegativeRegime, severityPeriod: Period, type: PenaltyType): Period {
  if (!rule.minimumOnly.types.includes(type)) return severityPeriod;
  const { minimumMonths } = severityPeriod;
  return { minimumMonths, maximumMonths: minimumMonths, defaultMonths: minimumMonths };
}

function longest(periods: readonly Period[]): Period {
  return {
    minimumMonths: Math.max(...periods.map((p) => p.minimumMonths)),
    maximumMonths: Math.max(...periods.map((p) => p.maximumMonths)),
    defaultMonths: Math.max(...periods.map(defaultOf)),
  };
}

function periodOf(facts: PublicityFacts): { regime: PublicityRegime; period: Period } {
  if (facts.kind === 'POSITIVE') return POSITIVE_RULE;
  if (!facts.severity) throw new RangeError('a NEGATIVE record has a severity');
  const rule = regimeOn(facts.decidedOn);
  const types = facts.penaltyTypes ?? [];
  const severityPeriod = rule.periods[facts.severity];
  const period = types.length ? longest(types.map((t) => typePeriod(rule, severityPeriod, t))) : severityPeriod;
  const sector = rule.sectorMinimum;
  if (sector && period.maximumMonths > 0 && facts.category === sector.category && sector.domains.includes(facts.domain)) {
    // A sector minimum also lifts a type published for its minimum only (a warning in fire safety).
    const minimumMonths = Math.max(period.minimumMonths, sector.minimumMonths);
    const lifted = { minimumMonths, maximumMonths: Math.max(period.maximumMonths, minimumMonths), defaultMonths: Math.max(defaultOf(period), minimumMonths) };
    return { regime: rule.regime, period: lifted };
  }
  return { regime: rule.regime, period };
}

/** The regime a decision falls under and the end dates it allows. */
export function publicityBounds(facts: PublicityFacts): PublicityBounds {
  const { regime, period } = periodOf(facts);
  const end = (months: number) => addMonths(facts.decidedOn, months);
  return {
    regime,
    minimumEndsOn: end(period.minimumMonths),
    maximumEndsOn: end(period.maximumMonths),
    defaultEndsOn: end(defaultOf(period)),
  };
}

export function allowsEnd(bounds: PublicityBounds, endsOn: string): boolean {
  return bounds.minimumEndsOn <= endsOn && endsOn <= bounds.maximumEndsOn;
}
