/**
 * Dashboards and analysts ask the same aggregates again and again, and one count over a year of a
 * million records is a scan of the table. The ACTIVE set only changes in two ways: a publication
 * starts or ends — every such change is a row of the change feed, written in the transaction that
 * makes it, and feed rows commit in sequence order (feed.ts) — or the date moves on. So an answer
 * keyed by the feed's last committed sequence and today's date is exact, not merely fresh.
 */
import type { Db } from '@credit/kit';
import { max } from 'drizzle-orm';
import { recordChanges } from './db/schema.js';
import type { StatisticsCell } from './statistics.js';

const MAX_ENTRIES = 512;

/** One cache per database handle (a process serves one; tests open many). */
const caches = new WeakMap<Db, Map<string, StatisticsCell[]>>();

/**
 * The cached answer for `question` (the arguments and today's date), else `count`'s, kept under
 * the version read before counting. The count may see a later version than that; the entry is
 * still right, because it can only be found again while the version has not moved.
 */
export async function cachedStatistics(db: Db, question: string, count: () => Promise<StatisticsCell[]>): Promise<StatisticsCell[]> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const [row] = await db.select({ last: max(recordChanges.sequence) }).from(recordChanges);
  const key = `${row?.last ?? 0}|${question}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const cells = await count();
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, cells);
  return cells;
}
