// Work that survives (issue 7): kept data only when the user opts in, and
// cleared with one button; settings and column mappings remembered; a
// scenario link that reproduces a plan without customer data; the report
// page (print to PDF) and charts saved as PNG; no request leaves the origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, launch, openPage, screenshot, fixture, summaryNumber, foreign, root, settle, expectText } from './harness.mjs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.server.close(); });

test('uploaded data is kept only after opting in, and one button clears it', async () => {
  const { page, context, errors } = await openPage(browser, site.url, { locale: 'en-US' });
  await page.getByTestId('upload-input').setInputFiles(fixture('visits_gbk.csv'));
  assert.equal(await summaryNumber(page, 'summary-customers'), 4);
  // Not opted in: a reload starts empty.
  await page.reload();
  await page.getByTestId('load-demo').waitFor();
  assert.equal(await page.getByTestId('summary-customers').count(), 0);
  assert.equal(await page.getByTestId('keep-data').isChecked(), false);

  await page.getByTestId('upload-input').setInputFiles(fixture('visits_gbk.csv'));
  await page.getByTestId('summary-customers').waitFor();
  await page.getByTestId('keep-data').check();
  await page.waitForFunction(async () => (await (await caches.open('panorama-data')).keys()).length === 1);
  // Count the page's writes to Cache Storage from here on.
  await page.addInitScript(() => {
    const put = Cache.prototype.put;
    window.__puts = 0;
    Cache.prototype.put = function (...args) { window.__puts += 1; return put.apply(this, args); };
  });
  await page.reload();
  assert.equal(await summaryNumber(page, 'summary-customers'), 4);
  // Restoring reads the kept copy; it does not write it back (a write
  // would be under way by the time the data shows).
  await page.waitForFunction(() => document.documentElement.dataset.store !== 'writing');
  assert.equal(await page.evaluate(() => window.__puts), 0);
  assert.match(await page.locator('main').innerText(), /visits_gbk\.csv/);
  assert.equal(await page.getByTestId('keep-data').isChecked(), true);

  await page.getByTestId('clear-data').click();
  await page.waitForFunction(async () => !(await caches.has('panorama-data')));
  assert.equal(await page.getByTestId('keep-data').isChecked(), false);
  await page.reload();
  await page.getByTestId('load-demo').waitFor();
  assert.equal(await page.getByTestId('summary-customers').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('segment settings and a hand-made column mapping are remembered', async () => {
  const { page, context, errors } = await openPage(browser, site.url, { locale: 'en-US' });
  const file = { name: 'custom.csv', mimeType: 'text/csv', buffer: Buffer.from('客户ID,时间,钱\nA,2024-01-01,10\nB,2024-01-02,20\nA,2024-01-03,5\n') };
  await page.getByTestId('upload-input').setInputFiles(file);
  await page.getByTestId('mapping-panel').waitFor();
  await page.getByTestId('map-date').selectOption({ label: '时间' });
  await page.getByTestId('map-amount').selectOption({ label: '钱' });
  await page.getByTestId('apply-mapping').click();
  assert.equal(await summaryNumber(page, 'summary-visits'), 3);
  await page.getByTestId('nav-segments').click();
  await page.getByTestId('segment-settings').locator('summary').click();
  await page.getByTestId('warning-preset').selectOption({ index: 1 });
  const preset = await page.getByTestId('warning-preset').inputValue();

  await page.reload();
  await page.getByTestId('nav-data').click();
  // The same headers again: mapped as the user mapped them, no question asked.
  await page.getByTestId('upload-input').setInputFiles(file);
  assert.equal(await summaryNumber(page, 'summary-visits'), 3);
  assert.equal(await page.getByTestId('file-error').count(), 0);
  await page.getByTestId('nav-segments').click();
  await page.getByTestId('segment-settings').locator('summary').click();
  assert.equal(await page.getByTestId('warning-preset').inputValue(), preset);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a scenario link reproduces the plan in a fresh browser, with no customer data in it', async () => {
  const { page, context, errors } = await openPage(browser, site.url, { locale: 'en-US' });
  await page.getByTestId('load-demo').click();
  await page.getByTestId('summary-customers').waitFor();
  await page.getByTestId('nav-planner').click();
  await page.getByTestId('import-scenario').setInputFiles(fixture('scenario_small.json'));
  await page.getByTestId('import-note').waitFor();
  await page.getByTestId('plan-budget').fill('1234000');
  await page.getByTestId('plan-budget').press('Enter');
  const ret = await summaryNumber(page, 'plan-opt-return');
  await page.getByTestId('share-plan').click();
  const link = await page.getByTestId('share-link').inputValue();
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/panorama\/(index\.html)?#\/planner\?plan=[A-Za-z0-9_-]+$/);
  const decoded = JSON.parse(Buffer.from(link.split('plan=')[1], 'base64url').toString('utf8'));
  assert.deepEqual(Object.keys(decoded).sort(), ['baseline', 'budget', 'cells']);
  for (const c of decoded.cells) {
    assert.deepEqual(Object.keys(c).filter((k) => !['campaign_type', 'stage', 'audience', 'cost_per_person', 'conversion_rate', 'value_per_conversion', 'min_spend', 'max_spend'].includes(k)), []);
  }
  assert.ok(!/[\u4e00-\u9fff]|customer_id|客户/.test(JSON.stringify(decoded)));
  await context.close();

  const fresh = await openPage(browser, link, { locale: 'en-US' });
  // The engine reads the link: wait until it says the plan is open.
  await expectText(fresh.page, 'plan-link-opened', 'The plan from the scenario link is open.');
  assert.equal(await fresh.page.getByTestId('plan-budget').inputValue(), '1234000');
  assert.equal(await summaryNumber(fresh.page, 'plan-opt-return'), ret);
  assert.match(fresh.page.url(), /#\/planner$/);
  // A damaged link says so and leaves the plan alone.
  await fresh.page.goto(site.url + '#/planner?plan=bm90IGpzb24');
  await fresh.page.getByTestId('plan-link-error').waitFor();
  assert.match(await fresh.page.getByTestId('plan-link-error').innerText(), /^Could not open the scenario link: Line 1, column \d+: .* The current plan is unchanged\.$/);
  assert.equal(await fresh.page.getByTestId('plan-budget').inputValue(), '1234000');
  assert.deepEqual([...errors, ...fresh.errors], []);
  await fresh.context.close();
});

test('the report prints every view in the current language; charts save as PNG; nothing leaves the origin', async () => {
  for (const locale of ['zh-CN', 'en-US']) {
    const { page, context, errors, requests } = await openPage(browser, site.url, { locale });
    await page.getByTestId('load-demo').click();
    await page.getByTestId('summary-customers').waitFor();
    await page.getByTestId('nav-segments').click();
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('png-chart-heat').click()]);
    assert.equal(png.suggestedFilename(), 'chart-heat.png');
    const bytes = fs.readFileSync(await png.path());
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(bytes.length > 5_000, `${bytes.length} bytes`);

    // A saved scenario pair is compared in the report.
    await page.getByTestId('nav-planner').click();
    await page.getByTestId('scenario-name').fill('A');
    await page.getByTestId('save-scenario').click();
    await page.getByTestId('plan-budget').fill('9000000');
    await page.getByTestId('plan-budget').press('Enter');
    await page.getByTestId('scenario-name').fill('B');
    await page.getByTestId('save-scenario').click();
    await page.getByTestId('compare-plans').waitFor();
    await page.getByTestId('nav-report').click();
    await page.getByTestId('report').waitFor();
    for (const id of ['seg-total', 'stage-customers-growth', 'verdict', 'plan-opt-return', 'chart-heat', 'chart-stage-spend',
      'exec-kpis', 'exec-segments', 'exec-value', 'exec-verdict', 'exec-plan', 'compare-plans']) {
      await page.getByTestId(id).first().waitFor();
    }
    // Controls are hidden; the print button is the one left.
    assert.equal(await page.getByTestId('export-plan').isVisible(), false);
    assert.equal(await page.getByTestId('segment-settings').isVisible(), false);
    assert.equal(await page.getByTestId('print-report').isVisible(), true);
    const text = await page.locator('main').innerText();
    assert.ok(!/NaN|undefined|Infinity/.test(text));
    // The cover and the five views, each titled in the page's language.
    const titles = await page.locator('.report-view h1').allInnerTexts();
    assert.equal(titles.length, 6, titles.join(' | '));
    for (const t of titles) assert.equal(/[\u4e00-\u9fff]/.test(t), locale === 'zh-CN', t);
    await settle(page);
    // The executive summary has every part filled before it is printed.
    await page.waitForFunction(() => document.querySelector('[data-testid=exec-plan]')?.innerText.includes('P10'));
    await expectText(page, 'exec-verdict', locale === 'zh-CN' ? /每位客户 3 个月多带来/ : /more per customer in 3 months/);
    await page.emulateMedia({ media: 'print' });
    // Chromium printing fires beforeprint (the charts redraw at print
    // resolution); page.pdf does not, so the test does.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await settle(page);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const scale = await page.evaluate(() => {
      const c = document.querySelector('[data-testid=chart-heat]');
      return c.width / c.getBoundingClientRect().width;
    });
    assert.ok(scale > 2.5, `charts print at ${scale} px per CSS px`);
    await screenshot(page, `report-print-${locale}`);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    assert.ok(pdf.length > 50_000, `pdf ${pdf.length} bytes`);
    const file = path.join(root, 'e2e', 'out', `report-${locale}.pdf`);
    fs.writeFileSync(file, pdf);
    // Page by page: at most six, none blank, the summary first, then the
    // views in order, nothing internal, no NaN.
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())[1]);
    assert.ok(pages >= 3 && pages <= 6, `${pages} pages`);
    const pageText = (i) => execFileSync('pdftotext', ['-f', String(i), '-l', String(i), '-layout', file, '-']).toString();
    const texts = Array.from({ length: pages }, (_, i) => pageText(i + 1));
    const zh = locale === 'zh-CN';
    assert.match(texts[0], zh ? /执行摘要/ : /Executive summary/);
    assert.match(texts[0], zh ? /核心指标与目标[\s\S]*客户分层[\s\S]*P10/ : /Headline KPIs against targets[\s\S]*Segments[\s\S]*P10/);
    const all = texts.join('\n');
    const order = zh ? ['执行摘要', '客户分层', '服务营销活动全景图', '客户价值：', '活动对比', '预算规划'] : ['Executive summary', 'Segments', 'Service marketing panorama', 'Customer value:', 'Campaign A vs B', 'Budget planner'];
    let at = -1;
    for (const title of order) {
      const i = all.indexOf(title, at + 1);
      assert.ok(i > at, `${title} after the previous section`);
      at = i;
    }
    assert.match(all, zh ? /情景：保存、载入与对比/ : /Scenarios: save, load and compare/);
    for (const [i, t] of texts.entries()) {
      assert.ok(t.replace(/\s+/g, '').length > 200, `page ${i + 1} is (nearly) blank`);
      assert.ok(!/NaN|undefined|Infinity|TODO/.test(t), `page ${i + 1}`);
    }
    assert.deepEqual(foreign(requests, site.origin), []);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
