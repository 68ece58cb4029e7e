// A user's first session: clear the series, draw five periods of a wave with the mouse, pick the
// univariate setup, press Train, and check the model learned it: validation loss down >= 10x and
// validation RMSE below the naive (persistence) baseline. The Inside panel's "One step" tab draws
// the cell at a step the user scrubs. Space pauses and resumes.
import path from 'node:path';
import { serve, launch, openPage, waitForFrames, check } from './harness.mjs';
import { state, nextFrame, tapKey, click, widget, seriesToPixels, drawCurve, typeInto } from './ui.mjs';
import { decodePng, distinctColors } from './png.mjs';

export async function trainDrawn(buildDir) {
  const server = await serve(buildDir);
  const browser = await launch();
  try {
    const { page, errors } = await openPage(browser.context, server.url + 'index.html');
    await waitForFrames(page, 10);
    await page.locator('#canvas').screenshot({ path: path.join(buildDir, 'screenshot-start.png') });

    await click(page, 'clear');
    let s = await state(page);
    check(s.series.length === 0 && s.tool === 'pen', `Clear should empty the series and pick the pen: ${JSON.stringify(s.series)}`);

    // Draw y = sin(2 pi x / 40) over x in [0, 199], one mouse sample per frame.
    await drawCurve(page, (x) => Math.sin(2 * Math.PI * x / 40));
    s = await state(page);
    console.log(`  drawn series: ${s.series.length} rows`);
    check(s.series.length >= 195 && s.series.length <= 201, `the drawn series should have ~200 rows, got ${s.series.length}`);

    await click(page, 'tool_off');
    await click(page, 'setup_0');
    s = await state(page);
    check(s.config.data.setup === 'univariate', `setup should be univariate: ${s.config.data.setup}`);

    await click(page, 'train');
    check((await state(page)).training || (await state(page)).progress.done, 'Train should start training');
    await page.waitForFunction(() => {
      const st = window.lstmState();
      return st.progress.done && !st.training && st.metrics.current;
    }, null, { timeout: 180000, polling: 250 });
    s = await state(page);
    const val = s.losses.val;
    console.log(`  ${s.progress.epoch} epochs, val_loss ${val[0].toExponential(3)} -> ${val[val.length - 1].toExponential(3)}, ` +
      `val RMSE model ${s.metrics.model_rmse.toFixed(4)} vs naive ${s.metrics.naive_rmse.toFixed(4)}, ` +
      `${Math.round(s.progress.samples_per_s)} samples/s, ${s.fps.toFixed(1)} fps`);
    check(s.error === '', `no error expected, got "${s.error}"`);
    check(val[0] / val[val.length - 1] >= 10, `validation loss should fall at least 10x: ${val[0]} -> ${val[val.length - 1]}`);
    check(s.metrics.model_rmse < s.metrics.naive_rmse, `model RMSE ${s.metrics.model_rmse} should beat naive ${s.metrics.naive_rmse}`);
    check(s.rollout.steps > 0 && s.rollout.error === '', 'a univariate model should roll out past the end');

    // Hover a sample on the timeline: it becomes the highlighted window.
    const plot = await widget(page, 'series_plot');
    const toPx2 = await seriesToPixels(page);
    const h = toPx2(150, 0);
    await page.mouse.move(h.px, plot.y + plot.h * 0.3);
    await nextFrame(page, 3);
    await page.mouse.down();
    await nextFrame(page);
    await page.mouse.up();
    await nextFrame(page, 3);
    s = await state(page);
    check(Math.abs(s.selected_window - (150 - s.config.data.look_back)) <= 1, `clicking row 150 should select window ~140, got ${s.selected_window}`);
    await page.locator('#canvas').screenshot({ path: path.join(buildDir, 'screenshot-trained.png') });

    // Inside panel, "One step": the cell's data flow with this window's numbers at a scrubbed step.
    await click(page, 'inside_tab_step');
    const diagram = await widget(page, 'cell_step');
    check(diagram.w >= 200 && diagram.h >= 100, `the One step diagram should fill the panel: ${JSON.stringify(diagram)}`);
    const clip = { x: diagram.x, y: diagram.y, width: diagram.w, height: diagram.h };
    await page.mouse.move(5, 5);
    await nextFrame(page, 2);
    const lastStep = await page.screenshot({ clip });
    check(distinctColors(decodePng(lastStep)) >= 30, 'the One step diagram should be drawn');
    await typeInto(page, 'inside_step', '0');
    await page.mouse.move(5, 5);
    await nextFrame(page, 2);
    const firstStep = await page.screenshot({ clip });
    check(!firstStep.equals(lastStep), 'scrubbing to t = 0 should change the numbers the diagram shows');

    // Space toggles training when no text field is active.
    await page.mouse.move(5, 5);
    const before = (await state(page)).progress.train_seconds;
    await tapKey(page, 'Space');
    await nextFrame(page, 2);
    const after = await state(page);
    // Started: still training, or already through another short run (which restarts the clock).
    check(after.training === true || after.progress.train_seconds !== before, 'Space should start training');
    // A fast machine may finish the 60 epochs within a frame or two; pause only a running job.
    if ((await state(page)).training) {
      await tapKey(page, 'Space');
      await nextFrame(page, 2);
      const st = await state(page);
      check(st.training === false, 'Space again should pause training');
      // The run may end between reading the state and the key landing; then there was no pause.
      if (st.progress.done) console.log('  (training finished before the second Space landed)');
    } else console.log('  (training finished before the second Space: pause not checked)');
    check(errors.length === 0, `errors in the page:\n${errors.join('\n')}`);
  } finally {
    await browser.close();
    await server.close();
  }
}
