/**
 * `postinstall`: makes the initialised-cluster template every new embedded database starts from
 * (subgraphs/kit/src/infra/pglite-template.ts), so the first `npm start` after `npm ci` does not run
 * PGlite's initdb (about 4 s of CPU per database) at all. Plain JavaScript on purpose: it runs before anything is built
 * and without dev dependencies (`npm ci --omit=dev`). Never fails the install: without a template
 * the first database to start makes one.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

try {
  if (process.env.CREDIT_PGLITE_TEMPLATE === 'off') process.exit(0);
  // The same file as kit's pgliteTemplateFile() (a test keeps the two equal).
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const marker = `${sep}node_modules${sep}@electric-sql${sep}pglite${sep}`;
  const root = entry.slice(0, entry.lastIndexOf(marker) + marker.length - 1);
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const file = process.env.CREDIT_PGLITE_TEMPLATE || join(dirname(dirname(root)), '.cache', 'credit-graph', `pglite-${version}-initdb.tar.gz`);
  const unpacked = `${file.replace(/\.tar\.gz$/, '')}.d`; // kit templateDirectoryOf
  if (process.argv.includes('--print-path')) console.log(file);
  else if (!existsSync(file) || !existsSync(join(unpacked, 'PG_VERSION'))) {
    const began = Date.now();
    const { PGlite } = await import('@electric-sql/pglite');
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      const lock = `${file}.lock`;
      closeSync(openSync(lock, 'wx'));
      try {
        const fresh = new PGlite();
        await fresh.waitReady;
        const bytes = new Uint8Array(await (await fresh.dumpDataDir('gzip')).arrayBuffer());
        await fresh.close();
        const partial = `${file}.${process.pid}.partial`;
        writeFileSync(partial, bytes);
        renameSync(partial, file);
      } finally {
        rmSync(lock, { force: true });
      }
    }
    // Unpacked beside it: a database in a directory is a copy of it.
    const partialDir = `${unpacked}.${process.pid}.partial`;
    rmSync(partialDir, { recursive: true, force: true });
    const db = new PGlite(partialDir, { loadDataDir: new Blob([readFileSync(file)]) });
    await db.waitReady;
    await db.close();
    renameSync(partialDir, unpacked);
    console.log(`embedded PostgreSQL template made in ${((Date.now() - began) / 1000).toFixed(1)} s: ${file}`);
  }
} catch (error) {
  console.warn(`no embedded PostgreSQL template (${error instanceof Error ? error.message : error}); the first database to start makes it`);
}
