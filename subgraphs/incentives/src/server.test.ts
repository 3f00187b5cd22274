import { randomUUID } from 'node:crypto';
import {
  applyEvents,
  EVENT,
  generateSigningKey,
  headerLookup,
  ManualClock,
  SIGNATURE_HEADER,
  signRequest,
  type RecordFacts,
  type RunningSubgraph,
} from '@credit/kit';
import { freshDatabaseLocation, recordFactsFixture } from '@credit/kit/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventTables, gradeBands, measures, scoreWeights } from './db/schema.js';
import { handlers } from './events.js';
import { ensureReferenceData } from './reference/ensure.js';
import { startIncentives } from './server.js';

let incentives: RunningSubgraph;
let drop: () => Promise<void>;
const clock = new ManualClock(new Date('2026-11-21T10:00:00+08:00'));
const signingKey = generateSigningKey();

beforeAll(async () => {
  const db = await freshDatabaseLocation();
  drop = db.drop;
  incentives = await startIncentives({ location: db.location, seedDemo: false, relay: false, clock, signingKey });
});
afterAll(async () => {
  await incentives?.close();
  await drop?.();
});

let lastEventId = 0;
const changed = (payload: RecordFacts) => ({ id: ++lastEventId, type: EVENT.recordChanged, payload });

/** Exactly what the relay delivers to /internal/events, applied in-process. */
const deliver = (events: ReturnType<typeof changed>[]) =>
  applyEvents(incentives.database.db, eventTables, handlers, { source: 'records', events });

const record = (subjectId: string, overrides: Partial<RecordFacts> = {}) => recordFactsFixture({ subjectId, ...overrides });
const honour = (subjectId: string, overrides: Partial<RecordFacts> = {}) =>
  record(subjectId, { kind: 'POSITIVE', severity: null, domain: 'VOLUNTEER_SERVICE', category: 'HONOUR', decidedOn: '2026-06-01', publicityEndsOn: '2029-06-01', ...overrides });

