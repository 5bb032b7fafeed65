// Budget planner end to end: import a scenario file, read the totals, check
// the plan.csv export against DOMAIN §8 by hand, edit, goal-seek, save and
// compare scenarios, follow the loaded data, and errors that say why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, launch, openPage, screenshot, fixture, summaryNumber, expectText, settle, largestSegment } from './harness.mjs';

let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.server.close(); });

const scenario = JSON.parse(fs.readFileSync(fixture('scenario_small.json'), 'utf8'));
const R = (c, x) => c.value_per_conversion * c.conversion_rate * c.audience * (1 - Math.exp(-x / (c.cost_per_person * c.audience)));
const M = (c, x) => (c.value_per_conversion * c.conversion_rate / c.cost_per_person) * Math.exp(-x / (c.cost_per_person * c.audience));

function parseCsv(text) {
  const [head, ...rows] = text.trim().split(/\r?\n/);
  const cols = head.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i], v])));
}

async function openPlanner(locale = 'en-US') {
  const opened = await openPage(browser, site.url + '#/planner', { locale });
  await opened.page.getByTestId('plan-summary').waitFor();
  return opened;
}

async function importScenario(page, file = fixture('scenario_small.json')) {
  await page.getByTestId('import-scenario').setInputFiles(file);
}

test('an imported scenario is optimised exactly, and plan.csv adds up to the budget', async () => {
  const { page, context, errors, requests } = await openPlanner();
  await importScenario(page);
  await page.getByTestId('import-note').waitFor();
  await expectText(page, 'import-note', /Imported scenario_small\.json: 4 cells/);
  assert.equal(await page.getByTestId('plan-cells').locator('tbody tr').count(), 4);
  assert.equal(await page.getByTestId('plan-budget').inputValue(), '1000000');

  const spend = await summaryNumber(page, 'plan-opt-spend');
  const ret = await summaryNumber(page, 'plan-opt-return');
  assert.ok(Math.abs(spend - 1_000_000) < 0.01, `spend ${spend}`);
  await expectText(page, 'plan-opt-spend', '¥1M');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-plan').click()]);
  assert.equal(download.suggestedFilename(), 'plan.csv');
  const rows = parseCsv(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(rows.length, 4);
  assert.deepEqual(rows.map((r) => `${r.campaign_type}/${r.stage}`), scenario.cells.map((c) => `${c.campaign_type}/${c.stage}`));
  const x = rows.map((r) => Number(r.spend));
  assert.ok(Math.abs(x.reduce((a, b) => a + b, 0) - 1_000_000) < 0.05, `csv spend sums to ${x.reduce((a, b) => a + b, 0)}`);
  // Returns recomputed from the formula, by hand, match the file and the page.
  let total = 0;
  rows.forEach((r, i) => {
    const want = R(scenario.cells[i], x[i]);
    total += want;
    assert.ok(Math.abs(Number(r.expected_return) - want) < 0.1, `${r.campaign_type}: ${r.expected_return} vs ${want}`);
  });
  assert.ok(Math.abs(total - ret) / ret < 1e-8, `${total} vs page ${ret}`);
  // Optimality (KKT): cells strictly inside their bounds share one marginal
  // return; a cell at its floor wants no more, one at its ceiling no less.
  const m = scenario.cells.map((c, i) => M(c, x[i]));
  const inside = scenario.cells.map((c, i) => x[i] > c.min_spend + 1 && x[i] < (c.max_spend ?? Infinity) - 1);
  const lambda = m.find((_, i) => inside[i]);
  assert.ok(lambda > 0, 'some cell is inside its bounds');
  scenario.cells.forEach((c, i) => {
    if (inside[i]) assert.ok(Math.abs(m[i] - lambda) / lambda < 1e-5, `cell ${i} marginal ${m[i]} vs ${lambda}`);
    else if (Math.abs(x[i] - c.min_spend) < 1) assert.ok(m[i] <= lambda * (1 + 1e-6), `cell ${i} at its floor`);
    else assert.ok(m[i] >= lambda * (1 - 1e-6), `cell ${i} at its ceiling`);
  });
  // The wake-up cell hits its 60,000 ceiling; acquisition keeps its floor or more.
  assert.ok(Math.abs(x[2] - 60_000) < 0.01, `wake-up ${x[2]}`);
  assert.ok(x[1] >= 100_000 - 0.01);
  // Baseline beside it: 75% on acquisition.
  assert.ok(Math.abs(Number(rows[1].baseline_spend) - 750_000) < 0.01);
  assert.ok(Math.abs(await summaryNumber(page, 'plan-base-spend') - 1_000_000) < 0.01);
  assert.ok(ret > await summaryNumber(page, 'plan-base-return'));

  // The scenario file goes back out as it came in.
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-scenario').click()]);
  assert.equal(json.suggestedFilename(), 'scenario.json');
  const back = JSON.parse(fs.readFileSync(await json.path(), 'utf8'));
  assert.equal(back.budget, 1_000_000);
  assert.deepEqual(back.cells.map((c) => [c.campaign_type, c.stage, c.audience, c.max_spend]), scenario.cells.map((c) => [c.campaign_type, c.stage, c.audience, c.max_spend]));

  assert.deepEqual(errors, []);
  assert.ok(requests.every((u) => u.startsWith(site.origin) || u.startsWith('blob:') || u.startsWith('data:')));
  await screenshot(page, 'planner-imported-en');
  await context.close();
});

test('editing re-optimises at once; goal-seek finds the budget for 1:8; bad input says why', async () => {
  const { page, context, errors } = await openPlanner();
  await importScenario(page);
  await page.getByTestId('import-note').waitFor();
  const before = await summaryNumber(page, 'plan-opt-return');
  // A bigger budget: spend follows and return rises, less than in proportion.
  await page.getByTestId('plan-budget').fill('2000000');
  await page.getByTestId('plan-budget').press('Enter');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=plan-opt-spend]').dataset.value) > 1_999_999);
  const after = await summaryNumber(page, 'plan-opt-return');
  assert.ok(after > before && after < 2 * before, `${before} → ${after}`);
  // Dragging the slider works the same way.
  await page.getByTestId('plan-budget-slider').fill('1500000');
  await page.waitForFunction(() => Math.abs(Number(document.querySelector('[data-testid=plan-opt-spend]').dataset.value) - 1_500_000) < 1);

  // Goal-seek: the largest budget still returning 1:8, then use it.
  await page.getByTestId('goal-target').fill('8');
  await page.getByTestId('goal-run').click();
  await page.getByTestId('goal-result').waitFor();
  await expectText(page, 'goal-result', /^Up to a budget of ¥[\d.]+[KM] the optimised plan still returns 1:8/);
  await page.getByTestId('goal-apply').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=plan-opt-ratio]').innerText === '1:8.0');

  // A cell's conversion rate typed in %.
  const row = page.getByTestId('cell-festival-mature');
  await row.locator('[data-field=conversion]').fill('20');
  await row.locator('[data-field=conversion]').press('Tab');
  await page.waitForFunction(() => document.querySelector('[data-testid=cell-festival-mature] [data-field=conversion]').value === '20');

  // Infeasible floors: the message gives both sums.
  await page.getByTestId('cell-acquisition-prospect').locator('[data-field=min]').fill('9000000');
  await page.getByTestId('cell-acquisition-prospect').locator('[data-field=min]').press('Enter');
  await page.getByTestId('plan-error').waitFor();
  await expectText(page, 'plan-error', /The minimum spends add up to ¥9M, more than the budget of ¥[\d.]+M: raise the budget or lower the minimums\./);
  await expectText(page, 'plan-opt-spend', '—');
  // A zero audience is said in a sentence; a negative one names the cell.
  await page.getByTestId('cell-acquisition-prospect').locator('[data-field=min]').fill('0');
  await page.getByTestId('cell-acquisition-prospect').locator('[data-field=min]').press('Enter');
  await page.getByTestId('cell-retention-growth').locator('[data-field=audience]').fill('0');
  await page.getByTestId('cell-retention-growth').locator('[data-field=audience]').press('Enter');
  await expectText(page, 'cell-empty-note', /^Retention × Growth has an audience of 0 \(no customers at this stage in the data\), so it gets no spend\./);
  await expectText(page, 'plan-opt-spend', /¥/);
  await page.getByTestId('cell-retention-growth').locator('[data-field=audience]').fill('-5');
  await page.getByTestId('cell-retention-growth').locator('[data-field=audience]').press('Enter');
  await expectText(page, 'plan-error', 'Retention × Growth: the audience cannot be negative.');
  await page.getByTestId('cell-retention-growth').locator('[data-field=audience]').fill('15000');
  await page.getByTestId('cell-retention-growth').locator('[data-field=audience]').press('Enter');
  await page.getByTestId('plan-status').waitFor();

  // More budget than the cells can take.
  for (const id of ['cell-acquisition-prospect', 'cell-festival-mature']) {
    await page.getByTestId(id).locator('[data-field=max]').fill('100000');
    await page.getByTestId(id).locator('[data-field=max]').press('Enter');
  }
  await page.getByTestId('plan-budget').fill('5000000');
  await page.getByTestId('plan-budget').press('Enter');
  await page.getByTestId('plan-unused').waitFor();
  await expectText(page, 'plan-unused', /the plan can use ¥1\.8M, and ¥3\.2M of the budget has nowhere to go/);

  // A broken scenario file: where and why, and the plan stays.
  const bad = '/tmp/panorama-bad-scenario.json';
  fs.writeFileSync(bad, '{"budget": 5,\n "cells": [{"campaign_type": "tv", "stage": "new"}]}');
  await importScenario(page, bad);
  await page.getByTestId('import-error').waitFor();
  await expectText(page, 'import-error', /^Could not import panorama-bad-scenario\.json: Line 2, column \d+: "tv" is not a known campaign type, stage or baseline\. The current plan is unchanged\.$/);
  assert.equal(await page.getByTestId('plan-cells').locator('tbody tr').count(), 4);
  assert.deepEqual(errors, []);
  await context.close();
});

