// Browser end-to-end suites, run by CTest: node tests/e2e/run.mjs <web build dir>
// Each suite gets a fresh Chromium profile; any console or page error fails it.
import path from 'node:path';
import { smoke } from './smoke.mjs';

const buildDir = path.resolve(process.argv[2] || 'build/web');
const suites = [['smoke', smoke]];
let failed = 0;
for (const [name, fn] of suites) {
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