const STANDING = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person {
  id onSeriousDishonestyList onRedList
  integrityScore { value grade contributions { recordId points reason } }
  eligibility { fastTrack acceptWithMissingDocs reasons }
} } }`;

interface Standing {
  id: string;
  onSeriousDishonestyList: boolean;
  onRedList: boolean;
  integrityScore: { value: number; grade: string; contributions: { recordId: string; points: number; reason: string }[] };
  eligibility: { fastTrack: boolean; acceptWithMissingDocs: boolean; reasons: string[] };
}

async function standings(ids: string[]): Promise<Standing[]> {
  const result = await incentives.execute(STANDING, { r: ids.map((id) => ({ __typename: 'Person', id })) });
  expect(result.errors).toBeUndefined();
  return result.data?._entities as Standing[];
}
const standing = async (id: string) => (await standings([id]))[0]!;
const codes = (reasons: string[]) => reasons.map((r) => r.slice(0, r.indexOf(':')));

describe('measures catalog', () => {
  it('publishes the seeded incentives and punishments, filtered by kind', async () => {
    const all = await incentives.execute(`{ measures { code kind name legalBasis implementingDepartment } }`);
    expect(all.errors).toBeUndefined();
    const list = all.data?.measures as { code: string; kind: string; name: string; legalBasis: string }[];
    expect(list).toHaveLength(9);
    expect(list.find((m) => m.code === 'FAST_TRACK')).toMatchObject({ kind: 'INCENTIVE', name: '绿色通道' });
    expect(list.find((m) => m.code === 'ACCEPT_WITH_MISSING_DOCS')?.legalBasis).toContain('国发〔2016〕33号');
    expect(list.find((m) => m.code === 'RESTRICT_HIGH_CONSUMPTION')).toMatchObject({ kind: 'PUNISHMENT', name: '限制高消费' });

    const punishments = await incentives.execute(`{ measures(kind: PUNISHMENT) { code kind } }`);
    const codesOf = (punishments.data?.measures as { code: string; kind: string }[]).map((m) => [m.code, m.kind]);
    expect(codesOf).toEqual([
      ['RESTRICT_CIVIL_SERVICE_ENTRY', 'PUNISHMENT'],
      ['RESTRICT_FINANCING', 'PUNISHMENT'],
      ['RESTRICT_GOVERNMENT_PROCUREMENT', 'PUNISHMENT'],
      ['RESTRICT_HIGH_CONSUMPTION', 'PUNISHMENT'],
      ['RESTRICT_HONOURS', 'PUNISHMENT'],
    ]);
  });
});

describe('Person standing from projected records', () => {
  it('computes score, lists and eligibility per person, in representation order', async () => {
    const [blackListed, honoured, unknown] = [randomUUID(), randomUUID(), randomUUID()];
    const serious = record(blackListed, { severity: 'SERIOUS', decidedOn: '2025-03-01', publicityEndsOn: '2028-03-01' });
    await deliver([changed(serious), changed(honour(blackListed)), changed(honour(honoured))]);

    const [a, b, c, garbage] = await standings([blackListed, honoured, unknown, 'not-a-uuid']);
    expect(a).toMatchObject({ id: blackListed, onSeriousDishonestyList: true, onRedList: true, integrityScore: { value: 820, grade: 'C' } });
    expect(a!.integrityScore.contributions).toContainEqual({ recordId: serious.id, points: -200, reason: 'NEGATIVE SERIOUS record, decided 2025-03-01' });
    expect(a!.eligibility).toMatchObject({ fastTrack: false, acceptWithMissingDocs: false });
    expect(codes(a!.eligibility.reasons)).toEqual(['ON_SERIOUS_DISHONESTY_LIST', 'ON_RED_LIST', 'NEGATIVE_RECORD_WITHIN_3_YEARS']);

    expect(b).toMatchObject({ onSeriousDishonestyList: false, onRedList: true, integrityScore: { value: 1020, grade: 'A' } });
    expect(b!.eligibility).toMatchObject({ fastTrack: true, acceptWithMissingDocs: true });

    for (const clean of [c, garbage]) {
      expect(clean).toMatchObject({ onSeriousDishonestyList: false, onRedList: false, integrityScore: { value: 1000, grade: 'A', contributions: [] } });
      expect(codes(clean!.eligibility.reasons)).toEqual(['NO_NEGATIVE_RECORD_3_YEARS']);
    }
  });

  it('stops counting a record as soon as a newer version says REPAIRED; stale and redelivered events change nothing', async () => {
    const person = randomUUID();
    const serious = record(person, { severity: 'SERIOUS', decidedOn: '2025-03-01', publicityEndsOn: '2028-03-01' });
    const first = changed(serious);
    expect(await deliver([first])).toBe(1);
    expect(await standing(person)).toMatchObject({ onSeriousDishonestyList: true, integrityScore: { value: 800 } });

    expect(await deliver([changed({ ...serious, status: 'REPAIRED', version: 2 })])).toBe(1);
    const repaired = await standing(person);
    expect(repaired).toMatchObject({ onSeriousDishonestyList: false, integrityScore: { value: 1000, contributions: [] } });
    // Repaired, but decided within 3 years: still no incentive without the red list.
    expect(codes(repaired.eligibility.reasons)).toEqual(['NEGATIVE_RECORD_WITHIN_3_YEARS']);

    expect(await deliver([first])).toBe(0);
    expect(await deliver([changed({ ...serious, version: 1 })])).toBe(1);
    expect(await standing(person)).toMatchObject({ onSeriousDishonestyList: false, integrityScore: { value: 1000 } });
  });

  it('applies a redelivered batch once', async () => {
    const person = randomUUID();
    const batch = [changed(record(person, { severity: 'MINOR' })), changed(record(person, { severity: 'MINOR' }))];
    expect(await deliver(batch)).toBe(2);
    expect(await deliver(batch)).toBe(0);
    expect((await standing(person)).integrityScore).toMatchObject({ value: 980 });
  });

  it('drops a record on its publicity end date, following the clock', async () => {
    const person = randomUUID();
    await deliver([changed(record(person, { severity: 'SERIOUS', decidedOn: '2024-01-10', publicityEndsOn: '2026-11-22' }))]);
    expect(await standing(person)).toMatchObject({ onSeriousDishonestyList: true, integrityScore: { value: 800 } });
    clock.set('2026-11-22T10:00:00+08:00');
    try {
      expect(await standing(person)).toMatchObject({ onSeriousDishonestyList: false, integrityScore: { value: 1000 } });
    } finally {
      clock.set('2026-11-21T10:00:00+08:00');
    }
  });

  it('accepts record.changed batches on /internal/events, as the relay posts them', async () => {
    const person = randomUUID();
    const body = JSON.stringify({ source: 'records', events: [changed(honour(person))] });
    const signature = signRequest(signingKey, { method: 'POST', path: '/internal/events', header: headerLookup(), body });
    const response = await fetch(`${incentives.url}/internal/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature },
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ applied: 1 });
    expect(await standing(person)).toMatchObject({ onRedList: true, integrityScore: { value: 1020 } });
  });
});

