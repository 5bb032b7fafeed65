// Browser benchmark: loads target/bench-data/visits_1m_visits.csv (made by
// `cargo bench --bench segments`: ≈ 1,000,000 visits, 209,000 customers),
// opens the Segments view and prints how long scoring, segmenting and the
// first render take, then how long a settings change takes to show.
// The engine's own segmentation time is the data-ms attribute of seg-total;
// "shown" is from the route change or the 'change' event until
// <html data-engine="idle"> with seg-total filled in.
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPage, root, dist, settle } from '../harness.mjs';

const dir = path.join(root, 'target', 'bench-data');
const file = path.join(dir, 'visits_1m_visits.csv');
const customers = fs.readFileSync(path.join(dir, 'visits_1m_visits.customers'), 'utf8').trim();
const DIST = path.resolve(process.env.PANORAMA_DIST ?? dist);
const site = await serve('/panorama/', () => DIST);
const browser = await launch();

/** In the page: resolves with the ms until the engine is idle and seg-total has text. */
const untilShown = () => new Promise((resolve) => {
  const t0 = performance.now();
  const check = () => {
    const total = document.querySelector('[data-testid=seg-total]');
    if (total?.textContent && document.documentElement.dataset.engine === 'idle') resolve(performance.now() - t0);
    else setTimeout(check, 4);
  };
  setTimeout(check, 0);
});

try {
  for (let run = 1; run <= 2; run++) {
    const { page, context, errors } = await openPage(browser, site.url, { locale: 'en-US' });
    await page.getByTestId('upload-input').setInputFiles(file);
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid=summary-customers]')?.getAttribute('data-value') === n,
      customers, { timeout: 300_000, polling: 200 },
    );
    await settle(page, { timeout: 300_000 });
    const open = await page.evaluate(`(async () => { location.hash = '#/segments'; return (${untilShown})(); })()`);
    await settle(page);
    const firstCompute = await page.getByTestId('seg-total').getAttribute('data-ms');
    await page.locator('[data-testid=segment-settings] summary').click();
    const before = await page.getByTestId('stage-count-dormant').innerText();
    const change = await page.evaluate(`(async () => {
      const input = document.querySelector('[data-testid=dormant-days]');
      const shown = (${untilShown})();
      input.value = '90';
      input.dispatchEvent(new Event('change', { bubbles: true }));
      return shown;
    })()`);
    await settle(page);
    const after = await page.getByTestId('stage-count-dormant').innerText();
    const total = await page.getByTestId('seg-total').innerText();
    const secondCompute = await page.getByTestId('seg-total').getAttribute('data-ms');
    console.log(
      `browser run ${run}: ${total} customers — segmentation ${firstCompute} ms, view rendered in ${open.toFixed(0)} ms; ` +
      `dormant-days change (dormant ${before} → ${after}): segmentation ${secondCompute} ms, shown in ${change.toFixed(0)} ms` +
      (errors.length ? `; console errors: ${errors.join('; ')}` : ''),
    );
    await context.close();
  }
} finally {
  await browser.close();
  site.server.close();
}
