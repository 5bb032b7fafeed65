// Browser benchmark of the release build with ~1,000,000 rows, all in one
// headless Chromium (run through scripts/bench.sh; the file is made by
// `cargo bench --bench import`):
//
// 1. Import time of target/bench-data/visits_1m.csv in Panorama versus
//    DuckDB-WASM's read_csv + GROUP BY customer on the same file, each run
//    RUNS times on a fresh page, each run printed with the medians.
//    Both clocks start at the file input's 'change' event, when the File is
//    in the page (set by Playwright on an <input type=file> in both pages),
//    and both programs then read that File in their own worker:
//    - Panorama: the clock stops when `summary-rows-read` shows the row count
//      in its data-value (the longest-task window runs on to settle).
//    - DuckDB-WASM ('handle'): registerFileHandle(File) then the query; the
//      clock stops when the result table is in the page. Also timed
//      ('buffer'): file.arrayBuffer() on the page + registerFileBuffer + the
//      query. The ratio is taken against the faster of the two medians.
//    Loading each program (its wasm, its worker) is before the clock, and
//    each page is then idle for IDLE_MS (2 s) before the file is picked.
// 2. The longest main-thread task (PerformanceObserver 'longtask', buffered;
//    only tasks ≥ 50 ms are reported, so 0 means none) during the import,
//    each view switch and each settings change with the rows loaded. An
//    action's window runs from just before it until settle(page) returns and
//    the view's READY element is present (on the Planner, settle again after
//    the 150 ms pause the view waits for before charts and Monte Carlo).
// 3. Click → numbers per view: from the nav link's click event to the first
//    moment <html data-engine="idle"> and the view's READY element is
//    present, first visit and revisit.
// 4. Both wasm sizes, raw and gzip -9.
// Targets are printed beside the figures with PASS/FAIL. The raw figures go
// to target/bench-data/browser_1m.json as well.
//
// Environment: PANORAMA_DIST (default dist/), BENCH_RUNS (default 3);
// BENCH_CSV and BENCH_ROWS (its data rows) to try another file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { launch, settle, root, dist as defaultDist } from '../harness.mjs';
import { serveBench } from './server.mjs';

const DIST = path.resolve(process.env.PANORAMA_DIST ?? defaultDist);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const dataDir = path.join(root, 'target', 'bench-data');
const file = process.env.BENCH_CSV ?? path.join(dataDir, 'visits_1m.csv');
const rows = Number(process.env.BENCH_ROWS ?? fs.readFileSync(path.join(dataDir, 'visits_1m.rows'), 'utf8').trim());
const mb = fs.statSync(file).size / 1e6;

const READY = {
  data: 'summary-customers', segments: 'seg-total', panorama: 'stage-customers-growth',
  value: 'value-model', campaigns: 'verdict', planner: 'plan-opt-return', report: 'report-source',
};
const TOUR = ['segments', 'panorama', 'value', 'campaigns', 'planner', 'report', 'data'];
const TARGET = { ratio: 0.5, longtaskMs: 50, clickMs: 1000, pageWasmGz: 600_000 };
// Both programs are loaded, then left idle this long before the file is
// picked, as a user looks at the page first (the engine uses the time to
// have the browser compile its import code to the fast tier).
const IDLE_MS = 2000;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => (x == null ? 'n/a' : `${Math.round(x)} ms`);
const verdict = (ok) => (ok ? 'PASS' : 'FAIL');