describe('weights and bands are data', () => {
  it('changes the score when a weight row changes and the grade when a band row changes', async () => {
    const db = incentives.database.db;
    const person = randomUUID();
    await deliver([changed(record(person, { severity: 'GENERAL' }))]);
    expect((await standing(person)).integrityScore).toMatchObject({ value: 950, grade: 'B' });
    try {
      await db.update(scoreWeights).set({ points: -30 }).where(eq(scoreWeights.code, 'NEGATIVE_GENERAL'));
      expect((await standing(person)).integrityScore).toMatchObject({ value: 970, grade: 'A' });
      await db.update(gradeBands).set({ minScore: 975 }).where(eq(gradeBands.grade, 'A'));
      expect((await standing(person)).integrityScore).toMatchObject({ value: 970, grade: 'B' });
    } finally {
      await db.update(scoreWeights).set({ points: -50 }).where(eq(scoreWeights.code, 'NEGATIVE_GENERAL'));
      await db.update(gradeBands).set({ minScore: 960 }).where(eq(gradeBands.grade, 'A'));
    }
  });

  it('re-seeds idempotently and keeps a recalibrated weight', async () => {
    const db = incentives.database.db;
    try {
      await db.update(scoreWeights).set({ points: 25 }).where(eq(scoreWeights.code, 'POSITIVE'));
      await ensureReferenceData(db);
      await ensureReferenceData(db);
      expect(await db.select().from(measures)).toHaveLength(9);
      expect(await db.select().from(gradeBands)).toHaveLength(6);
      expect(await db.select().from(scoreWeights).where(eq(scoreWeights.code, 'POSITIVE'))).toEqual([{ code: 'POSITIVE', points: 25 }]);
    } finally {
      await db.update(scoreWeights).set({ points: 20 }).where(eq(scoreWeights.code, 'POSITIVE'));
    }
  });
});

describe('no N+1', () => {
  it('resolves score, eligibility and lists of 2 or 20 persons in the same number of statements', async () => {
    const persons = Array.from({ length: 20 }, () => randomUUID());
    await deliver(persons.flatMap((p, i) => [changed(record(p, { severity: i % 2 ? 'SERIOUS' : 'MINOR' })), changed(honour(p))]));
    const statementsFor = async (ids: string[]) => {
      const before = incentives.database.counter.statements;
      const result = await standings(ids);
      expect(result.map((s) => s.id)).toEqual(ids);
      expect(result.every((s) => s.integrityScore.contributions.length === 2)).toBe(true);
      return incentives.database.counter.statements - before;
    };
    const two = await statementsFor(persons.slice(0, 2));
    const twenty = await statementsFor(persons);
    // One for all the persons' records, one each for the weights and the bands.
    expect(two).toBe(3);
    expect(twenty).toBe(two);
  });
});
