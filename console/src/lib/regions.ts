import { COUNTIES, PREFECTURES, PROVINCES } from '../generated/regions';

/** A GB/T 2260 code as a place: 510104 成都市锦江区; 5101** (masked to its prefecture) 成都市. */
export function regionName(code: string | null | undefined): string {
  if (!code) return '';
  const county = COUNTIES[code];
  if (county) return county;
  const prefecture = PREFECTURES[code.slice(0, 4)];
  if (prefecture) return prefecture;
  return PROVINCES[code.slice(0, 2)] ?? '';
}

/** The demo counties, for region filters. */
export const KNOWN_COUNTIES = Object.entries(COUNTIES).map(([code, name]) => ({ code, name }));
