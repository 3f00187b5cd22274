/** Mask styles of DESIGN §5: what a caller sees of a value the policy only lets out masked. */
import type { PrivacyMask } from './privacy.js';

/** Two-character surnames (复姓) keep both characters: 欧阳娜娜 -> 欧阳**. */
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯',
  '轩辕', '令狐', '端木', '独孤', '南宫', '西门', '澹台', '公冶', '宗政', '濮阳', '太叔', '申屠', '钟离',
]);

const stars = (n: number) => '*'.repeat(Math.max(n, 0));

/** 11010519491231002X -> 1101**********002X: province and prefecture, then the last four. */
export function maskCitizenId(value: string): string {
  if (value.length <= 8) return stars(value.length);
  return value.slice(0, 4) + stars(value.length - 8) + value.slice(-4);
}

/** 张三 -> 张*, 欧阳娜娜 -> 欧阳**: the surname stays, the given name goes. */
export function maskName(value: string): string {
  const chars = [...value];
  if (chars.length <= 1) return stars(chars.length);
  const keep = chars.length > 2 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
  return chars.slice(0, keep).join('') + stars(chars.length - keep);
}

/** 13812345678 -> 138****5678. */
function maskPhone(value: string): string {
  if (value.length <= 7) return stars(value.length);
  return value.slice(0, 3) + stars(value.length - 7) + value.slice(-4);
}

/** 110108 -> 1101**: the county goes, as the citizen ID mask shows province and prefecture only. */
function maskRegionToPrefecture(value: string): string {
  return value.length <= 4 ? stars(value.length) : value.slice(0, 4) + stars(value.length - 4);
}

const MASKERS: Record<Exclude<PrivacyMask, 'NONE'>, (value: string) => string> = {
  CITIZEN_ID: maskCitizenId,
  NAME: maskName,
  PHONE: maskPhone,
  REGION_PREFECTURE: maskRegionToPrefecture,
};

/**
 * The masked value, or `undefined` when the value cannot be masked with this style (no style, or
 * not text): the caller must then deny it.
 */
export function maskValue(value: unknown, style: PrivacyMask): unknown {
  if (style === 'NONE') return undefined;
  if (value === null) return null;
  if (typeof value === 'string') return MASKERS[style](value);
  if (Array.isArray(value)) {
    const masked = value.map((item) => maskValue(item, style));
    return masked.some((item) => item === undefined) ? undefined : masked;
  }
  return undefined;
}
