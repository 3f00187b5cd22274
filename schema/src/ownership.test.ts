import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { getNamedType, isObjectType, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SUPERGRAPH_FILE } from './compose.js';
import { idAt, OWNED_TYPE_NAMES, OWNERSHIP, ownershipOf } from './ownership.js';

const api: GraphQLSchema = Supergraph.build(readFileSync(SUPERGRAPH_FILE, 'utf8')).apiSchema().toGraphQLJSSchema();

/** The named type at the end of `path` from `typeName`, or why there is none. */
function follow(typeName: string, path: readonly string[]): string {
  let type = api.getType(typeName);
  for (const step of path) {
    if (!isObjectType(type)) return `${type?.name ?? typeName} is not an object type`;
    const field = type.getFields()[step];
    if (!field) return `${type.name} has no field ${step}`;
    type = getNamedType(field.type);
  }
  return type?.name ?? 'nothing';
}

describe('OWNERSHIP (the committed supergraph)', () => {
  it('names object types of the supergraph', () => {
    expect(OWNED_TYPE_NAMES.filter((name) => !isObjectType(api.getType(name)))).toEqual([]);
  });

  it('leads each type with a GraphQL path to an ID, through a Person where it is not the Person itself', () => {
    for (const name of OWNED_TYPE_NAMES) {
      const { path } = OWNERSHIP[name];
      if (path === null) continue;
      expect(follow(name, path), `${name}: ${path.join('.')}`).toBe('ID');
      expect(follow(name, path.slice(0, -1)), `${name}: ${path.join('.')}`).toBe('Person');
    }
  });

  it('gives no GraphQL path only to types without a single-valued Person field', () => {
    for (const name of OWNED_TYPE_NAMES) {
      if (OWNERSHIP[name].path !== null) continue;
      const type = api.getType(name);
      if (!isObjectType(type)) continue;
      const personFields = Object.values(type.getFields()).filter((f) => f.type.toString() === 'Person' || f.type.toString() === 'Person!');
      expect(personFields.map((f) => f.name), name).toEqual([]);
    }
  });

  it('reads owners from source objects', () => {
    expect(idAt({ id: 'p-1' }, ownershipOf('Person')!.source)).toBe('p-1');
    expect(idAt({ id: 'r-1', subjectId: 'p-1' }, ownershipOf('CreditRecord')!.source)).toBe('p-1');
    expect(idAt({ subject: { id: 'p-1' } }, ownershipOf('AccessLogEntry')!.source)).toBe('p-1');
    expect(idAt({ id: 'r-1' }, ownershipOf('CreditRecord')!.source)).toBeUndefined();
    expect(idAt(null, ['id'])).toBeUndefined();
    expect(ownershipOf('Measure')).toBeUndefined();
    expect(ownershipOf('toString')).toBeUndefined();
  });
});
