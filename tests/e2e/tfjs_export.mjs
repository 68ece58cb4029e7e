// The page's TensorFlow.js export (Export > TensorFlow.js model): one click downloads model.json
// and weights.bin; @tensorflow/tfjs (cpu backend, in node) loads them with tf.loadLayersModel and
// must predict what the page predicted on every window (its predictions CSV), within 1e-5
// relative: |tfjs - page| / max(|page|, mean |page|). Univariate runs only: the CSV's actual
// column is then the model's input series.
import fs from 'node:fs';
import path from 'node:path';
import { check } from './harness.mjs';
import { menuClick } from './ui.mjs';

async function downloadsOf(page, item, count, dir) {
  const got = [];
  const collect = (d) => got.push(d);
  page.on('download', collect);
  await menuClick(page, 'menu_export', item);
  for (const t0 = Date.now(); got.length < count && Date.now() - t0 < 20000;)
    await new Promise((r) => setTimeout(r, 100));
  page.off('download', collect);
  const names = [];
  for (const d of got) {
    names.push(d.suggestedFilename());
    await d.saveAs(path.join(dir, d.suggestedFilename()));
  }
  return names;
}

// predictionsCsv: the page's "step,<target>,<target> predicted,split" export of the same run.
// Returns the worst relative error.
export async function checkTfjsExport(page, predictionsCsv, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const names = await downloadsOf(page, 'export_tfjs', 2, dir);
  check(names.sort().join(',') === 'model.json,weights.bin', `TensorFlow.js export downloads: ${names}`);

  const tf = await import('@tensorflow/tfjs');
  await tf.setBackend('cpu');
  const model = await tf.loadLayersModel({
    load: async () => tf.io.getModelArtifactsForJSON(
      JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8')), async (manifest) => {
        const all = Buffer.concat(manifest.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(dir, p)))));
        return [manifest.flatMap((g) => g.weights), all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength)];
      }),
  });
  const meta = model.getUserDefinedMetadata().lstm_playground;
  check(meta.input_columns.length === 1 && meta.target_columns.length === 1 && meta.horizon === 1,
    `the TensorFlow.js check expects a univariate run: ${JSON.stringify(meta.input_columns)}`);

  const [header, ...lines] = predictionsCsv.trim().split('\n');
  const col = header.split(',');
  const actual = col.indexOf(meta.target_columns[0]), predicted = col.indexOf(`${meta.target_columns[0]} predicted`);
  const rows = lines.map((l) => l.split(','));
  const series = rows.map((c) => Number(c[actual]));
  const L = meta.look_back;
  const predictedRows = rows.map((c, r) => [r, c[predicted]]).filter(([, p]) => p !== '');
  const x = predictedRows.map(([r]) => series.slice(r - L, r).map((v) =>
    [Math.fround((v - meta.input_offset[0]) / meta.input_scale[0])]));
  const input = tf.tensor3d(x);
  const output = model.predict(input);
  const y = Array.from(output.dataSync()).map((v) => v * meta.output_scale[0] + meta.output_offset[0]);
  tf.dispose([input, output]);
  model.dispose();
  const want = predictedRows.map(([, p]) => Number(p));
  const typical = want.reduce((s, v) => s + Math.abs(v), 0) / want.length;
  let worst = want.length ? 0 : Infinity;
  want.forEach((v, k) => { worst = Math.max(worst, Math.abs(y[k] - v) / Math.max(Math.abs(v), typical)); });
  check(worst <= 1e-5, `tf.loadLayersModel should predict the page's ${want.length} predictions: worst relative error ${worst.toExponential(2)}`);
  return { windows: want.length, worst };
}
