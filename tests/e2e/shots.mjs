// Not a test: screenshots of the page at desktop, tablet and phone sizes, idle and after a run,
// for a person to look at. Usage: node tests/e2e/shots.mjs build/web [out-dir]
import path from 'node:path';
import fs from 'node:fs';
import { serve, launch, openPage, waitForFrames } from './harness.mjs';
import { click, nextFrame, trainToEnd } from './ui.mjs';

const buildDir = process.argv[2] || 'build/web';
const outDir = process.argv[3] || path.join(buildDir, 'shots');
fs.mkdirSync(outDir, { recursive: true });
const sizes = [['desktop', 1280, 800], ['tablet', 1024, 768], ['phone', 390, 844]];
const server = await serve(buildDir);
try {
  for (const [name, width, height] of sizes) {
    const browser = await launch({ viewport: { width, height }, hasTouch: name === 'phone' });
    try {
      const { page } = await openPage(browser.context, server.url + 'index.html');
      await waitForFrames(page, 10);
      await page.screenshot({ path: path.join(outDir, `${name}-start.png`) });
      if (name !== 'phone') {
        await click(page, 'add_run');
        await trainToEnd(page);
        await nextFrame(page, 3);
        await page.screenshot({ path: path.join(outDir, `${name}-trained.png`) });
      }
      console.log(`${name}: ${width}x${height}`);
    } finally { await browser.close(); }
  }
} finally { server.close(); }
