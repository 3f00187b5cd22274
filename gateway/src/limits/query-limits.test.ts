import { buildSchema, getIntrospectionQuery, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkQueryLimits, checkTokens, createQueryLimitsCheck, DEFAULT_QUERY_LIMITS, queryLimitsFromEnv, type QueryLimits } from './query-limits.js';

// The shapes that matter to the limits: entities, connections paged by `first`, plain lists.
const schema = buildSchema(`
  type Query {
    person(id: ID!): Person
    persons(first: Int, after: String): PersonConnection
    measures: [Measure!]
  }
  type Person {
    id: ID!
    name: String
    friend: Person
    records(first: Int): RecordConnection
    objections: [Objection!]
  }
  type PersonConnection { edges: [PersonEdge!]! pageInfo: PageInfo! }
  type PersonEdge { cursor: String! node: Person }
  type RecordConnection { edges: [RecordEdge!]! }
  type RecordEdge { node: Record }
  type Record { id: ID! summary: String }
  type Objection { id: ID! }
  type Measure { code: String }
  type PageInfo { hasNextPage: Boolean! }
`);

function check(source: string, variables: Record<string, unknown> | null = null, limits: QueryLimits = DEFAULT_QUERY_LIMITS) {
  return checkQueryLimits(parse(source), schema, source, variables, limits);
}
const codes = (source: string, variables: Record<string, unknown> | null = null) =>
  check(source, variables).map((e) => e.extensions.code);
const costOf = (source: string, variables: Record<string, unknown> | null = null) =>
  check(source, variables, { ...DEFAULT_QUERY_LIMITS, maxCost: 0 })[0]?.extensions.cost;

/** `depth` nested field levels: person, then friend levels, then id. */
function nested(depth: number): string {
  return `person(id: "1") { ${'friend { '.repeat(depth - 2)}id${' }'.repeat(depth - 1)}`;
}

describe('depth (graphql-armor max-depth)', () => {
  it('accepts depth 10 and refuses 11 with QUERY_TOO_DEEP', () => {
    expect(codes(`{ ${nested(10)} }`)).toEqual([]);
    const errors = check(`{ ${nested(11)} }`);
    expect(errors.map((e) => e.extensions)).toEqual([{ code: 'QUERY_TOO_DEEP', maxDepth: 10 }]);
    expect(errors[0]!.message).toBe('Query depth limit of 10 exceeded, found 11.');
  });

  it('counts levels inside fragments, but not the fragments themselves', () => {
    const inFragments = (depth: number) =>
      `{ person(id: "1") { ... on Person { ...F } } } fragment F on Person { ${'friend { '.repeat(depth - 2)}id${' }'.repeat(depth - 2)} }`;
    expect(codes(inFragments(10))).toEqual([]);
    expect(codes(inFragments(11))).toEqual(['QUERY_TOO_DEEP']);
  });
});

describe('aliases (graphql-armor max-aliases)', () => {
  const aliased = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: person(id: "${i}") { id }`).join(' ');

  it('accepts 15 aliases and refuses 16 with TOO_MANY_ALIASES', () => {
    expect(codes(`{ ${aliased(15)} }`)).toEqual([]);
    expect(check(`{ ${aliased(16)} }`).map((e) => e.extensions)).toEqual([{ code: 'TOO_MANY_ALIASES', maxAliases: 15 }]);
  });

  it('counts aliases in fragments, each time the fragment is spread', () => {
    const fragment = `fragment F on Query { ${aliased(8)} }`;
    expect(codes(`{ ...F } ${fragment}`)).toEqual([]);
    expect(codes(`{ ...F ... on Query { ...F } } ${fragment}`)).toEqual(['TOO_MANY_ALIASES']);
  });

  it('does not count __typename aliases', () => {
    expect(codes(`{ ${aliased(15)} t: __typename }`)).toEqual([]);
  });
});

describe('tokens', () => {
  // `{`, n times `__typename`, `}`
  const tokens = (n: number) => `{ ${'__typename '.repeat(n - 2)}}`;

  it('accepts 2000 tokens and refuses 2001 with QUERY_TOO_LARGE, alone', () => {
    expect(codes(tokens(2000))).toEqual([]);
    expect(check(tokens(2001)).map((e) => e.extensions)).toEqual([{ code: 'QUERY_TOO_LARGE', maxTokens: 2000 }]);
  });

  it('does not count comments, and leaves syntax errors to the parser', () => {
    expect(checkTokens(`# ${'x '.repeat(5000)}\n{ __typename }`)).toBeUndefined();
    expect(checkTokens(`{ ${'a '.repeat(10)} "unterminated`, { ...DEFAULT_QUERY_LIMITS, maxTokens: 20 })).toBeUndefined();
    expect(checkTokens(`{ ${'a '.repeat(30)}`, { ...DEFAULT_QUERY_LIMITS, maxTokens: 20 })?.extensions.code).toBe('QUERY_TOO_LARGE');
  });
});

