import { ApolloGateway } from '@apollo/gateway';
import type { PrivacyLevel } from '@credit/schema';
import type { Classification } from '@credit/schema/classifications';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSupergraphSdl } from '../supergraph.js';
import { enforce } from './enforce.js';
import { PrivacyEngine, type CallerPolicy, type Prepared } from './engine.js';
import type { Decision } from './plan.js';

const CLASSES: Record<string, Classification> = {
  // INTERNAL here (PERSONAL in the real schema) so the analyst row below can reach a person's fields.
  'Query.person': { level: 'INTERNAL', mask: 'NONE' },
  'Query.personByCitizenIdNumber': { level: 'PERSONAL', mask: 'NONE' },
  'Query.creditStatistics': { level: 'INTERNAL', mask: 'NONE' },
  'Person.id': { level: 'PUBLIC', mask: 'NONE' },
  'Person.name': { level: 'PERSONAL', mask: 'NAME' },
  'Person.citizenIdNumber': { level: 'SENSITIVE', mask: 'CITIZEN_ID' },
  'Person.gender': { level: 'PERSONAL', mask: 'NONE' },
  'Person.creditRecords': { level: 'PERSONAL', mask: 'NONE' },
  'CreditRecordConnection.edges': { level: 'PUBLIC', mask: 'NONE' },
  'CreditRecordEdge.node': { level: 'PUBLIC', mask: 'NONE' },
  'CreditRecord.id': { level: 'PUBLIC', mask: 'NONE' },
  'CreditRecord.domain': { level: 'PERSONAL', mask: 'NONE' },
};

const table = (levels: [Decision, Decision, Decision, Decision]) => (level: PrivacyLevel) =>
  levels[['PUBLIC', 'INTERNAL', 'PERSONAL', 'SENSITIVE'].indexOf(level)]!;

const ANALYST: CallerPolicy = { key: 'ANALYST', decide: table(['ALLOW', 'ALLOW', 'MASK', 'DENY']), rowRules: false };
const CITIZEN: CallerPolicy = {
  key: 'CITIZEN',
  decide: (level, row) => (row === 'primary' ? table(['ALLOW', 'DENY', 'ALLOW', 'ALLOW']) : table(['ALLOW', 'DENY', 'DENY', 'DENY']))(level),
  rowRules: true,
};

let engine: PrivacyEngine;
beforeAll(async () => {
  const gateway = new ApolloGateway({ supergraphSdl: loadSupergraphSdl() });
  const { schema } = await gateway.load();
  engine = new PrivacyEngine(schema as GraphQLSchema, (c) => CLASSES[c]);
  await gateway.stop();
});

function prepare(query: string, row: CallerPolicy): Prepared {
  const prepared = engine.prepare(query, null, row);
  if (Array.isArray(prepared)) throw new Error(JSON.stringify(prepared));
  return prepared as Prepared;
}

describe('privacy engine', () => {
  it('removes statically denied fields before planning, in fragments too, and masks the rest', () => {
    const prepared = prepare(
      `query { a: person(id: "p1") { ...F gender } } fragment F on Person { n: name citizenIdNumber }`,
      ANALYST,
    );
    expect(prepared.query).not.toContain('citizenIdNumber');
    // MASK without a mask style cannot be carried out: the field is denied and never fetched.
    expect(prepared.query).not.toContain('gender');
    expect(prepared.query).toContain('n: name');
    const data = { a: { n: '欧阳娜娜' } };
    const result = enforce(data, prepared.plan, {});
    expect(data).toEqual({ a: { n: '欧阳**', citizenIdNumber: null, gender: null } });
    expect(result.errors.map((e) => [e.path, e.extensions.reason])).toEqual([
      [['a', 'citizenIdNumber'], 'POLICY'],
      [['a', 'gender'], 'POLICY'],
    ]);
    expect(result.fields.SENSITIVE?.DENY).toEqual(new Set(['Person.citizenIdNumber']));
    expect(result.fields.PERSONAL?.MASK).toEqual(new Set(['Person.name']));
    expect(result.fields.PERSONAL?.DENY).toEqual(new Set(['Person.gender']));
  });

  it('denies MASK on an object field: its existence, links and list lengths cannot be masked', () => {
    const prepared = prepare(`{ person(id: "p1") { creditRecords { edges { node { id } } } } }`, ANALYST);
    expect(prepared.query).not.toContain('creditRecords');
    const data = { person: {} };
    const result = enforce(data, prepared.plan, {});
    expect(data).toEqual({ person: { creditRecords: null } });
    expect(result.errors[0]).toMatchObject({ path: ['person', 'creditRecords'], extensions: { code: 'FORBIDDEN_FIELD' } });
  });

  it('keeps the query valid when every selected field is removed', () => {
    const prepared = prepare(`query($id: ID!) { person(id: $id) { citizenIdNumber } creditStatistics(groupBy: [DOMAIN]) { count } }`, {
      ...ANALYST,
      key: 'NOBODY',
      decide: () => 'DENY',
    });
    expect(prepared.query).not.toContain('$id');
    expect(prepared.query).toContain('__typename');
  });

  it('injects owners for row rules and judges each entity on its own owner', () => {
    const prepared = prepare(`{ person: personByCitizenIdNumber(citizenIdNumber: "n") { id name creditRecords { edges { node { id domain } } } } }`, CITIZEN);
    expect(prepared.query).toContain('_privacyOwner: id');
    expect(prepared.query).toContain('_privacyOwner: subject');
    const own = {
      person: {
        id: 'p1', _privacyOwner: 'p1', name: '张三',
        creditRecords: { edges: [{ node: { id: 'r1', domain: 'TAXATION', _privacyOwner: { id: 'p1' } } }] },
      },
    };
    const mine = enforce(own, prepared.plan, { rowCovers: (owner) => owner === 'p1' });
    expect(mine.errors).toEqual([]);
    expect(own).toEqual({ person: { id: 'p1', name: '张三', creditRecords: { edges: [{ node: { id: 'r1', domain: 'TAXATION' } }] } } });

    const other = { person: { id: 'p2', _privacyOwner: 'p2', name: '李四', creditRecords: null } };
    const theirs = enforce(other, prepared.plan, { rowCovers: (owner) => owner === 'p1' });
    expect(other).toEqual({ person: null });
    expect(theirs.errors).toMatchObject([{ path: ['person'], extensions: { code: 'FORBIDDEN_FIELD', reason: 'ROW' } }]);
  });

  it('refuses a client that uses the reserved response keys', () => {
    const result = engine.prepare(`{ person(id: "p") { _privacyOwner: name } }`, null, ANALYST);
    expect(Array.isArray(result) && (result as GraphQLError[])[0]?.extensions.code).toBe('BAD_REQUEST');
  });

  it('reports invalid operations with their codes', () => {
    const invalid = engine.prepare(`{ person(id: "p") { nope } }`, null, ANALYST) as GraphQLError[];
    expect(invalid[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const unparsable = engine.prepare(`{ person(`, null, ANALYST) as GraphQLError[];
    expect(unparsable[0]?.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });
});
