/**
 * The change feed as NDJSON (`npm run export`): the same changes, cursors and order as
 * `Query.creditRecordChanges`, one JSON object a line.
 */
import { encodeCursor, isUuid, type Db } from '@credit/kit';
import { inArray } from 'drizzle-orm';
import { creditRecords } from './db/schema.js';
import { feedCursorKey, EXPORT_BATCH, readChanges, type FeedRow } from './feed.js';
import { isPublished, type RecordRow } from './store.js';

/** What a mirror may copy of a published record: the fields CreditRecord publishes, less workflow state. */
export type PublishedFacts = Pick<
  RecordRow,
  | 'id' | 'subjectId' | 'kind' | 'severity' | 'domain' | 'category' | 'penaltyTypes' | 'regionCode' | 'determiningAuthority' | 'documentNumber'
  | 'legalBasis' | 'decidedOn' | 'summary' | 'publicityEndsOn' | 'minimumPublicityEndsOn' | 'publicityRegime'
>;

export interface ExportedChange {
  cursor: string;
  sequence: string;
  change: FeedRow['change'];
  reason: FeedRow['reason'];
  recordId: string;
  effectiveOn: string;
  recordedAt: string;
  /** For a start, the record's facts while it is still published; else null (the archive stays here). */
  record: PublishedFacts | null;
}

function publishedFacts(r: RecordRow): PublishedFacts {
  return {
    id: r.id, subjectId: r.subjectId, kind: r.kind, severity: r.severity, domain: r.domain, category: r.category,
    penaltyTypes: r.penaltyTypes, regionCode: r.regionCode, determiningAuthority: r.determiningAuthority, documentNumber: r.documentNumber,
    legalBasis: r.legalBasis, decidedOn: r.decidedOn, summary: r.summary, publicityEndsOn: r.publicityEndsOn,
    minimumPublicityEndsOn: r.minimumPublicityEndsOn, publicityRegime: r.publicityRegime,
  };
}

/** One page of up to `limit` (≤ 500) changes after sequence `after`, in two statements plus the feed's own. */
export async function exportPage(db: Db, after: number | null, limit: number, today: string): Promise<ExportedChange[]> {
  const rows = await readChanges(db, after, Math.min(limit, EXPORT_BATCH), today);
  const startedIds = rows.filter((r) => r.change === 'PUBLICATION_STARTED').map((r) => r.recordId).filter(isUuid);
  const records = startedIds.length ? await db.select().from(creditRecords).where(inArray(creditRecords.id, startedIds)) : [];
  const published = new Map(records.filter((r) => isPublished(r, today)).map((r) => [r.id, publishedFacts(r)]));
  return rows.map((row) => ({
    cursor: encodeCursor(feedCursorKey(row)),
    sequence: String(row.sequence),
    change: row.change,
    reason: row.reason,
    recordId: row.recordId,
    effectiveOn: row.effectiveOn,
    recordedAt: row.recordedAt.toISOString(),
    record: row.change === 'PUBLICATION_STARTED' ? (published.get(row.recordId) ?? null) : null,
  }));
}
