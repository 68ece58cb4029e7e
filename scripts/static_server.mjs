// A tiny static file server for the web build or the bundle on loopback (wasm cannot load from
// file://). .wasm goes out as application/wasm; a precompressed file.br / file.gz beside a file
// (scripts/dist.sh writes them) is sent with Content-Encoding when the client accepts it.
// Used by scripts/play.sh and by the browser tests.  node scripts/static_server.mjs DIR [PORT]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png',
  '.csv': 'text/csv', '.css': 'text/css', '.ttf': 'font/ttf', '.otf': 'font/otf', '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
};
const ENCODINGS = [['br', '.br'], ['gzip', '.gz']];  // preferred first

// The precompressed copy of `file` the client accepts, if one exists: [encoding, path] or null.
function precompressed(file, acceptEncoding = '') {
  const accepted = acceptEncoding.split(',').map((s) => s.trim().split(';'))
    .filter(([, q]) => !q || !/^q=0(\.0*)?$/.test(q.trim())).map(([name]) => name.trim());
  for (const [encoding, ext] of ENCODINGS)
    if (accepted.includes(encoding) && fs.existsSync(file + ext)) return [encoding, file + ext];
  return null;
}

// Serves `root` on 127.0.0.1 (port 0 = any free port). Resolves to { url, close }.
// onRequest({ path, status, encoding }) is called for every request (tests log them).
export async function serve(root, port = 0, { onRequest = () => {} } = {}) {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url, 'http://x').pathname;
    const reply = (status, headers, file = null, encoding = null) => {
      onRequest({ path: pathname, status, encoding });
      res.writeHead(status, headers);
      if (file) fs.createReadStream(file).pipe(res);
      else res.end(status === 404 ? 'not found' : '');
    };
    let rel;
    try { rel = decodeURIComponent(pathname); } catch { reply(404, {}); return; }
    const file = path.join(base, rel.endsWith('/') ? rel + 'index.html' : rel);
    if (!file.startsWith(base) || !fs.existsSync(file)) { reply(404, {}); return; }
    if (fs.statSync(file).isDirectory()) {  // a sub-path without its slash: relative URLs need it
      if (fs.existsSync(path.join(file, 'index.html'))) reply(301, { Location: pathname + '/' });
      else reply(404, {});
      return;
    }
    const headers = { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream',
                      'Cache-Control': 'no-store', Vary: 'Accept-Encoding' };
    const pre = precompressed(file, req.headers['accept-encoding']);
    if (pre) reply(200, { ...headers, 'Content-Encoding': pre[0] }, pre[1], pre[0]);
    else reply(200, headers, file);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}/`;
  return { url, close: () => new Promise((r) => server.close(r)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = 'build/web', port = '8080'] = process.argv.slice(2);
  try {
    const { url } = await serve(dir, Number(port));
    console.log(`LSTM Playground is served at ${url}  (Ctrl+C to stop)`);
  } catch (err) {
    console.error(`cannot serve on 127.0.0.1:${port}: ${err.message}. Set PORT to a free port.`);
    process.exit(1);
  }
}
