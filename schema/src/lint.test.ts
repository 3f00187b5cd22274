import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { lintPrivacy } from './lint.js';

const doc = (sdl: string) => parse(sdl);

describe('privacy lint', () => {
  it('accepts fields classified on the field or through their type', () => {
    const problems = lintPrivacy([
      {
        name: 'a',
        document: doc(`
          type Query { person: Person @privacy(level: PERSONAL) }
          type Person { id: ID! @privacy(level: PUBLIC) name: String @privacy(level: PERSONAL, mask: NAME) }
          type PageInfo @privacy(level: PUBLIC) { hasNextPage: Boolean! }
        `),
      },
    ]);
    expect(problems).toEqual([]);
  });

  it('names each unclassified field', () => {
    const problems = lintPrivacy([{ name: 'a', document: doc(`type Person { id: ID! @privacy(level: PUBLIC) name: String }`) }]);
    expect(problems).toEqual(['a: Person.name has no @privacy classification (on the field or its type)']);
  });

  it('refuses a non-null field that a denial would have to null', () => {
    const problems = lintPrivacy([{ name: 'a', document: doc(`type Person @privacy(level: PERSONAL) { name: String! }`) }]);
    expect(problems).toEqual(['a: Person.name is PERSONAL but non-null: a denied value must be able to become null']);
  });

  it('refuses a shared field classified differently in two subgraphs', () => {
    const problems = lintPrivacy([
      { name: 'a', document: doc(`type Person { id: ID! @privacy(level: PUBLIC) }`) },
      { name: 'b', document: doc(`type Person { id: ID @privacy(level: INTERNAL) }`) },
    ]);
    expect(problems).toEqual(['b: Person.id is INTERNAL/NONE here but PUBLIC/NONE in a']);
  });

  it('checks extensions and interfaces too', () => {
    const problems = lintPrivacy([
      { name: 'a', document: doc(`extend type Query { x: Int } interface Node { id: ID! }`) },
    ]);
    expect(problems).toHaveLength(2);
  });
});
