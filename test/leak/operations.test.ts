import { checkQueryLimits } from '@credit/gateway/limits/query-limits';
import fc from 'fast-check';
import {
  getNamedType,
  Kind,
  parse,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { leakApi } from './api.js';
import { expectedEntryVerdict, reaches, rootCallsOf } from './entries.js';
import { MAX_DEPTH, operationArbitrary, ROOT_FIELDS, type IdPool } from './operations.js';
import { isOwnedType } from './world.js';

const api = leakApi();
const pool: IdPool = {
  persons: ['p-1', 'p-2'],
  citizenIds: ['11010519491231002X'],
  records: ['r-1'],
  objections: ['o-1'],
  repairs: ['x-1'],
  grants: ['g-1'],
  measures: ['FAST_TRACK'],
};
const operations = operationArbitrary(api.schema, pool);

/** Field depth as the gateway's limit counts it: fragments add no level. */
function depthOf(document: DocumentNode): number {
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const depth = (set: SelectionSetNode): number =>
    Math.max(
      0,
      ...set.selections.map((s) =>
        s.kind === Kind.FIELD
          ? 1 + (s.selectionSet ? depth(s.selectionSet) : 0)
          : depth(s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : fragments.get(s.name.value)!.selectionSet),
      ),
    );
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)!;
  return depth(operation.selectionSet);
}

describe('generated operations', () => {
  it('are valid and within the gateway limits', () => {
    fc.assert(
      fc.property(operations, ({ query, variables }) => {
        const document = parse(query);
        expect(validate(api.schema, document).map((e) => e.message)).toEqual([]);
        expect(checkQueryLimits(document, api.schema, query, variables).map((e) => e.message)).toEqual([]);
        expect(depthOf(document)).toBeLessThanOrEqual(MAX_DEPTH);
      }),
      { numRuns: 500 },
    );
  });

  it("select every entity's id where the entity is selected", () => {
    fc.assert(
      fc.property(operations, ({ query }) => {
        const typeInfo = new TypeInfo(api.schema);
        visit(
          parse(query),
          visitWithTypeInfo(typeInfo, {
            Field(node) {
              const type = getNamedType(typeInfo.getType());
              if (!node.selectionSet || !type || !isOwnedType(type.name)) return;
              expect(node.selectionSet.selections.some((s) => s.kind === Kind.FIELD && s.name.value === 'id' && !s.alias)).toBe(true);
            },
          }),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('cover aliases, fragments, variables, every root field and the full depth', () => {
    const samples = fc.sample(operations, { numRuns: 400, seed: 1 });
    const seen = new Set<string>();
    for (const { query, variables } of samples) {
      const document = parse(query);
      if (Object.keys(variables).length) seen.add('variables');
      if (depthOf(document) === MAX_DEPTH) seen.add('depth');
      const spreads = new Map<string, number>();
      visit(document, {
        Field: (node) => void ((ROOT_FIELDS as readonly string[]).includes(node.name.value) && seen.add(node.name.value)),
        InlineFragment: (node) => void seen.add(node.typeCondition ? 'inline fragment' : 'untyped inline fragment'),
        FragmentSpread: (node) => void spreads.set(node.name.value, (spreads.get(node.name.value) ?? 0) + 1),
        SelectionSet(node) {
          const aliased = node.selections.filter((s) => s.kind === Kind.FIELD && s.alias).map((s) => (s.kind === Kind.FIELD ? s.name.value : ''));
          if (new Set(aliased).size < aliased.length) seen.add('one field under two aliases');
        },
      });
      if (spreads.size) seen.add('named fragment');
      if ([...spreads.values()].some((n) => n > 1)) seen.add('named fragment spread twice');
    }
    expect([...seen].sort()).toEqual(
      [
        ...ROOT_FIELDS,
        'depth',
        'inline fragment',
        'named fragment',
        'named fragment spread twice',
        'one field under two aliases',
        'untyped inline fragment',
        'variables',
      ].sort(),
    );
  });

  it('leave out root fields of weight 0, and name one subject when asked to', () => {
    const purpose = 'ADMINISTRATIVE_LICENSING';
    const morePersons = { ...pool, persons: ['p-1', 'p-2', 'p-3'], records: ['r-1', 'r-2'] };
    const oneSubject = operationArbitrary(api.schema, morePersons, { rootWeight: (f) => (reaches(purpose, f) ? 1 : 0), oneSubject: 1 });
    const mixed = operationArbitrary(api.schema, morePersons, { rootWeight: (f) => (reaches(purpose, f) ? 1 : 0) });
    const verdicts = (arbitrary: typeof operations) =>
      fc.sample(arbitrary, { numRuns: 300, seed: 2 }).map(({ query, variables }) => expectedEntryVerdict(purpose, rootCallsOf(api.schema, query, variables)));
    expect(verdicts(oneSubject).filter((v) => !v.allowed)).toEqual([]);
    // Without it, some operations look up two subjects: the option is what keeps them runnable.
    expect(verdicts(mixed).filter((v) => !v.allowed).length).toBeGreaterThan(10);
  });
});
