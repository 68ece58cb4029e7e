// The page's notebook export (Export > Jupyter notebook): one click downloads lstm_pipeline.ipynb;
// Debian's jupyter-nbconvert executes it (tests/cli/notebook_run.mjs) and the forecast it prints
// must be the page's forecast CSV of the same run, within 1e-4 relative (notebook_run.mjs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compareForecast, executeNotebook } from '../cli/notebook_run.mjs';
import { serve, launch, openPage, waitForFrames, check } from './harness.mjs';
import { click, drawCurve, trainToEnd, menuClick, scrollTo, typeInto } from './ui.mjs';

// forecastCsv: the page's "step,<target>,..." export of the same run. Returns the worst
// relative error and how many values were compared.
export async function checkNotebookExport(page, forecastCsv, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }),
    menuClick(page, 'menu_export', 'export_notebook')]);
  check(download.suggestedFilename() === 'lstm_pipeline.ipynb', `notebook download: ${download.suggestedFilename()}`);
  await download.saveAs(path.join(dir, 'lstm_pipeline.ipynb'));
  const run = executeNotebook(dir, 'lstm_pipeline.ipynb');
  check(run.ok, `jupyter-nbconvert should execute the page's notebook: ${run.stderr.slice(-1500)}`);
  const want = forecastCsv.trim().split('\n').slice(1).flatMap((l) => l.split(',').slice(1).map(Number));
  const { worst, bad } = compareForecast((run.json('FORECAST_JSON') ?? []).flat(), want, 1e-4);
  check(want.length > 0 && bad === 0,
    `the notebook's forecast should be the page's (${want.length} values): worst relative error ${worst.toExponential(2)}`);
  return { values: want.length, worst, seconds: run.seconds };
}

// The suite: a drawn series trained 20 epochs with the page's other defaults, its forecast CSV
// and its notebook.
export async function notebookExport(buildDir) {
  const server = await serve(buildDir);
  const browser = await launch();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-notebook-e2e-'));
  try {
    const { page, errors } = await openPage(browser.context, server.url + 'index.html');
    await waitForFrames(page, 10);
    await click(page, 'clear');
    await drawCurve(page, (x) => Math.sin(2 * Math.PI * x / 40) + 0.3 * Math.sin(x / 7));
    await click(page, 'tool_off');
    await click(page, 'setup_0');
    await scrollTo(page, 'epochs');
    await typeInto(page, 'epochs', '20');
    const t0 = Date.now();
    const trained = await trainToEnd(page);
    check(trained.error === '' && trained.config.train.epochs === 20,
      `training 20 epochs should succeed: "${trained.error}", ${trained.config.train.epochs} epochs`);
    console.log(`  trained ${trained.config.train.epochs} epochs in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }),
      menuClick(page, 'menu_export', 'export_forecast')]);
    const csv = path.join(tmp, 'forecast.csv');
    await download.saveAs(csv);
    const r = await checkNotebookExport(page, fs.readFileSync(csv, 'utf8'), path.join(tmp, 'notebook'));
    console.log(`  notebook: ${r.values} forecast values, worst relative error ${r.worst.toExponential(2)}, ` +
      `executed in ${r.seconds.toFixed(1)} s`);
    check(errors.length === 0, `page errors: ${errors.join(' | ')}`);
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
