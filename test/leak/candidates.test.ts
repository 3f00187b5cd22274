import { checkChar, checkCitizenId } from '@credit/kit';
import { describe, expect, it } from 'vitest';
import { leakApi } from './api.js';
import { ageOn, candidateCounts, countCandidates, MIN_CANDIDATES, weakenedSupergraph, type Sighting } from './candidates.js';

const TODAY = '2026-11-21';
// 110108 1960-05-13 sequence 000, check character by GB 11643.
const NUMBER = `11010819600513000${checkChar('11010819600513000')}`;
const MASKED = `1101**********${NUMBER.slice(14)}`;
const sighting = (parts: Partial<Sighting>): Sighting => ({ numbers: [], regionCodes: [], birthDates: [], ageBands: [], genders: [], ...parts });

/** Every valid number with the given region codes and birth dates, by brute force with the kit's validator. */
function bruteForce(regions: readonly string[], dates: readonly string[], keep: (n: string) => boolean): number {
  let count = 0;
  for (const region of regions) {
    for (const date of dates) {
      for (let seq = 0; seq < 1000; seq++) {
        const first17 = `${region}${date.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
        const number = first17 + checkChar(first17);
        if (checkCitizenId(number, TODAY).valid && keep(number)) count++;
      }
    }
  }
  return count;
}

describe('citizen ID candidates', () => {
  it('agrees with brute force over the same universe', () => {
    const regions = Array.from({ length: 100 }, (_, i) => `1101${String(i).padStart(2, '0')}`);
    const dates = ['1960-05-13', '1960-05-14', '1961-02-28', '1999-12-31'];
    const tail = NUMBER.slice(14);
    const expected = bruteForce(regions, dates, (n) => n.slice(0, 4) === '1101' && n.slice(14) === tail);
    // Four exact dates one at a time, summed: the counter sees one birth date per sighting.
    const counted = dates.reduce((sum, birthDate) => sum + countCandidates(sighting({ numbers: [MASKED], regionCodes: ['1101**'], birthDates: [birthDate] }), TODAY), 0);
    expect(counted).toBe(expected);
    expect(counted).toBeGreaterThan(0);
  });

  it('leaves one number to a caller who sees the masked number with the region code and birth date in full', () => {
    // What a MASK caller would get if regionCode and birthDate were PERSONAL (the SDL before issue 11).
    expect(countCandidates(sighting({ numbers: [MASKED], regionCodes: ['110108'], birthDates: ['1960-05-13'], genders: ['FEMALE'] }), TODAY)).toBe(1);
    // The region masked but the birth date in full: 100 counties, about one in 11 fits the check character.
    const regionMasked = countCandidates(sighting({ numbers: [MASKED], regionCodes: ['1101**'], birthDates: ['1960-05-13'] }), TODAY);
    expect(regionMasked).toBeLessThan(MIN_CANDIDATES);
    expect(regionMasked).toBeGreaterThan(0);
    // The region in full and the age band: about 3,650 dates / 11.
    const bandOnly = countCandidates(sighting({ numbers: [MASKED], regionCodes: ['110108'], ageBands: ['60-69'] }), TODAY);
    expect(bandOnly).toBeLessThan(MIN_CANDIDATES);
  });

  it('leaves tens of thousands under the masks of issue 11 (prefecture, age band)', () => {
    const count = countCandidates(sighting({ numbers: [MASKED], regionCodes: ['1101**'], ageBands: ['60-69'], genders: ['FEMALE'] }), TODAY);
    expect(count).toBeGreaterThan(30_000);
    expect(count).toBeLessThan(36_000);
  });

  it('counts nothing consistent when two sightings of one person disagree, and a clear number as one', () => {
    expect(countCandidates(sighting({ numbers: [MASKED], regionCodes: ['3101**'] }), TODAY)).toBe(0);
    expect(countCandidates(sighting({ numbers: [MASKED], genders: ['MALE'] }), TODAY)).toBe(0);
    expect(countCandidates(sighting({ numbers: [NUMBER] }), TODAY)).toBe(1);
  });

  it('computes ages as completed years', () => {
    expect(ageOn('1960-11-21', TODAY)).toBe(66);
    expect(ageOn('1960-11-22', TODAY)).toBe(65);
    expect(ageOn('2008-02-29', '2027-02-28')).toBe(18);
    expect(ageOn('2008-02-29', '2027-03-01')).toBe(19);
  });

  describe('on answers', () => {
    const api = leakApi();
    const query = `{ person(id: "p-1") { id citizenIdNumber regionCode birthDate ageBand gender }
      publicDisclosures(first: 1) { edges { node { person { id maskedCitizenIdNumber } } } } }`;

    it('merges what an answer shows of one person under every object, and passes the masked answer', () => {
      const data = {
        person: { id: 'p-1', citizenIdNumber: MASKED, regionCode: '1101**', birthDate: null, ageBand: '60-69', gender: 'FEMALE' },
        publicDisclosures: { edges: [{ node: { person: { id: 'p-1', maskedCitizenIdNumber: MASKED } } }] },
      };
      const [finding, ...rest] = candidateCounts(api, { query }, data, TODAY);
      expect(rest).toEqual([]);
      expect(finding!.sighting.numbers).toEqual([MASKED, MASKED]);
      expect(finding!.count).toBeGreaterThanOrEqual(MIN_CANDIDATES);
    });

    it('fails the answer a MASK caller gets from a supergraph where regionCode and birthDate are PERSONAL', () => {
      const weak = leakApi(weakenedSupergraph());
      expect(weak.classifications.get('Person.regionCode')?.level).toBe('PERSONAL');
      expect(weak.classifications.get('Person.birthDate')?.level).toBe('PERSONAL');
      // PERSONAL is ALLOW for OFFICER × ADMINISTRATIVE_LICENSING: both parts come in full.
      const data = { person: { id: 'p-1', citizenIdNumber: MASKED, regionCode: '110108', birthDate: '1960-05-13', ageBand: '60-69', gender: 'FEMALE' }, publicDisclosures: null };
      const [finding] = candidateCounts(weak, { query }, data, TODAY);
      expect(finding!.count).toBe(1);
      expect(finding!.count).toBeLessThan(MIN_CANDIDATES);
    });
  });
});
