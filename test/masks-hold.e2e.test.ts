/**
 * Masks that hold against the other fields (issue 11), through real gateways: every caller who
 * gets the citizen ID number masked (rows derived from POLICY) looks persons up with the number
 * and all its parts; the candidate count of leak/candidates.ts must stay at 1,000 or more. The same
 * lookups through a gateway serving a supergraph where regionCode and birthDate are PERSONAL (as
 * before issue 11) leave one number each: the check the leak test runs on every answer fails there.
 */
import { decisionFor, POLICY, ROW_RULES } from '@credit/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from './harness.js';
import { leakApi } from './leak/api.js';
import { candidateCounts, MIN_CANDIDATES, weakenedSupergraph } from './leak/candidates.js';
import { worldFromDataset } from './leak/world.js';

const DATASET = { persons: 30, seed: 14 };
const api = leakApi();
const LEVEL = api.classifications.get('Person.citizenIdNumber')?.level ?? 'SENSITIVE';
/** Rows reading every person by the table (no row rule) that get the number masked. */
const MASKED_ROWS = POLICY.filter((row) => !ROW_RULES[row.role] && decisionFor(row.role, row.purpose, LEVEL) === 'MASK');
const QUERY = 'query Parts($id: ID!) { person(id: $id) { id citizenIdNumber regionCode birthDate ageBand gender } }';

let system: System;
let weakUrl: string;
const persons = worldFromDataset(DATASET).slices.slice(0, 5).map((s) => s.person.id);

async function counts(url: string, row: (typeof POLICY)[number]): Promise<number[]> {
  const token = await system.token({ role: row.role as never, sub: `masks-${row.role}-${row.purpose}`.toLowerCase(), department: 'masks-test' });
  const found: number[] = [];
  for (const id of persons) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': row.purpose },
      body: JSON.stringify({ query: QUERY, variables: { id } }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
    expect(body.data, JSON.stringify(body)).toBeTruthy();
    const [finding, ...rest] = candidateCounts(api, { query: QUERY }, body.data, system.clock.today());
    expect(rest).toEqual([]);
    expect(finding!.sighting.numbers).toHaveLength(1);
    found.push(finding!.count);
  }
  return found;
}

beforeAll(async () => {
  system = await startSystem({ dataset: DATASET });
  weakUrl = (await system.startGateway({ supergraphSdl: weakenedSupergraph() })).url;
});

afterAll(async () => {
  await system?.close();
});

describe('the citizen ID number masked against its parts', () => {
  it('has rows to check', () => {
    expect(MASKED_ROWS.length).toBeGreaterThan(0);
  });

  for (const row of MASKED_ROWS) {
    it(`${row.role} × ${row.purpose}: at least ${MIN_CANDIDATES} candidates under the committed supergraph, one under a weakened one`, async () => {
      const held = await counts(system.gateway.url, row);
      console.log(`masks hold: ${row.role} × ${row.purpose}: candidates per person ${held.join(', ')}`);
      expect(Math.min(...held)).toBeGreaterThanOrEqual(MIN_CANDIDATES);
      const weak = await counts(weakUrl, row);
      console.log(`masks hold: ${row.role} × ${row.purpose} under regionCode and birthDate PERSONAL: ${weak.join(', ')}`);
      expect(Math.max(...weak)).toBeLessThan(MIN_CANDIDATES);
    });
  }
});
