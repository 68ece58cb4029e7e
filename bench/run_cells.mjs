// Samples/s per cell on the medium workload: node bench/run_cells.mjs (bash bench/run_cells.sh
// builds first). Engines: ours native (build/bench-native/bench_native), ours wasm in headless
// Chromium (build/bench-web, bench/page.html), PyTorch 1 thread (bench/peer_torch.py:
// nn.LSTM / nn.GRU / nn.RNN). Cells: lstm, gru, simple_rnn. Prints a markdown table (best of REPS
// per engine and cell, ratio to the same engine's LSTM) and writes bench/RESULTS-cells.md.
// Env: WARM_S (warm-up cap, s), CAP_S (timed window, s), REPS (rounds), ENGINES (comma list).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, serve } from '../tests/e2e/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const t0 = Date.now();
const loadAtStart = os.loadavg();
const WARM_S = Number(process.env.WARM_S || 2), CAP_S = Number(process.env.CAP_S || 8);
const REPS = Number(process.env.REPS || 2);
const ENGINES = (process.env.ENGINES || 'ours-native,ours-wasm,pytorch').split(',');
const CELLS = ['lstm', 'gru', 'simple_rnn'];
const TITLE = { lstm: 'LSTM', gru: 'GRU', simple_rnn: 'SimpleRNN' };
const BLOCKS = { lstm: 4, gru: 3, simple_rnn: 1 };  // gate blocks: the width of the gate matmuls
const ENGINE_TITLE = { 'ours-native': 'ours native', 'ours-wasm': 'ours wasm (Chromium)', pytorch: 'PyTorch 1 thread' };

// The medium workload of bench/run.mjs (series "sines", n 4000, look_back 50, 1 x 64 units,
// batch 32), with max_epochs raised so that CAP_S alone ends every timed window.
const SINES = (t) => 0.6 * Math.sin(2 * Math.PI * t / 37) + 0.3 * Math.sin(2 * Math.PI * t / 11.3) +
                     0.1 * Math.cos(2 * Math.PI * t / 5.1);
const MEDIUM = { n: 4000, look_back: 50, layers: 1, units: 64, batch: 32, max_epochs: 1000 };
const series = Array.from({ length: MEDIUM.n }, (_, t) => Math.fround(SINES(t)));
const workload = (cell) => ({ name: `medium_${cell}`, cell, series, ...MEDIUM });

const log = (m) => process.stderr.write(m + '\n');
const runs = [];  // {rep, engine, cell, load, ...result}

function runLines(rep, engine, cmd, cells) {
  const specPath = path.join(os.tmpdir(), `lstm-bench-cells-${process.pid}.json`);
  fs.writeFileSync(specPath, JSON.stringify({ warm_s: WARM_S, cap_s: CAP_S, workloads: cells.map(workload) }));
  const load = os.loadavg()[0];
  log(`[cells] rep ${rep} ${engine}: ${cmd.join(' ')} (load ${load.toFixed(2)})`);
  const r = spawnSync(cmd[0], [...cmd.slice(1), specPath], {
    cwd: root, encoding: 'utf8', maxBuffer: 1 << 26, timeout: (WARM_S + CAP_S + 60) * 1000 * cells.length });
  fs.rmSync(specPath, { force: true });
  if (r.status !== 0) log(`[cells] ${engine} failed (${r.status ?? r.signal}): ${(r.stderr || '').slice(-2000)}`);
  for (const line of (r.stdout || '').split('\n')) {
    if (!line.startsWith('{')) continue;
    const o = JSON.parse(line);
    const cell = o.name.replace(/^medium_/, '');
    runs.push({ rep, engine, cell, load, ...o.result });
    log(`[cells] rep ${rep} ${engine} ${cell}: ${JSON.stringify(o.result)}`);
  }
}

async function runWasm(rep, cells) {
  const server = await serve(root);
  const { context, close } = await launch();
  try {
    for (const cell of cells) {
      // A fresh page per run: no cell inherits another's heap or JIT state.
      const page = await context.newPage();
      page.on('pageerror', (e) => log(`[cells] page error: ${e.message}`));
      await page.goto(server.url + 'bench/page.html');
      await page.waitForFunction(() => typeof window.benchOurs === 'function' && typeof LstmBench === 'function');
      const load = os.loadavg()[0];
      log(`[cells] rep ${rep} ours-wasm ${cell} ... (load ${load.toFixed(2)})`);
      const r = await page.evaluate(([spec, w]) => window.benchOurs(spec, w),
                                    [{ warm_s: WARM_S, cap_s: CAP_S }, workload(cell)]);
      if (r.error) log(`[cells] ours-wasm ${cell} failed: ${r.error}`);
      else runs.push({ rep, engine: 'ours-wasm', cell, load, ...r });
      log(`[cells] rep ${rep} ours-wasm ${cell}: ${JSON.stringify(r)}`);
      await page.close();
    }
  } finally {
    await close();
    await server.close();
  }
}

