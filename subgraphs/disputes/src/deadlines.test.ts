import { addDays } from '@credit/kit';
import { describe, expect, it } from 'vitest';
import { dueOn, forwardableUntil, isOverdue, overdueIfAnchoredBefore, type DeadlineFacts } from './deadlines.js';
import { chineseDaysYear } from './reference/chinese-days.js';
import { OBJECTION_STATUSES } from './vocabulary.js';
import { calendarOf } from './working-days.js';

// 2025 and 2026 as chinese-days has them, and a 2027 that holds only 元旦 (a test's stand-in: the
// 2027 notice is not in chinese-days 1.5.7), so the year ends can be walked across both ways.
const calendar = calendarOf([...chineseDaysYear(2025)!, ...chineseDaysYear(2026)!, { date: '2027-01-01', kind: 'HOLIDAY' }], [2025, 2026, 2027]);
const submitted = (filedOn: string): DeadlineFacts => ({ status: 'SUBMITTED', filedOn, forwardedOn: null });

describe('dueOn', () => {
  it('is 5 working days after filing while SUBMITTED', () => {
    expect(dueOn(submitted('2026-09-30'), calendar)).toBe('2026-10-13');
  });

  it('is 5 working days after forwarding once FORWARDED', () => {
    expect(dueOn({ status: 'FORWARDED', filedOn: '2026-09-29', forwardedOn: '2026-10-08' }, calendar)).toBe('2026-10-14');
  });

  it.each(OBJECTION_STATUSES.filter((s) => s !== 'SUBMITTED' && s !== 'FORWARDED'))('is null once %s', (status) => {
    expect(dueOn({ status, filedOn: '2026-09-29', forwardedOn: '2026-10-08' }, calendar)).toBeNull();
  });
});

describe('past the calendar', () => {
  it('refuses a due date in a year the calendar does not hold instead of guessing it', () => {
    const through2026 = calendarOf(chineseDaysYear(2026)!, [2026]);
    expect(dueOn(submitted('2026-12-24'), through2026)).toBe('2026-12-31');
    expect(() => dueOn(submitted('2026-12-28'), through2026)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'CALENDAR_NOT_AVAILABLE', year: 2027 }) }));
    expect(() => forwardableUntil('2026-12-31', through2026)).toThrow(/2027/);
    expect(dueOn(submitted('2026-12-28'), calendar)).toBe('2027-01-05');
  });
});

describe('isOverdue', () => {
  it('is not overdue on the due date, and overdue the day after', () => {
    expect(isOverdue(submitted('2026-03-05'), '2026-03-12', calendar)).toBe(false);
    expect(isOverdue(submitted('2026-03-05'), '2026-03-13', calendar)).toBe(true);
  });

  it('is never overdue once closed', () => {
    expect(isOverdue({ status: 'WITHDRAWN', filedOn: '2026-03-05', forwardedOn: null }, '2027-01-01', calendar)).toBe(false);
  });
});

describe('forwardableUntil', () => {
  it('is 2 working days after filing', () => {
    expect(forwardableUntil('2026-09-29', calendar)).toBe('2026-10-08');
    expect(forwardableUntil('2026-03-06', calendar)).toBe('2026-03-10');
  });
});

describe('overdueIfAnchoredBefore', () => {
  it('agrees with dueOn for every anchor and every day around the 2026 holidays and year ends', () => {
    const days: string[] = [];
    for (let day = '2025-12-01'; day <= '2027-01-31'; day = addDays(day, 1)) days.push(day);
    const mismatches: string[] = [];
    for (const today of days) {
      const bound = overdueIfAnchoredBefore(today, calendar);
      for (const anchor of days.filter((d) => d <= today)) {
        if (isOverdue(submitted(anchor), today, calendar) !== anchor < bound) mismatches.push(`${anchor} on ${today}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
