// The page loads, the wasm starts with SIMD, ImGui draws real pixels into the WebGL2 canvas.
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPage, waitForFrames, check } from './harness.mjs';
import { decodePng, distinctColors } from './png.mjs';

export async function smoke(buildDir) {
  const server = await serve(buildDir);
  const browser = await launch();
  try {
    const { page, errors } = await openPage(browser.context, server.url + 'index.html');
    const state = await waitForFrames(page, 20);
    console.log(`  state: ${JSON.stringify(state)}`);
    check(state.wasm_simd === true, 'the wasm module should report WASM SIMD active');
    check(/^\d+\.\d+\.\d+/.test(state.version), `unexpected version "${state.version}"`);
    check(await page.evaluate(() => !!document.getElementById('canvas').getContext('webgl2')),
      'the canvas should hold a WebGL2 context');
    const overlayHidden = await page.evaluate(() => getComputedStyle(document.getElementById('overlay')).display === 'none');
    check(overlayHidden, 'the loading overlay should hide once the runtime starts');
    const shot = path.join(buildDir, 'screenshot-smoke.png');
    const png = await page.locator('#canvas').screenshot({ path: shot });
    const colors = distinctColors(decodePng(png));
    console.log(`  screenshot: ${shot} (${colors} distinct colours)`);
    check(colors >= 8, `the canvas looks blank (${colors} distinct colours)`);
    check(errors.length === 0, `errors in the page:\n${errors.join('\n')}`);
  } finally {
    await browser.close();
    await server.close();
  }
}
