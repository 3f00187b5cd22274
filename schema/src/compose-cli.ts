/**
 * `npm run compose`: composes the subgraphs' SDL into schema/supergraph.graphql.
 * Fails on composition errors and on privacy lint problems; `--check` fails when the committed
 * file differs from a fresh composition (CI), without writing it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { composeSupergraph, SUPERGRAPH_FILE } from './compose.js';
import { COMPOSED_SUBGRAPHS } from './subgraphs.js';

function main(): number {
  const check = process.argv.includes('--check');
  const { supergraphSdl, problems } = composeSupergraph();
  if (problems.length || !supergraphSdl) {
    for (const problem of problems) console.error(`✗ ${problem}`);
    console.error(`compose failed: ${problems.length} problem(s)`);
    return 1;
  }
  const text = `${supergraphSdl.trimEnd()}\n`;
  if (check) {
    let committed = '';
    try {
      committed = readFileSync(SUPERGRAPH_FILE, 'utf8');
    } catch {
      // a missing file is stale too
    }
    if (committed !== text) {
      console.error('schema/supergraph.graphql is stale: run `npm run compose` and commit it');
      return 1;
    }
    console.log('schema/supergraph.graphql is up to date');
    return 0;
  }
  writeFileSync(SUPERGRAPH_FILE, text);
  console.log(`composed ${COMPOSED_SUBGRAPHS.length} subgraphs into schema/supergraph.graphql`);
  return 0;
}

process.exitCode = main();
