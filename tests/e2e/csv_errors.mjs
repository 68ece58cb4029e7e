// CSV through the browser's file picker (page.setInputFiles on index.html's input), parse_csv's
// messages in the UI, and clear messages instead of crashes for setups that cannot train.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, openPage, waitForFrames, check } from './harness.mjs';
import { state, nextFrame, click } from './ui.mjs';

export async function csvAndErrors(buildDir) {
  const server = await serve(buildDir);
  const browser = await launch();
  const csvPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-csv-')), 'sensors.csv');
  try {
    const { page, errors } = await openPage(browser.context, server.url + 'index.html');
    await waitForFrames(page, 10);

    // An empty series cannot be windowed: Train explains instead of crashing.
    await click(page, 'clear');
    await click(page, 'train');
    let s = await state(page);
    console.log(`  empty series -> "${s.error}"`);
    check(s.error.length > 0 && !s.training, 'training an empty series should show a message');

    const rows = ['time;temp;humidity'];
    for (let t = 0; t < 240; t++)
      rows.push(`${t};${(20 + 5 * Math.sin(t / 8)).toFixed(3)};${(50 + 10 * Math.cos(t / 12)).toFixed(3)}`);
    rows.splice(40, 0, '39.5;oops;51');
    fs.writeFileSync(csvPath, rows.join('\n') + '\n');
    await page.setInputFiles('#csv-file', csvPath);
    await page.waitForFunction(() => window.lstmState().series.label.includes('sensors.csv'), null, { timeout: 10000 });
    await nextFrame(page, 3);
    s = await state(page);
    console.log(`  CSV: ${s.series.length} rows x ${s.series.width} (${s.series.names.join(', ')}); messages: ${JSON.stringify(s.csv.messages)}`);
    check(s.series.width === 3 && s.series.length === 240, `expected 240 rows x 3 columns, got ${s.series.length} x ${s.series.width}`);
    check(s.csv.error === '' && s.csv.messages.length > 0, 'the skipped line should be reported');
    check(s.series.undo >= 1, 'loading a CSV keeps the previous series for Undo');

    // Parallel setup on temp + humidity, a few epochs: trains without errors.
    await click(page, 'setup_2');
    s = await state(page);
    check(s.config.data.setup === 'parallel', 'parallel setup should be picked');
    await click(page, 'train');
    await page.waitForFunction(() => window.lstmState().progress.epoch >= 3, null, { timeout: 60000 });
    // A worker may finish these few epochs before the click lands: pause only a running job. If
    // the run finished between the look and the click, the click trained again: let it finish.
    if ((await state(page)).training) await click(page, 'train');  // pause
    await page.waitForFunction(() => !window.lstmState().training, null, { timeout: 60000 });
    s = await state(page);
    check(!s.training && s.error === '', `pausing (or finishing) should leave no error: "${s.error}"`);
    await nextFrame(page, 10);
    await page.locator('#canvas').screenshot({ path: path.join(buildDir, 'screenshot-csv.png') });
    check(errors.length === 0, `errors in the page:\n${errors.join('\n')}`);
  } finally {
    fs.rmSync(path.dirname(csvPath), { recursive: true, force: true });
    await browser.close();
    await server.close();
  }
}
