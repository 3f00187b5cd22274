/**
 * Publicity periods of credit records (DESIGN §4). A period counts from the decision date under
 * the rules in force on that date; the determining authority may end it anywhere inside
 * [minimum, maximum] and by default it runs to the maximum. "Not published" is a period of zero
 * months: the record ends on its decision date and is never ACTIVE.
 *
 * The figures are those of DESIGN §4 (checked there against secondary sources). Changing them
 * changes new decisions only: each record stores the bounds it was given.
 */
import { addMonths, type Category, type Domain, type RecordKind, type Severity } from '@credit/kit';

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
}

const NOT_PUBLISHED: Period = { minimumMonths: 0, maximumMonths: 0 };

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

function periodOf(facts: PublicityFacts): { regime: PublicityRegime; period: Period } {
  if (facts.kind === 'POSITIVE') return POSITIVE_RULE;
  if (!facts.severity) throw new RangeError('a NEGATIVE record has a severity');
  const rule = regimeOn(facts.decidedOn);
  const period = rule.periods[facts.severity];
  const sector = rule.sectorMinimum;
  if (sector && period.maximumMonths > 0 && facts.category === sector.category && sector.domains.includes(facts.domain)) {
    return { regime: rule.regime, period: { ...period, minimumMonths: Math.max(period.minimumMonths, sector.minimumMonths) } };
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
    defaultEndsOn: end(period.defaultMonths ?? period.maximumMonths),
  };
}

export function allowsEnd(bounds: PublicityBounds, endsOn: string): boolean {
  return bounds.minimumEndsOn <= endsOn && endsOn <= bounds.maximumEndsOn;
}
