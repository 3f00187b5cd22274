import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../contracts/dates.js';
import { ManualClock } from './clock.js';
import { selectRows, type Db } from './db.js';
import { loadDepartment, type LoadedDepartment } from './departments.js';
import { snapshotKey, snapshotRoot } from './pglite-snapshot.js';
import { tableSnapshot } from '../testing.js';
import { makeDepartmentSnapshot, type RunningSubgraph, type SubgraphOptions } from './subgraph.js';

// Disputes: migrations, reference data (the working-day calendar), a seed with outbox events, in
// about a second; records' seed takes twice as long and goes through the same code.
const scratch = mkdtempSync(join(tmpdir(), 'pglite-snapshot-'));
const root = join(scratch, 'snapshots');
const clock = new ManualClock(new Date('2026-12-02T09:00:00+08:00'));
let disputes: LoadedDepartment;
let snapshot: string | undefined;
/** After the snapshot was made: rows written with now() before it come from the snapshot. */
let madeBy: Date;
const running: RunningSubgraph[] = [];
let restoredContents: Awaited<ReturnType<typeof contents>> | undefined;
const setting = process.env.CREDIT_PGLITE_SNAPSHOT;

beforeAll(async () => {
  disputes = await loadDepartment('disputes');
  snapshot = await makeDepartmentSnapshot(disputes.spec, clock, root);
  madeBy = new Date();
}, 120_000);
afterAll(async () => {
  await Promise.all(running.map((r) => r.close()));
  if (setting === undefined) delete process.env.CREDIT_PGLITE_SNAPSHOT;
  else process.env.CREDIT_PGLITE_SNAPSHOT = setting;
  rmSync(scratch, { recursive: true, force: true });
});

/** Starts disputes in a new directory database, with snapshots from `snapshots` (`off`: none). */
async function start(dir: string, snapshots: string, options: SubgraphOptions = {}): Promise<RunningSubgraph> {
  process.env.CREDIT_PGLITE_SNAPSHOT = snapshots;
  const location = `pglite:${join(scratch, dir)}`;
  const subgraph = await disputes.start({ location, clock, relay: false, redis: null, events: null, host: '127.0.0.1', ...options });
  running.push(subgraph);
  return subgraph;
}

/** The first outbox event's time of writing: before `madeBy` exactly when it came from the snapshot. */
async function firstEventWritten(db: Db): Promise<Date> {
  const [row] = await selectRows<{ at: string }>(db, sql`select min(created_at)::text as at from disputes.outbox`);
  return new Date(row!.at);
}

/** Each table of the department's schema, and its migration journal (in `public`), without the columns filled by now(). */
async function contents(db: Db): Promise<Record<string, { rows: number; digest: string }>> {
  const [department, journal] = [await tableSnapshot(db, 'disputes', { withoutWrittenAt: true }), await tableSnapshot(db, 'public')];
  return { ...department, ...Object.fromEntries(Object.entries(journal).map(([table, digest]) => [`public.${table}`, digest])) };
}