for (let rep = 1; rep <= REPS; ++rep) {
  // Odd rounds run lstm, gru, simple_rnn; even rounds the reverse, so drifting load hits both ends.
  const cells = rep % 2 ? CELLS : [...CELLS].reverse();
  for (const engine of ENGINES) {
    if (engine === 'ours-native') runLines(rep, engine, [path.join(root, 'build/bench-native/bench_native')], cells);
    else if (engine === 'pytorch') runLines(rep, engine, ['/usr/bin/python3', path.join(here, 'peer_torch.py')], cells);
    else if (engine === 'ours-wasm') await runWasm(rep, cells);
    else log(`[cells] unknown engine ${engine}`);
  }
}
const loadAtEnd = os.loadavg();
const minutes = (Date.now() - t0) / 60000;

// ---- the tables ----
const fmt = (v) => (v == null || !Number.isFinite(v) ? '—' : v >= 1000 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1));
const best = (engine, cell) => runs.filter((r) => r.engine === engine && r.cell === cell)
  .reduce((a, r) => (!a || r.samples_per_s > a.samples_per_s ? r : a), null);
const head = ['cell', ...ENGINES.flatMap((e) => [`${ENGINE_TITLE[e] || e} samples/s`, '÷ its LSTM']), 'flop ratio (4 ÷ gate blocks)'];
const rows = [`| ${head.join(' | ')} |`, `|---|${head.slice(1).map(() => '---:').join('|')}|`];
for (const cell of CELLS) {
  const cols = [TITLE[cell]];
  for (const e of ENGINES) {
    const r = best(e, cell), l = best(e, 'lstm');
    cols.push(fmt(r?.samples_per_s), r && l ? `${(r.samples_per_s / l.samples_per_s).toFixed(2)}×` : '—');
  }
  cols.push(`${(BLOCKS.lstm / BLOCKS[cell]).toFixed(2)}×`);
  rows.push(`| ${cols.join(' | ')} |`);
}
const table = rows.join('\n');
const detail = ['| round | engine | cell | samples/s | timed s | samples | epochs run | final loss | 1-min load at its start |',
                '|---:|---|---|---:|---:|---:|---:|---:|---:|'];
for (const r of runs) {
  detail.push(`| ${r.rep} | ${r.engine} | ${TITLE[r.cell]} | ${fmt(r.samples_per_s)} | ${r.seconds.toFixed(2)} | ${r.samples} | ` +
              `${r.epochs.toFixed(2)} | ${Number.isFinite(r.loss) && r.loss >= 0 ? r.loss.toPrecision(3) : '—'} | ${r.load.toFixed(2)} |`);
}
const cpu = (execFileSync('lscpu', { encoding: 'utf8' }).match(/Model name:\s*(.*)/) || [])[1] || os.cpus()[0].model;
const la = (l) => l.map((x) => x.toFixed(2)).join(' / ');
// The 1-minute load counts the measured process itself (about 1): above 2, something else ran too.
const busy = Math.max(loadAtStart[0], ...runs.map((r) => r.load)) > 2;
const settings = `WARM_S=${WARM_S} CAP_S=${CAP_S} REPS=${REPS}${process.env.ENGINES ? ` ENGINES=${process.env.ENGINES}` : ''}`;
const md = `# Samples/s per cell (medium workload)

Written by \`${settings} bash bench/run_cells.sh\` (these are the defaults${process.env.ENGINES ? ', ENGINES set' : ''}) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpu}, ${os.cpus().length} cores; load average (1 / 5 / 15 min) ${la(loadAtStart)} at the start and ${la(loadAtEnd)} at the end; the measuring took ${minutes.toFixed(1)} min (plus the build in run_cells.sh)${busy ? '. Other work shared the 2 cores during part of this run (the load column below is above 2 somewhere; it counts the measured process itself, about 1): engines measure lower than on an idle machine, and the ratios carry that noise' : '. The load column below counts the measured process itself (about 1)'}.

Workload: bench/run.mjs's medium (its "sines" series, a mix of three sines, 4000 points; look_back 50; one layer of 64 units; batch 32; f32, MSE, Adam lr 1e-3, shuffled batches, no validation split). Protocol: one warm-up epoch cut at ${WARM_S} s (not timed), then whole batches for a timed window of ${CAP_S} s (bench/RESULTS.md uses 6 s / 20 s and max_epochs 5: these windows are shorter so that ${ENGINES.length} engines × 3 cells × ${REPS} rounds fit in about 6 minutes). ${REPS} round(s), one engine at a time within each (cells lstm, gru, simple_rnn in odd rounds, the reverse in even ones); the table shows the best round per engine and cell, every round is listed below. Ours: the same Trainer with \`ModelConfig::cell\` = lstm / gru (Keras reset_after) / simple_rnn, tanh and sigmoid. PyTorch 1.13 (Debian python3-torch, 1 thread): nn.LSTM / nn.GRU / nn.RNN(tanh) + Linear, bench/peer_torch.py. "flop ratio": 4 ÷ gate blocks (LSTM 4, GRU 3, SimpleRNN 1), the speed-up over the LSTM if time were proportional to the gate matmuls' flops (gate nonlinearities, the head and per-batch overheads are not in it, and an engine's kernels may differ per cell, so a measured ratio can land on either side).

${table}

Every round:

${detail.join('\n')}
`;
console.log(table);
const out = path.resolve(here, 'RESULTS-cells.md');
fs.writeFileSync(out, md);
log(`[cells] wrote ${out}`);
