// The deployable bundle, embedded: scripts/dist.mjs writes the bundle of the web build into a
// site under /sub/path/; its page makes a classroom embed snippet (Share -> Embed, Inside hidden);
// a plain HTML page on another origin pastes that snippet; the frame trains there (Space after a
// click in the frame), follows the frame's size, and Copy link inside it leaves the top page
// alone. Every request the bundle made stays under the sub-path, names a hashed file, and is
// found.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, openPage, waitForFrames, check } from './harness.mjs';
import { state, nextFrame, click, menuClick } from './ui.mjs';
import { makeBundle, sizeTable } from '../../scripts/dist.mjs';

const SUB = '/sub/path/';

// A click on a widget of the playground inside the iframe: frame pixels + the frame's offset.
async function frameClick(page, frame, offset, name) {
  const w = (await state(frame)).widgets[name];
  if (!w) throw new Error(`widget "${name}" is not on screen in the frame`);
  await page.mouse.move(offset.x + w[0] + w[2] / 2, offset.y + w[1] + w[3] / 2);
  await nextFrame(frame);
  await page.mouse.down();
  await nextFrame(frame);
  await page.mouse.up();
  await nextFrame(frame, 2);
}

// The frame's canvas size in CSS pixels once it equals (w, h): the app follows its frame.
async function waitCanvas(frame, w, h) {
  await frame.waitForFunction(([cw, ch]) => {
    window.Module._lstm_wake();
    const c = document.getElementById('canvas');
    return innerWidth === cw && innerHeight === ch && c.width === cw * devicePixelRatio &&
      c.height === ch * devicePixelRatio;
  }, [w, h], { timeout: 10000, polling: 100 });
}

