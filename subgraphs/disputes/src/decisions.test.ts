import { describe, expect, it } from 'vitest';
import { objectionDecision, repairDecision } from './decisions.js';
import { MAX_TEXT_LENGTH } from './filing.js';

function extensionsOf(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  throw new Error('expected an error');
}

describe('objectionDecision', () => {
  it('keeps trimmed reasons and only the correction fields given', () => {
    expect(objectionDecision({ outcome: 'UPHELD', reasons: ' 认定事实有误 ', correction: { severity: 'MINOR', summary: ' 更正后的事实 ', legalBasis: null } })).toEqual({
      reasons: '认定事实有误',
      correction: { severity: 'MINOR', summary: '更正后的事实' },
    });
  });

  it('lets UPHELD go without reasons or correction (the record is revoked)', () => {
    expect(objectionDecision({ outcome: 'UPHELD', reasons: '  ' })).toEqual({ reasons: null, correction: null });
  });

  it.each([
    ['REJECTED without reasons', { outcome: 'REJECTED' as const }, { field: 'reasons', reason: 'REASONS_REQUIRED' }],
    ['REJECTED with blank reasons', { outcome: 'REJECTED' as const, reasons: ' \n' }, { field: 'reasons', reason: 'REASONS_REQUIRED' }],
    ['overlong reasons', { outcome: 'UPHELD' as const, reasons: 'x'.repeat(MAX_TEXT_LENGTH + 1) }, { field: 'reasons', reason: 'TOO_LONG' }],
    ['a correction with REJECTED', { outcome: 'REJECTED' as const, reasons: '无误', correction: { severity: 'MINOR' as const } }, { field: 'correction', reason: 'CORRECTION_NOT_ALLOWED' }],
    ['an empty correction', { outcome: 'UPHELD' as const, correction: {} }, { field: 'correction', reason: 'CORRECTION_EMPTY' }],
    ['a correction of nulls', { outcome: 'UPHELD' as const, correction: { severity: null, summary: null } }, { field: 'correction', reason: 'CORRECTION_EMPTY' }],
    ['a blank corrected summary', { outcome: 'UPHELD' as const, correction: { summary: '  ' } }, { field: 'correction.summary', reason: 'BLANK' }],
  ])('refuses %s', (_name, input, extensions) => {
    expect(extensionsOf(() => objectionDecision(input))).toEqual({ code: 'BAD_USER_INPUT', ...extensions });
  });
});

describe('repairDecision', () => {
  it('requires reasons to reject, not to approve', () => {
    expect(repairDecision({ outcome: 'APPROVED' })).toEqual({ reasons: null });
    expect(repairDecision({ outcome: 'REJECTED', reasons: ' 证据不足 ' })).toEqual({ reasons: '证据不足' });
    expect(extensionsOf(() => repairDecision({ outcome: 'REJECTED', reasons: '' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'reasons', reason: 'REASONS_REQUIRED' });
  });
});
