// Browser benchmark: a 1,000,000-customer summary (sql/customer_summary.sql
// on DuckDB; scripts/bench.sh writes target/bench-data/summary_1m.csv) loaded
// into the release build in headless Chromium. Prints the load time (from
// the file input's change event to the customer count on the page), the
// peak resident memory of all Chromium processes above the idle page's,
// the longest main-thread task, and click → numbers per view.
//
// Environment: PANORAMA_DIST (default dist/), BENCH_SUMMARY (the file).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, settle, root, dist as defaultDist } from '../harness.mjs';
import { serveBench } from './server.mjs';

const DIST = path.resolve(process.env.PANORAMA_DIST ?? defaultDist);
const file = process.env.BENCH_SUMMARY ?? path.join(root, 'target', 'bench-data', 'summary_1m.csv');
const lines = Number(execFileSync('wc', ['-l', file]).toString().trim().split(/\s+/)[0]) - 1;
const mb = fs.statSync(file).size / 1e6;

/** Resident memory of every Chromium process, MB. */
function chromiumRss() {
  try {
    const out = execFileSync('ps', ['-C', 'chromium', '-o', 'rss=']).toString();
    return out.split('\n').filter(Boolean).reduce((s, x) => s + Number(x), 0) / 1024;
  } catch { return 0; }
}

const site = await serveBench(() => DIST);
const browser = await launch();
const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 900 }, serviceWorkers: 'block' });
const page = await context.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
await page.addInitScript(() => {
  window.__tasks = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true });
  document.addEventListener('change', () => { window.__changeAt ??= performance.now(); }, true);
});
await page.goto(site.url);
await page.getByTestId('nav-data').waitFor();
await settle(page);
await page.waitForTimeout(500);
const idle = chromiumRss();
let peak = idle;
const sampler = setInterval(() => { peak = Math.max(peak, chromiumRss()); }, 100);

await page.getByTestId('upload-input').setInputFiles(file);
await page.waitForFunction((n) => document.querySelector('[data-testid=summary-customers]')?.getAttribute('data-value') === String(n)
  && document.querySelector('[data-testid=summary-kind]'), lines, { timeout: 600_000, polling: 10 });
const load = await page.evaluate(() => performance.now() - window.__changeAt);
await settle(page, { timeout: 600_000 });
const longestLoad = await page.evaluate(() => window.__tasks.reduce((m, [, d]) => Math.max(m, d), 0));
const rejected = await page.getByTestId('summary-rows-rejected').getAttribute('data-value');

const READY = { segments: 'seg-total', panorama: 'kpi-retention-3m', value: 'validation-table', planner: 'plan-cells', report: 'report-source' };
const clicks = {};
for (const [view, ready] of Object.entries(READY)) {
  const t0 = await page.evaluate(() => performance.now());
  await page.getByTestId(`nav-${view}`).click();
  await page.getByTestId(ready).first().waitFor({ timeout: 600_000 });
  await settle(page, { timeout: 600_000 });
  const [t1, longest] = await page.evaluate((t0) => [performance.now(), window.__tasks.filter(([s]) => s >= t0).reduce((m, [, d]) => Math.max(m, d), 0)], t0);
  clicks[view] = { ms: Math.round(t1 - t0), longest: Math.round(longest) };
}
clearInterval(sampler);
peak = Math.max(peak, chromiumRss());

console.log(`summary: ${lines.toLocaleString('en')} customers, ${mb.toFixed(1)} MB (${path.relative(root, file)})`);
console.log(`  load (change → customer count shown): ${Math.round(load)} ms; ${rejected} rows rejected; longest main-thread task ${Math.round(longestLoad)} ms`);
console.log(`  Chromium memory: idle ${Math.round(idle)} MB, peak ${Math.round(peak)} MB (+${Math.round(peak - idle)} MB)`);
for (const [view, c] of Object.entries(clicks)) {
  console.log(`  click → numbers, ${view}: ${c.ms} ms (first visit); longest task ${c.longest} ms`);
}
if (errors.length) console.log(`  page errors: ${errors.join('; ')}`);
await browser.close();
site.server.close();
