// A shared link opened on a phone (390x844 CSS px, touch, device pixel ratio 3), used by touch
// only: the tab bar's targets, tap Train, read the forecast, draw a stroke with a finger, pinch
// the series plot, pan it with one finger and scroll a long panel with one finger. Screenshots
// of the phone go to <build>/phone-*.png.
import path from 'node:path';
import { serve, launch, openPage, waitForFrames, check } from './harness.mjs';
import { state, nextFrame, typeInto, menuClick, scrollTo, seriesToPixels } from './ui.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 3 };
const TABS = ['tab_data', 'tab_model', 'tab_train', 'tab_forecast', 'tab_inside'];

async function widgetOf(page, name) {
  const w = (await state(page)).widgets[name];
  if (!w) throw new Error(`widget "${name}" is not on screen`);
  return { x: w[0], y: w[1], w: w[2], h: w[3], cx: w[0] + w[2] / 2, cy: w[1] + w[3] / 2 };
}

// A finger tap with no hover before it (touchstart + touchend), then a few frames for the press
// and release to reach the UI.
async function tap(page, name) {
  const w = await widgetOf(page, name);
  await page.touchscreen.tap(w.cx, w.cy);
  await nextFrame(page, 5);
}

// Fingers through the DevTools protocol: touch(cdp, 'touchStart', [[x, y], ...]). Ids follow the
// order of the points.
async function touch(cdp, type, points) {
  await cdp.send('Input.dispatchTouchEvent', {
    type, touchPoints: points.map(([x, y], id) => ({ x, y, id, radiusX: 4, radiusY: 4, force: 1 })),
  });
}

// One finger from a to b in `steps` moves, a frame apart.
async function drag(page, cdp, a, b, steps = 6) {
  await touch(cdp, 'touchStart', [a]);
  await nextFrame(page);
  for (let i = 1; i <= steps; ++i) {
    const t = i / steps;
    await touch(cdp, 'touchMove', [[a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]]);
    await nextFrame(page);
  }
  await touch(cdp, 'touchEnd', []);
  await nextFrame(page, 4);
}

