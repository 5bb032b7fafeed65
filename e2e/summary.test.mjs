// A customer summary from the warehouse (issue 15): the demo export's
// summary, written by sql/customer_summary.sql on DuckDB (scripts/test.sh:
// target/demo/summary_demo.csv from target/demo/visits_demo.csv), loads in
// the Data view and gives the figures the visits give: customers.csv
// column by column, the KPIs, the planner's cells and the value model's
// held-out check. Views that need the visits say so; bad rows are reported.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPage, root, fixture, screenshot, expectText, settle, summaryNumber } from './harness.mjs';

const demoVisits = path.join(root, 'target', 'demo', 'visits_demo.csv');
const demoSummary = path.join(root, 'target', 'demo', 'summary_demo.csv');

let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.server.close(); });

/** customers.csv as a map from customer id to its line (order aside: ties in value may sort either way). */
async function customersCsv(page) {
  await page.getByTestId('nav-segments').click();
  await page.getByTestId('seg-total').waitFor();
  await settle(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-customers').click()]);
  const lines = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const rows = new Map(lines.slice(1).map((l) => [l.split(',')[0], l]));
  assert.equal(rows.size, lines.length - 1, 'one line per customer');
  return { header: lines[0], rows };
}

/** The text of what the views show that a summary supports. */
async function figures(page) {
  await page.getByTestId('nav-panorama').click();
  await page.getByTestId('kpi-retention-3m').waitFor();
  await settle(page);
  const kpis = await page.locator('.kpi-grid').first().innerText();
  await page.getByTestId('nav-value').click();
  await page.getByTestId('validation-table').waitFor({ timeout: 60_000 });
  await settle(page);
  const value = [
    await page.getByTestId('value-model').innerText(),
    await page.getByTestId('validation-table').innerText(),
    await page.getByTestId('alive-matrix').innerText(),
  ].join('\n');
  await page.getByTestId('nav-planner').click();
  await page.getByTestId('plan-cells').waitFor();
  await settle(page);
  const plan = await page.getByTestId('plan-cells').innerText();
  return { kpis, value, plan };
}

async function upload(page, file) {
  await page.getByTestId('nav-data').click();
  await page.getByTestId('upload-input').setInputFiles(file);
}

test('the demo summary gives the visits\' customers.csv, KPIs, value and plan', async () => {
  assert.ok(fs.existsSync(demoSummary), `${demoSummary} is written by scripts/test.sh (run_duckdb.py)`);
  const { page, context, errors } = await openPage(browser, site.url, { locale: 'en-US' });
  await upload(page, demoVisits);
  await expectText(page, 'summary-customers', 19913, { timeout: 60_000 });
  const fromVisits = await customersCsv(page);
  const shownVisits = await figures(page);
  // What is compared is there: KPI percentages, a fitted model, plan cells, scored customers.
  assert.match(shownVisits.kpis, /\d+\.\d%/);
  assert.match(shownVisits.value, /\d/);
  assert.ok(shownVisits.plan.split('\n').length > 5, shownVisits.plan);
  const pAlive = fromVisits.header.split(',').indexOf('p_alive');
  assert.ok([...fromVisits.rows.values()].every((l) => /^0?\.\d+|^1(\.0+)?$/.test(l.split(',')[pAlive])), 'every customer scored');

  await upload(page, demoSummary);
  await page.getByTestId('summary-kind').waitFor({ timeout: 60_000 });
  assert.equal(await summaryNumber(page, 'summary-customers'), 19913);
  assert.equal(await summaryNumber(page, 'summary-rows-rejected'), 0);
  await expectText(page, 'summary-source', /customer summary/);
  // The as-of date is the summary's and cannot change here.
  assert.equal(await page.getByTestId('summary-as-of').inputValue(), '2025-12-31');
  assert.ok(await page.getByTestId('summary-as-of').isDisabled());
  assert.equal(await page.getByTestId('mapping-panel').count(), 0, 'no mapping for a summary');
  await screenshot(page, 'summary-data-en');

  const fromSummary = await customersCsv(page);
  assert.equal(fromSummary.header, fromVisits.header);
  assert.equal(fromSummary.rows.size, fromVisits.rows.size);
  let differ = 0;
  for (const [id, line] of fromVisits.rows) {
    if (fromSummary.rows.get(id) !== line) {
      differ += 1;
      if (differ <= 3) console.log(`${id}\n  visits:  ${line}\n  summary: ${fromSummary.rows.get(id)}`);
    }
  }
  assert.equal(differ, 0, 'customers.csv equal, column by column');

  const shownSummary = await figures(page);
  assert.equal(shownSummary.kpis, shownVisits.kpis);
  assert.equal(shownSummary.value, shownVisits.value);
  assert.equal(shownSummary.plan, shownVisits.plan);

  // What needs the visits says so.
  await page.getByTestId('nav-value').click();
  await page.getByTestId('tracking-needs-visits').waitFor();
  await page.getByTestId('nav-panorama').click();
  await page.getByTestId('flow-needs-visits').waitFor();
  await page.getByTestId('nav-campaigns').click();
  await expectText(page, 'no-campaigns', /customer summary without the individual visits/);
  const text = await page.locator('main').innerText();
  assert.ok(!/NaN|undefined|Infinity/.test(text));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a summary in Chinese; bad rows are reported by line, the rest load', async () => {
  const { page, context, errors } = await openPage(browser, site.url, { locale: 'zh-CN' });
  const lines = fs.readFileSync(fixture('summary_segments_small.csv'), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const bad = lines[2].split(',');
  bad[header.indexOf('frequency')] = '很多';
  const text = [lines[0], lines[1], bad.join(','), ...lines.slice(3)].join('\n');
  await page.getByTestId('upload-input').setInputFiles({ name: 'summary.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.getByTestId('summary-kind').waitFor({ timeout: 60_000 });
  assert.equal(await summaryNumber(page, 'summary-customers'), 9);
  assert.equal(await summaryNumber(page, 'summary-rows-rejected'), 1);
  await expectText(page, 'rejected-table', /3\s+frequency\s+“很多”不是数字/);
  await screenshot(page, 'summary-data-zh');
  await page.getByTestId('nav-segments').click();
  await expectText(page, 'seg-total', 9);
  await page.getByTestId('nav-campaigns').click();
  await expectText(page, 'no-campaigns', /客户汇总/);
  assert.deepEqual(errors, []);
  await context.close();
});
