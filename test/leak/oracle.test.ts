import { describe, expect, it } from 'vitest';
import { leakApi } from './api.js';
import { checkAnswer, type CheckInput, type GrantFacts } from './oracle.js';
import type { World } from './world.js';

const api = leakApi();
const SELF = 'person-self';
const OTHER = 'person-other';
const CIN = { [SELF]: '11010519491231002X', [OTHER]: '310104198001010011' };
const RECORD_OF_SELF = 'record-self';
const NOW = new Date('2026-11-21T02:00:00Z');

const world: World = {
  ownerOf: (typeName, id) => (typeName === 'Person' ? id : typeName === 'CreditRecord' && id === RECORD_OF_SELF ? SELF : undefined),
  citizenIds: new Map(Object.entries(CIN)),
};

type Response = CheckInput['response'];
const forbidden = (...path: (string | number)[]) => ({ message: 'denied', path, extensions: { code: 'FORBIDDEN_FIELD' } });

const check = (caller: CheckInput['caller'], query: string, response: Response, grant?: GrantFacts) =>
  checkAnswer({ response, operation: { query, variables: {} }, caller, grant, now: NOW, api, world });

const kinds = (violations: { kind: string; path: (string | number)[] }[]) => violations.map((v) => `${v.kind} ${v.path.join('.')}`);

