/**
 * No existence oracle (DESIGN §5, issue 10 point 7): for every row-rule (role, purpose) of the
 * policy, with and without a grant, and every root lookup that takes an identifier, the answer
 * for an existing row the caller may not see equals the answer for a well-formed identifier that
 * names no row, after normalising nothing but the identifier values.
 */
import { randomUUID } from 'node:crypto';
import { withoutWithheld, type EnforcementError } from '@credit/gateway/privacy/enforce';
import { decisionFor, POLICY, ROW_RULES } from '@credit/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from './harness.js';
import { leakApi } from './leak/api.js';
import {
  answerDifference,
  hiddenValues,
  lookupFields,
  lookupOperations,
  missingValue,
  refusedOutsideRow,
  rowCovers,
  type Answer,
  type Lookup,
  type LookupOperation,
  type RowRuleCaller,
} from './leak/existence.js';
import type { GrantFacts } from './leak/oracle.js';
import { worldFromDataset, type MutableWorld, type OwnedType } from './leak/world.js';

const DATASET = { persons: 30, seed: 14 };
const AGENCY_SUB = 'agency-existence-test';
const HOUR = 3_600_000;
/** Existing hidden rows compared per lookup and operation, each of another person (the extras below always are). */
const SAMPLES = 3;

const api = leakApi();
const lookups = lookupFields(api.schema);
let system: System;
let world: MutableWorld;
/** Every existing entity the test knows, with its owner. */
const entities = new Map<OwnedType, { id: string; owner: string }[]>();
/** Existing rows a subgraph itself hides from these callers (archived records), by type. */
const extras = new Map<OwnedType, { id: string; owner: string }[]>();
let selfId: string;
let grants: Record<'full' | 'partial', GrantFacts & { id: string }>;
let measureCode: string;

const rows = POLICY.filter((row) => ROW_RULES[row.role]);

type Variant = 'self' | 'no grant' | 'grant' | 'partial grant';
const CASES = rows.flatMap((row) =>
  (ROW_RULES[row.role]!.rowAppliesTo === 'SELF' ? (['self'] as const) : (['no grant', 'grant', 'partial grant'] as const)).map((variant: Variant) => ({ row, variant })),
);

async function grant(grantor: string, grantee: string, scope: GrantFacts['scope'], expiresAt: Date): Promise<GrantFacts & { id: string }> {
  const token = await system.token({ role: 'CITIZEN', personId: grantor });
  const { body } = await system.query(
    `mutation Grant($input: GrantAuthorizationInput!) { grantAuthorization(input: $input) { id } }`,
    { input: { grantee, purpose: 'AUTHORIZED_QUERY', scope, expiresAt: expiresAt.toISOString() } },
    { token, purpose: 'SELF_ACCESS' },
  );
  const id = body.data?.grantAuthorization?.id;
  if (typeof id !== 'string') throw new Error(`granting failed: ${JSON.stringify(body.errors)}`);
  world.add('AuthorizationGrant', id, grantor);
  const list = entities.get('AuthorizationGrant') ?? [];
  list.push({ id, owner: grantor });
  entities.set('AuthorizationGrant', list);
  return { id, personId: grantor, grantee, purpose: 'AUTHORIZED_QUERY', scope, expiresAt };
}

