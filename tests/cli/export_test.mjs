// Exported scripts end to end: node tests/cli/export_test.mjs <lstm-cli binary>
// lstm-cli trains a few epochs and writes the PyTorch and Keras scripts and the CSVs; Debian's
// python3-torch runs the PyTorch script, whose forecast must match the CLI's within
// 1e-4 (absolute + relative). The Keras script (no TensorFlow in Debian) must at least compile.
// Every cell: LSTM (nn.LSTM / HandLSTM), GRU (nn.GRU / HandGRU), SimpleRNN (nn.RNN); the transforms.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { check, finish, lastJson } from './check.mjs';

const cli = process.argv[2];
const python = '/usr/bin/python3';
const ATOL = 1e-4, RTOL = 1e-4;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-export-'));
// Two related series with a quoted, comma-holding name for the CSV quoting.
const csv = path.join(tmp, 'two.csv');
const rows = Array.from({ length: 240 }, (_, t) => {
  const a = Math.sin(2 * Math.PI * t / 40) * 20 + 50;
  const b = Math.cos(2 * Math.PI * t / 40) * 3 + 0.5 * Math.sin(t / 7);
  return `${a.toFixed(4)},${b.toFixed(4)}`;
});
fs.writeFileSync(csv, 'level,"rate, per day"\n' + rows.join('\n') + '\n');

const common = ['train', '--csv', csv, '--look-back', '8', '--epochs', '4', '--batch', '16', '--seed', '3'];
const cases = [
  { name: 'tanh/sigmoid, 2 layers, univariate, min-max', steps: 12,
    args: ['--columns', 'level', '--hidden', '8,5'] },
  { name: 'relu/hard_sigmoid, z-score', steps: 12,
    args: ['--columns', 'level', '--hidden', '6', '--activation', 'relu',
           '--recurrent-activation', 'hard_sigmoid', '--scale', 'zscore', '--lr', '0.01'] },
  { name: 'parallel, 2 columns, tanh/hard_sigmoid', steps: 9,
    args: ['--columns', 'level,1', '--targets', 'level,1', '--hidden', '7,7',
           '--recurrent-activation', 'hard_sigmoid'] },
  { name: 'multi-step horizon 3 (rollout 7, not a multiple), no scaling', steps: 7,
    args: ['--columns', 'level', '--horizon', '3', '--hidden', '5', '--scale', 'none'] },
  // The transforms before scaling (issue 11), inverted in the scripts' forecasts.
  { name: 'log + trend removed + seasonal differencing (m detected), test split', steps: 45,
    args: ['--columns', 'level', '--hidden', '6', '--log', '--detrend', '--diff', 'seasonal', '--test-split', '0.2'] },
  { name: 'lag-1 differencing, multi-step horizon 3, z-score', steps: 7,
    args: ['--columns', 'level', '--horizon', '3', '--hidden', '5', '--diff', 'lag1', '--scale', 'zscore'] },
  // pyHas / kerasHas: what the scripts must build for the cell; absent: what neither may hold.
  { name: 'GRU tanh/sigmoid, 2 layers', steps: 12,
    pyHas: ['nn.GRU(n_in, units, batch_first=True)'],
    kerasHas: ['tf.keras.layers.GRU(8, activation="tanh", recurrent_activation="sigmoid", reset_after=True, return_sequences=True)'],
    args: ['--cell', 'gru', '--columns', 'level', '--hidden', '8,5'] },
  { name: 'GRU relu/hard_sigmoid, z-score', steps: 12,
    pyHas: ['class HandGRU(nn.Module)', 'ACTIVATION = torch.relu', 'RECURRENT_ACTIVATION = hard_sigmoid'],
    kerasHas: ['tf.keras.layers.GRU(6, activation="relu", recurrent_activation=hard_sigmoid, reset_after=True)'],
    args: ['--cell', 'gru', '--columns', 'level', '--hidden', '6', '--activation', 'relu',
           '--recurrent-activation', 'hard_sigmoid', '--scale', 'zscore', '--lr', '0.01'] },
  { name: 'SimpleRNN tanh, parallel, 2 columns, 2 layers', steps: 9,
    pyHas: ['NONLINEARITY = "tanh"', 'nn.RNN(n_in, units, nonlinearity=NONLINEARITY, batch_first=True)'],
    kerasHas: ['tf.keras.layers.SimpleRNN(7, activation="tanh", return_sequences=True)'],
    args: ['--cell', 'simple_rnn', '--columns', 'level,1', '--targets', 'level,1', '--hidden', '7,7'] },
  { name: 'SimpleRNN relu, multi-step horizon 2', steps: 7,
    pyHas: ['NONLINEARITY = "relu"'], absent: ['def hard_sigmoid', 'recurrent activation', 'recurrent_activation='],
    kerasHas: ['tf.keras.layers.SimpleRNN(6, activation="relu")'],
    args: ['--cell', 'simple_rnn', '--columns', 'level', '--horizon', '2', '--hidden', '6',
           '--activation', 'relu', '--recurrent-activation', 'hard_sigmoid', '--lr', '0.01'] },
];