describe('cost', () => {
  // persons = 40 × (1 + pageInfo 2 + edges (1 + node (1 + records 30 × (1 + edges (1 + node 2))))) = 40 × 125
  const COSTLY = `query($r: Int) { persons(first: 40) { pageInfo { hasNextPage } edges { node { records(first: $r) { edges { node { id } } } } } } }`;

  it('accepts a cost of 5000 and refuses 5001 with QUERY_TOO_COSTLY', () => {
    expect(costOf(COSTLY, { r: 30 })).toBe(5000);
    expect(codes(COSTLY, { r: 30 })).toEqual([]);
    const over = COSTLY.replace('{ persons', '{ __typename persons');
    expect(check(over, { r: 30 }).map((e) => e.extensions)).toEqual([{ code: 'QUERY_TOO_COSTLY', maxCost: 5000, cost: 5001 }]);
  });

  it('weighs a paged field by first: literal, variable, variable default, else 20', () => {
    const records = (args: string) => `{ person(id: "1") { records${args} { edges { node { id } } } } }`;
    expect(costOf(records('(first: 5)'))).toBe(1 + 5 * 4);
    expect(costOf(`query($n: Int) ${records('(first: $n)')}`, { n: 7 })).toBe(1 + 7 * 4);
    expect(costOf(`query($n: Int = 9) ${records('(first: $n)')}`)).toBe(1 + 9 * 4);
    expect(costOf(records(''))).toBe(1 + 20 * 4);
  });

  it('weighs lists by 20, except a list directly inside a page', () => {
    expect(costOf(`{ measures { code } }`)).toBe(20 * 2);
    // persons 20 × (1 + edges (1 + node (1 + objections 20 × 2)))
    expect(costOf(`{ persons { edges { node { objections { id } } } } }`)).toBe(20 * (1 + 1 + 1 + 40));
  });

  it('costs fragments and inline fragments where they are spread', () => {
    const inline = `{ persons(first: 10) { ... on PersonConnection { edges { node { ...P } } } } } fragment P on Person { id objections { id } }`;
    expect(costOf(inline)).toBe(10 * (1 + 1 + (1 + 1 + 40)));
  });

  it('stays linear on a fragment bomb', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1 ? `fragment F${i} on Query { measures { code } }` : `fragment F${i} on Query { ...F${i + 1} ... on Query { ...F${i + 1} } }`,
    ).join(' ');
    const started = performance.now();
    expect(codes(`{ ...F0 } ${fragments}`)).toEqual(['QUERY_TOO_COSTLY']);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('ignores introspection, which is gated by role', () => {
    expect(codes(getIntrospectionQuery())).toEqual([]);
  });
});

