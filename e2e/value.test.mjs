// The Customer value view end to end: a fixture of regular visitors
// (tests/data/value_regular.csv: `RegularVisits::six_month(7, 400)` of
// src/domain/value/synthetic.rs), every model picked in turn, the
// customers.csv value columns, the call list ordered by value, and a data
// set too small for a model saying why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, launch, openPage, fixture, screenshot, expectText, settle } from './harness.mjs';

let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.server.close(); });

const VALUE_COLUMNS = ['p_alive', 'expected_visits_90d', 'expected_visits_365d', 'expected_spend_per_visit', 'clv_365d'];

test('each model can be picked; the export carries its scores; lists are ordered by value', async () => {
  const { page, context, errors } = await openPage(browser, site.url, { locale: 'en-US' });
  await page.getByTestId('upload-input').setInputFiles(fixture('value_regular.csv'));
  await page.getByTestId('summary-customers').waitFor();
  await page.getByTestId('nav-value').click();
  await page.getByTestId('value-model').waitFor({ timeout: 60_000 });
  await settle(page);
  // Auto picks by the held-out check and says why.
  await expectText(page, 'value-why', /^Auto chose .+ lowest error on the held-out period/);
  assert.equal(await page.getByTestId('validation-table').locator('tbody tr').count(), 4);
  await screenshot(page, 'value-regular-en');
  for (const id of ['bgnbd', 'mbgnbd', 'bgcnbd', 'mbgcnbd', 'auto']) {
    await page.getByTestId('clv-model').selectOption(id);
    await settle(page);
    if (id !== 'auto') {
      await page.waitForFunction((m) => document.querySelector('[data-testid=value-model]')?.dataset.model === m, id);
      await expectText(page, 'value-why', 'Chosen by you.');
    }
    // The choice is what the export uses.
    await page.getByTestId('nav-segments').click();
    await page.getByTestId('seg-total').waitFor();
    await settle(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-customers').click()]);
    const lines = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const header = lines[0].split(',');
    assert.deepEqual(header.slice(-5), VALUE_COLUMNS, id);
    assert.equal(lines.length, 401);
    const col = (name) => lines.slice(1).map((l) => Number(l.split(',')[header.indexOf(name)]));
    const alive = col('p_alive');
    const clv = col('clv_365d');
    assert.ok(alive.every((p) => p >= 0 && p <= 1), `${id}: P(alive) in [0, 1]`);
    assert.ok(clv.every((c) => c >= 0), `${id}: CLV ≥ 0`);
    assert.ok(col('expected_visits_90d').every((v, i) => v <= col('expected_visits_365d')[i] + 1e-9), `${id}: visits grow with the horizon`);
    // Ordered by 12-month CLV, highest first.
    assert.ok(clv.every((c, i) => i === 0 || clv[i - 1] >= c), `${id}: export ordered by CLV`);
    await page.getByTestId('nav-value').click();
    await page.getByTestId('value-model').waitFor();
  }
  assert.equal(await page.getByTestId('clv-model').inputValue(), 'auto');
  // The choice is remembered.
  await page.getByTestId('clv-model').selectOption('bgnbd');
  await page.reload();
  await page.getByTestId('nav-value').waitFor();
  await page.getByTestId('nav-data').click();
  await page.getByTestId('upload-input').setInputFiles(fixture('value_regular.csv'));
  await page.getByTestId('summary-customers').waitFor();
  await page.getByTestId('nav-value').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=value-model]')?.dataset.model === 'bgnbd', null, { timeout: 60_000 });
  assert.equal(await page.getByTestId('clv-model').inputValue(), 'bgnbd');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the demo data in Chinese: matrix, distribution, groups, slipping customers, value KPIs', async () => {
  const { page, context, errors } = await openPage(browser, site.url, { locale: 'zh-CN' });
  await page.getByTestId('load-demo').click();
  await page.getByTestId('summary-customers').waitFor();
  await page.getByTestId('nav-value').click();
  await page.getByTestId('value-model').waitFor({ timeout: 60_000 });
  await settle(page);
  for (const id of ['alive-matrix', 'value-by-segment', 'value-by-stage', 'chart-clv', 'chart-tracking']) {
    await page.getByTestId(id).waitFor();
  }
  assert.equal(await page.getByTestId('alive-matrix').locator('tbody tr').count(), 8);
  const text = await page.locator('main').innerText();
  assert.ok(!/NaN|undefined|Infinity/.test(text));
  await screenshot(page, 'value-demo-zh');
  // The call list leads with value and marks the probably gone.
  await page.getByTestId('nav-segments').click();
  await page.getByTestId('drill-table').waitFor();
  await settle(page);
  await page.getByTestId('nav-panorama').click();
  await page.getByTestId('kpi-ltv').waitFor();
  await settle(page);
  await expectText(page, 'kpi-ltv', /元$/);
  await expectText(page, 'kpi-ltv-cac', /无数据：尚未输入获客成本（在全景图页输入）/);
  await page.getByTestId('cac').fill('600');
  await page.getByTestId('cac').dispatchEvent('change');
  await expectText(page, 'kpi-ltv-cac', /^\d+\.\d$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('too few repeat customers: the view says why, every other view works', async () => {
  const { page, context, errors } = await openPage(browser, site.url, { locale: 'en-US' });
  await page.getByTestId('upload-input').setInputFiles(fixture('segments_small.csv'));
  await page.getByTestId('summary-customers').waitFor();
  await page.getByTestId('nav-value').click();
  await expectText(page, 'value-problem', /^No customer-value model can be fitted: only \d+ customers came back; a model needs at least 30\.$/);
  await page.getByTestId('nav-segments').click();
  await expectText(page, 'seg-total', 10);
  assert.deepEqual(errors, []);
  await context.close();
});
