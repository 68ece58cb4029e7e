// Input at low frame rates and the idle loop (web/platform/input_queue.h, main_loop.h): with
// nothing to do the page stops drawing and input wakes it; a click or tap with no hover first
// does not pan the series plot; a click or a key tap whose down and up land within one frame
// still acts.
import { serve, launch, openPage, waitForFrames, check } from './harness.mjs';
import { state, widget, nextFrame, typeInto } from './ui.mjs';

// Dispatches DOM events one after the other in one task of the page, so they land in one frame.
// Each is [type, target ('canvas' | 'window'), init]; mouse events get their client position.
async function burst(page, events) {
  await page.evaluate((list) => {
    const canvas = document.getElementById('canvas');
    for (const [type, where, init] of list) {
      const Kind = type.startsWith('key') ? KeyboardEvent : MouseEvent;
      const event = new Kind(type, { bubbles: true, cancelable: true, view: window, ...init });
      (where === 'window' ? window : canvas).dispatchEvent(event);
    }
  }, events);
}

function clickAt(x, y) {
  const at = { clientX: x, clientY: y, button: 0 };
  return [['mousemove', 'canvas', at], ['mousedown', 'canvas', { ...at, buttons: 1 }],
    ['mouseup', 'canvas', at]];
}

const spaceTap = [
  ['keydown', 'window', { key: ' ', code: 'Space', keyCode: 32 }],
  ['keypress', 'window', { key: ' ', code: 'Space', keyCode: 32, charCode: 32 }],
  ['keyup', 'window', { key: ' ', code: 'Space', keyCode: 32 }],
];

// Frames once the page stopped drawing (fails if it keeps drawing for `timeout` ms).
async function settledFrames(page, timeout = 15000) {
  const t0 = Date.now();
  let last = (await state(page)).frames;
  for (;;) {
    await page.waitForTimeout(1000);
    const f = (await state(page)).frames;
    if (f === last) return f;
    check(Date.now() - t0 < timeout, `the page kept drawing with nothing to do (${f} frames)`);
    last = f;
  }
}

const sameAxes = (a, b) => [0, 1].every((i) => a.x[i] === b.x[i] && a.y[i] === b.y[i]);
const axesMoved = (what, a, b) => `${what} panned the plot: ${JSON.stringify(a)} -> ${JSON.stringify(b)}`;

export async function inputAndIdle(buildDir) {
  const server = await serve(buildDir);
  const browser = await launch({ hasTouch: true });
  try {
    const { page, errors } = await openPage(browser.context, server.url + 'index.html');
    await waitForFrames(page, 10);
    const plot = await widget(page, 'series_plot');

    // Idle: no frames while nothing changes, until input arrives.
    await page.mouse.move(plot.cx, plot.y + plot.h * 0.8);
    const awakeFps = (await state(page)).fps;
    const f0 = await settledFrames(page);
    await page.waitForTimeout(2000);
    const f1 = (await state(page)).frames;
    check(f1 === f0, `the idle page drew ${f1 - f0} frames in 2 s`);
    await page.mouse.move(plot.cx + 40, plot.y + plot.h * 0.8);
    await page.waitForTimeout(600);
    const woken = await state(page);
    check(woken.frames > f1, 'a mouse move should wake the page');
    const fps = `${awakeFps.toFixed(1)} fps before sleeping, ${woken.fps.toFixed(1)} after`;
    console.log(`  idle: no frames in 2 s; a mouse move drew ${woken.frames - f1} (${fps})`);
    check(woken.fps > awakeFps * 0.7, `the fps figure should not count the sleep (${fps})`);

    // A click with no hover before it, all in one frame, then a tap: the view stays put.
    await settledFrames(page);
    const axes = (await state(page)).series_axes;
    await burst(page, clickAt(plot.cx, plot.cy));
    await nextFrame(page, 4);
    let s = await state(page);
    check(sameAxes(s.series_axes, axes), axesMoved('a click without hover', axes, s.series_axes));
    await page.waitForTimeout(500);  // not a double-click (that fits the view)
    await page.touchscreen.tap(plot.x + plot.w * 0.3, plot.y + plot.h * 0.4);
    await nextFrame(page, 4);
    s = await state(page);
    check(sameAxes(s.series_axes, axes), axesMoved('a tap', axes, s.series_axes));

    // A click whose down and up land within one frame presses the button under it.
    const pen = await widget(page, 'tool_pen'), off = await widget(page, 'tool_off');
    await burst(page, clickAt(pen.cx, pen.cy));
    await nextFrame(page, 4);
    check((await state(page)).tool === 'pen', 'a click within one frame should choose the pen');
    await burst(page, clickAt(off.cx, off.cy));
    await nextFrame(page, 4);
    check((await state(page)).tool === 'off', 'a click within one frame should put the pen away');

    // So does a key tap: Space starts training, and pauses it (a run of seconds, long enough).
    await typeInto(page, 'length', '4000');
    await typeInto(page, 'look_back', '50');
    await page.mouse.move(5, 5);
    await nextFrame(page);
    await burst(page, spaceTap);
    await nextFrame(page, 3);
    s = await state(page);
    check(s.series.length === 4000 && s.config.data.look_back === 50, 'typing into sliders failed');
    check(s.training, 'a Space tap within one frame should start training');
    await burst(page, spaceTap);
    await nextFrame(page, 3);
    s = await state(page);
    check(!s.training && !s.progress.done, 'a second Space tap within one frame should pause');
    check(errors.length === 0, `errors in the page:\n${errors.join('\n')}`);
  } finally {
    await browser.close();
    await server.close();
  }
}
