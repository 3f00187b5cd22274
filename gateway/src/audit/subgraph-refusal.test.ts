import { describe, expect, it } from 'vitest';
import { AuditingDataSource } from './served.js';

const source = new AuditingDataSource({ url: 'http://127.0.0.1:4002/graphql' });
const answer = (status: number, body: unknown, type = 'application/json') =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': type } });

describe('a department refusing the request the gateway sent it', () => {
  it('passes on the department’s code and reason, without its URL or raw answer', async () => {
    const refusal = { errors: [{ message: 'Variable "$input" got invalid value "2026-13-45"', extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_DATE' } }] };
    const error = await source.errorFromResponse(answer(400, refusal) as never);
    expect(error.message).toBe(refusal.errors[0]!.message);
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_DATE' });
  });

  it('is BAD_REQUEST when the department gave no GraphQL error, never INTERNAL_SERVER_ERROR', async () => {
    for (const [status, body, type] of [[413, { error: 'PAYLOAD_TOO_LARGE' }], [400, 'not json', 'text/plain']] as const) {
      const error = await source.errorFromResponse(answer(status, body, type) as never);
      expect(error.extensions).toEqual({ code: 'BAD_REQUEST' });
      expect(error.message).toContain(String(status));
    }
  });

  it('leaves a 5xx the gateway’s own error', async () => {
    const error = await source.errorFromResponse(answer(503, { errors: [{ message: 'x', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }) as never);
    expect(error.message).toMatch(/^503/);
    expect(error.extensions.code).toBeUndefined();
  });
});
