/**
 * The workspace packages and what their `exports` maps name: read by `npm start`'s twins
 * (start-dev.mjs, `.start/`) and by the production build's last step (link-dist.ts, `dist/`), which
 * both rewrite an import of a workspace package (`@credit/kit/infra/db`) into a relative path to
 * the compiled file of the source it exports. Plain JavaScript: start-dev.mjs runs before anything
 * is compiled.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every workspace package with an `exports` map (`subgraphs/*`: every department folder, as npm reads the pattern). */
export function workspacePackages(root) {
  const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const dirs = workspaces.flatMap((pattern) =>
    pattern.endsWith('/*') ? readdirSync(join(root, pattern.slice(0, -2))).map((entry) => `${pattern.slice(0, -1)}${entry}`) : [pattern],
  );
  return dirs.flatMap((dir) => {
    const file = join(root, dir, 'package.json');
    if (!existsSync(file)) return [];
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    if (!manifest.exports) return [];
    const exports = typeof manifest.exports === 'string' ? { '.': manifest.exports } : manifest.exports;
    return [{ name: manifest.name, dir: join(root, dir), exports }];
  });
}

/**
 * The export target a workspace package specifier names (`./src/infra/db.ts`), through the
 * package's exports ("." and "./*" patterns), with its package; undefined for any other package.
 */
export function exportTarget(specifier, packages) {
  const pkg = packages.find((p) => specifier === p.name || specifier.startsWith(`${p.name}/`));
  if (!pkg) return undefined;
  const subpath = `.${specifier.slice(pkg.name.length)}`;
  for (const [key, target] of Object.entries(pkg.exports)) {
    if (key === subpath) return { pkg, target };
    const star = key.indexOf('*');
    if (star < 0) continue;
    const [prefix, suffix] = [key.slice(0, star), key.slice(star + 1)];
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= key.length - 1) {
      return { pkg, target: target.replace('*', subpath.slice(prefix.length, subpath.length - suffix.length)) };
    }
  }
  throw new Error(`${specifier}: not exported by ${pkg.name}`);
}