describe('the leak oracle', () => {
  const citizen = { role: 'CITIZEN', purpose: 'SELF_ACCESS', sub: 'citizen-1', personId: SELF } as const;

  it("flags another person's clear name shown to a citizen", () => {
    const query = `{ person(id: "${OTHER}") { id name } }`;
    const violations = check(citizen, query, { data: { person: { id: OTHER, name: '王伟' } } });
    expect(kinds(violations)).toContain('LEAK person');
  });

  it("flags another person's clear name inside an aliased named fragment", () => {
    const query = `{ mine: person(id: "${SELF}") { id ...P } theirs: person(id: "${OTHER}") { id ...P } }
      fragment P on Person { who: name }`;
    const response = { data: { mine: { id: SELF, who: '张三' }, theirs: { id: OTHER, who: '王伟' } } };
    expect(kinds(check(citizen, query, response))).toEqual(['LEAK theirs']);
  });

  it("accepts a citizen's own data in full and the other person withheld", () => {
    const query = `{ person(id: "${SELF}") { id name citizenIdNumber creditRecords { edges { node { id summary } } } } other: person(id: "${OTHER}") { id name } }`;
    const response = {
      data: {
        person: { id: SELF, name: '张三', citizenIdNumber: CIN[SELF], creditRecords: { edges: [{ node: { id: RECORD_OF_SELF, summary: '拖欠劳动者工资' } }] } },
        other: null,
      },
    };
    expect(check(citizen, query, response)).toEqual([]);
  });

  const analyst = { role: 'ANALYST', purpose: 'STATISTICS', sub: 'analyst-1' } as const;
  const listing = `{ persons(first: 2) { edges { node { id name citizenIdNumber } } } }`;

  it('flags a clear citizen ID number and a clear name shown to an analyst', () => {
    const response = { data: { persons: { edges: [{ node: { id: SELF, name: '张三', citizenIdNumber: CIN[SELF] } }] } } };
    expect(kinds(check(analyst, listing, response))).toEqual([
      'LEAK persons.edges.0.node.name',
      'LEAK persons.edges.0.node.citizenIdNumber',
      'CITIZEN_ID_IN_ANSWER ',
    ]);
  });

  it('flags a masked citizen ID number where the analyst may not have it at all', () => {
    const response = { data: { persons: { edges: [{ node: { id: SELF, name: '张*', citizenIdNumber: '1101**********002X' } }] } } };
    expect(kinds(check(analyst, listing, response))).toEqual(['LEAK persons.edges.0.node.citizenIdNumber']);
  });

  it('accepts masked names and withheld citizen ID numbers for an analyst', () => {
    const response = {
      data: { persons: { edges: [{ node: { id: SELF, name: '张*', citizenIdNumber: null } }, { node: { id: OTHER, name: '欧阳**', citizenIdNumber: null } }] } },
      errors: [forbidden('persons', 'edges', 0, 'node', 'citizenIdNumber'), forbidden('persons', 'edges', 1, 'node', 'citizenIdNumber')],
    };
    expect(check(analyst, listing, response)).toEqual([]);
  });

  it('requires a FORBIDDEN_FIELD error where a value is withheld', () => {
    const response = { data: { persons: { edges: [{ node: { id: SELF, name: '张*', citizenIdNumber: null } }] } } };
    expect(kinds(check(analyst, listing, response))).toEqual(['MISSING_FORBIDDEN_ERROR persons.edges.0.node.citizenIdNumber']);
  });

  const officer = { role: 'OFFICER', purpose: 'ADMINISTRATIVE_LICENSING', sub: 'officer-1' } as const;

  it('accepts a masked citizen ID number and flags a clear one where the policy masks', () => {
    const query = `{ person(id: "${SELF}") { id citizenIdNumber } }`;
    expect(check(officer, query, { data: { person: { id: SELF, citizenIdNumber: '1101**********002X' } } })).toEqual([]);
    expect(kinds(check(officer, query, { data: { person: { id: SELF, citizenIdNumber: CIN[SELF] } } }))).toEqual([
      'LEAK person.citizenIdNumber',
      'CITIZEN_ID_IN_ANSWER ',
    ]);
  });

  it('flags a clear citizen ID number anywhere in the answer, unless the request carried it', () => {
    const query = `{ person(id: "${SELF}") { id } }`;
    const response = { data: { person: { id: SELF } }, errors: [{ message: `no such person ${CIN[OTHER]}` }] };
    expect(kinds(check(officer, query, response))).toEqual(['CITIZEN_ID_IN_ANSWER ']);
    const byNumber = `{ personByCitizenIdNumber(citizenIdNumber: "${CIN[OTHER]}") { id } }`;
    const echo = { data: { personByCitizenIdNumber: null }, errors: [{ message: `no such person ${CIN[OTHER]}` }] };
    expect(check(officer, byNumber, echo)).toEqual([]);
  });

  it('flags keys nobody asked for and entities without their id', () => {
    const query = `{ person(id: "${SELF}") { id gender } }`;
    const injected = { data: { person: { id: SELF, gender: 'MALE', _privacyOwner: { id: SELF } } } };
    expect(kinds(check(officer, query, injected))).toEqual(['UNEXPECTED_KEY person._privacyOwner']);
    expect(kinds(check(officer, `{ person(id: "${SELF}") { gender } }`, { data: { person: { gender: 'MALE' } } }))).toEqual([
      'UNIDENTIFIED_ENTITY person',
    ]);
  });

  describe('an agency', () => {
    const agency = { role: 'AGENCY', purpose: 'AUTHORIZED_QUERY', sub: 'agency-1' } as const;
    const grant: GrantFacts = { personId: SELF, grantee: 'agency-1', purpose: 'AUTHORIZED_QUERY', scope: ['IDENTITY'], expiresAt: new Date('2026-12-01T00:00:00Z') };
    const query = `{ person(id: "${SELF}") { id name creditRecords { edges { node { id } } } } }`;
    const full = { data: { person: { id: SELF, name: '张三', creditRecords: { edges: [{ node: { id: RECORD_OF_SELF } }] } } } };

    it("reads the grantor's data only within the grant's scope", () => {
      expect(kinds(check(agency, query, full, grant))).toEqual(['LEAK person.creditRecords']);
      const scoped = { data: { person: { id: SELF, name: '张三', creditRecords: null } }, errors: [forbidden('person', 'creditRecords')] };
      expect(check(agency, query, scoped, grant)).toEqual([]);
      expect(check(agency, query, full, { ...grant, scope: ['IDENTITY', 'CREDIT_RECORDS'] })).toEqual([]);
    });

    it('reads nothing personal under an expired grant, one for another agency or another purpose', () => {
      expect(kinds(check(agency, query, full, { ...grant, expiresAt: NOW }))).toEqual(['LEAK person']);
      expect(kinds(check(agency, query, full, { ...grant, grantee: 'agency-2' }))).toEqual(['LEAK person']);
      expect(kinds(check({ ...agency, purpose: 'PUBLIC_DISCLOSURE' }, query, full, grant))).toEqual(['LEAK person']);
      expect(check(agency, query, { data: { person: null } }, { ...grant, expiresAt: NOW })).toEqual([]);
    });
  });

  it('judges data about nobody by the fallback row', () => {
    const query = `{ creditStatistics(groupBy: [DOMAIN]) { domain count } measures { code } }`;
    const response = { data: { creditStatistics: [{ domain: 'TAXATION', count: 7 }], measures: [{ code: 'FAST_TRACK' }] } };
    expect(kinds(check(citizen, query, response))).toEqual(['LEAK creditStatistics']);
    expect(check(analyst, query, response)).toEqual([]);
  });

  it("judges a query log entry by the subject it names: a citizen's own in full, another person's not", () => {
    const query = `{ myAccessLog(first: 2) { edges { node { subject { id } purpose role } } } }`;
    const entry = (subject: string) => ({ subject: { id: subject }, purpose: 'ADMINISTRATIVE_LICENSING', role: 'OFFICER' });
    expect(check(citizen, query, { data: { myAccessLog: { edges: [{ node: entry(SELF) }] } } })).toEqual([]);
    expect(kinds(check(citizen, query, { data: { myAccessLog: { edges: [{ node: entry(SELF) }, { node: entry(OTHER) }] } } }))).toEqual([
      'LEAK myAccessLog.edges.1.node.subject',
      'LEAK myAccessLog.edges.1.node.purpose',
      'LEAK myAccessLog.edges.1.node.role',
    ]);
  });
});
