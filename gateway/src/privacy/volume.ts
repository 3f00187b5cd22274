/**
 * Volume limits per purpose (issue 11, 查询使用审查): under a single-subject purpose one principal
 * reaches at most `limit` distinct persons a business day (Asia/Shanghai). The persons a principal
 * reached today are those of its ANSWERED entries in the query log, read once per principal,
 * purpose and day and then kept in memory; each gateway process keeps its own, so N processes may
 * together admit up to N times the limit within a day, unless `REDIS_URL` is set: then
 * `createRedisVolumeLedger` keeps one set per principal, purpose and day for every replica.
 */
import { loggableError, logger, selectRows, type Clock, type Db, type SharedRedis } from '@credit/kit';
import type { Principal, Purpose } from '@credit/schema';
import { sql } from 'drizzle-orm';

export interface VolumeVerdict {
  allowed: boolean;
  /** Distinct persons reached today, this request included when allowed. */
  count: number;
  limit: number;
}

export interface VolumeLedger {
  /** Admits the persons one answer would release, or refuses it: then none of them is counted. */
  admit(principal: Principal, purpose: Purpose, persons: ReadonlySet<string>): Promise<VolumeVerdict>;
}

/** The persons a principal's ANSWERED entries reached today under a purpose, from the query log. */
async function reachedToday(db: Db, sub: string, purpose: Purpose, today: string): Promise<Set<string>> {
  const rows = await selectRows<{ person: string }>(
    db,
    sql`select distinct unnest(person_ids) as person from gateway.audit_log
        where principal_sub = ${sub} and purpose = ${purpose} and outcome = 'ANSWERED' and at >= ${`${today}T00:00:00+08:00`}::timestamptz`,
  );
  return new Set(rows.map((r) => r.person));
}

export function createVolumeLedger(db: Db, options: { limit: number; clock: Clock }): VolumeLedger {
  let day = '';
  let reached = new Map<string, Promise<Set<string>>>();
  const load = (sub: string, purpose: Purpose, today: string) => reachedToday(db, sub, purpose, today);
  return {
    async admit(principal, purpose, persons) {
      const today = options.clock.today();
      if (today !== day) {
        day = today;
        reached = new Map();
      }
      const key = `${principal.sub}\u0000${purpose}`;
      let known = reached.get(key);
      if (!known) {
        known = load(principal.sub, purpose, today);
        reached.set(key, known);
        // A failed read is tried again on the next request, not remembered.
        known.catch(() => reached.delete(key));
      }
      const seen = await known;
      const fresh = [...persons].filter((p) => !seen.has(p));
      if (seen.size + fresh.length > options.limit) return { allowed: false, count: seen.size, limit: options.limit };
      for (const p of fresh) seen.add(p);
      return { allowed: true, count: seen.size, limit: options.limit };
    },
  };
}

/**
 * KEYS[1] the day's set (its member "" marks it loaded from the query log); ARGV[1] the limit, the
 * rest the persons of one answer. -1: not loaded yet; else {admitted 1/0, persons counted}.
 */
const ADMIT_LUA = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local count = redis.call('SCARD', KEYS[1]) - 1
local fresh = {}
for i = 2, #ARGV do
  if redis.call('SISMEMBER', KEYS[1], ARGV[i]) == 0 then fresh[#fresh + 1] = ARGV[i] end
end
if count + #fresh > tonumber(ARGV[1]) then return { 0, count } end
for i = 1, #fresh do redis.call('SADD', KEYS[1], fresh[i]) end
return { 1, count + #fresh }
`;

/**
 * `REDIS_URL`: the ledger shared by every gateway replica, one Redis set per principal, purpose
 * and day (kept two days). The first replica to need a set fills it from the query log (a union,
 * so two filling at once agree); admitting checks and adds in one script. While Redis cannot
 * answer, each process counts on its own, as on the embedded default.
 */
export function createRedisVolumeLedger(redis: SharedRedis, db: Db, options: { limit: number; clock: Clock }): VolumeLedger {
  const local = createVolumeLedger(db, options);
  let warnedAt = 0;
  const run = (key: string, persons: readonly string[]) =>
    redis.client.eval(ADMIT_LUA, 1, key, String(options.limit), ...persons) as Promise<-1 | [number, number]>;
  return {
    async admit(principal, purpose, persons) {
      const today = options.clock.today();
      const key = `${redis.prefix}volume:${today}:${purpose}:${principal.sub}`;
      try {
        let outcome = await run(key, [...persons]);
        if (outcome === -1) {
          const known = await reachedToday(db, principal.sub, purpose, today);
          await redis.client.multi().sadd(key, '', ...known).expire(key, 2 * 24 * 3600).exec();
          outcome = await run(key, [...persons]);
          if (outcome === -1) throw new Error('volume set vanished');
        }
        const [admitted, count] = outcome;
        return { allowed: admitted === 1, count, limit: options.limit };
      } catch (error) {
        if (Date.now() - warnedAt > 10_000) {
          warnedAt = Date.now();
          logger.warn(loggableError(error), 'daily volumes on Redis unavailable; this process counts on its own meanwhile');
        }
        return local.admit(principal, purpose, persons);
      }
    },
  };
}

/** `PURPOSE_DAILY_PERSONS`, else the default of `@credit/schema`'s entry-point table. */
export function dailyPersonLimitFromEnv(fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PURPOSE_DAILY_PERSONS;
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error('PURPOSE_DAILY_PERSONS must be a positive integer');
  return value;
}
