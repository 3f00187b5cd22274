/**
 * The leak test (issue 3, point 9): random valid operations from the supergraph, for every
 * (role, purpose) of the policy and every row situation, through the real gateway and subgraphs;
 * every answer is checked against the policy by an oracle that shares no code with the gateway's
 * privacy engine. LEAK_TEST_RUNS sets the total number of operations (default 2,000),
 * LEAK_TEST_SEED replays a failure (fast-check prints the seed).
 *
 * Purposes are bound to entry points (issue 11): whether the gateway must refuse an operation
 * before planning is computed from the entry-point table on the operation's own root calls
 * (leak/entries.ts); a refusal must be exactly FORBIDDEN_PURPOSE with the table's reason and
 * `data: null`, and any other answer is checked as before. The generator favours the root fields
 * each purpose reaches (and one subject per operation under single-subject purposes), so most
 * operations run and a share is refused. For callers who get the citizen ID number masked, every
 * person in every answer must leave at least 1,000 candidate numbers (leak/candidates.ts).
 */
import type { SyntheticSlice } from '@credit/kit';
import { decisionFor, POLICY, ROW_RULES, type PolicyRow } from '@credit/schema';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startSystem, type System } from './harness.js';
import { leakApi } from './leak/api.js';
import { candidateCounts, MIN_CANDIDATES, type CandidateFinding } from './leak/candidates.js';
import { expectedEntryVerdict, isSingleSubject, refusalProblems, rootCallsOf, rootWeights } from './leak/entries.js';
import { operationArbitrary, ROOT_FIELDS, type GeneratedOperation, type IdPool } from './leak/operations.js';
import { checkAnswer, type Caller, type GrantFacts, type Violation } from './leak/oracle.js';
import { worldFromDataset, type MutableWorld } from './leak/world.js';

// Seed 14 gives several persons with objections and repairs, so every entity type has owners to mix.
const DATASET = { persons: 30, seed: 14 };
const TOTAL_RUNS = Number(process.env.LEAK_TEST_RUNS ?? 2000);
const SEED = process.env.LEAK_TEST_SEED === undefined ? undefined : Number(process.env.LEAK_TEST_SEED);
const AGENCY_SUB = 'agency-leak-test';
const HOUR = 3_600_000;

/** Where the caller's own row applies: to whom the data in the operations mostly belongs. */
type Situation = 'self' | 'other' | 'granted' | 'partly granted' | 'expired grant' | 'any';

function situationsFor(row: PolicyRow): Situation[] {
  const rule = ROW_RULES[row.role];
  if (!rule) return ['any'];
  return rule.rowAppliesTo === 'SELF' ? ['self', 'other'] : ['granted', 'partly granted', 'expired grant'];
}

const CASES = POLICY.flatMap((row) => situationsFor(row).map((situation) => ({ row, situation })));
const RUNS_PER_CASE = Math.ceil(TOTAL_RUNS / CASES.length);

/**
 * Share of root-field draws the purpose does not reach; with one to three root fields per
 * operation (and fragments), 10 to 17 % of each purpose's operations are refused (none for AUDIT).
 */
const REFUSED_ROOT_SHARE = 0.04;
/** Under a single-subject purpose, this share of operations has its lookups name one subject. */
const ONE_SUBJECT = 0.92;

/** Error codes saying the operation was not run as generated: the test would be testing nothing. */
const NOT_RUN = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN_PURPOSE',
  'RATE_LIMITED',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'QUERY_TOO_LARGE',
  'QUERY_TOO_COSTLY',
  'PAGE_TOO_LARGE',
  'AUDIT_UNAVAILABLE',
]);

interface Actors {
  self: SyntheticSlice;
  granted: SyntheticSlice;
  partlyGranted: SyntheticSlice;
  expiredGrantor: SyntheticSlice;
  others: SyntheticSlice[];
  grants: Record<'granted' | 'partly granted' | 'expired grant', GrantFacts & { id: string }>;
  /** Grant ids by grantor person id. */
  grantIds: Map<string, string[]>;
}

let system: System;
let world: MutableWorld;
let actors: Actors;
const api = leakApi();
const stats = {
  operations: 0,
  violations: 0,
  codes: new Map<string, number>(),
  /** Refused before planning as the entry-point table says, by reason. */
  refused: new Map<string, number>(),
  /** Per policy row getting the citizen ID number masked: persons checked, and the fewest candidates (with a number seen). */
  candidates: new Map<string, { persons: number; fewest: number; fewestWithNumber: number }>(),
  startedAt: Date.now(),
};
/** Catalog measure codes, read from the system. */
let measureCodes: string[] = [];

