// The TensorFlow.js export end to end: node tests/cli/tfjs_test.mjs <lstm-cli binary>
// lstm-cli trains small models and writes --export-tfjs DIR (model.json + weights.bin), every
// window's inputs and C++ outputs (--export-windows, data units) and the Keras script.
// @tensorflow/tfjs (cpu backend) loads the folder with tf.loadLayersModel through an IOHandler
// that reads the two files, predicts the same windows (scaled with the scaler in the model's
// userDefinedMetadata) and must match the C++ outputs within 1e-5 relative, in model units (the
// C++ outputs scaled by the metadata) and in data units (the tfjs outputs unscaled by it).
// TF.js' layers are an independent port of Keras, so this is the Keras check TensorFlow's
// absence prevents. The same windows then go through the exported Keras script's own layer
// definitions (its tf.keras.layers.X(...) lines rebuilt as tf.layers.x(...)) with the weights
// and input scaler embedded in the script. The GRU (reset_after=True) must be refused.
//
// Relative error of an output: |tfjs - C++| / max(|C++|, mean |C++| over the case's outputs),
// so outputs near zero are judged against the outputs' typical size, not against themselves.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';

import { check, finish, lastJson } from './check.mjs';

const cli = process.argv[2];
const RTOL = 1e-5;

// Worst relative error of got against want (flat arrays), as defined above.
function worstRelative(got, want) {
  const typical = want.reduce((s, v) => s + Math.abs(v), 0) / want.length;
  let worst = 0;
  for (let k = 0; k < want.length; ++k)
    worst = Math.max(worst, Math.abs(got[k] - want[k]) / Math.max(Math.abs(want[k]), typical));
  return got.length === want.length ? worst : Infinity;
}

// tf.loadLayersModel's IOHandler for a folder on disk: model.json, then the weights files its
// manifest names, through tfjs' own model.json parser.
function folderHandler(dir) {
  return {
    async load() {
      const modelJSON = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
      return tf.io.getModelArtifactsForJSON(modelJSON, async (manifest) => {
        const specs = manifest.flatMap(group => group.weights);
        const buffers = manifest.flatMap(group => group.paths.map(p => fs.readFileSync(path.join(dir, p))));
        const all = Buffer.concat(buffers);
        return [specs, all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength)];
      });
    },
  };
}

// ---- The data: two related series, as in export_test.mjs ----
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-tfjs-'));
const csv = path.join(tmp, 'two.csv');
const dataRows = Array.from({ length: 240 }, (_, t) => {
  const a = Math.sin(2 * Math.PI * t / 40) * 20 + 50;
  const b = Math.cos(2 * Math.PI * t / 40) * 3 + 0.5 * Math.sin(t / 7);
  return `${a.toFixed(4)},${b.toFixed(4)}`;
});
fs.writeFileSync(csv, 'level,rate\n' + dataRows.join('\n') + '\n');

// (N, L, F) data-unit windows -> model units: (x - offset) / scale in double, rounded to
// float32, as core/data/scaler.h does.
function scaled(inputs, offset, scale) {
  return inputs.map(w => w.map(row => row.map((v, f) => Math.fround((v - offset[f]) / scale[f]))));
}
// (N * O) step-major outputs <-> data units, per target j = o % J.
const unscale = (y, J, scale, offset) => y.map((v, o) => v * scale[o % J] + offset[o % J]);
const rescale = (y, J, scale, offset) => y.map((v, o) => (v - offset[o % J]) / scale[o % J]);

async function predict(model, x) {
  const input = tf.tensor3d(x);
  const y = model.predict(input);
  const out = Array.from(await y.data());
  tf.dispose([input, y]);
  return out;
}

