// The Data view end to end: load, language, demo, uploads, errors, mapping.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, launch, openPage, foreign, summaryNumber, fixture, screenshot, expectText, settle } from './harness.mjs';

let site;
let browser;

before(async () => {
  site = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  site?.server.close();
});

async function upload(page, name) {
  await page.getByTestId('upload-input').setInputFiles(fixture(name));
}

test('the app loads in Chinese with no console error and no foreign request', async () => {
  const { page, context, requests, errors } = await openPage(browser, site.url);
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.match(await page.locator('.brand-title').innerText(), /服务营销全景/);
  await expectText(page, 'privacy-note', /不会上传/);
  await screenshot(page, 'data-empty-zh');
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign(requests, site.origin), []);
  await context.close();
});

test('the language switch changes every label and is remembered', async () => {
  const { page, context, errors } = await openPage(browser, site.url, { locale: 'en-US' });
  await expectText(page, 'nav-data', 'Data');
  await page.getByTestId('lang-switch').click();
  await expectText(page, 'nav-data', '数据');
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  await page.reload();
  await page.getByTestId('nav-data').waitFor();
  await expectText(page, 'nav-data', '数据');
  await page.getByTestId('lang-switch').click();
  await expectText(page, 'nav-data', 'Data');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the demo button fills the summary', async () => {
  const { page, context, requests, errors } = await openPage(browser, site.url);
  await page.getByTestId('load-demo').click();
  // Same seed, same data as the native test (tests/demo.rs).
  assert.equal(await summaryNumber(page, 'summary-customers'), 19913);
  assert.equal(await summaryNumber(page, 'summary-visits'), 95897);
  assert.equal(await summaryNumber(page, 'summary-rows-rejected'), 0);
  await expectText(page, 'summary-customers', '19,913');
  await expectText(page, 'summary-date-range', /2023年1月1日 – 2025年12月31日/);
  assert.equal(await page.getByTestId('summary-as-of').inputValue(), '2025-12-31');
  await expectText(page, 'summary-revenue', /亿元$/);
  await screenshot(page, 'data-demo-zh');
  await page.getByTestId('lang-switch').click();
  await expectText(page, 'summary-revenue', /^¥[\d.]+M$/);
  await screenshot(page, 'data-demo-en');
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign(requests, site.origin), []);
  await context.close();
});

