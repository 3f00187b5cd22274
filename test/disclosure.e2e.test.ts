import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from './harness.js';
import { recordInput, submitter } from './queries.js';

let system: System;
let personId: string;
let seriousId: string;
let generalId: string;

const NAME = '欧阳娜娜';
const CITIZEN_ID = '11010519491231002X';

const DISCLOSURES = `query($filter: PublicDisclosureFilter) {
  publicDisclosures(filter: $filter, first: 10) {
    edges { node {
      recordId domain determiningAuthority documentNumber decidedOn publicityEndsOn regionCode
      person { maskedName maskedCitizenIdNumber }
    } }
    pageInfo { hasNextPage }
  }
}`;

beforeAll(async () => {
  system = await startSystem();
  const registered = await system.graphql(`mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`, {
    input: { name: NAME, citizenIdNumber: CITIZEN_ID },
  });
  expect(registered.errors).toBeUndefined();
  personId = registered.data!.registerPerson.id;
  const SUBMIT = `mutation($input: SubmitCreditRecordInput!) { submitCreditRecord(input: $input) { id } }`;
  const officer = await submitter(system);
  const serious = await system.graphql(
    SUBMIT,
    { input: recordInput(personId, { severity: 'SERIOUS', domain: 'FOOD_AND_DRUGS', decidedOn: '2026-10-01', documentNumber: '京朝市监罚〔2026〕88号' }) },
    officer,
  );
  expect(serious.errors).toBeUndefined();
  seriousId = serious.data!.submitCreditRecord.id;
  const general = await system.graphql(SUBMIT, { input: recordInput(personId) }, officer);
  expect(general.errors).toBeUndefined();
  generalId = general.data!.submitCreditRecord.id;
});
afterAll(() => system?.close());

describe('public disclosure (公示) through the gateway with no token', () => {
  it('lists the serious record, masked at the source, with no field refused', async () => {
    const { status, body } = await system.query(DISCLOSURES);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!.publicDisclosures).toEqual({
      edges: [
        {
          node: {
            recordId: seriousId,
            domain: 'FOOD_AND_DRUGS',
            determiningAuthority: '北京市朝阳区税务局',
            documentNumber: '京朝市监罚〔2026〕88号',
            decidedOn: '2026-10-01',
            // NDRC Order 36: SERIOUS is published at most 3 years, the default.
            publicityEndsOn: '2029-10-01',
            regionCode: '110105',
            person: { maskedName: '欧阳**', maskedCitizenIdNumber: '1101**********002X' },
          },
        },
      ],
      pageInfo: { hasNextPage: false },
    });
    const text = JSON.stringify(body);
    for (const secret of [NAME, CITIZEN_ID, personId, generalId]) expect(text).not.toContain(secret);
  });

  it('filters as the public asks', async () => {
    const elsewhere = await system.query(DISCLOSURES, { filter: { regionCode: '310101' } });
    expect(elsewhere.body.errors).toBeUndefined();
    expect(elsewhere.body.data!.publicDisclosures.edges).toEqual([]);
    const bad = await system.query(DISCLOSURES, { filter: { decidedFrom: '2026-10-02', decidedTo: '2026-10-01' } });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_RANGE' });
  });

  it('refuses the person key to the public, so disclosures cannot be linked to person ids', async () => {
    const { status, body } = await system.query(`{ publicDisclosures { edges { node { recordId person { id maskedName } } } } }`);
    expect(status).toBe(200);
    expect(body.data!.publicDisclosures.edges).toEqual([{ node: { recordId: seriousId, person: { id: null, maskedName: '欧阳**' } } }]);
    expect(body.errors).toMatchObject([{ path: ['publicDisclosures', 'edges', 0, 'node', 'person', 'id'], extensions: { code: 'FORBIDDEN_FIELD' } }]);
    expect(JSON.stringify(body)).not.toContain(personId);
  });
});
