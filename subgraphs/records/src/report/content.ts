/**
 * What a credit report (专项信用报告) says, assembled from records' own data and the projections
 * other departments publish to it (db/schema.ts): the subject's records in the period and domains
 * asked for, the serious-dishonesty list status, objections pending and repairs, and the integrity
 * score on the issuing date under incentives' published weights and bands.
 *
 * Who reads it decides what goes in, as the read policy would: the subject gets everything about
 * themselves, their archive's repairs included (PIPL Art. 45). An agency under a grant gets what its
 * grant's scope opens, the citizen ID number masked (SENSITIVE is MASK for AGENCY × AUTHORIZED_QUERY),
 * and no repaired record: after repair, sharing stops (NDRC Order 36).
 */
import { isOneOf, DOMAINS, type Category, type Db, type Domain, type PenaltyType, type Severity } from '@credit/kit';
import { maskCitizenId, maskName } from '@credit/schema';
import { asc, desc, eq } from 'drizzle-orm';
import { creditRecords, personFacts, scoreRules } from '../db/schema.js';
import { isPublished, type RecordRow } from '../store.js';

export interface ReportScope {
  personId: string;
  from: string;
  to: string;
  /** The domains asked for, in vocabulary order; every domain when none were named. */
  domains: Domain[];
}

/** The reader: the subject themselves, or an agency under the grant it named. */
export type ReportReader =
  | { kind: 'SUBJECT' }
  | { kind: 'AGENCY'; agency: string; grantId: string; scope: readonly string[] };

export interface ReportEntry {
  recordId: string;
  decidedOn: string;
  determiningAuthority: string;
  documentNumber: string;
  domain: Domain;
  category: Category;
  severity: Severity | null;
  penaltyTypes: PenaltyType[];
  legalBasis: string;
  summary: string;
  publicityEndsOn: string;
  underObjection: boolean;
  repairedOn: string | null;
}

export interface ScoreLine {
  entry: ReportEntry;
  points: number;
}

export type ReportScore =
  | { kind: 'SCORED'; base: number; value: number; grade: string | null; lines: ScoreLine[] }
  /** Incentives has not published its rules to records yet: no figure is made up. */
  | { kind: 'UNAVAILABLE' }
  /** The agency's grant does not open incentives' data. */
  | { kind: 'OUT_OF_SCOPE' };

export interface ReportContent {
  scope: ReportScope;
  reader: ReportReader;
  /** The business date the report speaks for (Asia/Shanghai). */
  asOf: string;
  subject: { name: string; citizenIdNumber: string; nameMasked: boolean; citizenIdMasked: boolean };
  /** 行政处罚: NEGATIVE administrative-act records in publicity, decided in the period and domains. */
  penalties: ReportEntry[];
  /** 司法裁判及执行: NEGATIVE judicial records (rulings and their enforcement) likewise. */
  enforcement: ReportEntry[];
  /** Other NEGATIVE records in publicity (abnormal operation, contract performance, …) likewise. */
  otherNegative: ReportEntry[];
  /** POSITIVE records (守信) in publicity likewise. */
  positive: ReportEntry[];
  /** 严重失信主体名单 on the issuing date: ACTIVE SERIOUS records, whatever their date or domain. */
  seriousDishonesty: ReportEntry[];
  /** Records in the period and domains with an objection (异议) pending; null: outside the grant's scope. */
  objectionsPending: ReportEntry[] | null;
  /** Repairs (信用修复) approved in the period; null: not shared with this reader. */
  repairs: ReportEntry[] | null;
  score: ReportScore;
}

/** The subject is not (yet) known to records: identity's `person.changed` has not arrived. */
export class SubjectUnknownError extends Error {}

const toEntry = (r: RecordRow): ReportEntry => ({
  recordId: r.id,
  decidedOn: r.decidedOn,
  determiningAuthority: r.determiningAuthority,
  documentNumber: r.documentNumber,
  domain: r.domain,
  category: r.category,
  severity: r.severity,
  penaltyTypes: r.penaltyTypes,
  legalBasis: r.legalBasis,
  summary: r.summary,
  publicityEndsOn: r.publicityEndsOn,
  underObjection: r.underObjection,
  repairedOn: r.repairedOn,
});

interface Rules {
  base: number;
  points: Map<string, number>;
  bands: { grade: string; minScore: number | null }[];
}

function rulesOf(row: { weights: unknown; bands: unknown } | undefined): Rules | undefined {
  if (!row || !Array.isArray(row.weights) || !Array.isArray(row.bands)) return undefined;
  const points = new Map((row.weights as { code: string; points: number }[]).map((w) => [w.code, w.points]));
  const base = points.get('BASE');
  if (base === undefined) return undefined;
  points.delete('BASE');
  return { base, points, bands: row.bands as Rules['bands'] };
}

