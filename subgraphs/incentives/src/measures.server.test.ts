import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measures, measureTriggers } from './db/schema.js';
import { LIST_PRECEDENCE } from './list-precedence.js';
import { ensureReferenceData } from './reference/ensure.js';
import { MEASURES } from './reference/measures.js';
import { caller, honour, judgmentDefault, ok, record, refused, servedPersons, startTestIncentives, type TestIncentives } from './server.testing.js';

let t: TestIncentives;
beforeAll(async () => {
  t = await startTestIncentives();
});
afterAll(async () => {
  await t?.close();
});

const LICENSING = caller('OFFICER', 'ADMINISTRATIVE_LICENSING', { department: '市场监管局' });

const APPLIED = `measure { code kind } trigger record { id } redListEntry { id nominatingDepartment } reason`;
interface Applied {
  measure: { code: string; kind: string };
  trigger: string;
  record: { id: string } | null;
  redListEntry: { id: string; nominatingDepartment: string } | null;
  reason: string;
}

const APPLICABLE = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id applicableMeasures { ${APPLIED} } } } }`;
async function applicable(ids: string[]): Promise<Applied[][]> {
  const result = await t.incentives.execute(APPLICABLE, { r: ids.map((id) => ({ __typename: 'Person', id })) });
  return (ok(result)._entities as { applicableMeasures: Applied[] }[]).map((p) => p.applicableMeasures);
}
const measuresOf = (applied: Applied[]) => applied.map((a) => [a.measure.code, a.trigger, a.record?.id ?? a.redListEntry?.id ?? null]);

const CHECK = `query($p: ID!, $m: String!) { measureCheck(personId: $p, measure: $m) { measure { code name } applies reasons triggers { ${APPLIED} } } }`;
interface Check {
  measure: { code: string; name: string };
  applies: boolean;
  reasons: string[];
  triggers: Applied[];
}
const measureCheck = (personId: string, measure: string) => t.incentives.execute(CHECK, { p: personId, m: measure }, LICENSING);
const checked = async (personId: string, measure: string) => ok(await measureCheck(personId, measure)).measureCheck as Check;

const NOMINATE = `mutation($input: NominateRedListInput!) { nominateRedList(input: $input) { id } }`;
async function nominate(personId: string): Promise<string> {
  const input = { personId, nominatingDepartment: '县文明办', reason: '优秀志愿者' };
  return (ok(await t.incentives.execute(NOMINATE, { input }, caller('CREDIT_OFFICE', 'JOINT_INCENTIVE'))).nominateRedList as { id: string }).id;
}

const PUNISHMENTS = ['RESTRICT_CIVIL_SERVICE_ENTRY', 'RESTRICT_FINANCING', 'RESTRICT_GOVERNMENT_PROCUREMENT', 'RESTRICT_HIGH_CONSUMPTION', 'RESTRICT_HONOURS'];

describe('Person.applicableMeasures', () => {
  it('lists every punishment for a judgment defaulter, each with its record, and no incentive', async () => {
    const person = randomUUID();
    const defaulted = judgmentDefault(person);
    await t.publish(defaulted, honour(person));
    const [applied] = await applicable([person]);
    expect(measuresOf(applied!)).toEqual(PUNISHMENTS.map((code) => [code, 'SERIOUS_DISHONESTY_LIST', defaulted.id]));
    expect(applied![0]!.reason).toBe('ON_SERIOUS_DISHONESTY_LIST: SERIOUS NEGATIVE record in category JUDICIAL, decided 2025-03-01, publicity ends 2028-03-01');
  });

  it('restricts high consumption only for a record of category JUDICIAL (法释〔2015〕17号)', async () => {
    const person = randomUUID();
    await t.publish(record(person, { severity: 'SERIOUS', decidedOn: '2025-03-01', publicityEndsOn: '2028-03-01' }));
    const [applied] = await applicable([person]);
    expect(applied!.map((a) => a.measure.code)).toEqual(PUNISHMENTS.filter((c) => c !== 'RESTRICT_HIGH_CONSUMPTION'));
  });

  it('lists the incentives a nomination and 3 clean years trigger, each as its own entry', async () => {
    const person = randomUUID();
    await t.publish(record(person, { decidedOn: '2023-11-21', publicityEndsOn: '2024-11-21' }));
    const entryId = await nominate(person);
    const [applied] = await applicable([person]);
    expect(measuresOf(applied!)).toEqual([
      ['ACCEPT_WITH_MISSING_DOCS', 'RED_LIST', entryId],
      ['ACCEPT_WITH_MISSING_DOCS', 'NO_NEGATIVE_RECORD_3_YEARS', null],
      ['FAST_TRACK', 'RED_LIST', entryId],
      ['FAST_TRACK', 'NO_NEGATIVE_RECORD_3_YEARS', null],
      ['PRIORITY_HANDLING', 'RED_LIST', entryId],
      ['REDUCED_INSPECTION', 'RED_LIST', entryId],
      ['REDUCED_INSPECTION', 'NO_NEGATIVE_RECORD_3_YEARS', null],
    ]);
    expect(applied![0]!.redListEntry).toEqual({ id: entryId, nominatingDepartment: '县文明办' });
    expect(applied![1]!.reason).toBe('NO_NEGATIVE_RECORD_3_YEARS: last NEGATIVE record decided 2023-11-21');
  });

  it('reports the persons served, for the query log', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const result = await t.incentives.execute(APPLICABLE, { r: [a, b].map((id) => ({ __typename: 'Person', id })) });
    expect(servedPersons(result)).toEqual(expect.arrayContaining([a, b]));
  });
});

describe('Query.measureCheck', () => {
  it('answers yes for a punishment, with the triggering record', async () => {
    const person = randomUUID();
    const defaulted = judgmentDefault(person);
    await t.publish(defaulted);
    const result = await measureCheck(person, 'RESTRICT_HIGH_CONSUMPTION');
    expect(ok(result).measureCheck).toEqual({
      measure: { code: 'RESTRICT_HIGH_CONSUMPTION', name: '限制高消费' },
      applies: true,
      reasons: ['ON_SERIOUS_DISHONESTY_LIST: 1 ACTIVE SERIOUS NEGATIVE record in category JUDICIAL'],
      triggers: [
        {
          measure: { code: 'RESTRICT_HIGH_CONSUMPTION', kind: 'PUNISHMENT' },
          trigger: 'SERIOUS_DISHONESTY_LIST',
          record: { id: defaulted.id },
          redListEntry: null,
          reason: 'ON_SERIOUS_DISHONESTY_LIST: SERIOUS NEGATIVE record in category JUDICIAL, decided 2025-03-01, publicity ends 2028-03-01',
        },
      ],
    });
    expect(servedPersons(result)).toEqual([person]);
  });

  it('answers no for an incentive on the black list, the list first in the reasons', async () => {
    const person = randomUUID();
    await t.publish(judgmentDefault(person), honour(person));
    expect(await checked(person, 'FAST_TRACK')).toEqual({
      measure: { code: 'FAST_TRACK', name: '绿色通道' },
      applies: false,
      reasons: [
        'ON_SERIOUS_DISHONESTY_LIST: an ACTIVE SERIOUS NEGATIVE record; no incentive while on the list',
        `RED_LIST_SUSPENDED: 1 ACTIVE POSITIVE record in category HONOUR, suspended while on the serious dishonesty list (${LIST_PRECEDENCE.source})`,
        'NEGATIVE_RECORD_WITHIN_3_YEARS: NEGATIVE record decided 2025-03-01; 3 years pass on 2028-03-01',
      ],
      triggers: [],
    });
  });

  it('answers no with a reason for every condition that does not hold', async () => {
    const person = randomUUID();
    await t.publish(record(person, { decidedOn: '2026-01-10' }));
    expect(await checked(person, 'PRIORITY_HANDLING')).toMatchObject({
      applies: false,
      reasons: ['NOT_ON_RED_LIST: no live nomination and no ACTIVE POSITIVE record in category HONOUR'],
    });
    expect(await checked(person, 'RESTRICT_FINANCING')).toMatchObject({
      applies: false,
      reasons: ['NOT_ON_SERIOUS_DISHONESTY_LIST: no ACTIVE SERIOUS NEGATIVE record'],
    });
  });

  it('agrees with eligibility', async () => {
    const person = randomUUID();
    await t.publish(record(person, { decidedOn: '2023-11-22', publicityEndsOn: '2024-11-22' }));
    const eligibility = ok(
      await t.incentives.execute(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { eligibility { fastTrack acceptWithMissingDocs reasons } } } }`, {
        r: [{ __typename: 'Person', id: person }],
      }),
    )._entities as { eligibility: { fastTrack: boolean; acceptWithMissingDocs: boolean; reasons: string[] } }[];
    const fastTrack = await checked(person, 'FAST_TRACK');
    expect(eligibility[0]!.eligibility).toEqual({ fastTrack: fastTrack.applies, acceptWithMissingDocs: false, reasons: fastTrack.reasons });
    expect(fastTrack.applies).toBe(false);
    expect((await t.on('2026-11-22', () => checked(person, 'FAST_TRACK'))).applies).toBe(true);
  });

  it('refuses a measure not in the published catalog', async () => {
    const error = refused(await measureCheck(randomUUID(), 'PUBLIC_SHAMING'));
    expect(error.message).toBe('A measure not in the published catalog may not be applied');
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_MEASURE', field: 'measure' });
  });

  it('refuses a malformed person id rather than answer for a clean nobody', async () => {
    expect(refused(await measureCheck('42', 'FAST_TRACK')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_ID' });
  });
});

