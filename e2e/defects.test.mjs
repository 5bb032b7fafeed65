// The defects a new user met (issue #11), each with the test that failed
// before its fix, and accessibility (axe-core, WCAG 2 A/AA) on every view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPage, root, screenshot, expectText, settle } from './harness.mjs';

let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.server.close(); });

const axeSource = fs.readFileSync(path.join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const READY = {
  data: 'summary-customers', segments: 'seg-total', panorama: 'stage-customers-growth',
  campaigns: 'verdict', planner: 'plan-opt-return', value: 'value-model', report: 'report-source',
};

async function demo(locale, viewport) {
  const opened = await openPage(browser, site.url, { locale, viewport });
  await opened.page.getByTestId('load-demo').click();
  await opened.page.getByTestId('summary-customers').waitFor();
  return opened;
}

async function open(page, view) {
  await page.getByTestId(`nav-${view}`).click();
  await page.getByTestId(READY[view]).first().waitFor({ timeout: 60_000 });
  await settle(page);
}

test('the drill-down pages forward and back', async () => {
  const { page, context, errors } = await demo('en-US');
  await open(page, 'segments');
  const total = Number((await page.getByTestId('drill-count').innerText()).replace(/,/g, ''));
  assert.ok(total > 100, `${total} at-risk customers`);
  const pages = Math.ceil(total / 50);
  await expectText(page, 'drill-page', `Page 1 of ${pages}`);
  assert.equal(await page.getByTestId('drill-prev').isDisabled(), true);
  assert.equal(await page.getByTestId('drill-next').isDisabled(), false);
  const first = await page.locator('[data-testid=drill-table] tbody tr td:first-child').first().innerText();
  await page.getByTestId('drill-next').click();
  await expectText(page, 'drill-page', `Page 2 of ${pages}`);
  await page.waitForFunction((f) => document.querySelector('[data-testid=drill-table] tbody tr td')?.innerText !== f, first);
  await page.getByTestId('drill-prev').click();
  await expectText(page, 'drill-page', `Page 1 of ${pages}`);
  await page.waitForFunction((f) => document.querySelector('[data-testid=drill-table] tbody tr td')?.innerText === f, first);
  assert.deepEqual(errors, []);
  await context.close();
});

test('no internal note reaches the page or the print', async () => {
  for (const locale of ['zh-CN', 'en-US']) {
    const { page, context, errors } = await demo(locale);
    for (const view of ['segments', 'panorama', 'value', 'campaigns', 'planner', 'report']) {
      await open(page, view);
      const text = await page.locator('main').innerText();
      for (const note of [/DOMAIN/, /§/, /毫秒/, /\d ms\b/, /原文/, /点击格子/, /computed in \d/]) {
        assert.ok(!note.test(text), `${view} (${locale}) shows ${note}`);
      }
    }
    // In print, no link back to the Data view or any other control.
    await page.emulateMedia({ media: 'print' });
    const visibleLinks = await page.locator('main a:visible').count();
    assert.equal(visibleLinks, 0, 'links printed');
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('planner: a zero cost says why without NaN; the budget box is live; the baseline list is readable', async () => {
  const { page, context, errors } = await openPage(browser, site.url, { locale: 'en-US' });
  await page.getByTestId('nav-planner').click();
  await page.getByTestId('plan-opt-return').waitFor();
  const before = await page.getByTestId('plan-opt-spend').getAttribute('data-value');
  // Typing alone re-optimises (no Enter, no blur).
  await page.getByTestId('plan-budget').pressSequentially('1', { delay: 10 });
  await page.waitForFunction((b) => document.querySelector('[data-testid=plan-opt-spend]')?.dataset.value !== b, before);
  // The English baseline names fit their list.
  const fits = await page.getByTestId('plan-baseline-rule').evaluate((s) => {
    const c = document.createElement('canvas').getContext('2d');
    c.font = getComputedStyle(s).font;
    return Math.max(...[...s.options].map((o) => c.measureText(o.text).width)) + 24 <= s.getBoundingClientRect().width;
  });
  assert.ok(fits, 'the baseline list cuts its names off');
  const cost = page.getByTestId('cell-retention-growth').locator('[data-field=cost]');
  await cost.fill('0');
  await cost.press('Enter');
  await expectText(page, 'plan-error', 'Retention × Growth: the cost per person must be above 0.');
  const text = await page.locator('main').innerText();
  assert.ok(!/NaN|Infinity|undefined/.test(text), 'NaN on the page');
  assert.deepEqual(errors, []);
  await context.close();
});

test('campaigns: intervals in Chinese, signed differences, a reversed range refused, English demo names', async () => {
  const { page, context, errors } = await demo('zh-CN');
  await open(page, 'campaigns');
  assert.match(await page.getByTestId('comparison-table').innerText(), /3 个月 LTV 95% 置信区间/);
  assert.ok(!/95% CI/.test(await page.getByTestId('comparison-table').innerText()));
  const diff = await page.locator('[data-testid=comparison-table] tbody tr').nth(3).locator('td').nth(2).innerText();
  assert.match(diff, /^[+−]/, `B − A of 3-month LTV: ${diff}`);
  await page.getByTestId('sc-a-cost-lo').fill('900');
  await page.getByTestId('sc-a-cost-lo').dispatchEvent('change');
  await page.getByTestId('sc-a-cost-hi').fill('100');
  await page.getByTestId('sc-a-cost-hi').dispatchEvent('change');
  await expectText(page, 'scenario-error', /下限高于上限/);
  assert.equal(await page.getByTestId('sc-a-p50').count(), 0);
  await page.getByTestId('lang-switch').click();
  await expectText(page, 'verdict', /^New-car guardian plan brings/);
  const options = await page.getByTestId('pick-a').locator('option').allInnerTexts();
  assert.ok(options.some((o) => o.startsWith('Free first maintenance')), options.join(' | '));
  assert.deepEqual(errors, []);
  await context.close();
});

test('data: the date range and the total stay on one line', async () => {
  for (const viewport of [{ width: 1366, height: 900 }, { width: 390, height: 844 }]) {
    const { page, context } = await demo('zh-CN', viewport);
    for (const id of ['summary-date-range', 'summary-revenue']) {
      const { lines, overflow } = await page.getByTestId(id).evaluate((el) => {
        const r = document.createRange();
        r.selectNodeContents(el);
        return {
          lines: new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size,
          overflow: el.scrollWidth - el.clientWidth,
        };
      });
      assert.equal(lines, 1, `${id} wraps at ${viewport.width} px`);
      assert.ok(overflow <= 1, `${id} runs ${overflow}px out of its card at ${viewport.width} px`);
    }
    await context.close();
  }
});

test("laptop: the plan's cells and the customer list fit their cards", async () => {
  for (const locale of ['zh-CN', 'en-US']) {
    const { page, context } = await demo(locale, { width: 1366, height: 900 });
    for (const [view, table] of [['planner', 'plan-cells'], ['segments', 'drill-table']]) {
      await open(page, view);
      const extra = await page.getByTestId(table).evaluate((t) => t.scrollWidth - t.parentElement.clientWidth);
      assert.ok(extra <= 1, `${table} (${locale}) is ${extra}px wider than its card`);
    }
    await context.close();
  }
});

test('phone: every number is on screen, not off to the right of a table', async () => {
  for (const locale of ['zh-CN', 'en-US']) {
    const { page, context, errors } = await demo(locale, { width: 390, height: 844 });
    const offscreen = () => page.evaluate(() => [...document.querySelectorAll('main td, main dd, .cal-event')]
      .filter((el) => el.offsetParent !== null)
      .filter((el) => { const r = el.getBoundingClientRect(); return r.right > document.documentElement.clientWidth + 1; })
      .map((el) => `${el.className || el.tagName}: ${el.innerText.slice(0, 30)}`));
    for (const view of ['segments', 'panorama', 'value', 'campaigns', 'planner']) {
      await open(page, view);
      assert.deepEqual(await offscreen(), [], `${view} (${locale})`);
      // Calendar events show their whole names.
      const cut = await page.evaluate(() => [...document.querySelectorAll('.cal-event')].filter((e) => e.scrollWidth > e.clientWidth + 1).length);
      assert.equal(cut, 0, `${view}: calendar names cut off`);
      await screenshot(page, `phone-numbers-${view}-${locale}`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('every view passes axe-core (WCAG 2 A/AA) with no violation', async () => {
  for (const locale of ['zh-CN', 'en-US']) {
    const { page, context, errors } = await demo(locale);
    for (const view of ['data', 'segments', 'panorama', 'value', 'campaigns', 'planner', 'report']) {
      await open(page, view);
      await page.evaluate(axeSource);
      const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }));
      const found = result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
      assert.deepEqual(found, [], `${view} (${locale})`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('a language switch asks the engine nothing, and charts leave no resize listener behind', async () => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 900 } });
  // Count what the page posts to its engine, and the window's live resize listeners.
  await context.addInitScript(() => {
    window.__posts = 0;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (...args) { window.__posts += 1; return post.apply(this, args); };
    window.__resize = new Set();
    const add = window.addEventListener, remove = window.removeEventListener;
    window.addEventListener = function (type, f, ...rest) { if (type === 'resize') window.__resize.add(f); return add.call(this, type, f, ...rest); };
    window.removeEventListener = function (type, f, ...rest) { if (type === 'resize') window.__resize.delete(f); return remove.call(this, type, f, ...rest); };
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(site.url);
  await page.getByTestId('load-demo').click();
  await page.getByTestId('summary-customers').waitFor();
  const views = ['segments', 'panorama', 'value', 'campaigns', 'planner', 'report'];
  for (const view of views) {
    await open(page, view);
    const before = await page.evaluate(() => window.__posts);
    // Campaigns: the bootstrap of every campaign's interval is the costly
    // answer a language switch used to redo.
    for (let k = 0; k < 2; k++) {
      await page.getByTestId('lang-switch').click();
      await settle(page);
    }
    assert.equal(await page.evaluate(() => window.__posts), before, `${view}: a language switch asked the engine again`);
  }
  // Ten more rounds through the views, each back to the Data view (no
  // chart): unmounted charts take their listeners with them, so the count
  // there is the same every round (a chart mounts a turn or two after its
  // view's numbers, so counts on the chart views themselves vary).
  const onData = [];
  let onReport = 0;
  for (let round = 0; round < 10; round++) {
    for (const view of views) await open(page, view);
    onReport = Math.max(onReport, await page.evaluate(() => window.__resize.size));
    await open(page, 'data');
    onData.push(await page.evaluate(() => window.__resize.size));
  }
  assert.ok(onData.every((n) => n === onData[0]), `resize listeners on the Data view after each round: ${onData}`);
  assert.ok(onData[0] < onReport, `${onData[0]} listeners on the Data view, ${onReport} on the report`);
  assert.deepEqual(errors, []);
  await context.close();
});
