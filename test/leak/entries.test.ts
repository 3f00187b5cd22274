import { describe, expect, it } from 'vitest';
import { leakApi } from './api.js';
import { expectedEntryVerdict, reaches, refusalProblems, rootCallsOf, rootWeights } from './entries.js';
import { ROOT_FIELDS } from './operations.js';

const api = leakApi();

describe('the entry-point oracle', () => {
  it('reads root calls through aliases, fragments and variables, once per fragment, in document order', () => {
    const query = `query ($p: ID!) { a: person(id: $p) { id } ...F ... on Query { measures { code } ...F } }
      fragment F on Query { b: person(id: "p-2") { id } __typename }`;
    expect(rootCallsOf(api.schema, query, { p: 'p-1' })).toEqual([
      { key: 'a', name: 'person', args: { id: 'p-1' } },
      { key: 'b', name: 'person', args: { id: 'p-2' } },
      { key: 'measures', name: 'measures', args: {} },
    ]);
  });

  it('refuses two subjects to a single-subject purpose, and a listing, but not one subject twice', () => {
    const two = rootCallsOf(api.schema, '{ a: person(id: "p-1") { id } b: person(id: "p-2") { id } }');
    expect(expectedEntryVerdict('ADMINISTRATIVE_LICENSING', two)).toEqual({ allowed: false, reason: 'BULK', field: 'b' });
    expect(expectedEntryVerdict('AUDIT', two)).toEqual({ allowed: true });
    const one = rootCallsOf(api.schema, '{ person(id: "p-1") { id } measureCheck(personId: "p-1", measure: "FAST_TRACK") { applies } }');
    expect(expectedEntryVerdict('ADMINISTRATIVE_LICENSING', one)).toEqual({ allowed: true });
    expect(expectedEntryVerdict('ADMINISTRATIVE_LICENSING', rootCallsOf(api.schema, '{ persons { edges { node { id } } } }'))).toMatchObject({ reason: 'BULK' });
    expect(expectedEntryVerdict('STATISTICS', one)).toMatchObject({ reason: 'ENTRY_POINT' });
  });

  it('accepts exactly the refusal the table gives, and nothing else', () => {
    const calls = rootCallsOf(api.schema, '{ p: persons { edges { node { id } } } }');
    const verdict = expectedEntryVerdict('ADMINISTRATIVE_LICENSING', calls);
    if (verdict.allowed) throw new Error('expected a refusal');
    const refusal = (reason: string, path: string[] = ['persons']) => ({ data: null, errors: [{ message: 'no', path, extensions: { code: 'FORBIDDEN_PURPOSE', reason } }] });
    expect(verdict.field).toBe('p');
    expect(refusalProblems(200, refusal('BULK', ['p']), verdict, calls)).toEqual([]);
    expect(refusalProblems(200, refusal('BULK'), verdict, calls)).toHaveLength(1);
    expect(refusalProblems(200, refusal('ENTRY_POINT', ['p']), verdict, calls)).toHaveLength(1);
    expect(refusalProblems(200, refusal('BULK', ['measures']), verdict, calls)).toHaveLength(1);
    expect(refusalProblems(500, refusal('BULK', ['p']), verdict, calls)).toHaveLength(1);
    expect(refusalProblems(200, { ...refusal('BULK', ['p']), data: { p: null } }, verdict, calls)).toHaveLength(1);
    expect(refusalProblems(200, { data: { p: { edges: [] } } }, verdict, calls)).toHaveLength(2);
    const twice = refusal('BULK', ['p']);
    expect(refusalProblems(200, { data: null, errors: [...twice.errors, { message: 'x', path: ['p'], extensions: { code: 'FORBIDDEN_FIELD', reason: 'BULK' } }] }, verdict, calls)).toHaveLength(1);
  });

  it('weighs the fields a purpose does not reach to the share asked for', () => {
    for (const purpose of ['STATISTICS', 'ADMINISTRATIVE_LICENSING', 'PUBLIC_DISCLOSURE', 'AUDIT'] as const) {
      const weight = rootWeights(purpose, ROOT_FIELDS, 0.05);
      const total = ROOT_FIELDS.reduce((sum, f) => sum + weight(f), 0);
      const refused = ROOT_FIELDS.filter((f) => !reaches(purpose, f)).reduce((sum, f) => sum + weight(f), 0);
      expect(refused / total).toBeGreaterThan(0.04);
      expect(refused / total).toBeLessThan(0.06);
    }
    // Reached fields share one weight, and so do the refused ones.
    const licensing = rootWeights('ADMINISTRATIVE_LICENSING', ROOT_FIELDS, 0.05);
    expect(new Set(ROOT_FIELDS.filter((f) => reaches('ADMINISTRATIVE_LICENSING', f)).map(licensing)).size).toBe(1);
  });
});
