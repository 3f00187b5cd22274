import { describe, expect, it } from 'vitest';
import { cellsToWithhold, determinedCells, type CountedCell, type Margin } from './suppression.js';

/** A 2 × 2 table (rows a/b, columns x/y) with both margins and the total published. */
const cells: CountedCell[] = [
  { id: 'a;x', key: ['a', 'x'], count: 1 },
  { id: 'a;y', key: ['a', 'y'], count: 10 },
  { id: 'b;x', key: ['b', 'x'], count: 12 },
  { id: 'b;y', key: ['b', 'y'], count: 11 },
];
const margin = (fixed: [number, string][]): Margin => ({ fixed: new Map(fixed), published: true });
const margins = [margin([[0, 'a']]), margin([[0, 'b']]), margin([[1, 'x']]), margin([[1, 'y']]), margin([])];

describe('complementary suppression', () => {
  it('finds the one small cell of a line from its margin', () => {
    expect(determinedCells(cells, margins, new Set([0]))).toEqual([0]);
  });

  it('withholds a whole 2 × 2 table around one small cell when every margin is published', () => {
    expect([...cellsToWithhold(cells, margins, new Set([0]))].sort()).toEqual([0, 1, 2, 3]);
    expect(determinedCells(cells, margins, new Set([0, 1, 2, 3]))).toEqual([]);
  });

  it('withholds nothing more when the margins that would give it back are not published', () => {
    const unpublished = margins.map((m) => ({ ...m, published: false }));
    expect([...cellsToWithhold(cells, unpublished, new Set([0]))]).toEqual([0]);
  });

  it('picks the smallest released cell of the line, whatever order the cells come in', () => {
    const rowOnly = [margin([[0, 'a']])];
    const three: CountedCell[] = [
      { id: 'a;x', key: ['a', 'x'], count: 2 },
      { id: 'a;y', key: ['a', 'y'], count: 9 },
      { id: 'a;z', key: ['a', 'z'], count: 7 },
    ];
    expect([...cellsToWithhold(three, rowOnly, new Set([0]))].sort()).toEqual([0, 2]);
    const reversed = [...three].reverse();
    expect([...cellsToWithhold(reversed, rowOnly, new Set([2]))].map((i) => reversed[i]!.id).sort()).toEqual(['a;x', 'a;z']);
  });

  it('never takes as the complement a cell its own published line gives away', () => {
    // Column z occurs in row a only, so the published total of z is the cell a;z itself.
    const three: CountedCell[] = [
      { id: 'a;x', key: ['a', 'x'], count: 1 },
      { id: 'a;y', key: ['a', 'y'], count: 9 },
      { id: 'a;z', key: ['a', 'z'], count: 7 },
    ];
    const lines = [margin([[0, 'a']]), margin([[1, 'z']])];
    const withheld = cellsToWithhold(three, lines, new Set([0]));
    expect([...withheld].sort()).toEqual([0, 1]);
    expect(determinedCells(three, lines, withheld)).toEqual([]);
  });
});
