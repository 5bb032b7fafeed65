// Trunk post_build hook (Trunk.toml): finishes index.html and writes sw.js
// in Trunk's staging directory.
// 1. The Content-Security-Policy in index.html gets the sha256 of every
//    inline <script> Trunk wrote (its module loader), in place of
//    {{INLINE_SCRIPT_HASHES}}: no other inline script can run.
// 2. sw.js lists every built file and carries a version derived from their
//    contents, so a new build replaces the old cache.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const staging = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!staging) throw new Error('post-build: TRUNK_STAGING_DIR is not set');

const indexPath = path.join(staging, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map((m) => `'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
if (!html.includes('{{INLINE_SCRIPT_HASHES}}')) throw new Error('post-build: index.html has no {{INLINE_SCRIPT_HASHES}}');
html = html.replace('{{INLINE_SCRIPT_HASHES}}', hashes.join(' '));
fs.writeFileSync(indexPath, html);

const files = fs.readdirSync(staging, { recursive: true })
  .filter((f) => fs.statSync(path.join(staging, f)).isFile() && f !== 'sw.js')
  .map((f) => f.split(path.sep).join('/'))
  .sort();
const digest = crypto.createHash('sha256');
for (const f of files) digest.update(f).update(fs.readFileSync(path.join(staging, f)));
const version = digest.digest('hex').slice(0, 16);
const sw = fs.readFileSync(path.join(root, 'web', 'sw.template.js'), 'utf8')
  .replace('__VERSION__', version)
  .replace('__ASSETS__', JSON.stringify(files.map((f) => `./${f}`)));
fs.writeFileSync(path.join(staging, 'sw.js'), sw);
console.log(`post-build: ${hashes.length} inline script hash(es) in the CSP; sw.js v${version} caches ${files.length} files`);
