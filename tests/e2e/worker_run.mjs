// Training off the UI thread: a run trains in a Web Worker; Step runs exactly one batch; Pause
// stops the run (no batch after the pause lands); the in-frame fallback (?worker=0, or a worker
// that cannot load) trains the same loss curve bit for bit and says so in the status bar.
import path from 'node:path';
import { serve, launch, openPage, waitForFrames, check } from './harness.mjs';
import { state, click, nextFrame, typeInto, trainToEnd, scrollTo } from './ui.mjs';

// The default page (sine preset, LSTM(32), 60 epochs) trained to the end: its loss history.
async function trainDefault(context, url) {
  const { page, errors } = await openPage(context, url);
  await waitForFrames(page, 5);
  const s = await trainToEnd(page);
  check(errors.length === 0, `errors in the page:\n${errors.join('\n')}`);
  return { page, s };
}

export async function workerRun(buildDir) {
  const server = await serve(buildDir);
  try {
    // 1. The worker and the fallback give bit-identical loss histories.
    let browser = await launch();
    let worker;
    try {
      const { page, s } = await trainDefault(browser.context, server.url + 'index.html');
      check(s.runner === 'worker', `runs should train in a Web Worker, got "${s.runner}"`);
      check(s.fallback_note === '', `no fallback expected: ${s.fallback_note}`);
      worker = s.losses;

      // 2. Step and Pause on a slower net (LSTM(64) over 50 steps: batches of several ms).
      await scrollTo(page, 'units_1');  // the settings panel runs past the 800 px viewport
      await typeInto(page, 'units_1', '64');
      await scrollTo(page, 'epochs');
      await typeInto(page, 'epochs', '2000');
      const cfg = (await state(page)).config;
      check(cfg.model.units[0] === 64 && cfg.train.epochs === 2000, `LSTM(64), 2000 epochs expected: ${JSON.stringify(cfg.model.units)}, ${cfg.train.epochs}`);
      await click(page, 'step');
      await page.waitForFunction(() => window.lstmState().progress.samples > 0, null, { timeout: 30000, polling: 50 });
      let st = await state(page);
      const batch = st.config.train.batch;
      check(st.progress.samples === batch && st.progress.batch === 1,
        `Step should run exactly one batch of ${batch}: samples ${st.progress.samples}, batch ${st.progress.batch}`);
      await click(page, 'step');
      await page.waitForFunction((b) => window.lstmState().progress.samples > b, batch, { timeout: 30000, polling: 50 });
      st = await state(page);
      check(st.progress.samples === 2 * batch, `a second Step: ${st.progress.samples} samples, want ${2 * batch}`);

      await click(page, 'train');
      await page.waitForFunction(() => window.lstmState().progress.samples > 2000, null, { timeout: 60000, polling: 50 });
      const w = (await state(page)).widgets.train;  // the same button reads Pause while training
      await page.mouse.move(w[0] + w[2] / 2, w[1] + w[3] / 2);
      await nextFrame(page);
      await page.mouse.down();
      await nextFrame(page);
      const t0 = Date.now();
      await page.mouse.up();  // ImGui buttons act on release
      await page.waitForFunction(() => !window.lstmState().training, null, { timeout: 10000, polling: 10 });
      const latency = Date.now() - t0;
      const paused = await state(page);
      await page.waitForTimeout(600);
      const later = await state(page);
      check(later.progress.samples === paused.progress.samples && !later.training,
        `no batch may run after the pause: ${paused.progress.samples} -> ${later.progress.samples}`);
      const ms_per_batch = 1000 * paused.progress.train_seconds / (paused.progress.samples / batch);
      console.log(`  pause: ${latency} ms from the release of the button to the paused state on screen ` +
        `(a batch takes ${ms_per_batch.toFixed(1)} ms; the worker works in slices of whole batches of at most ~4 ms)`);
    } finally {
      await browser.close();
    }
    browser = await launch();
    try {
      const { page, s } = await trainDefault(browser.context, server.url + 'index.html?worker=0');
      check(s.runner === 'in-frame', `?worker=0 should train in frames, got "${s.runner}"`);
      check(JSON.stringify(s.losses) === JSON.stringify(worker),
        'the in-frame fallback should train the same loss history as the worker, bit for bit');
      console.log(`  worker and in-frame fallback: identical ${s.losses.train.length}-epoch histories ` +
        `(last val_loss ${s.losses.val[s.losses.val.length - 1].toExponential(4)})`);
      await page.locator('#canvas').screenshot({ path: path.join(buildDir, 'screenshot-fallback.png') });
    } finally {
      await browser.close();
    }

    // 3. A worker that cannot load: the page falls back and says so.
    browser = await launch();
    try {
      await browser.context.route('**/run_worker.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
      const { page, errors } = await openPage(browser.context, server.url + 'index.html');
      await waitForFrames(page, 5);
      await click(page, 'step');
      await page.waitForFunction(() => window.lstmState().fallback_note !== '', null, { timeout: 30000, polling: 100 });
      await page.waitForFunction(() => window.lstmState().progress.samples > 0, null, { timeout: 30000, polling: 100 });
      const s = await state(page);
      check(s.runner === 'in-frame', `after a failed worker the run trains in frames, got "${s.runner}"`);
      console.log(`  failed worker: "${s.fallback_note}"`);
      // The browser reports the failed script load itself; nothing else may go wrong.
      const others = errors.filter((e) => !/run_worker\.js|404/.test(e));
      check(others.length === 0, `errors in the page:\n${others.join('\n')}`);
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }
}
