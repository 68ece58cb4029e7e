// A tiny static file server for the web build on loopback (wasm cannot load from file://).
// Used by scripts/play.sh and by the browser tests.  node scripts/static_server.mjs DIR [PORT]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png',
  '.csv': 'text/csv', '.css': 'text/css',
};

// Serves `root` on 127.0.0.1 (port 0 = any free port). Resolves to { url, close }.
export async function serve(root, port = 0) {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.join(base, rel.endsWith('/') ? rel + 'index.html' : rel);
    if (!file.startsWith(base) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404); res.end('not found'); return;
    }
    res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream',
                         'Cache-Control': 'no-store' });
    fs.createReadStream(file).pipe(res);
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
