/**
 * `npm run size -w @credit/console`: the built bundle's sizes (console/dist/assets), raw and
 * gzip (level 9, as a server would precompress), per chunk, with the chunks the first page
 * (the public disclosure list) loads marked, and totals. Prints Markdown for BENCHMARKS.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const index = readFileSync(`${dist}index.html`, 'utf8');
/** Chunks index.html loads at once: the entry script, its modulepreloads and stylesheets. */
const initial = new Set([...index.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((m) => m[1]!));

const kb = (n: number) => (n / 1024).toFixed(1);
const rows = readdirSync(`${dist}assets`)
  .filter((f) => /\.(js|css)$/.test(f))
  .map((file) => {
    const bytes = readFileSync(`${dist}assets/${file}`);
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, initial: initial.has(file) };
  })
  .sort((a, b) => b.gzip - a.gzip);

const sum = (list: typeof rows, key: 'raw' | 'gzip') => list.reduce((acc, r) => acc + r[key], 0);
const first = rows.filter((r) => r.initial);
console.log('| chunk | raw KiB | gzip KiB | first page |');
console.log('|---|---:|---:|:-:|');
const SMALL = 2048;
const small = rows.filter((r) => r.gzip < SMALL && !r.initial);
for (const r of rows.filter((r) => !small.includes(r))) console.log(`| \`${r.file.replace(/-[\w-]{8}\./, '.')}\` | ${kb(r.raw)} | ${kb(r.gzip)} | ${r.initial ? 'yes' : ''} |`);
if (small.length) console.log(`| ${small.length} chunks under 2 KiB gzip (GraphiQL's editor addons and modes, shared helpers) | ${kb(sum(small, 'raw'))} | ${kb(sum(small, 'gzip'))} | |`);
console.log(`| **first page (public disclosure)** | ${kb(sum(first, 'raw'))} | **${kb(sum(first, 'gzip'))}** | |`);
console.log(`| **all chunks** | ${kb(sum(rows, 'raw'))} | **${kb(sum(rows, 'gzip'))}** | |`);