async function grant(grantor: SyntheticSlice, grantee: string, scope: GrantFacts['scope'], expiresAt: Date): Promise<GrantFacts & { id: string }> {
  const token = await system.token({ role: 'CITIZEN', personId: grantor.person.id });
  const { status, body } = await system.query(
    `mutation Grant($input: GrantAuthorizationInput!) { grantAuthorization(input: $input) { id } }`,
    { input: { grantee, purpose: 'AUTHORIZED_QUERY', scope, expiresAt: expiresAt.toISOString() } },
    { token, purpose: 'SELF_ACCESS' },
  );
  const id = body.data?.grantAuthorization?.id;
  if (status !== 200 || typeof id !== 'string') throw new Error(`granting failed: HTTP ${status} ${JSON.stringify(body.errors)}`);
  world.add('AuthorizationGrant', id, grantor.person.id);
  return { id, personId: grantor.person.id, grantee, purpose: 'AUTHORIZED_QUERY', scope, expiresAt };
}

beforeAll(async () => {
  system = await startSystem({ dataset: DATASET });
  world = worldFromDataset(DATASET);
  // Persons with objections and repairs first: their data reaches every subgraph.
  const ranked = [...world.slices].sort(
    (a, b) => Number(b.objections.length > 0) + Number(b.repairs.length > 0) - (Number(a.objections.length > 0) + Number(a.repairs.length > 0)) || b.records.length - a.records.length,
  );
  const [self, granted, partlyGranted, expiredGrantor, ...others] = ranked as [SyntheticSlice, SyntheticSlice, SyntheticSlice, SyntheticSlice, ...SyntheticSlice[]];
  const now = system.clock.now().getTime();
  const all = ['IDENTITY', 'CREDIT_RECORDS', 'DISPUTES', 'INCENTIVES'] as const;
  const grants = {
    granted: await grant(granted, AGENCY_SUB, [...all], new Date(now + 30 * 24 * HOUR)),
    'partly granted': await grant(partlyGranted, AGENCY_SUB, ['IDENTITY', 'INCENTIVES'], new Date(now + 30 * 24 * HOUR)),
    'expired grant': await grant(expiredGrantor, AGENCY_SUB, [...all], new Date(now + HOUR)),
  };
  // The citizen's own grants list is not empty, and names another agency.
  const own = await grant(self, 'agency-elsewhere', ['IDENTITY'], new Date(now + 30 * 24 * HOUR));
  system.clock.set(new Date(now + 2 * HOUR));
  await system.drain();
  const grantIds = new Map<string, string[]>();
  for (const g of [...Object.values(grants), own]) grantIds.set(g.personId, [...(grantIds.get(g.personId) ?? []), g.id]);
  actors = { self, granted, partlyGranted, expiredGrantor, others, grants, grantIds };
  const catalog = await system.query<{ measures: { code: string }[] }>('{ measures { code } }');
  measureCodes = (catalog.body.data?.measures ?? []).map((m) => m.code);
  if (!measureCodes.length) throw new Error(`no measures in the catalog: ${JSON.stringify(catalog.body)}`);
});

afterAll(async () => {
  const seconds = ((Date.now() - stats.startedAt) / 1000).toFixed(1);
  const codes = [...stats.codes].map(([code, n]) => `${code}=${n}`).join(', ');
  const refused = [...stats.refused].map(([reason, n]) => `${reason}=${n}`).join(', ');
  const refusedTotal = [...stats.refused.values()].reduce((a, b) => a + b, 0);
  console.log(`leak test: ${stats.operations} operations checked in ${seconds} s, ${stats.violations} with violations; error codes: ${codes || 'none'}`);
  console.log(`leak test: ${refusedTotal} refused before planning as the entry-point table says (${refused || 'none'}), ${stats.operations - refusedTotal} run`);
  for (const [row, c] of stats.candidates) {
    console.log(`leak test: ${row} (citizen ID number masked): ${c.persons} persons in answers, fewest candidate numbers ${c.fewest} (${c.fewestWithNumber} with the masked number in the answer)`);
  }
  await system?.close();
});

/** The ids the situation is about, three times over, then everyone's, so operations mix owners. */
function poolFor(situation: Situation): IdPool {
  const focus: Record<Situation, SyntheticSlice[]> = {
    self: [actors.self],
    other: actors.others,
    granted: [actors.granted],
    'partly granted': [actors.partlyGranted],
    'expired grant': [actors.expiredGrantor],
    any: [],
  };
  const slices = [...Array(3).fill(focus[situation]).flat(), ...world.slices] as SyntheticSlice[];
  return {
    persons: slices.map((s) => s.person.id),
    citizenIds: slices.map((s) => s.person.citizenIdNumber),
    records: slices.flatMap((s) => s.records.map((r) => r.id)),
    objections: slices.flatMap((s) => s.objections.map((o) => o.id)),
    repairs: slices.flatMap((s) => s.repairs.map((r) => r.id)),
    grants: slices.flatMap((s) => actors.grantIds.get(s.person.id) ?? []),
    measures: measureCodes,
  };
}

