/**
 * Working days (DESIGN §4, Disputes): Monday to Friday, except the dates the holiday calendar
 * marks HOLIDAY, plus the weekend dates it marks WORKDAY (调休: make-up working days).
 */
import { addDays } from '@credit/kit';

export const DAY_KINDS = ['HOLIDAY', 'WORKDAY'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

/** The calendar's exceptions to the weekly rhythm, by ISO date. */
export type Calendar = ReadonlyMap<string, DayKind>;

export const calendarOf = (days: readonly { date: string; kind: DayKind }[]): Calendar => new Map(days.map((d) => [d.date, d.kind]));

export function isWorkingDay(date: string, calendar: Calendar): boolean {
  const kind = calendar.get(date);
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

/** The n-th working day after `date`; `date` itself never counts, whatever day it is. */
export const addWorkingDays = (date: string, n: number, calendar: Calendar) => nthWorkingDay(date, n, 1, calendar);

/** The n-th working day before `date`; `date` itself never counts. */
export const subtractWorkingDays = (date: string, n: number, calendar: Calendar) => nthWorkingDay(date, n, -1, calendar);
