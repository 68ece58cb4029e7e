// Issue 12 part 6, limits that must not kill the page: big text crossing into the wasm (a 10 MB
// CSV of 800,000 rows through "Open file...", a large paste, a 1.5 MB link fragment), text over
// the 16 MB cap, windows too large for memory, a training worker that dies mid-run (a crash
// and running out of memory), and the page's own heap when the browser refuses to grow it: each
// ends in a message and a page that still draws and trains.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, launch, openPage, waitForFrames, check } from './harness.mjs';
import { state, click, nextFrame, typeInto, menuClick, scrollTo } from './ui.mjs';

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

// ---- The page's own heap when the browser refuses to grow it ----
// A browser short of memory (a phone, far below Emscripten's 2 GB cap) refuses to grow the
// heap: WebAssembly.Memory.grow throws a RangeError, which Emscripten 3.1.6's
// emscripten_resize_heap (lstm-playground.js) catches and answers false, so malloc returns null
// (ALLOW_MEMORY_GROWTH, no ABORTING_MALLOC). This init script makes grow throw exactly that
// while window.__refuseGrow is set, in the page only (the workers have their own heaps;
// crashAndRetrain covers theirs).
function refuseGrowScript() {
  const grow = WebAssembly.Memory.prototype.grow;
  window.__refuseGrow = false;
  window.__refusedGrows = 0;
  WebAssembly.Memory.prototype.grow = function (pages) {
    if (window.__refuseGrow) {
      window.__refusedGrows++;
      throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
    }
    return grow.call(this, pages);
  };
  // The largest block malloc can return now (a binary search; each block is freed again).
  window.__largestBlock = () => {
    let lo = 0, hi = HEAPU8.length;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2), p = Module._malloc(mid);
      if (p) Module._free(p);
      if (p) lo = mid; else hi = mid;
    }
    return lo;
  };
}

// What the page's heap holds while growth is refused: its size, the largest block malloc can
// return and all it can return (taking the largest block until none over 64 KB is left), in bytes.
// Everything taken is freed again.
const heapRoom = (page) => page.evaluate(() => {
  const was = window.__refuseGrow, refused = window.__refusedGrows;
  window.__refuseGrow = true;
  const largest = window.__largestBlock;
  const room = { heap: HEAPU8.length, largest: largest(), free: 0 };
  const held = [];
  for (let n = room.largest; n >= 65536; n = largest()) {
    held.push(Module._malloc(n));
    room.free += n;
  }
  held.forEach((p) => Module._free(p));
  window.__refuseGrow = was;
  window.__refusedGrows = refused;  // the measuring's own refusals do not count
  return room;
});

const mb = (bytes) => (bytes / 1048576).toFixed(1) + ' MB';

// The share link of the page's preset (Copy link), with the preset's length set to `length`: a
// link of a few hundred characters that builds a long series when opened. The payload
// (core/io/share_link.h): u8 version, u32 total bytes, u8 check byte (crc32 of those 5), ...,
// the preset's id as a string followed by its length as a zigzag varint, ..., u32 crc32.
async function longPresetLink(page, length) {
  await menuClick(page, 'menu_share', 'copy_link');
  await page.waitForFunction(() => window.lstmState().share.link.includes('#v'), null, { timeout: 30000 });
  await page.mouse.move(1270, 10);  // a click on the empty end of the menu bar closes the menu
  await nextFrame(page);
  await page.mouse.down();
  await nextFrame(page);
  await page.mouse.up();
  await nextFrame(page, 2);
  const s = await state(page);
  check(!s.widgets.copy_link, 'the Share menu should be closed');
  check(s.share.data_kind === 'preset', `a preset link expected, the page holds ${s.share.data_kind} data`);
  const m = /#(v\d+)\.([rz])(.*)$/.exec(s.share.link);
  const packed = Buffer.from(m[3], 'base64url');
  const payload = m[2] === 'z' ? zlib.inflateRawSync(packed) : packed;
  const varint = (v) => {
    const out = [];
    for (; v >= 0x80; v = Math.floor(v / 128)) out.push((v % 128) | 0x80);
    out.push(v);
    return Buffer.from(out);
  };
  const id = Buffer.concat([varint(4), Buffer.from('sine')]);  // the default preset, Sine wave
  const at = payload.indexOf(id);
  check(at > 0 && payload.indexOf(id, at + 1) < 0, 'the preset id should appear once in the link');
  let end = at + id.length;  // the old length's varint
  while (payload[end] & 0x80) end++;
  const body = Buffer.concat([payload.subarray(0, at + id.length), varint(2 * length),  // zigzag
    payload.subarray(end + 1, payload.length - 4)]);
  const total = body.length + 4;
  body.writeUInt32LE(total, 1);
  body[5] = zlib.crc32(body.subarray(0, 5)) & 0xff;
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE(zlib.crc32(body));
  return `${m[1]}.r${Buffer.concat([body, crc]).toString('base64url')}`;
}

