import { ROLES } from '@credit/schema';
import type { Classification } from '@credit/schema/classifications';
import { buildSchema, getIntrospectionQuery, graphqlSync, parse, type IntrospectionQuery } from 'graphql';
import { describe, expect, it } from 'vitest';
import { annotateSchemaWithPrivacy, checkIntrospection, isIntrospectionAllowed, isIntrospectionQuery } from './introspection.js';

describe('isIntrospectionAllowed', () => {
  it('is off for PUBLIC and CITIZEN only', () => {
    expect(ROLES.filter((role) => !isIntrospectionAllowed(role))).toEqual(['PUBLIC', 'CITIZEN']);
  });
});

describe('isIntrospectionQuery', () => {
  const is = (source: string) => isIntrospectionQuery(parse(source));

  it('finds __schema and __type at the root and nested', () => {
    expect(is(`{ __schema { queryType { name } } }`)).toBe(true);
    expect(is(`{ __type(name: "Person") { fields { name } } }`)).toBe(true);
    expect(is(`{ person(id: "1") { id } t: __type(name: "Person") { name } }`)).toBe(true);
    expect(is(getIntrospectionQuery())).toBe(true);
  });

  it('finds them inside named and inline fragments', () => {
    expect(is(`{ ...F } fragment F on Query { __schema { types { name } } }`)).toBe(true);
    expect(is(`{ ... on Query { ... { __type(name: "Person") { name } } } }`)).toBe(true);
    expect(is(`query { person(id: "1") { ...P } } fragment P on Person { id } fragment Q on Query { s: __schema { description } }`)).toBe(true);
  });

  it('lets __typename alone through, aliased or not', () => {
    expect(is(`{ __typename person(id: "1") { __typename kind: __typename } }`)).toBe(false);
    expect(is(`{ schema: person(id: "__schema") { id } }`)).toBe(false);
  });

  it('refuses PUBLIC and CITIZEN with INTROSPECTION_DISABLED, lets staff through', () => {
    const document = parse(`{ __schema { types { name } } }`);
    expect(checkIntrospection(document, 'PUBLIC')?.extensions.code).toBe('INTROSPECTION_DISABLED');
    expect(checkIntrospection(document, 'CITIZEN')?.extensions.code).toBe('INTROSPECTION_DISABLED');
    expect(checkIntrospection(document, 'ANALYST')).toBeUndefined();
    expect(checkIntrospection(parse(`{ __typename }`), 'PUBLIC')).toBeUndefined();
  });
});

describe('annotateSchemaWithPrivacy', () => {
  const api = buildSchema(`
    scalar Date
    type Query {
      "One person by opaque id."
      person(id: ID!): Person
    }
    interface Named { name: String }
    type Person implements Named {
      id: ID!
      """
      Legal name.
      Two lines.
      """
      name: String
      citizenIdNumber: String
      birthDate: Date @deprecated(reason: "use age")
    }
  `);
  const classifications = new Map<string, Classification>([
    ['Query.person', { level: 'PERSONAL', mask: 'NONE' }],
    ['Named.name', { level: 'PERSONAL', mask: 'NAME' }],
    ['Person.id', { level: 'PUBLIC', mask: 'NONE' }],
    ['Person.name', { level: 'PERSONAL', mask: 'NAME' }],
    ['Person.citizenIdNumber', { level: 'SENSITIVE', mask: 'CITIZEN_ID' }],
    ['Person.birthDate', { level: 'PERSONAL', mask: 'NONE' }],
  ]);
  const annotated = annotateSchemaWithPrivacy(api, classifications);

  function introspectedFields(schema = annotated) {
    const result = graphqlSync({ schema, source: getIntrospectionQuery() });
    expect(result.errors).toBeUndefined();
    const types = (result.data as unknown as IntrospectionQuery).__schema.types;
    const fields: Record<string, string | null | undefined> = {};
    for (const type of types) {
      if (type.kind !== 'OBJECT' && type.kind !== 'INTERFACE') continue;
      if (type.name.startsWith('__')) continue;
      for (const field of type.fields) fields[`${type.name}.${field.name}`] = field.description;
    }
    return fields;
  }

  it('starts each field description with its level and mask in introspection, keeping the text', () => {
    expect(introspectedFields()).toEqual({
      'Query.person': '[PRIVACY: PERSONAL, mask NONE]\nOne person by opaque id.',
      'Named.name': '[PRIVACY: PERSONAL, mask NAME]',
      'Person.id': '[PRIVACY: PUBLIC, mask NONE]',
      'Person.name': '[PRIVACY: PERSONAL, mask NAME]\nLegal name.\nTwo lines.',
      'Person.citizenIdNumber': '[PRIVACY: SENSITIVE, mask CITIZEN_ID]',
      'Person.birthDate': '[PRIVACY: PERSONAL, mask NONE]',
    });
  });

  it('keeps the rest of the schema and leaves the original untouched', () => {
    const before = introspectedFields(api);
    expect(before['Person.name']).toBe('Legal name.\nTwo lines.');
    expect(annotated.getQueryType()?.getFields().person?.type.toString()).toBe('Person');
    const person = graphqlSync({ schema: annotated, source: `{ __type(name: "Person") { interfaces { name } fields(includeDeprecated: true) { name isDeprecated } } }` });
    expect(person.data?.__type).toEqual({
      interfaces: [{ name: 'Named' }],
      fields: [
        { name: 'id', isDeprecated: false },
        { name: 'name', isDeprecated: false },
        { name: 'citizenIdNumber', isDeprecated: false },
        { name: 'birthDate', isDeprecated: true },
      ],
    });
  });

  it('leaves a field without a classification as it was', () => {
    const partial = annotateSchemaWithPrivacy(api, new Map([['Person.id', { level: 'PUBLIC', mask: 'NONE' }]]));
    expect(introspectedFields(partial)['Query.person']).toBe('One person by opaque id.');
  });
});
