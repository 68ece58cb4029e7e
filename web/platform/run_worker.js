// A dedicated Web Worker running one training run: the lstm-worker wasm module (RunEngine) fed
// with command bytes from the page, publishing snapshot bytes back as transferable buffers.
// Work happens in ~4 ms slices scheduled through a MessageChannel (setTimeout(0) would be
// clamped to 4 ms), so commands from the page land between slices.
// The module's file names (content-hashed in the bundle) come in this script's URL fragment,
// "#lstm-worker.js=...&lstm-worker.wasm=..." (worker_runner.cpp); relative to this script.
const assets = new URLSearchParams(self.location.hash.slice(1));
const assetUrl = (name) => assets.get(name) || name;
importScripts(assetUrl('lstm-worker.js'));

let mod = null;
const early = [];  // commands that arrived before the module was ready
const channel = new MessageChannel();
let scheduled = false;

function publish() {
  const n = mod._lstm_worker_snapshot_size();
  if (n <= 0) return;
  const p = mod._lstm_worker_snapshot_data();
  const bytes = mod.HEAPU8.slice(p, p + n);
  postMessage({ snapshot: bytes.buffer }, [bytes.buffer]);
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  channel.port2.postMessage(0);
}

// A crash inside the module (abort(), out of memory, a wasm trap) throws out of its call: the page
// is told {crashed: why} (worker_runner.cpp restarts the run's worker) and this one stops.
function guarded(work) {
  return (...args) => {
    try {
      work(...args);
    } catch (err) {
      const why = mod.lstmAbortMessage || String((err && err.message) || err).replace(/\. Build with .*$/s, '');
      postMessage({ crashed: why });
      close();
    }
  };
}

channel.port1.onmessage = guarded(() => {
  scheduled = false;
  const more = mod._lstm_worker_tick();
  publish();
  if (more) schedule();
});

function command(buffer) {
  const bytes = new Uint8Array(buffer);
  const p = mod._malloc(bytes.length);
  mod.HEAPU8.set(bytes, p);
  const ok = mod._lstm_worker_command(p, bytes.length);
  mod._free(p);
  if (!ok) postMessage({ error: 'the Web Worker received a damaged command' });
  publish();
  schedule();
}

// bench/runs.js only: {bench: [length, look_back, units, batch, epochs, seed]} sets up and starts
// a run on the "sine" preset; {bench_progress: true} answers {bench_progress: [samples, seconds]}.
function bench(data) {
  if (data.bench) {
    mod._lstm_worker_bench_setup(...data.bench);
    publish();
    schedule();
  } else {
    postMessage({ bench_progress: [mod._lstm_worker_bench_progress(0), mod._lstm_worker_bench_progress(1)] });
  }
}
// tests/e2e/limits.mjs only: {test_crash: 0} aborts the module, {test_crash: 1} runs it out of memory.
const receive = guarded((data) => (data.test_crash !== undefined ? mod._lstm_worker_test_crash(data.test_crash)
  : data.bench || data.bench_progress ? bench(data) : command(data)));

onmessage = (e) => (mod ? receive(e.data) : early.push(e.data));

LstmWorker({ locateFile: (name, dir) => dir + assetUrl(name) }).then((m) => {
  mod = m;
  postMessage({ ready: true });  // from here on a failure is a crash of a working worker
  for (const b of early.splice(0)) receive(b);
}).catch((err) => postMessage({ error: 'the training module did not start in the Web Worker: ' + err }));
