/**
 * `npm run --silent export -- [--after CURSOR] [--first N]`: writes the change feed after CURSOR
 * (from the start without it) as NDJSON to stdout, all of it or the first N changes, then the
 * cursor to resume from to stderr. Exit 0: done; 2: bad arguments; 1: a fatal error.
 * (--silent keeps npm's own banner out of stdout.)
 */
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { clockFromEnv, databaseLocation, openDatabase, runMigrations, type Database } from '@credit/kit';
import { exportPage } from '../export.js';
import { feedAfter, EXPORT_BATCH } from '../feed.js';
import { migrationsFolder } from '../server.js';

const USAGE = 'usage: npm run --silent export -- [--after CURSOR] [--first N]';

function parse(): { after: number | null; afterCursor: string; limit: number } {
  const { values } = parseArgs({ options: { after: { type: 'string' }, first: { type: 'string' } } });
  const limit = values.first === undefined ? Infinity : Number(values.first);
  if (!(limit === Infinity || (Number.isSafeInteger(limit) && limit >= 1))) throw new Error('--first takes a positive integer');
  try {
    return { after: feedAfter(values.after), afterCursor: values.after ?? '', limit };
  } catch {
    throw new Error('--after is not a cursor from this feed');
  }
}

let args: ReturnType<typeof parse>;
try {
  args = parse();
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}

async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

let database: Database | undefined;
try {
  database = await openDatabase({ name: 'records', location: databaseLocation('records') });
  await runMigrations(database, 'records', migrationsFolder);
  const today = clockFromEnv().today();
  let { after, afterCursor: cursor } = args;
  for (let remaining = args.limit; remaining > 0; ) {
    const size = Math.min(remaining, EXPORT_BATCH);
    const page = await exportPage(database.db, after, size, today);
    const last = page.at(-1);
    if (!last) break;
    await write(page.map((change) => `${JSON.stringify(change)}\n`).join(''));
    [after, cursor] = [Number(last.sequence), last.cursor];
    remaining -= page.length;
    if (page.length < size) break;
  }
  console.error(cursor);
} catch (error) {
  // Only the message: a database error's detail may quote row values (personal data).
  console.error(`export failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await database?.close();
}
