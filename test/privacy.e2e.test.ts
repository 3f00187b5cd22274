import { verifyAuditChain } from '@credit/gateway/audit/index';
import { DEMO_DATASET, selectRows, syntheticSlice } from '@credit/kit';
import { sql } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from './harness.js';

const dataset = { persons: 40, seed: DEMO_DATASET.seed };
const alice = syntheticSlice(dataset, 2).person;
const bob = syntheticSlice(dataset, 3).person;

let system: System;
beforeAll(async () => {
  system = await startSystem({ dataset });
});
afterAll(() => system?.close());

const VIEW = `query View($id: ID!) { person(id: $id) { id name citizenIdNumber birthDate creditRecords { edges { node { id domain } } } } }`;
const citizen = (personId: string) => system.token({ role: 'CITIZEN', personId, sub: `citizen-${personId}` });

async function auditCount(): Promise<number> {
  const [row] = await selectRows<{ n: number }>(system.gateway.auditDatabase.db, sql`select count(*)::int as n from gateway.audit_log`);
  return row!.n;
}

describe('who may read what', () => {
  it('gives the public nothing personal: null and FORBIDDEN_FIELD at the path, and the catalog in full', async () => {
    const { status, body } = await system.query(`{ person(id: "${alice.id}") { name } measures { code } }`);
    expect(status).toBe(200);
    expect(body.data!.person).toBeNull();
    expect(body.errors).toMatchObject([{ path: ['person'], extensions: { code: 'FORBIDDEN_FIELD' } }]);
    expect((body.data!.measures as unknown[]).length).toBeGreaterThan(0);
  });

  it('shows a citizen their own person in full and anyone else as the public sees them', async () => {
    const token = await citizen(alice.id);
    const own = await system.query(VIEW, { id: alice.id }, { token });
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data!.person).toMatchObject({ name: alice.name, citizenIdNumber: alice.citizenIdNumber });
    const other = await system.query(VIEW, { id: bob.id }, { token });
    expect(other.body.data!.person).toBeNull();
    expect(other.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_FIELD', reason: 'ROW' });
    expect(JSON.stringify(other.body)).not.toContain(bob.citizenIdNumber);
  });

  it('masks citizen ID numbers for a licensing officer, in fragments and aliases too', async () => {
    const token = await system.token({ role: 'OFFICER', department: 'market-regulation' });
    const { body } = await system.query(
      `query($id: ID!) { who: person(id: $id) { ...P alias: citizenIdNumber } } fragment P on Person { n: name citizenIdNumber }`,
      { id: alice.id },
      { token, purpose: 'ADMINISTRATIVE_LICENSING' },
    );
    expect(body.errors).toBeUndefined();
    const masked = `${alice.citizenIdNumber.slice(0, 4)}**********${alice.citizenIdNumber.slice(-4)}`;
    expect(body.data!.who).toEqual({ n: alice.name, citizenIdNumber: masked, alias: masked });
    expect(JSON.stringify(body)).not.toContain(alice.citizenIdNumber);
  });

  it('keeps an analyst to aggregates: no person, no record, no link between them', async () => {
    const token = await system.token({ role: 'ANALYST', department: 'statistics' });
    const record = syntheticSlice(dataset, 2).records[0]!;
    // STATISTICS reaches aggregates only (schema/src/entry-points.ts): a lookup is refused before
    // planning, the whole operation and each lookup alone, and nothing about the person comes back.
    const both = await system.query(
      `query($id: ID!, $r: ID!) { person(id: $id) { name } creditRecord(id: $r) { id subject { id } } }`,
      { id: alice.id, r: record.id },
      { token, purpose: 'STATISTICS' },
    );
    const person = await system.query(`query($id: ID!) { person(id: $id) { name } }`, { id: alice.id }, { token, purpose: 'STATISTICS' });
    const link = await system.query(`query($r: ID!) { creditRecord(id: $r) { id subject { id } } }`, { r: record.id }, { token, purpose: 'STATISTICS' });
    for (const [{ body }, field] of [[both, 'person'], [person, 'person'], [link, 'creditRecord']] as const) {
      expect(body.data).toBeNull();
      expect(body.errors).toEqual([
        expect.objectContaining({ path: [field], extensions: { code: 'FORBIDDEN_PURPOSE', reason: 'ENTRY_POINT', purpose: 'STATISTICS' } }),
      ]);
      expect(JSON.stringify(body)).not.toContain(alice.id);
      expect(JSON.stringify(body)).not.toContain(alice.name);
    }
  });

  it('suppresses statistics cells of fewer than 5 persons', async () => {
    const token = await system.token({ role: 'ANALYST', department: 'statistics' });
    const { body } = await system.query(`{ creditStatistics(groupBy: [REGION, DOMAIN, MONTH]) { count persons suppressed } }`, undefined, {
      token,
      purpose: 'STATISTICS',
    });
    const cells = body.data!.creditStatistics as { count: number | null; persons: number | null; suppressed: boolean }[];
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) {
      if (cell.suppressed) expect(cell).toEqual({ count: null, persons: null, suppressed: true });
      else expect(cell.persons).toBeGreaterThanOrEqual(5);
    }
  });

  it('enforces each operation of a batch on its own', async () => {
    const token = await citizen(alice.id);
    const response = await fetch(`${system.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify([
        { query: VIEW, variables: { id: alice.id } },
        { query: VIEW, variables: { id: bob.id } },
      ]),
    });
    const [mine, theirs] = (await response.json()) as { data: { person: unknown } | null; errors?: { path?: unknown[]; extensions?: Record<string, unknown> }[] }[];
    expect(mine!.data!.person).toMatchObject({ name: alice.name, citizenIdNumber: alice.citizenIdNumber });
    // SELF_ACCESS reaches one person per request and a batch is one request (schema/src/entry-points.ts):
    // the second person is refused before planning, on its own, and nothing of theirs comes back.
    expect(theirs!.data).toBeNull();
    expect(theirs!.errors).toEqual([
      expect.objectContaining({ path: ['person'], extensions: { code: 'FORBIDDEN_PURPOSE', reason: 'BULK', purpose: 'SELF_ACCESS' } }),
    ]);
    expect(JSON.stringify(theirs)).not.toContain(bob.citizenIdNumber);
    expect(JSON.stringify(theirs)).not.toContain(bob.name);
  });
});

describe('authorization grants for a credit agency', () => {
  const AGENCY_SUB = 'agency-zhima-001';
  const GRANT = `mutation($input: GrantAuthorizationInput!) { grantAuthorization(input: $input) { id status } }`;

  it('reads a person only under a live grant, and not after revocation or expiry', async () => {
    const agency = await system.token({ role: 'AGENCY', sub: AGENCY_SUB, department: 'licensed-agency' });
    const as = (grant?: string) => ({ token: agency, purpose: 'AUTHORIZED_QUERY', grant });
    const without = await system.query(VIEW, { id: alice.id }, as());
    expect(without.body.data!.person).toBeNull();

    const granted = await system.graphql(
      GRANT,
      { input: { grantee: AGENCY_SUB, purpose: 'AUTHORIZED_QUERY', scope: ['IDENTITY'], expiresAt: '2026-12-31T00:00:00+08:00' } },
      { token: await citizen(alice.id) },
    );
    expect(granted.errors).toBeUndefined();
    const grantId = (granted.data!.grantAuthorization as { id: string }).id;
    const read = await system.query(VIEW, { id: alice.id }, as(grantId));
    const person = read.body.data!.person as Record<string, unknown>;
    expect(person.name).toBe(alice.name);
    expect(person.citizenIdNumber).toMatch(/^\d{4}\*{10}[0-9X]{4}$/);
    // The grant's scope is identity only: credit records stay out of reach.
    expect(person.creditRecords).toBeNull();
    // A grant from Alice opens nothing about Bob.
    expect((await system.query(VIEW, { id: bob.id }, as(grantId))).body.data!.person).toBeNull();

    system.clock.set('2027-01-01T00:00:00+08:00');
    expect((await system.query(VIEW, { id: alice.id }, as(grantId))).body.data!.person).toBeNull();
    system.clock.set('2026-11-21T10:00:00+08:00');

    const revoked = await system.graphql(`mutation($id: ID!) { revokeAuthorization(id: $id) { status } }`, { id: grantId }, {
      token: await citizen(alice.id),
    });
    expect(revoked.data!.revokeAuthorization).toEqual({ status: 'REVOKED' });
    expect((await system.query(VIEW, { id: alice.id }, as(grantId))).body.data!.person).toBeNull();
  });
});

describe('authentication and purpose', () => {
  it('answers 401 UNAUTHENTICATED to forged, unsigned and expired tokens, never PUBLIC', async () => {
    const forged = await new SignJWT({ role: 'AUDITOR' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setIssuer('credit-graph-test')
      .setAudience('credit-graph')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-another-secret-another-secret'));
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'm', role: 'AUDITOR', iss: 'credit-graph-test', aud: 'credit-graph', exp: 4102444800 })).toString('base64url')}.`;
    for (const token of [forged, none, 'not-a-jwt']) {
      const { status, body } = await system.query(`{ measures { code } }`, undefined, { token, purpose: 'AUDIT' });
      expect(status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(body.data).toBeUndefined();
    }
  });

  it('refuses a missing or foreign purpose before executing anything', async () => {
    const officer = await system.token({ role: 'OFFICER', department: 'market-regulation' });
    const before = await auditCount();
    const missing = await system.query(VIEW, { id: alice.id }, { token: officer });
    expect(missing.status).toBe(403);
    expect(missing.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_PURPOSE', reason: 'MISSING' });
    const foreign = await system.query(VIEW, { id: alice.id }, { token: officer, purpose: 'AUDIT' });
    expect(foreign.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_PURPOSE', reason: 'NOT_ALLOWED_FOR_ROLE' });
    expect(await auditCount()).toBe(before);
  });

  it('keeps introspection from the public and shows staff each field level', async () => {
    const INTROSPECT = `{ __type(name: "Person") { fields { name description } } }`;
    const refused = await system.query(INTROSPECT);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('INTROSPECTION_DISABLED');
    const analyst = await system.token({ role: 'ANALYST', department: 'statistics' });
    const { body } = await system.query(INTROSPECT, undefined, { token: analyst, purpose: 'STATISTICS' });
    const fields = (body.data!.__type as { fields: { name: string; description: string }[] }).fields;
    expect(fields.find((f) => f.name === 'citizenIdNumber')?.description).toMatch(/^\[PRIVACY: SENSITIVE, mask CITIZEN_ID\]/);
  });

  it('answers 429 with Retry-After once a caller has spent its quota', async () => {
    const strict = await system.startGateway({ rateLimits: { perMinute: 2, publicPerMinute: 2 } });
    const ask = () =>
      fetch(`${strict.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ measures { code } }' }) });
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(200);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('RATE_LIMITED');
  });

  it('refuses queries over the depth and page-size limits with their codes', async () => {
    const analyst = await system.token({ role: 'ANALYST', department: 'statistics' });
    const deep = `{ person(id: "${alice.id}") { objections { record { objections { record { objections { record { objections { record { objections { record { id } } } } } } } } } } } }`;
    const tooDeep = await system.query(deep, undefined, { token: analyst, purpose: 'STATISTICS' });
    expect(tooDeep.body.errors?.map((e) => e.extensions?.code)).toContain('QUERY_TOO_DEEP');
    const tooMany = await system.query(`{ persons(first: 101) { edges { cursor } } }`, undefined, { token: analyst, purpose: 'STATISTICS' });
    expect(tooMany.body.errors?.map((e) => e.extensions?.code)).toContain('PAGE_TOO_LARGE');
  });
});

describe('the query log', () => {
  it('records a personal read before answering, and shows the citizen who read them', async () => {
    const before = await auditCount();
    const officer = await system.token({ role: 'OFFICER', department: 'market-regulation', sub: 'officer-7' });
    const read = await system.query(VIEW, { id: bob.id }, { token: officer, purpose: 'ADMINISTRATIVE_LICENSING' });
    expect(read.body.data!.person).not.toBeNull();
    expect(await auditCount()).toBe(before + 1);
    const log = await system.query(`{ myAccessLog(first: 20) { edges { node { role department purpose } } } }`, undefined, {
      token: await citizen(bob.id),
    });
    expect(log.body.errors).toBeUndefined();
    const entries = (log.body.data!.myAccessLog as { edges: { node: unknown }[] }).edges.map((e) => e.node);
    expect(entries).toContainEqual({ role: 'OFFICER', department: 'market-regulation', purpose: 'ADMINISTRATIVE_LICENSING' });
    expect(JSON.stringify(log.body)).not.toContain('officer-7');
  });

  it('records a refused personal read as REFUSED, with the fields it was refused', async () => {
    await system.query(`{ person(id: "${alice.id}") { name } }`);
    const result = await system.gateway.auditDatabase.db.execute(
      sql`select role, outcome, fields from gateway.audit_log order by seq desc limit 1`,
    );
    const [last] = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { role: string; outcome: string; fields: unknown }[];
    expect(last).toEqual({ role: 'PUBLIC', outcome: 'REFUSED', fields: { PERSONAL: { DENY: ['Query.person'] } } });
  });

  it('detects an edited or a deleted entry', async () => {
    const db = system.gateway.auditDatabase.db;
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    await db.execute(sql`update gateway.audit_log set purpose = 'AUDIT' where seq = 2`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 2, reason: 'HASH_MISMATCH' });
    await db.execute(sql`delete from gateway.audit_log where seq = 2`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 3, reason: 'GAP' });
  });

  it('withholds personal answers when the log cannot be written, and still serves public data', async () => {
    const db = system.gateway.auditDatabase.db;
    await db.execute(sql`alter table gateway.audit_log rename to audit_log_away`);
    try {
      const officer = await system.token({ role: 'OFFICER', department: 'market-regulation' });
      const { body } = await system.query(VIEW, { id: alice.id }, { token: officer, purpose: 'ADMINISTRATIVE_LICENSING' });
      expect(body.data).toBeUndefined();
      expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'AUDIT_UNAVAILABLE' } })]);
      expect(JSON.stringify(body)).not.toContain(alice.name);
      const catalog = await system.query(`{ measures { code } }`);
      expect(catalog.body.errors).toBeUndefined();
    } finally {
      await db.execute(sql`alter table gateway.audit_log_away rename to audit_log`);
    }
  });
});
