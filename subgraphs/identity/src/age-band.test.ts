import { describe, expect, it } from 'vitest';
import { ageBand } from './age-band.js';

describe('ageBand', () => {
  it.each([
    ['1960-05-13', '2026-12-02', '60-69'],
    ['1986-12-03', '2026-12-02', '30-39'],
    ['1986-12-02', '2026-12-02', '40-49'],
    ['2020-02-29', '2026-12-02', '0-9'],
    ['2016-12-02', '2026-12-02', '10-19'],
  ])('born %s, on %s: %s', (birthDate, today, band) => {
    expect(ageBand(birthDate, today)).toBe(band);
  });
});
