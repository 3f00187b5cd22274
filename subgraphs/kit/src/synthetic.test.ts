import { describe, expect, it } from 'vitest';
import { checkCitizenId } from './citizen-id.js';
import { syntheticDataset, syntheticSlice } from './synthetic.js';

describe('synthetic data set', () => {
  it('is deterministic per (seed, index)', () => {
    expect(syntheticSlice({ persons: 10, seed: 7 }, 3)).toEqual(syntheticSlice({ persons: 10, seed: 7 }, 3));
    expect(syntheticSlice({ persons: 10, seed: 7 }, 3)).not.toEqual(syntheticSlice({ persons: 10, seed: 8 }, 3));
  });

  it('makes valid, unique citizen ID numbers and records across all three regimes', () => {
    const slices = [...syntheticDataset({ persons: 3000, seed: 1 })];
    const ids = slices.map((s) => s.person.citizenIdNumber);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(checkCitizenId(id, '2026-11-21').valid).toBe(true);
    const decided = slices.flatMap((s) => s.records.map((r) => r.decidedOn));
    expect(decided.some((d) => d < '2019-07-01')).toBe(true);
    expect(decided.some((d) => d >= '2023-05-01' && d < '2026-04-01')).toBe(true);
    expect(decided.some((d) => d >= '2026-04-01')).toBe(true);
    const severities = new Set(slices.flatMap((s) => s.records.map((r) => r.severity)));
    expect(severities).toEqual(new Set([null, 'MINOR', 'GENERAL', 'SERIOUS']));
    expect(slices.some((s) => s.objections.length > 0)).toBe(true);
    expect(slices.some((s) => s.repairs.length > 0)).toBe(true);
  });
});

describe('synthetic ids at scale', () => {
  it('never repeats an id in 100,000 persons', () => {
    const ids = new Set<string>();
    let count = 0;
    for (const slice of syntheticDataset({ persons: 100_000, seed: 1 })) {
      for (const id of [slice.person.id, ...slice.records.map((r) => r.id), ...slice.objections.map((o) => o.id), ...slice.repairs.map((r) => r.id)]) {
        ids.add(id);
        count++;
      }
    }
    expect(ids.size).toBe(count);
  });
});
