/**
 * `npm run schema:check [-- options]`: the check a department runs before it merges (check.ts).
 * Composes the working tree's subgraph SDL in memory (writes nothing) and compares it with the
 * committed supergraph, against the operations in use.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkSchema, formatReport, type CheckReport } from './check.js';
import { loadOperations, readBase, subgraphSources } from './check-inputs.js';

const USAGE = `usage: npm run schema:check -- [options]

Compares the supergraph composed from the working tree's subgraph SDL with the committed
schema/supergraph.graphql: breaking changes against the operations in use (gateway/documents/*.graphql
and the files registered in schema/operations.json), and privacy changes that need review.

  --base <file>              compare with this supergraph file instead
  --base-ref <rev>           compare with schema/supergraph.graphql at this git revision (default HEAD)
  --operations <path|glob>   more operations files in use (a file, a directory, or a glob); repeatable
  --accept-privacy-review    a privacy reviewer approved the privacy changes listed: they pass
  --json                     print the report as JSON
  --verbose                  list the safe changes too

exit: 0 clean (info allowed), 1 breaks an operation in use or an unreviewed privacy change,
      2 usage, composition, privacy lint or input error`;

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        base: { type: 'string' },
        'base-ref': { type: 'string' },
        operations: { type: 'string', multiple: true },
        'accept-privacy-review': { type: 'boolean' },
        json: { type: 'boolean' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.base && args['base-ref']) {
    console.error(`--base and --base-ref exclude each other\n\n${USAGE}`);
    return 2;
  }

  // Paths are the user's: npm runs the script from the repository root, and says where the user was.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  let report: CheckReport;
  let baseLabel: string | undefined;
  try {
    const base = readBase({ file: args.base === undefined ? undefined : resolve(cwd, args.base), ref: args['base-ref'] });
    baseLabel = base.label;
    report = await checkSchema({
      base: base.sdl,
      subgraphs: subgraphSources(),
      operations: loadOperations({ extra: args.operations ?? [], cwd }),
      acceptPrivacyReview: args['accept-privacy-review'] === true,
    });
  } catch (error) {
    report = { exitCode: 2, problems: [(error as Error).message], changes: [], documents: [], privacy: [], privacyReviewAccepted: false };
  }

  if (args.json) {
    const { supergraphSdl: _sdl, ...rest } = report;
    console.log(JSON.stringify({ base: baseLabel, ...rest }, null, 2));
  } else {
    const text = formatReport(report, {
      ...(baseLabel ? { baseLabel: `${baseLabel}; new: the working tree's subgraph SDL, composed in memory` } : {}),
      verbose: args.verbose === true,
    });
    (report.exitCode === 0 ? console.log : console.error)(text);
  }
  return report.exitCode;
}

process.exitCode = await main(process.argv.slice(2));