export async function phoneTouch(buildDir) {
  const t0 = Date.now(), lap = (what) => console.log(`  ${what} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const server = await serve(buildDir);
  const url = server.url + 'index.html';
  let hash = '';
  const sender = await launch();
  try {  // A link as a desktop user shares it: LSTM(16) on the sine preset.
    const { page, errors } = await openPage(sender.context, url);
    await waitForFrames(page, 10);
    await scrollTo(page, 'units_1');
    await typeInto(page, 'units_1', '16');
    check((await state(page)).config.model.units[0] === 16, 'the sender should have LSTM(16)');
    await menuClick(page, 'menu_share', 'copy_link');
    await page.waitForFunction(() => location.hash.length > 1, null, { timeout: 10000 });
    hash = await page.evaluate(() => location.hash);
    check(errors.length === 0, `sender page errors:\n${errors.join('\n')}`);
  } finally { await sender.close(); }

  lap('link made');
  const phone = await launch(PHONE);
  try {
    const { page, errors } = await openPage(phone.context, url + hash);
    await waitForFrames(page, 10);
    await page.waitForFunction(() => window.lstmState().share.opened >= 1, null, { timeout: 30000 });
    await nextFrame(page, 3);
    let s = await state(page);
    check(s.config.model.units[0] === 16, `the link's LSTM(16) should be open: ${s.config.model.units}`);
    check(s.layout.phone && s.layout.tab === 'forecast', `phone layout on the Forecast tab: ${JSON.stringify(s.layout)}`);
    // Crisp text: a canvas of device pixels, a font atlas rasterised at the ratio.
    const canvas = await page.evaluate(() => ({ w: document.getElementById('canvas').width, css: innerWidth, dpr: devicePixelRatio }));
    check(canvas.dpr === 3 && canvas.w === canvas.css * 3, `canvas at device pixels: ${JSON.stringify(canvas)}`);
    check(s.layout.font_raster_px >= 13 * 3 && s.layout.font_px >= 13, `fonts at the ratio: ${JSON.stringify(s.layout)}`);
    const sizes = [];
    for (const t of TABS) {
      const w = await widgetOf(page, t);
      check(w.h >= 40 && w.w >= 40, `${t} is ${w.w}x${w.h} CSS px: touch targets need 40 or more`);
      check(w.y + w.h <= 844 && w.x >= 0 && w.x + w.w <= 390, `${t} lies outside the screen: ${JSON.stringify(w)}`);
      sizes.push(`${t} ${w.w.toFixed(0)}x${w.h.toFixed(0)}`);
    }
    console.log(`  tabs: ${sizes.join(', ')}; fonts ${s.layout.font_px.toFixed(1)} px (atlas ${s.layout.font_raster_px.toFixed(1)} px)`);
    await page.screenshot({ path: path.join(buildDir, 'phone-link.png') });

    // Train tab, then Train, by taps.
    await tap(page, 'tab_train');
    check((await state(page)).layout.tab === 'train', 'a tap on Train (tab) should show the Train tab');
    await tap(page, 'train');
    const t1 = Date.now();
    await page.waitForFunction(() => window.lstmState().training || window.lstmState().progress.epoch > 0,
      null, { timeout: 10000 });
    await page.waitForFunction(() => {
      const st = window.lstmState();
      return st.progress.done && !st.training && st.metrics.current;
    }, null, { timeout: 180000, polling: 250 });
    s = await state(page);
    console.log(`  tap Train: ${s.progress.epoch} epochs in ${((Date.now() - t1) / 1000).toFixed(1)} s, val loss ${s.progress.val_loss.toExponential(2)}`);
    await nextFrame(page, 3);
    await page.screenshot({ path: path.join(buildDir, 'phone-train.png') });

    // The forecast.
    await tap(page, 'tab_forecast');
    s = await state(page);
    check(s.layout.tab === 'forecast', 'the Forecast tab should show');
    check(s.metrics.current && s.metrics.count > 0 && s.rollout.steps > 0, `forecast and metrics: ${JSON.stringify(s.metrics)}`);
    const plot = await widgetOf(page, 'series_plot');
    check(plot.w > 300 && plot.h > 250, `the series plot should fill the phone: ${plot.w}x${plot.h}`);
    console.log(`  forecast: plot ${plot.w.toFixed(0)}x${plot.h.toFixed(0)} CSS px, RMSE model ${s.metrics.model_rmse.toFixed(4)} vs naive ${s.metrics.naive_rmse.toFixed(4)}, rollout ${s.rollout.steps} steps`);
    // Nine series would cover a third of the narrow plot: the legend starts folded, and a tap
    // on its button unfolds it (and folds it again).
    check(!s.series_legend.open, `the legend starts folded on the phone: ${JSON.stringify(s.series_legend)}`);
    await page.screenshot({ path: path.join(buildDir, 'phone-forecast.png') });
    const [lx, ly, lw, lh] = s.series_legend.toggle;
    const selectedBefore = s.selected_window;
    check(lw >= 40 && lh >= 40, `the fold button is a target: ${lw}x${lh}`);
    await page.touchscreen.tap(lx + lw / 2, ly + lh / 2);
    await nextFrame(page, 5);
    s = await state(page);
    check(s.series_legend.open, 'a tap unfolds the legend');
    check(s.selected_window === selectedBefore, `the tap is the legend's only: window ${selectedBefore} -> ${s.selected_window}`);
    await page.screenshot({ path: path.join(buildDir, 'phone-forecast-legend.png') });
    await page.touchscreen.tap(s.series_legend.toggle[0] + s.series_legend.toggle[2] / 2, s.series_legend.toggle[1] + s.series_legend.toggle[3] / 2);
    await nextFrame(page, 5);
    check(!(await state(page)).series_legend.open, 'a second tap folds it');

    lap('forecast read');
    const cdp = await page.context().newCDPSession(page);
    // The pen, from the Data tab; a finger stroke at y = 0.5 over rows 40..120.
    await tap(page, 'tab_data');
    await tap(page, 'tool_pen');
    check((await state(page)).tool === 'pen', 'a tap on pen should choose the pen');
    await tap(page, 'tab_forecast');
    s = await state(page);
    const undo0 = s.series.undo, values0 = s.series.preview;
    const toPx = await seriesToPixels(page);
    const a = toPx(40, 0.5), b = toPx(120, 0.5);
    await drag(page, cdp, [a.px, a.py], [b.px, b.py], 10);
    s = await state(page);
    const drawn = s.series.preview.slice(45, 116);
    check(s.series.undo === undo0 + 1, `the stroke should be one edit: undo ${undo0} -> ${s.series.undo}`);
    check(drawn.every((v) => Math.abs(v - 0.5) < 0.05), `rows 45..115 should be ~0.5: ${drawn.map((v) => v.toFixed(2))}`);
    check(s.series.preview.slice(0, 35).every((v, i) => v === values0[i]), 'rows before the stroke stay as they were');
    console.log(`  finger stroke: rows 45..115 in [${Math.min(...drawn).toFixed(3)}, ${Math.max(...drawn).toFixed(3)}], undo depth ${s.series.undo}`);
    await page.screenshot({ path: path.join(buildDir, 'phone-drawn.png') });

    // Two fingers pinch the plot apart: it zooms in, and the pen draws nothing.
    let before = s.series_axes;
    const values1 = s.series.preview;
    const c = [plot.cx, plot.cy];
    await touch(cdp, 'touchStart', [[c[0] - 40, c[1]], [c[0] + 40, c[1]]]);
    await nextFrame(page);
    for (let i = 1; i <= 5; ++i) {
      await touch(cdp, 'touchMove', [[c[0] - 40 - 12 * i, c[1]], [c[0] + 40 + 12 * i, c[1]]]);
      await nextFrame(page);
    }
    await touch(cdp, 'touchEnd', []);
    await nextFrame(page, 4);
    s = await state(page);
    let after = s.series_axes;
    const zoom = (before.x[1] - before.x[0]) / (after.x[1] - after.x[0]);
    check(zoom > 2.2 && zoom < 2.8, `fingers 80 -> 200 px apart should zoom x about 2.5x: ${zoom.toFixed(2)}`);
    check(s.series.undo === undo0 + 1 && s.series.preview.every((v, i) => v === values1[i]),
      'a pinch must not draw');
    console.log(`  pinch: x span ${(before.x[1] - before.x[0]).toFixed(1)} -> ${(after.x[1] - after.x[0]).toFixed(1)} (${zoom.toFixed(2)}x), series unchanged`);

    // One finger pans the plot once the pen is off.
    await tap(page, 'tab_data');
    await tap(page, 'tool_off');
    await tap(page, 'tab_forecast');
    before = (await state(page)).series_axes;
    await drag(page, cdp, [plot.cx + 60, plot.cy], [plot.cx - 60, plot.cy]);
    after = (await state(page)).series_axes;
    const panned = after.x[0] - before.x[0], span = before.x[1] - before.x[0];
    check(panned > 0.2 * span && Math.abs((after.x[1] - after.x[0]) - span) < 1e-3 * span,
      `a one-finger drag left should pan right by ~120 px: x ${before.x} -> ${after.x}`);
    console.log(`  one-finger pan: x [${before.x.map((v) => v.toFixed(1))}] -> [${after.x.map((v) => v.toFixed(1))}]`);

    // One finger scrolls the long Data page.
    await tap(page, 'tab_data');
    const y0 = (await widgetOf(page, 'tool_pen')).y;
    await drag(page, cdp, [300, 650], [300, 350]);
    const y1 = (await widgetOf(page, 'tool_pen')).y;
    check(y0 - y1 > 150, `a 300 px upward drag should scroll the Data page: tool_pen y ${y0} -> ${y1}`);
    check((await state(page)).tool === 'off', 'scrolling presses nothing');
    console.log(`  one-finger scroll: tool_pen y ${y0.toFixed(0)} -> ${y1.toFixed(0)}`);
    await page.screenshot({ path: path.join(buildDir, 'phone-data.png') });
    check(errors.length === 0, `page errors:\n${errors.join('\n')}`);
  } finally {
    await phone.close();
    server.close();
  }
}
