/**
 * Citizen ID numbers, GB 11643-1999: 6-digit region code (GB/T 2260), birth date YYYYMMDD,
 * 3-digit sequence (odd male, even female), ISO 7064 MOD 11-2 check character.
 */
import { isIsoDate } from './dates.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/**
 * Province-level prefixes of GB/T 2260 (incl. Taiwan 71, Hong Kong 81, Macao 82). The full
 * county table is not shipped here; a region code must name a known province and a non-zero
 * prefecture and county part.
 */
export const PROVINCE_CODES: Readonly<Record<string, string>> = {
  '11': '北京', '12': '天津', '13': '河北', '14': '山西', '15': '内蒙古',
  '21': '辽宁', '22': '吉林', '23': '黑龙江',
  '31': '上海', '32': '江苏', '33': '浙江', '34': '安徽', '35': '福建', '36': '江西', '37': '山东',
  '41': '河南', '42': '湖北', '43': '湖南', '44': '广东', '45': '广西', '46': '海南',
  '50': '重庆', '51': '四川', '52': '贵州', '53': '云南', '54': '西藏',
  '61': '陕西', '62': '甘肃', '63': '青海', '64': '宁夏', '65': '新疆',
  '71': '台湾', '81': '香港', '82': '澳门',
};

export type CitizenIdReason = 'FORMAT' | 'CHECKSUM' | 'BIRTH_DATE' | 'REGION';

export type CitizenIdCheck =
  | { valid: true; normalized: string; regionCode: string; birthDate: string; gender: 'MALE' | 'FEMALE' }
  | { valid: false; reason: CitizenIdReason; message: string };

export function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export function isKnownRegion(regionCode: string): boolean {
  return /^\d{6}$/.test(regionCode) && regionCode.slice(0, 2) in PROVINCE_CODES && regionCode.slice(2) !== '0000';
}

/** Validates against the rules in order: format, region, birth date (not in the future), check char. */
export function checkCitizenId(input: string, today: string): CitizenIdCheck {
  const value = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) {
    return { valid: false, reason: 'FORMAT', message: 'A citizen ID number is 17 digits and a check digit or X' };
  }
  const regionCode = value.slice(0, 6);
  if (!isKnownRegion(regionCode)) {
    return { valid: false, reason: 'REGION', message: 'The region code is not a known administrative division' };
  }
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isIsoDate(birthDate) || birthDate > today || birthDate < '1850-01-01') {
    return { valid: false, reason: 'BIRTH_DATE', message: 'The birth date is not a real past date' };
  }
  if (checkChar(value.slice(0, 17)) !== value[17]) {
    return { valid: false, reason: 'CHECKSUM', message: 'The check character does not match' };
  }
  const gender = Number(value[16]) % 2 === 1 ? 'MALE' : 'FEMALE';
  return { valid: true, normalized: value, regionCode, birthDate, gender };
}

/** Builds a valid number; used by the synthetic data generator. */
export function makeCitizenId(regionCode: string, birthDate: string, sequence: number): string {
  const first17 = `${regionCode}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + checkChar(first17);
}
