// Share links end to end: draw and train, the exports (the TensorFlow.js model loaded by tfjs:
// tfjs_export.mjs), Copy link, open the link in a fresh browser (same data,
// config and weights; Train gives the identical loss curve), Back / Forward between links, a
// classroom link that hides the Inside panel, and bad links that leave the state untouched with
// a message naming the problem.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ort from 'onnxruntime-node';
import { serve, launch, openPage, waitForFrames, check } from './harness.mjs';
import { state, nextFrame, click, typeInto, drawCurve, trainToEnd, menuClick, scrollTo } from './ui.mjs';
import { checkTfjsExport } from './tfjs_export.mjs';

// "v2.z..." (deflate-raw) -> "v2.r..." like the page does, so the test can forge bad raw links.
function rawForm(fragment) {
  const m = /^(v\d+)\.([rz])(.*)$/.exec(fragment);
  if (m[2] === 'r') return fragment;
  return `${m[1]}.r${zlib.inflateRawSync(Buffer.from(m[3], 'base64url')).toString('base64url')}`;
}

// Presses Copy link and waits for the page to publish it; returns { hash, state }.
// The address bar may already hold the same link (autosave replaces it at every change): then
// the published link itself is what changed.
async function copyLink(page) {
  const before = await page.evaluate(() => [location.hash, window.lstmState().share.link]);
  await menuClick(page, 'menu_share', 'copy_link');
  await page.waitForFunction(([h, link]) => {
    const now = window.lstmState().share.link;
    return location.hash.length > 1 && now.endsWith(location.hash) && (location.hash !== h || now !== link);
  }, before, { timeout: 10000 });
  return { hash: await page.evaluate(() => location.hash.slice(1)), state: await state(page) };
}

async function waitOpened(page, count) {
  await page.waitForFunction((n) => {
    try { return window.lstmState().share.opened >= n; } catch { return false; }
  }, count, { timeout: 30000, polling: 100 });
  await nextFrame(page, 3);
  return state(page);
}

// A click on the empty end of the menu bar closes an open menu.
async function closeMenus(page) {
  await page.mouse.move(1270, 10);
  await nextFrame(page);
  await page.mouse.down();
  await nextFrame(page);
  await page.mouse.up();
  await nextFrame(page, 2);
  check(!(await state(page)).widgets.copy_link, 'the Share menu should be closed');
}

