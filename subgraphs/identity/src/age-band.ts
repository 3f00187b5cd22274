/**
 * A ten-year age band, e.g. "40-49", on a business date: what a licensing officer needs of a birth
 * date without the date itself, a part of the citizen ID number (schema/src/inference.ts).
 */
export function ageBand(birthDate: string, today: string): string {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const age = ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
  const low = Math.floor(Math.max(age, 0) / 10) * 10;
  return `${low}-${low + 9}`;
}
