import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentId, loadTrustedDocuments } from '@credit/gateway/trusted-documents';
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

  it('runs a trusted dashboard document named by its id, under the caller\'s privacy decisions', async () => {
    const registered = await system.graphql(`mutation { registerPerson(input: { name: "王五", citizenIdNumber: "440524188001010014" }) { id } }`);
    const personId = registered.data!.registerPerson.id;
    const [id] = [...loadTrustedDocuments()].find(([, text]) => text.includes('query PersonLookup'))!;
    const send = async (body: Record<string, unknown>, headers: Record<string, string> = {}) => {
      const response = await fetch(`${system.gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      return (await response.json()) as { data?: any; errors?: { extensions?: Record<string, unknown>; path?: unknown[] }[] };
    };
    const token = await system.token({ role: 'CREDIT_OFFICE', sub: 'dashboard' });
    const staff = await send({ documentId: id, variables: { id: personId } }, { authorization: `Bearer ${token}`, 'x-purpose': 'OBJECTION_REVIEW' });
    expect(staff.errors).toBeUndefined();
    expect(staff.data.person).toMatchObject({ id: personId, name: '王五', citizenIdNumber: '440524188001010014' });

    const anonymous = await send({ documentId: id, variables: { id: personId } });
    expect(anonymous.data.person).toBeNull();
    expect(anonymous.errors?.some((e) => e.extensions?.code === 'FORBIDDEN_FIELD')).toBe(true);

    const unknown = await send({ documentId: documentId('{ measures { code } }') });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('reports 503 naming the subgraph that stopped answering', async () => {
    await system.subgraphs.incentives.close();
    const response = await fetch(`${system.gateway.url}/health`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'degraded', subgraphs: { incentives: 'unreachable', identity: 'ok' } });
  });

});
