/**
 * The 2026 holidays and make-up working days (调休), transcribed from 国务院办公厅关于2026年部分
 * 节假日安排的通知 (published by Xinhua on 2025-11-04). Holiday runs list every date, weekend
 * dates included, so the table reads like the notice. The calendar is loaded from chinese-days
 * (chinese-days.ts); this hand transcription checks that source in the tests.
 */
import { addDays } from '@credit/kit';
import type { CalendarDay } from '../working-days.js';

export type { CalendarDay };

function holidays(first: string, last: string, name: string): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) days.push({ date, kind: 'HOLIDAY', name });
  return days;
}

const workday = (date: string, name: string): CalendarDay => ({ date, kind: 'WORKDAY', name: `${name}调休上班` });

export const CALENDAR_2026: readonly CalendarDay[] = [
  ...holidays('2026-01-01', '2026-01-03', '元旦'),
  workday('2026-01-04', '元旦'),
  workday('2026-02-14', '春节'),
  ...holidays('2026-02-15', '2026-02-23', '春节'),
  workday('2026-02-28', '春节'),
  ...holidays('2026-04-04', '2026-04-06', '清明节'),
  ...holidays('2026-05-01', '2026-05-05', '劳动节'),
  workday('2026-05-09', '劳动节'),
  ...holidays('2026-06-19', '2026-06-21', '端午节'),
  workday('2026-09-20', '国庆节'),
  ...holidays('2026-09-25', '2026-09-27', '中秋节'),
  ...holidays('2026-10-01', '2026-10-07', '国庆节'),
  workday('2026-10-10', '国庆节'),
];
