// The exported notebook end to end: node tests/cli/notebook_test.mjs <lstm-cli binary>
// lstm-cli trains small models and writes the notebook; Debian's jupyter-nbconvert executes it
// (python3-ipykernel, python3-torch, python3-matplotlib). The forecast it prints (FORECAST_JSON)
// must equal lstm-cli's within 1e-4 relative (to max(|value|, mean |value|): notebook_run.mjs),
// and its metrics (METRICS_JSON: model and baselines, RMSE / MAE / MAPE / sMAPE / MASE on
// validation and test, the season, MASE's scale, the verdict) lstm-cli's "evaluation" within
// 1e-4 relative. The plot must be drawn and saved.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { check, finish, lastJson } from './check.mjs';
import { compareForecast, executeNotebook, relErr } from './notebook_run.mjs';

const cli = process.argv[2];
const RTOL = 1e-4;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-notebook-'));

// (a) a noisy sine like the page's preset; (b) a trending seasonal series (monthly, growing
// amplitude: log, detrend and seasonal differencing); (c) two such series, parallel, 3 steps.
const rows = (n, fn) => Array.from({ length: n }, (_, t) => fn(t).join(',')).join('\n') + '\n';
const noise = (t) => Math.sin(t * 12.9898) * 0.05;
fs.writeFileSync(path.join(tmp, 'sine.csv'),
  'x\n' + rows(200, (t) => [(Math.sin(2 * Math.PI * t / 25) + noise(t)).toFixed(5)]));
const trend = (t, a) => (100 + 2 * t) * (1 + a * Math.sin(2 * Math.PI * t / 12)) * (1 + 0.4 * noise(t));
fs.writeFileSync(path.join(tmp, 'sales.csv'),
  'month,sales,"visits, web"\n' + rows(156, (t) => [t, trend(t, 0.2).toFixed(3), (trend(t, 0.1) * 3).toFixed(3)]));

const common = ['train', '--epochs', '6', '--batch', '16', '--seed', '5'];
const cases = [
  { name: '(a) LSTM(8), sine, no transform', steps: 15,
    args: ['--csv', path.join(tmp, 'sine.csv'), '--look-back', '10', '--hidden', '8'] },
  { name: '(b) log, detrend, seasonal differencing, test split 0.2', steps: 14,
    args: ['--csv', path.join(tmp, 'sales.csv'), '--columns', 'sales', '--look-back', '12', '--hidden', '8',
           '--log', '--detrend', '--diff', 'seasonal', '--test-split', '0.2'] },
  { name: '(c) GRU, 2 columns parallel, horizon 3, lag-1 differencing, z-score', steps: 8,
    args: ['--csv', path.join(tmp, 'sales.csv'), '--columns', 'sales,2', '--targets', 'sales,2', '--horizon', '3',
           '--cell', 'gru', '--look-back', '12', '--hidden', '6', '--diff', 'lag1', '--scale', 'zscore',
           '--test-split', '0.15', '--lr', '0.01'] },
];

