// The benchmark: node bench/run.mjs (bash bench/run.sh builds and installs first).
// Three workloads x engines: ours native (build/bench-native/bench_native), ours wasm in headless
// Chromium (build/bench-web, bench/page.html), TF.js wasm + cpu in the same page, brain.js in
// node, PyTorch (1 thread). Prints one markdown table and writes it to bench/RESULTS.md.
// Env: WARM_S (warm-up cap, s), CAP_S (timed cap per engine and workload, s), ENGINES (comma list).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, serve } from '../tests/e2e/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const loadAtStart = os.loadavg()[0];
const root = path.resolve(here, '..');
const WARM_S = Number(process.env.WARM_S || 6), CAP_S = Number(process.env.CAP_S || 20);
const ENGINES = (process.env.ENGINES || 'ours-native,ours-wasm,pytorch,tfjs-wasm,tfjs-cpu,brainjs').split(',');

// s[t] for t = 0..n-1
const SERIES = {
  sine: (t) => Math.sin(2 * Math.PI * t / 50),
  sines: (t) => 0.6 * Math.sin(2 * Math.PI * t / 37) + 0.3 * Math.sin(2 * Math.PI * t / 11.3) +
                0.1 * Math.cos(2 * Math.PI * t / 5.1),
};
// max_epochs bounds the timed phase for fast engines (CAP_S bounds it for slow ones).
const WORKLOADS = [
  { name: 'sine_seed', series: 'sine', n: 1000, look_back: 10, layers: 1, units: 4, batch: 1, max_epochs: 1000 },
  { name: 'medium', series: 'sines', n: 4000, look_back: 50, layers: 1, units: 64, batch: 32, max_epochs: 5 },
  { name: 'large', series: 'sines', n: 1200, look_back: 100, layers: 2, units: 128, batch: 64, max_epochs: 2 },
];
const TARGET = { sine_seed: 300000, medium: 4000, large: 170 };  // ours-wasm, samples/s
for (const w of WORKLOADS) w.series = Array.from({ length: w.n }, (_, t) => Math.fround(SERIES[w.series](t)));
const spec = { warm_s: WARM_S, cap_s: CAP_S, workloads: WORKLOADS };
const specPath = path.join(os.tmpdir(), `lstm-bench-spec-${process.pid}.json`);
fs.writeFileSync(specPath, JSON.stringify(spec));

// Training flops per sample = 3 x forward; forward = sum over layers 2 T 4u (in + u) + head 2 u.
function gflop_per_sample(w) {
  let f = 0, inp = 1;
  for (let l = 0; l < w.layers; ++l) { f += 2 * w.look_back * 4 * w.units * (inp + w.units); inp = w.units; }
  return 3 * (f + 2 * w.units) / 1e9;
}

