import type { Db } from '@credit/kit';
import type { Purpose, Role } from '@credit/schema';
import { and, arrayContains, desc, eq, gte, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { auditLog, type AuditOutcome, type AuditRow } from './tables.js';

export interface AuditLogFilter {
  from?: Date | null;
  to?: Date | null;
  role?: Role | null;
  principal?: string | null;
  personId?: string | null;
  purpose?: Purpose | null;
  outcome?: AuditOutcome | null;
  /** Writes of this mutation only. */
  mutation?: string | null;
  /** true: writes only; false: reads only. */
  writes?: boolean | null;
}

/** Entries matching the filter, newest first, below `beforeSeq` when paging on. */
export function readAuditEntries(db: Db, filter: AuditLogFilter, limit: number, beforeSeq: number | null): Promise<AuditRow[]> {
  const conditions: (SQL | undefined)[] = [
    filter.from ? gte(auditLog.at, filter.from) : undefined,
    filter.to ? lt(auditLog.at, filter.to) : undefined,
    filter.role ? eq(auditLog.role, filter.role) : undefined,
    filter.principal ? eq(auditLog.principalSub, filter.principal) : undefined,
    filter.personId ? arrayContains(auditLog.personIds, [filter.personId]) : undefined,
    filter.purpose ? eq(auditLog.purpose, filter.purpose) : undefined,
    filter.outcome ? eq(auditLog.outcome, filter.outcome) : undefined,
    filter.mutation ? eq(auditLog.mutation, filter.mutation) : undefined,
    filter.writes === true ? isNotNull(auditLog.mutation) : filter.writes === false ? isNull(auditLog.mutation) : undefined,
    beforeSeq !== null ? lt(auditLog.seq, beforeSeq) : undefined,
  ];
  return db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.seq))
    .limit(limit);
}

export interface UsageReviewRow {
  principal: string;
  role: string;
  department: string | null;
  purpose: string | null;
  reason: string;
  refusals: number;
  firstAt: Date;
  lastAt: Date;
}

/** Entries flagged for review in [from, to), grouped by principal, purpose and reason. */
export function readUsageReview(db: Db, from: Date, to: Date): Promise<UsageReviewRow[]> {
  return db
    .select({
      principal: auditLog.principalSub,
      role: auditLog.role,
      department: auditLog.department,
      purpose: auditLog.purpose,
      reason: sql<string>`${auditLog.review}`,
      refusals: sql<number>`count(*)::int`,
      firstAt: sql<Date>`min(${auditLog.at})`.mapWith(auditLog.at),
      lastAt: sql<Date>`max(${auditLog.at})`.mapWith(auditLog.at),
    })
    .from(auditLog)
    .where(and(isNotNull(auditLog.review), gte(auditLog.at, from), lt(auditLog.at, to)))
    .groupBy(auditLog.principalSub, auditLog.role, auditLog.department, auditLog.purpose, auditLog.review)
    .orderBy(desc(sql`count(*)`), auditLog.principalSub);
}
