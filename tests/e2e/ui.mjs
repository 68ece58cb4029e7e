// Helpers to drive the ImGui canvas like a user: widget rectangles come from the read-only state
// (window.lstmState().widgets), data coordinates of the series plot from its axes.
export const state = (page) => page.evaluate(() => window.lstmState());

// ImGui 1.86 reads the mouse once per frame: wait for the next frame after each input. The app
// stops drawing while nothing changes: the wait wakes it, as input would.
export async function nextFrame(page, count = 1) {
  const f = (await state(page)).frames;
  await page.waitForFunction((n) => {
    if (window.lstmState().frames >= n) return true;
    window.Module._lstm_wake();
    return false;
  }, f + count, { polling: 'raf', timeout: 20000 });
}

// Presses a key for a whole frame: ImGui 1.86 reads key state once per frame, so a press and
// release that land in the same frame would go unseen (as a very short tap would at low fps).
export async function tapKey(page, key) {
  await page.keyboard.down(key);
  await nextFrame(page, 2);
  await page.keyboard.up(key);
}

export async function widget(page, name) {
  const w = (await state(page)).widgets[name];
  if (!w) throw new Error(`widget "${name}" is not on screen`);
  return { x: w[0], y: w[1], w: w[2], h: w[3], cx: w[0] + w[2] / 2, cy: w[1] + w[3] / 2 };
}

export async function click(page, name) {
  const w = await widget(page, name);
  await page.mouse.move(w.cx, w.cy);
  await nextFrame(page);
  await page.mouse.down();
  await nextFrame(page);
  await page.mouse.up();
  await nextFrame(page, 2);
}

// Ctrl+click an ImGui slider turns it into a text field: type a value and press Enter.
export async function typeInto(page, name, text) {
  const w = await widget(page, name);
  await page.mouse.move(w.x + w.w * 0.3, w.cy);
  await nextFrame(page);
  await page.keyboard.down('Control');
  await page.mouse.down();
  await nextFrame(page);
  await page.mouse.up();
  await page.keyboard.up('Control');
  await nextFrame(page, 2);
  await page.keyboard.press('Control+A');
  await nextFrame(page);
  await page.keyboard.type(text, { delay: 30 });
  await nextFrame(page);
  await page.keyboard.press('Enter');
  await nextFrame(page, 3);
}

// Data coordinates -> page pixels on the series plot.
export async function seriesToPixels(page) {
  const s = await state(page);
  const [rx, ry, rw, rh] = s.widgets.series_plot;
  const [x0, x1] = s.series_axes.x, [y0, y1] = s.series_axes.y;
  return (x, y) => ({ px: rx + (x - x0) / (x1 - x0) * rw, py: ry + (1 - (y - y0) / (y1 - y0)) * rh });
}

// Draws y = f(x) for x in [x0, x1] on the series plot with the pen (one mouse sample per frame).
export async function drawCurve(page, f, x0 = 0, x1 = 199.6, dx = 1.5) {
  const toPx = await seriesToPixels(page);
  let p = toPx(x0, f(x0));
  await page.mouse.move(p.px, p.py);
  await nextFrame(page);
  await page.mouse.down();
  for (let x = x0 + 1; x <= x1 - 0.1; x += dx) {
    p = toPx(x, f(x));
    await page.mouse.move(p.px, p.py);
    await nextFrame(page);
  }
  p = toPx(x1, f(x1));
  await page.mouse.move(p.px, p.py);
  await nextFrame(page);
  await page.mouse.up();
  await nextFrame(page, 2);
}

// Presses Train and waits for the last epoch (and its predictions); returns the state.
export async function trainToEnd(page, timeout = 180000) {
  await click(page, 'train');
  await page.waitForFunction(() => {
    const st = window.lstmState();
    return st.progress.done && !st.training && st.metrics.current;
  }, null, { timeout, polling: 250 });
  return state(page);
}

// Opens a menu of the status bar ("menu_share", "menu_export") and clicks an item inside it.
export async function menuClick(page, menu, item) {
  if (!(await state(page)).widgets[item]) await click(page, menu);
  await click(page, item);
}

// The settings panel scrolls: wheel it until the widget is inside the viewport (800 px high).
export async function scrollTo(page, name) {
  for (let i = 0; i < 20; ++i) {
    const w = (await state(page)).widgets[name];
    if (w && w[1] >= 40 && w[1] + w[3] <= 790) return;
    await page.mouse.move(150, 400);
    await page.mouse.wheel(0, !w || w[1] > 400 ? 120 : -120);
    await nextFrame(page, 2);
  }
  throw new Error(`could not scroll "${name}" into view`);
}
