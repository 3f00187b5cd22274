import { LocalGraphQLDataSource } from '@apollo/gateway';
import { encodeCursor, ManualClock, type Database } from '@credit/kit';
import { freshDatabaseLocation } from '@credit/kit/testing';
import type { CallerContext, Principal, Purpose } from '@credit/schema';
import { graphql, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashOperation } from './chain.js';
import { openAuditDatabase } from './database.js';
import { createAuditLog, type AuditEntryInput } from './log.js';
import { newAuditState } from './served.js';
import { createAuditSubgraphSchema, type AuditSubgraphContext } from './subgraph.js';

let database: Database;
let drop: () => Promise<void>;
let schema: GraphQLSchema;

const OFFICER: Principal = { sub: 'officer-7', role: 'OFFICER', department: 'market-regulation' };
const AGENCY: Principal = { sub: 'agency-3', role: 'AGENCY', department: 'acme-credit' };
const ANALYST: Principal = { sub: 'analyst-1', role: 'ANALYST', department: 'statistics-bureau' };
const AUDITOR: Principal = { sub: 'auditor-1', role: 'AUDITOR', department: 'inspection' };
const CITIZEN_1: Principal = { sub: 'citizen-1', role: 'CITIZEN', personId: 'p-1' };

function entry(principal: Principal, purpose: Purpose, personIds: string[], overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    principal,
    purpose,
    grantId: null,
    operationName: 'UnifiedView',
    operationHash: hashOperation('query UnifiedView { x }'),
    fields: { PERSONAL: { ALLOW: ['Person.name'] } },
    personIds,
    outcome: 'ANSWERED',
    ...overrides,
  };
}

beforeAll(async () => {
  const fresh = await freshDatabaseLocation();
  drop = fresh.drop;
  database = await openAuditDatabase(fresh.location);
  const clock = new ManualClock(new Date('2026-11-01T09:00:00+08:00'));
  const log = createAuditLog(database.db, { clock });
  await log.append(entry(OFFICER, 'ADMINISTRATIVE_LICENSING', ['p-1', 'p-2'])); // seq 1
  clock.set('2026-11-02T09:00:00+08:00');
  await log.append(entry(AGENCY, 'AUTHORIZED_QUERY', ['p-1'], { grantId: 'g-1', operationName: null })); // seq 2
  clock.set('2026-11-03T09:00:00+08:00');
  await log.append(
    entry(ANALYST, 'STATISTICS', [], { outcome: 'REFUSED', fields: { SENSITIVE: { DENY: ['Person.citizenIdNumber'] } } }),
  ); // seq 3
  clock.set('2026-11-04T09:00:00+08:00');
  await log.append(entry(AUDITOR, 'AUDIT', ['p-2'])); // seq 4
  schema = createAuditSubgraphSchema(database.db);
});
afterAll(async () => {
  await database?.close();
  await drop?.();
});

async function run(query: string, principal: Principal, purpose: Purpose | null, variables?: Record<string, unknown>) {
  const caller: CallerContext = { principal, purpose, grantId: null };
  const contextValue: AuditSubgraphContext = { caller, audit: newAuditState() };
  const result = await graphql({ schema, source: query, variableValues: variables, contextValue });
  return { ...result, served: [...contextValue.audit.servedPersons].sort() };
}

