import { randomUUID } from 'node:crypto';
import { headerLookup, SIGNATURE_HEADER, signRequest } from '@credit/kit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeBands, measures, scoreWeights } from './db/schema.js';
import { ensureReferenceData } from './reference/ensure.js';
import { codes, honour, record, startTestIncentives, type TestIncentives } from './server.testing.js';

let t: TestIncentives;
beforeAll(async () => {
  t = await startTestIncentives();
});
afterAll(async () => {
  await t?.close();
});

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
  const result = await t.incentives.execute(STANDING, { r: ids.map((id) => ({ __typename: 'Person', id })) });
  expect(result.errors).toBeUndefined();
  return result.data?._entities as Standing[];
}
const standing = async (id: string) => (await standings([id]))[0]!;

describe('measures catalog', () => {
  it('publishes the seeded incentives and punishments, filtered by kind', async () => {
    const all = await t.incentives.execute(`{ measures { code kind name legalBasis implementingDepartment } }`);
    expect(all.errors).toBeUndefined();
    const list = all.data?.measures as { code: string; kind: string; name: string; legalBasis: string }[];
    expect(list).toHaveLength(9);
    expect(list.find((m) => m.code === 'FAST_TRACK')).toMatchObject({ kind: 'INCENTIVE', name: '绿色通道' });
    expect(list.find((m) => m.code === 'ACCEPT_WITH_MISSING_DOCS')?.legalBasis).toContain('国发〔2016〕33号');
    expect(list.find((m) => m.code === 'RESTRICT_HIGH_CONSUMPTION')).toMatchObject({ kind: 'PUNISHMENT', name: '限制高消费' });

    const punishments = await t.incentives.execute(`{ measures(kind: PUNISHMENT) { code kind } }`);
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
    await t.deliver([t.changed(serious), t.changed(honour(blackListed)), t.changed(honour(honoured))]);

    const [a, b, c, garbage] = await standings([blackListed, honoured, unknown, 'not-a-uuid']);
    expect(a).toMatchObject({ id: blackListed, onSeriousDishonestyList: true, onRedList: false, integrityScore: { value: 820, grade: 'C' } });
    expect(a!.integrityScore.contributions).toContainEqual({ recordId: serious.id, points: -200, reason: 'NEGATIVE SERIOUS record, decided 2025-03-01' });
    expect(a!.eligibility).toMatchObject({ fastTrack: false, acceptWithMissingDocs: false });
    expect(codes(a!.eligibility.reasons)).toEqual(['ON_SERIOUS_DISHONESTY_LIST', 'RED_LIST_SUSPENDED', 'NEGATIVE_RECORD_WITHIN_3_YEARS']);

    expect(b).toMatchObject({ onSeriousDishonestyList: false, onRedList: true, integrityScore: { value: 1020, grade: 'A' } });
    expect(b!.eligibility).toMatchObject({ fastTrack: true, acceptWithMissingDocs: true });

    for (const clean of [c, garbage]) {
      expect(clean).toMatchObject({ onSeriousDishonestyList: false, onRedList: false, integrityScore: { value: 1000, grade: 'A', contributions: [] } });
      expect(codes(clean!.eligibility.reasons)).toEqual(['NOT_ON_RED_LIST', 'NO_NEGATIVE_RECORD_3_YEARS']);
    }
  });

  it('stops counting a record as soon as a newer version says REPAIRED; stale and redelivered events change nothing', async () => {
    const person = randomUUID();
    const serious = record(person, { severity: 'SERIOUS', decidedOn: '2025-03-01', publicityEndsOn: '2028-03-01' });
    const first = t.changed(serious);
    expect(await t.deliver([first])).toBe(1);
    expect(await standing(person)).toMatchObject({ onSeriousDishonestyList: true, integrityScore: { value: 800 } });

    expect(await t.deliver([t.changed({ ...serious, status: 'REPAIRED', version: 2 })])).toBe(1);
    const repaired = await standing(person);
    expect(repaired).toMatchObject({ onSeriousDishonestyList: false, integrityScore: { value: 1000, contributions: [] } });
    // Repaired, but decided within 3 years: still no incentive without the red list.
    expect(codes(repaired.eligibility.reasons)).toEqual(['NOT_ON_RED_LIST', 'NEGATIVE_RECORD_WITHIN_3_YEARS']);

    expect(await t.deliver([first])).toBe(0);
    expect(await t.deliver([t.changed({ ...serious, version: 1 })])).toBe(1);
    expect(await standing(person)).toMatchObject({ onSeriousDishonestyList: false, integrityScore: { value: 1000 } });
  });

  it('applies a redelivered batch once', async () => {
    const person = randomUUID();
    const batch = [t.changed(record(person, { severity: 'MINOR' })), t.changed(record(person, { severity: 'MINOR' }))];
    expect(await t.deliver(batch)).toBe(2);
    expect(await t.deliver(batch)).toBe(0);
    expect((await standing(person)).integrityScore).toMatchObject({ value: 980 });
  });

  it('drops a record on its publicity end date, following the clock', async () => {
    const person = randomUUID();
    await t.deliver([t.changed(record(person, { severity: 'SERIOUS', decidedOn: '2024-01-10', publicityEndsOn: '2026-11-22' }))]);
    expect(await standing(person)).toMatchObject({ onSeriousDishonestyList: true, integrityScore: { value: 800 } });
    expect(await t.on('2026-11-22', () => standing(person))).toMatchObject({ onSeriousDishonestyList: false, integrityScore: { value: 1000 } });
  });

  it('accepts record.changed batches on /internal/events, as the relay posts them', async () => {
    const person = randomUUID();
    const body = JSON.stringify({ source: 'records', events: [t.changed(honour(person))] });
    const signature = signRequest(t.signingKey, { method: 'POST', path: '/internal/events', header: headerLookup(), body });
    const response = await fetch(`${t.incentives.url}/internal/events`, {
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
    const db = t.incentives.database.db;
    const person = randomUUID();
    await t.deliver([t.changed(record(person, { severity: 'GENERAL' }))]);
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
    const db = t.incentives.database.db;
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
    await t.deliver(persons.flatMap((p, i) => [t.changed(record(p, { severity: i % 2 ? 'SERIOUS' : 'MINOR' })), t.changed(honour(p))]));
    const statementsFor = async (ids: string[]) => {
      const before = t.incentives.database.counter.statements;
      const result = await standings(ids);
      expect(result.map((s) => s.id)).toEqual(ids);
      expect(result.every((s) => s.integrityScore.contributions.length === 2)).toBe(true);
      return t.incentives.database.counter.statements - before;
    };
    const two = await statementsFor(persons.slice(0, 2));
    const twenty = await statementsFor(persons);
    // One each for all the persons' records, all their nominations, and the reference data (weights,
    // bands, measures and triggers in one statement; eligibility follows the catalog).
    expect(two).toBe(3);
    expect(twenty).toBe(two);
  });
});
