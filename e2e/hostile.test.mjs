// Hostile input in the browser (issue 16), where the user meets it: ids
// that begin like a formula or hold HTML show as text and leave every
// export quoted; a zip bomb and a huge scenario file are refused with a
// sentence that gives the limit, without freezing the page and without
// losing what was loaded; storage that is full or blocked says so and
// loses nothing in memory. (The same limits are tested natively in
// tests/limits.rs and tests/export_injection.rs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import zlib from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, openPage, screenshot, summaryNumber, settle, expectText, fixture, largestSegment } from './harness.mjs';

let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.server.close(); });

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];
const isFormula = (cell) => TRIGGERS.some((t) => cell.replace(/^[ \n]+/, '').startsWith(t));
// The HTML id would set window.__xss if the page ever ran it as markup.
const HTML_ID = '<img src=x onerror="window.__xss=1">';
const HOSTILE = ['=HYPERLINK("http://x","open")', '+SUM(1,2)', '-1+2', '@SUM(1)', '=1+2', HTML_ID];

/** RFC 4180 records (quoted fields may hold commas, quotes and newlines). */
function csvRecords(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  text = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** The named part of a zip, inflated (read through its central directory). */
function zipPart(buf, name) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  let p = buf.readUInt32LE(eocd + 16);
  const entries = buf.readUInt16LE(eocd + 10);
  for (let i = 0; i < entries; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    const entry = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    if (entry === name) {
      const start = offset + 30 + buf.readUInt16LE(offset + 26) + buf.readUInt16LE(offset + 28);
      const data = buf.subarray(start, start + size);
      return method === 0 ? data : zlib.inflateRawSync(data);
    }
    p += 46 + nameLen + extra + comment;
  }
  throw new Error(`${name} not in the zip`);
}

const xmlText = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

async function download(page, testid) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return fs.readFileSync(await d.path());
}

/** Checks a CSV export: no cell of a text column begins like a formula, and
 * every hostile value of `column` is there with its `'`. */
function checkCsv(bytes, column, textColumns) {
  const [head, ...rows] = csvRecords(bytes.toString('utf8')).filter((r) => r.length > 1);
  const at = (c) => head.indexOf(c);
  for (const c of textColumns) assert.ok(at(c) >= 0, `${c} in ${head}`);
  for (const r of rows) {
    for (const c of textColumns) assert.ok(!isFormula(r[at(c)]), `${c}: ${JSON.stringify(r[at(c)])}`);
  }
  const values = rows.map((r) => r[at(column)]);
  for (const h of HOSTILE) {
    const want = h === HTML_ID ? h : `'${h}`;
    assert.ok(values.includes(want), `${JSON.stringify(want)} in ${JSON.stringify(values)}`);
  }
  return { head, rows };
}

test('hostile ids show as text on the page and come out quoted in every export', async () => {
  const { page, context, errors } = await openPage(browser, site.url, { locale: 'en-US' });
  // Each customer: two visits, the same dates and amounts (one segment),
  // its own hostile campaign and store.
  const q = (s) => `"${s.replace(/"/g, '""')}"`;
  const lines = ['customer_id,date,amount,campaign,store'];
  for (const id of HOSTILE) {
    for (const date of ['2024-01-05', '2024-03-10']) lines.push([id, date, '-120.00', id, id].map(q).join(','));
  }
  const file = { name: 'hostile.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') };
  await page.getByTestId('upload-input').setInputFiles(file);
  assert.equal(await summaryNumber(page, 'summary-customers'), HOSTILE.length);

  await page.getByTestId('nav-segments').click();
  await expectText(page, 'seg-total', String(HOSTILE.length));
  // Every customer is in one segment: list it.
  await page.getByTestId(`segment-row-${await largestSegment(page)}`).click();
  await expectText(page, 'drill-count', String(HOSTILE.length));
  const table = await page.getByTestId('drill-table').innerText();
  for (const h of HOSTILE) assert.ok(table.includes(h), `${h} shown as text in the list`);
  assert.equal(await page.locator('main img').count(), 0, 'the HTML id made no element');
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'and ran nothing');
  await screenshot(page, 'hostile-ids-en');

  const customerText = ['customer_id', 'segment', 'stage', 'warning', 'tier'];
  const all = checkCsv(await download(page, 'export-customers'), 'customer_id', customerText);
  const monetary = all.head.indexOf('monetary');
  assert.ok(all.rows.every((r) => r[monetary] === '-240.00'), 'a refund stays a number');
  checkCsv(await download(page, 'export-drill'), 'customer_id', customerText);
  for (const testid of ['export-customers-xlsx', 'export-drill-xlsx']) {
    const book = await download(page, testid);
    const strings = [...zipPart(book, 'xl/sharedStrings.xml').toString('utf8').matchAll(/<t[^>]*>([^<]*)<\/t>/g)]
      .map((m) => xmlText(m[1]));
    assert.ok(strings.every((s) => !isFormula(s)), `${testid}: ${JSON.stringify(strings.filter(isFormula))}`);
    for (const h of HOSTILE) assert.ok(strings.includes(h === HTML_ID ? h : `'${h}`), `${testid}: ${h}`);
  }

  await page.getByTestId('nav-campaigns').click();
  await settle(page);
  checkCsv(await download(page, 'export-campaigns'), 'campaign', ['campaign']);
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(errors, []);
  await context.close();
});