/** In every Panorama page, before its scripts: the long-task log and a watch. */
function benchInit() {
  const B = { tasks: [], startAt: null, readyAt: null, trace: [] };
  window.__bench = B;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {
    B.noLongtask = String(e);
  }
  /** The longest task overlapping [t0, t1] (page clock), 0 if none ≥ 50 ms. */
  B.longest = (t0, t1) => B.tasks.filter(([s, d]) => s < t1 && s + d > t0).reduce((m, [, d]) => Math.max(m, d), 0);
  /**
   * Arms a watch: the first of `events` anywhere (capture phase) starts the
   * clock; from then on a check every 4 ms notes when the `ready` element
   * (with data-value `value`, if given) and, if `idle`, <html
   * data-engine="idle"> last became true, until `B.stop()`: a view may show
   * idle for a moment before it asks the engine (a debounced setting), so
   * the clock stops at the last such moment before settle returned.
   * Returns the page clock now.
   */
  B.arm = ({ events, ready, value = null, idle = true }) => {
    B.stop?.();
    B.startAt = null;
    B.readyAt = null;
    let timer = null;
    let stopped = false;
    const check = () => {
      const el = document.querySelector(`[data-testid="${ready}"]`);
      const ok = !!el && (value == null || el.getAttribute('data-value') === value)
        && (!idle || document.documentElement.dataset.engine === 'idle');
      if (!ok) B.readyAt = null;
      else if (B.readyAt == null) B.readyAt = performance.now();
      if (ok !== B.trace.at(-1)?.[1]) B.trace.push([Math.round(performance.now() - B.startAt), ok]);
      if (!stopped) timer = setTimeout(check, 4);
    };
    const on = () => {
      if (B.startAt != null) return;
      B.startAt = performance.now();
      B.trace = [];
      for (const t of events) document.removeEventListener(t, on, true);
      timer = setTimeout(check, 0);
    };
    B.stop = () => {
      stopped = true;
      clearTimeout(timer);
      for (const t of events) document.removeEventListener(t, on, true);
      if (B.startAt != null) check(); // a last look, in case the final turn was missed
    };
    for (const t of events) document.addEventListener(t, on, true);
    return performance.now();
  };
}

const site = await serveBench(() => DIST);
const browser = await launch();
const errors = [];
const result = { rows, mb, runs: RUNS, ours: [], duck: { handle: [], buffer: [] }, actions: [], clicks: {}, sizes: {} };

