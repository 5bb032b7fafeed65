// Every view with the demo data: no horizontal overflow on a 390-px phone,
// crisp canvases on a HiDPI screen, no NaN, and costs remembered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, screenshot, settle, expectText } from './harness.mjs';

/** An element each view shows once its numbers are in. */
const READY = {
  segments: 'seg-total', panorama: 'stage-customers-growth', campaigns: 'verdict',
  planner: 'plan-opt-return', value: 'value-model', report: 'report-source', data: 'summary-customers',
};

let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.server.close(); });

async function demoPage(options) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(site.url);
  await page.getByTestId('load-demo').click();
  await page.getByTestId('summary-customers').waitFor();
  return { context, page, errors };
}

test('every view fits a 390-px phone in both languages', async () => {
  for (const locale of ['zh-CN', 'en-US']) {
    const { context, page, errors } = await demoPage({ locale, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    for (const view of ['segments', 'panorama', 'value', 'campaigns', 'planner', 'report', 'data']) {
      await page.getByTestId(`nav-${view}`).click();
      await page.getByTestId(READY[view]).first().waitFor({ timeout: 60_000 });
      await settle(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0, `${view} (${locale}) is ${overflow}px too wide`);
      const text = await page.locator('main').innerText();
      assert.ok(!/NaN|undefined|Infinity/.test(text), `${view} shows NaN`);
      await screenshot(page, `phone-${view}-${locale}`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('charts are drawn at the device pixel ratio', async () => {
  const { context, page, errors } = await demoPage({ locale: 'en-US', viewport: { width: 1366, height: 900 }, deviceScaleFactor: 2 });
  await page.getByTestId('nav-segments').click();
  const size = await page.getByTestId('chart-heat').evaluate((c) => ({ w: c.width, cw: c.clientWidth, h: c.height, ch: c.clientHeight }));
  assert.equal(size.w, size.cw * 2);
  assert.equal(size.h, size.ch * 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a campaign cost is marked assumed until typed, and survives a reload', async () => {
  const { context, page } = await demoPage({ locale: 'en-US' });
  await page.getByTestId('nav-campaigns').click();
  // The demo's campaigns carry the source's example costs: said, not hidden.
  await expectText(page, 'cost-a-assumed', /^Assumed: the source document's example cost, not your data\./);
  await page.getByTestId('cost-b-assumed').waitFor();
  await page.getByTestId('cost-a').fill('500');
  await page.getByTestId('cost-a').dispatchEvent('change');
  await page.getByTestId('cost-a-assumed').waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('cost-b-assumed').count(), 1);
  await page.reload();
  // The reload keeps the #/campaigns route; the data itself is not kept.
  await page.getByTestId('no-campaigns').waitFor();
  await page.getByTestId('nav-data').click();
  await page.getByTestId('load-demo').click();
  await page.getByTestId('summary-customers').waitFor();
  await page.getByTestId('nav-campaigns').click();
  assert.equal(await page.getByTestId('cost-a').inputValue(), '500');
  await context.close();
});
