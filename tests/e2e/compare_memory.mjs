// "Why an LSTM", as a new user tries it: pick a memory challenge (the adding problem), press
// "compare with SimpleRNN", press Train. Both runs train side by side in their workers; the LSTM
// solves it and the SimpleRNN does not (validation RMSE), the Runs table and the gradient-over-lag
// plot show both runs, and the saliency of the selected window is there. A link carries both runs.
import path from 'node:path';
import { serve, launch, openPage, waitForFrames, check } from './harness.mjs';
import { state, click, nextFrame, trainToEnd, menuClick } from './ui.mjs';

export async function compareMemory(buildDir) {
  const server = await serve(buildDir);
  const browser = await launch();
  try {
    const { page, errors } = await openPage(browser.context, server.url + 'index.html');
    await waitForFrames(page, 10);
    await click(page, 'preset');
    await click(page, 'preset_memory_adding');
    let s = await state(page);
    check(s.series.names.join(',') === 'value,marker,sum', `the adding problem's columns: ${s.series.names}`);
    check(s.config.data.look_back === 20 && s.config.data.stride === 21, `k = 20: look_back 20, stride 21: ${JSON.stringify(s.config.data)}`);

    await click(page, 'compare');
    await click(page, 'compare_simple_rnn');
    s = await state(page);
    check(s.runs.length === 2 && s.runs[0].cell === 'lstm' && s.runs[1].cell === 'simple_rnn',
      `compare adds a SimpleRNN run beside the LSTM: ${JSON.stringify(s.runs.map((r) => r.cell))}`);

    const t0 = Date.now();
    await trainToEnd(page);
    await page.waitForFunction(() => {
      const st = window.lstmState();
      return st.runs.every((r) => r.epoch === st.config.train.epochs && r.val_rmse !== null && r.grad_by_lag.length > 0);
    }, null, { timeout: 180000, polling: 250 });
    s = await state(page);
    const [lstm, rnn] = s.runs;
    console.log(`  adding problem k=20, ${s.config.train.epochs} epochs in ${((Date.now() - t0) / 1000).toFixed(1)} s: ` +
      `val RMSE LSTM ${lstm.val_rmse.toFixed(4)} vs SimpleRNN ${rnn.val_rmse.toFixed(4)}`);
    check(lstm.val_rmse < 0.5 * rnn.val_rmse, `the LSTM should solve what the SimpleRNN does not: ${lstm.val_rmse} vs ${rnn.val_rmse}`);
    check(lstm.grad_by_lag.length === 20 && rnn.grad_by_lag.length === 20, 'a gradient per lag, per run');
    check(lstm.saliency_cells === 40, `saliency of the selected window: 20 steps x 2 inputs, got ${lstm.saliency_cells}`);

    await click(page, 'tab_runs');
    await nextFrame(page, 3);
    await page.locator('#canvas').screenshot({ path: path.join(buildDir, 'screenshot-compare-runs.png') });
    await click(page, 'tab_gradient');
    await nextFrame(page, 3);
    check((await state(page)).widgets.gradient_plot, 'the gradient-over-lag plot is on screen');
    await page.locator('#canvas').screenshot({ path: path.join(buildDir, 'screenshot-compare-gradient.png') });
    await click(page, 'tab_saliency');
    await nextFrame(page, 3);
    check((await state(page)).widgets.saliency_map, 'the saliency map is on screen');
    await page.locator('#canvas').screenshot({ path: path.join(buildDir, 'screenshot-compare-saliency.png') });

    // The link carries both runs: open it in a fresh page.
    await menuClick(page, 'menu_share', 'copy_link');
    await page.waitForFunction(() => location.hash.length > 1, null, { timeout: 10000 });
    const hash = await page.evaluate(() => location.hash);
    const other = await browser.context.newPage();
    await other.goto(server.url + 'index.html' + hash);
    await waitForFrames(other, 10);
    const o = await state(other);
    check(o.runs.length === 2 && o.runs[1].cell === 'simple_rnn' && o.series.names.join(',') === 'value,marker,sum',
      `the link opens both runs on the adding problem: ${JSON.stringify(o.runs.map((r) => r.cell))}`);
    check(errors.length === 0, errors.join('\n'));
  } finally {
    await browser.close();
    server.close();
  }
}
