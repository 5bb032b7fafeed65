// Not a test: loads a CDNOW-like export (GBK, Chinese headers; made from
// lifetimes' CDNOW_master.txt) into the release build and prints what a VP
// reads first: the planner's headline and the first ten on the call list.
//   node e2e/bench/cdnow_case.mjs FILE
import { serve, launch, openPage, settle, screenshot } from '../harness.mjs';

const file = process.argv[2];
const site = await serve();
const browser = await launch();
try {
  for (const locale of ['zh-CN', 'en-US']) {
    const { page, context } = await openPage(browser, site.url, { locale });
    await page.getByTestId('upload-input').setInputFiles(file);
    await page.getByTestId('summary-customers').waitFor({ timeout: 120_000 });
    console.log(`== ${locale}: ${await page.getByTestId('summary-customers').innerText()} customers`);
    await page.getByTestId('nav-planner').click();
    await page.getByTestId('plan-opt-return').waitFor({ timeout: 120_000 });
    await settle(page);
    console.log('planner:', (await page.getByTestId('plan-summary').innerText()).replace(/\s+/g, ' ').slice(0, 600));
    await screenshot(page, `cdnow-planner-${locale}`);
    await page.getByTestId('nav-segments').click();
    await page.getByTestId('drill-table').waitFor({ timeout: 120_000 });
    await settle(page);
    console.log('call list:', await page.getByTestId('drill-group').innerText(), await page.getByTestId('drill-count').innerText());
    const rows = await page.locator('[data-testid=drill-table] tbody tr').allInnerTexts();
    for (const r of rows.slice(0, 10)) console.log('  ', r.replace(/\s+/g, ' '));
    await screenshot(page, `cdnow-segments-${locale}`);
    await context.close();
  }
} finally {
  await browser.close();
  site.server.close();
}
