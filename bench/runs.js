// window.benchRuns(count, opts): starts `count` dedicated Web Workers (the page's run_worker.js),
// each training the same workload on the "sine" preset with its own seed, lets them warm up for
// opts.warm_s, then measures opts.cap_s seconds. Progress comes from each worker's last published
// snapshot ({bench_progress} messages, see web/platform/run_worker.js).
// Returns {workers, seconds, samples, samples_per_s, per_worker: [{samples, samples_per_s,
// train_seconds, in_trainer_per_s}]}.
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function startWorker(url, args) {
  const w = new Worker(url);
  const waiting = [];
  const errors = [];
  w.onmessage = (e) => {
    if (e.data.bench_progress) waiting.shift()?.(e.data.bench_progress);
    else if (e.data.error) errors.push(e.data.error);
  };
  w.onerror = (e) => errors.push(e.message);
  w.postMessage({ bench: args });
  // [samples, seconds inside Trainer::step] of the last snapshot the worker published.
  const progress = () => new Promise((resolve) => {
    waiting.push(resolve);
    w.postMessage({ bench_progress: true });
  });
  return { w, progress, errors };
}

window.benchRuns = async (count, o) => {
  const runs = [];
  for (let i = 0; i < count; ++i)
    runs.push(startWorker(o.worker_url, [o.length, o.look_back, o.units, o.batch, o.epochs, i + 1]));
  const all = () => Promise.all(runs.map((r) => r.progress()));
  const t00 = performance.now();
  // Started: every worker has published a snapshot with samples.
  while ((await all()).some(([s]) => !(s > 0))) {
    const errs = runs.flatMap((r) => r.errors);
    if (errs.length) throw new Error(errs.join('; '));
    if (performance.now() - t00 > 60000) throw new Error('the workers did not start training');
    await sleep(50);
  }
  const started_s = (performance.now() - t00) / 1000;
  await sleep(o.warm_s * 1000);
  const a = await all();
  const t0 = performance.now();
  await sleep(o.cap_s * 1000);
  const b = await all();
  const seconds = (performance.now() - t0) / 1000;
  for (const r of runs) r.w.terminate();
  const per_worker = a.map(([s0, ts0], i) => {
    const [s1, ts1] = b[i];
    return { samples: s1 - s0, samples_per_s: (s1 - s0) / seconds, train_seconds: ts1 - ts0,
             in_trainer_per_s: (s1 - s0) / Math.max(ts1 - ts0, 1e-9) };
  });
  const samples = per_worker.reduce((t, p) => t + p.samples, 0);
  return { workers: count, started_s, seconds, samples, samples_per_s: samples / seconds, per_worker };
};
