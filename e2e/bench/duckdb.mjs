// See duckdb.html. The page's state is in <html data-duck="loading|ready|
// running|done|error">; the figures are in window.__duckRuns (read by the
// benchmark through Playwright, never printed by the page).
import * as duckdb from '@duckdb/duckdb-wasm';

const root = document.documentElement;
root.dataset.duck = 'loading';
const dist = new URL('/nm/@duckdb/duckdb-wasm/dist/', location.href).href;
const bundles = {
  mvp: { mainModule: dist + 'duckdb-mvp.wasm', mainWorker: dist + 'duckdb-browser-mvp.worker.js' },
  eh: { mainModule: dist + 'duckdb-eh.wasm', mainWorker: dist + 'duckdb-browser-eh.worker.js' },
};

// The same question Panorama's import answers per customer: visit days,
// money, first and last visit; columns typed as Panorama reads them.
const SQL = (name) => `
  SELECT "客户编号" AS customer,
         count(DISTINCT "到店日期") AS visit_days,
         sum("消费金额(元)") AS amount,
         min("到店日期") AS first_visit,
         max("到店日期") AS last_visit
  FROM read_csv('${name}', header = true, dateformat = '%Y/%m/%d',
                types = {'到店日期': 'DATE', '消费金额(元)': 'DECIMAL(18,2)'})
  GROUP BY 1`;

try {
  const bundle = await duckdb.selectBundle(bundles);
  const worker = new Worker(bundle.mainWorker);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  const conn = await db.connect();
  await conn.query('SELECT 1');
  window.__duck = {
    bundle: bundle.mainModule.replace(/.*duckdb-(\w+)\.wasm$/, '$1'),
    version: await db.getVersion(),
  };
  window.__duckRuns = [];
  // 'handle': registerFileHandle(File) — DuckDB's worker reads the File
  // itself, as Panorama's worker does. 'buffer': the page reads the bytes
  // (file.arrayBuffer(), inside the timing) and registerFileBuffer hands
  // them over.
  window.__duckMode = 'handle';
  let n = 0;
  const input = document.querySelector('[data-testid=duck-input]');
  input.addEventListener('change', async () => {
    const file = input.files[0];
    if (!file) return;
    const mode = window.__duckMode;
    const t0 = performance.now();
    root.dataset.duck = 'running';
    const name = `visits_${++n}.csv`;
    try {
      if (mode === 'buffer') {
        await db.registerFileBuffer(name, new Uint8Array(await file.arrayBuffer()));
      } else {
        await db.registerFileHandle(name, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
      }
      const table = await conn.query(SQL(name));
      const ms = performance.now() - t0;
      let visits = 0;
      const col = table.getChild('visit_days');
      for (let i = 0; i < table.numRows; i++) visits += Number(col.get(i));
      window.__duckRuns.push({ mode, ms, customers: table.numRows, visitDays: visits });
      await db.dropFile(name);
      root.dataset.duck = 'done';
    } catch (e) {
      window.__duckError = String(e?.stack ?? e);
      root.dataset.duck = 'error';
    }
    input.value = ''; // the next file set, even the same one, is a change
  });
  root.dataset.duck = 'ready';
} catch (e) {
  window.__duckError = String(e?.stack ?? e);
  root.dataset.duck = 'error';
}
