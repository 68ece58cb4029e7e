// The deployable static bundle: copies every file the page fetches from a web build into OUT with
// a content hash in its name, writes their map into OUT/index.html (window.lstmAssets, read by
// window.lstmAssetUrl), and puts precompressed .gz and .br copies beside them. Every URL stays
// relative, so the bundle runs from any sub-path. Prints the sizes (raw, gzip, brotli).
// Usage: node scripts/dist.mjs <web build dir> <out dir>   (scripts/dist.sh builds first)
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// What the page can fetch besides index.html: the app, the training worker and its module
// (index.html, web/platform/worker_runner.cpp, run_worker.js), and any lazily loaded font.
const KNOWN = ['lstm-playground.js', 'lstm-playground.wasm', 'run_worker.js', 'lstm-worker.js',
  'lstm-worker.wasm'];
const LAZY_DIRS = ['fonts'];
const COMPRESSIBLE = new Set(['.html', '.js', '.wasm', '.ttf', '.otf', '.json', '.css', '.svg', '.csv']);
const MAP_MARKER = 'window.lstmAssets = {};';

function fail(message) {
  console.error(`dist: ${message}`);
  process.exit(1);
}

function listAssets(buildDir) {
  const names = [];
  for (const name of KNOWN) {
    if (!fs.existsSync(path.join(buildDir, name))) fail(`${name} is missing in ${buildDir}: build the web tree first (scripts/build.sh web).`);
    names.push(name);
  }
  for (const dir of LAZY_DIRS) {
    const full = path.join(buildDir, dir);
    if (!fs.existsSync(full)) continue;
    for (const entry of fs.readdirSync(full, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) names.push(path.relative(buildDir, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join('/'));
    }
  }
  return names.sort();
}

// "fonts/Noto.ttf" -> "fonts/Noto.<10 hex of sha256>.ttf"
function hashedName(name, bytes) {
  const hash = crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 10);
  const ext = path.posix.extname(name);
  return `${name.slice(0, name.length - ext.length)}.${hash}${ext}`;
}

function run(command, args) {
  const r = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.error || r.status !== 0) fail(`${command} ${args.join(' ')} failed: ${r.error?.message || r.stderr}`);
}

const hasCommand = (name) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

// Writes file.gz (zopfli when installed, else gzip -9) and file.br (brotli -q 11) beside file.
function precompress(file) {
  if (hasCommand('zopfli')) run('zopfli', ['--gzip', file]);
  else run('sh', ['-c', 'gzip -9 -n -c -- "$1" > "$1.gz"', 'sh', file]);
  run('brotli', ['-q', '11', '-f', '-k', '-o', `${file}.br`, file]);
}

// An earlier bundle (or nothing) may be replaced; any other directory is refused.
function checkReplaceable(out) {
  if (!fs.existsSync(out)) return;
  const entries = fs.readdirSync(out);
  const index = path.join(out, 'index.html');
  if (entries.length && !(fs.existsSync(index) && fs.readFileSync(index, 'utf8').includes('window.lstmAssets')))
    fail(`${out} exists and is not an earlier bundle: choose another directory.`);
}

export function makeBundle(buildDir, outDir) {
  const out = path.resolve(outDir);
  const page = fs.readFileSync(path.join(buildDir, 'index.html'), 'utf8');
  if (page.split(MAP_MARKER).length !== 2) fail(`index.html must contain "${MAP_MARKER}" exactly once.`);
  checkReplaceable(out);
  const tmp = `${out}.tmp-${process.pid}`;  // beside out: the final rename stays on one file system
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  const map = {};
  const files = [];
  for (const name of listAssets(buildDir)) {
    const bytes = fs.readFileSync(path.join(buildDir, name));
    const hashed = hashedName(name, bytes);
    map[name] = hashed;
    fs.mkdirSync(path.dirname(path.join(tmp, hashed)), { recursive: true });
    fs.writeFileSync(path.join(tmp, hashed), bytes);
    files.push(hashed);
  }
  // JSON of relative names only; "</" cannot occur in them, so it is safe inside <script>.
  fs.writeFileSync(path.join(tmp, 'index.html'), page.replace(MAP_MARKER, `window.lstmAssets = ${JSON.stringify(map)};`));
  files.unshift('index.html');
  for (const f of files) if (COMPRESSIBLE.has(path.extname(f))) precompress(path.join(tmp, f));
  fs.rmSync(out, { recursive: true, force: true });
  fs.renameSync(tmp, out);
  return { map, sizes: sizes(out, files) };
}

function sizes(out, files) {
  const size = (f) => (fs.existsSync(f) ? fs.statSync(f).size : null);
  return files.map((f) => {
    const raw = size(path.join(out, f));
    return { file: f, raw, gzip: size(path.join(out, f + '.gz')) ?? raw, brotli: size(path.join(out, f + '.br')) ?? raw };
  });
}

export function sizeTable(rows) {
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
    { raw: 0, gzip: 0, brotli: 0 });
  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`.padStart(12);
  const width = Math.max(5, ...rows.map((r) => r.file.length));
  const line = (name, r) => `${name.padEnd(width)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`;
  return [`${'file'.padEnd(width)} ${'raw'.padStart(12)} ${'gzip'.padStart(12)} ${'brotli'.padStart(12)}`,
    ...rows.map((r) => line(r.file, r)), line('total', total)].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [buildDir, out] = process.argv.slice(2);
  if (!buildDir || !out) fail('usage: node scripts/dist.mjs <web build dir> <out dir>');
  if (!hasCommand('brotli')) fail('the brotli command is missing: apt-get install brotli (scripts/setup.sh does).');
  const { sizes: rows } = makeBundle(path.resolve(buildDir), path.resolve(out));
  console.log(`The bundle is in ${out} (content-hashed names, relative URLs, .gz and .br beside each file):`);
  console.log(sizeTable(rows));
}