// ------------------------------------------------------------ zip bomb

/** Raw DEFLATE (one fixed-Huffman block): `chunk`, then `matches` copies of
 * 258 bytes at distance chunk.length, as tests/limits.rs builds it. */
function deflateRepeated(chunk, matches) {
  const out = new Uint8Array(Math.ceil((3 + 8 * chunk.length + 17 * matches + 7) / 8) + 1);
  let bit = 0;
  const put = (v, bits) => {
    for (let i = 0; i < bits; i++, bit++) if ((v >>> i) & 1) out[bit >>> 3] |= 1 << (bit & 7);
  };
  const rev = (v, bits) => { let r = 0; for (let i = 0; i < bits; i++) r |= ((v >>> i) & 1) << (bits - 1 - i); return r; };
  put(1, 1); // the last block
  put(1, 2); // fixed Huffman codes
  for (const byte of chunk) { assert.ok(byte < 144); put(rev(0x30 + byte, 8), 8); }
  // Length 258 (symbol 285), distance chunk.length (code 11: base 49, 4 extra bits).
  assert.ok(chunk.length >= 49 && chunk.length < 65);
  const one = rev(0xc5, 8) | (rev(11, 5) << 8) | ((chunk.length - 49) << 13);
  for (let i = 0; i < matches; i++) put(one, 17);
  put(0, 7); // end of block
  return Buffer.from(out.subarray(0, Math.ceil(bit / 8)));
}

function crc32(buf) {
  let crc = ~0;
  for (const b of buf) { crc ^= b; for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1)); }
  return ~crc >>> 0;
}

/** A zip written byte by byte: [name, method, crc, declared size, data]. */
function zipByHand(parts) {
  const local = [], central = [];
  let offset = 0;
  for (const [name, method, crc, size, data] of parts) {
    const n = Buffer.from(name);
    const common = Buffer.alloc(26);
    common.writeUInt16LE(20, 0); common.writeUInt16LE(0, 2); common.writeUInt16LE(method, 4);
    common.writeUInt32LE(0, 6); common.writeUInt32LE(crc, 10); common.writeUInt32LE(data.length, 14);
    common.writeUInt32LE(size, 18); common.writeUInt16LE(n.length, 22); common.writeUInt16LE(0, 24);
    const sig = (v) => { const b = Buffer.alloc(4); b.writeUInt32LE(v); return b; };
    local.push(sig(0x04034b50), common, n, data);
    const tail = Buffer.alloc(14); // comment, disk, attributes, then the offset
    tail.writeUInt32LE(offset, 10);
    const madeBy = Buffer.alloc(2); madeBy.writeUInt16LE(20);
    central.push(sig(0x02014b50), madeBy, common, tail, n);
    offset += 30 + n.length + data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(parts.length, 8); end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, dir, end]);
}

const FRAME = [
  ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'],
  ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'],
  ['xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Visits" sheetId="1" r:id="rId1"/></sheets></workbook>'],
  ['xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'],
];
const ROW = Buffer.from('<row><c t="inlineStr"><is><t>bomb</t></is></c></row>');

/** An .xlsx of about 12 MB whose sheet inflates to `inflated` bytes of
 * rows, declaring that size, or `declared` (a lie). */
function bomb(inflated, declared) {
  const matches = Math.floor((inflated - ROW.length) / 258);
  const parts = FRAME.map(([name, text]) => { const b = Buffer.from(text); return [name, 0, crc32(b), b.length, b]; });
  parts.push(['xl/worksheets/sheet1.xml', 8, 0, declared ?? ROW.length + 258 * matches, deflateRepeated(ROW, matches)]);
  return zipByHand(parts);
}

