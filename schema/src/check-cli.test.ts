import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './check-inputs.js';
import { composeSupergraph } from './compose.js';

const dir = mkdtempSync(join(tmpdir(), 'schema-check-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'schema/src/check-cli.ts', ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });

describe('npm run schema:check (CLI)', () => {
  it('exits 0 with a clean JSON report against the supergraph the working tree composes to', () => {
    const { supergraphSdl, problems } = composeSupergraph();
    expect(problems).toEqual([]);
    const base = join(dir, 'supergraph.graphql');
    writeFileSync(base, `${supergraphSdl!.trimEnd()}\n`);

    const result = run('--base', base, '--json');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { exitCode: number; base: string; changes: unknown[]; privacy: unknown[]; documents: { name: string }[] };
    expect(report).toMatchObject({ exitCode: 0, base, changes: [], privacy: [] });
    expect(report.documents.map((d) => d.name)).toContain('gateway/documents/unified-view.graphql');
  });

  it('exits 2 on a usage error and on an unreadable base', () => {
    const usage = run('--no-such-option');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('usage: npm run schema:check');
    const missing = run('--base', join(dir, 'missing.graphql'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('ENOENT');
  });
});
