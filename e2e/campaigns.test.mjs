// Campaign A vs B end to end: the demo story, the export against the page, the scenario.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, launch, openPage, screenshot, expectText, settle } from './harness.mjs';

let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.server.close(); });

const money = (s) => Number(s.replace(/[¥,\s]/g, ''));

test('the demo shows B above A by 3-month LTV with separate intervals, and the export matches the page', async () => {
  const { page, context, errors } = await openPage(browser, site.url, { locale: 'en-US' });
  await page.getByTestId('load-demo').click();
  await page.getByTestId('summary-customers').waitFor();
  await page.getByTestId('nav-campaigns').click();
  await page.getByTestId('verdict').waitFor();
  assert.equal(await page.getByTestId('pick-a').inputValue(), '首保免费');
  assert.equal(await page.getByTestId('pick-b').inputValue(), '新车守护计划');
  const ltvA = money(await page.getByTestId('cmp-ltv-a').innerText());
  const ltvB = money(await page.getByTestId('cmp-ltv-b').innerText());
  const ci = async (id) => (await page.getByTestId(id).innerText()).match(/¥([\d,.]+) – ¥([\d,.]+)/).slice(1).map(money);
  const [aLo, aHi] = await ci('cmp-ltv-ci-a');
  const [bLo, bHi] = await ci('cmp-ltv-ci-b');
  assert.ok(ltvB > ltvA, `${ltvB} > ${ltvA}`);
  assert.ok(aHi < bLo, `intervals overlap: A ${aLo}–${aHi}, B ${bLo}–${bHi}`);
  // The demo's campaigns are named in the page's language (the data keeps its own).
  await expectText(page, 'verdict', /^New-car guardian plan brings ¥[\d,.]+K? more per customer in 3 months \(95% CI/);
  await expectText(page, 'cmp-return-ratio-a', `1:${(ltvA / 800).toFixed(1)}`);
  await screenshot(page, 'campaigns-demo-en');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-campaigns').click()]);
  assert.equal(download.suggestedFilename(), 'campaigns.csv');
  const lines = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  for (const col of ['campaign', 'customers', 'retention_3m', 'ltv_3m', 'ltv_3m_low', 'ltv_3m_high']) assert.ok(header.includes(col), col);
  const row = (name) => Object.fromEntries(lines.find((l) => l.startsWith(name + ',')).split(',').map((v, i) => [header[i], v]));
  const a = row('首保免费');
  const b = row('新车守护计划');
  assert.equal(Number(a.ltv_3m).toFixed(2), ltvA.toFixed(2));
  assert.equal(Number(b.ltv_3m).toFixed(2), ltvB.toFixed(2));
  assert.equal(Number(a.ltv_3m_high).toFixed(2), aHi.toFixed(2));
  assert.equal(Number(b.ltv_3m_low).toFixed(2), bLo.toFixed(2));
  assert.equal(a.customers, (await page.getByTestId('cmp-customers-a').innerText()).replace(/,/g, ''));
  const retA = Number(a.retention_3m);
  assert.ok(retA > 0 && retA < 1);
  assert.equal(`${(retA * 100).toFixed(1)}%`, await page.getByTestId('cmp-retention-a').innerText());
  assert.equal(lines.length - 1, await page.locator('[data-testid=campaigns-table] tbody tr').count());
  await page.getByTestId('lang-switch').click();
  await page.getByText('并排比较').waitFor();
  await screenshot(page, 'campaigns-demo-zh');
  const text = await page.locator('main').innerText();
  assert.ok(!/NaN|undefined|Infinity/.test(text));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the scenario reproduces the source without data and reacts to inputs', async () => {
  const { page, context, errors } = await openPage(browser, site.url, { locale: 'en-US' });
  await page.getByTestId('nav-campaigns').click();
  await page.getByTestId('no-campaigns').waitFor();
  await expectText(page, 'scenario-p-b', '100.0%');
  // Points instead of ranges: A 1,200 ÷ 800 = 1.50 per yuan exactly.
  for (const [id, v] of [['sc-a-cost-lo', '800'], ['sc-a-cost-hi', '800'], ['sc-a-ltv-lo', '1200'], ['sc-a-ltv-hi', '1200']]) {
    await page.getByTestId(id).fill(v);
    await page.getByTestId(id).dispatchEvent('change');
  }
  await expectText(page, 'sc-a-p50', '1.50 (P10 1.50 – P90 1.50)');
  // Make A cheap and valuable: now A wins.
  for (const [id, v] of [['sc-a-cost-lo', '10'], ['sc-a-cost-hi', '10']]) {
    await page.getByTestId(id).fill(v);
    await page.getByTestId(id).dispatchEvent('change');
  }
  await expectText(page, 'scenario-p-b', '0.0%');
  assert.deepEqual(errors, []);
  await context.close();
});