beforeAll(async () => {
  system = await startSystem({ dataset: DATASET });
  world = worldFromDataset(DATASET);
  // Persons with the most data first: the caller, the grantors, then the rows they may not see.
  const ranked = [...world.slices].sort((a, b) => b.objections.length + b.repairs.length - (a.objections.length + a.repairs.length) || b.records.length - a.records.length);
  const [self, granted, partlyGranted, stranger] = ranked.map((s) => s.person.id) as [string, string, string, string];
  selfId = self;
  // Sampled in this order, one row per person: the partial grantor first (their records and
  // disputes are outside the partial grant's scope), then strangers, the caller and grantor last.
  const sorted = [ranked[2]!, ...ranked.slice(4), ranked[0]!, ranked[1]!, ranked[3]!];
  entities.set('Person', sorted.map((s) => ({ id: s.person.id, owner: s.person.id })));
  entities.set('CreditRecord', sorted.flatMap((s) => s.records.map((r) => ({ id: r.id, owner: r.subjectId }))));
  entities.set('Objection', sorted.flatMap((s) => s.objections.map((o) => ({ id: o.id, owner: o.subjectId }))));
  entities.set('RepairApplication', sorted.flatMap((s) => s.repairs.map((r) => ({ id: r.id, owner: r.subjectId }))));
  const now = system.clock.now().getTime();
  const all = ['IDENTITY', 'CREDIT_RECORDS', 'DISPUTES', 'INCENTIVES'] as const;
  // Grants from strangers first: naming this agency (visible to it in identity) and another one (not).
  await grant(stranger, AGENCY_SUB, [...all], new Date(now + 30 * 24 * HOUR));
  await grant(stranger, 'agency-elsewhere', ['IDENTITY'], new Date(now + 30 * 24 * HOUR));
  grants = {
    full: await grant(granted, AGENCY_SUB, [...all], new Date(now + 30 * 24 * HOUR)),
    partial: await grant(partlyGranted, AGENCY_SUB, ['IDENTITY', 'INCENTIVES'], new Date(now + 30 * 24 * HOUR)),
  };
  await grant(self, 'agency-elsewhere', ['IDENTITY'], new Date(now + 30 * 24 * HOUR));
  await system.drain();

  // Archived records (out of publication today): records hides them from everyone but AUDITOR × AUDIT and their subject.
  const auditor = await system.token({ role: 'AUDITOR', sub: 'existence-auditor', department: 'audit' });
  const archived: { id: string; owner: string }[] = [];
  for (const record of entities.get('CreditRecord')!) {
    const { body } = await system.query(`query($id: ID!) { creditRecord(id: $id) { status } }`, { id: record.id }, { token: auditor, purpose: 'AUDIT' });
    if (body.data?.creditRecord?.status && body.data.creditRecord.status !== 'ACTIVE') archived.push(record);
  }
  // Published records first: the sample below is of rows only the row rule hides.
  const isArchived = new Set(archived.map((r) => r.id));
  entities.set('CreditRecord', entities.get('CreditRecord')!.filter((r) => !isArchived.has(r.id)));
  // Archived ones as extras, the grantor's too: records hides them, so none may be told from a
  // missing one. Not the citizen's own: the subject reads their own archive (PIPL Art. 45).
  extras.set('CreditRecord', [
    ...archived.filter((r) => r.owner !== self && r.owner !== granted).slice(0, 2),
    ...archived.filter((r) => r.owner === granted).slice(0, 1),
  ]);

  const measures = await system.graphql(`{ measures { code } }`);
  measureCode = measures.data?.measures?.[0]?.code;
  if (typeof measureCode !== 'string') throw new Error(`no measure in the catalog: ${JSON.stringify(measures)}`);
}, 300_000);

afterAll(async () => {
  await system?.close();
});

function callerFor(row: (typeof rows)[number], variant: Variant): RowRuleCaller {
  const sub = row.role === 'AGENCY' ? AGENCY_SUB : `existence-${row.role}-${row.purpose}`.toLowerCase();
  return {
    role: row.role,
    purpose: row.purpose,
    sub,
    personId: row.role === 'CITIZEN' ? selfId : undefined,
    grant: variant === 'grant' ? grants.full : variant === 'partial grant' ? grants.partial : undefined,
  };
}

it('finds the lookups that take an identifier in the supergraph', () => {
  expect(lookups.map((l) => l.field).sort()).toEqual(
    expect.arrayContaining(['authorizationGrant', 'creditRecord', 'measureCheck', 'objection', 'person', 'personByCitizenIdNumber', 'repairApplication']),
  );
});

/**
 * Asks every lookup for hidden existing rows and for a missing one with the operations `which`
 * selects; the differences, one example per lookup first.
 */
