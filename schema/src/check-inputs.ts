/**
 * What `npm run schema:check` reads (check.ts checks it): the subgraphs' SDL files, the base
 * supergraph, and the operations in use, i.e. the trusted documents plus the operations files the
 * dashboards register in schema/operations.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OperationsDocument, SubgraphSource } from './check.js';
import { COMPOSED_SUBGRAPHS } from './subgraphs.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The committed supergraph, from the repository root. */
export const SUPERGRAPH_PATH = 'schema/supergraph.graphql';

/** The dashboards' trusted documents: always operations in use. */
export const TRUSTED_DOCUMENTS = 'gateway/documents/*.graphql';

/** Where dashboards register further operations files. */
export const OPERATIONS_REGISTRY = 'schema/operations.json';

const toPosix = (path: string) => path.split(sep).join('/');

/** A path as the report names it: from the repository root when it is inside it. */
export function displayPath(file: string, root: string = REPO_ROOT): string {
  const rel = relative(root, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? toPosix(rel) : toPosix(file);
}

/**
 * Every composed subgraph's SDL (compose's list, subgraphs.ts), read under `root` at the same
 * relative path: the working tree by default, a scratch copy in tests.
 */
export function subgraphSources(root: string = REPO_ROOT): SubgraphSource[] {
  return COMPOSED_SUBGRAPHS.map(({ name, url, schemaFile }) => ({
    name,
    url,
    sdl: readFileSync(join(root, relative(REPO_ROOT, fileURLToPath(schemaFile))), 'utf8'),
  }));
}

/**
 * The base supergraph: a file, else schema/supergraph.graphql as committed at a git revision
 * (HEAD by default: the department's change is its SDL against what is committed, whether or not it
 * ran `npm run compose` since).
 */
export function readBase(options: { file?: string; ref?: string; root?: string }): { sdl: string; label: string } {
  const root = options.root ?? REPO_ROOT;
  if (options.file) return { sdl: readFileSync(options.file, 'utf8'), label: options.file };
  const ref = options.ref ?? 'HEAD';
  try {
    const sdl = execFileSync('git', ['show', `${ref}:${SUPERGRAPH_PATH}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
    return { sdl, label: `${SUPERGRAPH_PATH} as committed at ${ref}` };
  } catch (error) {
    // Outside a git checkout (an unpacked release), the file is the committed one.
    if (options.ref) throw new Error(`cannot read ${SUPERGRAPH_PATH} at ${ref}: ${((error as { stderr?: string }).stderr ?? (error as Error).message).trim()}`);
    return { sdl: readFileSync(join(root, SUPERGRAPH_PATH), 'utf8'), label: `${SUPERGRAPH_PATH} (no git history: the file as it is)` };
  }
}

const GRAPHQL_FILE = /\.(graphql|gql)$/;

function walk(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...walk(path));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/** `*` within a path segment, `**` across segments, `?` one character. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') {
        i++;
        re += '(?:.*/)?';
      } else {
        re += '.*';
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[\\^$+.()|{}[\]]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * The files a pattern names, relative to `root`: a file; a directory (its .graphql and .gql files,
 * recursively); or a glob (`console/src/**\/*.graphql`). Sorted; empty when nothing matches.
 */
export function expandPattern(pattern: string, root: string): string[] {
  const posix = toPosix(pattern);
  if (!/[*?]/.test(posix)) {
    const path = resolve(root, pattern);
    if (!existsSync(path)) return [];
    return statSync(path).isDirectory() ? walk(path).filter((f) => GRAPHQL_FILE.test(f)).sort() : [path];
  }
  const segments = posix.split('/');
  const firstGlob = segments.findIndex((s) => /[*?]/.test(s));
  const base = resolve(root, segments.slice(0, firstGlob).join('/') || '.');
  if (!existsSync(base) || !statSync(base).isDirectory()) return [];
  const matcher = globToRegExp(segments.slice(firstGlob).join('/'));
  return walk(base)
    .filter((file) => matcher.test(toPosix(relative(base, file))))
    .sort();
}

export interface Registration {
  /** The dashboard that runs the operations. */
  dashboard: string;
  /** Files, directories or globs, from the repository root. */
  files: string[];
}

/** schema/operations.json's registrations; a malformed file throws. */
export function readRegistry(file: string): Registration[] {
  if (!existsSync(file)) return [];
  const json = JSON.parse(readFileSync(file, 'utf8')) as { operations?: unknown };
  const entries = json.operations ?? [];
  if (!Array.isArray(entries)) throw new Error(`${file}: "operations" must be a list`);
  return entries.map((entry, i) => {
    const { dashboard, files } = (entry ?? {}) as { dashboard?: unknown; files?: unknown };
    if (typeof dashboard !== 'string' || !dashboard) throw new Error(`${file}: operations[${i}].dashboard must be a non-empty string`);
    const list = typeof files === 'string' ? [files] : files;
    if (!Array.isArray(list) || !list.length || !list.every((f) => typeof f === 'string' && f)) {
      throw new Error(`${file}: operations[${i}].files must be a path or glob, or a non-empty list of them`);
    }
    return { dashboard, files: list as string[] };
  });
}

/**
 * The operations in use: the trusted documents, every file registered in schema/operations.json,
 * and `extra` patterns (`--operations`, relative to `cwd`). A registered or given pattern that
 * matches no file throws: a dashboard whose operations moved would otherwise go unchecked.
 */
export function loadOperations(options: { root?: string; registry?: string; extra?: readonly string[]; cwd?: string } = {}): OperationsDocument[] {
  const root = options.root ?? REPO_ROOT;
  const sources: { pattern: string; base: string; registeredBy: string }[] = [
    { pattern: TRUSTED_DOCUMENTS, base: root, registeredBy: 'trusted documents' },
    ...readRegistry(options.registry ?? join(root, OPERATIONS_REGISTRY)).flatMap(({ dashboard, files }) =>
      files.map((pattern) => ({ pattern, base: root, registeredBy: dashboard })),
    ),
    ...(options.extra ?? []).map((pattern) => ({ pattern, base: options.cwd ?? process.cwd(), registeredBy: '--operations' })),
  ];
  const documents = new Map<string, OperationsDocument>();
  for (const { pattern, base, registeredBy } of sources) {
    const files = expandPattern(pattern, base);
    if (!files.length) throw new Error(`operations ${pattern} (${registeredBy}) matches no file`);
    for (const file of files) {
      if (!documents.has(file)) documents.set(file, { name: displayPath(file, root), source: readFileSync(file, 'utf8'), registeredBy });
    }
  }
  return [...documents.values()];
}
