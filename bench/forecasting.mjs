// Forecasting table (issue 11): public series (tests/data) x transforms, test-part MASE of naive,
// seasonal naive and the model, and the 80 % / 95 % bands' coverage on the test part, all from
// lstm-cli's JSON. Usage: node bench/forecasting.mjs <lstm-cli> [out.md]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = process.argv[2] || path.join(root, 'build/native/lstm-cli');
const out = process.argv[3];
const data = (f) => path.join(root, 'tests/data', f);

// look_back about two seasons; a year (or 12 steps) ahead for the bands.
const series = [
  { name: 'CO2, monthly (741)', csv: data('co2-concentration.csv'), column: 'CO2', lookBack: 24, forecast: 12 },
  { name: 'US nonfarm employment, monthly (120)', csv: data('us-employment.csv'), column: 'nonfarm', lookBack: 12, forecast: 12 },
  { name: 'global temperature, yearly (144)', csv: data('global-temp.csv'), column: 'temp', lookBack: 10, forecast: 10 },
  { name: 'Seattle max temperature, daily (1461)', csv: data('seattle-weather.csv'), column: 'temp_max', lookBack: 30, forecast: 30 },
  // Three years of training rows are too few to detect a yearly season: the user gives m.
  { name: 'Seattle max temperature, daily, m = 365 given', csv: data('seattle-weather.csv'), column: 'temp_max', lookBack: 30,
    forecast: 30, extra: ['--season', '365'] },
];
const transforms = [
  { name: 'none', args: [] },
  { name: 'diff lag 1', args: ['--diff', 'lag1'] },
  { name: 'diff seasonal', args: ['--diff', 'seasonal'] },
  { name: 'remove trend', args: ['--detrend'] },
];
const common = ['--hidden', '32', '--epochs', '60', '--lr', '0.003', '--test-split', '0.2', '--seed', '1'];

const f3 = (v) => (v === null || v === undefined ? '-' : v.toFixed(3));
const pct = (v) => (v === null || v === undefined ? '-' : (100 * v).toFixed(0) + ' %');
const lines = ['| series | transform | m | naive | seasonal naive | model | verdict (test) | 80 % band | 95 % band |',
               '|---|---|---:|---:|---:|---:|---|---:|---:|'];
for (const s of series)
  for (const t of transforms) {
    const t0 = Date.now();
    const r = spawnSync(cli, ['train', '--csv', s.csv, '--columns', s.column, '--look-back', String(s.lookBack),
      '--forecast', String(s.forecast), ...common, ...(s.extra || []), ...t.args], { encoding: 'utf8', timeout: 600000 });
    const j = JSON.parse(r.stdout.trim().split('\n').pop());
    if (j.error) { lines.push(`| ${s.name} | ${t.name} | | | | | ${j.error} | | |`); continue; }
    const e = j.evaluation, test = e.test, iv = j.intervals;
    lines.push(`| ${s.name} | ${t.name} | ${e.season} | ${f3(test.baselines.naive.mase)} | ${f3(test.baselines.seasonal_naive.mase)} | ` +
               `${f3(test.model.mase)} | ${test.verdict} | ${pct(iv.test_coverage['80'])} | ${pct(iv.test_coverage['95'])} |`);
    console.error(`${s.name} / ${t.name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
const text = `Test-part MASE (scaled by the in-sample seasonal naive MAE), LSTM(32), 60 epochs, lr 0.003, ` +
  `test_split 0.2, val_split 0.2, seed 1; bands: split-conformal from the validation part, coverage of ` +
  `the test part's actual values by rollouts of the forecast length from each test window.\n\n` + lines.join('\n') + '\n';
console.log(text);
if (out) fs.writeFileSync(out, text);