// ---- The exported Keras script's layer definitions, in tfjs ----
const camel = s => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
// 'activation="relu", recurrent_activation=hard_sigmoid, return_sequences=True' -> tfjs args.
// hard_sigmoid is the script's own clip(0.2 x + 0.5, 0, 1), which is tfjs' 'hardSigmoid'.
function kerasArgs(text) {
  const args = {};
  for (const part of text.split(',').map(s => s.trim()).filter(Boolean)) {
    const [key, raw] = part.split('=');
    let value;
    if (raw === 'True' || raw === 'False') value = raw === 'True';
    else if (/^".*"$/.test(raw)) value = camel(raw.slice(1, -1));
    else if (raw === 'hard_sigmoid') value = 'hardSigmoid';
    else throw new Error(`unexpected argument in the Keras script: ${part}`);
    args[camel(key)] = value;
  }
  return args;
}
function pyArray(text, name) {
  const m = text.match(new RegExp(`^${name} = np\\.array\\((\\[.*\\])\\)$`, 'm'));
  return JSON.parse(m[1]);
}
function kerasScriptModel(text) {
  if (/recurrent_activation=hard_sigmoid/.test(text) &&
      !text.includes('return tf.clip_by_value(0.2 * x + 0.5, 0.0, 1.0)'))
    throw new Error('the script\'s hard_sigmoid is not clip(0.2 x + 0.5, 0, 1)');
  const L = Number(text.match(/^LOOK_BACK = (\d+)/m)[1]);
  const F = JSON.parse(text.match(/^INPUT_COLUMNS = (\[.*?\])/m)[1]).length;
  const model = tf.sequential();
  const factory = { LSTM: tf.layers.lstm, GRU: tf.layers.gru, SimpleRNN: tf.layers.simpleRNN };
  const layerLines = [...text.matchAll(/^ {4}tf\.keras\.layers\.(LSTM|GRU|SimpleRNN)\((\d+), (.*)\),$/gm)];
  if (!layerLines.length) throw new Error('no recurrent layer line in the Keras script');
  layerLines.forEach(([, cls, units, rest], k) => {
    const args = { units: Number(units), ...kerasArgs(rest) };
    if (k === 0) args.inputShape = [L, F];
    model.add(factory[cls](args));
  });
  if (!/^ {4}tf\.keras\.layers\.Dense\(N_OUTPUTS\),$/m.test(text)) throw new Error('no Dense head line');
  const weights = JSON.parse(text.match(/WEIGHTS = json\.loads\(r"""\n([\s\S]*?)\n"""\)/)[1]);
  model.add(tf.layers.dense({ units: weights.dense_bias.length }));
  // As the script's set_weights: kernel, recurrent_kernel, bias per layer, then the head.
  const tensors = weights.layers.flatMap(w => [tf.tensor(w.kernel), tf.tensor(w.recurrent_kernel), tf.tensor(w.bias)]);
  tensors.push(tf.tensor(weights.dense_kernel), tf.tensor(weights.dense_bias));
  model.setWeights(tensors);
  tf.dispose(tensors);
  return { model, inOffset: pyArray(text, 'IN_OFFSET'), inScale: pyArray(text, 'IN_SCALE') };
}

// ---- The cases ----
const common = ['train', '--csv', csv, '--look-back', '8', '--epochs', '3', '--batch', '16', '--seed', '5'];
const cases = [
  { name: 'LSTM(6) tanh/sigmoid, univariate, min-max', args: ['--columns', 'level', '--hidden', '6'] },
  { name: 'LSTM(8, 5) two layers', args: ['--columns', 'level', '--hidden', '8,5'] },
  { name: 'LSTM(50, activation=relu), the Keras tutorial\'s', args: ['--columns', 'level', '--hidden', '50',
    '--activation', 'relu', '--lr', '0.01'] },
  { name: 'LSTM(7) relu/hard_sigmoid, z-score', args: ['--columns', 'level', '--hidden', '7',
    '--activation', 'relu', '--recurrent-activation', 'hard_sigmoid', '--scale', 'zscore'] },
  { name: 'LSTM(6) multivariate in (level, rate -> level), no scaling', args: ['--columns', 'level,rate',
    '--targets', 'level', '--hidden', '6', '--scale', 'none'] },
  { name: 'LSTM(5, 4) parallel (2 in, 2 out), hard_sigmoid', args: ['--columns', 'level,rate',
    '--targets', 'level,rate', '--hidden', '5,4', '--recurrent-activation', 'hard_sigmoid'] },
  { name: 'LSTM(6) multi-step horizon 3, 2 targets', args: ['--columns', 'level,rate',
    '--targets', 'level,rate', '--horizon', '3', '--hidden', '6'] },
  { name: 'SimpleRNN(6) tanh', args: ['--cell', 'simple_rnn', '--columns', 'level', '--hidden', '6'] },
  { name: 'SimpleRNN(7, 7) relu, parallel, two layers', args: ['--cell', 'simple_rnn', '--columns', 'level,rate',
    '--targets', 'level,rate', '--hidden', '7,7', '--activation', 'relu', '--lr', '0.01'] },
  { name: 'SimpleRNN(5) multi-step horizon 2', args: ['--cell', 'simple_rnn', '--columns', 'level',
    '--horizon', '2', '--hidden', '5'] },
];

