/**
 * Masks that hold against the other fields (DESIGN §5, "Inference and purpose"), checked on real
 * answers: for every person in an answer, the citizen ID numbers (GB 11643-1999) consistent with
 * everything the caller saw of that person in that answer are counted exactly — the masked number's
 * first four and last four characters, the region code in full or masked to its prefecture, the
 * birth date, the ten-year age band on the business date, the gender — and fewer than
 * MIN_CANDIDATES is a failure. Written apart from schema/src/inference.ts (the lint under test):
 * this counts numbers, that estimates them from the classification.
 *
 * The universe is what a validator accepts: a region code of a known province whose last four
 * digits are not 0000, a real birth date from 1850-01-01 to the business date, any 3-digit
 * sequence (odd for MALE, even for FEMALE), and the ISO 7064 MOD 11-2 check character.
 */
import {
  getNamedType,
  isCompositeType,
  isObjectType,
  Kind,
  parse,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { loadSupergraphSdl } from '@credit/gateway/supergraph';
import type { LeakApi } from './api.js';
import { collectFields, fragmentsOf } from './oracle.js';

export const MIN_CANDIDATES = 1000;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
/** GB/T 2260 province codes (incl. 71 Taiwan, 81 Hong Kong, 82 Macao). */
const PROVINCES = [
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
];
const EARLIEST_BIRTH = '1850-01-01';

/** What one answer showed of one person (all values under every alias and object of that person). */
export interface Sighting {
  /** Person id, when the answer has it. */
  personId?: string;
  /** Citizen ID numbers as shown: masked (`1101**********002X`) or clear. */
  numbers: string[];
  /** `110108` or `1101**`. */
  regionCodes: string[];
  birthDates: string[];
  /** `40-49`. */
  ageBands: string[];
  genders: string[];
}

/** Where each part shows up, by type and field. */
const PARTS: Readonly<Record<string, Readonly<Record<string, keyof Omit<Sighting, 'personId'>>>>> = {
  Person: { citizenIdNumber: 'numbers', regionCode: 'regionCodes', birthDate: 'birthDates', ageBand: 'ageBands', gender: 'genders' },
  DisclosedPerson: { maskedCitizenIdNumber: 'numbers' },
};

/** The sum of digit × weight over `digits` placed at `offset` of the 17, mod 11. */
function partialSum(digits: string, offset: number): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * WEIGHTS[offset + i]!;
  return sum % 11;
}

function histogram(values: readonly string[], offset: number): number[] {
  const counts = new Array<number>(11).fill(0);
  for (const v of values) counts[partialSum(v, offset)]!++;
  return counts;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function isRealDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Completed years on `today`: the birthday counts from its day (29 February from 1 March). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm * 100 + td < bm * 100 + bd ? 1 : 0);
}

const allDates = new Map<string, string[]>();
/** Every real date from 1850-01-01 to `today`, as YYYYMMDD. */
function datesUpTo(today: string): string[] {
  let dates = allDates.get(today);
  if (!dates) {
    dates = [];
    const end = Date.parse(`${today}T00:00:00Z`);
    for (let t = Date.parse(`${EARLIEST_BIRTH}T00:00:00Z`); t <= end; t += 86_400_000) dates.push(new Date(t).toISOString().slice(0, 10));
    allDates.set(today, dates);
  }
  return dates;
}

/** A constraint on a part: one exact value, a set of candidates, or nothing known. */
function agree<T>(values: readonly T[]): T | 'CONFLICT' | undefined {
  const distinct = [...new Set(values)];
  return distinct.length > 1 ? 'CONFLICT' : distinct[0];
}

/**
 * How many valid citizen ID numbers are consistent with the sighting on the business date
 * `today` (YYYY-MM-DD). Exact: regions × dates × sequences, kept by the check character through
 * histograms of the weighted sums mod 11.
 */
