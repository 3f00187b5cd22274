import type { PrivacyLevel } from '@credit/schema';
import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { enforce, withoutWithheld, type EnforceOptions } from './enforce.js';
import { planOperation, type Classification, type Decision, type OperationPlan } from './plan.js';

// A small schema: a root lookup, a root list and a non-owned wrapper of owned entities.
const schema = buildSchema(`
  type Query {
    person(id: ID!): Person
    people(ids: [ID!]!): [Person]
    card(id: ID!): Card
    directory: Directory
  }
  type Mutation { register(name: String!): Person }
  type Person { id: ID! name: String friend: Person }
  type Card { id: ID! title: String }
  type Directory { head: Person entry: Person }
`);

const CLASSES: Record<string, Classification> = {
  'Query.person': { level: 'PERSONAL', mask: 'NONE' },
  'Query.people': { level: 'PERSONAL', mask: 'NONE' },
  'Query.card': { level: 'PUBLIC', mask: 'NONE' },
  'Query.directory': { level: 'PUBLIC', mask: 'NONE' },
  'Mutation.register': { level: 'PERSONAL', mask: 'NONE' },
  'Person.id': { level: 'PUBLIC', mask: 'NONE' },
  'Person.name': { level: 'PERSONAL', mask: 'NAME' },
  'Person.friend': { level: 'PERSONAL', mask: 'NONE' },
  'Card.id': { level: 'PUBLIC', mask: 'NONE' },
  'Card.title': { level: 'PUBLIC', mask: 'NONE' },
  // A PUBLIC link to a person and a PERSONAL one, both from an object nobody owns.
  'Directory.head': { level: 'PUBLIC', mask: 'NONE' },
  'Directory.entry': { level: 'PERSONAL', mask: 'NONE' },
};

const table = (levels: [Decision, Decision, Decision, Decision]) => (level: PrivacyLevel) =>
  levels[['PUBLIC', 'INTERNAL', 'PERSONAL', 'SENSITIVE'].indexOf(level)]!;
const OWN = table(['ALLOW', 'DENY', 'ALLOW', 'ALLOW']);
const OTHERS = table(['ALLOW', 'DENY', 'DENY', 'DENY']);

/** A citizen (row rule SELF, person p1): own data in full, everyone else's as the public. */
function citizenPlan(query: string): OperationPlan {
  return planOperation({
    schema,
    document: parse(query),
    classify: (c) => CLASSES[c],
    decide: (level, row) => (row === 'primary' ? OWN : OTHERS)(level),
    rowRules: true,
  });
}

const citizen: EnforceOptions = { rowCovers: (owner) => owner === 'p1' };

/** The answer a subgraph gives, with the owner keys the plan injects. */
const person = (id: string, rest: Record<string, unknown> = {}) => ({ id, _privacyOwner: id, ...rest });