/** A fresh Panorama page whose engine worker has loaded its wasm. */
async function panoramaPage() {
  // Service workers blocked: the offline precache would fetch in the background.
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`panorama: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`panorama: ${e}`));
  await page.addInitScript(benchInit);
  await page.goto(site.url);
  await page.getByTestId('nav-data').waitFor();
  const deadline = Date.now() + 60_000;
  while (page.workers().length === 0 && Date.now() < deadline) await page.waitForTimeout(20);
  for (const w of page.workers()) await w.evaluate(() => (typeof wasm_bindgen === 'function' ? wasm_bindgen().then(() => true) : false));
  await settle(page);
  await page.waitForTimeout(IDLE_MS);
  return { context, page };
}

/** Runs `action`, waits for the view (READY + settle) and returns the figures. */
async function measure(page, { label, events, ready, value = null, idle = true, action, pause = 0, timeout = 60_000 }) {
  const t0 = await page.evaluate((o) => window.__bench.arm(o), { events, ready, value, idle });
  const out = { label };
  try {
    await action();
    await page.getByTestId(ready).first().waitFor({ timeout });
    if (value != null) {
      await page.waitForFunction(([id, v]) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-value') === v,
        [ready, value], { timeout, polling: 50 });
    }
    await settle(page, { timeout });
    if (pause) {
      await page.waitForTimeout(pause);
      await settle(page, { timeout });
    }
  } catch (e) {
    out.error = String(e.message ?? e).split('\n')[0];
  }
  const t1 = await page.evaluate(() => { window.__bench.stop(); return performance.now(); });
  await page.waitForTimeout(100); // long-task entries arrive a little after their task
  Object.assign(out, await page.evaluate(([t0, t1]) => {
    const B = window.__bench;
    return {
      startAt: B.startAt, readyAt: B.readyAt,
      ms: B.startAt != null && B.readyAt != null ? B.readyAt - B.startAt : null,
      window: t1 - t0, longest: B.longest(t0, t1), noLongtask: B.noLongtask,
      trace: B.trace, // [ms after the event, ready] at each change of the watched state
    };
  }, [t0, t1]));
  return out;
}

async function oursImport(run) {
  const { context, page } = await panoramaPage();
  const m = await measure(page, {
    label: 'import', events: ['input', 'change'], ready: 'summary-rows-read', value: String(rows), idle: false, timeout: 600_000,
    action: () => page.getByTestId('upload-input').setInputFiles(file),
  });
  const customers = Number(await page.getByTestId('summary-customers').getAttribute('data-value').catch(() => NaN));
  const r = { run, ms: m.ms, longest: m.longest, customers, error: m.error };
  result.ours.push(r);
  result.actions.push({ ...m, label: `import run ${run} (upload → rows read → settle)` });
  console.log(`  Panorama run ${run}: ${ms(m.ms)} (${customers} customers), longest main-thread task ${ms(m.longest)}` + (m.error ? `, ERROR ${m.error}` : ''));
  return { context, page, m };
}

async function duckRun(run, mode) {
  const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`duckdb page: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`duckdb page: ${e}`));
  try {
    await page.goto(site.duckdb);
    await page.waitForFunction(() => ['ready', 'error'].includes(document.documentElement.dataset.duck), null, { timeout: 120_000, polling: 50 });
    const info = await page.evaluate(() => ({ ...window.__duck, error: window.__duckError }));
    if (info.error) throw new Error(info.error);
    result.duck.info = info;
    await page.waitForTimeout(IDLE_MS);
    await page.evaluate((m) => { window.__duckMode = m; }, mode);
    await page.getByTestId('duck-input').setInputFiles(file);
    await page.waitForFunction(() => window.__duckRuns.length > 0 || window.__duckError, null, { timeout: 600_000, polling: 50 });
    const [r, err] = await page.evaluate(() => [window.__duckRuns[0], window.__duckError]);
    if (err) throw new Error(err);
    result.duck[mode].push({ run, ...r });
    console.log(`  DuckDB-WASM (${info.bundle} bundle, ${info.version}) ${mode} run ${run}: ${ms(r.ms)} (${r.customers} customers, ${r.visitDays} visit days)`);
  } catch (e) {
    errors.push(`duckdb ${mode} run ${run}: ${String(e.message ?? e).split('\n')[0]}`);
    console.log(`  DuckDB-WASM ${mode} run ${run}: ERROR ${String(e.message ?? e).split('\n')[0]}`);
  } finally {
    await context.close();
  }
}

