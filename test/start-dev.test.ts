/**
 * `npm start` runs JavaScript twins of the TypeScript sources (scripts/start-dev.mjs). Here on a
 * scratch workspace of two packages, one importing the other by its package name, and a launcher:
 * the twins run on plain node, a workspace import points into the other package's twin, an
 * unchanged tree is not compiled again, a changed source is, and a deleted source's twin goes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileTwins, TWIN } from '../scripts/start-dev.mjs';

const root = mkdtempSync(join(tmpdir(), 'credit-start-dev-'));
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
const run = (path: string) => spawnSync(process.execPath, [join(root, path)], { encoding: 'utf8' });

write('package.json', JSON.stringify({ name: 'scratch', private: true, type: 'module', workspaces: ['packages/*'] }));
for (const name of ['a', 'b']) {
  write(`packages/${name}/package.json`, JSON.stringify({ name: `@scratch/${name}`, type: 'module', exports: { '.': './src/index.ts', './*': './src/*.ts' } }));
}
write('packages/a/src/index.ts', "export const greeting: string = 'hello';\n");
write('packages/a/src/deep/value.ts', 'export const value = (n: number): number => n * 2;\n');
// The SDL and migrations are found from import.meta.url: a twin must name the same file.
write('packages/b/schema.graphql', 'type Query { ok: Boolean }\n');
write(
  'packages/b/src/index.ts',
  [
    "import { readFileSync } from 'node:fs';",
    "import { greeting } from '@scratch/a';",
    "import { value } from '@scratch/a/deep/value';",
    "import { twice } from './util.js';",
    "const sdl = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');",
    'console.log(greeting, value(twice(1)), sdl.trim());',
    '',
  ].join('\n'),
);
write('packages/b/src/util.ts', 'export const twice = (n: number): number => n + n;\n');
write('packages/b/src/util.test.ts', 'throw new Error("tests are not compiled");\n');
write('scripts/health.ts', 'export const health = (): string => "ok";\n');
write('scripts/start.ts', "import { health } from './health.js';\nimport { greeting } from '@scratch/a';\nconsole.log(greeting, health());\n");

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('npm start compiles the sources into twins', () => {
  it('runs on plain node, a workspace import pointing into the twin of its package', async () => {
    expect(await compileTwins(root)).toBeGreaterThan(0);
    expect(run(`packages/b/${TWIN}/index.js`).stdout.trim()).toBe('hello 4 type Query { ok: Boolean }');
    expect(run(`scripts/${TWIN}/start.js`).stdout.trim()).toBe('hello ok');
    expect(readFileSync(join(root, `packages/b/${TWIN}/index.js`), 'utf8')).toContain(`from "../../a/${TWIN}/index.js"`);
    expect(existsSync(join(root, `packages/b/${TWIN}/util.test.js`))).toBe(false);
  });

  it('does not compile an unchanged tree again, and does a changed source', async () => {
    expect(await compileTwins(root)).toBeNull();
    write('packages/a/src/index.ts', "export const greeting: string = 'bonjour';\n");
    // A later time than the stamp's, whatever the file system's clock resolution.
    const later = new Date(Date.now() + 5_000);
    utimesSync(join(root, 'packages/a/src/index.ts'), later, later);
    expect(await compileTwins(root)).toBeGreaterThan(0);
    expect(run(`packages/b/${TWIN}/index.js`).stdout.trim()).toBe('bonjour 4 type Query { ok: Boolean }');
  });

  it("removes a deleted source's twin", async () => {
    rmSync(join(root, 'packages/a/src/deep/value.ts'));
    await compileTwins(root);
    expect(existsSync(join(root, `packages/a/${TWIN}/deep/value.js`))).toBe(false);
    expect(existsSync(join(root, `packages/a/${TWIN}/index.js`))).toBe(true);
  });
});