/** The band with the highest lower bound the value reaches; a null bound catches everything (incentives' rule). */
function gradeFor(value: number, bands: Rules['bands']): string | null {
  let grade: string | null = null;
  let reached = -Infinity;
  for (const band of bands) {
    const bound = band.minScore ?? -Infinity;
    if (value >= bound && (grade === null || bound > reached)) {
      grade = band.grade;
      reached = bound;
    }
  }
  return grade;
}

/**
 * DESIGN §4's integrity score as incentives computes it: the base plus one weight per record in
 * publicity on the date (POSITIVE, or NEGATIVE_<severity>), newest decision first. The score
 * covers all of the subject's records, not only the period asked for: it is one figure per person.
 */
function scoreOf(published: readonly RecordRow[], rules: Rules): ReportScore {
  const lines: ScoreLine[] = [];
  for (const record of published) {
    const points = rules.points.get(record.kind === 'NEGATIVE' ? `NEGATIVE_${record.severity}` : record.kind);
    if (points !== undefined) lines.push({ entry: toEntry(record), points });
  }
  const value = lines.reduce((sum, line) => sum + line.points, rules.base);
  return { kind: 'SCORED', base: rules.base, value, grade: gradeFor(value, rules.bands), lines };
}

/** Domains as asked: known ones only, each once, in vocabulary order; none named means all. */
export function normalizeDomains(domains: readonly string[] | null | undefined): Domain[] {
  const asked = new Set((domains ?? []).filter((d): d is Domain => isOneOf(DOMAINS, d)));
  return asked.size === 0 ? [...DOMAINS] : DOMAINS.filter((d) => asked.has(d));
}

export async function assembleReport(db: Db, scope: ReportScope, reader: ReportReader, asOf: string): Promise<ReportContent> {
  const [person] = await db.select().from(personFacts).where(eq(personFacts.id, scope.personId));
  if (!person) throw new SubjectUnknownError(scope.personId);
  const rows = await db
    .select()
    .from(creditRecords)
    .where(eq(creditRecords.subjectId, scope.personId))
    .orderBy(desc(creditRecords.decidedOn), asc(creditRecords.id));
  const [rulesRow] = await db.select().from(scoreRules).where(eq(scoreRules.id, 1));

  const covers = (part: string) => reader.kind === 'SUBJECT' || reader.scope.includes(part);
  const domains = new Set<string>(scope.domains);
  const inScope = (r: RecordRow) => r.decidedOn >= scope.from && r.decidedOn <= scope.to && domains.has(r.domain);
  const published = rows.filter((r) => isPublished(r, asOf));
  const shown = published.filter(inScope);
  const negative = shown.filter((r) => r.kind === 'NEGATIVE');
  const rules = rulesOf(rulesRow);

  return {
    scope,
    reader,
    asOf,
    subject: {
      name: covers('IDENTITY') ? person.name : maskName(person.name),
      nameMasked: !covers('IDENTITY'),
      citizenIdNumber: reader.kind === 'SUBJECT' ? person.citizenIdNumber : maskCitizenId(person.citizenIdNumber),
      citizenIdMasked: reader.kind !== 'SUBJECT',
    },
    penalties: negative.filter((r) => r.category === 'ADMINISTRATIVE_ACT').map(toEntry),
    enforcement: negative.filter((r) => r.category === 'JUDICIAL').map(toEntry),
    otherNegative: negative.filter((r) => r.category !== 'ADMINISTRATIVE_ACT' && r.category !== 'JUDICIAL').map(toEntry),
    positive: shown.filter((r) => r.kind === 'POSITIVE').map(toEntry),
    seriousDishonesty: published.filter((r) => r.kind === 'NEGATIVE' && r.severity === 'SERIOUS').map(toEntry),
    objectionsPending: covers('DISPUTES') ? shown.filter((r) => r.underObjection).map(toEntry) : null,
    repairs:
      reader.kind === 'SUBJECT'
        ? rows
            .filter((r) => r.status === 'REPAIRED' && r.repairedOn !== null && r.repairedOn >= scope.from && r.repairedOn <= scope.to && domains.has(r.domain))
            .map(toEntry)
        : null,
    score: !covers('INCENTIVES') ? { kind: 'OUT_OF_SCOPE' } : rules ? scoreOf(published, rules) : { kind: 'UNAVAILABLE' },
  };
}
