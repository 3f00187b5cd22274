import { afterEach, describe, expect, it } from 'vitest';
import { gatewayWorkersFromEnv, superviseWorkers } from './workers.js';

const saved = process.env.GATEWAY_DATABASE_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.GATEWAY_DATABASE_URL;
  else process.env.GATEWAY_DATABASE_URL = saved;
});

describe('gateway workers', () => {
  it('reads GATEWAY_WORKERS as 1 to 64 workers, one by default', () => {
    expect(gatewayWorkersFromEnv({})).toBe(1);
    expect(gatewayWorkersFromEnv({ GATEWAY_WORKERS: '4' })).toBe(4);
    for (const bad of ['0', '65', '1.5', 'two', '']) expect(() => gatewayWorkersFromEnv({ GATEWAY_WORKERS: bad })).toThrow(/GATEWAY_WORKERS/);
  });

  it('refuses to fork workers over the embedded database, which serves one process', async () => {
    process.env.GATEWAY_DATABASE_URL = 'pglite:memory';
    await expect(superviseWorkers(2)).rejects.toThrow(/needs PostgreSQL/);
  });
});
