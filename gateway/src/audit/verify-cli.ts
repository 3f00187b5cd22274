/**
 * `npm run audit:verify [-- --anchor SEQ:HASH]`: walks the query log's hash chain and prints one
 * line; exit 1 names the first broken entry. The printed head is the anchor to keep elsewhere:
 * deleting the newest entries leaves a valid shorter chain that only an earlier anchor exposes.
 */
import { parseArgs } from 'node:util';
import { openAuditDatabase } from './database.js';
import { verifyAuditChain, type ChainAnchor } from './verify.js';

function parseAnchor(text: string | undefined): ChainAnchor | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text);
  if (!match) throw new Error('--anchor must be SEQ:HASH as printed by a previous run');
  return { seq: Number(match[1]), hash: match[2]! };
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { anchor: { type: 'string' } } });
  const anchor = parseAnchor(values.anchor);
  const database = await openAuditDatabase();
  try {
    const result = await verifyAuditChain(database.db, { anchor });
    if (!result.ok) {
      console.error(`audit chain BROKEN at seq ${result.brokenAt}: ${result.reason}`);
      return 1;
    }
    const head = result.head ? `, head ${result.head.seq}:${result.head.hash}` : '';
    console.log(`audit chain ok: ${result.entries} entries${head}`);
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`audit:verify failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
