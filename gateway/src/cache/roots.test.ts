import { describe, expect, it } from 'vitest';
import { CACHED_ROOT_LOOKUPS, parseRootLookup } from './roots.js';

const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

describe('root lookups the cache answers', () => {
  it('are the registry’s LOOKUPs but the grant check', () => {
    expect(CACHED_ROOT_LOOKUPS.has('person')).toBe(true);
    expect(CACHED_ROOT_LOOKUPS.has('creditRecord')).toBe(true);
    expect(CACHED_ROOT_LOOKUPS.has('authorizationGrant')).toBe(false);
    expect(CACHED_ROOT_LOOKUPS.has('persons')).toBe(false);
  });

  it('takes a query of one lookup field, and nothing else', () => {
    expect(parseRootLookup(body('query L__identity__0($id:ID!){person(id:$id){__typename id name}}', { id: 'a' }))).toEqual({
      query: 'query L__identity__0($id:ID!){person(id:$id){__typename id name}}',
      variables: { id: 'a' },
    });
    expect(parseRootLookup(body('query P{persons(first:20){edges{node{id}}}}'))).toBeUndefined();
    expect(parseRootLookup(body('query G($id:ID!){authorizationGrant(id:$id){id status}}', { id: 'g' }))).toBeUndefined();
    expect(parseRootLookup(body('query T($id:ID!){person(id:$id){id} persons(first:1){edges{cursor}}}', { id: 'a' }))).toBeUndefined();
    expect(parseRootLookup(body('mutation M{registerPerson(input:{}){id}}'))).toBeUndefined();
  });
});
