// Offline from a static host: after one visit the app reloads with the
// server gone and every view works on the demo data; a new build is
// announced and taken on request; no request leaves the origin; the CSP
// holds (a violation is a console error, and every test asserts none).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, openPage, dist, foreign, screenshot, expectText, settle } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
}

function stop(site) {
  site.server.closeAllConnections();
  site.server.close();
}

test('after one visit the app works with the server gone, in every view', async () => {
  const site = await serve();
  const { page, context, errors, requests } = await openPage(browser, site.url);
  await controlled(page);
  const csp = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
  assert.match(csp, /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'; style-src 'self';/);
  // The first visit's own downloads (the engine's wasm streams into its
  // compiler) finish before the server goes: cutting one off is an error.
  await page.waitForLoadState('networkidle');
  await settle(page);
  stop(site);

  await page.reload();
  await page.getByTestId('nav-data').waitFor();
  await page.getByTestId('load-demo').click();
  await page.getByTestId('summary-customers').waitFor();
  for (const [view, ready] of [['segments', 'seg-total'], ['panorama', 'stage-customers-growth'], ['campaigns', 'verdict'], ['planner', 'plan-opt-return'], ['data', 'summary-customers']]) {
    await page.getByTestId(`nav-${view}`).click();
    await page.getByTestId(ready).waitFor();
    const text = await page.locator('main').innerText();
    assert.ok(!/NaN|undefined|Infinity/.test(text), `${view} offline shows NaN`);
  }
  await screenshot(page, 'offline-planner');
  assert.deepEqual(foreign(requests, site.origin), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a new build is announced, and taken when the user asks', async () => {
  // Two "builds": dist/ and a copy whose sw.js differs, as a new build's would.
  const next = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-next-'));
  fs.cpSync(dist, next, { recursive: true });
  const sw = path.join(next, 'sw.js');
  fs.writeFileSync(sw, fs.readFileSync(sw, 'utf8').replace(/const VERSION = '([0-9a-f]+)'/, "const VERSION = '$1-next'"));
  let current = dist;
  const site = await serve('/panorama/', () => current);
  const { page, context, errors } = await openPage(browser, site.url + '#/planner', { locale: 'en-US' });
  await controlled(page);
  assert.equal(await page.getByTestId('update-ready').count(), 0);

  current = next;
  await page.reload();
  await page.getByTestId('update-ready').waitFor({ timeout: 30_000 });
  await expectText(page, 'update-ready', 'A new version is ready. Reload to use it');
  await Promise.all([page.waitForEvent('load'), page.getByTestId('apply-update').click()]);
  await page.getByTestId('plan-summary').waitFor();
  const caches = await page.evaluate(() => caches.keys());
  assert.equal(caches.length, 1);
  assert.match(caches[0], /^panorama-app-[0-9a-f]+-next$/);
  assert.equal(await page.getByTestId('update-ready').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
  stop(site);
});
