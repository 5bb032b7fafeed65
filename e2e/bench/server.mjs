// The benchmarks' HTTP server: one loopback origin serving the release
// build under /panorama/ (as harness.serve does), the DuckDB-WASM bench page
// (e2e/bench/duckdb.html) under /bench/, and the few npm packages that page
// loads under /nm/. DuckDB-WASM is a dev dependency only: it is served
// from node_modules and never copied into dist/.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { root } from '../harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json',
};
const nm = path.join(root, 'node_modules');
/** URL prefix → directory; only these npm packages are reachable under /nm/. */
const MOUNTS = [
  ['/bench/', () => here],
  ['/nm/@duckdb/duckdb-wasm/', () => path.join(nm, '@duckdb', 'duckdb-wasm')],
  ['/nm/apache-arrow/', () => path.join(nm, 'apache-arrow')],
  ['/nm/flatbuffers/', () => path.join(nm, 'flatbuffers')],
  ['/nm/tslib/', () => path.join(nm, 'tslib')],
];

/** Serves `distDir()` under /panorama/ and the DuckDB page under /bench/. */
export function serveBench(distDir) {
  const mounts = [['/panorama/', distDir], ...MOUNTS];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const mount = mounts.find(([prefix]) => url.pathname.startsWith(prefix));
    if (!mount) { res.writeHead(404).end('not found'); return; }
    const dir = mount[1]();
    const rel = decodeURIComponent(url.pathname.slice(mount[0].length)) || 'index.html';
    const file = path.join(dir, path.normalize(rel));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      resolve({ server, origin, url: `${origin}/panorama/`, duckdb: `${origin}/bench/duckdb.html` });
    });
  });
}
