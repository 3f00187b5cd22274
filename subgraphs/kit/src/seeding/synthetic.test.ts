import { describe, expect, it } from 'vitest';
import { checkCitizenId } from '../contracts/citizen-id.js';
import { addMonths } from '../contracts/dates.js';
import { DEMO_DATASET, demoDataset, syntheticDataset, syntheticSlice } from './synthetic.js';

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

describe('the demo data set (recent decisions)', () => {
  it('has the same persons as the spread data set of its seed, and records of its own', () => {
    const spread = { persons: 50, seed: DEMO_DATASET.seed };
    for (let i = 0; i < 50; i++) {
      expect(syntheticSlice(DEMO_DATASET, i).person).toEqual(syntheticSlice(spread, i).person);
    }
    expect(syntheticSlice(demoDataset('2027-03-05'), 2)).toEqual(syntheticSlice(demoDataset('2027-03-05'), 2));
  });

  it.each(['2026-11-21', '2027-03-01', '2028-12-31'])('decides recent records in the 11 whole months before %s, the rest over 37 months before, and files nothing later', (today) => {
    const options = demoDataset(today);
    const slices = [...syntheticDataset({ ...options, persons: 1000 })];
    const records = slices.flatMap((s) => s.records);
    const windowStart = addMonths(`${today.slice(0, 7)}-01`, -11);
    const recent = records.filter((r) => r.decidedOn >= windowStart);
    for (const r of recent) expect(r.decidedOn < `${today.slice(0, 7)}-01`).toBe(true);
    for (const r of records.filter((r) => r.decidedOn < windowStart)) expect(r.decidedOn <= addMonths(today, -37)).toBe(true);
    expect(recent.length / records.length).toBeGreaterThan(0.85);
    // Every month of the window, every county: the trends dashboard has no empty cell.
    expect(new Set(recent.map((r) => `${r.regionCode} ${r.decidedOn.slice(0, 7)}`)).size).toBe(10 * 11);
    const filed = slices.flatMap((s) => [...s.objections, ...s.repairs].map((f) => f.filedOn));
    expect(filed.length).toBeGreaterThan(50);
    for (const f of filed) expect(f <= today).toBe(true);
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
