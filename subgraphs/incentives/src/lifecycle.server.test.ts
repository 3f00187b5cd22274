import { randomUUID } from 'node:crypto';
import type { RecordFacts } from '@credit/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, codes, honour, judgmentDefault, ok, startTestIncentives, TODAY, type TestIncentives } from './server.testing.js';

/**
 * DESIGN §4: only ACTIVE records count. A record that is repaired, revoked or reaches its
 * publicity end leaves the score, the lists, eligibility and the applicable measures at once:
 * on the next request after its record.changed arrives, or on the end date by the clock.
 */
let t: TestIncentives;
beforeAll(async () => {
  t = await startTestIncentives();
});
afterAll(async () => {
  await t?.close();
});

const ENDS_ON = '2026-11-25';

const VIEW = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person {
  onSeriousDishonestyList onRedList
  integrityScore { value grade contributions { recordId points } }
  eligibility { fastTrack acceptWithMissingDocs reasons }
  applicableMeasures { measure { code } trigger record { id } }
} } }`;
interface View {
  onSeriousDishonestyList: boolean;
  onRedList: boolean;
  integrityScore: { value: number; grade: string; contributions: { recordId: string; points: number }[] };
  eligibility: { fastTrack: boolean; acceptWithMissingDocs: boolean; reasons: string[] };
  applicableMeasures: { measure: { code: string }; trigger: string; record: { id: string } | null }[];
}
const view = async (person: string) =>
  (ok(await t.incentives.execute(VIEW, { r: [{ __typename: 'Person', id: person }] }))._entities as View[])[0]!;

const CHECK = `query($p: ID!) { measureCheck(personId: $p, measure: "RESTRICT_HIGH_CONSUMPTION") { applies reasons } }`;
const highConsumption = async (person: string) =>
  ok(await t.incentives.execute(CHECK, { p: person }, caller('OFFICER', 'JOINT_PUNISHMENT'))).measureCheck as { applies: boolean; reasons: string[] };

const PUNISHMENTS = ['RESTRICT_CIVIL_SERVICE_ENTRY', 'RESTRICT_FINANCING', 'RESTRICT_GOVERNMENT_PROCUREMENT', 'RESTRICT_HIGH_CONSUMPTION', 'RESTRICT_HONOURS'];
const INCENTIVES = ['ACCEPT_WITH_MISSING_DOCS', 'FAST_TRACK', 'PRIORITY_HANDLING', 'REDUCED_INSPECTION'];
const measureCodes = (v: View) => [...new Set(v.applicableMeasures.map((a) => a.measure.code))];

interface Transition {
  /** Makes the record leave publication; returns the date from which it no longer counts. */
  leave: (record: RecordFacts) => Promise<string>;
  /** A revoked decision was never validly made, so it does not break the 3 clean years either. */
  cleanYearsCode: string;
}

const TRANSITIONS: [string, Transition][] = [
  [
    'REPAIRED (record.changed)',
    {
      leave: async (record) => {
        await t.deliver([t.changed({ ...record, status: 'REPAIRED', version: 2 })]);
        return TODAY;
      },
      cleanYearsCode: 'NEGATIVE_RECORD_WITHIN_3_YEARS',
    },
  ],
  [
    'REVOKED (record.changed)',
    {
      leave: async (record) => {
        await t.deliver([t.changed({ ...record, status: 'REVOKED', version: 2 })]);
        return TODAY;
      },
      cleanYearsCode: 'NO_NEGATIVE_RECORD_3_YEARS',
    },
  ],
  [
    'expired (publicityEndsOn == today)',
    {
      leave: async (record) => {
        // The day before its end it still counts in full.
        const dayBefore = await t.on('2026-11-24', () => view(record.subjectId));
        expect(dayBefore).toMatchObject({ onSeriousDishonestyList: true, integrityScore: { value: 820 } });
        expect(measureCodes(dayBefore)).toEqual(PUNISHMENTS);
        return ENDS_ON;
      },
      cleanYearsCode: 'NEGATIVE_RECORD_WITHIN_3_YEARS',
    },
  ],
];

describe('a record that leaves publication stops counting at once', () => {
  it.each(TRANSITIONS)('%s', async (_name, { leave, cleanYearsCode }) => {
    const person = randomUUID();
    const serious = judgmentDefault(person, { publicityEndsOn: ENDS_ON });
    const honoured = honour(person);
    await t.publish(serious, honoured);

    const before = await view(person);
    // The honour is held in suspense while the serious record is published (list-precedence.ts)…
    expect(before).toMatchObject({ onSeriousDishonestyList: true, onRedList: false, integrityScore: { value: 820, grade: 'C' } });
    expect(before.eligibility).toMatchObject({ fastTrack: false, acceptWithMissingDocs: false });
    expect(measureCodes(before)).toEqual(PUNISHMENTS);
    expect(before.applicableMeasures.every((a) => a.record?.id === serious.id)).toBe(true);
    expect((await highConsumption(person)).applies).toBe(true);

    const from = await leave(serious);
    const after = await t.on(from, () => view(person));
    // … and counts again the day the record leaves publication.
    expect(after).toMatchObject({ onSeriousDishonestyList: false, onRedList: true, integrityScore: { value: 1020, grade: 'A' } });
    expect(after.integrityScore.contributions).toEqual([{ recordId: honoured.id, points: 20 }]);
    expect(after.eligibility).toMatchObject({ fastTrack: true, acceptWithMissingDocs: true });
    expect(codes(after.eligibility.reasons)).toEqual(['ON_RED_LIST', cleanYearsCode]);
    // The punishments end; the incentives the honour triggers apply again. No entry names the record.
    expect(measureCodes(after)).toEqual(INCENTIVES);
    expect(after.applicableMeasures.some((a) => a.record?.id === serious.id)).toBe(false);
    expect(await t.on(from, () => highConsumption(person))).toEqual({
      applies: false,
      reasons: ['NOT_ON_SERIOUS_DISHONESTY_LIST: no ACTIVE SERIOUS NEGATIVE record in category JUDICIAL'],
    });
  });

  it('keeps a person on the list while another ACTIVE SERIOUS record holds them there', async () => {
    const person = randomUUID();
    const [first, second] = [judgmentDefault(person), judgmentDefault(person, { decidedOn: '2025-06-01' })];
    await t.publish(first, second);
    expect((await view(person)).applicableMeasures).toHaveLength(2 * PUNISHMENTS.length);

    await t.deliver([t.changed({ ...first, status: 'REPAIRED', version: 2 })]);
    const after = await view(person);
    expect(after).toMatchObject({ onSeriousDishonestyList: true, integrityScore: { value: 800 } });
    expect(measureCodes(after)).toEqual(PUNISHMENTS);
    expect(after.applicableMeasures.every((a) => a.record?.id === second.id)).toBe(true);
  });
});
