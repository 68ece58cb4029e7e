// In-page engines for bench/run.mjs. Each returns {samples, seconds, samples_per_s, loss, epochs}
// under the protocol of the run: one warm-up epoch cut at warm_s (not timed), then whole batches
// until cap_s seconds or max_epochs epochs.

// Ours: the wasm build of core/ (bench/bench_wasm.cpp), the same Trainer the playground runs.
// w.cell (optional): 'lstm' (default), 'gru' or 'simple_rnn' (lstm::CellKind's labels).
const CELLS = ['lstm', 'gru', 'simple_rnn'];
window.benchOurs = async (spec, w) => {
  const cell = CELLS.indexOf(w.cell || 'lstm');
  if (cell < 0) return { error: `unknown cell ${w.cell}` };
  if (!window.lstmBench) window.lstmBench = await LstmBench();
  const M = window.lstmBench;
  const ptr = M._malloc(w.series.length * 4);
  M.HEAPF32.set(Float32Array.from(w.series), ptr >> 2);
  const out = M._bench_run(ptr, w.series.length, w.look_back, w.layers, w.units, w.batch,
                           spec.warm_s, spec.cap_s, w.max_epochs, cell);
  const json = JSON.parse(M.UTF8ToString(out));
  M._free(ptr);
  return json;
};

// TF.js 4.22 Keras-equivalent model: LSTM layers (sigmoid recurrent activation, unit forget
// bias, glorot / orthogonal init are Keras defaults), Dense(1), Adam(1e-3, eps 1e-7), MSE,
// shuffled batches through trainOnBatch.
window.benchTfjs = async (backend, spec, w) => {
  if (backend === 'wasm') tf.wasm.setWasmPaths('/bench/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
  await tf.setBackend(backend);
  await tf.ready();
  const s = w.series, L = w.look_back, B = w.batch, n = s.length - L;
  const model = tf.sequential();
  for (let l = 0; l < w.layers; ++l) {
    model.add(tf.layers.lstm({
      units: w.units, returnSequences: l < w.layers - 1, recurrentActivation: 'sigmoid',
      unitForgetBias: true, ...(l === 0 ? { inputShape: [L, 1] } : {}),
    }));
  }
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(1e-3, 0.9, 0.999, 1e-7), loss: 'meanSquaredError' });
  const xb = new Float32Array(B * L), yb = new Float32Array(B);
  let order = [], pos = n, epochs = 0, sum = 0, cnt = 0, lastEpochLoss = NaN;
  const shuffle = () => {
    order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; --i) { const j = Math.floor(Math.random() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
    pos = 0; sum = 0; cnt = 0;
  };
  shuffle();
  const batch = async () => {
    const b = Math.min(B, n - pos);
    for (let k = 0; k < b; ++k) {
      const i = order[pos + k];
      for (let t = 0; t < L; ++t) xb[k * L + t] = s[i + t];
      yb[k] = s[i + L];
    }
    const x = tf.tensor3d(xb.subarray(0, b * L), [b, L, 1]), y = tf.tensor2d(yb.subarray(0, b), [b, 1]);
    const loss = await model.trainOnBatch(x, y);
    x.dispose(); y.dispose();
    pos += b; sum += loss * b; cnt += b;
    if (pos >= n) { lastEpochLoss = sum / cnt; ++epochs; shuffle(); }
    return b;
  };
  let t0 = performance.now();
  while (epochs < 1 && performance.now() - t0 < spec.warm_s * 1e3) await batch();
  const e0 = epochs;
  let done = 0, dt = 0;
  t0 = performance.now();
  while (epochs - e0 < w.max_epochs && dt < spec.cap_s) { done += await batch(); dt = (performance.now() - t0) / 1e3; }
  const loss = epochs > e0 ? lastEpochLoss : sum / Math.max(cnt, 1);
  model.dispose();
  return { samples: done, seconds: dt, samples_per_s: done / dt, loss, epochs: epochs + pos / n };
};