const results = {};  // engine -> workload -> result
const log = (m) => process.stderr.write(m + '\n');
function runLines(engine, cmd, args) {
  log(`[bench] ${engine}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26,
                                    timeout: (WARM_S + CAP_S + 120) * 1000 * WORKLOADS.length });
  if (r.status !== 0) log(`[bench] ${engine} failed (${r.status ?? r.signal}): ${r.stderr.slice(-2000)}`);
  results[engine] = {};
  for (const line of (r.stdout || '').split('\n')) {
    if (!line.startsWith('{')) continue;
    const o = JSON.parse(line);
    results[engine][o.name] = o.result;
    log(`[bench] ${engine} ${o.name}: ${JSON.stringify(o.result)}`);
  }
}

if (ENGINES.includes('ours-native')) runLines('ours-native', path.join(root, 'build/bench-native/bench_native'), [specPath]);
if (ENGINES.includes('pytorch')) runLines('pytorch', '/usr/bin/python3', [path.join(here, 'peer_torch.py'), specPath]);
if (ENGINES.includes('brainjs')) runLines('brainjs', 'node', [path.join(here, 'peer_brain.cjs'), specPath]);

const pageEngines = ENGINES.filter((e) => ['ours-wasm', 'tfjs-wasm', 'tfjs-cpu'].includes(e));
if (pageEngines.length) {
  const server = await serve(root);
  const { context, close } = await launch();
  try {
    for (const engine of pageEngines) {
      results[engine] = {};
      for (const w of WORKLOADS) {
        // A fresh page per run: no engine inherits another's heap or JIT state.
        const page = await context.newPage();
        page.on('pageerror', (e) => log(`[bench] page error: ${e.message}`));
        await page.goto(server.url + 'bench/page.html');
        log(`[bench] ${engine} ${w.name} ...`);
        try {
          const r = await page.evaluate(async ([engine, spec, w]) => (
            engine === 'ours-wasm' ? window.benchOurs(spec, w)
              : window.benchTfjs(engine === 'tfjs-wasm' ? 'wasm' : 'cpu', spec, w)), [engine, spec, w]);
          results[engine][w.name] = r;
          log(`[bench] ${engine} ${w.name}: ${JSON.stringify(r)}`);
        } catch (e) {
          log(`[bench] ${engine} ${w.name} failed: ${e.message}`);
        }
        await page.close();
      }
    }
  } finally {
    await close();
    await server.close();
  }
}
fs.rmSync(specPath, { force: true });

// ---- the table ----
const fmt = (v, d = 1) => (v == null || !Number.isFinite(v) ? '—' : v >= 1000 ? Math.round(v).toLocaleString('en-US') : v.toFixed(d));
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}×` : '—');
const rows = [];
rows.push('| workload | engine | samples/s | GFLOP/s | ours-wasm ÷ engine | ours-native ÷ engine | final loss | epochs run |');
rows.push('|---|---|---:|---:|---:|---:|---:|---:|');
for (const w of WORKLOADS) {
  const gf = gflop_per_sample(w);
  const ow = results['ours-wasm']?.[w.name]?.samples_per_s, on = results['ours-native']?.[w.name]?.samples_per_s;
  for (const e of ENGINES) {
    const r = results[e]?.[w.name];
    const sps = r?.samples_per_s;
    rows.push(`| ${w.name} | ${e} | ${fmt(sps)} | ${sps ? (sps * gf).toFixed(2) : '—'} | ${e === 'ours-wasm' ? '' : ratio(ow, sps)} | ${e === 'ours-native' ? '' : ratio(on, sps)} | ${r && Number.isFinite(r.loss) && r.loss >= 0 ? r.loss.toPrecision(3) : '—'} | ${r ? r.epochs.toFixed(2) : '—'} |`);
  }
}
const targets = WORKLOADS.map((w) => {
  const ow = results['ours-wasm']?.[w.name]?.samples_per_s, on = results['ours-native']?.[w.name]?.samples_per_s;
  const pt = results.pytorch?.[w.name]?.samples_per_s;
  let s = `- ${w.name}: wasm ${fmt(ow)} vs target ${TARGET[w.name].toLocaleString('en-US')} (${ow >= TARGET[w.name] ? 'met' : 'missed'}, ${ratio(ow, TARGET[w.name])})`;
  if (w.name !== 'sine_seed') s += `; native ${fmt(on)} vs 2× PyTorch ${fmt(2 * pt)} (${on >= 2 * pt ? 'met' : 'missed'})`;
  return s;
});
const cpu = (execFileSync('lscpu', { encoding: 'utf8' }).match(/Model name:\s*(.*)/) || [])[1] || os.cpus()[0].model;
const table = rows.join('\n');
const md = `# Benchmark results

Written by \`bash bench/run.sh\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpu}, ${os.cpus().length} cores, 1-minute load average ${loadAtStart.toFixed(1)} at the start and ${os.loadavg()[0].toFixed(1)} at the end${loadAtStart > 1.5 || os.loadavg()[0] > 1.5 ? ' (other work shared the 2 cores during this run: expect every engine, ours and the peers, to be slower than on an idle machine)' : ''}.

Protocol: f32, MSE, Adam lr 1e-3, shuffled batches. Each engine: one warm-up epoch (cut at ${WARM_S} s, not timed), then whole batches until ${CAP_S} s or max_epochs (sine_seed 1000, medium 5, large 2); samples/s is what was measured over that timed phase, nothing extrapolated. GFLOP/s = samples/s × 3 × forward flops per sample, forward = Σ_layers 2·T·4u·(in+u) + 2·u (head). Final loss: mean training MSE of the last timed epoch (or of the timed batches if no epoch completed); brain.js reports its own per-sequence error and updates per sample (no batches, no Adam). "epochs run" counts warm-up + timed.

${table}

Targets:
${targets.join('\n')}
`;
console.log(table + '\n\n' + targets.join('\n'));
const out = path.resolve(here, process.env.RESULTS || 'RESULTS.md');
// Hand-written notes below this marker survive a rerun.
const KEEP = '<!-- notes: kept by bench/run.mjs -->';
const old = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
fs.writeFileSync(out, md + (old.includes(KEEP) ? '\n' + old.slice(old.indexOf(KEEP)) : ''));
log(`[bench] wrote ${out}`);