// METRICS_JSON against lstm-cli's "evaluation": every number within RTOL, the rest equal.
function compareMetrics(got, want, where, out) {
  if (typeof want === 'number' || want === null) {
    if (want === null || got === null) {
      if (got !== want) out.bad.push(`${where}: ${got} vs ${want}`);
      return;
    }
    const e = relErr(got, want);
    out.worst = Math.max(out.worst, e);
    out.count++;
    if (!(e <= RTOL)) out.bad.push(`${where}: ${got} vs ${want}`);
  } else if (typeof want === 'object') {
    for (const k of Object.keys(want)) {
      if (k === 'count' || k === 'mape_note') continue;  // the notebook prints no counts or notes
      if (!(k in (got ?? {}))) out.bad.push(`${where}.${k} missing`);
      else compareMetrics(got[k], want[k], `${where}.${k}`, out);
    }
  } else if (got !== want) out.bad.push(`${where}: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
}

let worstForecast = 0, worstMetric = 0;
for (const c of cases) {
  const dir = fs.mkdtempSync(path.join(tmp, 'case-'));
  const nb = path.join(dir, 'pipeline.ipynb');
  const r = spawnSync(cli, [...common, ...c.args, '--forecast', String(c.steps), '--export-notebook', nb],
    { encoding: 'utf8', timeout: 120000 });
  const j = lastJson(r.stdout);
  const ok = r.status === 0 && j && j.error === null && fs.existsSync(nb);
  check(`${c.name}: lstm-cli trains and exports`, ok, ok ? '' : r.stdout.slice(-300) + r.stderr.slice(-300));
  if (!ok) continue;

  const text = fs.readFileSync(nb, 'utf8');
  let doc = null;
  try { doc = JSON.parse(text); } catch { /* checked below */ }
  const code = doc ? doc.cells.filter((x) => x.cell_type === 'code') : [];
  check(`${c.name}: nbformat 4, python3 kernel, no outputs`, doc && doc.nbformat === 4 &&
    doc.metadata.kernelspec.name === 'python3' && code.length >= 7 &&
    code.every((x) => x.outputs.length === 0 && x.execution_count === null));
  const again = path.join(dir, 'again.ipynb');
  spawnSync(cli, [...common, ...c.args, '--forecast', String(c.steps), '--export-notebook', again], { encoding: 'utf8' });
  check(`${c.name}: the same run gives the same bytes`, fs.existsSync(again) && fs.readFileSync(again, 'utf8') === text);

  const run = executeNotebook(dir, 'pipeline.ipynb');
  check(`${c.name}: jupyter-nbconvert --execute runs it (${run.seconds.toFixed(1)} s)`, run.ok,
    run.ok ? '' : run.stderr.slice(-1500));
  if (!run.ok) continue;
  const { outputs, lines } = run;

  const fline = lines.find((l) => l.startsWith('FORECAST_JSON: '));
  check(`${c.name}: the last printed line is FORECAST_JSON`, fline && lines[lines.length - 1] === fline);
  if (fline) {
    const want = j.forecast, { worst, bad } = compareForecast(run.json('FORECAST_JSON').flat(), want, RTOL);
    worstForecast = Math.max(worstForecast, worst);
    check(`${c.name}: forecast equals lstm-cli's`, want.length > 0 && bad === 0,
      `${want.length} values, max relative error ${worst.toExponential(2)}`);
  }

  const got = run.json('METRICS_JSON');
  if (got) {
    const want = j.evaluation;
    const out = { worst: 0, count: 0, bad: [] };
    compareMetrics(got, want, 'evaluation', out);
    worstMetric = Math.max(worstMetric, out.worst);
    check(`${c.name}: metrics equal lstm-cli's evaluation`, out.bad.length === 0 && out.count >= (j.evaluation.test.windows ? 54 : 27),
      `${out.count} numbers, max relative error ${out.worst.toExponential(2)}; test MASE ${got.test?.model?.mase} ` +
      `vs ${want.test?.model?.mase}${out.bad.length ? '; ' + out.bad.slice(0, 4).join(' | ') : ''}`);
    const vr = relErr(got.val.model.rmse, j.val_rmse), nr = relErr(got.val.baselines.naive.rmse, j.naive_val_rmse);
    check(`${c.name}: validation RMSE and naive RMSE equal lstm-cli's`, vr <= RTOL && nr <= RTOL,
      `${vr.toExponential(2)}, ${nr.toExponential(2)}`);
  } else check(`${c.name}: METRICS_JSON printed`, false);

  const png = path.join(dir, 'lstm_forecast.png');
  check(`${c.name}: the plot is drawn inline and saved beside the notebook`,
    outputs.some((o) => o.data && o.data['image/png']) && fs.existsSync(png) &&
    fs.readFileSync(png).subarray(1, 4).toString() === 'PNG');
}
console.log(`worst relative difference: forecast ${worstForecast.toExponential(2)}, metrics ${worstMetric.toExponential(2)}`);

// An input column that is not predicted: no rollout, FORECAST_JSON [] (a JSON error from lstm-cli
// would need --forecast; without it the notebook still runs everything else).
{
  const dir = fs.mkdtempSync(path.join(tmp, 'case-'));
  const nb = path.join(dir, 'mv.ipynb');
  const r = spawnSync(cli, [...common, '--csv', path.join(tmp, 'sales.csv'), '--columns', 'sales,2',
    '--targets', 'sales', '--look-back', '6', '--hidden', '4', '--export-notebook', nb], { encoding: 'utf8' });
  check('multivariate input: exported', r.status === 0 && fs.existsSync(nb), r.status === 0 ? '' : r.stdout.slice(-300));
  const run = executeNotebook(dir, 'mv.ipynb');
  check('multivariate input: runs, no forecast, FORECAST_JSON []',
    run.ok && run.lines.includes('No recursive forecast: every input column must also be a target.') &&
    run.lines[run.lines.length - 1] === 'FORECAST_JSON: []', run.ok ? '' : run.stderr.slice(-600));
  const w = spawnSync(cli, [...common, '--csv', path.join(tmp, 'sine.csv'), '--export-notebook',
    path.join(tmp, 'no/such/dir.ipynb')], { encoding: 'utf8' });
  check('unwritable notebook path: JSON error', w.status !== 0 && /Cannot write/.test(lastJson(w.stdout)?.error ?? ''));
}

fs.rmSync(tmp, { recursive: true, force: true });
finish();
