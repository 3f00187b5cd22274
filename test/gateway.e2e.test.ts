import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from './harness.js';

let system: System;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(() => system?.close());

describe('gateway', () => {
  it('is healthy when every subgraph answers', async () => {
    const response = await fetch(`${system.gateway.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      subgraphs: { identity: 'ok', records: 'ok', disputes: 'ok', incentives: 'ok' },
    });
  });

  it('refuses an invalid operation with a code and no internals', async () => {
    const result = await system.graphql(`{ person(id: "x") { noSuchField } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(result)).not.toContain('stacktrace');
  });

  it('does not expose the internal event endpoint through the graph', async () => {
    const result = await system.graphql(`{ __schema { mutationType { fields { name } } } }`);
    const names = result.data!.__schema.mutationType.fields.map((f: { name: string }) => f.name);
    expect(names).toEqual(expect.arrayContaining(['registerPerson', 'submitCreditRecord', 'fileObjection', 'fileRepairApplication']));
    expect(names.some((n: string) => /event|internal/i.test(n))).toBe(false);
  });

  it('reports 503 naming the subgraph that stopped answering', async () => {
    await system.subgraphs.incentives.close();
    const response = await fetch(`${system.gateway.url}/health`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'degraded', subgraphs: { incentives: 'unreachable', identity: 'ok' } });
  });
});
