import { DEMO_DATASET, syntheticSlice } from '@credit/kit';
import type { RunningGateway } from '@credit/gateway/server';
import { loadTrustedDocuments } from '@credit/gateway/trusted-documents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from './harness.js';

let system: System;
let gateway: RunningGateway;
let statementsDuringStart = Number.NaN;
let plansBuilt = 0;

beforeAll(async () => {
  system = await startSystem({ dataset: DEMO_DATASET });
  const before = system.statements();
  gateway = await system.startGateway({});
  statementsDuringStart = system.statements() - before;
  const { queryPlanner } = gateway.gateway.__testing();
  const build = queryPlanner!.buildQueryPlan.bind(queryPlanner);
  queryPlanner!.buildQueryPlan = (...args: Parameters<typeof build>) => {
    plansBuilt++;
    return build(...args);
  };
});
// The system closes the gateways it started.
afterAll(() => system?.close());

const documents = [...loadTrustedDocuments().values()];
const documentNamed = (name: string) => documents.find((d) => d.includes(`query ${name}(`))!;

async function send(document: string, operationName: string | undefined, variables: Record<string, unknown>, as: { role?: 'CREDIT_OFFICE' | 'ANALYST' | 'AUDITOR'; purpose?: string }) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (as.role) headers.authorization = `Bearer ${await system.token({ role: as.role })}`;
  if (as.purpose) headers['x-purpose'] = as.purpose;
  const response = await fetch(new URL('/graphql', gateway.url), { method: 'POST', headers, body: JSON.stringify({ query: document, operationName, variables }) });
  return (await response.json()) as { data?: unknown; errors?: unknown[] };
}

describe('query plans of the trusted documents, warmed at start', () => {
  it('asks no subgraph for data while warming', () => {
    expect(statementsDuringStart).toBe(0);
  });

  it("answers each dashboard's first request, named or not, without planning it", async () => {
    const person = syntheticSlice(DEMO_DATASET, 2).person;
    const requests = [
      // A page of all persons is an audit listing (schema/src/entry-points.ts).
      ['UnifiedViewPage', {}, { role: 'AUDITOR', purpose: 'AUDIT' }],
      ['PersonLookup', { id: person.id }, { role: 'CREDIT_OFFICE', purpose: 'OBJECTION_REVIEW' }],
      ['ReviewQueue', {}, { role: 'CREDIT_OFFICE', purpose: 'OBJECTION_REVIEW' }],
      ['Statistics', { from: '2024-01-01', to: '2024-12-31' }, { role: 'ANALYST', purpose: 'STATISTICS' }],
      ['PublicDisclosures', {}, {}],
    ] as const;
    for (const [name, variables, as] of requests) {
      for (const operationName of [name, undefined]) {
        const result = await send(documentNamed(name), operationName, variables, as);
        expect(result.errors, name).toBeUndefined();
        expect(result.data, name).toBeTruthy();
      }
    }
    expect(plansBuilt).toBe(0);
    // A caller whose entry points refuse the document is refused before planning: it was not warmed and needs no plan.
    const refused = await send(documentNamed('UnifiedViewPage'), 'UnifiedViewPage', {}, { role: 'CREDIT_OFFICE', purpose: 'OBJECTION_REVIEW' });
    expect(refused).toMatchObject({ data: null, errors: [{ path: ['persons'], extensions: { code: 'FORBIDDEN_PURPOSE', reason: 'ENTRY_POINT' } }] });
    expect(plansBuilt).toBe(0);
    // The counter sees planning: a document outside the trusted set is planned on its first request.
    await send('query Other { measures { code } }', 'Other', {}, { role: 'ANALYST', purpose: 'STATISTICS' });
    expect(plansBuilt).toBe(1);
  });
});
