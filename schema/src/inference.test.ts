import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { classificationsFromSupergraph } from './classifications.js';
import { candidateCount, inferenceProblems, MIN_CANDIDATES } from './inference.js';
import { classify, lintPrivacy } from './lint.js';
import { maskValue } from './mask.js';
import { federationHeader, privacyDirectiveSdl } from './privacy.js';

const person = (fields: string) =>
  parse(`${federationHeader}${privacyDirectiveSdl}
    type Query { person: Person @privacy(level: PERSONAL) }
    type Person @key(fields: "id") {
      id: ID! @privacy(level: PUBLIC)
      ${fields}
    }`);

const ID = `citizenIdNumber: String @privacy(level: SENSITIVE, mask: CITIZEN_ID, derivedFrom: ["regionCode", "birthDate", "gender", "ageBand"])`;

describe('the inference lint', () => {
  it('refuses the policy of issue 11 on the schema before it: the ID masked, region and birth date in full', () => {
    const problems = lintPrivacy([{ name: 'identity', document: person(`${ID}
      regionCode: String @privacy(level: PERSONAL)
      birthDate: String @privacy(level: PERSONAL)
      gender: String @privacy(level: PERSONAL)
      ageBand: String @privacy(level: PERSONAL)`) }]);
    // Every row that masks SENSITIVE and allows PERSONAL: officers, the credit office under joint measures, agencies.
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('OFFICER × ADMINISTRATIVE_LICENSING receives Person.citizenIdNumber masked and Person.regionCode (in full), Person.birthDate (in full)'),
        expect.stringContaining('CREDIT_OFFICE × JOINT_PUNISHMENT'),
        expect.stringContaining('AGENCY × AUTHORIZED_QUERY'),
      ]),
    );
    expect(problems.every((p) => p.includes('fewer than 1000'))).toBe(true);
  });

  it('passes parts classified SENSITIVE: the region coarsened to the prefecture, the date withheld, an age band in full', () => {
    expect(
      lintPrivacy([{ name: 'identity', document: person(`${ID}
        regionCode: String @privacy(level: SENSITIVE, mask: REGION_PREFECTURE)
        birthDate: String @privacy(level: SENSITIVE)
        gender: String @privacy(level: PERSONAL)
        ageBand: String @privacy(level: PERSONAL)`) }]),
    ).toEqual([]);
  });

  it('refuses a part it has no model for, and a part that does not exist', () => {
    const { classified } = classify(person(`citizenIdNumber: String @privacy(level: SENSITIVE, mask: CITIZEN_ID, derivedFrom: ["shoeSize", "nickname"])
      shoeSize: String @privacy(level: PERSONAL)`));
    expect(inferenceProblems(classified)).toEqual(
      expect.arrayContaining([expect.stringContaining('does not know the part shoeSize'), expect.stringContaining('Person.nickname, which does not exist')]),
    );
  });

  it('holds on the committed supergraph', () => {
    const supergraph = readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8');
    const classified = classificationsFromSupergraph(supergraph);
    expect(classified.get('Person.citizenIdNumber')?.derivedFrom).toEqual(expect.arrayContaining(['regionCode', 'birthDate', 'gender']));
    expect(inferenceProblems(classified)).toEqual([]);
  });
});

describe('candidateCount', () => {
  it('counts the county digits and the dates a caller cannot tell apart, over the check character', () => {
    expect(candidateCount('CITIZEN_ID', { regionCode: 'FULL', birthDate: 'FULL' })).toBe(0);
    expect(candidateCount('CITIZEN_ID', { regionCode: 'COARSE', birthDate: 'NONE', ageBand: 'FULL' })).toBeGreaterThanOrEqual(MIN_CANDIDATES * 30);
    expect(candidateCount('CITIZEN_ID', { regionCode: 'FULL', ageBand: 'FULL' })).toBeLessThan(MIN_CANDIDATES);
  });
});

describe('the REGION_PREFECTURE mask', () => {
  it('keeps province and prefecture', () => {
    expect(maskValue('110108', 'REGION_PREFECTURE')).toBe('1101**');
    expect(maskValue(null, 'REGION_PREFECTURE')).toBeNull();
  });
});
