// The user's own text in their script (issue 12 part 3): CSV headers in Thai, Chinese, Japanese,
// Korean, Cyrillic, Greek and accented Latin show as written (no '?' glyph in the legend, the
// column pickers or the CSV box), the font files come from the page's origin only when the text
// needs them, and the first load fetches none (web/platform/script_fonts.*).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, openPage, waitForFrames, check } from './harness.mjs';
import { state, nextFrame, click } from './ui.mjs';

function csv(header) {
  const rows = [header.join(',')];
  for (let t = 0; t < 120; t++)
    rows.push(header.map((_, c) => (10 + c + Math.sin(t / (6 + c))).toFixed(3)).join(','));
  return rows.join('\n') + '\n';
}

// Loads a CSV through the file picker and waits until its fonts are read and merged.
async function loadCsv(page, file, header) {
  fs.writeFileSync(file, csv(header));
  await page.setInputFiles('#csv-file', file);
  const name = path.basename(file);
  await page.waitForFunction((n) => {
    const s = window.lstmState();
    if (!s.series.label.includes(n) || s.fonts.reading.length > 0) {
      window.Module._lstm_wake();
      return false;
    }
    return s.fonts.missing_glyphs === 0 || s.fonts.failed.length > 0;
  }, name, { timeout: 20000, polling: 100 });
  await nextFrame(page, 3);
  return state(page);
}

export async function fonts(buildDir) {
  const server = await serve(buildDir);
  const browser = await launch();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-fonts-'));
  const fetched = [];  // font files the page requested, in order
  try {
    browser.context.on('request', (r) => {
      const m = /\/fonts\/([^/?#]+)/.exec(r.url());
      if (m) fetched.push(m[1]);
    });
    const { page, errors } = await openPage(browser.context, server.url + 'index.html');
    let s = await waitForFrames(page, 10);
    const before = s.fonts;
    console.log(`  first load: fonts fetched [${fetched}], atlas ${before.atlas.join('x')}, ${before.glyphs} glyphs`);
    check(fetched.length === 0 && before.files.length === 0, `the first load fetched fonts: ${fetched}`);
    check(before.missing_glyphs === 0, `the preset's names miss ${before.missing_glyphs} glyphs`);

    // Thai alone: only the Thai file. "ที่นี่" and "น้ำ" stack a vowel and a tone mark above a
    // consonant: without a shaper both sit at their default heights (the screenshot shows how).
    const thai = ['วัน', 'ยอดขาย', 'ที่นี่', 'น้ำ'];
    s = await loadCsv(page, path.join(dir, 'ยอดขาย.csv'), thai);
    console.log(`  Thai CSV: names ${JSON.stringify(s.series.names)}, fetched [${fetched}], atlas ${s.fonts.atlas.join('x')}, ${s.fonts.glyphs} glyphs (${s.fonts.wanted_codepoints} codepoints wanted), missing ${s.fonts.missing_glyphs}`);
    check(JSON.stringify(s.series.names) === JSON.stringify(thai), `names not as written: ${s.series.names}`);
    check(JSON.stringify(fetched) === JSON.stringify(['thai.ttf']), `Thai text should fetch thai.ttf only: ${fetched}`);
    check(s.fonts.missing_glyphs === 0, `${s.fonts.missing_glyphs} glyphs missing`);
    await page.locator('#canvas').screenshot({ path: path.join(buildDir, 'screenshot-fonts-thai.png') });

    // The CSV: Thai and Chinese headers; the CJK file is fetched now, once.
    const thaiChinese = ['วัน', 'ยอดขาย', '销量'];
    s = await loadCsv(page, path.join(dir, 'sales.csv'), thaiChinese);
    console.log(`  Thai + Chinese CSV: names ${JSON.stringify(s.series.names)}, legend ${JSON.stringify(s.fonts.legend)}, fetched [${fetched}], atlas ${s.fonts.atlas.join('x')}, ${s.fonts.glyphs} glyphs (${s.fonts.wanted_codepoints} codepoints wanted), missing ${s.fonts.missing_glyphs}, CSV box missing ${s.fonts.csv_box_missing}`);
    check(JSON.stringify(s.series.names) === JSON.stringify(thaiChinese), `names not as written: ${s.series.names}`);
    for (const n of thaiChinese)
      check(s.fonts.legend.some((l) => l.includes(n)), `the legend lacks "${n}": ${JSON.stringify(s.fonts.legend)}`);
    check(JSON.stringify(fetched) === JSON.stringify(['thai.ttf', 'cjk.otf']), `expected thai.ttf then cjk.otf: ${fetched}`);
    check(s.fonts.missing_glyphs === 0 && s.fonts.csv_box_missing === 0,
          `glyphs missing: ${s.fonts.missing_glyphs} on screen, ${s.fonts.csv_box_missing} in the CSV box`);
    // The column pickers: parallel setup lists every column as a checkbox.
    await click(page, 'setup_2');
    await nextFrame(page, 3);
    await page.locator('#canvas').screenshot({ path: path.join(buildDir, 'screenshot-fonts-thai-chinese.png') });

    // Japanese, Korean, Cyrillic, Greek and accented Latin in a second CSV.
    const others = ['日付', '売上', '매출', 'Продажи', 'Πωλήσεις', 'Łódź', 'café'];
    s = await loadCsv(page, path.join(dir, 'Ελληνικά.csv'), others);
    console.log(`  second CSV: names ${JSON.stringify(s.series.names)}, label "${s.series.label}", fetched [${fetched}], atlas ${s.fonts.atlas.join('x')}, ${s.fonts.glyphs} glyphs (${s.fonts.wanted_codepoints} codepoints wanted), missing ${s.fonts.missing_glyphs}`);
    check(JSON.stringify(s.series.names) === JSON.stringify(others), `names not as written: ${s.series.names}`);
    check(s.series.label.includes('Ελληνικά.csv'), `the file name is not as written: ${s.series.label}`);
    check(JSON.stringify([...fetched].sort()) === JSON.stringify(['cjk.otf', 'hangul.otf', 'latin.ttf', 'thai.ttf']),
          `each file should be fetched once: ${fetched}`);
    check(s.fonts.missing_glyphs === 0, `${s.fonts.missing_glyphs} glyphs missing`);
    check(s.fonts.failed.length === 0, `fonts failed: ${s.fonts.failed}`);
    await page.locator('#canvas').screenshot({ path: path.join(buildDir, 'screenshot-fonts-others.png') });
    check(errors.length === 0, `errors in the page:\n${errors.join('\n')}`);

    // A font that cannot be fetched: the text shows '?', the hook names the file, nothing breaks.
    await page.route('**/fonts/**', (r) => r.abort());
    await page.reload();
    await waitForFrames(page, 10);
    s = await loadCsv(page, path.join(dir, 'offline.csv'), thai);
    console.log(`  fonts blocked: failed [${s.fonts.failed}], missing ${s.fonts.missing_glyphs}`);
    // (The page may restore the last session's series on reload: its files fail too.)
    check(s.fonts.failed.includes('thai.ttf') && s.fonts.files.length === 0 && s.fonts.missing_glyphs > 0,
          `a blocked font should be reported as failed: ${JSON.stringify(s.fonts)}`);
    check(JSON.stringify(s.series.names) === JSON.stringify(thai), 'the CSV still loads without its font');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await browser.close();
    await server.close();
  }
}
