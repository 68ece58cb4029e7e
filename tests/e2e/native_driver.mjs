// Drives the native app (SDL2 + OpenGL 3.3) like a user, with real X input: its own Xvfb screen,
// xdotool for the mouse and keyboard, and the app's read-only state (the page's
// window.lstmState()) from the file `lstm-playground --state-file` rewrites after each frame.
// The helpers mirror ui.mjs, which drives the page the same way through Chromium.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// An X server of its own (-displayfd: it picks a free display and says which).
export async function startX(width = 1280, height = 800) {
  const x = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  let log = '';
  x.stderr.on('data', (d) => { log += d; });
  const display = await new Promise((resolve, reject) => {
    let out = '';
    x.stdio[3].on('data', (d) => { out += d; if (out.includes('\n')) resolve(':' + out.trim()); });
    x.on('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${log}`)));
    setTimeout(() => reject(new Error(`Xvfb did not start: ${log}`)), 20000);
  });
  return { display, stop: () => x.kill() };
}

export class NativeApp {
  // binary: lstm-playground; env: extra environment (XDG_CONFIG_HOME); args: e.g. a link.
  constructor(binary, display, stateFile, env = {}, args = []) {
    this.display = display;
    this.stateFile = stateFile;
    fs.rmSync(stateFile, { force: true });
    this.output = '';
    this.proc = spawn(binary, ['--state-file', stateFile, ...args],
      { env: { ...process.env, DISPLAY: display, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc.stdout.on('data', (d) => { this.output += d; });
    this.proc.stderr.on('data', (d) => { this.output += d; });
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
  }

  state() {
    try { return JSON.parse(fs.readFileSync(this.stateFile, 'utf8')); } catch { return null; }
  }

  // Polls the state until pred(state) holds; returns that state.
  async waitFor(pred, what, timeout = 30000) {
    const end = Date.now() + timeout;
    let exit = null;
    this.exited.then((e) => { exit = e; });
    for (;;) {
      const s = this.state();
      if (s && pred(s)) return s;
      if (exit) throw new Error(`the app exited (${JSON.stringify(exit)}) waiting for ${what}\n${this.output}`);
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await sleep(30);
    }
  }

  nextFrame(count = 1) {
    const f = this.state()?.frames ?? 0;
    return this.waitFor((s) => s.frames >= f + count, `frame ${f + count}`, 20000);
  }

  xdo(...args) {
    execFileSync('xdotool', args.map(String), { env: { ...process.env, DISPLAY: this.display } });
  }

  widget(name) {
    const w = this.state()?.widgets?.[name];
    if (!w) throw new Error(`widget "${name}" is not on screen`);
    return { x: w[0], y: w[1], w: w[2], h: w[3], cx: w[0] + w[2] / 2, cy: w[1] + w[3] / 2 };
  }

  // ImGui reads the mouse and keys once per frame: a frame after each input.
  async move(x, y) { this.xdo('mousemove', Math.round(x), Math.round(y)); await this.nextFrame(); }
  async down() { this.xdo('mousedown', 1); await this.nextFrame(); }
  async up() { this.xdo('mouseup', 1); await this.nextFrame(2); }
  async key(combo) { this.xdo('keydown', combo); await this.nextFrame(2); this.xdo('keyup', combo); await this.nextFrame(); }

  async click(name) {
    const w = this.widget(name);
    await this.move(w.cx, w.cy);
    await this.down();
    await this.up();
  }

  // Ctrl+click turns an ImGui slider into a text field: type, Enter.
  async typeInto(name, text) {
    const w = this.widget(name);
    await this.move(w.x + w.w * 0.3, w.cy);
    this.xdo('keydown', 'ctrl');
    await this.down();
    await this.up();
    this.xdo('keyup', 'ctrl');
    await this.nextFrame();
    await this.key('ctrl+a');
    this.xdo('type', '--delay', 40, text);
    await this.nextFrame();
    await this.key('Return');
    await this.nextFrame(2);
  }

  // Wheels the settings panel until the widget is inside the 800 px window.
  async scrollTo(name) {
    for (let i = 0; i < 20; ++i) {
      const w = this.state().widgets[name];
      if (w && w[1] >= 40 && w[1] + w[3] <= 790) return;
      await this.move(150, 400);
      this.xdo('click', !w || w[1] > 400 ? 5 : 4);
      await this.nextFrame(2);
    }
    throw new Error(`could not scroll "${name}" into view`);
  }

  async menuClick(menu, item) {
    if (!this.state().widgets[item]) await this.click(menu);
    await this.click(item);
  }

  // Draws y = f(x) on the series plot with the pen, one mouse sample per frame.
  async drawCurve(f, x0 = 0, x1 = 199.6, dx = 2) {
    const s = this.state();
    const [rx, ry, rw, rh] = s.widgets.series_plot;
    const [ax0, ax1] = s.series_axes.x, [ay0, ay1] = s.series_axes.y;
    const toPx = (x, y) => [rx + (x - ax0) / (ax1 - ax0) * rw, ry + (1 - (y - ay0) / (ay1 - ay0)) * rh];
    await this.move(...toPx(x0, f(x0)));
    await this.down();
    for (let x = x0 + 1; x <= x1 - 0.1; x += dx) await this.move(...toPx(x, f(x)));
    await this.move(...toPx(x1, f(x1)));
    await this.up();
  }

  // SIGTERM, as a session logout sends it: SDL turns it into a quit, like closing the window.
  async quit(timeout = 20000) {
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), timeout);
    const e = await this.exited;
    clearTimeout(timer);
    return e;
  }
}
