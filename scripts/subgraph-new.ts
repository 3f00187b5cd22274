/**
 * `npm run subgraph:new -- <name> [--type <TypeName>] [--no-install]`: scaffolds a department of
 * the same shape as the four (scripts/department-template/), adds its one entry to the registry
 * (schema/src/departments.ts), generates its first migration with drizzle-kit and its resolver
 * types with graphql-codegen (schema/src/resolver-codegen.ts), and composes the supergraph. Then
 * `npm install` links the new workspace (package-lock.json); `--no-install` leaves that out (a
 * scratch copy whose node_modules belong to another tree).
 *
 * Placeholders in the templates: __name__ (court), __NAME__ (COURT), __Name__ (Court), __Type__
 * (EnforcementRecord), __type__ (enforcementRecord), __types__ (enforcementRecords), __table__
 * (enforcement_records), __kebab__ (enforcement-record). A failure undoes everything it wrote.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const templates = join(root, 'scripts', 'department-template');
const registryFile = join(root, 'schema', 'src', 'departments.ts');
const REGISTRY_END = '} as const satisfies Record<string, Department>;';

/** Names the department becomes in code: a package, a PostgreSQL schema, a JS identifier, `<NAME>_URL`. */
const NAME = /^[a-z][a-z0-9]{1,30}$/;
const TYPE = /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$/;
const TAKEN = new Set(['gateway', 'audit', 'kit', 'schema', 'test', 'bench', 'console', 'public', 'default', 'delete', 'new', 'class', 'function', 'var', 'let', 'const']);

class UsageError extends Error {}

function plural(word: string): string {
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return /(s|x|ch|sh)$/.test(word) ? `${word}es` : `${word}s`;
}

function placeholders(name: string, type: string): Record<string, string> {
  const camel = type[0]!.toLowerCase() + type.slice(1);
  const words = type.split(/(?=[A-Z])/).map((w) => w.toLowerCase());
  return {
    __name__: name,
    __NAME__: name.toUpperCase(),
    __Name__: name[0]!.toUpperCase() + name.slice(1),
    __Type__: type,
    __types__: plural(camel),
    __type__: camel,
    __table__: plural(words.join('_')),
    __kebab__: words.join('-'),
  };
}

const fill = (text: string, values: Record<string, string>) => text.replace(/__(?:name|NAME|Name|Type|types|type|table|kebab)__/g, (key) => values[key]!);

function* templateFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* templateFiles(path);
    else yield path;
  }
}

/** The registry entry: one line, inserted last, so the diff is that line. */
function registryLine(name: string, port: number, values: Record<string, string>): string {
  const owns = `{ ${values.__Type__}: { path: ['subject', 'id'], source: ['subjectId'] } }`;
  const entryPoints = `{ ${values.__type__}: { kind: 'LOOKUP', identifier: 'id' } }`;
  return `  ${name}: { port: ${port}, package: '@credit/${name}', owns: ${owns}, entryPoints: ${entryPoints} },\n`;
}

function check(name: string, type: string, values: Record<string, string>, registry: string): void {
  if (!NAME.test(name) || TAKEN.has(name)) throw new UsageError(`department name "${name}": 2-31 lower-case letters and digits, starting with a letter, not ${[...TAKEN].join(', ')}`);
  if (!TYPE.test(type)) throw new UsageError(`--type "${type}": a GraphQL type name in PascalCase, e.g. EnforcementRecord`);
  if (existsSync(join(root, 'subgraphs', name))) throw new UsageError(`subgraphs/${name} exists already`);
  if (new RegExp(`^  ${name}: \\{`, 'm').test(registry)) throw new UsageError(`the registry has a department "${name}" already`);
  if (!registry.includes(REGISTRY_END)) throw new UsageError(`schema/src/departments.ts: "${REGISTRY_END}" not found`);
  const supergraph = readFileSync(join(root, 'schema', 'supergraph.graphql'), 'utf8');
  if (new RegExp(`^(type|input|enum|interface|union|scalar) ${type}\\b`, 'm').test(supergraph)) throw new UsageError(`--type ${type}: the supergraph has that type already`);
  if (new RegExp(`^\\s+${values.__type__}\\(`, 'm').test(supergraph) || new RegExp(`^\\s+${values.__types__}:`, 'm').test(supergraph)) {
    throw new UsageError(`--type ${type}: the supergraph has a field ${values.__type__} or ${values.__types__} already`);
  }
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} (in ${relative(root, cwd) || '.'}) failed`);
}

function main(): number {
  const { values: flags, positionals } = parseArgs({ allowPositionals: true, options: { type: { type: 'string' }, 'no-install': { type: 'boolean', default: false } } });
  const [name] = positionals;
  if (!name || positionals.length > 1) throw new UsageError('usage: npm run subgraph:new -- <name> [--type <TypeName>] [--no-install]');
  const type = flags.type ?? `${name[0]!.toUpperCase()}${name.slice(1)}Record`;
  const values = placeholders(name, type);
  const registry = readFileSync(registryFile, 'utf8');
  check(name, type, values, registry);

  const port = Math.max(...[...registry.matchAll(/\bport: (\d+),/g)].map((m) => Number(m[1]))) + 1;
  const folder = join(root, 'subgraphs', name);
  const supergraphFile = join(root, 'schema', 'supergraph.graphql');
  const supergraph = readFileSync(supergraphFile, 'utf8');
  try {
    for (const template of templateFiles(templates)) {
      const target = join(folder, fill(relative(templates, template), values).replace(/\.tmpl$/, ''));
      mkdirSync(join(target, '..'), { recursive: true });
      writeFileSync(target, fill(readFileSync(template, 'utf8'), values));
    }
    writeFileSync(registryFile, registry.replace(REGISTRY_END, registryLine(name, port, values) + REGISTRY_END));
    run('npx', ['drizzle-kit', 'generate', '--name', 'init'], folder);
    run('npx', ['graphql-codegen', '--config', 'codegen.ts'], folder);
    run('npx', ['tsx', 'schema/src/compose-cli.ts'], root);
    if (!flags['no-install']) run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], root);
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    writeFileSync(registryFile, registry);
    writeFileSync(supergraphFile, supergraph);
    throw error;
  }
  console.log(`\nsubgraphs/${name}/ scaffolded on port ${port}, registered in schema/src/departments.ts, composed into schema/supergraph.graphql.`);
  console.log(`Next: npx vitest run subgraphs/${name}; npm run typecheck; npm start. The department guide: README.md#a-departments-guide`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`subgraph:new: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