let worst = 0;
for (const c of cases) {
  const py = path.join(tmp, 'model.py'), keras = path.join(tmp, 'model_keras.py');
  const fcsv = path.join(tmp, 'forecast.csv'), pcsv = path.join(tmp, 'pred.csv');
  const r = spawnSync(cli, [...common, ...c.args, '--forecast', String(c.steps),
    '--export-pytorch', py, '--export-keras', keras, '--export-forecast', fcsv,
    '--export-predictions', pcsv], { encoding: 'utf8', timeout: 300000 });
  const j = lastJson(r.stdout);
  const ok = r.status === 0 && j && j.error === null;
  check(`${c.name}: lstm-cli trains and exports`, ok, ok ? '' : r.stdout.slice(-300) + r.stderr.slice(-300));
  if (!ok) continue;

  if (c.pyHas) {
    const pyText = fs.readFileSync(py, 'utf8'), kerasText = fs.readFileSync(keras, 'utf8');
    const missing = [...c.pyHas.filter(p => !pyText.includes(p)), ...c.kerasHas.filter(p => !kerasText.includes(p))];
    check(`${c.name}: the scripts build the model's cell`, missing.length === 0, missing.join(' | '));
    // No LSTM module, layer or wording where the cell is another (the product name aside).
    const lstm = /nn\.LSTM|HandLSTM|lstm_layer|layers\.LSTM|LSTM\(|LSTM units|Stacked LSTM/;
    const left = [pyText, kerasText].map(x => (x.match(lstm) || [''])[0]).filter(Boolean);
    check(`${c.name}: no LSTM left in the scripts`, left.length === 0, left.join(' | '));
    if (c.absent) check(`${c.name}: nothing of the unused recurrent activation`,
      !c.absent.some(p => pyText.includes(p) || kerasText.includes(p)));
  }

  const run = spawnSync(python, [py], { encoding: 'utf8', timeout: 300000 });
  const line = run.stdout.split('\n').find(l => l.startsWith('FORECAST_JSON: '));
  check(`${c.name}: the PyTorch script runs`, run.status === 0 && line, run.stderr.slice(-600));
  if (!line) continue;
  const got = JSON.parse(line.slice('FORECAST_JSON: '.length)).flat();
  const want = j.forecast;
  let maxErr = 0, bad = 0;
  for (let k = 0; k < want.length; ++k) {
    const err = Math.abs(got[k] - want[k]);
    maxErr = Math.max(maxErr, err);
    if (!(err <= ATOL + RTOL * Math.abs(want[k]))) bad++;
  }
  worst = Math.max(worst, maxErr);
  check(`${c.name}: PyTorch forecast matches the C++ one`, got.length === want.length && bad === 0,
    `${want.length} values, max |error| ${maxErr.toExponential(2)}`);

  const compile = spawnSync(python, ['-m', 'py_compile', keras], { encoding: 'utf8' });
  check(`${c.name}: the Keras script compiles`, compile.status === 0, compile.stderr.slice(-400));

  const flines = fs.readFileSync(fcsv, 'utf8').trim().split('\n');
  const fvals = flines.slice(1).flatMap(l => l.split(',').slice(1).map(Number));
  check(`${c.name}: forecast CSV holds the forecast`, flines.length === c.steps + 1 &&
    flines[1].startsWith('240,') && fvals.every((v, k) => Math.abs(v - want[k]) <= 1e-6 * (1 + Math.abs(v))),
    flines.slice(0, 2).join(' | '));
  const plines = fs.readFileSync(pcsv, 'utf8').trim().split('\n');
  check(`${c.name}: predictions CSV has a row per series row`, plines.length === 241 &&
    plines[0].startsWith('step,level,level predicted') && plines[0].endsWith(',split'), plines[0]);
}
console.log(`max |PyTorch - C++| over all forecasts: ${worst.toExponential(2)}`);

// Multivariate input: no rollout (rate is not predicted); the script still runs and says so.
{
  const py = path.join(tmp, 'mv.py');
  const r = spawnSync(cli, [...common, '--columns', 'level,1', '--targets', 'level', '--hidden', '4',
    '--export-pytorch', py], { encoding: 'utf8', timeout: 300000 });
  check('multivariate input: exported', r.status === 0, r.stdout.slice(-300));
  const run = spawnSync(python, [py], { encoding: 'utf8', timeout: 300000 });
  check('multivariate input: next prediction only, FORECAST_JSON []',
    run.status === 0 && /No recursive forecast/.test(run.stdout) && run.stdout.trim().endsWith('FORECAST_JSON: []'),
    run.stdout.slice(-300) + run.stderr.slice(-300));
}

// --export-forecast without --forecast: a JSON error, non-zero status.
{
  const r = spawnSync(cli, [...common, '--export-forecast', path.join(tmp, 'x.csv')], { encoding: 'utf8' });
  const j = lastJson(r.stdout);
  check('--export-forecast needs --forecast', r.status !== 0 && /--forecast/.test(j?.error ?? ''), j?.error);
  const w = spawnSync(cli, [...common, '--columns', 'level', '--export-pytorch', path.join(tmp, 'no/such/dir.py')],
    { encoding: 'utf8' });
  check('unwritable export path: JSON error', w.status !== 0 && /Cannot write/.test(lastJson(w.stdout)?.error ?? ''));
}

fs.rmSync(tmp, { recursive: true, force: true });
finish();
