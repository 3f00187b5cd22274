/**
 * The last step of `npm run build`: makes the compiled JavaScript run on plain `node`.
 *
 * Each workspace package exports its TypeScript sources (`"./*": "./src/*.ts"`), which is what tsx
 * in development and Vitest in the tests load, unchanged. Plain node cannot load those, so here
 * every import of a workspace package in the emitted JavaScript (`from '@credit/kit'`,
 * `import('@credit/kit/infra/tracing')`) is rewritten to a relative path into that package's compiled
 * twin (`../../kit/dist/index.js`), found through the package's own `exports` map. tsc keeps each
 * package's layout (src/x.ts → dist/x.js, one directory deep in both), so every
 * `new URL('../…', import.meta.url)` (SDL, migrations, documents, console/dist, .data) still names
 * the same file. Type declarations (.d.ts) keep their package imports. Idempotent: a rewritten
 * import no longer names a package.
 *
 * `tsx scripts/link-dist.ts` (after `turbo run build` and `tsc -p scripts/tsconfig.build.json`).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { exportTarget, workspacePackages, type WorkspacePackage } from './workspace-exports.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** `./src/x.ts` → `./dist/x.js`; anything else is left as the package exports it. */
const compiled = (target: string) => target.replace(/^\.\/src\//, './dist/').replace(/\.ts$/, '.js');

/** The compiled file a package specifier names; undefined for any other package. */
function resolveCompiled(specifier: string, packages: readonly WorkspacePackage[]): string | undefined {
  const found = exportTarget(specifier, packages);
  return found && join(found.pkg.dir, compiled(found.target));
}

function* javascriptFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* javascriptFiles(path);
    else if (entry.endsWith('.js')) yield path;
  }
}

/** Rewrites one file's workspace imports; returns how many. */
function link(file: string, packages: readonly WorkspacePackage[]): number {
  const text = readFileSync(file, 'utf8');
  // preProcessFile finds static imports, re-exports and import() calls, never strings or comments.
  const imports = ts.preProcessFile(text, true, true).importedFiles;
  const edits: { start: number; end: number; to: string }[] = [];
  for (const { fileName, pos } of imports) {
    const target = resolveCompiled(fileName, packages);
    if (!target) continue;
    if (!existsSync(target)) throw new Error(`${relative(root, file)}: ${fileName} → ${relative(root, target)}, which the build did not emit`);
    const start = text.indexOf(fileName, pos);
    if (start < 0 || start > pos + 2 || !`'"`.includes(text[start - 1]!)) throw new Error(`${relative(root, file)}: cannot place ${fileName}`);
    let to = relative(dirname(file), target).split(sep).join('/');
    if (!to.startsWith('.')) to = `./${to}`;
    edits.push({ start, end: start + fileName.length, to });
  }
  if (!edits.length) return 0;
  let out = text;
  for (const { start, end, to } of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, start) + to + out.slice(end);
  writeFileSync(file, out);
  return edits.length;
}

const packages = workspacePackages(root);
const dists = [...packages.map((p) => join(p.dir, 'dist')), join(root, 'scripts', 'dist')].filter((d) => existsSync(d));
let files = 0;
let rewritten = 0;
for (const dist of dists) {
  for (const file of javascriptFiles(dist)) {
    files++;
    rewritten += link(file, packages);
  }
}
if (!files) throw new Error('no compiled JavaScript found: run the package builds first');
console.log(`link-dist: ${rewritten} workspace imports in ${files} files now point into dist (${dists.map((d) => relative(root, d)).join(', ')})`);
