// Native smoke test: the SDL2 + OpenGL 3.3 build opens a window under Xvfb, renders 30 frames
// of the same UI as the page, and leaves a screenshot with real (non-uniform) pixels.
// node tests/e2e/native_smoke.mjs <lstm-playground binary> <screenshot.png>
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodePng, distinctColors } from './png.mjs';

const [binary, shot] = process.argv.slice(2);
fs.rmSync(shot, { force: true });
// A config folder of its own: no saved session of the user's is read or written.
const config = fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-native-smoke-'));
const run = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1280x800x24', binary, '--frames', '30', '--screenshot', shot],
  { encoding: 'utf8', timeout: 90000, env: { ...process.env, XDG_CONFIG_HOME: config } });
fs.rmSync(config, { recursive: true, force: true });
if (run.status !== 0) {
  console.log(`FAIL: exit status ${run.status}\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
}
if (!fs.existsSync(shot)) { console.log('FAIL: no screenshot written'); process.exit(1); }
const img = decodePng(fs.readFileSync(shot));
const colors = distinctColors(img);
console.log(`screenshot ${shot}: ${img.width}x${img.height}, ${colors} distinct colours`);
if (colors < 8) { console.log('FAIL: the window looks blank'); process.exit(1); }
console.log('PASS native_app_smoke');
