import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEPARTMENTS, GRANT_SCOPE_GRAPHS, GRANT_SCOPES, SUBGRAPH_NAMES } from './departments.js';
import { DEFAULT_PORTS } from './subgraphs.js';

const entries = SUBGRAPH_NAMES.map((name) => [name, DEPARTMENTS[name]] as const);
const duplicates = (values: readonly unknown[]) => values.filter((v, i) => values.indexOf(v) !== i);

describe('the department registry', () => {
  it('gives every department a port of its own, apart from the gateway', () => {
    expect(duplicates(Object.values(DEFAULT_PORTS))).toEqual([]);
  });

  it('names each department by its folder: subgraphs/<name>/ holds the package it names', () => {
    for (const [name, entry] of entries) {
      const manifest = JSON.parse(readFileSync(new URL(`../../subgraphs/${name}/package.json`, import.meta.url), 'utf8')) as {
        name: string;
        exports: Record<string, string>;
      };
      expect(manifest.name, name).toBe(entry.package);
      expect(manifest.exports['./*'], `${name} exports ./server`).toBe('./src/*.ts');
    }
  });

  it('lets no two departments claim a grant scope, an owned type or a root field', () => {
    expect(GRANT_SCOPES).toHaveLength(GRANT_SCOPE_GRAPHS.size);
    expect(duplicates(entries.flatMap(([, d]) => Object.keys(d.owns)))).toEqual([]);
    expect(duplicates(entries.flatMap(([, d]) => Object.keys(d.entryPoints)))).toEqual([]);
  });
});
