/**
 * `postinstall`: two fixes to postgres.js 3.4.9 (the services' PostgreSQL driver), which no release
 * has yet. When the database restarts or terminates a service's connections while statements are
 * being written, (1) a deferred write runs after the connection dropped its socket and throws a
 * TypeError from a timer, which no caller can catch: the service exits (porsager/postgres#1154,
 * #1208; the guard of the open PR #1209, which also fails that write's statements instead of
 * leaving them waiting), and (2) the connection keeps the cancelled timer and the unsent bytes, so
 * once reconnected it never flushes a small write again and its statements wait until a timeout.
 * npm run chaos found both (subgraphs/kit/src/postgres-restart.test.ts checks them). Idempotent;
 * another version of the driver is left alone with a warning. Plain JavaScript, as it runs before
 * anything is built and without dev dependencies. Never fails the install.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const MARK = '/* credit-graph: patched, scripts/patch-postgres.mjs */';
const PATCHES = [
  {
    from: '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)\n',
    to: "  function nextWrite(fn) {\n    if (!socket) return (chunk = nextWriteTimer = null, error(Errors.connection('CONNECTION_CLOSED', options)), false)\n    const x = socket.write(chunk, fn)\n",
    count: 1,
  },
  { from: '\n    clearImmediate(nextWriteTimer)\n', to: '\n    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n', count: 2 },
];

try {
  const entry = createRequire(import.meta.url).resolve('postgres');
  const root = dirname(dirname(dirname(entry))); // <root>/cjs/src/index.js
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (version !== '3.4.9') {
    console.warn(`patch-postgres: postgres ${version}, not 3.4.9: left alone (check that it has the fixes of porsager/postgres#1209)`);
  } else {
    for (const copy of ['src', 'cjs/src', 'cf/src']) {
      const file = join(root, copy, 'connection.js');
      let source = readFileSync(file, 'utf8');
      if (source.includes(MARK)) continue;
      for (const { from, to, count } of PATCHES) {
        const found = source.split(from).length - 1;
        if (found !== count) throw new Error(`${file}: expected ${count} of ${JSON.stringify(from)}, found ${found}`);
        source = source.replaceAll(from, to);
      }
      writeFileSync(file, `${MARK}\n${source}`);
    }
  }
} catch (error) {
  console.warn(`patch-postgres: not applied: ${error instanceof Error ? error.message : String(error)}`);
}
