import { buildASTSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { inputProblems, MAX_ERRORS, TEXT_LIMITS, textRefusal } from './input-check.js';
import { SCALARS } from './scalars.js';

const schema = buildASTSchema(
  parse(`
    scalar Date
    directive @note(text: String) on FIELD
    input Inner { summary: String!, tags: [String!] }
    input Outer { id: ID!, inner: Inner, decidedOn: Date }
    type Query { item(id: ID!): Item, list(ids: [ID!]): [Item] }
    type Item { id: ID!, child(text: String): Item }
    type Mutation { save(input: Outer!): Item }
  `),
);
Object.assign(schema.getType('Date')!, { parseValue: SCALARS.Date!.parseValue, parseLiteral: SCALARS.Date!.parseLiteral });

const problems = (query: string, variables: Record<string, unknown> = {}, operationName: string | null = null) =>
  inputProblems(schema, parse(query), operationName, variables).map((e) => e.extensions);

const SAVE = 'mutation($input: Outer!) { save(input: $input) { id } }';

describe('text', () => {
  it.each([
    ['NUL', 'a\u0000b', 'INVALID_TEXT'],
    ['a C0 control', 'bell\u0007', 'INVALID_TEXT'],
    ['a lone high surrogate', 'x\uD800', 'INVALID_TEXT'],
    ['a lone low surrogate', '\uDC00y', 'INVALID_TEXT'],
    ['reversed surrogates', '\uDC00\uD800', 'INVALID_TEXT'],
    ['tab, new line and carriage return', 'a\tb\nc\r\n', undefined],
    ['an emoji (a surrogate pair) and a family (ZWJ)', '🧾👨‍👩‍👧', undefined],
    ['RTL and direction marks', '\u202Eتجربة\u200F', undefined],
    ['combining characters', 'e\u0301\u0302', undefined],
    ['full-width digits', '１２３', undefined],
    ['the longest String', 'x'.repeat(TEXT_LIMITS.String), undefined],
    ['one character more', 'x'.repeat(TEXT_LIMITS.String + 1), 'TOO_LONG'],
  ])('%s', (_name, value, reason) => {
    expect(textRefusal(value, 'String')).toBe(reason);
  });

  it('an ID has its own, shorter limit', () => {
    expect(textRefusal('i'.repeat(TEXT_LIMITS.ID), 'ID')).toBeUndefined();
    expect(textRefusal('i'.repeat(TEXT_LIMITS.ID + 1), 'ID')).toBe('TOO_LONG');
  });
});

describe('inputProblems', () => {
  it('finds text in a variable, nested in inputs and lists, and names the field', () => {
    expect(problems(SAVE, { input: { id: '1', inner: { summary: 'ok', tags: ['fine', 'bad\u0000'] } } })).toEqual([
      { code: 'BAD_USER_INPUT', reason: 'INVALID_TEXT', field: 'tags' },
    ]);
    expect(problems(SAVE, { input: { id: 'x'.repeat(201) } })).toEqual([{ code: 'BAD_USER_INPUT', reason: 'TOO_LONG', field: 'id', limit: 200 }]);
  });

  it('finds text in literals, in fragments, below the root and in directive arguments', () => {
    expect(problems('{ item(id: "1") { ...F } } fragment F on Item { child(text: "\\u0000") { id } }')).toMatchObject([{ reason: 'INVALID_TEXT', field: 'text' }]);
    expect(problems('{ item(id: "1") { id @note(text: "\\u0007") } }')).toMatchObject([{ reason: 'INVALID_TEXT', field: 'text' }]);
    expect(problems('{ list(ids: ["1", "2\\u0000"]) { id } }')).toMatchObject([{ reason: 'INVALID_TEXT', field: 'ids' }]);
  });

  it('refuses a variable its scalar refuses with the scalar’s reason', () => {
    expect(problems(SAVE, { input: { id: '1', decidedOn: '2026-13-45' } })).toMatchObject([{ code: 'BAD_USER_INPUT', reason: 'INVALID_DATE' }]);
    expect(problems(SAVE, { input: { id: 1, decidedOn: '2026-02-28' } })).toEqual([]);
  });

  it('stops after MAX_ERRORS variable errors', () => {
    const query = 'query($ids: [ID!]) { list(ids: $ids) { id } }';
    const found = problems(query, { ids: Array.from({ length: 500 }, () => ({})) });
    expect(found.length).toBeLessThanOrEqual(MAX_ERRORS + 1);
    expect(found.every((e) => e.code === 'BAD_USER_INPUT')).toBe(true);
  });

  it('judges only the operation that runs', () => {
    const document = 'query A { item(id: "1") { id } } query B { item(id: "\\u0000") { id } }';
    expect(problems(document, {}, 'A')).toEqual([]);
    expect(problems(document, {}, 'B')).toHaveLength(1);
    expect(problems(document, {}, 'C')).toEqual([]);
  });
});