describe('triggers are data', () => {
  it('applies an edited trigger row from the next request, and keeps the edit when re-seeded', async () => {
    const db = t.incentives.database.db;
    const person = randomUUID();
    await t.publish(record(person, { severity: 'SERIOUS', decidedOn: '2025-03-01', publicityEndsOn: '2028-03-01' }));
    const highConsumption = and(eq(measureTriggers.measureCode, 'RESTRICT_HIGH_CONSUMPTION'), eq(measureTriggers.trigger, 'SERIOUS_DISHONESTY_LIST'));
    expect((await checked(person, 'RESTRICT_HIGH_CONSUMPTION')).applies).toBe(false);
    try {
      await db.update(measureTriggers).set({ category: null }).where(highConsumption);
      await ensureReferenceData(db);
      expect((await checked(person, 'RESTRICT_HIGH_CONSUMPTION')).applies).toBe(true);
    } finally {
      await db.update(measureTriggers).set({ category: 'JUDICIAL' }).where(highConsumption);
    }
  });

  it('refuses a category on a trigger other than SERIOUS_DISHONESTY_LIST, and an unknown category', async () => {
    const db = t.incentives.database.db;
    const fastTrackRedList = and(eq(measureTriggers.measureCode, 'FAST_TRACK'), eq(measureTriggers.trigger, 'RED_LIST'));
    await expect(db.update(measureTriggers).set({ category: 'JUDICIAL' }).where(fastTrackRedList)).rejects.toThrow();
    const highConsumption = eq(measureTriggers.measureCode, 'RESTRICT_HIGH_CONSUMPTION');
    await expect(db.update(measureTriggers).set({ category: 'COURT' }).where(highConsumption)).rejects.toThrow();
  });

  it('stops applying a measure withdrawn from the catalog, and restores it on re-seed', async () => {
    const db = t.incentives.database.db;
    const person = randomUUID();
    await t.publish(judgmentDefault(person));
    await db.delete(measures).where(eq(measures.code, 'RESTRICT_HONOURS'));
    try {
      expect(await db.select().from(measureTriggers).where(eq(measureTriggers.measureCode, 'RESTRICT_HONOURS'))).toEqual([]);
      expect(refused(await measureCheck(person, 'RESTRICT_HONOURS')).extensions?.reason).toBe('UNKNOWN_MEASURE');
      const [applied] = await applicable([person]);
      expect(applied!.map((a) => a.measure.code)).toEqual(PUNISHMENTS.filter((c) => c !== 'RESTRICT_HONOURS'));
    } finally {
      await ensureReferenceData(db);
    }
    expect(await db.select().from(measures)).toHaveLength(MEASURES.length);
    expect((await checked(person, 'RESTRICT_HONOURS')).applies).toBe(true);
  });
});

