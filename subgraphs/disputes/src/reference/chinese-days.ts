/**
 * The holiday arrangements of the State Council's yearly notices (国务院办公厅关于部分节假日安排的
 * 通知), as the chinese-days package ships them (MIT, github.com/vsme/chinese-days, pinned in
 * package.json): every holiday date, weekend dates inside a run included, and every make-up
 * working day (调休). A new year arrives with a new chinese-days version (the notice is published
 * each November); until then `npm run calendar:load -- --year Y --file F` loads a transcription.
 */
import { createRequire } from 'node:module';
import { yearOf, type CalendarDay } from '../working-days.js';

/** dist/chinese-days.json: date → "English name,中文名,statutory days". */
interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const require = createRequire(import.meta.url);
const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
const { version } = require('chinese-days/package.json') as { version: string };

/** What calendar_years.source says for a year loaded from this package. */
export const CHINESE_DAYS_SOURCE = `chinese-days@${version}`;

/** The package's short names, spelled as the notices (and the 2026 transcription) spell them. */
const NOTICE_NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

function noticeName(value: string): string {
  const name = value.split(',')[1]?.trim();
  if (!name) throw new Error(`chinese-days: an entry without a Chinese name: ${JSON.stringify(value)}`);
  return NOTICE_NAMES[name] ?? name;
}

const byYear = new Map<number, CalendarDay[]>();
for (const [date, value] of Object.entries(data.holidays)) {
  byYear.set(yearOf(date), [...(byYear.get(yearOf(date)) ?? []), { date, kind: 'HOLIDAY', name: noticeName(value) }]);
}
for (const [date, value] of Object.entries(data.workdays)) {
  byYear.set(yearOf(date), [...(byYear.get(yearOf(date)) ?? []), { date, kind: 'WORKDAY', name: `${noticeName(value)}调休上班` }]);
}
for (const days of byYear.values()) days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

/** The years the package holds, oldest first (2004–2026 in 1.5.7). */
export const CHINESE_DAYS_YEARS: readonly number[] = [...byYear.keys()].sort((a, b) => a - b);

/** One year's rows, or undefined when the package does not hold that year. */
export const chineseDaysYear = (year: number): readonly CalendarDay[] | undefined => byYear.get(year);
