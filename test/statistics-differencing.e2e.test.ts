/**
 * Issue 15, point 5, through the real gateway as an analyst: for random groupings and filters, the
 * finest answer's withheld cells cannot be recovered by arithmetic from its released cells and the
 * released cells of every coarser answer to the same filter (the margins a trends chart shows). The
 * recovery is exact linear algebra over the rationals, written here without the records
 * subgraph's own code.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from './harness.js';

const DIMENSIONS = ['REGION', 'DOMAIN', 'SEVERITY', 'KIND', 'MONTH'] as const;
const FIELD: Record<(typeof DIMENSIONS)[number], string> = { REGION: 'region', DOMAIN: 'domain', SEVERITY: 'severity', KIND: 'kind', MONTH: 'month' };
/** fast-check prints the seed of a failing run; DIFFERENCING_TEST_SEED replays it. */
const RUNS = Number(process.env.DIFFERENCING_TEST_RUNS ?? 40);

interface Cell {
  key: Record<string, string | null>;
  count: number | null;
  suppressed: boolean;
}

let system: System;
let token: string;
beforeAll(async () => {
  system = await startSystem({ dataset: { persons: 300, seed: 20261121 } });
  token = await system.token({ role: 'ANALYST', sub: 'analyst-differencing' });
});
afterAll(() => system?.close());

async function cells(groupBy: readonly string[], filter: Record<string, unknown>): Promise<Cell[]> {
  const fields = groupBy.map((d) => FIELD[d as keyof typeof FIELD]).join(' ');
  const { body } = await system.query(
    `query($groupBy: [StatisticsDimension!]!, $filter: CreditStatisticsFilter) { creditStatistics(groupBy: $groupBy, filter: $filter) { ${fields} count suppressed } }`,
    { groupBy, filter },
    { token, purpose: 'STATISTICS' },
  );
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return (body.data!.creditStatistics as Record<string, unknown>[]).map((c) => ({
    key: Object.fromEntries(groupBy.map((d) => [FIELD[d as keyof typeof FIELD], (c[FIELD[d as keyof typeof FIELD]] as string | null) ?? null])),
    count: c.count as number | null,
    suppressed: c.suppressed as boolean,
  }));
}

/** Exact rationals as [numerator, denominator] with a positive denominator. */
type Q = [bigint, bigint];
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const norm = ([n, d]: Q): Q => {
  if (n === 0n) return [0n, 1n];
  const g = gcd(n, d) * (d < 0n ? -1n : 1n);
  return [n / g, d / g];
};
const sub = (a: Q, b: Q): Q => norm([a[0] * b[1] - b[0] * a[1], a[1] * b[1]]);
const mul = (a: Q, b: Q): Q => norm([a[0] * b[0], a[1] * b[1]]);
const div = (a: Q, b: Q): Q => norm([a[0] * b[1], a[1] * b[0]]);

/** Indices of unknowns whose value the equations (rows of 0/1 coefficients over the unknowns) fix. */
function solvable(rows: number[][], unknowns: number): number[] {
  const m: Q[][] = rows.map((r) => r.map((v) => [BigInt(v), 1n] as Q));
  let rank = 0;
  for (let col = 0; col < unknowns && rank < m.length; col++) {
    const pivot = m.findIndex((r, i) => i >= rank && r[col]![0] !== 0n);
    if (pivot < 0) continue;
    [m[rank], m[pivot]] = [m[pivot]!, m[rank]!];
    const lead = m[rank]!.map((v) => div(v, m[rank]![col]!));
    m[rank] = lead;
    m.forEach((r, i) => {
      if (i !== rank && r[col]![0] !== 0n) m[i] = r.map((v, c) => sub(v, mul(r[col]!, lead[c]!)));
    });
    rank++;
  }
  return m.slice(0, rank).flatMap((r) => {
    const nonZero = r.flatMap((v, c) => (v[0] !== 0n ? [c] : []));
    return nonZero.length === 1 ? nonZero : [];
  });
}

const subsets = <T,>(items: readonly T[]): T[][] => items.reduce<T[][]>((all, item) => [...all, ...all.map((s) => [...s, item])], [[]]);

const stats = { answers: 0, withheld: 0, secondary: 0 };

describe('statistics cannot be differenced', () => {
  it('no withheld cell follows from the released cells of the same filter at any coarser grouping', { timeout: 600_000 }, async () => {
    const groupings = subsets(DIMENSIONS).filter((s) => s.length >= 1 && s.length <= 3);
    const filters = [{}, { severity: 'GENERAL' }, { kind: 'NEGATIVE' }, { domain: 'TAXATION' }, { decidedFrom: '2025-06-01' }];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...groupings), fc.constantFrom(...filters), async (groupBy, filter) => {
        const finest = await cells(groupBy, filter);
        stats.answers++;
        const unknown = finest.flatMap((c, i) => (c.suppressed ? [i] : []));
        stats.withheld += unknown.length;
        if (unknown.length === 0) return;
        const rows: number[][] = [];
        for (const coarser of subsets(groupBy).filter((s) => s.length < groupBy.length)) {
          for (const margin of await cells(coarser, filter)) {
            if (margin.suppressed) continue;
            const members = unknown.map((i) => (Object.entries(margin.key).every(([f, v]) => finest[i]!.key[f] === v) ? 1 : 0));
            if (members.some((v) => v)) rows.push(members);
          }
        }
        const recovered = solvable(rows, unknown.length).map((j) => finest[unknown[j]!]!.key);
        expect(recovered, `${JSON.stringify(groupBy)} ${JSON.stringify(filter)}: recoverable withheld cells`).toEqual([]);
      }),
      { numRuns: RUNS, ...(process.env.DIFFERENCING_TEST_SEED ? { seed: Number(process.env.DIFFERENCING_TEST_SEED) } : {}) },
    );
    console.log(`differencing test: ${stats.answers} answers, ${stats.withheld} withheld cells, none recoverable`);
    expect(stats.withheld).toBeGreaterThan(0);
  });
});
