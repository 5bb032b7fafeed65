// Browser benchmark: loads target/bench-data/visits_1m_visits.csv (made by
// `cargo bench --bench segments`: ≈ 1,000,000 visits, 209,000 customers),
// opens the Segments view and prints how long scoring, segmenting and the
// first render take, then how long a settings change takes to show.
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPage, root } from '../harness.mjs';

const dir = path.join(root, 'target', 'bench-data');
const file = path.join(dir, 'visits_1m_visits.csv');
const customers = fs.readFileSync(path.join(dir, 'visits_1m_visits.customers'), 'utf8').trim();
const site = await serve();
const browser = await launch();
try {
  for (let run = 1; run <= 2; run++) {
    const { page, context, errors } = await openPage(browser, site.url, { locale: 'en-US' });
    await page.getByTestId('upload-input').setInputFiles(file);
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid=summary-customers]')?.getAttribute('data-value') === n,
      customers, { timeout: 300_000, polling: 200 },
    );
    const open = await page.evaluate(async () => {
      const t0 = performance.now();
      location.hash = '#/segments';
      await new Promise((resolve) => {
        const check = () => (document.querySelector('[data-testid=seg-total]')?.textContent ? resolve() : requestAnimationFrame(check));
        check();
      });
      return performance.now() - t0;
    });
    const firstCompute = await page.getByTestId('seg-ms').innerText();
    await page.locator('[data-testid=segment-settings] summary').click();
    const change = await page.evaluate(async () => {
      const before = document.querySelector('[data-testid=stage-count-dormant]').textContent;
      const input = document.querySelector('[data-testid=dormant-days]');
      const t0 = performance.now();
      input.value = '90';
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise((resolve) => {
        const check = () => (document.querySelector('[data-testid=stage-count-dormant]').textContent !== before ? resolve() : requestAnimationFrame(check));
        check();
      });
      return performance.now() - t0;
    });
    const total = await page.getByTestId('seg-total').innerText();
    const secondCompute = await page.getByTestId('seg-ms').innerText();
    console.log(
      `browser run ${run}: ${total} customers — segmentation ${firstCompute}, view rendered in ${open.toFixed(0)} ms; ` +
      `dormant-days change: segmentation ${secondCompute}, shown in ${change.toFixed(0)} ms` + (errors.length ? `; console errors: ${errors.join('; ')}` : ''),
    );
    await context.close();
  }
} finally {
  await browser.close();
  site.server.close();
}
