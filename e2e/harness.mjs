// Shared harness for the browser tests: serves dist/ on a loopback port,
// launches Debian's Chromium through playwright-core, and records every
// request and console error so each test can assert none went wrong.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..');
export const dist = path.join(root, 'dist');
export const fixture = (name) => path.join(root, 'tests', 'data', name);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
};

/**
 * Serves dist/ under `prefix` (a sub-path, as a static host might).
 * `from()` names the directory to serve, per request (to swap builds).
 */
export function serve(prefix = '/panorama/', from = () => dist) {
  const server = http.createServer((req, res) => {
    const dist = from();
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html';
    const file = path.join(dist, path.normalize(rel));
    if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ server, origin: `http://127.0.0.1:${port}`, url: `http://127.0.0.1:${port}${prefix}` });
    });
  });
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic',
    ],
  });
}

/**
 * A new page in its own context, recording requests and errors.
 * Returns { page, context, requests, errors }.
 */
export async function openPage(browser, url, { locale = 'zh-CN', viewport = { width: 1366, height: 900 } } = {}) {
  const context = await browser.newContext({ locale, viewport, acceptDownloads: true });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  // Keep the wasm instance reachable for measurements (memory size).
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail?.wasm; });
  });
  await page.goto(url);
  await page.getByTestId('nav-data').waitFor();
  return { page, context, requests, errors };
}

/** Requests that went anywhere but the page's own origin. */
export function foreign(requests, origin) {
  return requests.filter((u) => !(u.startsWith(origin) || u.startsWith('data:') || u.startsWith('blob:')));
}

/** The integer a summary cell holds, from its data-value attribute. */
export async function summaryNumber(page, testid) {
  const el = page.getByTestId(testid);
  await el.waitFor();
  return Number(await el.getAttribute('data-value'));
}

/** The id of the segment with the most customers on the Segments view. */
export async function largestSegment(page) {
  const counts = await page.locator('[data-testid^=segment-count-]').evaluateAll((els) =>
    els.map((e) => [e.dataset.testid.replace('segment-count-', ''), Number(e.textContent.replace(/\D/g, ''))]));
  return counts.sort((a, b) => b[1] - a[1])[0][0];
}

export async function screenshot(page, name) {
  const dir = path.join(root, 'e2e', 'out');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/**
 * Waits until the element's text is `expected` (a number is compared with
 * its thousands separators removed; a RegExp must match) and returns the
 * text. A view fills in when the engine answers, so a test waits for the
 * state it expects instead of reading at once; a timeout fails with the
 * last text seen.
 */
export async function expectText(page, testid, expected, { timeout = 30_000 } = {}) {
  const el = page.getByTestId(testid);
  const ok = (t) => (expected instanceof RegExp ? expected.test(t)
    : typeof expected === 'number' ? Number(t.replace(/,/g, '')) === expected : t === expected);
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await el.innerText({ timeout: Math.max(1, deadline - Date.now()) }).catch(() => last);
    if (last !== undefined && ok(last)) return last;
    if (Date.now() > deadline) break;
    await page.waitForTimeout(25);
  }
  throw new Error(`${testid}: expected ${expected}, saw ${JSON.stringify(last)}`);
}

/** Waits until the engine has answered every question the page asked. */
export async function settle(page, { timeout = 60_000 } = {}) {
  // A change's questions are sent from the view's effects, which run in
  // microtasks: after one macrotask turn they are all on their way.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
  await page.waitForFunction(() => document.documentElement.dataset.engine === 'idle', null, { timeout, polling: 25 });
}
