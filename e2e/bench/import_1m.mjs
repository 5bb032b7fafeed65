// Browser benchmark: uploads target/bench-data/visits_1m.csv (made by
// `cargo bench --bench import`) into the release build and prints how long
// the import takes, the longest main-thread task while it runs, and the
// wasm heap afterwards. Run through scripts/bench.sh.
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPage, summaryNumber, root } from '../harness.mjs';

const file = path.join(root, 'target', 'bench-data', 'visits_1m.csv');
const expectedRows = Number(fs.readFileSync(path.join(root, 'target', 'bench-data', 'visits_1m.rows'), 'utf8'));
const site = await serve();
const browser = await launch();
try {
  for (let run = 1; run <= 2; run++) {
    const { page, context, errors } = await openPage(browser, site.url, { locale: 'en-US' });
    await page.evaluate(() => {
      window.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    const t0 = Date.now();
    await page.getByTestId('upload-input').setInputFiles(file);
    await page.getByTestId('import-progress').waitFor({ timeout: 60_000 });
    const sawProgress = Date.now() - t0;
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid=summary-rows-read]')?.getAttribute('data-value') === String(n),
      expectedRows,
      { timeout: 300_000, polling: 100 },
    );
    const total = Date.now() - t0;
    const longest = await page.evaluate(() => window.__longest);
    const heap = await page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? 0);
    const customers = await summaryNumber(page, 'summary-customers');
    console.log(
      `browser run ${run}: ${expectedRows} rows (${(fs.statSync(file).size / 1e6).toFixed(1)} MB) ` +
      `loaded in ${(total / 1000).toFixed(2)} s (progress bar after ${sawProgress} ms), ` +
      `${customers} customers, longest main-thread task ${longest.toFixed(0)} ms, wasm memory ${(heap / 1e6).toFixed(0)} MB` +
      (errors.length ? `, console errors: ${errors.join('; ')}` : ''),
    );
    await context.close();
  }
} finally {
  await browser.close();
  site.server.close();
}
