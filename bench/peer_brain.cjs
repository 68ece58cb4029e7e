// brain.js 1.6.1 peer (node): node peer_brain.cjs SPEC.json. LSTMTimeStep with the workload's
// hidden layers, trained on sequences s[i..i+L] (it predicts each next value of the sequence).
// brain.js has no mini-batches or Adam: it updates after every sample with its own rule, so
// "batch" does not apply. Protocol as bench/run.mjs: warm-up epoch (cut at warm_s), then
// samples until cap_s seconds or max_epochs. Its loss is brain.js' own per-sequence error.
const fs = require('fs');
const brain = require('brain.js');

function run(w, warmS, capS) {
  const s = w.series, L = w.look_back, n = s.length - L;
  const data = [];
  for (let i = 0; i < n; ++i) data.push(s.slice(i, i + L + 1));
  const net = new brain.recurrent.LSTMTimeStep({
    inputSize: 1, hiddenLayers: Array(w.layers).fill(w.units), outputSize: 1, learningRate: 1e-3,
  });
  net.train([data[0]], { iterations: 1, log: false, errorThresh: 0 });  // builds the model
  const seqs = net.formatData(data);  // what train() feeds trainPattern
  let order = [], pos = n, epochs = 0, sum = 0, cnt = 0, lastEpochLoss = NaN;
  const shuffle = () => {
    order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; --i) { const j = Math.floor(Math.random() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
    pos = 0; sum = 0; cnt = 0;
  };
  shuffle();
  const sample = () => {
    sum += net.trainPattern(seqs[order[pos++]], true); ++cnt;
    if (pos >= n) { lastEpochLoss = sum / cnt; ++epochs; shuffle(); }
  };
  let t0 = performance.now();
  while (epochs < 1 && performance.now() - t0 < warmS * 1e3) sample();
  const e0 = epochs;
  let done = 0, dt = 0;
  t0 = performance.now();
  while (epochs - e0 < w.max_epochs && dt < capS) { sample(); ++done; dt = (performance.now() - t0) / 1e3; }
  const loss = epochs > e0 ? lastEpochLoss : sum / Math.max(cnt, 1);
  return { samples: done, seconds: dt, samples_per_s: done / dt, loss, epochs: epochs + pos / n };
}

const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
for (const w of spec.workloads) {
  console.log(JSON.stringify({ name: w.name, result: run(w, spec.warm_s, spec.cap_s) }));
}