await tf.setBackend('cpu');
const summary = [];
for (const c of cases) {
  const dir = path.join(tmp, 'model'), wins = path.join(tmp, 'windows.json'), keras = path.join(tmp, 'keras.py');
  fs.rmSync(dir, { recursive: true, force: true });
  const r = spawnSync(cli, [...common, ...c.args, '--export-tfjs', dir, '--export-windows', wins,
    '--export-keras', keras], { encoding: 'utf8', timeout: 300000 });
  const j = lastJson(r.stdout);
  const ok = r.status === 0 && j && j.error === null;
  check(`${c.name}: lstm-cli trains and exports`, ok, ok ? '' : r.stdout.slice(-300) + r.stderr.slice(-300));
  if (!ok) continue;

  const modelJSON = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
  const specs = modelJSON.weightsManifest.flatMap(g => g.weights);
  const bytes = specs.reduce((s, w) => s + 4 * w.shape.reduce((a, b) => a * b, 1), 0);
  check(`${c.name}: model.json is a layers-model whose manifest sizes weights.bin`,
    modelJSON.format === 'layers-model' && JSON.stringify(modelJSON.weightsManifest.map(g => g.paths)) === '[["weights.bin"]]' &&
    specs.every(w => w.dtype === 'float32') && fs.statSync(path.join(dir, 'weights.bin')).size === bytes,
    `${specs.length} tensors, ${bytes} bytes`);

  const model = await tf.loadLayersModel(folderHandler(dir));
  const meta = model.getUserDefinedMetadata()?.lstm_playground;
  const J = meta.target_columns.length, O = J * meta.horizon;
  const { inputs, outputs } = JSON.parse(fs.readFileSync(wins, 'utf8'));
  const wantData = outputs.flat();  // C++, data units
  check(`${c.name}: the metadata describes the model and the windows`,
    model.inputs[0].shape[1] === meta.look_back && model.inputs[0].shape[2] === meta.input_columns.length &&
    model.outputs[0].shape[1] === O && outputs[0].length === O && inputs[0].length === meta.look_back &&
    inputs[0][0].length === meta.input_columns.length, JSON.stringify(meta.input_columns));

  const got = await predict(model, scaled(inputs, meta.input_offset, meta.input_scale));  // model units
  const rel = worstRelative(got, rescale(wantData, J, meta.output_scale, meta.output_offset));
  check(`${c.name}: tf.loadLayersModel predicts the C++ outputs`, rel <= RTOL,
    `${inputs.length} windows x ${O} outputs, worst relative error ${rel.toExponential(2)} (model units)`);
  const relData = worstRelative(unscale(got, J, meta.output_scale, meta.output_offset), wantData);
  check(`${c.name}: unscaled with the metadata, they are the C++ predictions`, relData <= RTOL,
    `worst relative error ${relData.toExponential(2)} (data units)`);

  let relKeras = NaN;
  try {
    const script = kerasScriptModel(fs.readFileSync(keras, 'utf8'));
    const gotKeras = await predict(script.model, scaled(inputs, script.inOffset, script.inScale));
    relKeras = worstRelative(gotKeras, rescale(wantData, J, meta.output_scale, meta.output_offset));
    script.model.dispose();
  } catch (e) {
    check(`${c.name}: the Keras script's layers build in tfjs`, false, e.message);
  }
  if (!Number.isNaN(relKeras))
    check(`${c.name}: the Keras script's layers and weights predict the C++ outputs`, relKeras <= RTOL,
      `worst relative error ${relKeras.toExponential(2)} (model units)`);
  model.dispose();
  summary.push({ case: c.name, windows: inputs.length, outputs: O, tfjs: rel, keras_script: relKeras, data_units: relData });
}

// The GRU: refused with a reason, nothing written; tfjs itself refuses the script's GRU layers.
{
  const dir = path.join(tmp, 'gru'), keras = path.join(tmp, 'gru.py');
  const r = spawnSync(cli, [...common, '--cell', 'gru', '--columns', 'level', '--hidden', '4',
    '--export-keras', keras, '--export-tfjs', dir], { encoding: 'utf8', timeout: 300000 });
  const err = lastJson(r.stdout)?.error ?? '';
  check('GRU: --export-tfjs refuses with a reason', r.status !== 0 && /reset_after/.test(err) &&
    !fs.existsSync(path.join(dir, 'model.json')), err);
  let tfjsError = '';
  try { kerasScriptModel(fs.readFileSync(keras, 'utf8')); } catch (e) { tfjsError = e.message; }
  check('GRU: tfjs cannot build the Keras script\'s GRU(reset_after=True) either',
    /reset_after/.test(tfjsError), tfjsError);
}

// An unwritable folder: a JSON error.
{
  fs.writeFileSync(path.join(tmp, 'file'), 'x');
  const r = spawnSync(cli, [...common, '--columns', 'level', '--export-tfjs', path.join(tmp, 'file', 'sub')],
    { encoding: 'utf8', timeout: 300000 });
  check('unwritable --export-tfjs folder: JSON error', r.status !== 0 && /Cannot write/.test(lastJson(r.stdout)?.error ?? ''),
    lastJson(r.stdout)?.error);
}

console.log('\nworst relative error per case (|tfjs - C++| / max(|C++|, mean |C++|)):');
for (const s of summary)
  console.log(`  ${s.case.padEnd(58)} ${String(s.windows).padStart(4)} windows x ${s.outputs}: ` +
    `tf.loadLayersModel ${s.tfjs.toExponential(2)}, Keras script layers ${s.keras_script.toExponential(2)}, ` +
    `data units ${s.data_units.toExponential(2)}`);
fs.rmSync(tmp, { recursive: true, force: true });
finish();
