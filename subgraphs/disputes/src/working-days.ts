/**
 * Working days (DESIGN §4, Disputes): Monday to Friday, except the dates the holiday calendar
 * marks HOLIDAY, plus the weekend dates it marks WORKDAY (调休: make-up working days). Only inside
 * the years whose arrangement the calendar holds: a date in any other year is refused with
 * CALENDAR_NOT_AVAILABLE, never counted as if that year had no holidays.
 */
import { addDays, userError } from '@credit/kit';

export const DAY_KINDS = ['HOLIDAY', 'WORKDAY'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

/** One row of the calendar: a date that breaks the weekly rhythm. */
export interface CalendarDay {
  date: string;
  kind: DayKind;
  name: string;
}

/** The calendar's exceptions to the weekly rhythm by ISO date, and the years it holds in full. */
export interface Calendar {
  readonly days: ReadonlyMap<string, DayKind>;
  readonly years: ReadonlySet<number>;
}

export const yearOf = (date: string) => Number(date.slice(0, 4));

/** `years` (the years held in full) defaults to the years the days fall in. */
export const calendarOf = (
  days: readonly { date: string; kind: DayKind }[],
  years: Iterable<number> = days.map((d) => yearOf(d.date)),
): Calendar => ({ days: new Map(days.map((d) => [d.date, d.kind])), years: new Set(years) });

/** The error for a date outside the calendar's years: a stable code, the year, the last year held. */
export function calendarNotAvailable(date: string, calendar: Calendar) {
  const year = yearOf(date);
  const lastYear = calendar.years.size ? Math.max(...calendar.years) : null;
  return userError(
    'CALENDAR_NOT_AVAILABLE',
    `The working-day calendar holds no holiday arrangement for ${year}` +
      `${lastYear === null ? '' : ` (its last year is ${lastYear})`}, so working days through ${date} are not counted until it is loaded`,
    { year, date, lastYear },
  );
}

export function isWorkingDay(date: string, calendar: Calendar): boolean {
  if (!calendar.years.has(yearOf(date))) throw calendarNotAvailable(date, calendar);
  const kind = calendar.days.get(date);
  if (kind) return kind === 'WORKDAY';
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

function nthWorkingDay(date: string, n: number, step: 1 | -1, calendar: Calendar): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`a count of working days must be a positive integer, not ${n}`);
  let day = date;
  for (let counted = 0; counted < n; ) {
    day = addDays(day, step);
    if (isWorkingDay(day, calendar)) counted++;
  }
  return day;
}

/**
 * The n-th working day after `date`; `date` itself never counts, whatever day it is (nor needs
 * to be in the calendar's years). Throws CALENDAR_NOT_AVAILABLE on reaching a year it lacks.
 */
export const addWorkingDays = (date: string, n: number, calendar: Calendar) => nthWorkingDay(date, n, 1, calendar);

/** The n-th working day before `date`; `date` itself never counts. */
export const subtractWorkingDays = (date: string, n: number, calendar: Calendar) => nthWorkingDay(date, n, -1, calendar);