let loaded;
try {
  const load = () => os.loadavg()[0].toFixed(1);
  console.log(`== ${os.cpus().length} CPUs, load average ${load()} at the start (other work on the machine skews every figure)`);
  console.log(`== Import of ${path.basename(file)} (${rows} rows, ${mb.toFixed(1)} MB) in headless Chromium, ${RUNS} runs each, fresh page per run`);
  for (let run = 1; run <= RUNS; run++) {
    await duckRun(run, 'handle');
    await duckRun(run, 'buffer');
    const p = await oursImport(run);
    if (run < RUNS) await p.context.close(); else loaded = p;
  }

  // 2 and 3 on the page that imported last (1M rows loaded).
  const { page } = loaded;
  console.log('== Views with the rows loaded (click → READY element and engine idle)');
  for (const pass of ['first', 'revisit']) {
    for (const view of TOUR) {
      const m = await measure(page, {
        label: `view → ${view} (${pass === 'first' && view !== 'data' ? 'first visit' : 'revisit'})`,
        events: ['click'], ready: READY[view],
        action: () => page.getByTestId(`nav-${view}`).click(),
        pause: view === 'planner' ? 250 : 0,
      });
      result.actions.push(m);
      const kind = pass === 'first' && view !== 'data' ? 'first' : 'revisit';
      ((result.clicks[view] ??= {})[kind] ??= []).push(m.ms);
      console.log(`  ${m.label}: numbers after ${ms(m.ms)} (settled within ${ms(m.window)}), longest task ${ms(m.longest)}` +
        (m.error ? `, ERROR ${m.error}` : ''));
    }
  }

  console.log('== Settings changes with the rows loaded');
  const settingsStep = async (label, ready, events, action, pause = 0) => {
    const m = await measure(page, { label, events, ready, action, pause });
    result.actions.push(m);
    console.log(`  ${label}: engine idle with the view after ${ms(m.ms)}, settled within ${ms(m.window)}, longest task ${ms(m.longest)}` +
      (m.error ? `, ERROR ${m.error}` : ''));
  };
  const fillChange = (id, v) => async () => {
    await page.getByTestId(id).fill(v);
    await page.getByTestId(id).dispatchEvent('change');
  };
  await page.getByTestId('nav-segments').click();
  await page.getByTestId(READY.segments).waitFor();
  await settle(page);
  await page.locator('[data-testid=segment-settings] summary').click();
  await settingsStep('segments: scoring mode → business thresholds', READY.segments, ['change'],
    () => page.getByTestId('scoring-mode').selectOption('business'));
  await settingsStep('segments: green-max → 100', READY.segments, ['change'], fillChange('green-max', '100'));
  await settingsStep('segments: dormant-days → 90', READY.segments, ['change'], fillChange('dormant-days', '90'));
  await settingsStep('segments: scoring mode → quantiles', READY.segments, ['change'],
    () => page.getByTestId('scoring-mode').selectOption('quantile'));
  const segMs = await page.getByTestId('seg-total').getAttribute('data-ms');

  await page.getByTestId('nav-campaigns').click();
  await page.getByTestId(READY.campaigns).waitFor();
  await settle(page);
  const [a, b] = [await page.getByTestId('pick-a').inputValue(), await page.getByTestId('pick-b').inputValue()];
  const options = await page.getByTestId('pick-b').locator('option').evaluateAll((os) => os.map((o) => o.value));
  const other = options.find((o) => o !== a && o !== b);
  if (other) {
    await settingsStep(`campaigns: B picker → another campaign`, READY.campaigns, ['change'],
      () => page.getByTestId('pick-b').selectOption(other));
  } else {
    console.log(`  campaigns: only ${options.length} campaigns, B picker not changed`);
  }

  await page.getByTestId('nav-planner').click();
  await page.getByTestId(READY.planner).waitFor();
  await settle(page);
  await settingsStep('planner: budget slider dragged (12 moves, one a frame)', READY.planner, ['input'], () => page.evaluate(async () => {
    const s = document.querySelector('[data-testid=plan-budget-slider]');
    const step = Number(s.step) || 1;
    const max = Number(s.max);
    let v = Math.min(Number(s.value), max - 12 * step);
    for (let k = 0; k < 12; k++) {
      v = Math.max(0, v + step);
      s.value = String(v);
      s.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    }
  }), 250);
  const budget = Number(await page.getByTestId('plan-budget').inputValue());
  await settingsStep('planner: budget typed (fill)', READY.planner, ['input'],
    () => page.getByTestId('plan-budget').fill(String(Math.round(budget * 0.8 / 10_000) * 10_000)), 250);
  result.segMs = segMs;
} finally {
  await browser.close();
  site.server.close();
}

// 4: sizes.
for (const f of fs.readdirSync(DIST).filter((f) => f.endsWith('_bg.wasm'))) {
  const full = path.join(DIST, f);
  let gz;
  try {
    gz = execFileSync('gzip', ['-9', '-c', full], { maxBuffer: 1 << 30 }).length;
  } catch {
    gz = zlib.gzipSync(fs.readFileSync(full), { level: 9 }).length; // no gzip(1): zlib, within ~1.5%
  }
  result.sizes[f] = { raw: fs.statSync(full).size, gz };
}

