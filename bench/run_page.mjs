// Measures the playground page (not a test): node bench/run_page.mjs  (bash bench/run_page.sh builds
// first). One Chromium, one invocation, every figure:
//   A. headless wasm: bench/page.html's medium workload (the Trainer loop alone, no page), at the
//      start and at the end of the run: the reference the page figures are a percentage of;
//   B. the page (build/web/index.html), medium workload set up and started through the UI, with
//      the Web Worker runner and again with ?worker=0 (the in-frame fallback): idle cost, fps and
//      main-thread ms per frame with the mouse moving (idle vs training), latency from releasing
//      Train to the first loss point, samples/s with the page visible and with another tab in
//      front, and the CPU of Chromium's processes over each window;
//   C. parallel runs without UI: bench/runs.html starts 1, 2, 4 Web Workers (run_worker.js);
//   D. parallel runs in the page: 1, 2, 4 runs through "+ run", then Train.
// Writes bench/RESULTS-page.md. Env: ONLY=A,B,C,D (sections), WIN_S (timed window, s).
//
// Chromium is started here with its normal switches and driven over CDP with Playwright's
// connectOverCDP({noDefaults: true}). Playwright's own launch adds --disable-renderer-backgrounding
// and --disable-background-timer-throttling and turns on focus emulation for every page, which
// keeps a tab in the background "visible" (measured: 60 fps rAF behind another tab). Without them
// a tab behind another is hidden (visibilityState "hidden", no rAF, timers throttled), as in a
// user's browser.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';
import { state, nextFrame, click, typeInto, scrollTo } from '../tests/e2e/ui.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const ONLY = (process.env.ONLY || 'A,B,C,D').split(',');
const WIN_S = Number(process.env.WIN_S || 12);  // timed windows of training
const IDLE_S = 10, MOUSE_S = 8, WARM_S = 3;
const log = (m) => process.stderr.write(`[page-bench] ${m}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const loadStart = os.loadavg();

// The medium workload (bench/run.mjs): 4000 points, look_back 50, LSTM(64), batch 32. The page and
// the workers train the "sine" preset (the page's default data); the headless bench trains "sines"
// (bench/run.mjs). The cost per sample does not depend on the values.
const MEDIUM = { length: 4000, look_back: 50, units: 64, batch: 32 };
const SINES = (t) => 0.6 * Math.sin(2 * Math.PI * t / 37) + 0.3 * Math.sin(2 * Math.PI * t / 11.3) +
                     0.1 * Math.cos(2 * Math.PI * t / 5.1);

// ---- CPU of Chromium's process tree (/proc), by process type, and of the whole machine ----
const TICK = 100;  // USER_HZ
function procTable() {
  const rows = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      rows.set(Number(d), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch { /* gone */ }
  }
  return rows;
}
function processType(pid) {
  try {
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const m = cmd.match(/--type=([a-z-]+)/);
    if (!m) return 'browser';
    if (m[1] === 'gpu-process') return 'gpu';
    return m[1] === 'renderer' ? 'renderer' : 'other';
  } catch { return 'other'; }
}
const types = new Map();  // pid -> type (cached: command lines do not change)
function cpuNow(rootPid) {
  const rows = procTable();
  const kids = new Map();
  for (const [pid, r] of rows) (kids.get(r.ppid) || kids.set(r.ppid, []).get(r.ppid)).push(pid);
  const by = { browser: 0, renderer: 0, gpu: 0, other: 0 };
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop();
    const r = rows.get(pid);
    if (!r) continue;
    if (!types.has(pid)) types.set(pid, processType(pid));
    by[types.get(pid)] += r.ticks / TICK;
    stack.push(...(kids.get(pid) || []));
  }
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const busy = (cpu.reduce((a, b) => a + b, 0) - cpu[3] - cpu[4]) / TICK;  // minus idle, iowait
  const u = process.cpuUsage();
  return { t: performance.now() / 1000, by, busy, node: (u.user + u.system) / 1e6 };
}
// Cores used over [a, b]: chromium by type, chromium total, this node driver, everything else.
function cpuDiff(a, b) {
  const wall = b.t - a.t, out = { wall };
  let total = 0;
  for (const k of Object.keys(a.by)) { out[k] = (b.by[k] - a.by[k]) / wall; total += b.by[k] - a.by[k]; }
  out.chromium = total / wall;
  out.chromium_s = total;
  out.node = (b.node - a.node) / wall;
  out.machine = (b.busy - a.busy) / wall;
  out.others = Math.max(0, out.machine - out.chromium - out.node);
  return out;
}

// ---- Chromium, started with its normal switches ----
async function startChromium() {
  const dir = fs.mkdtempSync('/tmp/lstm-page-bench-');
  const proc = spawn(process.env.CHROMIUM || '/usr/bin/chromium',
    ['--headless', ...CHROMIUM_ARGS, `--user-data-dir=${dir}`, '--remote-debugging-port=0',
     '--window-size=1280,1000', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const ws = await new Promise((resolve, reject) => {
    let buf = '';
    proc.stderr.on('data', (d) => {
      buf += d;
      const m = buf.match(/DevTools listening on (ws:\S+)/);
      if (m) resolve(m[1]);
    });
    proc.once('exit', (c) => reject(new Error(`chromium exited (${c}): ${buf}`)));
    setTimeout(() => reject(new Error(`chromium did not start: ${buf}`)), 30000);
  });
  const browser = await chromium.connectOverCDP({ endpointURL: ws, noDefaults: true });
  const context = browser.contexts()[0];
  const exited = new Promise((r) => proc.once('exit', r));
  const close = async () => {
    await browser.close().catch(() => {});
    if (proc.exitCode === null) proc.kill('SIGTERM');
    await Promise.race([exited, sleep(10000)]);
    // Its children (GPU, renderers, crashpad) end a little later and still write to the profile.
    const alive = () => fs.readdirSync('/proc').some((d) => {
      try { return /^\d+$/.test(d) && fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(dir); } catch { return false; }
    });
    for (let i = 0; i < 50 && alive(); ++i) await sleep(200);
    try {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
    } catch (e) { log(`could not remove ${dir}: ${e.message}`); }
  };
  return { browser, context, pid: proc.pid, close };
}

const server = await serve(root);
const base = server.url;
const chrome = await startChromium();
const version = chrome.browser.version();
const results = { A: [], B: {}, C: [], D: [] };
const errors = [];

async function mainPage(url) {
  const page = chrome.context.pages()[0];
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.bringToFront();
  await page.goto(url);
  return page;
}
function watchErrors(page, label) {
  const on = (m) => errors.push(`${label}: ${m}`);
  const c = (msg) => { if (msg.type() === 'error') on(`console.error: ${msg.text()}`); };
  const e = (err) => on(`pageerror: ${err.message}`);
  page.on('console', c);
  page.on('pageerror', e);
  return () => { page.off('console', c); page.off('pageerror', e); };
}
async function waitForFrames(page, n) {
  await page.waitForFunction((k) => {
    try {
      if (window.lstmState().frames >= k) return true;
      window.Module._lstm_wake?.();
    } catch { /* not started */ }
    return false;
  }, n, { timeout: 60000, polling: 100 });
}

// ---- A. headless wasm (bench/page.html, the Trainer loop on the page's main thread) ----
async function headless(label) {
  const page = await mainPage(base + 'bench/page.html');
  await page.waitForFunction(() => typeof window.benchOurs === 'function' && typeof LstmBench === 'function');
  const w = { name: 'medium', n: MEDIUM.length, look_back: MEDIUM.look_back, layers: 1,
              units: MEDIUM.units, batch: MEDIUM.batch, max_epochs: 1000,
              series: Array.from({ length: MEDIUM.length }, (_, t) => Math.fround(SINES(t))) };
  const c0 = cpuNow(chrome.pid);
  const r = await page.evaluate(([spec, w]) => window.benchOurs(spec, w), [{ warm_s: WARM_S, cap_s: WIN_S }, w]);
  const cpu = cpuDiff(c0, cpuNow(chrome.pid));
  if (r.error) throw new Error(`bench page: ${r.error}`);
  log(`A ${label}: ${r.samples_per_s.toFixed(0)} samples/s over ${r.seconds.toFixed(1)} s`);
  results.A.push({ label, ...r, cpu });
}

// ---- B. the page ----
async function setupMedium(page, extraRuns = 0) {
  await waitForFrames(page, 10);
  await typeInto(page, 'length', String(MEDIUM.length));
  await typeInto(page, 'look_back', String(MEDIUM.look_back));
  await typeInto(page, 'units_1', String(MEDIUM.units));
  await scrollTo(page, 'epochs');
  await typeInto(page, 'epochs', '1000');
  let s = await state(page);
  if (s.config.train.batch !== MEDIUM.batch) {
    await scrollTo(page, 'batch');
    await typeInto(page, 'batch', String(MEDIUM.batch));
  }
  await scrollTo(page, 'length');  // back to the top, as the page opens
  for (let i = 0; i < extraRuns; ++i) await click(page, 'add_run');
  s = await state(page);
  const c = s.config;
  const ok = s.series.length === MEDIUM.length && c.data.look_back === MEDIUM.look_back &&
    c.model.units[0] === MEDIUM.units && c.model.n_layers === 1 && c.train.batch === MEDIUM.batch &&
    c.train.epochs === 1000 && s.runs.length === 1 + extraRuns;
  if (!ok) throw new Error(`the UI setup did not take: ${JSON.stringify({ series: s.series.length, config: c, runs: s.runs.length })}`);
  return s;
}

// Moves the mouse over the series plot (about 100 events/s) until stop() is called.
function moveMouse(page, s) {
  const [x, y, w, h] = s.widgets.series_plot;
  let running = true, i = 0;
  const done = (async () => {
    while (running) {
      const a = i++ * 0.07;
      await page.mouse.move(x + w * (0.5 + 0.4 * Math.cos(a)), y + h * (0.5 + 0.4 * Math.sin(1.3 * a)));
      await sleep(8);
    }
  })();
  return async () => { running = false; await done; };
}

// A timed window on a visible page: frames, samples (all runs), main-thread ms per frame
// (the app's moving average, sampled every 0.5 s), CPU.
async function window_(page, seconds, { mouse = false } = {}) {
  let s = await state(page);
  const stop = mouse ? moveMouse(page, s) : null;
  if (mouse) await sleep(500);
  s = await state(page);
  const sum = (st) => st.runs.reduce((t, r) => t + r.samples, 0);
  const a = { frames: s.frames, samples: sum(s), runs: s.runs.map((r) => r.samples), c: cpuNow(chrome.pid) };
  const cpuMs = [];
  const t0 = Date.now();
  while (Date.now() - t0 < seconds * 1000) {
    await sleep(500);
    const st = await state(page);
    cpuMs.push(st.frame_cpu_ms);
  }
  const e = await state(page);
  const c = cpuDiff(a.c, cpuNow(chrome.pid));
  if (stop) await stop();
  return { fps: (e.frames - a.frames) / c.wall, frames: e.frames - a.frames,
           samples_per_s: (sum(e) - a.samples) / c.wall,
           per_run_s: e.runs.map((r, i) => (r.samples - (a.runs[i] || 0)) / c.wall),
           frame_cpu_ms: cpuMs.reduce((t, v) => t + v, 0) / Math.max(cpuMs.length, 1),
           frame_train_ms: e.frame_train_ms, cpu: c, done: e.progress.done, epoch: e.progress.epoch };
}

// Train pressed (released: ImGui buttons act on release) -> first loss point / first samples
// shown, timed in the page by an animation-frame poller.
async function pressTrain(page) {
  const s = await state(page);
  const [x, y, w, h] = s.widgets.train;
  await page.mouse.move(x + w / 2, y + h / 2);
  await nextFrame(page);
  await page.mouse.down();
  await nextFrame(page);
  await page.evaluate(() => {
    window.__bench = {};
    window.addEventListener('mouseup', () => { window.__bench.up = performance.now(); }, { capture: true, once: true });
    const poll = () => {
      const st = window.lstmState(), b = window.__bench;
      if (b.up != null) {
        if (b.samples == null && st.progress.samples > 0) b.samples = performance.now();
        if (b.loss == null && st.losses.train.length > 0) { b.loss = performance.now(); return; }
      }
      requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  });
  await page.mouse.up();
  await page.waitForFunction(() => window.__bench.loss != null, null, { timeout: 60000, polling: 100 });
  const b = await page.evaluate(() => window.__bench);
  return { first_samples_ms: b.samples - b.up, first_loss_ms: b.loss - b.up };
}

// Another tab in front for `seconds`. The page's progress is read right before and right after
// (once it has drawn a frame again): a hidden page draws no frame, so its state does not advance
// while it is hidden (the worker keeps training; its snapshots wait for the next frame).
async function background(page, seconds) {
  const sum = (st) => st.runs.reduce((t, r) => t + r.samples, 0);
  const other = await chrome.context.newPage();
  await other.goto(base + 'bench/runs.html');
  await page.bringToFront();
  await nextFrame(page, 2);
  const a = await state(page);
  const c0 = cpuNow(chrome.pid);
  await other.bringToFront();
  await sleep(1000);
  const hidden = await page.evaluate(() => [document.visibilityState, window.lstmState().frames,
                                           window.lstmState().runs.reduce((t, r) => t + r.samples, 0)]);
  await sleep(seconds * 1000 - 2000);
  const late = await page.evaluate(() => [window.lstmState().frames, window.lstmState().runs.reduce((t, r) => t + r.samples, 0)]);
  const c1 = cpuNow(chrome.pid);  // CPU while hidden: the last seconds - 1
  await sleep(1000);
  await page.bringToFront();
  const cpu = cpuDiff(c0, cpuNow(chrome.pid));
  await nextFrame(page, 2);
  const b = await state(page);
  const wall = performance.now() / 1000 - c0.t;  // a to b: includes the ~0.3 s of switching tabs
  await other.close();
  return { visibility: hidden[0], samples_per_s: (sum(b) - sum(a)) / wall, wall,
           frames_while_hidden: late[0] - hidden[1], state_samples_advanced_while_hidden: late[1] - hidden[2],
           cpu_hidden: cpuDiff(c0, c1), cpu };
}

async function pageMode(label, query) {
  log(`B ${label}: setting up the medium workload through the UI`);
  const page = await mainPage(base + 'build/web/index.html' + query);
  const unwatch = watchErrors(page, `page ${label}`);
  const r = {};
  const s0 = await setupMedium(page);
  r.runner = s0.runner;
  await sleep(3000);
  const c0 = cpuNow(chrome.pid), f0 = (await state(page)).frames;
  await sleep(IDLE_S * 1000);
  const idleCpu = cpuDiff(c0, cpuNow(chrome.pid));
  r.idle = { cpu: idleCpu, frames: (await state(page)).frames - f0 };
  log(`B ${label}: idle ${r.idle.frames} frames, chromium ${idleCpu.chromium_s.toFixed(2)} CPU s in ${idleCpu.wall.toFixed(1)} s`);
  r.idle_mouse = await window_(page, MOUSE_S, { mouse: true });
  log(`B ${label}: idle + mouse ${r.idle_mouse.fps.toFixed(1)} fps, ${r.idle_mouse.frame_cpu_ms.toFixed(2)} ms/frame`);
  r.latency = await pressTrain(page);
  log(`B ${label}: Train -> first loss ${r.latency.first_loss_ms.toFixed(0)} ms`);
  await sleep(WARM_S * 1000);
  r.visible = await window_(page, WIN_S);
  log(`B ${label}: visible ${r.visible.samples_per_s.toFixed(0)} samples/s, ${r.visible.fps.toFixed(1)} fps`);
  r.train_mouse = await window_(page, MOUSE_S, { mouse: true });
  log(`B ${label}: training + mouse ${r.train_mouse.fps.toFixed(1)} fps, ${r.train_mouse.frame_cpu_ms.toFixed(2)} ms/frame, ${r.train_mouse.samples_per_s.toFixed(0)} samples/s`);
  r.background = await background(page, WIN_S);
  log(`B ${label}: background (${r.background.visibility}) ${r.background.samples_per_s.toFixed(0)} samples/s`);
  r.final = await state(page);
  r.final = { epoch: r.final.progress.epoch, done: r.final.progress.done, runner: r.final.runner,
              fallback_note: r.final.fallback_note };
  unwatch();
  results.B[label] = r;
}

// ---- C. parallel Web Workers, no UI ----
async function parallelWorkers(n) {
  const page = await mainPage(base + 'bench/runs.html');
  const unwatch = watchErrors(page, `runs.html ${n}`);
  const c0 = cpuNow(chrome.pid);
  const r = await page.evaluate(([n, o]) => window.benchRuns(n, o), [n, {
    worker_url: '/build/web/run_worker.js', ...MEDIUM, epochs: 100000, warm_s: WARM_S, cap_s: WIN_S }]);
  r.cpu = cpuDiff(c0, cpuNow(chrome.pid));
  unwatch();
  log(`C ${n} workers: ${r.samples_per_s.toFixed(0)} samples/s total`);
  results.C.push(r);
}

// ---- D. parallel runs in the page ----
async function parallelPage(n) {
  const page = await mainPage(base + 'build/web/index.html');
  const unwatch = watchErrors(page, `page ${n} runs`);
  await setupMedium(page, n - 1);
  await click(page, 'train');
  await page.waitForFunction((k) => {
    const st = window.lstmState();
    return st.runs.length === k && st.runs.every((r) => r.phase === 'training' && r.samples > 0);
  }, n, { timeout: 60000, polling: 100 });
  await sleep(WARM_S * 1000);
  const r = await window_(page, WIN_S);
  r.runs = n;
  unwatch();
  log(`D ${n} runs: ${r.samples_per_s.toFixed(0)} samples/s total, ${r.fps.toFixed(1)} fps`);
  results.D.push(r);
}

const t0 = Date.now();
try {
  if (ONLY.includes('A')) await headless('start');
  if (ONLY.includes('B')) {
    await pageMode('worker', '');
    await pageMode('in-frame (?worker=0)', '?worker=0');
  }
  if (ONLY.includes('C')) for (const n of [1, 2, 4]) await parallelWorkers(n);
  if (ONLY.includes('D')) for (const n of [1, 2, 4]) await parallelPage(n);
  if (ONLY.includes('A')) await headless('end');
} finally {
  await chrome.close();
  await server.close();
}
const loadEnd = os.loadavg();

// ---- the report ----
const f0 = (v) => (v == null || !Number.isFinite(v) ? '—' : Math.round(v).toLocaleString('en-US'));
const f1 = (v) => (v == null || !Number.isFinite(v) ? '—' : v.toFixed(1));
const f2 = (v) => (v == null || !Number.isFinite(v) ? '—' : v.toFixed(2));
const hl = results.A.length ? results.A.reduce((t, r) => t + r.samples_per_s, 0) / results.A.length : NaN;
const pct = (v) => (Number.isFinite(hl) && Number.isFinite(v) ? `${(100 * v / hl).toFixed(0)} %` : '—');
const cores = (c) => `${f2(c.chromium)} (R ${f2(c.renderer)} / G ${f2(c.gpu)} / B ${f2(c.browser)} / o ${f2(c.other)})`;
const lines = [];
lines.push(`Headless wasm reference (bench/page.html medium, Trainer loop only, no val split): ` +
  results.A.map((r) => `${r.label} ${f0(r.samples_per_s)}`).join(', ') + ` samples/s; mean ${f0(hl)} = 100 %.`);
lines.push('');
lines.push('CPU columns are cores busy over the window (CPU s / wall s): Chromium total (R renderer incl. its workers / G GPU process, SwiftShader / B browser / o other Chromium); "others" = the rest of the machine (other jobs; not this script). Frame rates are SwiftShader software WebGL on the same 2 cores.');
lines.push('');
const modes = Object.keys(results.B);
if (modes.length) {
  lines.push(`| medium workload, page | ${modes.join(' | ')} |`);
  lines.push(`|---|${modes.map(() => '---:').join('|')}|`);
  const row = (name, fn) => lines.push(`| ${name} | ${modes.map((m) => fn(results.B[m])).join(' | ')} |`);
  row('runner (lstmState().runner)', (r) => r.runner);
  row('samples/s, page visible (% of headless)', (r) => `${f0(r.visible.samples_per_s)} (${pct(r.visible.samples_per_s)})`);
  row('Chromium CPU, visible training, cores', (r) => cores(r.visible.cpu));
  row('fps, visible training, no input', (r) => f1(r.visible.fps));
  row('samples/s, another tab in front (% of headless)', (r) => `${f0(r.background.samples_per_s)} (${pct(r.background.samples_per_s)})`);
  row('background tab: visibilityState / frames drawn while hidden', (r) => `${r.background.visibility} / ${r.background.frames_while_hidden}`);
  row('background tab: lstmState() samples advanced while hidden', (r) => f0(r.background.state_samples_advanced_while_hidden));
  row('Chromium CPU, background tab, cores', (r) => cores(r.background.cpu_hidden));
  row('fps with the mouse moving: idle', (r) => f1(r.idle_mouse.fps));
  row('fps with the mouse moving: training', (r) => f1(r.train_mouse.fps));
  row('main-thread ms/frame (frame_cpu_ms): idle + mouse', (r) => f2(r.idle_mouse.frame_cpu_ms));
  row('main-thread ms/frame (frame_cpu_ms): training + mouse', (r) => f2(r.train_mouse.frame_cpu_ms));
  row('of which in-frame training (frame_train_ms), training + mouse', (r) => f2(r.train_mouse.frame_train_ms));
  row('samples/s, training + mouse (% of headless)', (r) => `${f0(r.train_mouse.samples_per_s)} (${pct(r.train_mouse.samples_per_s)})`);
  row('Chromium CPU, training + mouse, cores', (r) => cores(r.train_mouse.cpu));
  row('Chromium CPU, idle + mouse, cores', (r) => cores(r.idle_mouse.cpu));
  row('Train released → first samples on screen, ms', (r) => f0(r.latency.first_samples_ms));
  row('Train released → first loss point (losses.train.length > 0), ms', (r) => f0(r.latency.first_loss_ms));
  row(`idle page, no input: Chromium CPU s over ${IDLE_S} s (frames drawn)`, (r) => `${f2(r.idle.cpu.chromium_s)} (${r.idle.frames})`);
  row('idle page: cores by process', (r) => cores(r.idle.cpu));
  row('other load on the machine during visible training, cores', (r) => f2(r.visible.cpu.others));
  lines.push('');
}
if (results.C.length || results.D.length) {
  const c1 = results.C[0]?.samples_per_s, d1 = results.D[0]?.samples_per_s;
  lines.push('| parallel runs, medium workload | total samples/s (% of headless) | × one run | per run | Chromium CPU, cores | fps | others, cores |');
  lines.push('|---|---:|---:|---|---|---:|---:|');
  for (const r of results.C) {
    lines.push(`| ${r.workers} Web Worker${r.workers > 1 ? 's' : ''}, bench/runs.html (no UI) | ${f0(r.samples_per_s)} (${pct(r.samples_per_s)}) | ${f2(r.samples_per_s / c1)}× | ${r.per_worker.map((p) => f0(p.samples_per_s)).join(', ')} | ${cores(r.cpu)} | — | ${f2(r.cpu.others)} |`);
  }
  for (const r of results.D) {
    lines.push(`| ${r.runs} run${r.runs > 1 ? 's' : ''}, the page ("+ run", Train) | ${f0(r.samples_per_s)} (${pct(r.samples_per_s)}) | ${f2(r.samples_per_s / d1)}× | ${r.per_run_s.map(f0).join(', ')} | ${cores(r.cpu)} | ${f1(r.fps)} | ${f2(r.cpu.others)} |`);
  }
  lines.push('');
}
for (const r of results.A) lines.push(`Headless ${r.label}: ${f0(r.samples) } samples in ${f1(r.seconds)} s, Chromium ${cores(r.cpu)} cores, others ${f2(r.cpu.others)}.`);
const table = lines.join('\n');
const others = [...results.A.map((r) => r.cpu), ...results.C.map((r) => r.cpu), ...results.D.map((r) => r.cpu),
  ...Object.values(results.B).flatMap((r) => [r.idle.cpu, r.idle_mouse.cpu, r.visible.cpu, r.train_mouse.cpu,
                                               r.background.cpu_hidden])].map((c) => c.others);
const othersMean = others.reduce((t, v) => t + v, 0) / Math.max(others.length, 1);
const othersMax = Math.max(0, ...others);
const cpuModel = (execFileSync('lscpu', { encoding: 'utf8' }).match(/Model name:\s*(.*)/) || [])[1] || os.cpus()[0].model;
let commit = '';
try {
  commit = execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['-C', root, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim();
  if (dirty) commit += ` + uncommitted edits (${dirty.split('\n').length} files)`;
} catch { /* not a checkout */ }
const md = `# Page benchmark results

Written by \`bash bench/run_page.sh\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC in ${((Date.now() - t0) / 60000).toFixed(1)} min: ${cpuModel}, ${os.cpus().length} cores, no GPU; ${version}, headless, WebGL2 through SwiftShader (software: the GPU process's rendering shares the same cores as training). Build: ${commit}.
Load average (1/5/15 min): ${loadStart.map((v) => v.toFixed(2)).join(' / ')} at the start, ${loadEnd.map((v) => v.toFixed(2)).join(' / ')} at the end (this run's own Chromium keeps about 2 cores busy, so the load average counts it too). Other processes on the machine, measured from /proc/stat over the ${others.length} timed windows: ${f2(othersMean)} cores on average, ${f2(othersMax)} at most${othersMean > 0.2 ? ': other work shared the 2 cores, the figures are low and noisy' : ''}.

Workload: medium (4000 points, look_back 50, LSTM(64), batch 32, Adam). The page: set up through the UI (length, look_back, units, epochs 1000), val split 0.2, predictions refreshed while training; the workers: the same config from \`lstm_worker_bench_setup\`. Timed windows: ${WIN_S} s after ${WARM_S} s of warm-up (mouse windows ${MOUSE_S} s, idle ${IDLE_S} s). Samples/s in the page = Σ lstmState().runs[i].samples over wall time. Background tab: a second tab (bench/runs.html, idle) brought to front in the same window; the page's progress is read just before and just after (a hidden page draws no frame).

${table}
${errors.length ? `\nPage errors:\n${errors.map((e) => `- ${e}`).join('\n')}\n` : ''}`;
console.log(table);
if (errors.length) console.log(`\npage errors:\n${errors.join('\n')}`);
const out = path.join(here, 'RESULTS-page.md');
const KEEP = '<!-- notes: kept by bench/run_page.mjs -->';
const old = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
fs.writeFileSync(out, md + (old.includes(KEEP) ? '\n' + old.slice(old.indexOf(KEEP)) : ''));
fs.writeFileSync(path.join(os.tmpdir(), 'lstm-page-bench.json'), JSON.stringify(results, null, 1));
log(`wrote ${out} (raw figures: ${path.join(os.tmpdir(), 'lstm-page-bench.json')})`);
