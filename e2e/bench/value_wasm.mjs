// Browser benchmark of the value models (issue #13, DOMAIN §9): the native
// value bench compiled to wasm as the engine is (examples/value_wasm.rs,
// profile release-engine, SIMD, wasm-opt -O3 as Trunk runs it), run in a
// Web Worker of headless Chromium, as the engine runs. Prints, at 20,000 and
// 200,000 synthetic regular visitors (6-month cycle), per model: the visit
// fit with the k the held-out comparison found (from the default start and
// from the held-out optimum, as the engine refits), the Gamma-Gamma spend
// fit, the scoring of every customer, and the engine's whole refit step
// against the target (50 ms at 20,000, 300 ms at 200,000); the held-out
// comparison of all four models (target 2 s, in the background) and the
// first visit with auto.
//
// scripts/bench.sh builds target/bench-wasm/ first; run alone with
//   node e2e/bench/value_wasm.mjs
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, root } from '../harness.mjs';

const dir = path.join(root, 'target', 'bench-wasm');
if (!fs.existsSync(path.join(dir, 'value_wasm_bg.wasm'))) {
  console.error(`no ${dir}/value_wasm_bg.wasm: run scripts/bench.sh (it builds it)`);
  process.exit(1);
}
fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>value bench</title>');
fs.writeFileSync(path.join(dir, 'worker.js'), `
import init, { value_bench } from './value_wasm.js';
self.onmessage = async ({ data }) => {
  try {
    await init();
    self.postMessage({ ok: JSON.parse(value_bench(data.customers, data.runs)) });
  } catch (e) {
    self.postMessage({ error: String(e) });
  }
};
`);

const TARGET = { 20000: 50, 200000: 300 };
const COMPARISON_MS = 2000;
const verdict = (ms, t) => `target ≤ ${t} ms ${ms <= t ? 'PASS' : 'FAIL'}`;
const f1 = (x) => x.toFixed(1).padStart(7);

const site = await serve('/vw/', () => dir);
const browser = await launch();
let failed = false;
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => { console.error(`page error: ${e}`); failed = true; });
  await page.goto(site.url);
  const wasmKb = (fs.statSync(path.join(dir, 'value_wasm_bg.wasm')).size / 1024).toFixed(0);
  console.log(`== Value models in a Web Worker of headless Chromium (${wasmKb} KB of wasm, best of several runs each)`);
  for (const [customers, runs] of [[20000, 5], [200000, 3]]) {
    const out = await page.evaluate(({ customers, runs }) => new Promise((resolve) => {
      const w = new Worker('./worker.js', { type: 'module' });
      w.onmessage = ({ data }) => { w.terminate(); resolve(data); };
      w.onerror = (e) => { w.terminate(); resolve({ error: e.message ?? String(e) }); };
      w.postMessage({ customers, runs });
    }), { customers, runs });
    if (out.error || out.ok?.error) {
      console.log(`  ${customers} customers: ERROR ${out.error ?? out.ok.error}`);
      failed = true;
      continue;
    }
    const r = out.ok;
    console.log(`  ${r.customers} customers (${r.rows} rows, ${r.triples} distinct (x, t_x, T)); histories ${f1(r.histories_ms)} ms, compression ${f1(r.compress_ms)} ms`);
    for (const m of r.models) {
      console.log(`    ${m.model.padEnd(8)} k=${String(m.k).padEnd(2)} fit ${f1(m.fit_ms)} (from the held-out optimum ${f1(m.fit_warm_ms)}, ${m.warm_evaluations} vs ${m.cold_evaluations} evaluations)  spend ${f1(m.spend_ms)}  score ${f1(m.score_ms)}`);
      console.log(`             the engine's refit (histories, compression, warm fit, spend, score) ${f1(m.app_ms)} ms  ${verdict(Math.round(m.app_ms), TARGET[customers])}${m.model === r.auto ? '  (auto)' : ''}; from the default start ${f1(m.fit_score_ms)} ms`);
    }
    const cmp = customers >= 200000 ? `  ${verdict(Math.round(r.comparison_ms), COMPARISON_MS)}` : '';
    console.log(`    comparison of all four models ${f1(r.comparison_ms)} ms${cmp}; auto = ${r.auto}`);
    console.log(`    first visit with auto (histories, comparison, refit of ${r.first_visit_model}, spend, score) ${f1(r.first_visit_auto_ms)} ms`);
  }
} finally {
  await browser.close();
  site.server.close();
}
if (failed) process.exit(1);