async function compareLookups(
  row: (typeof rows)[number],
  variant: Variant,
  which: (operation: LookupOperation) => boolean,
  answerAs: (answer: Answer) => Answer = (answer) => answer,
): Promise<{ compared: number; report?: string }> {
  const caller = callerFor(row, variant);
  if (caller.role === 'PUBLIC') throw new Error('PUBLIC has no row rule');
  const token = await system.token({ role: caller.role, personId: caller.personId, sub: caller.sub, department: 'existence-test' });
  const as = { token, purpose: caller.purpose, grant: caller.grant?.id };
  const now = system.clock.now();
  const today = now.toISOString().slice(0, 10);
  const differences: { lookup: string; text: string }[] = [];
  let compared = 0;
  for (const lookup of lookups) {
    if (!refusedOutsideRow(api, caller, lookup.coordinate)) continue;
    const covered = (owner: string) => rowCovers(api, caller, now, owner, lookup.coordinate);
    const others = othersFor(lookup);
    for (const identifier of lookup.identifiers) {
      const kind = identifier.identifies;
      const extra = kind.kind === 'id' ? (extras.get(kind.type) ?? []).map((r) => r.id) : [];
      const hidden = [...new Set([...hiddenValues(world, entities, kind, covered, SAMPLES), ...extra])];
      if (!hidden.length) throw new Error(`${lookup.coordinate}(${identifier.name}): no existing row this caller may not see`);
      // Every other identifier argument names one hidden row (none but measureCheck has more today).
      const fixed = Object.fromEntries(
        lookup.identifiers.filter((i) => i !== identifier).map((i) => [i.name, hiddenValues(world, entities, i.identifies, covered, 1)[0]]),
      );
      const missing = missingValue(kind, world, today, randomUUID);
      for (const operation of lookupOperations(api.schema, lookup).filter(which)) {
        const ask = (value: string) => system.query(operation.query, { ...others, ...fixed, [identifier.name]: value }, as);
        const absent = answerAs(await ask(missing));
        for (const value of hidden) {
          const present = answerAs(await ask(value));
          compared++;
          const difference = answerDifference(present, [value], absent, [missing]);
          if (difference) {
            differences.push({
              lookup: lookup.field,
              text: `${operation.label}, ${identifier.name} = ${value} (exists) vs ${missing} (does not):\n  existing: ${difference.existing}\n  missing:  ${difference.missing}\n  query: ${operation.query}`,
            });
          }
        }
      }
    }
  }
  if (!differences.length) return { compared };
  const oracles = [...new Set(differences.map((d) => d.lookup))];
  const examples = [...oracles.map((field) => differences.find((d) => d.lookup === field)!), ...differences].filter((d, i, all) => all.indexOf(d) === i).slice(0, 12);
  return {
    compared,
    report: `${differences.length} of ${compared} lookups tell an existing row from a missing one, through ${oracles.join(', ')}:\n${examples.map((d) => d.text).join('\n')}`,
  };
}

describe.concurrent('a lookup a row rule refuses answers the same whether or not the row exists', () => {
  for (const { row, variant } of CASES) {
    it(`${row.role} × ${row.purpose} (${variant})`, { timeout: 600_000 }, async () => {
      const { compared, report } = await compareLookups(row, variant, () => true);
      expect(compared).toBeGreaterThan(0);
      if (report) throw new Error(report);
    });
  }
});

/** Whether the row's own decisions let the gateway fetch the lookups at all (else they are removed before planning). */
function fetchesLookups(row: (typeof rows)[number]): boolean {
  return lookups.some((lookup) => decisionFor(row.role, row.purpose, api.classifications.get(lookup.coordinate)?.level ?? 'SENSITIVE') !== 'DENY');
}

function othersFor(lookup: Lookup): Record<string, unknown> {
  const values: Record<string, unknown> = { 'Query.measureCheck.measure': measureCode };
  return Object.fromEntries(
    lookup.others.map((argument) => {
      const value = values[`${lookup.coordinate}.${argument.name}`];
      if (value === undefined) throw new Error(`${lookup.coordinate}(${argument.name}): the existence test has no value for this argument`);
      return [argument.name, value];
    }),
  );
}
