/**
 * `npm start`: compiles the TypeScript the launcher and the services run into JavaScript twins,
 * then runs the compiled launcher (scripts/start.ts), which starts every service on plain node.
 *
 * Why: under `node --import tsx` every module a service loads, Apollo's and drizzle's included,
 * goes through tsx's loader hooks, which Node 20 runs on a thread of their own; that cost about
 * 2 CPU s per process before it did any work, five services and the launcher at once on a 2-core
 * machine (BENCHMARKS.md, cold start). esbuild transpiles all of it in a fraction of a second.
 *
 * Each workspace package's `src/x.ts` becomes `<package>/.start/x.js` (the launcher and what it
 * imports: `scripts/.start/`), one directory deep as `src/` is, so every
 * `new URL('../…', import.meta.url)` (SDL, migrations, documents, console/dist, .data) names the
 * same file, and bare imports find the same node_modules. Imports of a workspace package
 * (`@credit/kit`) point to its twin, found through its `exports` map (workspace-exports.mjs, which
 * link-dist reads for the production build's `dist/` too). Files are written only when their text changed (written aside,
 * then renamed, so a system already running from them never reads half a file) and twins of
 * deleted sources are removed: every start runs what `src/` says now, and the tests, Vitest and
 * tsx still load `src/`. Plain JavaScript, since nothing compiled exists before it runs.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { exportTarget, workspacePackages } from './workspace-exports.mjs';

/** The repository this file belongs to. */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The twin directory of each package's `src/`, and of the launcher. */
export const TWIN = '.start';
/** The launcher's own files (scripts/tsconfig.build.json compiles the same for `npm run build`). */
const LAUNCHER = ['scripts/start.ts', 'scripts/health.ts'];

/** The twin of a source file: `<pkg>/src/a/b.ts` → `<pkg>/.start/a/b.js`, `scripts/x.ts` → `scripts/.start/x.js`. */
function twinOf(root, source) {
  const path = relative(root, source).split(sep).join('/');
  const twin = path.startsWith('scripts/') ? path.replace(/^scripts\//, `scripts/${TWIN}/`) : path.replace(/\/src\//, `/${TWIN}/`);
  return join(root, twin.replace(/\.ts$/, '.js'));
}

/** The source file a workspace package specifier names; undefined for any other package. */
function exportedSource(specifier, packages) {
  const found = exportTarget(specifier, packages);
  return found && join(found.pkg.dir, found.target);
}

/** Every TypeScript source under `dir` but tests and declarations. */
function sourcesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((entry) => entry.endsWith('.ts') && !entry.endsWith('.d.ts') && !entry.endsWith('.test.ts'))
    .map((entry) => join(dir, entry));
}

/** Every file under `dir` (for removing twins whose source is gone). */
const filesUnder = (dir) => (existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name)) : []);

/** What the twins were compiled from: every source's path, time and size, this compiler's own files' and esbuild's. */
const stampOf = (root) => join(root, 'scripts', TWIN, 'sources.json');

function fingerprint(root, sources, esbuildEntry) {
  const of = (file) => {
    const { mtimeMs, size } = statSync(file);
    return [relative(root, file), mtimeMs, size];
  };
  const self = [fileURLToPath(import.meta.url), fileURLToPath(new URL('./workspace-exports.mjs', import.meta.url))];
  return JSON.stringify([...self.map(of), of(esbuildEntry), ...sources.map(of)]);
}

/**
 * Compiles every workspace package's `src/` and the launcher into their twins; returns how many
 * files changed, or null when nothing had changed since the last compile (no source, this file or
 * esbuild newer, every twin there), which is then skipped. Each file is compiled on its own
 * (every import left as an import, esbuild as tsx would transpile it); only the specifiers of
 * workspace packages are rewritten.
 */
export async function compileTwins(root = ROOT) {
  const stampFile = stampOf(root);
  const packages = workspacePackages(root);
  const sources = [...packages.flatMap((p) => sourcesUnder(join(p.dir, 'src'))), ...LAUNCHER.map((file) => join(root, file))];
  const stamp = fingerprint(root, sources, createRequire(import.meta.url).resolve('esbuild'));
  const current = existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && sources.every((source) => existsSync(twinOf(root, source)));
  if (current) return null;
  const { build } = await import('esbuild');
  const rewrite = {
    name: 'twin-imports',
    setup(plugin) {
      plugin.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const source = exportedSource(args.path, packages);
        if (!source) return { path: args.path, external: true };
        let to = relative(dirname(twinOf(root, args.importer)), twinOf(root, source)).split(sep).join('/');
        if (!to.startsWith('.')) to = `./${to}`;
        return { path: to, external: true };
      });
    },
  };
  const result = await build({
    entryPoints: sources.map((source) => ({ in: source, out: relative(root, twinOf(root, source)).replace(/\.js$/, '') })),
    outdir: root,
    bundle: true, // only so that the plugin sees every import; each one is external
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    write: false,
    logLevel: 'error',
    plugins: [rewrite],
  });
  const written = new Set();
  let changed = 0;
  for (const { path, contents } of result.outputFiles) {
    written.add(path);
    let same = false;
    try {
      same = Buffer.compare(readFileSync(path), contents) === 0;
    } catch {
      // not there yet
    }
    if (same) continue;
    mkdirSync(dirname(path), { recursive: true });
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, contents);
    renameSync(partial, path);
    changed++;
  }
  const twins = [...packages.map((p) => join(p.dir, TWIN)), join(root, 'scripts', TWIN)];
  written.add(stampFile);
  for (const file of twins.flatMap(filesUnder)) if (!written.has(file) && !file.endsWith('.partial')) rmSync(file, { force: true });
  const partial = `${stampFile}.${process.pid}.partial`;
  writeFileSync(partial, stamp);
  renameSync(partial, stampFile);
  return changed;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--compile-only')) {
    // postinstall: a fresh clone's first `npm start` finds its twins made. Without dev
    // dependencies (`npm ci --omit=dev`, production runs dist/) there is no esbuild and nothing to do.
    try {
      createRequire(import.meta.url).resolve('esbuild');
    } catch {
      process.exit(0);
    }
    const changed = await compileTwins();
    if (changed !== null) console.log(`npm start's JavaScript compiled (${changed} files): <package>/${TWIN}/`);
  } else {
    await compileTwins();
    await import(pathToFileURL(twinOf(ROOT, join(ROOT, 'scripts/start.ts'))).href);
  }
}
