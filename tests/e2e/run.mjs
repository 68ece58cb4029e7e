// Browser end-to-end suites, run by CTest: node tests/e2e/run.mjs <web build dir>
// Each suite gets a fresh Chromium profile; any console or page error fails it.
import path from 'node:path';
import { smoke } from './smoke.mjs';
import { trainDrawn } from './train_drawn.mjs';
import { csvAndErrors } from './csv_errors.mjs';
import { shareLink } from './share_link.mjs';
import { workerRun } from './worker_run.mjs';
import { inputAndIdle } from './input_idle.mjs';
import { compareMemory } from './compare_memory.mjs';
import { forecasting } from './forecasting.mjs';
import { autosave } from './autosave.mjs';
import { limits } from './limits.mjs';
import { phoneTouch } from './phone_touch.mjs';
import { embedDist } from './embed_dist.mjs';
import { fonts } from './fonts.mjs';
import { notebookExport } from './notebook_export.mjs';

const buildDir = path.resolve(process.argv[2] || 'build/web');
const suites = [['smoke', smoke], ['train_drawn', trainDrawn], ['csv_and_errors', csvAndErrors],
  ['share_link', shareLink], ['worker_run', workerRun], ['limits', limits], ['input_and_idle', inputAndIdle],
  ['compare_memory', compareMemory], ['forecasting', forecasting], ['autosave', autosave], ['embed_dist', embedDist], ['phone_touch', phoneTouch],
  ['fonts', fonts], ['notebook_export', notebookExport]];
// CTest's list of suites must be this one: run.mjs <dir> --expect a,b,c fails otherwise.
if (process.argv[3] === '--expect') {
  const want = process.argv[4].split(',').sort().join(), have = suites.map(([n]) => n).sort().join();
  console.log(want === have ? 'CTest lists every suite' : `CTest lists ${want}\nrun.mjs has ${have}`);
  process.exit(want === have ? 0 : 1);
}
const only = process.env.E2E_ONLY;  // e.g. E2E_ONLY=train_drawn (CTest runs one suite per entry)
let failed = 0;
for (const name of only ? only.split(',') : [])
  if (!suites.some(([n]) => n === name)) {
    console.log(`FAIL unknown suite "${name}" (E2E_ONLY)`);
    failed++;
  }
for (const [name, fn] of suites) {
  if (only && !only.split(',').includes(name)) continue;
  const t0 = Date.now();
  try {
    await fn(buildDir);
    console.log(`PASS ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${name}: ${err.stack || err}`);
  }
}
process.exit(failed ? 1 : 0);
