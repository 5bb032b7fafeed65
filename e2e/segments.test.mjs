// The Segments view end to end: counts from a fixture, settings, drill-down, export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, launch, openPage, fixture, screenshot, expectText, settle } from './harness.mjs';

let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.server.close(); });

async function count(page, testid) {
  const el = page.getByTestId(testid);
  await el.waitFor();
  return Number((await el.innerText()).replace(/,/g, ''));
}

// tests/data/segments_small.csv is the hand-counted case of tests/segments.rs
// (as-of 10 days earlier, which keeps every quantile score).
test('segment counts from a fixture, drill-down and the customer export', async () => {
  const { page, context, errors } = await openPage(browser, site.url, { locale: 'en-US' });
  await page.getByTestId('upload-input').setInputFiles(fixture('segments_small.csv'));
  await page.getByTestId('summary-customers').waitFor();
  await page.getByTestId('nav-segments').click();
  const expected = { champions: 0, loyal: 3, potential_loyalists: 0, new: 1, at_risk: 4, average: 2, hibernating: 0, lost: 0 };
  for (const [id, n] of Object.entries(expected)) {
    await expectText(page, `segment-count-${id}`, n, id);
  }
  await expectText(page, 'seg-total', 10);
  await expectText(page, 'empty-levels', /F 2\/3\/5/);
  // The at-risk call list is the default drill-down.
  await expectText(page, 'drill-count', '4');
  await page.getByTestId('segment-row-loyal').click();
  await expectText(page, 'drill-count', '3');
  await expectText(page, 'drill-table', /in no box; nearest is Loyal \(score distance 1\)/);
  await screenshot(page, 'segments-small-en');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-customers').click()]);
  assert.equal(download.suggestedFilename(), 'customers.csv');
  const bytes = fs.readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM for Excel');
  const rows = bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  assert.equal(rows.length, 11);
  assert.equal(rows[0], 'customer_id,first_visit,last_visit,recency_days,frequency,monetary,r,f,m,segment,stage,warning,tier,visits_12m,spend_12m,placement,p_alive,expected_visits_90d,expected_visits_365d,expected_spend_per_visit,clv_365d');
  // Ten customers are too few for a value model: its columns stay empty, never invented.
  assert.ok(rows.includes('K0,2023-08-20,2024-12-22,0,2,200.00,5,4,1,loyal,mature,green,normal,1,100.00,nearest_1,,,,,'), rows.join('\n'));

  // Beside the CSV, an Excel workbook for people (its cells are read back
  // natively in tests/engine.rs).
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-customers-xlsx').click()]);
  assert.equal(xlsx.suggestedFilename(), 'customers.xlsx');
  const book = fs.readFileSync(await xlsx.path());
  assert.deepEqual([...book.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'a zip');
  assert.ok(book.includes(Buffer.from('xl/worksheets/sheet1.xml')));

  const [drill] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-drill').click()]);
  assert.equal(drill.suggestedFilename(), 'customers_loyal.csv');
  assert.equal(fs.readFileSync(await drill.path(), 'utf8').trim().split(/\r?\n/).length, 4);
  assert.deepEqual(errors, []);
  await context.close();
});

test('settings recompute at once: business thresholds and warning limits', async () => {
  const { page, context, errors } = await openPage(browser, site.url, { locale: 'zh-CN' });
  await page.getByTestId('upload-input').setInputFiles(fixture('segments_small.csv'));
  await page.getByTestId('summary-customers').waitFor();
  await page.getByTestId('nav-segments').click();
  await page.locator('[data-testid=segment-settings] summary').click();
  await page.getByTestId('scoring-mode').selectOption('business');
  // By hand: F = 1 and M = 1 for all (one visit, < 1,500 in 12 months);
  // R 5 for 0 and 40 days, 4 for 80 and 120 (nearest New), 3 for 160
  // (nearest Hibernating), 2 beyond (Hibernating).
  await expectText(page, 'segment-count-new', 4);
  await expectText(page, 'segment-count-hibernating', 6);
  // Preset A: green ≤ 60 days (0, 40), yellow ≤ 120 (80, 120), red beyond.
  await expectText(page, 'light-count-green', 2);
  await expectText(page, 'light-count-red', 6);
  await page.getByTestId('green-max').fill('100');
  await page.getByTestId('green-max').dispatchEvent('change');
  await expectText(page, 'light-count-green', 3);
  await page.getByTestId('dormant-days').fill('100');
  await page.getByTestId('dormant-days').dispatchEvent('change');
  await expectText(page, 'stage-count-dormant', 7);
  // Boxes are editable: back to quantiles, then widen New to R 3–5. By hand:
  // K3 (4,1,2), K4 and K5 (3,1,3) fall in it; K6, K7 (2,1,4) are now 1 from
  // New; K8, K9 (1,1,5) are 2 from New and At risk, and New comes first.
  await page.getByTestId('scoring-mode').selectOption('quantile');
  await expectText(page, 'segment-count-average', 2);
  await page.getByTestId('rule-4-r-lo').fill('3');
  await page.getByTestId('rule-4-r-lo').dispatchEvent('change');
  await expectText(page, 'segment-count-new', 7);
  await expectText(page, 'segment-count-average', 0);
  await expectText(page, 'segment-count-at_risk', 0);
  await screenshot(page, 'segments-settings-zh');
  await page.getByTestId('reset-rules').click();
  await expectText(page, 'segment-count-new', 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the demo data in both languages, with the heat map drilling into a cell', async () => {
  const { page, context, errors } = await openPage(browser, site.url, { locale: 'zh-CN' });
  await page.getByTestId('load-demo').click();
  await page.getByTestId('summary-customers').waitFor();
  await page.getByTestId('nav-segments').click();
  const total = await count(page, 'seg-total');
  assert.equal(total, 19913);
  let sum = 0;
  for (const id of ['champions', 'loyal', 'potential_loyalists', 'new', 'at_risk', 'average', 'hibernating', 'lost']) {
    sum += await count(page, `segment-count-${id}`);
  }
  assert.equal(sum, total);
  const heat = page.getByTestId('chart-heat');
  const box = await heat.boundingBox();
  // Top-left cell is R 5 × F 1.
  await heat.click({ position: { x: 44 + 5, y: 8 + 5 } });
  await expectText(page, 'drill-group', 'R 5 × F 1');
  await expectText(page, 'heat-cell', /^R 5 × F 1：[\d,]+ 位客户$/);
  assert.ok(box.width > 100);
  await screenshot(page, 'segments-demo-zh');
  await page.getByTestId('lang-switch').click();
  await expectText(page, 'nav-segments', 'Segments');
  await screenshot(page, 'segments-demo-en');
  const text = await page.locator('main').innerText();
  assert.ok(!/NaN|undefined|inf\b/.test(text));
  assert.deepEqual(errors, []);
  await context.close();
});
