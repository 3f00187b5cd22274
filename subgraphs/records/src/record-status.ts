import { and, eq, gt, lte, type SQL } from 'drizzle-orm';
import { creditRecords } from './db/schema.js';

export const RECORD_STATUSES = ['ACTIVE', 'EXPIRED', 'REPAIRED', 'REVOKED'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

/**
 * Rows whose effective status (kit `effectiveStatus`) is `status` on `today`: a record leaves the
 * ACTIVE views on its publicityEndsOn.
 */
export function hasStatus(status: RecordStatus, today: string): SQL {
  switch (status) {
    case 'ACTIVE':
      return and(eq(creditRecords.status, 'ACTIVE'), gt(creditRecords.publicityEndsOn, today))!;
    case 'EXPIRED':
      return and(eq(creditRecords.status, 'ACTIVE'), lte(creditRecords.publicityEndsOn, today))!;
    default:
      return eq(creditRecords.status, status);
  }
}
