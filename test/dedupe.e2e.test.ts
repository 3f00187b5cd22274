import { DEMO_DATASET, selectRows } from '@credit/kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from './harness.js';
import { auditor, UNIFIED_VIEW_PAGE } from './queries.js';

let system: System;
beforeAll(async () => {
  system = await startSystem({ dataset: DEMO_DATASET });
});
afterAll(() => system?.close());

async function lastEntries(n: number) {
  return selectRows<{ personIds: string[]; outcome: string }>(
    system.gateway.auditDatabase.db,
    sql`select person_ids as "personIds", outcome from gateway.audit_log order by seq desc limit ${n}`,
  );
}

describe('identical subgraph queries in flight, shared', () => {
  it('asks the subgraphs less for five identical unified views at once, and gives and logs each in full', async () => {
    const variables = { first: 10 };
    // A page of all persons is an audit listing (AUDITOR × AUDIT), as the unified-view dashboard document is.
    const as = await auditor(system);
    let before = system.statements();
    const alone = await system.graphql(UNIFIED_VIEW_PAGE, variables, as);
    const statementsAlone = system.statements() - before;
    expect(alone.errors).toBeUndefined();
    const [entryAlone] = await lastEntries(1);

    before = system.statements();
    const together = await Promise.all(Array.from({ length: 5 }, () => system.graphql(UNIFIED_VIEW_PAGE, variables, as)));
    const statementsTogether = system.statements() - before;

    for (const answer of together) expect(answer).toEqual(alone);
    expect(statementsTogether).toBeGreaterThanOrEqual(statementsAlone);
    expect(statementsTogether).toBeLessThan(5 * statementsAlone);
    // Every request is still its own read of personal data in the query log, with every person it served.
    const entries = await lastEntries(5);
    expect(entries).toHaveLength(5);
    for (const entry of entries) expect(entry).toEqual(entryAlone);
    expect(entryAlone!.personIds).toHaveLength(10);
  });
});
