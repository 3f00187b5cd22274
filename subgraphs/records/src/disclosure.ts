/**
 * 公示: the public list of serious dishonesty (DESIGN §1, §4). Only what the public may see leaves
 * this module: the subject is passed on as a key for identity to mask, never resolved here.
 */
import { badInput, compareDates, toConnection, type Connection, type Db, type Domain } from '@credit/kit';
import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { creditRecords } from './db/schema.js';
import { hasStatus } from './record-status.js';

export interface PublicDisclosureFilter {
  regionCode?: string | null;
  domain?: Domain | null;
  decidedFrom?: string | null;
  decidedTo?: string | null;
}

export interface PublicDisclosure {
  recordId: string;
  /** A DisclosedPerson reference: identity answers it with masked values only. */
  person: { id: string };
  domain: Domain;
  determiningAuthority: string;
  documentNumber: string;
  decidedOn: string;
  publicityEndsOn: string;
  regionCode: string;
}

/** The sort key (decidedOn, recordId) of the last disclosure seen. */
export type DisclosureKey = readonly [string, string];

function filterConditions(filter: PublicDisclosureFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.regionCode != null) {
    if (!/^\d{6}$/.test(filter.regionCode)) {
      throw badInput('regionCode must be 6 digits', { field: 'filter.regionCode', reason: 'INVALID_FORMAT' });
    }
    where.push(eq(creditRecords.regionCode, filter.regionCode));
  }
  if (filter.domain) where.push(eq(creditRecords.domain, filter.domain));
  if (filter.decidedFrom && filter.decidedTo && compareDates(filter.decidedFrom, filter.decidedTo) > 0) {
    throw badInput('decidedFrom is after decidedTo', { field: 'filter.decidedFrom', reason: 'INVALID_RANGE' });
  }
  if (filter.decidedFrom) where.push(gte(creditRecords.decidedOn, filter.decidedFrom));
  if (filter.decidedTo) where.push(lte(creditRecords.decidedOn, filter.decidedTo));
  return where;
}

/**
 * Written as literals, not parameters: the planner can match a partial index
 * (credit_records_disclosure_idx) only against constants it sees, and a generic prepared plan
 * sees none. hasStatus still decides what ACTIVE means on `today`.
 */
const PUBLISHED_SERIOUS = sql`${creditRecords.kind} = 'NEGATIVE' and ${creditRecords.severity} = 'SERIOUS' and ${creditRecords.status} = 'ACTIVE'`;

/**
 * The statement behind one page: `size + 1` rows, newest decision first (then by id). The filter
 * is checked here, before any SQL runs.
 */
export function disclosureQuery(db: Db, filter: PublicDisclosureFilter, size: number, after: DisclosureKey | null, today: string) {
  const where = [PUBLISHED_SERIOUS, hasStatus('ACTIVE', today), ...filterConditions(filter)];
  if (after) {
    // A row comparison walks the (decided_on desc, id desc) index from the cursor on.
    where.push(sql`(${creditRecords.decidedOn}, ${creditRecords.id}) < (${after[0]}::date, ${after[1]}::uuid)`);
  }
  return db
    .select({
      recordId: creditRecords.id,
      subjectId: creditRecords.subjectId,
      domain: creditRecords.domain,
      determiningAuthority: creditRecords.determiningAuthority,
      documentNumber: creditRecords.documentNumber,
      decidedOn: creditRecords.decidedOn,
      publicityEndsOn: creditRecords.publicityEndsOn,
      regionCode: creditRecords.regionCode,
    })
    .from(creditRecords)
    .where(and(...where))
    .orderBy(desc(creditRecords.decidedOn), desc(creditRecords.id))
    .limit(size + 1);
}

/** One page of the disclosure list in one statement. */
export async function publicDisclosures(
  db: Db,
  filter: PublicDisclosureFilter,
  size: number,
  after: DisclosureKey | null,
  today: string,
): Promise<Connection<PublicDisclosure>> {
  const rows = await disclosureQuery(db, filter, size, after, today);
  const disclosures = rows.map(({ subjectId, ...row }) => ({ ...row, person: { id: subjectId } }));
  return toConnection(disclosures, size, (d) => [d.decidedOn, d.recordId]);
}
