// Shared pieces of the browser end-to-end tests: a loopback static server for the web build,
// Debian's Chromium driven through playwright-core, and strict console/page error capture.
import fs from 'node:fs';
import { chromium } from 'playwright-core';
export { serve } from '../../scripts/static_server.mjs';

// Flags verified on these machines (TOOLCHAIN.md): SwiftShader WebGL2, no background networking.
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
];

// options: more playwright context options, e.g. { hasTouch: true }.
export async function launch(options = {}) {
  const userDataDir = fs.mkdtempSync('/tmp/lstm-e2e-profile-');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 }, ...options,
  });
  const close = async () => { await context.close(); fs.rmSync(userDataDir, { recursive: true, force: true }); };
  return { context, close, userDataDir };
}

// Opens a page that records every console error and uncaught page error.
export async function openPage(context, url) {
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`); });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  await page.goto(url);
  return { page, errors };
}

// Waits until the wasm app has drawn at least `frames` frames; returns its state. The app stops
// drawing while nothing changes (web/platform/main_loop.h): the wait wakes it.
export async function waitForFrames(page, frames = 10, timeout = 60000) {
  await page.waitForFunction((n) => {
    try {
      if (window.lstmState().frames >= n) return true;
      window.Module._lstm_wake();
    } catch { /* not started yet */ }
    return false;
  }, frames, { timeout, polling: 100 });
  return page.evaluate(() => window.lstmState());
}

export function check(cond, message) {
  if (!cond) throw new Error(message);
}
