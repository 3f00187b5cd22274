/** Calendar arithmetic on ISO dates (YYYY-MM-DD), independent of time zones. */

export { isIsoDate } from '@credit/schema/scalars';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(value: string): [number, number, number] {
  const m = ISO_DATE.exec(value);
  if (!m) throw new RangeError(`not an ISO date: ${value}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function format(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Adds months, clamping to the last day of a shorter month (2024-01-31 + 1 month = 2024-02-29). */
export function addMonths(value: string, months: number): string {
  const [y, m, d] = parts(value);
  const targetMonth = m - 1 + months;
  const lastDay = new Date(Date.UTC(y, targetMonth + 1, 0)).getUTCDate();
  return format(new Date(Date.UTC(y, targetMonth, Math.min(d, lastDay))));
}

export function addDays(value: string, days: number): string {
  const [y, m, d] = parts(value);
  return format(new Date(Date.UTC(y, m - 1, d + days)));
}

export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
