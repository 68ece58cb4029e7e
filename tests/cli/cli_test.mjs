// lstm-cli end to end: node tests/cli/cli_test.mjs <lstm-cli binary>
// A public CSV it did not write must beat the naive persistence baseline; bad input must give a
// JSON error line and a non-zero status, never a crash.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { check, finish } from './check.mjs';

const cli = process.argv[2];
const here = path.dirname(fileURLToPath(import.meta.url));

function run(args) {
  const r = spawnSync(cli, args, { encoding: 'utf8', timeout: 600000 });
  const lines = r.stdout.trim().split('\n');
  let json = null;
  try { json = JSON.parse(lines[lines.length - 1]); } catch { /* reported below */ }
  return { status: r.status, json, stderr: r.stderr, stdout: r.stdout };
}

// Seattle weather: four series in, next day's temp_max out.
const weather = run(['train', '--csv', path.join(here, '../data/seattle-weather.csv'),
  '--columns', 'precipitation,temp_min,wind,temp_max', '--targets', 'temp_max',
  '--look-back', '14', '--hidden', '32', '--epochs', '40', '--seed', '1']);
const weatherOk = weather.status === 0 && weather.json && weather.json.error === null;
check('seattle weather trains', weatherOk, weatherOk ? '' : weather.stdout.slice(-400) + weather.stderr.slice(-400));
if (weather.json) {
  const j = weather.json;
  check('beats the naive baseline', j.val_rmse < j.naive_val_rmse,
    `val RMSE ${j.val_rmse?.toFixed(3)} vs naive ${j.naive_val_rmse?.toFixed(3)}, MAE ${j.val_mae?.toFixed(3)}, ` +
    `${j.epochs_run} epochs, ${Math.round(j.samples_per_s)} samples/s`);
  for (const key of ['train_loss', 'val_loss', 'val_rmse', 'val_mae', 'naive_val_rmse', 'epochs_run', 'samples_per_s', 'forecast', 'error'])
    check(`JSON has ${key}`, key in j);
}

// The same session code trains on a thread (default) and in-frame slices (the page's fallback):
// bit-identical loss histories; without --columns the CSV gets the page's default columns.
{
  const args = ['train', '--csv', path.join(here, '../data/seattle-weather.csv'), '--look-back', '7',
    '--hidden', '8', '--epochs', '3', '--seed', '5'];
  const threaded = run(args), inline = run([...args, '--runner', 'inline']);
  const same = threaded.json && inline.json && threaded.json.history.loss.length === 3 &&
    JSON.stringify(threaded.json.history) === JSON.stringify(inline.json.history);
  check('thread and inline runners train bit-identically', same,
    same ? `val_loss ${threaded.json.history.val_loss.join(', ')}` : threaded.stdout.slice(-300) + inline.stdout.slice(-300));
  // seattle-weather: date (text), precipitation, temp_max, temp_min, wind, weather (text).
  const d = threaded.json?.config?.data;
  check('default columns: the page\'s choice (Parallel over the value columns)',
    d && d.setup === 'parallel' && JSON.stringify(d.input_cols) === '[0,1,2,3]' &&
    JSON.stringify(d.target_cols) === '[0,1,2,3]' && d.horizon === 1, JSON.stringify(d));
  const multi = run([...args, '--horizon', '3'])?.json?.config?.data;
  check('--horizon 3 without --columns: multi-step over the default columns',
    multi && multi.setup === 'multi_step' && multi.horizon === 3 && JSON.stringify(multi.target_cols) === '[0,1,2,3]',
    JSON.stringify(multi));
}

// Weights round trip and forecast: export PyTorch layout, reload it, forecast in data units.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-cli-'));
const sine = path.join(tmp, 'sine.csv');
fs.writeFileSync(sine, 'value\n' + Array.from({ length: 300 }, (_, t) => Math.sin(2 * Math.PI * t / 50).toFixed(6)).join('\n'));
const w = path.join(tmp, 'w.json');
const first = run(['train', '--csv', sine, '--epochs', '3', '--hidden', '8', '--weights-out', w, '--layout', 'pytorch']);
check('weights written', first.status === 0 && fs.existsSync(w) && 'weight_ih_l0' in JSON.parse(fs.readFileSync(w, 'utf8')));
const again = run(['train', '--csv', sine, '--epochs', '1', '--hidden', '8', '--weights-in', w, '--forecast', '5']);
check('weights read back, forecast of 5', again.status === 0 && again.json?.forecast?.length === 5,
  JSON.stringify(again.json));
const wrong = run(['train', '--csv', sine, '--epochs', '1', '--hidden', '9', '--weights-in', w]);
check('mismatched weights: clear error', wrong.status !== 0 && /shape|units|expects|match/i.test(wrong.json?.error ?? ''), wrong.json?.error);

// Bad input: clear message, non-zero status.
const short = path.join(tmp, 'short.csv');
fs.writeFileSync(short, 'v\n1\n2\n3\n');
for (const [name, args, pattern] of [
  ['missing file', ['train', '--csv', path.join(tmp, 'nope.csv')], /Cannot read/],
  ['series too short', ['train', '--csv', short, '--look-back', '10'], /look_back/],
  ['unknown flag', ['train', '--csv', sine, '--frobnicate', '1'], /Unknown flag/],
  ['bad value', ['train', '--csv', sine, '--lr', 'abc'], /--lr/],
  ['unknown column', ['train', '--csv', sine, '--columns', 'nope'], /nope/],
]) {
  const r = run(args);
  check(name, r.status !== 0 && r.json && pattern.test(r.json.error ?? ''), r.json?.error);
}
const help = spawnSync(cli, ['--help'], { encoding: 'utf8' });
check('--help documents the flags', help.status === 0 && help.stdout.includes('--weights-in') && help.stdout.includes('--forecast'));

fs.rmSync(tmp, { recursive: true, force: true });
finish();
