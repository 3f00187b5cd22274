/**
 * `npm run subgraph:new` end to end (issue 13, point 2). In a scratch copy of this tree (its files,
 * a git baseline of its own, node_modules linked to this tree's except the workspace links, which
 * point into the copy) it scaffolds a court's enforcement records (失信被执行人), then checks that
 * the change is the department's folder, its one registry line and the composed supergraph; that
 * the scaffolded code typechecks and passes its own tests unchanged; and that the whole system
 * started with it (test/harness.ts) serves it through the gateway with the privacy policy applied
 * and the query log written (test/fixtures/scaffolded-court.e2e.ts). This tree is not touched.
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('..', import.meta.url));
const WORKSPACES = ['schema', 'subgraphs', 'gateway', 'test', 'bench', 'console'];

/** This run's environment without Vitest's own variables, which would tell the copy's Vitest it runs inside a worker. */
const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'TINYPOOL_WORKER_ID'));

function sh(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...baseEnv, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/** A node script in the copy, without blocking this process (the two checks run at once). */
function run(cwd: string, args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd, env: baseEnv });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (status) => resolve({ status, output }));
  });
}

function ok(cwd: string, command: string, args: string[], env?: NodeJS.ProcessEnv): string {
  const { status, output } = sh(cwd, command, args, env);
  if (status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${status}:\n${output.slice(-4000)}`);
  return output;
}

/** node_modules as `npm install` would make it for the copy: the packages are this tree's, the workspaces the copy's. */
function linkNodeModules(scratch: string): void {
  const modules = join(scratch, 'node_modules');
  mkdirSync(join(modules, '@credit'), { recursive: true });
  for (const entry of readdirSync(join(here, 'node_modules'))) {
    if (entry !== '@credit') symlinkSync(join(here, 'node_modules', entry), join(modules, entry));
  }
  for (const dir of WORKSPACES.flatMap((w) => (w === 'subgraphs' ? readdirSync(join(scratch, w)).map((d) => `${w}/${d}`) : [w]))) linkWorkspace(scratch, dir);
}

function linkWorkspace(scratch: string, dir: string): void {
  const credit = join(scratch, 'node_modules', '@credit');
  symlinkSync(relative(credit, join(scratch, dir)), join(credit, dir.split('/').pop()!));
  // Packages npm could not hoist (another version of a dependency) keep their own node_modules.
  if (existsSync(join(here, dir, 'node_modules'))) symlinkSync(join(here, dir, 'node_modules'), join(scratch, dir, 'node_modules'));
}

let scratch: string;
let status: string[];

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'credit-subgraph-new-'));
  const files = ok(here, 'git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard']).split('\0').filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(scratch, file)), { recursive: true });
    try {
      cpSync(join(here, file), join(scratch, file));
    } catch {
      // listed by git but deleted in the working tree
    }
  }
  const git = (...args: string[]) => ok(scratch, 'git', ['-c', 'user.name=scaffold-test', '-c', 'user.email=scaffold-test@example.invalid', ...args]);
  git('init', '-q');
  // The copy's node_modules are symlinks, which .gitignore's `node_modules/` (directories) does not match.
  appendFileSync(join(scratch, '.git', 'info', 'exclude'), 'node_modules\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'baseline');
  linkNodeModules(scratch);
  ok(scratch, process.execPath, ['--import', 'tsx', 'scripts/subgraph-new.ts', 'court', '--type', 'EnforcementRecord', '--no-install']);
  status = git('status', '--porcelain', '--untracked-files=all').split('\n').filter(Boolean);
  // What the scaffold's `npm install` does, which `--no-install` leaves out here.
  linkWorkspace(scratch, 'subgraphs/court');
}, 180_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('npm run subgraph:new -- court --type EnforcementRecord', () => {
  it('touches only subgraphs/court/, one line of the registry and the composed supergraph', () => {
    const outside = status.filter((line) => !line.startsWith('?? subgraphs/court/'));
    expect(outside).toEqual([' M schema/src/departments.ts', ' M schema/supergraph.graphql']);
    const registry = ok(scratch, 'git', ['diff', '--numstat', 'schema/src/departments.ts']);
    expect(registry.trim()).toBe('1\t0\tschema/src/departments.ts');
    const files = status.map((line) => line.slice(3)).filter((f) => f.startsWith('subgraphs/court/'));
    expect(files).toEqual(expect.arrayContaining(['subgraphs/court/schema.graphql', 'subgraphs/court/src/server.test.ts', 'subgraphs/court/drizzle/0000_init.sql', 'subgraphs/court/src/generated/resolvers.ts']));
    expect(ok(scratch, 'git', ['diff', 'schema/supergraph.graphql'])).toContain('+  COURT @join__graph(name: "court", url: "http://127.0.0.1:4005/graphql")');
  });

  it('refuses a taken or malformed name with exit 2 and a reason, writing nothing', () => {
    const scaffold = (...args: string[]) => sh(scratch, process.execPath, ['--import', 'tsx', 'scripts/subgraph-new.ts', ...args, '--no-install']);
    const before = ok(scratch, 'git', ['status', '--porcelain', '--untracked-files=all']);
    expect(scaffold('court')).toMatchObject({ status: 2, output: expect.stringContaining('subgraphs/court exists already') });
    expect(scaffold('Tax-Bureau')).toMatchObject({ status: 2, output: expect.stringContaining('department name "Tax-Bureau"') });
    expect(scaffold('tax', '--type', 'CreditRecord')).toMatchObject({ status: 2, output: expect.stringContaining('the supergraph has that type already') });
    expect(ok(scratch, 'git', ['status', '--porcelain', '--untracked-files=all'])).toBe(before);
  });

  it('typechecks, and passes its own tests and the whole system through the gateway unchanged', async () => {
    cpSync(join(scratch, 'test/fixtures/scaffolded-court.e2e.ts'), join(scratch, 'test/fixtures/scaffolded-court.e2e.test.ts'));
    // Side by side: each mostly waits on its own files and processes.
    const [typecheck, tests] = await Promise.all([
      run(scratch, [join(scratch, 'node_modules/typescript/bin/tsc'), '-p', 'subgraphs/court/tsconfig.json', '--noEmit']),
      run(scratch, [join(scratch, 'node_modules/vitest/vitest.mjs'), 'run', 'subgraphs/court', 'test/fixtures/scaffolded-court.e2e.test.ts']),
    ]);
    expect(typecheck.status, typecheck.output).toBe(0);
    expect(tests.output).toMatch(/Test Files\s+.*2 passed/);
    expect(tests.status, tests.output.slice(-4000)).toBe(0);
  }, 240_000);
});
