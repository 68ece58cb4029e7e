// Not a test: CPU the page burns while nobody touches it and nothing trains. Over N seconds after
// the page settled it reports the frames drawn, main-thread task time (CDP Performance.getMetrics
// TaskDuration) and CPU time of all Chromium processes of the run (/proc: renderer, the GPU
// process where SwiftShader draws, browser).   node tests/e2e/measure_idle.mjs <web build dir> [seconds]
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPage, waitForFrames } from './harness.mjs';
import { state } from './ui.mjs';

const buildDir = path.resolve(process.argv[2] || 'build/web');
const seconds = Number(process.argv[3] || 10);
const TICK = 100;  // USER_HZ on Linux

// CPU seconds (user + system) of every process whose command line names this run's profile.
function chromiumCpuSeconds(profileDir) {
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(profileDir)) continue;
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);  // utime, stime (fields 14 and 15 of stat)
    } catch { /* the process ended */ }
  }
  return ticks / TICK;
}

const server = await serve(buildDir);
const browser = await launch();
try {
  const { page, errors } = await openPage(browser.context, server.url + 'index.html');
  await waitForFrames(page, 30);
  await page.waitForTimeout(3000);  // the first forecast and any hover settle
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const sample = async () => ({
    frames: (await state(page)).frames,
    task: (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value,
    cpu: chromiumCpuSeconds(browser.userDataDir),
    t: Date.now(),
  });
  const a = await sample();
  await page.waitForTimeout(seconds * 1000);
  const b = await sample();
  const wall = (b.t - a.t) / 1000;
  const pct = (s) => `${(100 * s / wall).toFixed(1)} % of a core`;
  console.log(`idle ${wall.toFixed(1)} s: ${b.frames - a.frames} frames, main-thread tasks ` +
    `${(b.task - a.task).toFixed(2)} s (${pct(b.task - a.task)}), all Chromium processes ` +
    `${(b.cpu - a.cpu).toFixed(2)} s CPU (${pct(b.cpu - a.cpu)})`);
  if (errors.length) console.log(`page errors:\n${errors.join('\n')}`);
} finally {
  await browser.close();
  await server.close();
}