describe('install-time snapshots of embedded databases', () => {
  it('are made migrated and seeded, under a key of their own', () => {
    expect(snapshot).toMatch(/\/disputes-[0-9a-f]{24}$/);
    expect(existsSync(join(snapshot!, 'PG_VERSION'))).toBe(true);
    expect(readdirSync(root)).toEqual([snapshot!.split('/').at(-1)]);
  });

  it('start a new database with the same contents as a fresh start the same day, outbox events unsent', async () => {
    const [restored, fresh] = [await start('restored', root), await start('fresh', 'off')];
    expect((await firstEventWritten(restored.database.db)).getTime()).toBeLessThanOrEqual(madeBy.getTime());
    expect((await firstEventWritten(fresh.database.db)).getTime()).toBeGreaterThan(madeBy.getTime());
    const [a, b] = await Promise.all([contents(restored.database.db), contents(fresh.database.db)]);
    expect(Object.keys(a).length).toBeGreaterThan(5);
    expect(a.objections!.rows).toBeGreaterThan(0);
    expect(a.outbox!.rows).toBeGreaterThan(0);
    expect(a['public.drizzle_migrations_disputes']!.rows).toBeGreaterThan(0);
    expect(a).toEqual(b);
    restoredContents = a;
    const [pending] = await selectRows<{ n: number }>(restored.database.db, sql`select count(*)::int as n from disputes.outbox where delivered_at is null`);
    expect(pending!.n).toBeGreaterThan(0);
  }, 120_000);

  it('are not used on another day', async () => {
    const tomorrow = new ManualClock(new Date(`${addDays(clock.today(), 1)}T09:00:00+08:00`));
    const next = await start('tomorrow', root, { clock: tomorrow });
    expect((await firstEventWritten(next.database.db)).getTime()).toBeGreaterThan(madeBy.getTime());
    // The demo is anchored on its day: yesterday's snapshot would hold other rows.
    expect(restoredContents).toBeDefined();
    expect(await contents(next.database.db)).not.toEqual(restoredContents);
  }, 120_000);

  it('are not used for a database that is not to be seeded', async () => {
    const empty = await start('unseeded', root, { seedDemo: false });
    expect(await selectRows(empty.database.db, sql`select 1 from disputes.objections`)).toEqual([]);
  }, 120_000);

  it('change key with the migrations, the code and the seed, and have none when a part is unreadable', () => {
    // A department package of its own: its migrations beside the code that seeds it.
    const pkg = join(scratch, 'department');
    const migrations = join(pkg, 'drizzle');
    cpSync(disputes.spec.migrationsFolder, migrations, { recursive: true });
    mkdirSync(join(pkg, 'src'));
    writeFileSync(join(pkg, 'src', 'seed.ts'), 'export const persons = 1;\n');
    const subject = { name: 'disputes', migrationsFolder: migrations, seed: { today: clock.today() } };
    const keys = [snapshotKey(subject)];
    expect(keys[0]).toMatch(/^[0-9a-f]{24}$/);
    expect(snapshotKey(subject)).toBe(keys[0]);
    const sqlFile = readdirSync(migrations).find((f) => f.endsWith('.sql'))!;
    writeFileSync(join(migrations, sqlFile), '-- edited\n', { flag: 'a' });
    keys.push(snapshotKey(subject));
    writeFileSync(join(pkg, 'src', 'seed.ts'), 'export const persons = 2;\n');
    keys.push(snapshotKey(subject));
    keys.push(snapshotKey({ ...subject, seed: { today: addDays(clock.today(), 1) } }));
    keys.push(snapshotKey({ ...subject, seed: undefined }));
    expect(new Set(keys).size).toBe(5);
    // A test beside the code is not the code.
    writeFileSync(join(pkg, 'src', 'seed.test.ts'), 'test\n');
    expect(snapshotKey(subject)).toBe(keys[2]);
    rmSync(join(pkg, 'src'), { recursive: true });
    expect(snapshotKey(subject)).toBeUndefined();
    expect(snapshotKey({ ...subject, migrationsFolder: join(scratch, 'nowhere', 'drizzle') })).toBeUndefined();
  });

  it('are neither made nor used when turned off', async () => {
    expect(snapshotRoot({ CREDIT_PGLITE_SNAPSHOT: 'off' })).toBeUndefined();
    expect(snapshotRoot({ CREDIT_PGLITE_SNAPSHOT: root })).toBe(root);
    expect(snapshotRoot({})).toMatch(/node_modules\/\.cache\/credit-graph\/seeded$/);
    process.env.CREDIT_PGLITE_SNAPSHOT = 'off';
    expect(await makeDepartmentSnapshot(disputes.spec, clock)).toBeUndefined();
    // Nor used: the second test's fresh start had it off and wrote its rows after the snapshot was made.
  });
});
