// Not a test: measures fps and training samples/s of the page on the medium workload (sine preset,
// 4000 points, look_back 50, LSTM(64), batch 32), set up through the UI like a user would.
// node tests/e2e/measure.mjs <web build dir> [seconds]
import path from 'node:path';
import { serve, launch, openPage, waitForFrames } from './harness.mjs';
import { state, nextFrame, click, typeInto } from './ui.mjs';

const buildDir = path.resolve(process.argv[2] || 'build/web');
const seconds = Number(process.argv[3] || 20);
const server = await serve(buildDir);
const browser = await launch();
try {
  const { page, errors } = await openPage(browser.context, server.url + 'index.html');
  await waitForFrames(page, 10);
  await typeInto(page, 'length', '4000');
  await typeInto(page, 'look_back', '50');
  await typeInto(page, 'units_1', '64');
  let s = await state(page);
  console.log(`config: ${JSON.stringify(s.config)} series ${s.series.length} rows`);
  await nextFrame(page, 30);
  const idle = (await state(page)).fps;
  await click(page, 'train');
  await page.waitForTimeout(3000);
  const a = await state(page);
  const t0 = Date.now();
  const fpsSamples = [];
  while (Date.now() - t0 < seconds * 1000) {
    await page.waitForTimeout(1000);
    fpsSamples.push((await state(page)).fps);
  }
  const b = await state(page);
  const wall = (Date.now() - t0) / 1000;
  const frames = b.frames - a.frames;
  console.log(`idle fps ${idle.toFixed(1)}`);
  console.log(`training: ${frames} frames in ${wall.toFixed(1)} s = ${(frames / wall).toFixed(1)} fps ` +
    `(ImGui avg ${Math.min(...fpsSamples).toFixed(1)}..${Math.max(...fpsSamples).toFixed(1)})`);
  console.log(`main thread per frame while training: ${b.frame_cpu_ms.toFixed(1)} ms, of which trainer.step ` +
    `${b.frame_train_ms.toFixed(1)} ms (${(100 * b.frame_train_ms / b.frame_cpu_ms).toFixed(0)} %): ` +
    `${(1000 / b.frame_cpu_ms).toFixed(0)} fps where the GPU keeps up`);
  console.log(`samples/s: wall-clock ${((b.progress.samples - a.progress.samples) / wall).toFixed(0)}, ` +
    `inside trainer.step ${b.progress.samples_per_s.toFixed(0)}; epoch ${b.progress.epoch}, val_loss ${b.progress.val_loss}`);
  await page.locator('#canvas').screenshot({ path: path.join(buildDir, 'screenshot-medium.png') });
  if (errors.length) console.log(`page errors:\n${errors.join('\n')}`);
} finally {
  await browser.close();
  await server.close();
}
