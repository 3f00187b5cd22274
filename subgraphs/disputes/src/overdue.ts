/** The credit office's list of open objections past their deadline, oldest due date first. */
import type { Connection, Db } from '@credit/kit';
import { overdueIfAnchoredBefore } from './deadlines.js';
import type { ObjectionRow } from './loaders.js';
import { openObjections } from './queues.js';
import type { Calendar } from './working-days.js';

/** The open objections queue cut where deadlines have passed: the same index range, shorter. */
export function overdueObjections(
  db: Db,
  { today, calendar, size, after }: { today: string; calendar: Calendar; size: number; after: [string, string] | null },
): Promise<Connection<ObjectionRow>> {
  return openObjections(db, { size, after, anchoredBefore: overdueIfAnchoredBefore(today, calendar) });
}
