import { addDays, clockFromEnv, logger, type Db } from '@credit/kit';
import { yearOf } from '../working-days.js';
import { CHINESE_DAYS_SOURCE, CHINESE_DAYS_YEARS, chineseDaysYear } from './chinese-days.js';
import { heldCalendarYears, loadCalendarYear } from './load.js';

/**
 * The first year loaded at start: the 2019 publicity regime's predecessor year, so every objection
 * the demo data can hold (records decided from 2018) has its deadline counted. Older years the
 * package holds are one `npm run calendar:load -- --year Y` away.
 */
export const FIRST_SEEDED_CALENDAR_YEAR = 2018;

/**
 * At every start: each year chinese-days holds (from 2018) that calendar_years does not list yet is
 * loaded, adding only the dates the table lacks; a year already held is never touched again, so
 * operators' edits (and deletions) survive restarts. A newer chinese-days brings its new year on
 * the next start. Warns when the next 30 days reach a year the calendar does not hold.
 */
export async function ensureReferenceData(db: Db): Promise<void> {
  const held = new Set(await heldCalendarYears(db));
  for (const year of CHINESE_DAYS_YEARS) {
    if (year < FIRST_SEEDED_CALENDAR_YEAR || held.has(year)) continue;
    await loadCalendarYear(db, year, chineseDaysYear(year)!, CHINESE_DAYS_SOURCE);
    held.add(year);
  }
  const horizon = addDays(clockFromEnv().today(), 30);
  if (!held.has(yearOf(horizon))) {
    logger.warn(
      { year: yearOf(horizon), lastYear: held.size ? Math.max(...held) : null },
      'working-day calendar: no arrangement loaded for the year deadlines reach within 30 days; they are refused (CALENDAR_NOT_AVAILABLE) until `npm run calendar:load -- --year Y` loads it',
    );
  }
}
