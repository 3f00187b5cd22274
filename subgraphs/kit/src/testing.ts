import { randomBytes, randomUUID } from 'node:crypto';
import { ANONYMOUS, type CallerContext, type Purpose, type Role } from '@credit/schema';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { selectRows, type Db } from './infra/db.js';
import type { RecordFacts } from './contracts/events.js';
import { connectRedis, type SharedRedis } from './infra/redis.js';
import type { NatsEventsConfig } from './infra/nats-events.js';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

/**
 * A database for one test file: a new database on the server named by DATABASE_URL (dropped
 * afterwards), else an in-memory PGlite per subgraph.
 */
export async function freshDatabaseLocation(env: NodeJS.ProcessEnv = process.env) {
  const base = env.DATABASE_URL;
  if (!base) return { location: 'pglite:memory', drop: async () => {} };
  const name = `credit_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    location: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * A caller as the gateway vouches for it in signed headers, for a department's in-process tests:
 * PUBLIC is the anonymous principal, anyone else `<role>-1` (or the `sub` given) of the department
 * or person given.
 */
export function caller(role: Role, purpose: Purpose | null = null, principal: { sub?: string; department?: string; personId?: string } = {}): CallerContext {
  return { principal: role === 'PUBLIC' ? ANONYMOUS : { sub: `${role.toLowerCase()}-1`, role, ...principal }, purpose, grantId: null };
}

/** A `record.changed` payload for tests: an ACTIVE GENERAL taxation penalty unless overridden. */
export function recordFactsFixture(overrides: Partial<RecordFacts> = {}): RecordFacts {
  return {
    id: randomUUID(),
    subjectId: randomUUID(),
    kind: 'NEGATIVE',
    severity: 'GENERAL',
    domain: 'TAXATION',
    category: 'ADMINISTRATIVE_ACT',
    regionCode: '110105',
    determiningAuthority: '北京市朝阳区税务局',
    decidedOn: '2026-01-10',
    publicityEndsOn: '2027-01-10',
    minimumPublicityEndsOn: '2026-04-10',
    status: 'ACTIVE',
    version: 1,
    ...overrides,
  };
}

/**
 * Every table of a subgraph's schema (its outbox and inbox included) with its row count and a
 * digest of its contents: a refused write changes neither, not even by an UPDATE in place.
 * `withoutWrittenAt` leaves out the columns filled by `now()` (when a row was written, not what it
 * holds), to compare databases filled at different times.
 */
export async function tableSnapshot(db: Db, schema: string, { withoutWrittenAt = false } = {}): Promise<Record<string, { rows: number; digest: string }>> {
  const columns = await selectRows<{ name: string; column: string; written_at: boolean }>(
    db,
    sql`select c.table_name as name, c.column_name as column, coalesce(c.column_default, '') like 'now()%' as written_at
          from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
         where t.table_schema = ${schema} and t.table_type = 'BASE TABLE'
         order by c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, string[]>();
  for (const c of columns) {
    const kept = tables.get(c.name) ?? [];
    if (!(withoutWrittenAt && c.written_at)) kept.push(`t."${c.column}"`);
    tables.set(c.name, kept);
  }
  const snapshot: Record<string, { rows: number; digest: string }> = {};
  for (const [name, kept] of tables) {
    const row = withoutWrittenAt ? `row(${kept.join(', ')})::text` : 't::text';
    const [result] = await selectRows<{ rows: number; digest: string }>(
      db,
      sql.raw(`select count(*)::int as rows, coalesce(md5(string_agg(${row}, '|' order by ${row})), '') as digest from "${schema}"."${name}" t`),
    );
    snapshot[name] = result!;
  }
  return snapshot;
}

/** This machine's Redis unless `TEST_REDIS_URL` names another (CI runs on a machine that has one). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * A Redis connection under a key prefix of its own (`credit-test:<random>:`); `drop` deletes every
 * key under it and disconnects.
 */
export async function freshRedis(): Promise<SharedRedis & { drop(): Promise<void> }> {
  const redis = await connectRedis(TEST_REDIS_URL, `credit-test:${randomBytes(6).toString('hex')}:`);
  return {
    ...redis,
    drop: async () => {
      let cursor = '0';
      do {
        const [next, keys] = await redis.client.scan(cursor, 'MATCH', `${redis.prefix}*`, 'COUNT', 1000);
        if (keys.length) await redis.client.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      await redis.close();
    },
  };
}

/** This machine's NATS (with JetStream) unless `TEST_NATS_URL` names another. */
export const TEST_NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

/**
 * Department events on a stream of their own (`CREDIT_TEST_<random>`, subjects
 * `credit-test.<random>.>`); `drop` deletes the stream with its consumers.
 */
export function freshNatsConfig(overrides: Partial<NatsEventsConfig> = {}): NatsEventsConfig & { drop(): Promise<void> } {
  const id = randomBytes(6).toString('hex');
  const config: NatsEventsConfig = { servers: TEST_NATS_URL, stream: `CREDIT_TEST_${id}`, subjectPrefix: `credit-test.${id}`, ...overrides };
  return {
    ...config,
    drop: async () => {
      const connection = await connect({ servers: config.servers });
      try {
        const jsm = await jetstreamManager(connection, { timeout: 20_000 });
        await jsm.streams.delete(config.stream).catch(() => false);
      } finally {
        await connection.close();
      }
    },
  };
}