test('a GBK CSV upload shows the exact counts and every rejected line', async () => {
  const { page, context, errors } = await openPage(browser, site.url);
  await upload(page, 'visits_gbk.csv');
  assert.equal(await summaryNumber(page, 'summary-customers'), 4);
  assert.equal(await summaryNumber(page, 'summary-visits'), 6);
  assert.equal(await summaryNumber(page, 'summary-rows-rejected'), 5);
  assert.equal(await summaryNumber(page, 'summary-rows-accepted'), 7);
  assert.equal(await summaryNumber(page, 'summary-blank-lines'), 1);
  assert.equal(await page.getByTestId('summary-revenue').getAttribute('data-value'), '4,164.50');
  assert.equal(await page.getByTestId('summary-as-of').inputValue(), '2024-03-10');
  await expectText(page, 'summary-source', /GBK/);
  const lines = await page.locator('[data-testid=rejected-table] tbody tr td:first-child').allInnerTexts();
  assert.deepEqual(lines, ['8', '9', '10', '11', '12']);
  await expectText(page, 'rejected-table', /“1997-02-30”不是真实存在的日期/);
  await expectText(page, 'optional-note', /NPS/);
  await screenshot(page, 'data-gbk-zh');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download-rejected').click(),
  ]);
  assert.equal(download.suggestedFilename(), 'rejected_rows.csv');
  const csv = fs.readFileSync(await download.path(), 'utf8');
  const rows = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  assert.equal(rows[0], '行号,列,原因');
  assert.equal(rows.length, 6);
  assert.match(rows[4], /^11,,该行只有 2 个字段，表头有 8 个$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an XLSX upload reads the data sheet below its title row', async () => {
  const { page, context, errors } = await openPage(browser, site.url, { locale: 'en-US' });
  await upload(page, 'visits.xlsx');
  assert.equal(await summaryNumber(page, 'summary-customers'), 4);
  assert.equal(await summaryNumber(page, 'summary-visits'), 4);
  assert.equal(await summaryNumber(page, 'summary-rows-rejected'), 2);
  await expectText(page, 'summary-source', /Sheet 服务记录/);
  assert.equal(await page.getByTestId('sheet-picker').inputValue(), '服务记录');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a file that cannot be read says why and keeps the previous data', async () => {
  const { page, context, errors } = await openPage(browser, site.url, { locale: 'en-US' });
  await upload(page, 'visits_gbk.csv');
  assert.equal(await summaryNumber(page, 'summary-customers'), 4);
  await upload(page, 'not_a_table.png');
  await page.getByTestId('file-error').waitFor();
  assert.equal(
    await page.getByTestId('file-error').innerText(),
    'This is a PNG image, not a table of service visits: export CSV, TSV or XLSX from your DMS.',
  );
  assert.equal(await summaryNumber(page, 'summary-customers'), 4);
  await upload(page, 'empty.csv');
  await page.getByText('The file is empty.').waitFor();
  await upload(page, 'no_columns.csv');
  await page.getByText(/No column header was recognised/).waitFor();
  assert.equal(await summaryNumber(page, 'summary-customers'), 4);
  await screenshot(page, 'data-error-en');
  await page.getByTestId('lang-switch').click();
  await expectText(page, 'file-error', /没有识别出任何列名/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('columns the headers do not name can be mapped by hand', async () => {
  const { page, context, errors } = await openPage(browser, site.url, { locale: 'en-US' });
  const file = {
    name: 'custom.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('客户ID,时间,钱\nA,2024-01-01,10\nB,2024-01-02,20\nA,2024-01-03,5\n'),
  };
  await page.getByTestId('upload-input').setInputFiles(file);
  await page.getByTestId('mapping-panel').waitFor();
  await expectText(page, 'file-error', 'Choose a column for: Visit date, Amount.');
  await page.getByTestId('map-date').selectOption({ label: '时间' });
  await page.getByTestId('map-amount').selectOption({ label: '钱' });
  await page.getByTestId('apply-mapping').click();
  assert.equal(await summaryNumber(page, 'summary-customers'), 2);
  assert.equal(await summaryNumber(page, 'summary-visits'), 3);
  assert.equal(await page.getByTestId('summary-revenue').getAttribute('data-value'), '35.00');
  assert.equal(await page.getByTestId('file-error').count(), 0);
  await screenshot(page, 'data-mapping-en');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a large import shows progress and can be cancelled, keeping the previous data', async () => {
  const { page, context, errors } = await openPage(browser, site.url, { locale: 'en-US' });
  await upload(page, 'visits_gbk.csv');
  assert.equal(await summaryNumber(page, 'summary-customers'), 4);
  const lines = ['customer_id,visit_date,amount'];
  for (let i = 0; i < 400_000; i++) lines.push(`K${i % 60000},2024-0${1 + (i % 9)}-${10 + (i % 19)},${100 + (i % 900)}.50`);
  const buffer = Buffer.from(lines.join('\n'));
  // The engine holds a test import open after its first slice until it is
  // cancelled, so the cancel cannot lose a race with the import's end.
  await page.evaluate(() => { window.__panoramaHoldImport = true; });
  await page.getByTestId('upload-input').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer });
  await page.getByTestId('import-progress').waitFor();
  await page.getByTestId('cancel-import').click();
  await page.getByText('Import cancelled; the previous data is still loaded.').waitFor();
  assert.equal(await page.getByTestId('import-progress').count(), 0);
  assert.equal(await summaryNumber(page, 'summary-customers'), 4);

  // The same file, not held, arrives whole.
  await page.evaluate(() => { window.__panoramaHoldImport = false; });
  await page.getByTestId('upload-input').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer });
  await page.waitForFunction(
    () => document.querySelector('[data-testid=summary-rows-read]')?.getAttribute('data-value') === '400000',
    null,
    { timeout: 60_000 },
  );
  assert.equal(await summaryNumber(page, 'summary-customers'), 60000);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the Data view fits a 390-px phone without horizontal overflow', async () => {
  for (const locale of ['zh-CN', 'en-US']) {
    const { page, context, errors } = await openPage(browser, site.url, { locale, viewport: { width: 390, height: 844 } });
    await upload(page, 'visits_gbk.csv');
    assert.equal(await summaryNumber(page, 'summary-customers'), 4);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, `page is ${overflow}px wider than the phone`);
    await screenshot(page, `data-phone-${locale}`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
