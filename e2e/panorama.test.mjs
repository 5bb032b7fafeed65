// The panorama map and KPI dashboard end to end, against hand-counted values
// (tests/kpi.rs explains tests/data/panorama_small.csv).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, fixture, screenshot, expectText, settle } from './harness.mjs';

let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.server.close(); });

test('stage counts and KPIs of a fixture equal the hand-counted ones', async () => {
  const { page, context, errors } = await openPage(browser, site.url, { locale: 'en-US' });
  await page.getByTestId('upload-input').setInputFiles(fixture('panorama_small.csv'));
  await page.getByTestId('summary-customers').waitFor();
  await page.getByTestId('nav-panorama').click();
  const expected = { new: '1', growth: '1', mature: '1', dormant: '2' };
  for (const [id, n] of Object.entries(expected)) {
    await expectText(page, `stage-customers-${id}`, n);
  }
  const kpis = {
    'kpi-retention-12m': '50.0%',
    'kpi-active-share': '40.0%',
    'kpi-churn-annual': '50.0%',
    'kpi-repurchase-rate': '80.0%',
    'kpi-retention-30d': '60.0%',
    'kpi-retention-3m': '50.0%',
    'kpi-first-maintenance': '100.0%',
  };
  for (const [id, v] of Object.entries(kpis)) assert.equal(await page.getByTestId(id).innerText(), v, id);
  await expectText(page, 'kpi-nps', 'no data: the data has no NPS scores');
  await expectText(page, 'flow-table', /Growth \(3–12 months\)\s+→ Dormant \/ churned\s+1/);
  await screenshot(page, 'panorama-small-en');
  // A stage count opens that stage's customers in the Segments view.
  await page.getByTestId('stage-customers-dormant').click();
  await page.getByTestId('drill-group').waitFor();
  await expectText(page, 'drill-group', 'Dormant / churned');
  await expectText(page, 'drill-count', '2');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the demo fills every stage in both languages, on a laptop and a phone', async () => {
  for (const viewport of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
    const { page, context, errors } = await openPage(browser, site.url, { locale: 'zh-CN', viewport });
    await page.getByTestId('load-demo').click();
    await page.getByTestId('summary-customers').waitFor();
    await page.getByTestId('nav-panorama').click();
    for (const id of ['new', 'growth', 'mature', 'dormant']) {
      const n = Number((await page.getByTestId(`stage-customers-${id}`).innerText()).replace(/,/g, ''));
      assert.ok(n > 0, id);
    }
    await expectText(page, 'kpi-nps', /^-?\d+\.\d$/);
    await screenshot(page, `panorama-demo-zh-${viewport.width}`);
    await page.getByTestId('lang-switch').click();
    await page.getByText('KPI dashboard').waitFor();
    await screenshot(page, `panorama-demo-en-${viewport.width}`);
    // One name, one target: a stage's own KPI is named with its stage, so
    // it never shares a name with the dashboard's figure over everyone.
    const mapNames = await page.locator('.kpi-line .kpi-name').allInnerTexts();
    assert.ok(mapNames.length > 0);
    for (const name of mapNames) assert.match(name, /^(New|Growth|Mature|Dormant)[^:]*: /, name);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0);
    const text = await page.locator('main').innerText();
    assert.ok(!/NaN|undefined|Infinity/.test(text));
    assert.deepEqual(errors, []);
    await context.close();
  }
});
