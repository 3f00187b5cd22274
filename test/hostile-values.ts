/**
 * fast-check arbitraries for hostile input, driven by the schema: for any argument type, a value
 * that is mostly plausible with hostile leaves (unicode edge cases, huge strings, impossible dates,
 * injected SQL and GraphQL, wrong JSON types, deep nesting), and a printer for the same value as
 * a GraphQL literal.
 */
import fc from 'fast-check';
import {
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLInputType,
  type GraphQLNamedType,
} from 'graphql';

/** Text a database, a PDF or a log could choke on, and text that must pass (RTL, combining, emoji, full-width). */
export const EDGE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDBFFy',
  '\uDFFF',
  '\u0007\u001B[31m',
  '\u202Eتجربة\u200F',
  '\u200B\u200D\uFEFF',
  'e\u0301\u0302\u0303',
  '👨‍👩‍👧‍👦🧾',
  '１２３４５６７８９０',
  '２０２６-０５-１０',
  '\u2028\u2029',
  "'; DROP TABLE records.credit_records; --",
  "' OR '1'='1",
  '$1::text',
  '\\',
  '") { __typename } mutation X { registerPerson(input: {name: "x"}) { id } } #',
  '{ __schema { types { name fields { name } } } }',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '%00%27',
  '${7*7}{{7*7}}',
] as const;

/** Dates that are no dates, or are at the edge of the calendar. */
export const EDGE_DATES = [
  '2026-13-45',
  '2026-02-30',
  '2025-02-29',
  '-1',
  '0000-00-00',
  '0001-01-01',
  '1900-02-29',
  '9999-12-31',
  '99999-01-01',
  '2026-5-1',
  '2026-05-10T00:00:00Z',
  '２０２６-０５-１０',
  '2026-05-10\u0000',
  '',
] as const;

export const EDGE_DATE_TIMES = [
  '2026-13-45T00:00:00Z',
  '2026-12-01T25:00:00+08:00',
  '2026-12-01T10:00:00',
  '2026-12-01',
  '+275760-09-13T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999999999+14:00',
  '2027-01-01T00:00:00+08:00',
  'now',
] as const;

/** Any JSON value, of any type. */
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 1e308, -0),
  fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.integer(), fc.string()), { maxKeys: 3 }),
);

/** Any UTF-16 code units, lone surrogates and controls included. */
const codeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((units) => String.fromCharCode(...units));

const huge = fc.constantFrom(10_001, 100_000, 1_000_000).map((n) => '字'.repeat(n));

/** A value nested `depth` lists or objects deep. */
const deep = fc.tuple(fc.integer({ min: 50, max: 800 }), fc.boolean()).map(([depth, lists]) => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = lists ? [value] : { input: value };
  return value;
});

const hostileString = fc.oneof(fc.constantFrom(...EDGE_STRINGS), codeUnits, fc.string({ unit: 'binary', maxLength: 40 }), huge);

export interface Plausible {
  /** Ids of rows that exist (persons, records, objections, repairs, grants). */
  ids: readonly string[];
  /** Text that fits most fields (authority names, summaries, region codes). */
  texts: readonly string[];
}

function leaf(named: GraphQLNamedType, plausible: Plausible): { ok: fc.Arbitrary<unknown>; bad: fc.Arbitrary<unknown> } {
  if (isEnumType(named)) {
    const values = named.getValues().map((v) => v.name);
    return { ok: fc.constantFrom(...values), bad: fc.oneof(fc.constantFrom('NOT_A_VALUE', values[0]!.toLowerCase(), `${values[0]}\u0000`), hostileString) };
  }
  switch (named.name) {
    case 'ID':
      return { ok: fc.constantFrom(...plausible.ids), bad: fc.oneof(hostileString, fc.uuid(), fc.integer()) };
    case 'String':
      return { ok: fc.constantFrom(...plausible.texts), bad: hostileString };
    case 'Date':
      return { ok: fc.constantFrom('2026-05-10', '2026-11-21', '2027-06-30'), bad: fc.oneof(fc.constantFrom(...EDGE_DATES), hostileString, fc.integer()) };
    case 'DateTime':
      return { ok: fc.constantFrom('2027-01-01T00:00:00+08:00', '2026-06-01T08:00:00Z'), bad: fc.oneof(fc.constantFrom(...EDGE_DATE_TIMES), hostileString) };
    case 'Int':
    case 'Float':
      return { ok: fc.integer({ min: 0, max: 100 }), bad: fc.oneof(fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 1.5, 1e308), fc.string({ maxLength: 4 })) };
    case 'Boolean':
      return { ok: fc.boolean(), bad: fc.constantFrom('true', 0, 1, 'yes') };
    default:
      return { ok: fc.string({ maxLength: 10 }), bad: hostileString };
  }
}

/**
 * A value for `type`: plausible, with hostile leaves (one leaf in `odds + 1`), and now and then a
 * value of the wrong type or nested deep in place of a whole input.
 */
export function valueFor(type: GraphQLInputType, plausible: Plausible, odds = 3, depth = 0): fc.Arbitrary<unknown> {
  const inner = getNullableType(type) as GraphQLInputType;
  const hostile = fc.oneof({ weight: 3, arbitrary: wrongType }, { weight: 1, arbitrary: deep });
  let shaped: fc.Arbitrary<unknown>;
  if (isListType(inner)) {
    const item = valueFor(inner.ofType, plausible, odds, depth + 1);
    shaped = fc.oneof({ weight: 5, arbitrary: fc.array(item, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.constantFrom('x', '\u0000', 1).map((one) => Array.from({ length: 5000 }, () => one)) });
  } else if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields());
    const record = Object.fromEntries(fields.map((f) => [f.name, valueFor(f.type, plausible, odds, depth + 1)]));
    const required = fields.filter((f) => isNonNullType(f.type)).map((f) => f.name);
    shaped = fc.oneof(
      { weight: 6, arbitrary: fc.record(record, { requiredKeys: required }) },
      { weight: 1, arbitrary: fc.record(record, { requiredKeys: [] }) },
      { weight: 1, arbitrary: fc.record(record, { requiredKeys: required }).map((v) => ({ ...v, notAField: "'; --" })) },
    );
  } else {
    const { ok, bad } = leaf(inner as GraphQLNamedType, plausible);
    shaped = fc.oneof({ weight: odds, arbitrary: ok }, { weight: 1, arbitrary: bad });
  }
  return depth > 3 ? shaped : fc.oneof({ weight: 4 * odds, arbitrary: shaped }, { weight: 1, arbitrary: hostile });
}

/** `value` as a GraphQL literal of `type`, where it can be written as one (enum names bare, the rest as JSON would). */
export function literal(value: unknown, type: GraphQLInputType): string {
  const inner = getNullableType(type) as GraphQLInputType;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, isListType(inner) ? inner.ofType : inner)).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = isInputObjectType(inner) ? inner.getFields() : {};
    return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${literal(v, fields[k]?.type ?? inner)}`).join(', ')} }`;
  }
  if (isEnumType(inner) && typeof value === 'string' && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value)) return value;
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value);
}
