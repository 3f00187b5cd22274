import { describe, expect, it } from 'vitest';
import { maskValue } from './mask.js';

describe('maskValue', () => {
  it.each([
    ['11010519491231002X', 'CITIZEN_ID', '1101**********002X'],
    ['440524188001010014', 'CITIZEN_ID', '4405**********0014'],
    ['张三', 'NAME', '张*'],
    ['王小明', 'NAME', '王**'],
    ['欧阳娜娜', 'NAME', '欧阳**'],
    ['欧阳', 'NAME', '欧*'],
    ['司马玲', 'NAME', '司马*'],
    ['李', 'NAME', '*'],
    ['13812345678', 'PHONE', '138****5678'],
  ] as const)('%s with %s is %s', (value, style, masked) => {
    expect(maskValue(value, style)).toBe(masked);
  });

  it('never returns the clear value of a sensitive number', () => {
    const id = '11010519491231002X';
    expect(maskValue(id, 'CITIZEN_ID')).not.toContain(id.slice(4, 14));
  });

  it('masks each element of a list and keeps null', () => {
    expect(maskValue(['张三', '李四'], 'NAME')).toEqual(['张*', '李*']);
    expect(maskValue(null, 'NAME')).toBeNull();
  });

  it('cannot mask without a style or a non-text value (the caller then denies)', () => {
    expect(maskValue('张三', 'NONE')).toBeUndefined();
    expect(maskValue(42, 'NAME')).toBeUndefined();
    expect(maskValue({ a: 1 }, 'CITIZEN_ID')).toBeUndefined();
  });
});
