import type { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CALENDAR_2026 } from './reference/calendar-2026.js';
import { CHINESE_DAYS_YEARS, chineseDaysYear } from './reference/chinese-days.js';
import { validateCalendarYear } from './reference/load.js';
import { addWorkingDays, calendarOf, isWorkingDay, subtractWorkingDays, type Calendar } from './working-days.js';

/** Every year chinese-days ships (2004–2026), as the table holds them after loading. */
const calendar = calendarOf(CHINESE_DAYS_YEARS.flatMap((year) => chineseDaysYear(year)!), CHINESE_DAYS_YEARS);
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The error a count past the calendar's years throws. */
function refusal(count: () => unknown): GraphQLError {
  try {
    count();
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('expected CALENDAR_NOT_AVAILABLE');
}

describe('the calendar from chinese-days', () => {
  it('covers 2018 through 2026 at least, every year whole', () => {
    for (let year = 2018; year <= 2026; year++) expect(CHINESE_DAYS_YEARS).toContain(year);
    // Each year passes the same checks as an operator's file: dates inside the year, weekend make-up days, 元旦.
    for (const year of CHINESE_DAYS_YEARS) expect(validateCalendarYear(year, chineseDaysYear(year)!)).toHaveLength(chineseDaysYear(year)!.length);
  });

  it('agrees with the 2026 notice as transcribed by hand, date by date and name by name', () => {
    expect(chineseDaysYear(2026)).toEqual([...CALENDAR_2026].sort((a, b) => (a.date < b.date ? -1 : 1)));
  });

  it('has the make-up working days of earlier notices (2019: 元旦 moved onto 2018-12-29, 国庆 on 2019-09-29 and 10-12)', () => {
    expect(isWorkingDay('2018-12-29', calendar)).toBe(true);
    expect(isWorkingDay('2018-12-31', calendar)).toBe(false);
    expect(isWorkingDay('2019-09-29', calendar)).toBe(true);
    expect(isWorkingDay('2019-10-12', calendar)).toBe(true);
    expect(isWorkingDay('2019-10-07', calendar)).toBe(false);
  });
});

describe('the 2026 calendar', () => {
  it('has the holiday runs of the State Council notice', () => {
    const lengths: Record<string, number> = {};
    for (const day of CALENDAR_2026.filter((d) => d.kind === 'HOLIDAY')) lengths[day.name] = (lengths[day.name] ?? 0) + 1;
    expect(lengths).toEqual({ 元旦: 3, 春节: 9, 清明节: 3, 劳动节: 5, 端午节: 3, 中秋节: 3, 国庆节: 7 });
  });

  it('has its make-up working days, each on a weekend, and no date twice', () => {
    const workdays = CALENDAR_2026.filter((d) => d.kind === 'WORKDAY');
    expect(workdays.map((d) => d.date)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(workdays.every((d) => [0, 6].includes(weekday(d.date)))).toBe(true);
    expect(new Set(CALENDAR_2026.map((d) => d.date)).size).toBe(CALENDAR_2026.length);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['a plain Wednesday', '2026-03-04', true],
    ['a plain Saturday', '2026-03-07', false],
    ['a plain Sunday', '2026-03-08', false],
    ['a holiday on a weekday (国庆, Thursday)', '2026-10-01', false],
    ['a holiday on a weekend (春节, Sunday)', '2026-02-15', false],
    ['a make-up Saturday (国庆调休)', '2026-10-10', true],
    ['a make-up Sunday (元旦调休)', '2026-01-04', true],
  ])('%s: %s is %s', (_name, date, working) => {
    expect(isWorkingDay(date, calendar)).toBe(working);
  });

  it('knows only weekends in a year held without exceptions', () => {
    expect(isWorkingDay('2026-10-01', calendarOf([], [2026]))).toBe(true);
    expect(isWorkingDay('2026-10-10', calendarOf([], [2026]))).toBe(false);
  });

  it('refuses a date in a year the calendar does not hold, weekday or weekend', () => {
    for (const date of ['2027-01-04', '2027-01-02', '2003-06-02']) {
      expect(refusal(() => isWorkingDay(date, calendar)).extensions).toEqual({
        code: 'CALENDAR_NOT_AVAILABLE',
        year: Number(date.slice(0, 4)),
        date,
        lastYear: 2026,
      });
    }
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['across a weekend', '2026-03-06', 1, '2026-03-09'],
    ['five days across a weekend', '2026-03-05', 5, '2026-03-12'],
    ['from a Saturday: the filing day never counts', '2026-03-07', 1, '2026-03-09'],
    ['from a Sunday', '2026-03-08', 5, '2026-03-13'],
    ['across the 国庆 holiday run', '2026-09-30', 1, '2026-10-08'],
    ['into the make-up Saturday after 国庆', '2026-10-09', 1, '2026-10-10'],
    ['five days across 国庆 and its make-up Saturday', '2026-09-30', 5, '2026-10-13'],
    ['from inside a holiday run', '2026-10-03', 1, '2026-10-08'],
    ['onto the make-up Saturday before 春节', '2026-02-13', 1, '2026-02-14'],
    ['across the nine days of 春节', '2026-02-13', 2, '2026-02-24'],
    ['over the make-up Sunday after 元旦, across the year end', '2025-12-31', 1, '2026-01-04'],
    ['within the last days of the last year held', '2026-12-24', 5, '2026-12-31'],
  ])('%s: %s + %i = %s', (_name, date, n, expected) => {
    expect(addWorkingDays(date, n, calendar)).toBe(expected);
  });

  it('refuses to count into a year the calendar does not hold, rather than taking 2027-01-01 for a working day', () => {
    const error = refusal(() => addWorkingDays('2026-12-28', 5, calendar));
    expect(error.extensions).toMatchObject({ code: 'CALENDAR_NOT_AVAILABLE', year: 2027, date: '2027-01-01', lastYear: 2026 });
    expect(error.message).toMatch(/no holiday arrangement for 2027/);
  });

  it('counts into the next year once it is held: 2027-01-01 (元旦, a Friday) is not a working day', () => {
    const with2027: Calendar = calendarOf([...chineseDaysYear(2026)!, { date: '2027-01-01', kind: 'HOLIDAY' }], [2026, 2027]);
    expect(addWorkingDays('2026-12-31', 1, with2027)).toBe('2027-01-04');
    expect(addWorkingDays('2026-12-28', 5, with2027)).toBe('2027-01-05');
  });

  it.each([0, -1, 1.5])('refuses a count of %s', (n) => {
    expect(() => addWorkingDays('2026-03-04', n, calendar)).toThrow(RangeError);
  });
});

describe('subtractWorkingDays', () => {
  it.each([
    ['back across a weekend', '2026-03-09', 1, '2026-03-06'],
    ['back across 国庆', '2026-10-08', 1, '2026-09-30'],
    ['back onto the make-up Sunday of 元旦', '2026-01-05', 1, '2026-01-04'],
    ['back across the year end', '2026-01-04', 1, '2025-12-31'],
  ])('%s: %s - %i = %s', (_name, date, n, expected) => {
    expect(subtractWorkingDays(date, n, calendar)).toBe(expected);
  });
});
