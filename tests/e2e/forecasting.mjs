// Forecasting as a practitioner (issue 11), as a new user would: load a trending, seasonal
// monthly CSV (Mauna Loa CO2, tests/data), hold out a test part, difference at lag 1, train,
// and read the verdict: the model beats naive and seasonal naive on the test part, the bands
// cover about their share of test points over a year ahead, and lstm-cli gives the same figures for the same
// settings. Then a 3-fold walk-forward backtest, each fold a run of its own.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serve, launch, openPage, waitForFrames, check } from './harness.mjs';
import { state, nextFrame, click, typeInto } from './ui.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const csv = path.join(root, 'tests/data/co2-concentration.csv');

function cliPath(buildDir) {
  const p = process.env.LSTM_CLI || path.join(buildDir, '..', 'native', 'lstm-cli');
  if (!fs.existsSync(p)) throw new Error(`lstm-cli not found at ${p} (set LSTM_CLI)`);
  return p;
}

const rel = (a, b) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);

export async function forecasting(buildDir) {
  const cli = cliPath(buildDir);
  const server = await serve(buildDir);
  const browser = await launch();
  try {
    const { page, errors } = await openPage(browser.context, server.url + 'index.html');
    await waitForFrames(page, 10);
    await page.setInputFiles('#csv-file', csv);
    await page.waitForFunction(() => window.lstmState().series.label.includes('co2'), null, { timeout: 10000 });
    await click(page, 'setup_0');  // univariate: CO2 itself
    await typeInto(page, 'look_back', '24');
    await typeInto(page, 'units_1', '32');
    await typeInto(page, 'lr', '0.003');
    await typeInto(page, 'epochs', '60');
    await typeInto(page, 'test_split', '0.2');
    await click(page, 'diff_lag1');
    await typeInto(page, 'rollout_steps', '12');  // a year ahead: the bands' horizon
    let s = await state(page);
    const d = s.config.data;
    console.log(`  ${s.series.length} rows, columns ${s.series.names.join(', ')}; look_back ${d.look_back}, ` +
                `test_split ${d.test_split}, difference ${d.difference}, units ${s.config.model.units[0]}`);
    check(d.setup === 'univariate' && d.look_back === 24 && d.difference === 'lag1' && Math.abs(d.test_split - 0.2) < 1e-6,
      'the settings should have landed');
    check(s.series.names[d.input_cols[0]] === 'CO2', `the modelled column should be CO2, not ${s.series.names[d.input_cols[0]]}`);

    await click(page, 'train');
    await page.waitForFunction(() => { const x = window.lstmState(); return x.progress.done && x.evaluation && x.metrics.current; },
      null, { timeout: 180000 });
    s = await state(page);
    const e = s.evaluation, t = e.test;
    const mase = (m) => m.mase.toFixed(3);
    console.log(`  season m = ${e.season}${e.season_detected ? ' (detected)' : ''}; test part ${t.windows} windows: ` +
                `MASE model ${mase(t.model)}, naive ${mase(t.baselines.naive)}, seasonal naive ${mase(t.baselines.seasonal_naive)}, ` +
                `drift ${mase(t.baselines.drift)}, mean ${mase(t.baselines.mean)} -> "${t.verdict}"`);
    console.log(`  bands: 80 % covers ${(100 * e.intervals.coverage80).toFixed(1)} % of ${e.intervals.test_points80} test points, ` +
                `95 % covers ${(100 * e.intervals.coverage95).toFixed(1)} % of ${e.intervals.test_points95}`);
    check(e.season === 12 && e.season_detected, `a monthly series should have m = 12, got ${e.season}`);
    check(t.model.mase < t.baselines.naive.mase && t.model.mase < t.baselines.seasonal_naive.mase,
      'with differencing the model should beat naive and seasonal naive on the test part');
    check(/^beats /.test(t.verdict), `the verdict should say the model beats a baseline: "${t.verdict}"`);
    check(e.intervals.coverage80 > 0.6 && e.intervals.coverage80 < 0.95, '80 % band coverage should be near 80 %');
    check(e.intervals.coverage95 > 0.8 && e.intervals.coverage95 <= 1, '95 % band coverage should be near 95 %');
    await click(page, 'tab_metrics');
    await nextFrame(page, 4);
    await page.locator('#canvas').screenshot({ path: path.join(buildDir, 'screenshot-forecasting.png') });

    // The CLI with the same settings: the same split, season and (within float differences
    // between wasm and native training) the same figures.
    const r = spawnSync(cli, ['train', '--csv', csv, '--columns', 'CO2', '--look-back', '24', '--hidden', '32',
      '--lr', '0.003', '--epochs', '60', '--test-split', '0.2', '--diff', 'lag1', '--forecast', String(s.rollout.steps)],
      { encoding: 'utf8', timeout: 300000 });
    const json = JSON.parse(r.stdout.trim().split('\n').pop());
    check(json.error === null, `lstm-cli failed: ${json.error}`);
    const ce = json.evaluation;
    const pairs = [['test windows', ce.test.windows, t.windows], ['season', ce.season, e.season],
      ['naive MASE (test)', ce.test.baselines.naive.mase, t.baselines.naive.mase],
      ['seasonal naive MASE (test)', ce.test.baselines.seasonal_naive.mase, t.baselines.seasonal_naive.mase],
      ['model MASE (test)', ce.test.model.mase, t.model.mase], ['model RMSE (val)', ce.val.model.rmse, s.evaluation.val.model.rmse],
      ['80 % coverage', json.intervals.test_coverage['80'], e.intervals.coverage80]];
    for (const [name, a, b] of pairs) console.log(`  CLI vs page, ${name}: ${a} vs ${b} (rel ${rel(a, b).toExponential(2)})`);
    check(ce.test.windows === t.windows && ce.season === e.season, 'the CLI should split and detect the season like the page');
    check(rel(ce.test.baselines.naive.mase, t.baselines.naive.mase) < 1e-9 &&
          rel(ce.test.baselines.seasonal_naive.mase, t.baselines.seasonal_naive.mase) < 1e-9,
      'the baselines do not train: the CLI and the page must agree exactly');
    check(rel(ce.test.model.mase, t.model.mase) < 0.02, 'the model MASE of the CLI and the page should agree within 2 %');
    check(ce.test.verdict === t.verdict || rel(ce.test.model.mase, t.model.mase) < 0.02, 'the same verdict');

    // Walk-forward backtest: 3 folds, each a run (in parallel), each tested on its own part.
    await click(page, 'tab_backtest');
    await click(page, 'run_backtest');
    await page.waitForFunction(() => {
      const x = window.lstmState();
      return x.backtest.folds === 3 && x.runs.length === 3 &&
             x.runs.every((r) => r.phase === 'idle' && r.evaluation && r.evaluation.test.windows > 0 && r.epoch === 60);
    }, null, { timeout: 300000 });
    s = await state(page);
    const folds = s.runs.map((r) => ({ fold: r.fold, rows: r.rows, mase: r.evaluation.test.model.mase,
      naive: r.evaluation.test.baselines.naive.mase })).sort((a, b) => a.fold - b.fold);
    for (const f of folds) console.log(`  fold ${f.fold + 1}: ${f.rows || s.series.length} rows, test MASE ${f.mase.toFixed(3)} (naive ${f.naive.toFixed(3)})`);
    check(folds.map((f) => f.fold).join() === '0,1,2', 'three folds');
    check(folds[0].rows < folds[1].rows && folds[1].rows < s.series.length, 'an expanding window');
    await nextFrame(page, 4);
    await page.locator('#canvas').screenshot({ path: path.join(buildDir, 'screenshot-backtest.png') });
    check(errors.length === 0, `errors in the page:\n${errors.join('\n')}`);
  } finally {
    await browser.close();
    await server.close();
  }
}
