import { describe, expect, it } from 'vitest';
import { CALENDAR_2026 } from './reference/calendar-2026.js';
import { addWorkingDays, calendarOf, isWorkingDay, subtractWorkingDays } from './working-days.js';

const calendar = calendarOf(CALENDAR_2026);
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

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

  it('knows only weekends without a calendar', () => {
    expect(isWorkingDay('2026-10-01', new Map())).toBe(true);
    expect(isWorkingDay('2026-10-10', new Map())).toBe(false);
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
    ['across the 2026 year end, into a year the table does not hold yet', '2026-12-31', 1, '2027-01-01'],
  ])('%s: %s + %i = %s', (_name, date, n, expected) => {
    expect(addWorkingDays(date, n, calendar)).toBe(expected);
  });

  it('follows the rows an operator adds for the next year', () => {
    const with2027 = calendarOf([...CALENDAR_2026, { date: '2027-01-01', kind: 'HOLIDAY' }]);
    expect(addWorkingDays('2026-12-31', 1, with2027)).toBe('2027-01-04');
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
