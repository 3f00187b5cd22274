/**
 * The demo data set `npm start` seeds makes the trends dashboard meaningful (issue 12, point 3):
 * counts of ACTIVE records by region and month, domain and severity, asked through the gateway as
 * an analyst for statistics, are mostly not suppressed (a cell of fewer than 5 persons is).
 */
import { DEMO_DATASET } from '@credit/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_NOW, startSystem, type System } from './harness.js';

let system: System;
let analyst: string;
beforeAll(async () => {
  // The demo set is made for its `until` date; `npm start` moves that date to the day it starts.
  expect(DEMO_DATASET.recent?.until).toBe(DEFAULT_NOW.slice(0, 10));
  system = await startSystem({ dataset: DEMO_DATASET });
  analyst = await system.token({ role: 'ANALYST' });
});
afterAll(() => system?.close());

async function cells(groupBy: string[], filter: Record<string, unknown> = {}) {
  const { status, body } = await system.query<{ creditStatistics: { suppressed: boolean; persons: number | null }[] }>(
    `query($groupBy: [StatisticsDimension!]!, $filter: CreditStatisticsFilter) {
      creditStatistics(groupBy: $groupBy, filter: $filter) { region domain severity month count persons suppressed } }`,
    { groupBy, filter },
    { token: analyst, purpose: 'STATISTICS' },
  );
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  const all = body.data!.creditStatistics;
  const open = all.filter((c) => !c.suppressed);
  for (const cell of open) expect(cell.persons).toBeGreaterThanOrEqual(5);
  console.info(`${groupBy.join(" × ")}: ${open.length} of ${all.length} cells unsuppressed`);
  return { total: all.length, open: open.length, share: open.length / all.length };
}

describe('demo data on the trends dashboard', () => {
  it('leaves most REGION × MONTH cells of the active records unsuppressed', async () => {
    const regionMonth = await cells(['REGION', 'MONTH']);
    // 10 counties × 11 months of recent decisions; the old 200-person demo had 0 of 117.
    expect(regionMonth.total).toBeGreaterThanOrEqual(100);
    expect(regionMonth.share).toBeGreaterThan(0.8);
  });

  it('leaves every SEVERITY cell and nearly every DOMAIN cell unsuppressed', async () => {
    const severity = await cells(['SEVERITY']);
    expect(severity.share).toBe(1);
    const domain = await cells(['DOMAIN']);
    expect(domain.total).toBeGreaterThanOrEqual(15);
    expect(domain.share).toBeGreaterThan(0.9);
  });

  it('answers the shipped statistics document (REGION × DOMAIN for one year) with most cells unsuppressed', async () => {
    const year = DEFAULT_NOW.slice(0, 4);
    const regionDomain = await cells(['REGION', 'DOMAIN'], { decidedFrom: `${year}-01-01`, decidedTo: `${year}-12-31` });
    expect(regionDomain.share).toBeGreaterThan(0.5);
  });
});
