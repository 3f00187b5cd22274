/**
 * The daily volume per principal on Redis (issue 14, point 4), against this machine's Redis: two
 * ledgers (two gateways) count one principal's distinct persons together, starting from what the
 * query log already holds for today.
 */
import { ManualClock, type Database } from '@credit/kit';
import { freshDatabaseLocation, freshRedis } from '@credit/kit/testing';
import type { Principal } from '@credit/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashOperation } from '../audit/chain.js';
import { openAuditDatabase } from '../audit/database.js';
import { createAuditLog } from '../audit/log.js';
import { createRedisVolumeLedger } from './volume.js';

let database: Database;
let dropDatabase: () => Promise<void>;
let redis: Awaited<ReturnType<typeof freshRedis>>;
const clock = new ManualClock(new Date('2026-11-21T10:00:00+08:00'));

beforeAll(async () => {
  const fresh = await freshDatabaseLocation();
  dropDatabase = fresh.drop;
  database = await openAuditDatabase(fresh.location);
  redis = await freshRedis();
});
afterAll(async () => {
  await database?.close();
  await dropDatabase?.();
  await redis?.drop();
});

const officer: Principal = { sub: 'officer-volume', role: 'OFFICER', department: 'market-regulation' };
const persons = (...ids: string[]) => new Set(ids);

describe('daily volume shared on Redis', () => {
  it('counts one principal\'s distinct persons across two gateways, from the query log on', async () => {
    // Earlier today, before the gateways shared anything: two persons already answered.
    const log = createAuditLog(database.db, { clock });
    for (const personIds of [['p-1'], ['p-2', 'p-1']]) {
      await log.append({
        principal: officer,
        purpose: 'ADMINISTRATIVE_LICENSING',
        grantId: null,
        operationName: 'Lookup',
        operationHash: hashOperation('{ person(id: "p") { name } }'),
        fields: {},
        personIds,
        outcome: 'ANSWERED',
      });
    }
    const gatewayA = createRedisVolumeLedger(redis, database.db, { limit: 4, clock });
    const gatewayB = createRedisVolumeLedger(redis, database.db, { limit: 4, clock });
    expect(await gatewayA.admit(officer, 'ADMINISTRATIVE_LICENSING', persons('p-3'))).toEqual({ allowed: true, count: 3, limit: 4 });
    // The same person again costs nothing; a fourth is the last one.
    expect(await gatewayB.admit(officer, 'ADMINISTRATIVE_LICENSING', persons('p-1'))).toEqual({ allowed: true, count: 3, limit: 4 });
    expect(await gatewayB.admit(officer, 'ADMINISTRATIVE_LICENSING', persons('p-4'))).toEqual({ allowed: true, count: 4, limit: 4 });
    // Each gateway alone would have counted fewer and let a fifth through.
    expect(await gatewayA.admit(officer, 'ADMINISTRATIVE_LICENSING', persons('p-5'))).toEqual({ allowed: false, count: 4, limit: 4 });
    expect(await gatewayB.admit(officer, 'ADMINISTRATIVE_LICENSING', persons('p-2'))).toMatchObject({ allowed: true });
    // Another purpose and another day start afresh.
    expect(await gatewayA.admit(officer, 'JOINT_PUNISHMENT', persons('p-5'))).toMatchObject({ allowed: true, count: 1 });
    clock.set('2026-11-22T09:00:00+08:00');
    expect(await gatewayB.admit(officer, 'ADMINISTRATIVE_LICENSING', persons('p-5'))).toMatchObject({ allowed: true, count: 1 });
    const ttl = await redis.client.ttl(`${redis.prefix}volume:2026-11-22:ADMINISTRATIVE_LICENSING:officer-volume`);
    expect(ttl).toBeGreaterThan(24 * 3600);
  });
});
