/**
 * Purposes bound to entry points (issue 11, DESIGN §5 "Inference and purpose"), deterministically:
 * every (role, purpose) of the policy calls every root Query field of the supergraph once, and is
 * refused before planning (FORBIDDEN_PURPOSE, `data: null`, the table's reason) exactly where the
 * entry-point table says; one person per request also across a batch; and the daily volume of
 * distinct persons under a single-subject purpose, flagged for the auditors' review.
 */
import { selectRows, type SyntheticSlice } from '@credit/kit';
import { entryPointVerdict, POLICY, PURPOSES, type Purpose, type Role } from '@credit/schema';
import { sql } from 'drizzle-orm';
import { getNamedType, getNullableType, isCompositeType, isEnumType, isListType, isNonNullType, isScalarType, type GraphQLField, type GraphQLInputType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type GraphQLResponse, type System } from './harness.js';
import { leakApi } from './leak/api.js';
import { worldFromDataset } from './leak/world.js';

const DATASET = { persons: 30, seed: 14 };
const api = leakApi();
const ROOT_FIELDS = Object.values(api.schema.getQueryType()!.getFields());

let system: System;
let slices: readonly SyntheticSlice[];
/** A person with records, objections and repairs, whose ids the lookups use. */
let subject: SyntheticSlice;
let grantId: string;
let measureCode: string;

interface Caller {
  role: Role;
  purpose: Purpose;
  sub: string;
}

