/**
 * A new embedded database starts as a copy of a snapshot: the data directory of the same database
 * already migrated and seeded (as far as its department seeds), made at install time (scripts/pglite-snapshots.mjs, postinstall).
 * Why: on the first `npm start` each department ran its migrations (0.6–1.1 CPU s) and the demo
 * seed (0.3–2 CPU s) while five processes started at once on two cores; copying a directory costs
 * a fraction of that (issue 14, a first answer within 10 s of a fresh clone's `npm start`).
 *
 * A snapshot is used only when it holds exactly what the database would hold after a fresh start
 * the same day: its key covers the installed packages (package-lock.json and the PGlite version),
 * the migration files, the code that migrates and seeds (the running layout of kit, schema and the
 * department: `src/` under tsx and Vitest, `.start/` for `npm start`), and what is seeded (the
 * demo set anchored on today's date). Anything unreadable means no key, and the slow correct start.
 * Rows written with `now()` (outbox `created_at`, a person's `created_at`) say when the snapshot
 * was made, earlier the same day. The seed's outbox events are in it unsent, as after a fresh
 * seed, and the relay delivers them at start.
 *
 * Snapshots live in `node_modules/.cache/credit-graph/seeded/<name>-<key>/`, beside the
 * initialised-cluster template (pglite-template.ts). `CREDIT_PGLITE_SNAPSHOT=off` neither makes
 * nor uses them; `CREDIT_PGLITE_SNAPSHOT=<dir>` keeps them elsewhere.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from './db.js';
import { installedPglite } from './pglite-template.js';

/** What a snapshot holds: a database migrated from `migrationsFolder` (in `<package>/drizzle`), and seeded with `seed` when given. */
export interface SnapshotSubject {
  /** The department, or `gateway`. */
  name: string;
  migrationsFolder: string;
  /** Everything the seed depends on besides code (its options, the dates it reads); absent: not seeded. */
  seed?: unknown;
}

/** Where snapshots are kept; undefined when turned off or PGlite is not installed. */
export function snapshotRoot(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const setting = env.CREDIT_PGLITE_SNAPSHOT;
  if (setting === 'off') return undefined;
  if (setting) return setting;
  const pglite = installedPglite();
  // <node_modules>/@electric-sql/pglite -> <node_modules>/.cache/credit-graph/seeded
  return pglite && join(dirname(dirname(pglite.root)), '.cache', 'credit-graph', 'seeded');
}

/** This module's package (kit) and the layout it runs from: `src`, `.start` or `dist`. */
const HERE = dirname(fileURLToPath(import.meta.url));
const LAYOUT = basename(dirname(HERE));
const KIT = dirname(dirname(HERE));
const REPOSITORY = dirname(dirname(KIT));

/** Every file under `dir` but tests, source maps and half-written files, by path, into `hash`; throws when `dir` is missing. */
function hashTree(hash: ReturnType<typeof createHash>, dir: string): void {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !/\.test\.ts$|\.map$|\.partial$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  for (const file of files) hash.update(`${relative(REPOSITORY, file).split(sep).join('/')}\0`).update(readFileSync(file)).update('\0');
}

/** The key of the snapshot that holds `subject`, or undefined when any part of it is unknown. */
export function snapshotKey(subject: SnapshotSubject): string | undefined {
  try {
    const pglite = installedPglite();
    if (!pglite) return undefined;
    const hash = createHash('sha256');
    hash.update(JSON.stringify({ format: 1, name: subject.name, pglite: pglite.version, seed: subject.seed ?? null }));
    hash.update(readFileSync(join(REPOSITORY, 'package-lock.json')));
    hashTree(hash, subject.migrationsFolder);
    for (const pkg of [KIT, join(REPOSITORY, 'schema'), dirname(subject.migrationsFolder)]) hashTree(hash, join(pkg, LAYOUT));
    return hash.digest('hex').slice(0, 24);
  } catch {
    return undefined;
  }
}

const directoryOf = (root: string, name: string, key: string) => join(root, `${name}-${key}`);

/** The embedded database's directory a location names, when it is one that does not hold a cluster yet. */
function freshDirectory(location: string): string | undefined {
  if (!location.startsWith('pglite:')) return undefined;
  const dir = location.slice('pglite:'.length);
  return dir !== 'memory' && !existsSync(join(dir, 'PG_VERSION')) ? dir : undefined;
}

/**
 * Puts the subject's snapshot in place when `location` is a new embedded database and a snapshot
 * with the current key exists; true when it did. The copy is made aside and renamed into place, so
 * a start interrupted mid-copy leaves no half database.
 */
export function restoreSnapshot(subject: SnapshotSubject, location: string, root = snapshotRoot()): boolean {
  const dir = freshDirectory(location);
  if (!dir || !root) return false;
  try {
    // Only a department that has a snapshot at all pays for the key (hashing its code).
    if (!readdirSync(root).some((entry) => entry.startsWith(`${subject.name}-`))) return false;
    const key = snapshotKey(subject);
    if (!key) return false;
    const snapshot = directoryOf(root, subject.name, key);
    if (!existsSync(join(snapshot, 'PG_VERSION'))) return false;
    const partial = `${dir}.${process.pid}.partial`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(snapshot, partial, { recursive: true });
    try {
      renameSync(partial, dir); // onto nothing, or an empty directory
    } catch {
      rmSync(partial, { recursive: true, force: true });
      return false;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes the subject's snapshot unless it exists: a new database in a directory beside the others,
 * `prepare`d (migrated, and seeded when the subject is), closed cleanly, then renamed into place.
 * Snapshots of the same name under other keys are deleted. Returns its directory, or undefined
 * when there is no key or snapshots are off.
 */
export async function makeSnapshot(subject: SnapshotSubject, prepare: (database: Database) => Promise<void>, root = snapshotRoot()): Promise<string | undefined> {
  const key = root && snapshotKey(subject);
  if (!root || !key) return undefined;
  const target = directoryOf(root, subject.name, key);
  if (!existsSync(join(target, 'PG_VERSION'))) {
    const partial = `${target}.${process.pid}.partial`;
    rmSync(partial, { recursive: true, force: true });
    try {
      const database = await openDatabase({ name: subject.name, location: `pglite:${partial}` });
      try {
        await prepare(database);
      } finally {
        await database.close();
      }
      rmSync(target, { recursive: true, force: true });
      renameSync(partial, target);
    } finally {
      rmSync(partial, { recursive: true, force: true });
    }
  }
  const own = new RegExp(`^${subject.name}-[0-9a-f]+$`);
  for (const entry of readdirSync(root)) if (own.test(entry) && entry !== basename(target)) rmSync(join(root, entry), { recursive: true, force: true });
  return target;
}
