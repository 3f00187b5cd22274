/**
 * `npm run first-render -w @credit/console -- [URL] [RUNS]`: against a running gateway (default
 * http://127.0.0.1:4000), opens the public page RUNS times (default 5) in fresh headless Chromium
 * contexts (Debian's /usr/bin/chromium) and reports the time from navigation start to the
 * disclosure list on screen (the console's `disclosure-list-rendered` mark), and first
 * contentful paint. Each run is a fresh context, so its HTTP cache is cold.
 */
import { chromium } from 'playwright-core';

const url = process.argv[2] ?? 'http://127.0.0.1:4000';
const runs = Number(process.argv[3] ?? 5);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const results: { list: number; fcp: number }[] = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${url}/`);
  await page.waitForFunction(() => performance.getEntriesByName('disclosure-list-rendered').length > 0, undefined, { timeout: 30_000 });
  const timing = await page.evaluate(() => ({
    list: performance.getEntriesByName('disclosure-list-rendered')[0]!.startTime,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
  }));
  results.push(timing);
  console.log(`run ${i + 1}: disclosure list ${timing.list.toFixed(0)} ms, first contentful paint ${timing.fcp.toFixed(0)} ms`);
  await context.close();
}
await browser.close();
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`median of ${runs}: disclosure list ${median(results.map((r) => r.list)).toFixed(0)} ms, first contentful paint ${median(results.map((r) => r.fcp)).toFixed(0)} ms`);
