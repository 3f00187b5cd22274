import { apiSchemaOfSupergraph } from '@credit/schema/classifications';
import { buildSchema, GraphQLScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { undeclaredScalars, withScalarRules } from './checked-schema.js';
import { loadSupergraphSdl } from './supergraph.js';

const api = apiSchemaOfSupergraph(loadSupergraphSdl());

describe('the gateway’s checking schema', () => {
  it('parses the supergraph’s Date and DateTime with the declared rules, and leaves the API schema as it was', () => {
    const checked = withScalarRules(api);
    const date = checked.getType('Date') as GraphQLScalarType;
    expect(date.parseValue('2026-02-28')).toBe('2026-02-28');
    expect(() => date.parseValue('2026-13-45')).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_DATE' } }));
    expect(() => (checked.getType('DateTime') as GraphQLScalarType).parseValue('2026-12-01T25:00:00Z')).toThrow();
    expect((api.getType('Date') as GraphQLScalarType).parseValue('2026-13-45')).toBe('2026-13-45');
  });

  it('knows a rule for every custom scalar of the committed supergraph, and names a scalar without one', () => {
    expect(undeclaredScalars(api)).toEqual([]);
    expect(undeclaredScalars(buildSchema('scalar Money scalar Date type Query { price: Money, on: Date }'))).toEqual(['Money']);
  });
});
