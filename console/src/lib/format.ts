/**
 * Dates and times as a person in China reads them: business dates (YYYY-MM-DD) are shown as they
 * are, instants in Asia/Shanghai whatever the browser's own zone.
 */
import type { Lang } from './i18n';

export const TIME_ZONE = 'Asia/Shanghai';

const dateTimeFormats = new Map<Lang, Intl.DateTimeFormat>();

/** An instant (ISO 8601 with offset) in Asia/Shanghai: 2026-11-21 10:00:00. */
export function formatDateTime(value: string | null | undefined, lang: Lang): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  let format = dateTimeFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    });
    dateTimeFormats.set(lang, format);
  }
  const parts = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** A business date (YYYY-MM-DD): 2026年9月27日 / 27 Sep 2026. */
export function formatDate(value: string | null | undefined, lang: Lang): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const [, y, m, d] = match;
  if (lang === 'zh') return `${y}年${Number(m)}月${Number(d)}日`;
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(m) - 1];
  return `${Number(d)} ${month} ${y}`;
}

/** Today's business date in Asia/Shanghai (YYYY-MM-DD), from the browser's clock. */
export function todayInShanghai(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** YYYY-MM-DD plus n months (clamped to the month's last day). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** GB 11643-1999 check character of the first 17 digits. */
export function citizenIdCheckChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]!;
  return '10X98765432'[sum % 11]!;
}

/** Normalised (upper-case X) when well formed with a matching check character, else null. */
export function normaliseCitizenId(input: string): string | null {
  const value = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return null;
  return citizenIdCheckChar(value.slice(0, 17)) === value[17] ? value : null;
}