// With growth refused, as a user would: a CSV too large to copy into the heap, one whose text
// fits but whose parsing does not, a link whose series does not fit (each refused with its
// message: the series stays, the page draws), and a CSV that loads but whose autosave does not
// fit (the save is refused, not the page). Once the browser grows the heap again the CSV refused
// in b loads, is saved and trains.
async function pageOutOfMemory(server, dir) {
  const browser = await launch();
  try {
    await browser.context.addInitScript(refuseGrowScript);
    const { page, errors } = await openPage(browser.context, server.url + 'index.html');
    await waitForFrames(page, 5);
    const link = await longPresetLink(page, 1000000);
    await nextFrame(page, 10);
    const before = await state(page);
    const kept = before.share.series_hash, keptRows = before.series.length;
    const stillThere = async (what) => {
      const s = await state(page);
      check(s.share.series_hash === kept && s.series.length === keptRows,
        `${what}: the series changed (${s.series.length} rows, hash ${s.share.series_hash})`);
      check(s.csv.messages.length === 0, `${what}: csv messages ${JSON.stringify(s.csv.messages)}`);
      await alive(page);
      check(errors.length === 0, `${what}: errors in the page:\n${errors.join('\n')}`);
    };
    const refused = () => page.evaluate(() => window.__refusedGrows);
    await page.evaluate(() => { window.__refuseGrow = true; });

    // a. Text larger than all the heap has left: page_text.js's malloc returns null and
    //    lstm_receive_csv says so (not_copied).
    let room = await heapRoom(page);
    const big = path.join(dir, 'oom-big.csv');
    fs.writeFileSync(big, csvText(1100000));
    const bigBytes = fs.statSync(big).size;
    console.log(`  growth refused: heap ${mb(room.heap)}, largest free block ${mb(room.largest)}, ${mb(room.free)} free in all`);
    check(bigBytes > room.free + (1 << 20) && bigBytes < 16 << 20,
      `the CSV (${bigBytes} bytes) should be over all that is free (${room.free}) and under the 16 MB cap`);
    await page.setInputFiles('#csv-file', big);
    await page.waitForFunction(() => window.lstmState().csv.error !== '', null, { timeout: 30000 });
    let s = await state(page);
    console.log(`  ${mb(bigBytes)} CSV -> "${s.csv.error}"`);
    check(/^The playground ran out of memory while taking in oom-big\.csv \(14 MB\): nothing was loaded\./.test(s.csv.error),
      `"could not copy" message expected: "${s.csv.error}"`);
    check(await refused() > 0, 'the heap should have asked to grow');
    await stillThere('a CSV too large to copy');

    // b. Text that fits (its copy takes under a third of what is free) but whose parsing needs
    //    more (split into lines, cells, values): catching_out_of_memory refuses it.
    room = await heapRoom(page);
    let refusedBefore = await refused();
    const midText = csvText(Math.round(room.free / 4 / 13));
    const midRows = midText.split('\n').length - 2;
    const mid = path.join(dir, 'oom-mid.csv');
    fs.writeFileSync(mid, midText);
    check(midText.length + 1 < room.largest && 3 * midText.length < room.free,
      `the CSV (${midText.length} bytes) should fit the largest free block (${room.largest}) with room`);
    await page.setInputFiles('#csv-file', mid);
    await page.waitForFunction((before) => window.lstmState().csv.error !== before, s.csv.error, { timeout: 30000 });
    s = await state(page);
    console.log(`  ${mb(midText.length)} CSV (${midRows} rows; largest free block ${mb(room.largest)}, ${mb(room.free)} free) -> "${s.csv.error}"`);
    check(s.csv.error === 'The playground ran out of memory loading oom-mid.csv: keep fewer rows or columns.',
      `"out of memory loading" message expected: "${s.csv.error}"`);
    check(await refused() > refusedBefore, 'the heap should have asked to grow');
    await stillThere('a CSV too large to parse');

    // c. A link to the Sine preset at 1,000,000 rows: make_preset needs 8 MB of doubles and
    //    4 MB of floats at once, more than is free. catching_out_of_memory refuses it.
    room = await heapRoom(page);
    refusedBefore = await refused();
    check(room.free < 12e6, `the preset's 12 MB should not fit the ${room.free} bytes free`);
    await page.evaluate((h) => { location.hash = h; }, link);
    await page.waitForFunction(() => window.lstmState().share.error !== '', null, { timeout: 30000 });
    s = await state(page);
    console.log(`  link (${link.length} characters) to 1,000,000 rows (${mb(room.free)} free) -> "${s.share.error}"`);
    check(s.share.error === 'The playground ran out of memory opening the link. The playground kept its previous state.' &&
      s.error === s.share.error, `"out of memory opening the link" expected: "${s.share.error}", error "${s.error}"`);
    check(await refused() > refusedBefore, 'the heap should have asked to grow');
    await stillThere('a link too large to open');

    // d. A CSV that fits, pasted while the heap is at its limit: it loads, and the save that
    //    follows a second later (autosave copies the whole session outside any user action) is
    //    refused with a message instead of aborting the page. The limit is modelled by taking, as
    //    soon as two frames have drawn the new series, every block of the heap larger than half
    //    of one of its columns (page memory in use, as a fuller session would hold): the save's
    //    copy of a column cannot fit then. The page lets them go once the save has asked the
    //    browser for more (a refused grow), before the test reads the state again.
    room = await heapRoom(page);
    const fitsText = csvText(Math.round(room.free / 16 / 13));
    const fitsRows = fitsText.split('\n').length - 2;
    const held = await page.evaluate(async ([text, rows]) => {
      const frames = () => window.lstmState().frames;
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
      const f0 = frames();  // the paste handler loaded it synchronously
      while (frames() < f0 + 2) await new Promise((r) => requestAnimationFrame(r));
      const largest = window.__largestBlock;
      const ballast = [];
      let bytes = 0;
      for (let n = largest(); n >= 2 * rows; n = largest()) {
        ballast.push(Module._malloc(n));
        bytes += n;
      }
      const left = largest(), refusedBefore = window.__refusedGrows, t0 = performance.now();
      while (window.__refusedGrows === refusedBefore && performance.now() - t0 < 20000)
        await new Promise((r) => setTimeout(r, 10));
      const waited = performance.now() - t0;
      ballast.forEach((p) => Module._free(p));
      return { bytes, left, waited, asked: window.__refusedGrows > refusedBefore };
    }, [fitsText, fitsRows]);
    s = await state(page);
    console.log(`  ${mb(fitsText.length)} CSV pasted (${fitsRows} rows, ${mb(room.free)} free): ${s.series.length} rows loaded; ` +
      `${mb(held.bytes)} taken, largest block left ${(held.left / 1024).toFixed(0)} KB; the save asked after ${held.waited.toFixed(0)} ms -> "${s.autosave.error}"`);
    check(errors.length === 0, `errors in the page:\n${errors.join('\n')}`);
    check(s.series.length === fitsRows && s.csv.error === '' && s.series.label === 'CSV: pasted text',
      `the pasted CSV should load: ${s.series.length} rows, "${s.csv.error}"`);
    check(held.asked && held.left < 4 * fitsRows, `the save should have asked for more than the ${held.left} bytes left`);
    check(s.autosave.error.startsWith('Not saved: the playground ran out of memory'), `autosave message: "${s.autosave.error}"`);
    await alive(page);

    // e. The browser grows the heap again: the CSV refused in b loads, is saved, and trains.
    await page.evaluate(() => { window.__refuseGrow = false; });
    const savesBefore = s.autosave.saves;
    await page.setInputFiles('#csv-file', mid);
    await page.waitForFunction((n) => window.lstmState().series.length === n, midRows, { timeout: 30000 });
    await alive(page);
    s = await state(page);
    check(s.csv.error === '' && s.series.label.includes('oom-mid.csv'), `the CSV should load now: "${s.csv.error}"`);
    await page.waitForFunction((n) => { const a = window.lstmState().autosave; return a.saves > n && a.results === a.saves; },
      savesBefore, { timeout: 30000 });
    s = await state(page);
    check(s.autosave.error === '', `the save after the load: "${s.autosave.error}"`);
    const t0 = Date.now();
    await click(page, 'train');
    await page.waitForFunction(() => window.lstmState().progress.epoch >= 1, null, { timeout: 180000, polling: 250 });
    s = await state(page);
    console.log(`  growth allowed again: ${midRows} rows loaded, heap ${mb(await page.evaluate(() => HEAPU8.length))}; ` +
      `an epoch trained in ${Date.now() - t0} ms (train loss ${s.progress.train_loss})`);
    await click(page, 'train');  // pause
    await page.waitForFunction(() => !window.lstmState().training, null, { timeout: 30000 });
    check(errors.length === 0, `errors in the page:\n${errors.join('\n')}`);
  } finally {
    await browser.close();
  }
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
    // The paste box holds only the start of it and says so; Load pasted CSV cannot load that cut
    // copy over the whole file.
    await scrollTo(page, 'csv_load');
    s = await state(page);
    check(s.csv.box_cut_bytes === bytes && s.widgets.csv_cut_note, `the box says it shows the start of ${bytes} bytes: ${s.csv.box_cut_bytes}`);
    await click(page, 'csv_load');
    check((await state(page)).series.length === 800000, 'Load pasted CSV should not load the cut copy');

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

    // 6. The page's own heap when the browser refuses to grow it (in a fresh browser: this
    //    page's heap has grown for 800,000 rows).
    await pageOutOfMemory(server, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await browser.close();
    await server.close();
  }
}