export function countCandidates(sighting: Sighting, today: string): number {
  // The number: clear, or its first four and last four characters.
  const prefixes: string[] = [];
  const tails: string[] = [];
  const clearRegions: string[] = [];
  const clearDates: string[] = [];
  for (const raw of sighting.numbers) {
    const number = raw.toUpperCase();
    const clear = /^(\d{6})(\d{8})(\d{3}[\dX])$/.exec(number);
    const masked = /^(\d{4})\*{10}(\d{3}[\dX])$/.exec(number);
    if (clear) {
      prefixes.push(clear[1]!.slice(0, 4));
      clearRegions.push(clear[1]!);
      clearDates.push(`${clear[2]!.slice(0, 4)}-${clear[2]!.slice(4, 6)}-${clear[2]!.slice(6)}`);
      tails.push(clear[3]!);
    } else if (masked) {
      prefixes.push(masked[1]!);
      tails.push(masked[2]!);
    }
  }
  for (const region of sighting.regionCodes) {
    const full = /^\d{6}$/.exec(region);
    const prefecture = /^(\d{4})\*\*$/.exec(region);
    if (full) {
      clearRegions.push(region);
      prefixes.push(region.slice(0, 4));
    } else if (prefecture) prefixes.push(prefecture[1]!);
  }
  const prefix = agree(prefixes);
  const exactRegion = agree(clearRegions);
  const tail = agree(tails);
  const gender = agree(sighting.genders);
  const exactDate = agree([...sighting.birthDates, ...clearDates]);
  if (prefix === 'CONFLICT' || exactRegion === 'CONFLICT' || tail === 'CONFLICT' || gender === 'CONFLICT' || exactDate === 'CONFLICT') return 0;

  const validRegion = (code: string) => PROVINCES.includes(code.slice(0, 2)) && code.slice(2) !== '0000';
  let regions: string[] | number;
  if (exactRegion !== undefined) regions = validRegion(exactRegion) ? [exactRegion] : [];
  else if (prefix !== undefined) regions = Array.from({ length: 100 }, (_, i) => `${prefix}${pad(i, 2)}`).filter(validRegion);
  // Nothing of the region known (then no check character either): only the size matters.
  else regions = PROVINCES.length * 9999;

  const bands = sighting.ageBands.flatMap((band) => {
    const m = /^(\d+)-(\d+)$/.exec(band);
    return m ? [[Number(m[1]), Number(m[2])] as const] : [];
  });
  const dateAllowed = (iso: string) => iso >= EARLIEST_BIRTH && iso <= today && bands.every(([low, high]) => ageOn(iso, today) >= low && ageOn(iso, today) <= high);
  const dates = (exactDate !== undefined ? (isRealDate(exactDate) ? [exactDate] : []) : datesUpTo(today)).filter(dateAllowed).map((d) => d.replaceAll('-', ''));

  const parity = (seq: string) => (Number(seq[2]) % 2 === 1 ? 'MALE' : 'FEMALE');
  const sequences = (tail !== undefined ? [tail.slice(0, 3)] : Array.from({ length: 1000 }, (_, i) => pad(i, 3))).filter(
    (seq) => gender === undefined || parity(seq) === gender,
  );

  if (tail === undefined) return (typeof regions === 'number' ? regions : regions.length) * dates.length * sequences.length;
  if (typeof regions === 'number') throw new Error('a check character without a region prefix');
  const target = CHECK_CHARACTERS.indexOf(tail[3]!);
  const [r, d, s] = [histogram(regions, 0), histogram(dates, 6), histogram(sequences, 14)];
  let count = 0;
  for (let a = 0; a < 11; a++) for (let b = 0; b < 11; b++) count += r[a]! * d[b]! * s[(((target - a - b) % 11) + 22) % 11]!;
  return count;
}

/** Every person in the answer with all the answer shows of them, merged by person id. */
export function sightingsOf(api: LeakApi, operation: { query: string }, data: unknown): Sighting[] {
  const document = parse(operation.query);
  const definition = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!definition) throw new Error('the operation has no operation definition');
  const fragments = fragmentsOf(document);
  const byPerson = new Map<string, Sighting>();
  const anonymous: Sighting[] = [];

  const walk = (value: unknown, type: GraphQLCompositeType, sets: readonly SelectionSetNode[]) => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, type, sets);
      return;
    }
    const object = value as Record<string, unknown>;
    // The API has no interfaces or unions today; one would need its objects' __typename here.
    if (!isObjectType(type)) throw new Error(`${type.name} is abstract: the sightings walk does not know its objects' types`);
    const concrete: GraphQLObjectType = type;
    const fields = collectFields(api, concrete, sets, fragments);
    const parts = PARTS[concrete.name];
    let sighting: Sighting | undefined;
    if (parts) {
      const idKey = [...fields].find(([, nodes]) => nodes[0]!.name.value === 'id')?.[0];
      const id = idKey === undefined ? undefined : object[idKey];
      if (typeof id === 'string') {
        sighting = byPerson.get(id);
        if (!sighting) byPerson.set(id, (sighting = { personId: id, numbers: [], regionCodes: [], birthDates: [], ageBands: [], genders: [] }));
      } else anonymous.push((sighting = { numbers: [], regionCodes: [], birthDates: [], ageBands: [], genders: [] }));
    }
    for (const [key, nodes] of fields) {
      const name = nodes[0]!.name.value;
      const field = concrete.getFields()[name];
      if (!field || !(key in object)) continue;
      const part = parts?.[name];
      if (part && sighting && typeof object[key] === 'string') sighting[part].push(object[key]);
      const named = getNamedType(field.type);
      if (isCompositeType(named)) walk(object[key], named, nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : [])));
    }
  };
  walk(data, api.schema.getQueryType()!, [definition.selectionSet]);
  return [...byPerson.values(), ...anonymous];
}

export interface CandidateFinding {
  sighting: Sighting;
  count: number;
}

/** Each person of the answer with its candidate count, fewest first. */
export function candidateCounts(api: LeakApi, operation: { query: string }, data: unknown, today: string): CandidateFinding[] {
  return sightingsOf(api, operation, data)
    .map((sighting) => ({ sighting, count: countCandidates(sighting, today) }))
    .sort((a, b) => a.count - b.count);
}

/**
 * The supergraph with Person.regionCode and Person.birthDate PERSONAL, as before issue 11: the
 * answers a gateway gives under it must fail this check (the tests show it).
 */
export function weakenedSupergraph(sdl: string = loadSupergraphSdl()): string {
  const weakened = sdl
    .replace(/(regionCode: String @join__field\(graph: IDENTITY\) )@privacy\(level: SENSITIVE, mask: REGION_PREFECTURE\)/, '$1@privacy(level: PERSONAL)')
    .replace(/(birthDate: Date @join__field\(graph: IDENTITY\) )@privacy\(level: SENSITIVE\)/, '$1@privacy(level: PERSONAL)');
  const personal = (text: string) => text.split('@privacy(level: PERSONAL)').length;
  if (personal(weakened) !== personal(sdl) + 2) throw new Error('the supergraph no longer declares Person.regionCode and birthDate as expected');
  return weakened;
}