export async function embedDist(buildDir) {
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-dist-site-'));
  const hostDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-embed-host-'));
  const t0 = Date.now();
  const { map, sizes } = makeBundle(buildDir, path.join(site, SUB));
  console.log(`  bundle written in ${((Date.now() - t0) / 1000).toFixed(1)} s:\n` +
    sizeTable(sizes).split('\n').map((l) => '    ' + l).join('\n'));
  const hashed = new Set(Object.values(map));
  check(Object.entries(map).every(([name, h]) => h !== name && /\.[0-9a-f]{10}\./.test(h)), 'content-hashed names');
  check(sizes.every((r) => r.brotli < r.raw && r.gzip < r.raw), 'every precompressed copy is smaller');

  const requests = [];
  const app = await serve(site, 0, { onRequest: (r) => requests.push(r) });
  const host = await serve(hostDir);  // another port: another origin, like a course site
  const browser = await launch();
  try {
    // 1. The bundle at its sub-path: a classroom embed snippet (Inside hidden), medium size.
    const appUrl = app.url.replace(/\/$/, '') + SUB;
    const { page, errors } = await openPage(browser.context, appUrl);
    await waitForFrames(page, 10);
    await menuClick(page, 'menu_share', 'hide_inside');
    await click(page, 'embed_size_1');
    await click(page, 'copy_embed');
    await page.waitForFunction(() => window.lstmState().share.embed !== '', null, { timeout: 10000 });
    const snippet = (await state(page)).share.embed;
    console.log(`  snippet (${snippet.length} chars): ${snippet.slice(0, 90)}...${snippet.slice(-110)}`);
    const src = /^<iframe src="([^"]+)" width="960" height="600" [^>]*allow="clipboard-write"[^>]*><\/iframe>$/.exec(snippet);
    check(src, `an <iframe> snippet with the medium size expected: ${snippet}`);
    check(src[1].startsWith(appUrl + '#') && /#v\d+\.[rz]/.test(src[1]), `the snippet opens this page with a link: ${src[1].slice(0, 80)}`);
    check(await page.evaluate(() => location.hash) === '', 'Embed leaves the address bar alone');
    check(errors.length === 0, `errors in the bundle's page:\n${errors.join('\n')}`);

    // 2. A plain HTML page with the snippet pasted in, on another origin.
    fs.writeFileSync(path.join(hostDir, 'index.html'), '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
      '<link rel="icon" href="data:,"><title>Week 3: recurrent nets</title></head>\n<body style="font-family:sans-serif;margin:20px">' +
      `<h1>Week 3: recurrent nets</h1>\n<p>Press Train below.</p>\n${snippet}\n<p>Questions? Ask in the forum.</p>\n</body></html>\n`);
    const hostPage = await browser.context.newPage();
    const hostErrors = [];
    hostPage.on('console', (msg) => { if (msg.type() === 'error') hostErrors.push(`console.error: ${msg.text()}`); });
    hostPage.on('pageerror', (err) => hostErrors.push(`pageerror: ${err.message}`));
    await hostPage.goto(host.url);
    const iframe = hostPage.locator('iframe');
    await iframe.waitFor();
    let frame = null;
    for (let i = 0; i < 100 && !frame; ++i, await hostPage.waitForTimeout(100))
      frame = hostPage.frames().find((f) => f.url().startsWith(appUrl));
    check(frame, 'the iframe should load the playground');
    let s = await waitForFrames(frame, 10);
    check(s.share.opened === 1 && s.share.error === '', `the frame opens the link: ${s.share.error}`);
    check(s.share.hidden_panels === 128 && !s.widgets.inside_panel && s.widgets.loss_panel,
      `the classroom options travel: hidden ${s.share.hidden_panels}`);
    const env = await frame.evaluate(() => ({ framed: window !== window.top, isolated: self.crossOriginIsolated,
      sab: typeof SharedArrayBuffer }));
    check(env.framed && !env.isolated, `a cross-origin frame, not isolated: ${JSON.stringify(env)}`);
    console.log(`  in the frame: crossOriginIsolated ${env.isolated}, SharedArrayBuffer ${env.sab}, runner ${s.runner}`);
    check(s.runner === 'worker', `training runs in a Web Worker inside the frame: ${s.runner}`);
    await waitCanvas(frame, 960, 600);

    // 3. Keyboard focus after a click in the frame: Space trains; the loss falls, a forecast comes.
    const box = await iframe.boundingBox();
    const plot = s.widgets.series_plot;
    await hostPage.mouse.click(box.x + plot[0] + plot[2] * 0.9, box.y + plot[1] + 12);
    await nextFrame(frame, 2);
    await hostPage.keyboard.down('Space');
    await nextFrame(frame, 2);
    await hostPage.keyboard.up('Space');
    await frame.waitForFunction(() => window.lstmState().progress.samples > 0, null, { timeout: 20000, polling: 100 });
    await frame.waitForFunction(() => {
      const st = window.lstmState();
      return st.progress.done && !st.training && st.metrics.current;
    }, null, { timeout: 180000, polling: 250 });
    s = await state(frame);
    const train = s.losses.train;
    check(train.length >= 10 && train.at(-1) < 0.5 * train[0], `the loss falls: ${train[0]} -> ${train.at(-1)}`);
    check(s.rollout.steps > 0 && s.rollout.error === '', `a forecast: ${s.rollout.steps} steps ${s.rollout.error}`);
    check(s.metrics.model_rmse < s.metrics.naive_rmse, `beats the naive forecast: ${s.metrics.model_rmse} vs ${s.metrics.naive_rmse}`);
    console.log(`  trained in the frame: ${train.length} epochs, train loss ${train[0].toFixed(4)} -> ${train.at(-1).toFixed(4)}, ` +
      `val RMSE ${s.metrics.model_rmse.toFixed(4)} (naive ${s.metrics.naive_rmse.toFixed(4)}), forecast ${s.rollout.steps} steps, ` +
      `${Math.round(s.progress.samples_per_s)} samples/s`);
    await hostPage.screenshot({ path: path.join(buildDir, 'screenshot-embed.png') });

    // 4. Copy link inside the frame: the frame's address changes, the top page stays.
    await frameClick(hostPage, frame, box, 'menu_share');
    await frameClick(hostPage, frame, box, 'copy_link');
    await frame.waitForFunction(() => location.hash.length > 1 && window.lstmState().share.link.endsWith(location.hash),
      null, { timeout: 10000 });
    check(hostPage.url() === host.url, `the top page did not navigate: ${hostPage.url()}`);
    check(hostPage.frames().includes(frame), 'the frame is still the same document');
    // A press on the empty end of the frame's menu bar closes the menu.
    await hostPage.mouse.move(box.x + box.width - 5, box.y + 8);
    await nextFrame(frame);
    await hostPage.mouse.down();
    await nextFrame(frame);
    await hostPage.mouse.up();
    await nextFrame(frame, 2);
    check(!(await state(frame)).widgets.copy_link, 'the Share menu should be closed');

    // 5. The frame shrinks to the small preset: the canvas follows and the app keeps drawing.
    await hostPage.evaluate(() => { const f = document.querySelector('iframe'); f.width = '640'; f.height = '400'; });
    await waitCanvas(frame, 640, 400);
    s = await waitForFrames(frame, (await state(frame)).frames + 3);
    check(s.widgets.train && s.widgets.train[0] + s.widgets.train[2] <= 640, 'Train is on screen at 640 x 400');
    await hostPage.screenshot({ path: path.join(buildDir, 'screenshot-embed-small.png') });
    check(errors.length === 0 && hostErrors.length === 0, `errors:\n${errors.concat(hostErrors).join('\n')}`);

    // 6. What the bundle fetched: only its own hashed files under the sub-path, all found.
    const bad = requests.filter((r) => r.status !== 200 || !r.path.startsWith(SUB) ||
      !(r.path === SUB || r.path === SUB + 'index.html' || hashed.has(r.path.slice(SUB.length))));
    check(bad.length === 0, `requests outside the bundle or not found:\n${bad.map((r) => `${r.status} ${r.path}`).join('\n')}`);
    const fetched = new Set(requests.map((r) => r.path.slice(SUB.length)));
    for (const name of ['lstm-playground.wasm', 'lstm-worker.wasm', 'run_worker.js'])
      check(fetched.has(map[name]), `${map[name]} should have been fetched`);
    const encodings = [...new Set(requests.map((r) => r.encoding || 'identity'))];
    check(requests.every((r) => r.encoding), `every file came precompressed: ${encodings}`);
    console.log(`  ${requests.length} requests, all 200 under ${SUB}, hashed names, content encodings: ${encodings.join(', ')}`);
  } finally {
    await browser.close();
    await app.close();
    await host.close();
    fs.rmSync(site, { recursive: true, force: true });
    fs.rmSync(hostDir, { recursive: true, force: true });
  }
}