describe('page size', () => {
  const page = `query($n: Int) { persons(first: $n) { edges { cursor } } }`;

  it('accepts first 100 and refuses 101, literal or variable, with PAGE_TOO_LARGE', () => {
    expect(codes(`{ persons(first: 100) { edges { cursor } } }`)).toEqual([]);
    expect(check(`{ persons(first: 101) { edges { cursor } } }`).map((e) => e.extensions)).toEqual([
      { code: 'PAGE_TOO_LARGE', maxPageSize: 100 },
    ]);
    expect(codes(page, { n: 100 })).toEqual([]);
    expect(codes(page, { n: 101 })).toEqual(['PAGE_TOO_LARGE']);
  });

  it('checks a variable’s default when the request does not provide it, and the provided value over it', () => {
    const defaulted = `query($n: Int = 500) { persons(first: $n) { edges { cursor } } }`;
    expect(codes(defaulted)).toEqual(['PAGE_TOO_LARGE']);
    expect(codes(defaulted, { n: 50 })).toEqual([]);
  });

  it('finds first inside fragments, nested fields and aliases, naming the field', () => {
    const source = `query($n: Int) { person(id: "1") { ...R } } fragment R on Person { mine: records(first: $n) { edges { node { id } } } }`;
    const errors = check(source, { n: 1000 });
    expect(errors.map((e) => [e.extensions.code, e.message])).toEqual([['PAGE_TOO_LARGE', 'mine: first is at most 100, got 1000']]);
    expect(errors[0]!.locations).toEqual([{ line: 1, column: source.indexOf('mine:') + 1 }]);
  });
});

describe('configuration', () => {
  it('reads each limit from the environment, defaulting to DESIGN §5', () => {
    expect(queryLimitsFromEnv({})).toEqual({ maxDepth: 10, maxAliases: 15, maxTokens: 2000, maxCost: 5000, maxPageSize: 100 });
    expect(queryLimitsFromEnv({ QUERY_MAX_DEPTH: '6', QUERY_MAX_COST: '900' })).toMatchObject({ maxDepth: 6, maxCost: 900, maxAliases: 15 });
    expect(() => queryLimitsFromEnv({ QUERY_MAX_ALIASES: 'many' })).toThrow('QUERY_MAX_ALIASES must be a positive integer');
    expect(() => queryLimitsFromEnv({ QUERY_MAX_TOKENS: '0' })).toThrow(/QUERY_MAX_TOKENS/);
  });

  it('applies configured limits', () => {
    const limits = queryLimitsFromEnv({ QUERY_MAX_DEPTH: '3' });
    expect(check(`{ ${nested(3)} }`, null, limits)).toEqual([]);
    expect(check(`{ ${nested(4)} }`, null, limits).map((e) => e.extensions.code)).toEqual(['QUERY_TOO_DEEP']);
  });
});

describe('createQueryLimitsCheck (remembered verdicts)', () => {
  const source = `query Q($n: Int, $m: Int = 200, $id: ID!) {
    person(id: $id) { records(first: $m) { edges { node { id } } } }
    persons(first: $n) { edges { node { id name records(first: $n) { edges { node { summary } } } } } }
  }`;
  const document = parse(source);
  const variables = fc.record(
    { n: fc.oneof(fc.integer({ min: -1, max: 300 }), fc.constant(null)), m: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constant(null)), id: fc.uuid() },
    { requiredKeys: ['id'] },
  );

  it('answers every request as the plain check does, whatever order the variables come in', () => {
    const remembered = createQueryLimitsCheck();
    const limits = { ...DEFAULT_QUERY_LIMITS, maxCost: 3000 };
    fc.assert(
      fc.property(fc.array(variables, { minLength: 1, maxLength: 30 }), (requests) => {
        for (const v of requests) {
          const plain = checkQueryLimits(document, schema, source, v, limits).map((e) => [e.message, e.extensions]);
          expect(remembered(document, schema, source, v, limits).map((e) => [e.message, e.extensions])).toEqual(plain);
        }
      }),
    );
  });

  it('checks a document once per page-size values, not per other variable', () => {
    const remembered = createQueryLimitsCheck();
    const first = remembered(document, schema, source, { n: 101, id: 'a' });
    expect(first.map((e) => e.extensions.code)).toContain('PAGE_TOO_LARGE');
    expect(remembered(document, schema, source, { n: 101, id: 'b' })).toBe(first);
    expect(remembered(document, schema, source, { n: 10, id: 'a' })).not.toBe(first);
    expect(remembered(document, schema, source, { n: 101, id: 'a' }, { ...DEFAULT_QUERY_LIMITS })).not.toBe(first);
  });
});
