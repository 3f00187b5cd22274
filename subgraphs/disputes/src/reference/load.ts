/**
 * Loading one year of the holiday calendar (calendar_days) and recording it as held
 * (calendar_years). Used at start for the years chinese-days ships and by `npm run calendar:load`.
 */
import { isIsoDate, type Db } from '@credit/kit';
import { and, eq, gte, lte, notInArray } from 'drizzle-orm';
import { calendarDays, calendarYears } from '../db/schema.js';
import { DAY_KINDS, yearOf, type CalendarDay } from '../working-days.js';

/**
 * Checks one year's rows before anything is written: real dates inside `year`, known kinds, a
 * name each, no date twice, make-up working days on weekends only, and at least one holiday
 * (every year has 元旦), so an empty or truncated transcription is not taken for a whole year.
 */
export function validateCalendarYear(year: number, days: readonly unknown[]): CalendarDay[] {
  if (!Number.isInteger(year) || year < 1950 || year > 2200) throw new Error(`not a calendar year: ${year}`);
  const seen = new Set<string>();
  const valid = days.map((value, i) => {
    const day = value as Partial<CalendarDay> | null;
    const where = `entry ${i + 1} (${JSON.stringify(value)})`;
    if (!day || typeof day.date !== 'string' || !isIsoDate(day.date)) {
      throw new Error(`${where}: date must be a real YYYY-MM-DD date`);
    }
    if (yearOf(day.date) !== year) throw new Error(`${where}: ${day.date} is not in ${year}`);
    if (!DAY_KINDS.includes(day.kind as CalendarDay['kind'])) throw new Error(`${where}: kind must be ${DAY_KINDS.join(' or ')}`);
    if (typeof day.name !== 'string' || !day.name.trim()) throw new Error(`${where}: name is required`);
    if (seen.has(day.date)) throw new Error(`${where}: ${day.date} appears twice`);
    seen.add(day.date);
    const weekday = new Date(`${day.date}T00:00:00Z`).getUTCDay();
    if (day.kind === 'WORKDAY' && weekday !== 0 && weekday !== 6) throw new Error(`${where}: a make-up working day (WORKDAY) must fall on a Saturday or Sunday`);
    return { date: day.date, kind: day.kind as CalendarDay['kind'], name: day.name.trim() };
  });
  if (!valid.some((d) => d.kind === 'HOLIDAY')) throw new Error(`${year}: no HOLIDAY at all; every year has at least 元旦`);
  return valid.sort((a, b) => (a.date < b.date ? -1 : 1));
}

export interface CalendarLoadReport {
  year: number;
  source: string;
  /** Dates written that the table did not hold. */
  inserted: number;
  /** Dates the table already held exactly as the source has them. */
  unchanged: number;
  /** Dates the table holds differently (an operator's edit, a local notice): kept unless `replace`. */
  differing: { date: string; table: { kind: string; name: string }; source: { kind: string; name: string } }[];
  /** With `replace`: dates of the year the table held and the source does not, deleted. */
  removed: number;
  replaced: boolean;
}

/**
 * Makes `year` held from `source`, in one transaction. By default it only adds the dates the table
 * lacks, so operators' edits survive; `replace` makes the year's rows exactly the source's. Running
 * it again with the same source changes nothing (inserted 0).
 */
export async function loadCalendarYear(
  db: Db,
  year: number,
  rows: readonly unknown[],
  source: string,
  { replace = false }: { replace?: boolean } = {},
): Promise<CalendarLoadReport> {
  const days = validateCalendarYear(year, rows);
  const inYear = and(gte(calendarDays.date, `${year}-01-01`), lte(calendarDays.date, `${year}-12-31`));
  return db.transaction(async (tx) => {
    const existing = new Map((await tx.select().from(calendarDays).where(inYear)).map((r) => [r.date, r]));
    const missing = days.filter((d) => !existing.has(d.date));
    const differing = days.flatMap((d) => {
      const row = existing.get(d.date);
      return row && (row.kind !== d.kind || row.name !== d.name)
        ? [{ date: d.date, table: { kind: row.kind, name: row.name }, source: { kind: d.kind, name: d.name } }]
        : [];
    });
    let removed = 0;
    if (replace) {
      const dates = days.map((d) => d.date);
      removed = (await tx.delete(calendarDays).where(and(inYear, notInArray(calendarDays.date, dates))).returning({ date: calendarDays.date })).length;
      for (const d of differing) await tx.update(calendarDays).set(d.source).where(eq(calendarDays.date, d.date));
    }
    if (missing.length) await tx.insert(calendarDays).values(missing);
    const held = (await tx.select().from(calendarYears).where(eq(calendarYears.year, year)))[0];
    const changed = missing.length > 0 || removed > 0 || (replace && differing.length > 0);
    if (!held) await tx.insert(calendarYears).values({ year, source });
    else if (changed || held.source !== source) await tx.update(calendarYears).set({ source, loadedAt: new Date() }).where(eq(calendarYears.year, year));
    return {
      year,
      source,
      inserted: missing.length,
      unchanged: days.length - missing.length - differing.length,
      differing,
      removed,
      replaced: replace,
    };
  });
}

/** The years calendar_years lists, oldest first. */
export async function heldCalendarYears(db: Db): Promise<number[]> {
  return (await db.select({ year: calendarYears.year }).from(calendarYears).orderBy(calendarYears.year)).map((r) => r.year);
}