/** What the answer's persons leave of their citizen ID numbers, for callers who get it masked. */
function checkCandidates(rowLabel: string, operation: GeneratedOperation, data: unknown): CandidateFinding[] {
  const findings = candidateCounts(api, operation, data, system.clock.today());
  const entry = stats.candidates.get(rowLabel) ?? { persons: 0, fewest: Number.POSITIVE_INFINITY, fewestWithNumber: Number.POSITIVE_INFINITY };
  for (const { sighting, count } of findings) {
    entry.persons++;
    entry.fewest = Math.min(entry.fewest, count);
    if (sighting.numbers.length) entry.fewestWithNumber = Math.min(entry.fewestWithNumber, count);
  }
  stats.candidates.set(rowLabel, entry);
  return findings.filter((f) => f.count < MIN_CANDIDATES);
}

function describeFailure(label: string, operation: GeneratedOperation, status: number, body: unknown, violations: Violation[]): string {
  const answer = JSON.stringify(body);
  return [
    `${label}: ${violations.length} violation(s), HTTP ${status}`,
    ...violations.map((v) => `  ${v.kind} at ${v.path.join('.') || '(answer)'}${v.owner ? ` (owner ${v.owner})` : ''}: ${v.message}`),
    'query:',
    operation.query,
    `variables: ${JSON.stringify(operation.variables)}`,
    `answer: ${answer.length > 4000 ? `${answer.slice(0, 4000)}...` : answer}`,
  ].join('\n');
}

describe.concurrent('no operation leaks what the policy withholds', () => {
  const citizenIdLevel = api.classifications.get('Person.citizenIdNumber')?.level ?? 'SENSITIVE';
  for (const { row, situation } of CASES) {
    const label = `${row.role} × ${row.purpose} (${situation})`;
    const rowLabel = `${row.role} × ${row.purpose}`;
    // Callers who get the number masked (for the persons their row applies to) must not rebuild it from the rest.
    const masked = decisionFor(row.role, row.purpose, citizenIdLevel) === 'MASK';
    it(label, { timeout: 600_000 }, async () => {
      const sub = row.role === 'AGENCY' ? AGENCY_SUB : `leak-${row.role}-${row.purpose}-${situation}`.toLowerCase();
      const caller: Caller = { role: row.role, purpose: row.purpose, sub, personId: row.role === 'CITIZEN' ? actors.self.person.id : undefined };
      const token = row.role === 'PUBLIC' ? undefined : await system.token({ role: row.role, personId: caller.personId, sub, department: 'leak-test' });
      const grantFacts = situation === 'granted' || situation === 'partly granted' || situation === 'expired grant' ? actors.grants[situation] : undefined;
      const operations = operationArbitrary(api.schema, poolFor(situation), {
        rootWeight: rootWeights(row.purpose, ROOT_FIELDS, REFUSED_ROOT_SHARE),
        oneSubject: isSingleSubject(row.purpose) ? ONE_SUBJECT : 0,
      });
      await fc.assert(
        fc.asyncProperty(operations, async (operation) => {
          const calls = rootCallsOf(api.schema, operation.query, operation.variables);
          const verdict = expectedEntryVerdict(row.purpose, calls);
          const { status, body } = await system.query(operation.query, operation.variables, { token, purpose: row.purpose, grant: grantFacts?.id });
          stats.operations++;
          const codes = ((body?.errors ?? []) as { extensions?: { code?: string } }[]).map((e) => String(e.extensions?.code));
          for (const code of codes) stats.codes.set(code, (stats.codes.get(code) ?? 0) + 1);
          if (!verdict.allowed) {
            // The table refuses it: nothing may run, and the refusal must say why.
            const problems = refusalProblems(status, body, verdict, calls);
            if (problems.length) {
              stats.violations++;
              throw new Error(`the entry-point table refuses this (${verdict.reason} at ${verdict.field}): ${problems.join('; ')}\n${describeFailure(label, operation, status, body, [])}`);
            }
            stats.refused.set(verdict.reason, (stats.refused.get(verdict.reason) ?? 0) + 1);
            return;
          }
          const violations = checkAnswer({ response: body, operation, caller, grant: grantFacts, now: system.clock.now(), api, world });
          const notRun = codes.filter((code) => NOT_RUN.has(code));
          const weak = masked && body?.data ? checkCandidates(rowLabel, operation, body.data) : [];
          if (status >= 500 || notRun.length || violations.length || weak.length) {
            stats.violations++;
            const problems = [
              ...(status >= 500 ? [`HTTP ${status}`] : []),
              ...(notRun.length ? [`not run: ${notRun.join(', ')}`] : []),
              ...weak.map(({ sighting, count }) => `only ${count} citizen ID numbers fit what the answer shows of person ${sighting.personId ?? '(no id)'}: ${JSON.stringify(sighting)}`),
            ];
            throw new Error(`${problems.join('; ')}\n${describeFailure(label, operation, status, body, violations)}`);
          }
        }),
        { numRuns: RUNS_PER_CASE, seed: SEED },
      );
    });
  }
});
