/**
 * PGlite's first start in an empty data directory runs initdb: about 4 s of CPU on the project's
 * 2-core machine (2.5 s alone, 8–9 s while it is busy), and `npm start` used to pay it five times
 * at once (four departments and the gateway's query log). A freshly initialised cluster is the
 * same for every database of one PGlite version, so it is made once, kept as a tarball, and each
 * new database (a directory under `.data/`, or an in-memory one in tests) starts from it for
 * about 1 s of CPU. Each department still gets its own cluster; only the empty starting point is
 * shared.
 *
 * A database in a directory (`npm start`) is a copy of the template unpacked once beside it
 * (`.d`): copying with node's file system costs half of unpacking through PGlite's.
 *
 * The tarball lives in `node_modules/.cache/credit-graph/`, next to the PGlite it was made by,
 * so deleting `.data/` keeps it and upgrading PGlite (a new version in its name) replaces it.
 * `npm ci` makes it (root `postinstall`), `npm start` makes it if it is missing, and any process
 * that had to run initdb leaves one behind. `CREDIT_PGLITE_TEMPLATE=off` turns it off (every
 * new database runs initdb); `CREDIT_PGLITE_TEMPLATE=<file>` puts it elsewhere.
 */
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

/** The installed PGlite's package directory and version. */
export function installedPglite(): { root: string; version: string } | undefined {
  try {
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    const marker = `${sep}node_modules${sep}@electric-sql${sep}pglite${sep}`;
    const at = entry.lastIndexOf(marker);
    if (at < 0) return undefined;
    const root = entry.slice(0, at + marker.length - 1);
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    return { root, version };
  } catch {
    return undefined;
  }
}

/** Where the template of the installed PGlite is kept; undefined when turned off. */
export function pgliteTemplateFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const setting = env.CREDIT_PGLITE_TEMPLATE;
  if (setting === 'off') return undefined;
  if (setting) return setting;
  const pglite = installedPglite();
  if (!pglite) return undefined;
  // <node_modules>/@electric-sql/pglite -> <node_modules>/.cache/credit-graph
  return join(dirname(dirname(pglite.root)), '.cache', 'credit-graph', `pglite-${pglite.version}-initdb.tar.gz`);
}

let cached: { file: string; bytes: Uint8Array } | undefined;

/** The template's bytes, or undefined when there is none (yet). Read once per process. */
export function readPgliteTemplate(file = pgliteTemplateFile()): Uint8Array | undefined {
  if (!file) return undefined;
  if (cached?.file === file) return cached.bytes;
  try {
    const bytes = new Uint8Array(readFileSync(file));
    cached = { file, bytes };
    return bytes;
  } catch {
    return undefined;
  }
}

/**
 * Saves a freshly initialised cluster (nothing written to it yet) as the template. Best effort: a
 * read-only node_modules only means the next database runs initdb too. The file appears whole
 * (written aside, then renamed), so concurrent processes never read half of one.
 */
export async function savePgliteTemplate(fresh: PGlite, file = pgliteTemplateFile()): Promise<void> {
  if (!file) return;
  try {
    await fresh.waitReady;
    const dump = await fresh.dumpDataDir('gzip');
    const bytes = new Uint8Array(await dump.arrayBuffer());
    mkdirSync(dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, bytes);
    renameSync(partial, file);
    cached = { file, bytes };
  } catch {
    // not cached: the next fresh database runs initdb as well
  }
}

/** Where the template is kept unpacked, for databases in a directory. */
export function templateDirectoryOf(file: string): string {
  return `${file.replace(/\.tar\.gz$/, '')}.d`;
}

/** Unpacks the template into its directory once (a clean PGlite start and stop, then a rename). */
async function unpackTemplate(file: string, bytes: Uint8Array): Promise<void> {
  const target = templateDirectoryOf(file);
  if (existsSync(join(target, 'PG_VERSION'))) return;
  const partial = `${target}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite(partial, { loadDataDir: new Blob([bytes]) });
  await db.waitReady;
  await db.close();
  try {
    renameSync(partial, target);
  } catch {
    rmSync(partial, { recursive: true, force: true }); // another process unpacked it first
  }
}

/** How long a process waits for another one making the template, and when a claim is stale. */
const WAIT_MS = 60_000;
const STALE_MS = 120_000;

/**
 * The starting point of a new database. `copied`: the unpacked template was copied into
 * `directory`, open it. `bytes`: load the template. Otherwise run initdb, and
 * when `claimed`, this process makes the template for everyone: pass the fresh cluster to
 * `release` before writing to it (and call `release()` without one if it failed). While another
 * process holds the claim (the launcher's four departments and the gateway start at once), this
 * one waits for its template rather than running a fifth initdb beside it.
 */
export async function templateForNewDatabase(
  file = pgliteTemplateFile(),
  directory?: string,
): Promise<{ copied?: boolean; bytes?: Uint8Array; claimed?: boolean; release: (fresh?: PGlite) => Promise<void> }> {
  const none = { release: async () => {} };
  if (!file) return none;
  const unpacked = templateDirectoryOf(file);
  if (directory && existsSync(join(unpacked, 'PG_VERSION'))) {
    cpSync(unpacked, directory, { recursive: true });
    return { copied: true, release: none.release };
  }
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const bytes = readPgliteTemplate(file);
    if (bytes) return { bytes, release: none.release };
    const lock = `${file}.lock`;
    try {
      mkdirSync(dirname(file), { recursive: true });
      closeSync(openSync(lock, 'wx'));
      return {
        claimed: true,
        release: async (fresh?: PGlite) => {
          try {
            if (fresh) await savePgliteTemplate(fresh, file);
          } finally {
            rmSync(lock, { force: true });
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return none;
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_MS) rmSync(lock, { force: true });
      } catch {
        // released meanwhile
      }
    }
    if (Date.now() > deadline) return none;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Makes the template and its unpacked copy unless they exist (`npm start` before the services
 * start); true when the template is there.
 */
export async function ensurePgliteTemplate(file = pgliteTemplateFile()): Promise<boolean> {
  if (!file) return false;
  const start = await templateForNewDatabase(file);
  if (start.bytes) {
    await unpackTemplate(file, start.bytes).catch(() => undefined);
    return true;
  }
  if (!start.claimed) return false;
  // Loaded here only: the launcher checks for the template without loading PGlite.
  const { PGlite } = await import('@electric-sql/pglite');
  const fresh = new PGlite();
  try {
    await fresh.waitReady;
    await start.release(fresh);
  } catch (error) {
    await start.release();
    throw error;
  } finally {
    await fresh.close();
  }
  const bytes = readPgliteTemplate(file);
  if (bytes) await unpackTemplate(file, bytes).catch(() => undefined);
  return bytes !== undefined;
}