test('uncertainty, saved scenarios side by side, and the plan survives a reload', async () => {
  const { page, context, errors } = await openPlanner('zh-CN');
  await importScenario(page);
  await page.getByTestId('import-note').waitFor();
  const yuan = (s) => {
    const m = s.match(/([\d,.]+)(万元|亿元|元)/);
    return Number(m[1].replace(/,/g, '')) * ({ 元: 1, 万元: 1e4, 亿元: 1e8 })[m[2]];
  };
  // The charts and the Monte Carlo follow once input settles.
  // The table says which plan its figures answer: the imported one.
  await page.waitForFunction((n) => {
    const t = document.querySelector('[data-testid=mc-table]')?.dataset;
    return t?.budget === '1000000' && t?.cells === String(n);
  }, scenario.cells.length);
  const p = [];
  for (const q of ['p10', 'p50', 'p90']) p.push(yuan(await page.getByTestId(`mc-opt-${q}`).innerText()));
  assert.ok(p[0] <= p[1] && p[1] <= p[2], p.join(' ≤ '));
  const expected = await summaryNumber(page, 'plan-opt-return');
  assert.ok(p[0] < expected && expected < p[2], `${expected} within P10–P90`);
  await expectText(page, 'mc-beats', /在 2,000 次模拟中，优化方案回报高于基准方案的概率为 \d+\.\d%/);
  assert.equal(await page.getByTestId('sensitivity').locator('tbody tr').count(), 8);

  // Ranges are editable: every range a point, and the spread collapses to
  // the expected return.
  await page.getByTestId('range-editor').locator('summary').click();
  const rows = page.getByTestId('range-editor').locator('tbody tr');
  for (let i = 0; i < 4; i++) {
    const c = scenario.cells[i];
    const point = { cost: c.cost_per_person, conversion: c.conversion_rate * 100, value: c.value_per_conversion };
    for (const [param, v] of Object.entries(point)) {
      for (const end of ['low', 'high']) {
        const input = rows.nth(i).locator(`[data-range=${param}-${end}]`);
        await input.fill(String(v));
        await input.press('Enter');
      }
    }
  }
  await page.waitForFunction(() => {
    const t = (id) => document.querySelector(`[data-testid=${id}]`)?.innerText;
    return t('mc-opt-p10') === t('mc-opt-p90') && t('mc-opt-p50') === t('plan-opt-return');
  });

  await page.getByTestId('scenario-name').fill('一百万');
  await page.getByTestId('save-scenario').click();
  await page.getByTestId('plan-budget').fill('3000000');
  await page.getByTestId('plan-budget').press('Enter');
  await page.getByTestId('scenario-name').fill('三百万');
  await page.getByTestId('save-scenario').click();
  await page.getByTestId('compare-plans').waitFor();
  const cmp = await page.getByTestId('compare-plans').innerText();
  assert.match(cmp, /总预算\s+100万元\s+300万元/);
  assert.equal(await page.getByTestId('saved-plan').count(), 2);
  await screenshot(page, 'planner-zh');

  // Reload: the saved plans and the current plan are still there.
  await page.reload();
  await page.getByTestId('plan-summary').waitFor();
  assert.equal(await page.getByTestId('plan-budget').inputValue(), '3000000');
  assert.equal(await page.getByTestId('saved-plan').count(), 2);
  await page.getByTestId('saved-plan').filter({ hasText: '一百万' }).getByTestId('load-plan').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=plan-budget]').value === '1000000');
  await page.getByTestId('saved-plan').filter({ hasText: '一百万' }).getByTestId('delete-plan').click();
  assert.equal(await page.getByTestId('saved-plan').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('with the demo data the audiences come from the stages, and the panorama opens a stage in the planner', async () => {
  const { page, context, errors } = await openPage(browser, site.url, { locale: 'en-US' });
  await page.getByTestId('load-demo').click();
  await page.getByTestId('summary-customers').waitFor();
  await page.getByTestId('nav-panorama').click();
  const growth = await page.getByTestId('stage-customers-growth').innerText();
  await page.getByTestId('plan-stage-growth').click();
  await page.getByTestId('plan-focus').waitFor();
  assert.match(page.url(), /#\/planner$/);
  await expectText(page, 'plan-source', /Audiences come from the loaded data: 19,913 customers/);
  const row = page.getByTestId('cell-retention-growth');
  assert.equal(await row.locator('[data-field=audience]').inputValue(), growth.replace(/,/g, ''));
  assert.match(await row.getAttribute('class'), /focus/);
  // The charts and the Monte Carlo follow the data's plan, not the one
  // shown before the data arrived.
  const budget = await page.getByTestId('plan-budget').inputValue();
  await page.waitForFunction((b) => document.querySelector('[data-testid=mc-table]')?.dataset.budget === b, budget);
  // The lifecycle plan beats 75% on acquisition on the same budget.
  const base = await summaryNumber(page, 'plan-base-return');
  const opt = await summaryNumber(page, 'plan-opt-return');
  assert.ok(opt > 1.5 * base, `${opt} vs ${base}`);
  const text = await page.locator('main').innerText();
  assert.ok(!/NaN|Infinity|undefined/.test(text));
  assert.equal(await page.getByTestId('chart-response').count(), 10);
  await screenshot(page, 'planner-demo-en');
  // Reset follows the data; a phone does not scroll sideways.
  await page.getByTestId('reset-plan').click();
  await page.setViewportSize({ width: 390, height: 800 });
  await settle(page);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth));
  await screenshot(page, 'planner-phone');
  assert.deepEqual(errors, []);
  await context.close();
});

test('stages with no customers get an audience of 0 and say so; no plan puts more than 3 c N into a cell', async () => {
  for (const locale of ['en-US', 'zh-CN']) {
    const { page, context, errors } = await openPage(browser, site.url, { locale });
    await page.getByTestId('upload-input').setInputFiles(fixture('empty_stages.csv'));
    await page.getByTestId('summary-customers').waitFor();
    await page.getByTestId('nav-planner').click();
    await page.getByTestId('plan-source').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid=plan-source]')?.innerText.match(/30/));
    // Nobody was acquired in the last 12 months and nobody is new or
    // growing: those audiences are 0, never an invented 1 or 10.
    for (const id of ['acquisition-prospect', 'brand-prospect', 'onboarding-new', 'festival-new', 'retention-growth', 'festival-growth']) {
      assert.equal(await page.getByTestId(`cell-${id}`).locator('[data-field=audience]').inputValue(), '0', id);
    }
    assert.equal(await page.getByTestId('cell-empty-note').count(), 6);
    const note = await page.getByTestId('cell-empty-note').first().innerText();
    assert.match(note, locale === 'en-US' ? /has an audience of 0 \(no customers at this stage in the data\), so it gets no spend/ : /受众为 0（数据中这一阶段没有客户），不分配投入/);
    // The headline names its baseline; the rule's money past saturation is moved and said.
    assert.match(await page.getByTestId('plan-summary-title').innerText(), locale === 'en-US' ? /^Baseline \(75% on acquisition \(the usual habit\)\) vs optimised$/ : /^基准方案（75% 投在获客（常见做法））与优化方案$/);
    await page.getByTestId('baseline-saturated').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-plan').click()]);
    const rows = parseCsv(fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, ''));
    assert.equal(rows.length, 10);
    for (const r of rows) {
      const cap = 3 * Number(r.cost_per_person) * Number(r.audience);
      for (const col of ['spend', 'baseline_spend']) {
        assert.ok(Number(r[col]) <= cap + 0.01, `${r.campaign_type}-${r.stage} ${col} ${r[col]} > 3cN ${cap}`);
      }
      if (Number(r.audience) === 0) assert.equal(Number(r.spend) + Number(r.baseline_spend), 0);
    }
    // Zero spend is not a NaN anywhere.
    assert.ok(!/NaN|Infinity|undefined/.test(await page.locator('main').innerText()));
    await screenshot(page, `planner-empty-stages-${locale}`);
    // The prospect pool is its own labelled input, its default explained:
    // nobody acquired in 12 months, so 0; typed, it is every prospect cell's audience.
    assert.equal(await page.getByTestId('prospect-pool').inputValue(), '0');
    await expectText(page, 'prospect-pool-hint', locale === 'en-US' ? /Default: 0 new customers in the last 12 months × 10 = 0/ : /默认值：近 12 个月新客 0 人 × 10 = 0 人/);
    await page.getByTestId('prospect-pool').fill('2000');
    await page.getByTestId('prospect-pool').press('Enter');
    for (const id of ['acquisition-prospect', 'brand-prospect']) {
      await page.waitForFunction((id) => document.querySelector(`[data-testid=cell-${id}] [data-field=audience]`)?.value === '2000', id);
    }
    assert.equal(await page.getByTestId('cell-empty-note').count(), 4);
    // A cost of 0 gets a sentence, not a division by zero.
    const cost = page.getByTestId('cell-retention-growth').locator('[data-field=cost]');
    await cost.fill('0');
    await cost.press('Enter');
    await expectText(page, 'plan-error', locale === 'en-US' ? 'Retention × Growth: the cost per person must be above 0.' : /人均成本必须大于 0/);
    assert.ok(!/NaN|Infinity|undefined/.test(await page.locator('main').innerText()));

    // A call list is ordered by 12-month value, highest first, on the page
    // and in its export. Nobody here is at risk (the default list): the
    // largest segment's list is checked.
    await page.getByTestId('nav-segments').click();
    await page.getByTestId('drill-table').waitFor();
    await settle(page);
    await page.getByTestId(`segment-row-${await largestSegment(page)}`).click();
    await settle(page);
    const [drill] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-drill').click()]);
    const list = parseCsv(fs.readFileSync(await drill.path(), 'utf8').replace(/^\uFEFF/, ''));
    assert.ok(list.length >= 2, `${list.length} on the call list`);
    const clv = list.map((r) => Number(r.clv_365d));
    assert.ok(clv.every((v) => Number.isFinite(v)), `every customer on the list has a value: ${list.map((r) => r.clv_365d)}`);
    for (let i = 1; i < clv.length; i++) assert.ok(clv[i - 1] >= clv[i], `ordered by value: ${clv}`);
    const first = await page.locator('[data-testid=drill-table] tbody tr').first().innerText();
    assert.ok(first.includes(list[0].customer_id), `${first} starts the list on the page`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