// Summary with targets.
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const oursMs = result.ours.map((r) => r.ms).filter((x) => x != null);
const duckMed = Object.fromEntries(['handle', 'buffer'].map((m) => [m, result.duck[m].length ? median(result.duck[m].map((r) => r.ms)) : null]));
const bestDuck = Math.min(...Object.values(duckMed).filter((x) => x != null));
const oursMed = oursMs.length ? median(oursMs) : null;
const ratio = oursMed != null && Number.isFinite(bestDuck) ? oursMed / bestDuck : null;
console.log(`\n== Summary (headless Chromium, one browser; load average ${os.loadavg()[0].toFixed(1)} at the end on ${os.cpus().length} CPUs)`);
console.log(`import ${rows} rows / ${mb.toFixed(1)} MB: Panorama runs ${oursMs.map(ms).join(', ')}; median ${ms(oursMed)}`);
for (const m of ['handle', 'buffer']) {
  console.log(`  DuckDB-WASM ${result.duck.info?.bundle ?? '?'} ${result.duck.info?.version ?? ''} read_csv + GROUP BY (${m}): runs ${result.duck[m].map((r) => ms(r.ms)).join(', ')}; median ${ms(duckMed[m])}`);
}
console.log(`  ours / DuckDB-WASM (faster median) = ${ratio == null ? 'n/a' : ratio.toFixed(2)}  target ≤ ${TARGET.ratio}  ${verdict(ratio != null && ratio <= TARGET.ratio)}` +
  (ratio != null && ratio > TARGET.ratio ? ` (need ≤ ${ms(TARGET.ratio * bestDuck)}, ${(ratio / TARGET.ratio).toFixed(1)}× too slow)` : ''));
console.log(`longest main-thread task per action (target: none over ${TARGET.longtaskMs} ms):`);
for (const a of result.actions) {
  console.log(`  ${a.label.padEnd(58)} ${ms(a.longest).padStart(8)}  ${verdict(a.longest <= TARGET.longtaskMs && !a.error)}${a.error ? ` (${a.error})` : ''}`);
}
const worst = Math.max(...result.actions.map((a) => a.longest));
console.log(`  worst ${ms(worst)}  ${verdict(worst <= TARGET.longtaskMs)}`);
console.log(`click → numbers per view (target ≤ ${TARGET.clickMs} ms):`);
let clicksOk = true;
for (const v of TOUR) {
  const c = result.clicks[v] ?? {};
  const all = [...(c.first ?? []), ...(c.revisit ?? [])];
  const ok = all.length > 0 && all.every((x) => x != null && x <= TARGET.clickMs);
  clicksOk &&= ok;
  const list = (xs) => (xs ?? [null]).map(ms).join(', ');
  console.log(`  ${v.padEnd(10)} first ${list(c.first).padStart(8)}  revisit ${list(c.revisit).padStart(8)}  ${verdict(ok)}`);
}
console.log(`  all views ${verdict(clicksOk)}`);
console.log('wasm sizes:');
for (const [f, s] of Object.entries(result.sizes)) {
  const page = !f.startsWith('engine');
  console.log(`  ${f.padEnd(36)} raw ${kb(s.raw).padStart(10)}  gzip -9 ${kb(s.gz).padStart(9)}` +
    (page ? `  target ≤ ${kb(TARGET.pageWasmGz)} gzipped (page, first load)  ${verdict(s.gz <= TARGET.pageWasmGz)}` : '  (engine worker)'));
}
if (result.segMs) console.log(`segmentation in the engine (seg-total data-ms) after the last settings change: ${result.segMs} ms`);
console.log(errors.length ? `console errors: ${errors.join(' | ')}` : 'console errors: none');
result.errors = errors;
fs.writeFileSync(path.join(dataDir, 'browser_1m.json'), JSON.stringify(result, null, 2));
