/**
 * Volume limits per purpose (issue 11, 查询使用审查): under a single-subject purpose one principal
 * reaches at most `limit` distinct persons a business day (Asia/Shanghai). The persons a principal
 * reached today are those of its ANSWERED entries in the query log, read once per principal,
 * purpose and day and then kept in memory; each gateway process keeps its own, so N processes may
 * together admit up to N times the limit within a day (shared state on Redis is issue 14's).
 */
import { selectRows, type Clock, type Db } from '@credit/kit';
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

export function createVolumeLedger(db: Db, options: { limit: number; clock: Clock }): VolumeLedger {
  let day = '';
  let reached = new Map<string, Promise<Set<string>>>();
  const load = async (sub: string, purpose: Purpose, today: string) => {
    const rows = await selectRows<{ person: string }>(
      db,
      sql`select distinct unnest(person_ids) as person from gateway.audit_log
          where principal_sub = ${sub} and purpose = ${purpose} and outcome = 'ANSWERED' and at >= ${`${today}T00:00:00+08:00`}::timestamptz`,
    );
    return new Set(rows.map((r) => r.person));
  };
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

/** `PURPOSE_DAILY_PERSONS`, else the default of `@credit/schema`'s entry-point table. */
export function dailyPersonLimitFromEnv(fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PURPOSE_DAILY_PERSONS;
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error('PURPOSE_DAILY_PERSONS must be a positive integer');
  return value;
}
