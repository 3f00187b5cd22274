import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redListEntries } from './db/schema.js';
import {
  caller, codes, judgmentDefault, NOMINATING_DEPARTMENT, ok, record, refused, servedPersons, startTestIncentives, TODAY, type TestIncentives,
} from './server.testing.js';

let t: TestIncentives;
beforeAll(async () => {
  t = await startTestIncentives();
});
afterAll(async () => {
  await t?.close();
});

const NOMINATE = `mutation($input: NominateRedListInput!) { nominateRedList(input: $input) {
  id subject { id } nominatingDepartment reason nominatedOn endsOn revokedOn live
} }`;

const OFFICER = caller('OFFICER', 'JOINT_INCENTIVE', { department: NOMINATING_DEPARTMENT });

interface Entry {
  id: string;
  subject: { id: string };
  nominatingDepartment: string;
  reason: string;
  nominatedOn: string;
  endsOn: string;
  revokedOn: string | null;
  live: boolean;
}

const nominate = (personId: string, extra: { endsOn?: string } = {}, as = OFFICER) =>
  t.incentives.execute(NOMINATE, { input: { personId, nominatingDepartment: NOMINATING_DEPARTMENT, reason: '优秀志愿者', ...extra } }, as);
const nominated = async (personId: string, extra: { endsOn?: string } = {}) => ok(await nominate(personId, extra)).nominateRedList as Entry;
const storedEntries = (personId: string) => t.incentives.database.db.select().from(redListEntries).where(eq(redListEntries.subjectId, personId));