describe('no existence oracle: a refused lookup answers the same whether or not the row exists', () => {
  it('gives a missing row the error of an existing row the row rule refuses', () => {
    const plan = citizenPlan(`query($id: ID!) { person(id: $id) { id name } }`);
    const existing = { person: person('p2', { name: '李四' }) };
    const missing = { person: null };
    const refused = enforce(existing, plan, citizen);
    const absent = enforce(missing, plan, citizen);
    expect(existing).toEqual({ person: null });
    expect(missing).toEqual({ person: null });
    expect(refused.errors).toEqual([
      { message: 'Not permitted to read Query.person', path: ['person'], extensions: { code: 'FORBIDDEN_FIELD', level: 'PERSONAL', reason: 'ROW' } },
    ]);
    expect(absent.errors).toEqual(refused.errors);
    // The query log sees the same decisions too.
    expect(absent.fields).toEqual(refused.fields);
  });

  it('keeps the caller\'s own row, and answers an aliased lookup at its alias', () => {
    const plan = citizenPlan(`{ me: person(id: "p1") { id name } ghost: person(id: "nobody") { id } }`);
    const data = { me: person('p1', { name: '张三' }), ghost: null };
    const result = enforce(data, plan, citizen);
    expect(data).toEqual({ me: { id: 'p1', name: '张三' }, ghost: null });
    expect(result.errors.map((e) => [e.path, e.extensions.reason])).toEqual([[['ghost'], 'ROW']]);
  });

  it('judges each item of a list on its own: a null item answers as a refused one', () => {
    const plan = citizenPlan(`{ people(ids: ["p2", "nobody", "p1"]) { id name } }`);
    const data = { people: [person('p2', { name: '李四' }), null, person('p1', { name: '张三' })] };
    const result = enforce(data, plan, citizen);
    expect(data).toEqual({ people: [null, null, { id: 'p1', name: '张三' }] });
    expect(result.errors.map((e) => e.path)).toEqual([
      ['people', 0],
      ['people', 1],
    ]);
    // A null list (no row to judge at all) is refused at the list's own path.
    const none = { people: null };
    expect(enforce(none, plan, citizen).errors.map((e) => e.path)).toEqual([['people']]);
  });

  it('leaves a null alone where others\' rows are readable anyway, and on non-owned types', () => {
    const plan = citizenPlan(`{ directory { head { id } } card(id: "c") { id } }`);
    const data = { directory: { head: null }, card: null };
    expect(enforce(data, plan, citizen).errors).toEqual([]);
    expect(data).toEqual({ directory: { head: null }, card: null });
  });

  it('refuses a null owned value below an object nobody owns as it refuses an existing one', () => {
    const plan = citizenPlan(`{ directory { entry { id name } } }`);
    const existing = { directory: { entry: person('p2', { name: '李四' }) } };
    const missing = { directory: { entry: null } };
    const refused = enforce(existing, plan, citizen).errors;
    expect(refused.map((e) => e.path)).toEqual([['directory', 'entry']]);
    expect(enforce(missing, plan, citizen).errors).toEqual(refused);
  });

  it('decides a nested field on the owner above it, whatever its value', () => {
    const plan = citizenPlan(`{ person(id: "p1") { friend { id } } }`);
    // The caller's own person: their links are theirs, a null one stays a bare null.
    const own = { person: person('p1', { friend: null }) };
    expect(enforce(own, plan, citizen).errors).toEqual([]);
    expect(own).toEqual({ person: { id: 'p1', friend: null } });
  });

  it('adds nothing to a mutation\'s null: its own error explains it', () => {
    const plan = citizenPlan(`mutation { register(name: "x") { id } }`);
    const data = { register: null };
    expect(enforce(data, plan, citizen).errors).toEqual([]);
  });

  it('leaves bare nulls to callers without row rules: their rows cover everyone', () => {
    const plan = planOperation({ schema, document: parse(`{ person(id: "nobody") { id } }`), classify: (c) => CLASSES[c], decide: OWN, rowRules: false });
    expect(enforce({ person: null }, plan, {}).errors).toEqual([]);
  });
});

describe('withoutWithheld', () => {
  const withheld = [
    { message: 'Not permitted to read Query.person', path: ['person'], extensions: { code: 'FORBIDDEN_FIELD' as const, level: 'PERSONAL' as const, reason: 'ROW' as const } },
    { message: 'Not permitted to read Query.people', path: ['people', 1], extensions: { code: 'FORBIDDEN_FIELD' as const, level: 'PERSONAL' as const, reason: 'ROW' as const } },
  ];

  it('drops the subgraphs\' errors below a withheld path and keeps the rest', () => {
    const upstream = [
      { message: 'Records with status EXPIRED are archived', path: ['person', 'creditRecords'], extensions: { code: 'FORBIDDEN_ARCHIVE' } },
      { message: 'after is not a cursor from this list', path: ['person', 'creditRecords', 'edges', 0] },
      { message: 'below the second item', path: ['people', 1, 'name'] },
      { message: 'below the first item', path: ['people', 0, 'name'] },
      { message: 'at the withheld path itself', path: ['person'] },
      { message: 'a sibling whose key starts alike', path: ['personByCitizenIdNumber', 'creditRecords'] },
      { message: 'no path' },
    ];
    expect(withoutWithheld(upstream, withheld).map((e) => e.message)).toEqual([
      'below the first item',
      'at the withheld path itself',
      'a sibling whose key starts alike',
      'no path',
    ]);
  });

  it('tells a list index from a response key that reads the same', () => {
    const key = [{ ...withheld[0]!, path: ['people', '1'] }];
    expect(withoutWithheld([{ message: 'x', path: ['people', 1, 'name'] }], key)).toHaveLength(1);
  });

  it('returns everything when nothing was withheld', () => {
    const upstream = [{ message: 'x', path: ['person', 'name'] }];
    expect(withoutWithheld(upstream, [])).toEqual(upstream);
  });
});
