// Executes an exported notebook with Debian's jupyter-nbconvert (python3-ipykernel, python3-torch,
// python3-matplotlib) and reads what it printed: tests/cli/notebook_test.mjs and the page's
// export check (tests/e2e/notebook_export.mjs).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// Runs dir/<name> in dir, writing dir/executed.ipynb. Jupyter, IPython and matplotlib keep their
// files under HOME: a fresh one in dir, so no user kernel (e.g. a pyenv python without torch) or
// config takes part. MPLBACKEND stays unset: the kernel's inline backend (Agg underneath)
// renders the figure into the notebook, headless.
// Returns { ok, seconds, stderr, outputs (every cell's), lines (stdout), json(prefix) }.
export function executeNotebook(dir, name) {
  const env = { ...process.env, HOME: path.join(dir, 'home'), PYDEVD_DISABLE_FILE_VALIDATION: '1' };
  delete env.MPLBACKEND;
  delete env.JUPYTER_PATH;
  fs.mkdirSync(env.HOME, { recursive: true });
  const executed = path.join(dir, 'executed.ipynb');
  const t0 = Date.now();
  const run = spawnSync('jupyter-nbconvert', ['--to', 'notebook', '--execute', '--output', 'executed.ipynb',
    '--ExecutePreprocessor.timeout=120', name], { encoding: 'utf8', timeout: 240000, env, cwd: dir });
  const ok = run.status === 0 && fs.existsSync(executed);
  const outputs = ok ? JSON.parse(fs.readFileSync(executed, 'utf8')).cells.flatMap((c) => c.outputs ?? []) : [];
  const lines = outputs.filter((o) => o.output_type === 'stream' && o.name === 'stdout')
    .map((o) => [].concat(o.text).join('')).join('').trim().split('\n');
  // The JSON after "PREFIX: " on its printed line (FORECAST_JSON, METRICS_JSON), or undefined.
  const json = (prefix) => {
    const line = lines.find((l) => l.startsWith(prefix + ': '));
    return line === undefined ? undefined : JSON.parse(line.slice(prefix.length + 2));
  };
  return { ok, seconds: (Date.now() - t0) / 1000, stderr: run.stderr ?? String(run.error ?? ''), outputs, lines, json };
}

export const relErr = (got, want) => Math.abs(got - want) / Math.max(Math.abs(want), 1e-12);

// The notebook's numbers against the C++ ones (flat arrays): the worst relative error,
// |got - want| / max(|want|, mean |want|) so values near zero (a sine crossing it) are judged
// against the forecast's typical size, and how many exceed rtol.
export function compareForecast(got, want, rtol) {
  const typical = want.reduce((s, v) => s + Math.abs(v), 0) / Math.max(want.length, 1);
  let worst = 0, bad = 0;
  want.forEach((w, k) => {
    const e = Math.abs(got[k] - w) / Math.max(Math.abs(w), typical, 1e-30);
    worst = Math.max(worst, e);
    if (!(e <= rtol)) bad++;
  });
  return { worst, bad: bad + Math.abs(got.length - want.length) };
}
