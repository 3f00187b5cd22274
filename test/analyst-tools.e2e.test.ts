/**
 * Issue 12 through the real gateway: the tools analysts already use work against it. graphql-js's
 * standard introspection query (GraphiQL, Sandbox, Postman, codegen) builds a client schema;
 * Apollo Client's APQ retry runs its query; a dashboard on an allowed origin passes CORS, any other
 * origin is refused; a GET gets 405 with Allow.
 */
import { createHash } from 'node:crypto';
import { buildClientSchema, getIntrospectionQuery, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from './harness.js';

let system: System;
let url: string;
beforeAll(async () => {
  system = await startSystem();
  const gateway = await system.startGateway({ corsOrigins: ['https://dash.example.gov.cn'] });
  url = `${gateway.url}/graphql`;
});
afterAll(() => system?.close());

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: any; errors?: any[] } };
}

const analyst = async () => ({ authorization: `Bearer ${await system.token({ role: 'ANALYST', sub: 'analyst-1' })}`, 'x-purpose': 'STATISTICS' });

describe('introspection with the standard query', () => {
  it('builds a client schema with every type and each field’s privacy level in its description', async () => {
    const { body } = await post({ query: getIntrospectionQuery(), operationName: 'IntrospectionQuery' }, await analyst());
    expect(body.errors).toBeUndefined();
    const schema = buildClientSchema(body.data);
    const person = schema.getType('Person');
    expect(isObjectType(person)).toBe(true);
    if (!isObjectType(person)) return;
    expect(Object.keys(person.getFields())).toEqual(expect.arrayContaining(['id', 'name', 'citizenIdNumber', 'creditRecords']));
    expect(person.getFields().citizenIdNumber!.description).toContain('[PRIVACY: SENSITIVE, mask CITIZEN_ID]');
    expect(schema.getQueryType()!.getFields().creditStatistics).toBeDefined();
  });

  it('is still refused to a citizen', async () => {
    const token = await system.token({ role: 'CITIZEN', personId: '00000000-0000-4000-8000-000000000001', sub: 'c-1' });
    const { body } = await post({ query: getIntrospectionQuery() }, { authorization: `Bearer ${token}` });
    expect(body.errors?.[0]?.extensions?.code).toBe('INTROSPECTION_DISABLED');
  });
});

describe('automatic persisted queries', () => {
  const query = '{ measures(kind: INCENTIVE) { code } }';
  const sha256Hash = createHash('sha256').update(query).digest('hex');
  const apq = { persistedQuery: { version: 1, sha256Hash } };

  it('answers an unknown bare hash PERSISTED_QUERY_NOT_FOUND, runs the retry with its text, and still does not know the hash', async () => {
    expect((await post({ extensions: apq })).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const retry = await post({ query, extensions: apq });
    expect(retry.body.errors).toBeUndefined();
    expect(retry.body.data.measures.length).toBeGreaterThan(0);
    expect((await post({ extensions: apq })).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('refuses text whose hash is not the one sent', async () => {
    const { body } = await post({ query: '{ measures { code name } }', extensions: apq });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(body.data).toBeUndefined();
  });
});

describe('CORS and methods', () => {
  it('answers a preflight from an allowed origin, and adds its header to the answer', async () => {
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin: 'https://dash.example.gov.cn', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, x-purpose' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://dash.example.gov.cn');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-purpose');
    const answer = await post({ query: '{ measures { code } }' }, { origin: 'https://dash.example.gov.cn' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://dash.example.gov.cn');
    expect(answer.headers.get('vary')).toContain('Origin');
  });

  it('refuses any other origin before anything runs, and allows none by default', async () => {
    const other = await post({ query: '{ measures { code } }' }, { origin: 'https://evil.example.com' });
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.body.errors?.[0]?.extensions?.code).toBe('CORS_ORIGIN_NOT_ALLOWED');
    const byDefault = await fetch(`${system.gateway.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://dash.example.gov.cn', 'access-control-request-method': 'POST' } });
    expect(byDefault.status).toBe(403);
  });

  it('answers a GET of /graphql 405 with Allow', async () => {
    const response = await fetch(url);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
  });
});
