import { describe, expect, it } from 'vitest';
import { toCatalog } from './catalog.js';
import { MEASURES } from './reference/measures.js';

describe('toCatalog', () => {
  it('orders incentives before punishments, each by code, whatever the row order', () => {
    const catalog = toCatalog([...MEASURES].reverse(), []);
    expect(catalog.map((m) => m.code)).toEqual([...MEASURES].sort((a, b) => (a.kind + a.code < b.kind + b.code ? -1 : 1)).map((m) => m.code));
    expect(catalog.every((m) => m.triggers.length === 0)).toBe(true);
  });

  it('attaches triggers to their measure and drops those naming no published measure', () => {
    const catalog = toCatalog(MEASURES, [
      { measureCode: 'FAST_TRACK', trigger: 'RED_LIST', category: null },
      { measureCode: 'UNPUBLISHED', trigger: 'RED_LIST', category: null },
    ]);
    expect(catalog.find((m) => m.code === 'FAST_TRACK')?.triggers).toEqual([{ trigger: 'RED_LIST', category: null }]);
    expect(catalog.some((m) => m.code === 'UNPUBLISHED')).toBe(false);
  });
});
