// Issue 12 part 6, limits that must not kill the page: big text crossing into the wasm (a 10 MB
// CSV of 800,000 rows through "Open file...", a large paste, a 1.5 MB link fragment), text over
// the 16 MB cap, windows too large for memory, and a training worker that dies mid-run (a crash
// and running out of memory): each ends in a message and a page that still draws and trains.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, openPage, waitForFrames, check } from './harness.mjs';
import { state, click, nextFrame, typeInto } from './ui.mjs';

// rows lines of "t,value" (t counts from 0), about 13 bytes a row.
function csvText(rows) {
  const parts = ['t,value'];
  for (let t = 0; t < rows; t++) parts.push(`${t},${(Math.sin(t / 40) * 3 + Math.sin(t / 7)).toFixed(3)}`);
  return parts.join('\n') + '\n';
}

// The page still answers and draws: frames advance after a wake.
async function alive(page) {
  const before = (await state(page)).frames;
  await nextFrame(page, 3);
  const after = (await state(page)).frames;
  check(after > before, `the page stopped drawing (frames ${before} -> ${after})`);
}

// Kills run 0's worker from the page side as a crash would (run_worker.js: {test_crash}).
const crashWorker = (page, kind) => page.evaluate((k) => {
  const workers = Object.values(window.Module.lstmWorkers || {});
  if (workers.length !== 1) throw new Error(`one worker expected, found ${workers.length}`);
  workers[0].postMessage({ test_crash: k });
}, kind);

async function crashAndRetrain(page, kind, expect) {
  await click(page, 'train');
  await page.waitForFunction(() => window.lstmState().progress.epoch >= 1, null, { timeout: 30000 });
  await crashWorker(page, kind);
  await page.waitForFunction(() => window.lstmState().error.includes('crashed'), null, { timeout: 60000, polling: 100 });
  let s = await state(page);
  console.log(`  worker ${kind ? 'out of memory' : 'abort'} -> "${s.error}"`);
  check(s.error.startsWith('Training stopped: the training worker crashed (') && s.error.includes(expect),
    `crash message expected with "${expect}": "${s.error}"`);
  check(!s.training && s.runner === 'worker', `stopped, on a fresh worker: training ${s.training}, runner ${s.runner}`);
  check(s.losses.train.length >= 1, 'the last snapshot (its losses) stays on screen');
  await alive(page);
  await click(page, 'train');  // trains again, from fresh weights, in a new worker
  await page.waitForFunction(() => window.lstmState().progress.epoch >= 2, null, { timeout: 60000 });
  s = await state(page);
  check(s.error === '' && s.runner === 'worker' && s.fallback_note === '', `retrain: error "${s.error}", runner ${s.runner}, note "${s.fallback_note}"`);
  await click(page, 'train');  // pause
  await page.waitForFunction(() => !window.lstmState().training, null, { timeout: 30000 });
}

export async function limits(buildDir) {
  const server = await serve(buildDir);
  const browser = await launch();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-limits-'));
  try {
    const { page, errors } = await openPage(browser.context, server.url + 'index.html');
    await waitForFrames(page, 5);

    // 1. A training worker that dies mid-run: stopped with a message, Train works again.
    await crashAndRetrain(page, 0, 'Aborted');
    await crashAndRetrain(page, 1, 'out of memory');

    // 2. A large paste (2 MB, past the 1.4 MB that used to overflow ccall's stack).
    const paste = csvText(150000);
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    }, paste);
    await page.waitForFunction(() => window.lstmState().series.length === 150000, null, { timeout: 30000 });
    console.log(`  paste of ${(paste.length / 1e6).toFixed(1)} MB: 150,000 rows loaded`);

    // 3. Over the 16 MB cap: refused before it is read, the series stays.
    const huge = path.join(dir, 'huge.csv');
    fs.writeFileSync(huge, csvText(1300000));
    await page.setInputFiles('#csv-file', huge);
    await page.waitForFunction(() => window.lstmState().csv.error !== '', null, { timeout: 30000 });
    let s = await state(page);
    console.log(`  ${(fs.statSync(huge).size / 1048576).toFixed(1)} MB CSV -> "${s.csv.error}"`);
    check(/^huge\.csv is 1\d\.\d MB, over the 16 MB/.test(s.csv.error), `cap message expected: "${s.csv.error}"`);
    check(s.series.length === 150000, 'the loaded series stays');
    await alive(page);

    // 4. A 1.5 MB link fragment: refused with a message, nothing changes.
    await page.evaluate(() => { location.hash = '#v3.r' + 'A'.repeat(1500000); });
    await page.waitForFunction(() => window.lstmState().share.error !== '', null, { timeout: 30000 });
    s = await state(page);
    console.log(`  1.5 MB link -> "${s.share.error}"`);
    // The page reads the fragment without its '#': "v3.r" and 1,500,000 letters.
    check(s.share.error.startsWith('The link is too large (1,500,004 characters > 1 MB).'), `link message: "${s.share.error}"`);
    check(s.series.length === 150000, 'the series stays');
    await alive(page);

    // 5. A 10 MB CSV of 800,000 rows through "Open file...".
    const big = path.join(dir, 'big.csv');
    fs.writeFileSync(big, csvText(800000));
    const bytes = fs.statSync(big).size;
    const t0 = Date.now();
    await page.setInputFiles('#csv-file', big);
    await page.waitForFunction(() => window.lstmState().series.length === 800000, null, { timeout: 60000, polling: 50 });
    const loadMs = Date.now() - t0;
    await alive(page);
    await nextFrame(page, 20);
    s = await state(page);
    const heapMb = await page.evaluate(() => window.HEAPU8.length / 1048576);
    console.log(`  ${(bytes / 1048576).toFixed(1)} MB CSV, ${s.series.length} rows x ${s.series.width}: loaded in ${loadMs} ms; ` +
                `wasm heap ${heapMb.toFixed(0)} MB; frame ${s.frame_cpu_ms.toFixed(1)} ms on the main thread; csv messages ${JSON.stringify(s.csv.messages)}`);
    check(s.csv.error === '' && s.series.label.includes('big.csv'), `the big CSV should load: "${s.csv.error}"`);
    check(bytes > 10e6, `the test CSV should be over 10 MB, is ${bytes}`);

    // Training on it: the worker sets up 800k windows and trains batches while the page draws.
    const t1 = Date.now();
    await click(page, 'train');
    await page.waitForFunction(() => window.lstmState().progress.samples >= 20000, null, { timeout: 60000, polling: 100 });
    s = await state(page);
    console.log(`  training on 800,000 rows: ${s.progress.samples} samples after ${Date.now() - t1} ms ` +
                `(${s.progress.batches_per_epoch} batches an epoch), frame ${s.frame_cpu_ms.toFixed(1)} ms`);
    await alive(page);
    await click(page, 'train');  // pause
    await page.waitForFunction(() => !window.lstmState().training, null, { timeout: 30000 });

    // Windows too large for memory are refused before they are built.
    await typeInto(page, 'look_back', '400');
    await click(page, 'train');
    await page.waitForFunction(() => window.lstmState().error.includes('windows would take'), null, { timeout: 30000 });
    s = await state(page);
    console.log(`  look_back 400 on 800,000 rows -> "${s.error}"`);
    check(!s.training, 'a refused setup does not train');
    await typeInto(page, 'look_back', '20');

    check(errors.length === 0, `errors in the page:\n${errors.join('\n')}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await browser.close();
    await server.close();
  }
}
