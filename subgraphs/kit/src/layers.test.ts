import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Which of the kit's parts each part may import (index.ts says why). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  contracts: ['contracts'],
  seeding: ['seeding', 'contracts'],
  infra: ['infra', 'contracts', 'seeding'],
};

function importsOf(part: string): { file: string; target: string }[] {
  const dir = fileURLToPath(new URL(`./${part}/`, import.meta.url));
  return readdirSync(dir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .flatMap((file) =>
      [...readFileSync(dir + file, 'utf8').matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)].map((m) => {
        const resolved = new URL(m[1]!, `file://${dir}${file}`).pathname.slice(fileURLToPath(new URL('.', import.meta.url)).length);
        return { file: `${part}/${file}`, target: resolved.includes('/') ? resolved.split('/')[0]! : resolved };
      }),
    );
}

describe('the kit in three parts', () => {
  for (const [part, allowed] of Object.entries(MAY_IMPORT)) {
    it(`${part}/ imports only ${allowed.join(', ')}`, () => {
      const found = importsOf(part);
      expect(found.length).toBeGreaterThan(0);
      expect(found.filter(({ target }) => !allowed.includes(target))).toEqual([]);
    });
  }

  it('leaves nothing but the barrel and the test helpers at the top', () => {
    const top = readdirSync(fileURLToPath(new URL('.', import.meta.url))).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(top.sort()).toEqual(['index.ts', 'testing.ts']);
  });
});