describe('no N+1', () => {
  it('resolves applicableMeasures of 2 or 20 persons in the same number of statements', async () => {
    const persons = Array.from({ length: 20 }, () => randomUUID());
    await t.publish(...persons.flatMap((p, i) => [i % 2 ? judgmentDefault(p) : record(p), honour(p)]));
    // Nominations for some of those off the black list (the others may not be nominated).
    for (const p of persons.filter((_, i) => i % 4 === 0)) await nominate(p);
    const statementsFor = async (ids: string[]) => {
      const before = t.incentives.database.counter.statements;
      const result = await applicable(ids);
      expect(result.every((applied) => applied.length > 0)).toBe(true);
      return t.incentives.database.counter.statements - before;
    };
    const two = await statementsFor(persons.slice(0, 2));
    const twenty = await statementsFor(persons);
    // One each for all the persons' records, all their nominations, and the reference data.
    expect(two).toBe(3);
    expect(twenty).toBe(two);
  });

  it('answers a measure check in a fixed number of statements', async () => {
    const person = randomUUID();
    await t.publish(judgmentDefault(person));
    const before = t.incentives.database.counter.statements;
    await checked(person, 'RESTRICT_FINANCING');
    expect(t.incentives.database.counter.statements - before).toBe(3);
  });
});