export async function shareLink(buildDir) {
  const server = await serve(buildDir);
  const url = server.url + 'index.html';
  const sender = await launch();
  let receiver = null;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-share-'));
  try {
    const { page, errors } = await openPage(sender.context, url);
    await waitForFrames(page, 10);

    // Sender: a drawn series (~200 rows), univariate, LSTM(16), trained to the end.
    await click(page, 'clear');
    await drawCurve(page, (x) => Math.sin(2 * Math.PI * x / 40) + 0.3 * Math.sin(x / 7));
    await click(page, 'tool_off');
    await click(page, 'setup_0');
    await scrollTo(page, 'units_1');  // the settings panel may be taller than the viewport
    await typeInto(page, 'units_1', '16');
    const trained = await trainToEnd(page);
    check(trained.error === '', `training should succeed: "${trained.error}"`);
    check(trained.share.data_kind === 'drawn', `a drawn series travels as drawn values: ${trained.share.data_kind}`);
    check(trained.config.model.units[0] === 16, 'LSTM(16) expected');

    // Exports download files; the Keras weights JSON imports back through the file picker.
    const files = {};
    for (const item of ['export_keras', 'export_pytorch', 'export_pytorch_script', 'export_keras_script',
      'export_predictions', 'export_forecast', 'export_onnx', 'export_png']) {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }),
        menuClick(page, 'menu_export', item)]);
      const file = path.join(tmp, download.suggestedFilename());
      await download.saveAs(file);
      files[item] = fs.readFileSync(file);
    }
    await page.locator('#canvas').screenshot({ path: path.join(buildDir, 'screenshot-export.png') });
    console.log('  exports: ' + Object.entries(files).map(([k, v]) => `${k} ${v.length} B`).join(', '));
    check(JSON.parse(files.export_keras).layout === 'keras' && JSON.parse(files.export_pytorch).layout === 'pytorch', 'weights JSON layouts');
    check(files.export_pytorch_script.toString().includes('FORECAST_JSON') && files.export_keras_script.toString().includes('keras'), 'scripts');
    check(files.export_predictions.toString().startsWith('step,') && files.export_forecast.toString().startsWith('step,'), 'CSV headers');
    check(files.export_png.subarray(1, 4).toString() === 'PNG' && files.export_png.length > 1000, 'PNG file');
    const tfjs = await checkTfjsExport(page, files.export_predictions.toString(), path.join(tmp, 'tfjs'));
    console.log(`  TensorFlow.js model: ${tfjs.windows} windows, worst relative error ${tfjs.worst.toExponential(2)}`);
    // The page's ONNX file in onnxruntime: on the windows of the predictions CSV (univariate: the
    // look_back actual values before a row) it predicts that row's "predicted" value.
    {
      const rows = files.export_predictions.toString().trim().split('\n').slice(1).map(l => l.split(','));
      const L = trained.config.data.look_back;
      const windows = [], want = [];
      for (let r = L; r < rows.length; ++r)
        if (rows[r][2] !== '') {
          windows.push(...rows.slice(r - L, r).map(row => Number(row[1])));
          want.push(Number(rows[r][2]));
        }
      const onnx = path.join(tmp, 'lstm_model.onnx');
      fs.writeFileSync(onnx, files.export_onnx);
      const session = await ort.InferenceSession.create(onnx, { logSeverityLevel: 3 });
      const out = await session.run({ window: new ort.Tensor('float32', Float32Array.from(windows), [want.length, L, 1]) });
      // Relative to the value, never below the output's range (tests/cli/onnx_test.mjs says why).
      const range = Math.max(...want) - Math.min(...want);
      const worst = Math.max(...want.map((v, k) => Math.abs(out.prediction.data[k] - v) / Math.max(Math.abs(v), range)));
      console.log(`  ONNX export in onnxruntime: ${want.length} windows, worst relative error ${worst.toExponential(2)}`);
      const d = trained.config.data;  // the graph takes the series as it is: no transforms here
      check(d.stride === 1 && d.difference === 'none' && !d.log && !d.detrend && want.length > 100 && worst <= 1e-5,
        `the page's ONNX model predicts what the page does: worst relative error ${worst}`);
    }
    await closeMenus(page);
    await page.setInputFiles('#csv-file', path.join(tmp, 'lstm_weights_keras.json'));
    await page.waitForFunction(() => window.lstmState().notice.startsWith('Weights loaded'), null, { timeout: 10000 });
    check((await state(page)).share.weights_hash === trained.share.weights_hash, 'importing the exported weights keeps them');

    // Link sizes: without and with the float16 weights; then a classroom link hiding Inside.
    await menuClick(page, 'menu_share', 'share_weights');
    check((await state(page)).share.include_weights === false, 'unticking the weights box');
    const bare = await copyLink(page);
    await click(page, 'share_weights');
    await click(page, 'hide_inside');
    const classroom = await copyLink(page);
    await click(page, 'hide_inside');
    const full = await copyLink(page);
    await nextFrame(page, 2);
    await page.locator('#canvas').screenshot({ path: path.join(buildDir, 'screenshot-share.png') });
    for (const [name, l] of [['no weights', bare], ['LSTM(16) weights', full], ['classroom', classroom]])
      console.log(`  link (${l.state.series.length} drawn points, ${name}): raw ${l.state.share.link_raw_chars} chars, ` +
        `in the address bar ${l.hash.length} (${l.hash.slice(0, 4)})`);
    check(full.state.share.hide_in_link === 0 && classroom.state.share.hide_in_link === 128, 'classroom bits');
    await closeMenus(page);

    // Back / Forward: another preset (a longer sine), its link, then Back returns the drawn state.
    await scrollTo(page, 'length');
    await typeInto(page, 'length', '300');
    let s = await state(page);
    check(s.series.length === 300 && s.share.data_kind === 'preset', `length 300 regenerates the preset: ${s.series.length}`);
    const preset = await copyLink(page);
    check(preset.hash.length < 200, `a preset link carries parameters, not values: ${preset.hash.length} chars`);
    await closeMenus(page);
    await page.goBack();
    s = await waitOpened(page, 1);
    check(s.share.series_hash === trained.share.series_hash && s.series.length === trained.series.length,
      'Back should restore the drawn series');
    check(s.share.weights_hash === trained.share.weights_hash, 'Back should restore the trained weights');
    await page.goForward();
    s = await waitOpened(page, 2);
    check(s.series.length === 300 && s.share.data_kind === 'preset', 'Forward should return to the preset');
    check(errors.length === 0, `errors in the sender's page:\n${errors.join('\n')}`);

    // Receiver: a fresh browser opens the link.
    receiver = await launch();
    const r = await openPage(receiver.context, `${url}#${full.hash}`);
    const got = await waitOpened(r.page, 1);
    check(got.share.error === '', `the link should open: "${got.share.error}"`);
    check(got.share.series_hash === trained.share.series_hash, 'same data (bit for bit)');
    check(JSON.stringify(got.config) === JSON.stringify(trained.config), `same config:\n${JSON.stringify(got.config)}\n${JSON.stringify(trained.config)}`);
    check(got.share.weights_hash === trained.share.weights_hash && got.share.weights_from_link,
      'same float16 weights');
    check(got.share.hidden_panels === 0 && got.widgets.inside_panel, 'nothing hidden');
    await r.page.locator('#canvas').screenshot({ path: path.join(buildDir, 'screenshot-share-opened.png') });
    const again = await trainToEnd(r.page);
    check(JSON.stringify(again.losses) === JSON.stringify(trained.losses),
      `retraining should give the sender's loss curve exactly:\n${JSON.stringify(again.losses.val.slice(0, 5))}\n${JSON.stringify(trained.losses.val.slice(0, 5))}`);
    check(again.share.weights_hash === trained.share.weights_hash, 'retrained weights equal the sender\'s');
    console.log(`  receiver: same data, config, weights; retrained ${again.losses.train.length} epochs, identical curve`);

    // Classroom link through hashchange: Inside is hidden, with a note.
    await r.page.evaluate((h) => { location.hash = h; }, classroom.hash);
    s = await waitOpened(r.page, 2);
    check(s.share.hidden_panels === 128 && !s.widgets.inside_panel && s.widgets.loss_panel,
      `the classroom link hides Inside: ${s.share.hidden_panels}`);
    await r.page.locator('#canvas').screenshot({ path: path.join(buildDir, 'screenshot-share-classroom.png') });

    // A bad link arriving by hashchange leaves the current state alone.
    const raw = rawForm(full.hash);
    await r.page.evaluate((h) => { location.hash = h; }, raw.slice(0, raw.length - 30));
    await r.page.waitForFunction(() => window.lstmState().share.error !== '', null, { timeout: 10000 });
    s = await state(r.page);
    check(/truncated/i.test(s.share.error) && s.error === s.share.error, `truncated link message: "${s.share.error}"`);
    check(s.share.series_hash === trained.share.series_hash && s.share.hidden_panels === 128, 'bad link kept the state');
    check(r.errors.length === 0, `errors in the receiver's page:\n${r.errors.join('\n')}`);

    // Bad links on a fresh load: message shown, default state intact, no console errors.
    const mid = Math.floor(raw.length / 2);
    const flip = (c) => (c === 'A' ? 'B' : 'A');
    const bad = [
      ['truncated', raw.slice(0, 60), /truncated/i],
      ['corrupted', raw.slice(0, mid) + flip(raw[mid]) + raw.slice(mid + 1), /checksum|corrupt/i],
      ['wrong version', 'v7' + raw.slice(2), /version/i],
      ['bad compressed data', 'v2.zAAAAAAAAAA', /corrupt/i],
      ['not base64url', 'v2.r!!!!', /corrupt|character/i],
    ];
    for (const [name, frag, want] of bad) {
      await r.page.goto('about:blank');
      await r.page.goto(`${url}#${frag}`);
      await waitForFrames(r.page, 10);
      await r.page.waitForFunction(() => window.lstmState().share.error !== '', null, { timeout: 10000 });
      s = await state(r.page);
      console.log(`  ${name}: "${s.share.error}"`);
      check(want.test(s.share.error) && s.error === s.share.error, `${name}: message "${s.share.error}"`);
      check(s.share.opened === 0 && s.share.data_kind === 'preset' && s.series.label.startsWith('preset:') &&
        s.series.length === 200 && s.config.model.units[0] === 32, `${name}: the default state should be intact`);
    }
    await r.page.locator('#canvas').screenshot({ path: path.join(buildDir, 'screenshot-share-error.png') });
    check(r.errors.length === 0, `errors in the receiver's page:\n${r.errors.join('\n')}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (receiver) await receiver.close();
    await sender.close();
    await server.close();
  }
}
