import { describe, expect, it } from 'vitest';
import { loggableError } from './logger.js';

describe('loggableError', () => {
  it('keeps the class and the SQLSTATE from the cause chain, never the message', () => {
    const cause = Object.assign(new Error('duplicate key value (citizen_id_number)=(11010519491231002X)'), { code: '23505' });
    const error = new Error('Failed query: insert ... params: 11010519491231002X,张三', { cause });
    const logged = loggableError(error);
    expect(logged).toEqual({ name: 'Error', code: '23505' });
    expect(JSON.stringify(logged)).not.toContain('11010519491231002X');
  });
});
