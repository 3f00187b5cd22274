import { describe, expect, it } from 'vitest';
import { checkChar, checkCitizenId, makeCitizenId } from './citizen-id.js';

const TODAY = '2026-11-21';

describe('checkCitizenId (GB 11643-1999)', () => {
  it.each([
    ['11010519491231002X', '110105', '1949-12-31', 'FEMALE'],
    ['440524188001010014', '440524', '1880-01-01', 'MALE'],
  ])('accepts the DESIGN vector %s', (id, region, birth, gender) => {
    expect(checkCitizenId(id, TODAY)).toEqual({ valid: true, normalized: id, regionCode: region, birthDate: birth, gender });
  });

  it('normalises a lower-case x', () => {
    const result = checkCitizenId('11010519491231002x', TODAY);
    expect(result.valid && result.normalized).toBe('11010519491231002X');
  });

  it.each([
    ['110105194912310021', 'CHECKSUM'],
    ['440524188001010015', 'CHECKSUM'],
    ['110105199002300012', 'BIRTH_DATE'],
    ['110105202712310012', 'BIRTH_DATE'],
    ['11010519491231002', 'FORMAT'],
    ['1101051949123100XX', 'FORMAT'],
    ['11010519491231002Y', 'FORMAT'],
    ['990105194912310026', 'REGION'],
    ['110000194912310026', 'REGION'],
  ])('rejects %s with %s', (id, reason) => {
    expect(checkCitizenId(id, TODAY)).toMatchObject({ valid: false, reason });
  });

  it('rejects a birth date one day after today and accepts today', () => {
    const tomorrow = makeCitizenId('110105', '2026-11-22', 1);
    const today = makeCitizenId('110105', '2026-11-21', 1);
    expect(checkCitizenId(tomorrow, TODAY)).toMatchObject({ valid: false, reason: 'BIRTH_DATE' });
    expect(checkCitizenId(today, TODAY)).toMatchObject({ valid: true });
  });

  it('computes the check character of the DESIGN vectors', () => {
    expect(checkChar('11010519491231002')).toBe('X');
    expect(checkChar('44052418800101001')).toBe('4');
  });

  it('round-trips numbers it makes, with gender from the sequence', () => {
    for (let seq = 0; seq < 1000; seq += 37) {
      const id = makeCitizenId('330106', '1988-02-29', seq);
      expect(checkCitizenId(id, TODAY)).toMatchObject({ valid: true, gender: seq % 2 === 1 ? 'MALE' : 'FEMALE' });
    }
  });
});
