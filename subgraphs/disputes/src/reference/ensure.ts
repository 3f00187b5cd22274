import type { Db } from '@credit/kit';
import { calendarDays } from '../db/schema.js';
import { CALENDAR_2026 } from './calendar-2026.js';

/**
 * Seeds the holiday calendar at every start, idempotently. Operators maintain the table yearly
 * (a new year's notice, or a local change): missing dates are inserted, existing ones are never
 * overwritten, so their edits survive restarts.
 */
export async function ensureReferenceData(db: Db): Promise<void> {
  await db.insert(calendarDays).values([...CALENDAR_2026]).onConflictDoNothing();
}