test('a zip bomb is refused with the limit, and the demo data stays loaded', async () => {
  const { page, context, errors } = await openPage(browser, site.url, { locale: 'en-US' });
  await page.getByTestId('load-demo').click();
  const customers = await summaryNumber(page, 'summary-customers');
  assert.ok(customers > 100);
  for (const [name, declared] of [['bomb-lying.xlsx', 100_000], ['bomb.xlsx', null]]) {
    const file = { name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bomb(1_500_000_000, declared) };
    await page.getByTestId('upload-input').setInputFiles(file);
    // Declared sizes past the limit are refused at once; a lie about them
    // stops the inflating at the size declared, and the sheet is unreadable.
    const why = declared ? /workbook is damaged: a part of it unpacks to more than the size it declares/ : /unpacks to more than 1,000 MB.*customer summary/;
    await expectText(page, 'file-error', why, { timeout: 60_000 });
    assert.equal(await summaryNumber(page, 'summary-customers'), customers, `${name}: the demo is kept`);
  }
  await screenshot(page, 'hostile-bomb-en');
  await page.getByTestId('lang-switch').click();
  await expectText(page, 'file-error', /解压后超过.*客户汇总/);
  assert.deepEqual(errors, []);
  await context.close();
});

// ------------------------------------------------------- scenario files

test('a huge scenario file is refused without a long task, and the plan stays', async () => {
  const { page, context, errors } = await openPage(browser, site.url, { locale: 'en-US' });
  await page.getByTestId('load-demo').click();
  await page.getByTestId('summary-customers').waitFor();
  await page.getByTestId('nav-planner').click();
  await page.getByTestId('plan-opt-return').waitFor();
  await settle(page);
  const before = await page.getByTestId('plan-cells').innerText();
  // 200,000 cells of absurd figures: about 37 MB.
  const big = '1.7976931348623157e308';
  const cell = `{"campaign_type":"retention","stage":"growth","audience":${big},"cost_per_person":${big},"conversion_rate":${big},"value_per_conversion":${big},"min_spend":0,"max_spend":null}`;
  const json = `{"budget":1e308,"cells":[${Array(200_000).fill(cell).join(',')}]}`;
  assert.ok(json.length > 35e6);
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask' });
  });
  // From a file on disk, as a user picks it: a buffer would be built into
  // a File by script on the page's main thread, and that is Playwright's
  // time, not the app's.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-'));
  const huge = path.join(dir, 'huge.json');
  fs.writeFileSync(huge, json);
  await page.getByTestId('import-scenario').setInputFiles(huge);
  fs.rmSync(dir, { recursive: true });
  await expectText(page, 'import-error', /huge\.json: The scenario file is 4\d MB; a scenario file holds at most 1 MB.*The current plan is unchanged/);
  await settle(page);
  const longest = await page.evaluate(() => window.__longest);
  console.log(`# a ${(json.length / 1e6).toFixed(0)} MB scenario refused; longest main-thread task ${longest} ms (0: none of 50 ms or more)`);
  assert.ok(longest <= 200, `longest main-thread task ${longest} ms`);
  assert.equal(await page.getByTestId('plan-cells').innerText(), before, 'the plan is unchanged');

  // Small but wrong: the same cell twice, and a figure out of range.
  const small = JSON.parse(fs.readFileSync(fixture('scenario_small.json'), 'utf8'));
  small.cells.push(small.cells[0]);
  await page.getByTestId('import-scenario').setInputFiles({ name: 'twice.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(small)) });
  await expectText(page, 'import-error', /twice\.json/);
  small.cells.pop();
  small.cells[0].audience = 1e308;
  await page.getByTestId('import-scenario').setInputFiles({ name: 'absurd.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(small)) });
  await expectText(page, 'import-error', /absurd\.json/);
  assert.equal(await page.getByTestId('plan-cells').innerText(), before, 'still unchanged');
  await screenshot(page, 'hostile-scenario-en');
  assert.deepEqual(errors, []);
  await context.close();
});

// -------------------------------------------------------------- storage

for (const [how, script] of [
  ['full', () => {
    Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  }],
  ['blocked', () => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('Access is denied for this document.', 'SecurityError'); } });
  }],
]) {
  test(`storage ${how}: the page says so and keeps what is loaded`, async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 900 } });
    await context.addInitScript(script);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(site.url);
    await page.getByTestId('load-demo').click();
    const customers = await summaryNumber(page, 'summary-customers');
    // Switching the language saves it: the save fails, the page says so.
    await page.getByTestId('lang-switch').click();
    await expectText(page, 'storage-warning', /没有保存您的设置/);
    await page.getByTestId('lang-switch').click();
    await expectText(page, 'storage-warning', /did not keep your settings.*export the scenario file/);
    assert.equal(await summaryNumber(page, 'summary-customers'), customers, 'the data is still loaded');
    await page.getByTestId('nav-segments').click();
    await page.getByTestId('seg-total').waitFor();
    await screenshot(page, `hostile-storage-${how}-en`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