async function post(url: string, caller: Caller, body: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-purpose': caller.purpose };
  if (caller.role !== 'PUBLIC') {
    const personId = caller.role === 'CITIZEN' ? subject.person.id : undefined;
    headers.authorization = `Bearer ${await system.token({ role: caller.role, sub: caller.sub, personId, department: 'entry-points-test' })}`;
  }
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

/** Values for required arguments, from the data set (a root field not listed gets placeholders of the right type). */
function requiredArguments(): Record<string, Record<string, unknown>> {
  return {
    person: { id: subject.person.id },
    personByCitizenIdNumber: { citizenIdNumber: subject.person.citizenIdNumber },
    creditRecord: { id: subject.records[0]!.id },
    objection: { id: subject.objections[0]!.id },
    repairApplication: { id: subject.repairs[0]!.id },
    authorizationGrant: { id: grantId },
    measureCheck: { personId: subject.person.id, measure: measureCode },
    creditStatistics: { groupBy: ['DOMAIN'] },
  };
}

/** For a required argument of a root field added later: a value of its type (the entry check does not read it; the field may answer nothing). */
function placeholder(type: GraphQLInputType): unknown {
  const named = getNullableType(type);
  if (isListType(named)) return [placeholder(named.ofType)];
  if (isEnumType(named)) return named.getValues()[0]!.value;
  const scalars: Record<string, unknown> = { ID: 'entry-points-test', String: 'entry-points-test', Int: 1, Boolean: true, Date: '2026-01-01', DateTime: '2026-01-01T00:00:00Z' };
  if (isScalarType(named) && named.name in scalars) return scalars[named.name];
  throw new Error(`no placeholder for ${String(type)}`);
}

/** One call of the root field with valid arguments (pages of 2) selecting only `__typename`. */
function callOf(field: GraphQLField<unknown, unknown>): { query: string; variables: Record<string, unknown>; args: Record<string, unknown> } {
  const given = requiredArguments()[field.name] ?? {};
  const args: Record<string, unknown> = {};
  for (const argument of field.args) {
    if (argument.name in given) args[argument.name] = given[argument.name];
    else if (argument.name === 'first') args.first = 2;
    else if (isNonNullType(argument.type)) args[argument.name] = placeholder(argument.type);
  }
  const definitions = Object.keys(args).map((name) => `$${name}: ${String(field.args.find((a) => a.name === name)!.type)}`);
  const passed = Object.keys(args).map((name) => `${name}: $${name}`);
  const named = getNamedType(field.type);
  const selection = isCompositeType(named) ? ' { __typename }' : '';
  const header = definitions.length ? `query Entry(${definitions.join(', ')})` : 'query Entry';
  return { query: `${header} { ${field.name}${passed.length ? `(${passed.join(', ')})` : ''}${selection} }`, variables: args, args };
}

const codesOf = (body: GraphQLResponse | undefined) => (body?.errors ?? []).map((e) => String(e.extensions?.code));

/** Error codes other than FORBIDDEN_FIELD in answers the table lets through (role × purpose field: codes), for the summary. */
const notRefusedCodes: string[] = [];

beforeAll(async () => {
  system = await startSystem({ dataset: DATASET });
  slices = worldFromDataset(DATASET).slices;
  subject = slices.find((s) => s.records.length && s.objections.length && s.repairs.length)!;
  if (!subject) throw new Error('the data set has no person with records, objections and repairs');
  const citizen = await system.token({ role: 'CITIZEN', personId: subject.person.id });
  const granted = await system.query(
    `mutation Grant($input: GrantAuthorizationInput!) { grantAuthorization(input: $input) { id } }`,
    { input: { grantee: 'entry-points-agency', purpose: 'AUTHORIZED_QUERY', scope: ['IDENTITY'], expiresAt: new Date(system.clock.now().getTime() + 86_400_000).toISOString() } },
    { token: citizen, purpose: 'SELF_ACCESS' },
  );
  grantId = granted.body.data?.grantAuthorization?.id;
  if (typeof grantId !== 'string') throw new Error(`granting failed: ${JSON.stringify(granted.body)}`);
  const catalog = await system.query<{ measures: { code: string }[] }>('{ measures { code } }');
  measureCode = catalog.body.data!.measures[0]!.code;
  await system.drain();
});

afterAll(async () => {
  if (notRefusedCodes.length) console.log(`entry points: let through by the table but refused further on:\n  ${notRefusedCodes.join('\n  ')}`);
  await system?.close();
});

describe('every policy row against every root field', () => {
  it('the table names every root field of the supergraph', () => {
    // entryPointVerdict refuses unknown root fields; a field missing from the table would be refused to every purpose.
    const unknown = ROOT_FIELDS.filter((f) => PURPOSES.every((purpose) => !entryPointVerdict(purpose, [{ name: f.name, args: {} }]).allowed)).map((f) => f.name);
    expect(unknown).toEqual([]);
  });

  it('spells the table out as the README does for a few pairs', () => {
    const verdict = (purpose: Purpose, name: string) => {
      const v = entryPointVerdict(purpose, [{ name, args: { id: 'x', personId: 'x', citizenIdNumber: 'x' } }]);
      return v.allowed ? 'ALLOWED' : v.reason;
    };
    expect(verdict('ADMINISTRATIVE_LICENSING', 'persons')).toBe('BULK');
    expect(verdict('ADMINISTRATIVE_LICENSING', 'openObjections')).toBe('BULK');
    expect(verdict('ADMINISTRATIVE_LICENSING', 'creditStatistics')).toBe('ENTRY_POINT');
    expect(verdict('ADMINISTRATIVE_LICENSING', 'personByCitizenIdNumber')).toBe('ALLOWED');
    expect(verdict('STATISTICS', 'person')).toBe('ENTRY_POINT');
    expect(verdict('STATISTICS', 'creditStatistics')).toBe('ALLOWED');
    expect(verdict('OBJECTION_REVIEW', 'submittedRepairs')).toBe('ENTRY_POINT');
    expect(verdict('OBJECTION_REVIEW', 'openObjections')).toBe('ALLOWED');
    expect(verdict('CREDIT_REPAIR_REVIEW', 'submittedRepairs')).toBe('ALLOWED');
    expect(verdict('SELF_ACCESS', 'myAccessLog')).toBe('ALLOWED');
    expect(verdict('SELF_ACCESS', 'accessLog')).toBe('BULK');
    expect(verdict('PUBLIC_DISCLOSURE', 'persons')).toBe('ENTRY_POINT');
    expect(verdict('AUDIT', 'usageReview')).toBe('ALLOWED');
  });

  for (const row of POLICY) {
    const caller: Caller = { role: row.role, purpose: row.purpose, sub: `entry-${row.role}-${row.purpose}`.toLowerCase() };
    it(`${row.role} × ${row.purpose}`, async () => {
      const problems: string[] = [];
      for (const field of ROOT_FIELDS) {
        const call = callOf(field);
        const expected = entryPointVerdict(row.purpose, [{ name: field.name, args: call.args }]);
        const { status, body } = await post(system.gateway.url, caller, { query: call.query, variables: call.variables, operationName: 'Entry' });
        const codes = codesOf(body);
        if (!expected.allowed) {
          const error = body?.errors?.[0];
          if (status !== 200 || body?.data !== null || body?.errors?.length !== 1 || error?.extensions?.code !== 'FORBIDDEN_PURPOSE' || error?.extensions?.reason !== expected.reason) {
            problems.push(`${field.name}: expected FORBIDDEN_PURPOSE ${expected.reason} and data null, got HTTP ${status} ${JSON.stringify(body)}`);
          }
        } else {
          if (status !== 200 || codes.includes('FORBIDDEN_PURPOSE')) problems.push(`${field.name}: expected to run, got HTTP ${status} ${JSON.stringify(body)}`);
          // Field denials are the policy's business; anything else a subgraph says is worth a look.
          else if (codes.some((c) => c !== 'FORBIDDEN_FIELD')) notRefusedCodes.push(`${row.role} × ${row.purpose} ${field.name}: ${[...new Set(codes)].join(', ')}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});

describe('single-subject purposes', () => {
  const officer: Caller = { role: 'OFFICER', purpose: 'ADMINISTRATIVE_LICENSING', sub: 'licensing-officer' };

  it('refuse a page of persons as BULK and answer a lookup by citizen ID number, the number masked', async () => {
    const page = await post(system.gateway.url, officer, { query: '{ persons(first: 100) { edges { node { id name } } } }' });
    expect(page.body).toMatchObject({ data: null, errors: [{ extensions: { code: 'FORBIDDEN_PURPOSE', reason: 'BULK' } }] });
    expect(page.body.errors).toHaveLength(1);

    const lookup = await post(system.gateway.url, officer, {
      query: 'query ($n: String!) { personByCitizenIdNumber(citizenIdNumber: $n) { id name citizenIdNumber ageBand } }',
      variables: { n: subject.person.citizenIdNumber },
    });
    expect(lookup.body.errors).toBeUndefined();
    const person = lookup.body.data.personByCitizenIdNumber;
    expect(person).toMatchObject({ id: subject.person.id, name: subject.person.name });
    expect(person.citizenIdNumber).toBe(`${subject.person.citizenIdNumber.slice(0, 4)}**********${subject.person.citizenIdNumber.slice(14)}`);
    expect(person.ageBand).toMatch(/^\d+-\d+$/);
  });

  it('refuse the second of two lookups of different persons in one batch as BULK, and answer a batch about one person', async () => {
    const [first, second] = slices.filter((s) => s.person.id !== subject.person.id);
    const lookup = (id: string) => ({ query: 'query ($id: ID!) { person(id: $id) { id name } }', variables: { id } });
    const batch = await post(system.gateway.url, officer, [lookup(first!.person.id), lookup(second!.person.id)]);
    expect(batch.status).toBe(200);
    expect(batch.body).toHaveLength(2);
    expect(batch.body[0]).toEqual({ data: { person: { id: first!.person.id, name: first!.person.name } } });
    expect(batch.body[1]).toMatchObject({ data: null, errors: [{ extensions: { code: 'FORBIDDEN_PURPOSE', reason: 'BULK' } }] });
    expect(batch.body[1].errors).toHaveLength(1);

    const same = await post(system.gateway.url, officer, [lookup(first!.person.id), lookup(first!.person.id)]);
    expect(same.body.map((r: GraphQLResponse) => r.errors)).toEqual([undefined, undefined]);
  });

  it('refuse two persons in one operation as BULK, also through a fragment and a variable', async () => {
    const [a, b] = slices;
    const twoPersons = await post(system.gateway.url, officer, {
      query: 'query ($b: ID!) { a: person(id: "' + a!.person.id + '") { id } ...F } fragment F on Query { b: person(id: $b) { id } }',
      variables: { b: b!.person.id },
    });
    expect(twoPersons.body).toMatchObject({ data: null, errors: [{ extensions: { code: 'FORBIDDEN_PURPOSE', reason: 'BULK' } }] });
  });
});

describe('the daily volume of persons', () => {
  it('refuses the fourth distinct person of the day with VOLUME, flags it for review and still answers a person already reached', async () => {
    const limited = await system.startGateway({ dailyPersonLimit: 3 });
    const officer: Caller = { role: 'OFFICER', purpose: 'ADMINISTRATIVE_LICENSING', sub: 'volume-officer' };
    const lookup = (slice: SyntheticSlice) => post(limited.url, officer, { query: 'query ($id: ID!) { person(id: $id) { id name } }', variables: { id: slice.person.id } });
    const persons = slices.slice(0, 4);
    for (const slice of persons.slice(0, 3)) {
      const answer = await lookup(slice);
      expect(answer.body).toEqual({ data: { person: { id: slice.person.id, name: slice.person.name } } });
    }
    const fourth = await lookup(persons[3]!);
    expect(fourth.status).toBe(200);
    expect(fourth.body).toMatchObject({ data: null, errors: [{ extensions: { code: 'FORBIDDEN_PURPOSE', reason: 'VOLUME', limit: 3 } }] });
    expect(fourth.body.errors).toHaveLength(1);
    expect(JSON.stringify(fourth.body)).not.toContain(persons[3]!.person.name);

    const again = await lookup(persons[0]!);
    expect(again.body).toEqual({ data: { person: { id: persons[0]!.person.id, name: persons[0]!.person.name } } });
    // Another principal has a day of its own.
    const colleague = await post(limited.url, { ...officer, sub: 'volume-colleague' }, { query: 'query ($id: ID!) { person(id: $id) { id } }', variables: { id: persons[3]!.person.id } });
    expect(colleague.body.errors).toBeUndefined();

    // usageReview reads [now - 7 days, now): the test's clock stands still, so the refusal is at `now` until it moves.
    system.clock.set(new Date(system.clock.now().getTime() + 1000));
    const auditor: Caller = { role: 'AUDITOR', purpose: 'AUDIT', sub: 'volume-auditor' };
    const review = await post(limited.url, auditor, { query: '{ usageReview { principal role purpose reason refusals } }' });
    expect(review.body.errors).toBeUndefined();
    expect(review.body.data.usageReview).toEqual([
      { principal: 'volume-officer', role: 'OFFICER', purpose: 'ADMINISTRATIVE_LICENSING', reason: 'VOLUME_LIMIT', refusals: 1 },
    ]);

    const flagged = await selectRows<{ principal_sub: string; purpose: string; outcome: string; review: string; person_ids: string[] }>(
      limited.auditDatabase.db,
      sql`select principal_sub, purpose, outcome, review, person_ids from gateway.audit_log where review is not null`,
    );
    expect(flagged).toEqual([{ principal_sub: 'volume-officer', purpose: 'ADMINISTRATIVE_LICENSING', outcome: 'REFUSED', review: 'VOLUME_LIMIT', person_ids: [] }]);
  });
});
