import { randomUUID } from 'node:crypto';
import { addDays, addMonths, ManualClock, RECORD_KINDS, SEVERITIES, type RecordFacts, type StoredRecordStatus } from '@credit/kit';
import { inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogMeasure } from './catalog.js';
import { recordFacts } from './db/schema.js';
import { eligibility } from './eligibility.js';
import type { Fact } from './facts.js';
import { createLoaders } from './loaders.js';
import { integrityScore, type ScoreRules } from './scoring.js';
import { record, startTestIncentives, TODAY, type TestIncentives } from './server.testing.js';
import { cleanYears, onBlackList, onRedList, redListSuspended, standingOf } from './standing.js';
import { applicableMeasures } from './triggers.js';

let t: TestIncentives;
let rules: ScoreRules;
let catalog: CatalogMeasure[];
beforeAll(async () => {
  t = await startTestIncentives();
  const reference = createLoaders(t.incentives.database.db, t.clock);
  [rules, catalog] = await Promise.all([reference.scoreRules(), reference.catalog()]);
});
afterAll(async () => {
  await t?.close();
});

const clockOn = (day: string) => new ManualClock(new Date(`${day}T10:00:00+08:00`));
const loaded = (persons: string[], day: string) => createLoaders(t.incentives.database.db, clockOn(day)).factsBySubject.loadMany(persons);

/** The statement factsBySubject sent before it shipped only what the rules use: every record of each person. */
async function allRecords(persons: string[]): Promise<Fact[][]> {
  const rows = await t.incentives.database.db.select().from(recordFacts).where(inArray(recordFacts.subjectId, persons));
  return persons.map((p) => rows.filter((r) => r.subjectId === p));
}

/** Every answer incentives gives about a person without nominations, from the records given. */
function answers(personId: string, facts: readonly Fact[], day: string) {
  const standing = standingOf(personId, facts, [], day);
  return {
    integrityScore: integrityScore(facts, rules, day),
    eligibility: eligibility(catalog, standing),
    applicableMeasures: applicableMeasures(catalog, standing).map((m) => ({ ...m, record: m.record?.id ?? null })),
    onSeriousDishonestyList: onBlackList(standing),
    onRedList: onRedList(standing),
    redListSuspended: redListSuspended(standing),
    cleanYears: cleanYears(standing),
    lastNegativeDecision: standing.lastNegativeDecision,
    cleanFrom: standing.cleanFrom,
  };
}

const ids = (facts: readonly Fact[]) => facts.map((f) => f.id).sort();

describe('factsBySubject', () => {
  it('ships the records in publicity and the latest NEGATIVE decision that still stands, nothing else', async () => {
    const person = randomUUID();
    const inPublicity = record(person, { decidedOn: '2026-01-10', publicityEndsOn: '2027-01-10' });
    const latestNegative = record(person, { decidedOn: '2026-03-01', publicityEndsOn: '2026-09-01' });
    const honour = record(person, { kind: 'POSITIVE', severity: null, category: 'HONOUR', decidedOn: '2025-06-01', publicityEndsOn: '2028-06-01' });
    await t.publish(
      inPublicity,
      latestNegative,
      honour,
      // An overturned decision was never validly made: it neither counts nor ships.
      record(person, { decidedOn: '2026-10-01', status: 'REVOKED' }),
      // Older decisions and ended publicity change no answer.
      record(person, { decidedOn: '2024-02-01', publicityEndsOn: '2025-02-01' }),
      record(person, { decidedOn: '2025-05-01', publicityEndsOn: '2028-05-01', status: 'REPAIRED' }),
      record(person, { kind: 'POSITIVE', severity: null, category: 'HONOUR', decidedOn: '2022-06-01', publicityEndsOn: '2025-06-01' }),
    );
    const [facts] = await loaded([person], TODAY);
    expect(ids(facts as Fact[])).toEqual(ids([inPublicity, latestNegative, honour]));
    expect(answers(person, facts as Fact[], TODAY)).toEqual(answers(person, (await allRecords([person]))[0]!, TODAY));
  });

  it('ships the latest NEGATIVE decision once when it is also in publicity', async () => {
    const person = randomUUID();
    const latest = record(person, { decidedOn: '2026-05-01', publicityEndsOn: '2027-05-01' });
    await t.publish(latest, record(person, { decidedOn: '2025-01-01', publicityEndsOn: '2025-07-01', status: 'REPAIRED' }));
    const [facts] = await loaded([person], TODAY);
    expect(ids(facts as Fact[])).toEqual([latest.id]);
    expect(answers(person, facts as Fact[], TODAY).integrityScore.contributions).toHaveLength(1);
  });

  it('gives nothing for an id that is not a person id, and an empty list for a person without records', async () => {
    expect(await loaded(['not-a-uuid', randomUUID()], TODAY)).toEqual([[], []]);
  });

  it('gives every answer the full history gives, on generated records and days', async () => {
    const day = fc.integer({ min: -400, max: 400 }).map((d) => addDays(TODAY, d));
    // Months on a coarse grid, so decisions tie and publicity ends exactly on the day often enough.
    const fact = fc
      .record({
        kind: fc.constantFrom(...RECORD_KINDS),
        severity: fc.constantFrom(...SEVERITIES),
        category: fc.constantFrom('HONOUR', 'JUDICIAL', 'ADMINISTRATIVE_ACT'),
        decidedMonthsAgo: fc.integer({ min: -2, max: 72 }),
        publicityMonths: fc.integer({ min: 1, max: 60 }),
        status: fc.constantFrom<StoredRecordStatus>('ACTIVE', 'REPAIRED', 'REVOKED'),
      })
      .map(({ kind, severity, decidedMonthsAgo, publicityMonths, ...rest }) => {
        const decidedOn = addMonths(TODAY, -decidedMonthsAgo);
        return { kind, severity: kind === 'POSITIVE' ? null : severity, decidedOn, publicityEndsOn: addMonths(decidedOn, publicityMonths), ...rest };
      });
    const people = fc.array(fc.array(fact, { maxLength: 10 }), { minLength: 1, maxLength: 4 });

    await fc.assert(
      fc.asyncProperty(people, day, async (histories, today) => {
        const persons = histories.map(() => randomUUID());
        const published: RecordFacts[] = histories.flatMap((facts, i) => facts.map((f) => record(persons[i]!, f)));
        if (published.length) await t.publish(...published);
        const [shipped, all] = await Promise.all([loaded(persons, today), allRecords(persons)]);
        persons.forEach((person, i) => {
          const facts = shipped[i] as Fact[];
          expect(facts.length).toBeLessThanOrEqual(all[i]!.length);
          expect(answers(person, facts, today)).toEqual(answers(person, all[i]!, today));
        });
      }),
      { numRuns: 150 },
    );
  });
});