const MY_LOG = `query($first: Int, $after: String) {
  myAccessLog(first: $first, after: $after) {
    edges { cursor node { subject { id } at role department purpose operationName } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const ACCESS_LOG = `query($filter: AccessLogFilter, $first: Int, $after: String) {
  accessLog(filter: $filter, first: $first, after: $after) {
    edges { node { seq at principal role department purpose grantId operationName operationHash
      fields { personal { allow mask deny } sensitive { allow mask deny } } personIds outcome prevHash hash } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const codes = (errors: readonly { extensions?: Record<string, unknown> }[] | undefined) => errors?.map((e) => e.extensions?.code);

describe('myAccessLog', () => {
  it('shows a citizen who read their data, newest first, and nothing about the readers’ identity or other persons', async () => {
    const result = await run(MY_LOG, CITIZEN_1, 'SELF_ACCESS');
    expect(result.errors).toBeUndefined();
    const nodes = (result.data?.myAccessLog as { edges: { node: unknown }[] }).edges.map((e) => e.node);
    expect(nodes).toEqual([
      { subject: { id: 'p-1' }, at: '2026-11-02T01:00:00.000Z', role: 'AGENCY', department: 'acme-credit', purpose: 'AUTHORIZED_QUERY', operationName: null },
      {
        subject: { id: 'p-1' },
        at: '2026-11-01T01:00:00.000Z',
        role: 'OFFICER',
        department: 'market-regulation',
        purpose: 'ADMINISTRATIVE_LICENSING',
        operationName: 'UnifiedView',
      },
    ]);
    const text = JSON.stringify(result.data);
    for (const secret of ['officer-7', 'agency-3', 'p-2', 'g-1']) expect(text).not.toContain(secret);
    expect(result.served).toEqual(['p-1']);
  });

  it('pages with first and after', async () => {
    const page1 = await run(MY_LOG, CITIZEN_1, 'SELF_ACCESS', { first: 1 });
    const connection1 = page1.data?.myAccessLog as { edges: { node: { role: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    expect(connection1.edges.map((e) => e.node.role)).toEqual(['AGENCY']);
    expect(connection1.pageInfo.hasNextPage).toBe(true);
    const page2 = await run(MY_LOG, CITIZEN_1, 'SELF_ACCESS', { first: 1, after: connection1.pageInfo.endCursor });
    const connection2 = page2.data?.myAccessLog as typeof connection1;
    expect(connection2.edges.map((e) => e.node.role)).toEqual(['OFFICER']);
    expect(connection2.pageInfo.hasNextPage).toBe(false);
  });

  it('is empty for a citizen nobody read, and reports no person then', async () => {
    const result = await run(MY_LOG, { sub: 'citizen-9', role: 'CITIZEN', personId: 'p-9' }, 'SELF_ACCESS');
    expect(result.data?.myAccessLog).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    expect(result.served).toEqual([]);
  });

  it.each([
    ['a citizen token without personId', { sub: 'citizen-x', role: 'CITIZEN' } as Principal, 'SELF_ACCESS' as Purpose],
    ['an officer', OFFICER, 'ADMINISTRATIVE_LICENSING' as Purpose],
    ['an auditor', AUDITOR, 'AUDIT' as Purpose],
    ['the public', { sub: 'anonymous', role: 'PUBLIC' } as Principal, null],
  ])('refuses %s with FORBIDDEN', async (_who, principal, purpose) => {
    const result = await run(MY_LOG, principal, purpose);
    expect(codes(result.errors)).toEqual(['FORBIDDEN']);
    expect(result.data?.myAccessLog).toBeNull();
  });
});

describe('accessLog', () => {
  type Node = { seq: string; principal: string; personIds: string[]; outcome: string; fields: unknown; grantId: string | null };
  const seqs = (result: Awaited<ReturnType<typeof run>>) =>
    (result.data?.accessLog as { edges: { node: Node }[] }).edges.map((e) => e.node.seq);

  it('gives an auditor full entries, newest first, and counts their persons as served', async () => {
    const result = await run(ACCESS_LOG, AUDITOR, 'AUDIT');
    expect(result.errors).toBeUndefined();
    const nodes = (result.data?.accessLog as { edges: { node: Node }[] }).edges.map((e) => e.node);
    expect(nodes.map((n) => n.seq)).toEqual(['4', '3', '2', '1']);
    expect(nodes[2]).toMatchObject({ principal: 'agency-3', grantId: 'g-1', personIds: ['p-1'], outcome: 'ANSWERED' });
    expect(nodes[1]).toMatchObject({
      principal: 'analyst-1',
      outcome: 'REFUSED',
      personIds: [],
      fields: { personal: null, sensitive: { allow: [], mask: [], deny: ['Person.citizenIdNumber'] } },
    });
    expect(nodes[3]).toMatchObject({ prevHash: '0'.repeat(64), operationHash: hashOperation('query UnifiedView { x }') });
    expect(result.served).toEqual(['p-1', 'p-2']);
  });

  it.each([
    [{ personId: 'p-2' }, ['4', '1']],
    [{ role: 'OFFICER' }, ['1']],
    [{ principal: 'agency-3' }, ['2']],
    [{ purpose: 'STATISTICS' }, ['3']],
    [{ outcome: 'REFUSED' }, ['3']],
    [{ from: '2026-11-02T09:00:00+08:00', to: '2026-11-04T09:00:00+08:00' }, ['3', '2']],
    [{ personId: 'p-1', role: 'AGENCY' }, ['2']],
  ])('filters by %j', async (filter, expected) => {
    const result = await run(ACCESS_LOG, AUDITOR, 'AUDIT', { filter });
    expect(result.errors).toBeUndefined();
    expect(seqs(result)).toEqual(expected);
  });

  it('pages with first and after', async () => {
    const page1 = await run(ACCESS_LOG, AUDITOR, 'AUDIT', { first: 3 });
    const after = (page1.data?.accessLog as { pageInfo: { endCursor: string } }).pageInfo.endCursor;
    expect(seqs(page1)).toEqual(['4', '3', '2']);
    expect(seqs(await run(ACCESS_LOG, AUDITOR, 'AUDIT', { first: 3, after }))).toEqual(['1']);
  });

  it.each([
    ['an auditor without the purpose AUDIT', AUDITOR, 'PUBLIC_DISCLOSURE' as Purpose],
    ['an officer', OFFICER, 'ADMINISTRATIVE_LICENSING' as Purpose],
    ['a citizen', CITIZEN_1, 'SELF_ACCESS' as Purpose],
    ['an analyst', ANALYST, 'STATISTICS' as Purpose],
  ])('refuses %s with FORBIDDEN', async (_who, principal, purpose) => {
    const result = await run(ACCESS_LOG, principal, purpose);
    expect(codes(result.errors)).toEqual(['FORBIDDEN']);
    expect(result.served).toEqual([]);
  });

  it.each([
    ['a page over 100', { first: 101 }],
    ['a foreign cursor', { after: 'not-a-cursor' }],
    ['a cursor that is not a seq', { after: encodeCursor(['x']) }],
  ])('answers BAD_USER_INPUT for %s', async (_case, variables) => {
    const result = await run(ACCESS_LOG, AUDITOR, 'AUDIT', variables);
    expect(codes(result.errors)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('audit subgraph schema', () => {
  it('serves its SDL to the gateway through a LocalGraphQLDataSource', () => {
    const sdl = new LocalGraphQLDataSource(schema).sdl();
    expect(sdl.definitions.length).toBeGreaterThan(0);
  });
});