const STANDING = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person {
  onRedList eligibility { fastTrack reasons }
  redListEntries { id nominatedOn endsOn live }
} } }`;
interface Standing {
  onRedList: boolean;
  eligibility: { fastTrack: boolean; reasons: string[] };
  redListEntries: { id: string; nominatedOn: string; endsOn: string; live: boolean }[];
}
const standing = async (id: string) =>
  (ok(await t.incentives.execute(STANDING, { r: [{ __typename: 'Person', id }] }))._entities as Standing[])[0]!;

describe('nominateRedList', () => {
  it('nominates for a year from today and puts the person on the red list at once', async () => {
    const person = randomUUID();
    await t.publish(record(person, { decidedOn: '2026-01-10' }));
    expect(await standing(person)).toMatchObject({ onRedList: false, eligibility: { fastTrack: false }, redListEntries: [] });

    const result = await nominate(person);
    const entry = ok(result).nominateRedList as Entry;
    expect(entry).toEqual({
      id: expect.any(String),
      subject: { id: person },
      nominatingDepartment: '县文明办',
      reason: '优秀志愿者',
      nominatedOn: TODAY,
      endsOn: '2027-11-21',
      revokedOn: null,
      live: true,
    });
    // The query log learns whose data the answer carried.
    expect(servedPersons(result)).toEqual([person]);

    const after = await standing(person);
    expect(after).toMatchObject({ onRedList: true, eligibility: { fastTrack: true }, redListEntries: [{ id: entry.id, live: true }] });
    expect(codes(after.eligibility.reasons)).toEqual(['ON_RED_LIST', 'NEGATIVE_RECORD_WITHIN_3_YEARS']);
  });

  it('resolves an entry by its key', async () => {
    const person = randomUUID();
    const entry = await nominated(person, { endsOn: '2027-01-01' });
    const result = await t.incentives.execute(`query($r: [_Any!]!) { _entities(representations: $r) { ... on RedListEntry { id endsOn subject { id } } } }`, {
      r: [{ __typename: 'RedListEntry', id: entry.id }, { __typename: 'RedListEntry', id: randomUUID() }, { __typename: 'RedListEntry', id: 'x' }],
    });
    expect(ok(result)._entities).toEqual([{ id: entry.id, endsOn: '2027-01-01', subject: { id: person } }, null, null]);
  });

  it('takes the person off the red list on endsOn, and then accepts a new nomination', async () => {
    const person = randomUUID();
    const first = await nominated(person, { endsOn: '2026-12-01' });
    expect(await t.on('2026-11-30', () => standing(person))).toMatchObject({ onRedList: true });
    const ended = await t.on('2026-12-01', () => standing(person));
    expect(ended).toMatchObject({ onRedList: false, redListEntries: [{ id: first.id, live: false }] });

    const second = ok(await t.on('2026-12-01', () => nominate(person))).nominateRedList as Entry;
    expect(second).toMatchObject({ nominatedOn: '2026-12-01', endsOn: '2027-12-01', live: true });
    const both = await t.on('2026-12-01', () => standing(person));
    expect(both.redListEntries.map((e) => [e.id, e.live])).toEqual([
      [second.id, true],
      [first.id, false],
    ]);
  });

  it('refuses a second live nomination with CONFLICT', async () => {
    const person = randomUUID();
    const first = await nominated(person);
    const error = refused(await nominate(person, {}, caller('CREDIT_OFFICE', 'JOINT_INCENTIVE')));
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', field: 'personId', entryId: first.id });
    expect(await storedEntries(person)).toHaveLength(1);
  });

  it('lets only one of three concurrent nominations through', async () => {
    const person = randomUUID();
    const results = await Promise.all([nominate(person), nominate(person), nominate(person)]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(2);
    expect(await storedEntries(person)).toHaveLength(1);
  });

  it('refuses a person on the serious dishonesty list with INVALID_STATE, and accepts them once the record is repaired', async () => {
    const person = randomUUID();
    const serious = judgmentDefault(person);
    await t.publish(serious);
    const error = refused(await nominate(person));
    expect(error.extensions).toMatchObject({ code: 'INVALID_STATE', reason: 'ON_SERIOUS_DISHONESTY_LIST' });
    expect(await storedEntries(person)).toHaveLength(0);

    await t.deliver([t.changed({ ...serious, status: 'REPAIRED', version: 2 })]);
    expect((await nominated(person)).live).toBe(true);
  });

  it.each([
    ['OFFICER', 'JOINT_INCENTIVE', true],
    ['CREDIT_OFFICE', 'JOINT_INCENTIVE', true],
    ['OFFICER', 'ADMINISTRATIVE_LICENSING', false],
    ['OFFICER', null, false],
    ['CREDIT_OFFICE', 'JOINT_PUNISHMENT', false],
    ['CITIZEN', 'JOINT_INCENTIVE', false],
    ['ANALYST', 'JOINT_INCENTIVE', false],
    ['AUDITOR', 'JOINT_INCENTIVE', false],
    ['PUBLIC', null, false],
  ] as const)('%s with purpose %s may nominate: %s', async (role, purpose, allowed) => {
    const person = randomUUID();
    const result = await nominate(person, {}, caller(role, purpose, { department: NOMINATING_DEPARTMENT }));
    if (allowed) {
      ok(result);
    } else {
      expect(refused(result).extensions).toMatchObject({ code: 'FORBIDDEN_OPERATION', operation: 'nominateRedList' });
    }
    expect(await storedEntries(person)).toHaveLength(allowed ? 1 : 0);
  });

  it('refuses an anonymous in-process call', async () => {
    const person = randomUUID();
    const result = await t.incentives.execute(NOMINATE, { input: { personId: person, nominatingDepartment: 'x', reason: 'y' } });
    expect(refused(result).extensions?.code).toBe('FORBIDDEN_OPERATION');
  });

  it.each([
    [{ endsOn: '2029-11-22' }, 'ENDS_ON_TOO_LATE'],
    [{ endsOn: '2026-11-20' }, 'ENDS_ON_NOT_IN_FUTURE'],
    [{ endsOn: TODAY }, 'ENDS_ON_NOT_IN_FUTURE'],
    [{ endsOn: '2027-02-30' }, 'INVALID_DATE'],
  ])('refuses %j with BAD_USER_INPUT %s', async (extra, reason) => {
    const person = randomUUID();
    expect(refused(await nominate(person, extra)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason });
    expect(await storedEntries(person)).toHaveLength(0);
  });

  it('checks the permit before the input', async () => {
    const result = await nominate('not-a-person', { endsOn: '2020-01-01' }, caller('CITIZEN', 'SELF_ACCESS'));
    expect(refused(result).extensions?.code).toBe('FORBIDDEN_OPERATION');
  });
});

const REVOKE = `mutation($id: ID!, $reason: String!) { revokeRedListNomination(id: $id, reason: $reason) {
  id revokedOn revocationReason live suspended
} }`;
const revoke = (id: string, reason = '获奖事迹经核查不实', as = OFFICER) => t.incentives.execute(REVOKE, { id, reason }, as);

describe('revokeRedListNomination', () => {
  it('ends the nomination from today with the reason, takes the person off the red list, and accepts a new nomination', async () => {
    const person = randomUUID();
    const entry = await nominated(person);
    const result = await revoke(entry.id, ' 获奖事迹经核查不实 ');
    expect(ok(result).revokeRedListNomination).toEqual({ id: entry.id, revokedOn: TODAY, revocationReason: '获奖事迹经核查不实', live: false, suspended: false });
    expect(servedPersons(result)).toEqual([person]);
    expect(await storedEntries(person)).toMatchObject([{ revokedOn: TODAY, revocationReason: '获奖事迹经核查不实' }]);
    expect(await standing(person)).toMatchObject({ onRedList: false, redListEntries: [{ id: entry.id, live: false }] });
    expect((await nominated(person)).live).toBe(true);
  });

  it('lets the credit office revoke any department’s nomination', async () => {
    const entry = await nominated(randomUUID());
    expect(ok(await revoke(entry.id, '撤销', caller('CREDIT_OFFICE', 'JOINT_INCENTIVE', { department: '县发展和改革局信用科' }))).revokeRedListNomination).toMatchObject({
      revokedOn: TODAY,
    });
  });

  it.each([
    ['a blank reason', async (_id: string): Promise<void> => {}, (id: string) => revoke(id, '   '), { code: 'BAD_USER_INPUT', field: 'reason', reason: 'BLANK' }],
    ['a second revocation', async (id: string): Promise<void> => void (await revoke(id)), (id: string) => revoke(id, '再次撤销'), { code: 'INVALID_STATE', reason: 'ALREADY_REVOKED' }],
    ['an ended nomination', async (_id: string): Promise<void> => {}, (id: string) => t.on('2027-11-21', () => revoke(id)), { code: 'INVALID_STATE', reason: 'ALREADY_ENDED' }],
  ] as const)('refuses %s and changes nothing', async (_label, prepare, act, extensions) => {
    const person = randomUUID();
    const entry = await nominated(person);
    await prepare(entry.id);
    const before = await storedEntries(person);
    expect(refused(await act(entry.id)).extensions).toMatchObject(extensions);
    expect(await storedEntries(person)).toEqual(before);
  });

  it('refuses a missing or malformed id exactly like another department’s nomination', async () => {
    const entry = await nominated(randomUUID());
    const other = caller('OFFICER', 'JOINT_INCENTIVE', { department: '县市场监督管理局' });
    const answers = await Promise.all([revoke(entry.id, 'x', other), revoke(randomUUID(), 'x', other), revoke('not-an-id', 'x', other)]);
    expect(answers.map((a) => refused(a).extensions)).toEqual(
      Array(3).fill({ code: 'FORBIDDEN_OPERATION', operation: 'revokeRedListNomination', reason: 'NOT_OWN_DEPARTMENT' }),
    );
    expect((await storedEntries(entry.subject.id))[0]).toMatchObject({ revokedOn: null, revocationReason: null });
    // Only a caller who may revoke any nomination learns that an id names none.
    expect(refused(await revoke(randomUUID(), 'x', caller('CREDIT_OFFICE', 'JOINT_INCENTIVE'))).extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lets only one of three concurrent revocations through', async () => {
    const entry = await nominated(randomUUID());
    const results = await Promise.all([revoke(entry.id, 'a'), revoke(entry.id, 'b'), revoke(entry.id, 'c')]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.reason === 'ALREADY_REVOKED')).toHaveLength(2);
  });
});

describe('the serious dishonesty list suspends the red list', () => {
  const ENTRIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person {
    onSeriousDishonestyList onRedList eligibility { fastTrack reasons } redListEntries { id live suspended }
  } } }`;
  const lists = async (id: string) => (ok(await t.incentives.execute(ENTRIES, { r: [{ __typename: 'Person', id }] }))._entities as Record<string, unknown>[])[0]!;

  it('holds a live nomination while a SERIOUS record is in publicity and gives it back when the record is repaired', async () => {
    const person = randomUUID();
    const entry = await nominated(person);
    const serious = judgmentDefault(person, { decidedOn: '2026-11-01', publicityEndsOn: '2029-11-01' });
    await t.publish(serious);
    const during = await lists(person);
    expect(during).toMatchObject({ onSeriousDishonestyList: true, onRedList: false, eligibility: { fastTrack: false }, redListEntries: [{ id: entry.id, live: true, suspended: true }] });
    expect(codes((during.eligibility as { reasons: string[] }).reasons)).toEqual(['ON_SERIOUS_DISHONESTY_LIST', 'RED_LIST_SUSPENDED', 'NEGATIVE_RECORD_WITHIN_3_YEARS']);
    // Suspended, not deleted: the stored nomination is untouched.
    expect(await storedEntries(person)).toMatchObject([{ id: entry.id, revokedOn: null }]);

    await t.deliver([t.changed({ ...serious, status: 'REPAIRED', version: 2 })]);
    expect(await lists(person)).toMatchObject({ onSeriousDishonestyList: false, onRedList: true, redListEntries: [{ id: entry.id, live: true, suspended: false }] });
  });
});

