import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from './harness.js';
import { auditor, UNIFIED_VIEW_PAGE } from './queries.js';

let system: System;
beforeAll(async () => {
  system = await startSystem({ dataset: { persons: 120, seed: 99, recordsPerPerson: 4 } });
});
afterAll(() => system?.close());

async function statementsFor(first: number): Promise<number> {
  // A page of all persons is an audit listing: AUDITOR × AUDIT (schema/src/entry-points.ts).
  const as = await auditor(system);
  const before = system.statements();
  const result = await system.graphql(UNIFIED_VIEW_PAGE, { first }, as);
  expect(result.errors).toBeUndefined();
  expect(result.data!.persons.edges).toHaveLength(first);
  return system.statements() - before;
}

describe('no N+1 across the federated unified view', () => {
  it('sends the same number of SQL statements for 10 and for 50 persons', async () => {
    await statementsFor(5); // warm-up: lazily loaded reference data is not part of the figure
    const ten = await statementsFor(10);
    const fifty = await statementsFor(50);
    console.log(`SQL statements per unified-view request: 10 persons = ${ten}, 50 persons = ${fifty}`);
    expect(fifty).toBe(ten);
    expect(ten).toBeLessThanOrEqual(12);
  });
});
