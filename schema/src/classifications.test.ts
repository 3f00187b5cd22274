import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { isInterfaceType, isObjectType, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { classificationsFromSupergraph } from './classifications.js';
import { SUPERGRAPH_FILE } from './compose.js';
import { classify } from './lint.js';
import { SUBGRAPH_NAMES } from './departments.js';
import { subgraphSchemaFile, subgraphSdl } from './subgraphs.js';

const supergraphSdl = readFileSync(SUPERGRAPH_FILE, 'utf8');
const classifications = classificationsFromSupergraph(supergraphSdl);

describe('classificationsFromSupergraph (the committed supergraph)', () => {
  it('reads field-level classifications with their masks', () => {
    expect(classifications.get('Person.citizenIdNumber')).toEqual({
      level: 'SENSITIVE',
      mask: 'CITIZEN_ID',
      derivedFrom: ['regionCode', 'birthDate', 'gender', 'ageBand'],
    });
    expect(classifications.get('Person.regionCode')).toEqual({ level: 'SENSITIVE', mask: 'REGION_PREFECTURE' });
    expect(classifications.get('Person.name')).toEqual({ level: 'PERSONAL', mask: 'NAME' });
    expect(classifications.get('Person.id')).toEqual({ level: 'PUBLIC', mask: 'NONE' });
    expect(classifications.get('Query.personByCitizenIdNumber')).toEqual({ level: 'PERSONAL', mask: 'NONE' });
  });

  it('falls back to the type-level classification', () => {
    expect(classifications.get('CreditRecordConnection.edges')).toEqual({ level: 'PUBLIC', mask: 'NONE' });
    expect(classifications.get('CreditStatisticsCell.count')).toEqual({ level: 'INTERNAL', mask: 'NONE' });
    expect(classifications.get('CreditStatisticsCell.suppressed')).toEqual({ level: 'INTERNAL', mask: 'NONE' });
  });

  it('classifies every field of every object and interface type of the API schema', () => {
    const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
    const unclassified: string[] = [];
    let fields = 0;
    for (const type of Object.values(api.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
      for (const name of Object.keys(type.getFields())) {
        fields++;
        if (!classifications.has(`${type.name}.${name}`)) unclassified.push(`${type.name}.${name}`);
      }
    }
    expect(unclassified).toEqual([]);
    expect(fields).toBeGreaterThan(100);
  });

  it('agrees with each subgraph’s own classification (the type-level fallback survived composition)', () => {
    const disagreements: string[] = [];
    for (const name of SUBGRAPH_NAMES) {
      for (const [coordinate, own] of classify(parse(subgraphSdl(subgraphSchemaFile(name)))).classified) {
        // Federation's own types (_Service, _Entity) never reach the supergraph.
        if (coordinate.startsWith('_')) continue;
        const composed = classifications.get(coordinate);
        if (composed?.level !== own.level || composed.mask !== own.mask) {
          disagreements.push(`${name}: ${coordinate} ${own.level}/${own.mask} vs ${composed?.level}/${composed?.mask}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('refuses a supergraph with an unclassified field', () => {
    expect(() => classificationsFromSupergraph(`type Query { a: Int @privacy(level: PUBLIC) b: Int }`)).toThrow(/Query\.b has no @privacy/);
  });
});
