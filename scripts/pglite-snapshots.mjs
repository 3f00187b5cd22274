/**
 * `postinstall`, after start-dev.mjs compiled `npm start`'s twins: makes today's snapshot of each
 * department's embedded database (migrated, reference data and demo seed in it) and of the gateway's query log (migrated),
 * which a first `npm start` copies instead of migrating and seeding five databases at once on two
 * cores (subgraphs/kit/src/infra/pglite-snapshot.ts says when one is used). It runs the twins,
 * the code `npm start` runs, so their snapshots carry the keys `npm start` looks for. Plain
 * JavaScript, and nothing to do without twins (`npm ci --omit=dev` has no esbuild to make them).
 * Never fails the install: without a snapshot a department migrates and seeds at its first start.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const twin = (path) => pathToFileURL(`${ROOT}${path}`).href;

try {
  if (process.env.CREDIT_PGLITE_SNAPSHOT !== 'off' && existsSync(fileURLToPath(twin('subgraphs/kit/.start/infra/pglite-snapshot.js')))) {
    // Start-up news ("seeded demo data", the calendar's horizon) is for npm start's log, not the install's.
    process.env.LOG_LEVEL ??= 'error';
    const began = Date.now();
    const { SUBGRAPH_NAMES } = await import(twin('schema/.start/departments.js'));
    const { makeDepartmentSnapshot } = await import(twin('subgraphs/kit/.start/infra/subgraph.js'));
    const made = [];
    for (const name of SUBGRAPH_NAMES) {
      try {
        const { spec } = await import(twin(`subgraphs/${name}/.start/server.js`));
        if (await makeDepartmentSnapshot(spec)) made.push(name);
      } catch (error) {
        console.warn(`no embedded database snapshot for ${name} (${error instanceof Error ? error.message : error}); it migrates and seeds at its first start`);
      }
    }
    try {
      const { makeAuditSnapshot } = await import(twin('gateway/.start/audit/database.js'));
      if (await makeAuditSnapshot()) made.push('gateway');
    } catch (error) {
      console.warn(`no embedded database snapshot for the gateway (${error instanceof Error ? error.message : error}); it migrates at its first start`);
    }
    if (made.length) console.log(`embedded database snapshots ready for ${made.join(', ')} in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  }
} catch (error) {
  console.warn(`no embedded database snapshots (${error instanceof Error ? error.message : error}); each database migrates and seeds at its first start`);
}
