// Autosave and restore (issue 12, part 1), as a new user meets it: draw a curve, set look_back
// 17, train a few epochs, pause, reload: the same series, look_back 17, the run back paused at
// the same epoch with the same loss history and predictions, and Train continues it. The address
// bar follows edits without new history entries (Copy link still adds one); a link in the
// address bar wins over the saved session; Start fresh clears it; storage refused or too small
// says so in the page.
import { serve, launch, openPage, waitForFrames, check } from './harness.mjs';
import { state, click, typeInto, drawCurve, menuClick, scrollTo } from './ui.mjs';

// Waits until every change is saved (and at least `after` saves were made); returns the state.
async function settled(page, after = 0) {
  await page.waitForFunction((n) => {
    const a = window.lstmState().autosave;
    return a.ready && !a.pending && a.saves > n && a.results === a.saves;
  }, after, { timeout: 30000, polling: 100 });
  return state(page);
}

async function restoredAt(page, epoch) {
  await page.waitForFunction((e) => {  // the wasm may still be compiling on a loaded machine
    try {
      window.Module._lstm_wake();
      const st = window.lstmState();
      return st.autosave.ready && st.runs[0].epoch === e && st.metrics.current;
    } catch { return false; }
  }, epoch, { timeout: 120000, polling: 200 });
  return state(page);
}

export async function autosave(buildDir) {
  const server = await serve(buildDir);
  const url = server.url + 'index.html';
  const browser = await launch();
  let other = null;
  try {
    const { page, errors } = await openPage(browser.context, url);
    await waitForFrames(page, 10);

    // Draw, look_back 17, train a few epochs of 2000, pause.
    await click(page, 'clear');
    await drawCurve(page, (x) => Math.sin(2 * Math.PI * x / 30) + 0.2 * Math.cos(x / 5));
    await click(page, 'tool_off');
    await typeInto(page, 'look_back', '17');
    await scrollTo(page, 'epochs');
    await typeInto(page, 'epochs', '2000');
    let s = await settled(page);
    check(s.config.data.look_back === 17, `look_back 17: ${s.config.data.look_back}`);
    const hashAfterEdit = await page.evaluate(() => location.hash);
    check(/^#v\d+\./.test(hashAfterEdit), `the address bar follows the edits: "${hashAfterEdit.slice(0, 20)}"`);
    await click(page, 'train');
    await page.waitForFunction(() => window.lstmState().runs[0].epoch >= 3, null, { timeout: 60000 });
    await click(page, 'train');  // Pause
    await page.waitForFunction(() => { const st = window.lstmState(); return !st.training && st.metrics.current; },
      null, { timeout: 30000 });
    const before = await settled(page, s.autosave.saves);
    check(before.progress.epoch >= 3 && before.progress.epoch < 2000, `paused after a few epochs: ${before.progress.epoch}`);
    const historyLength = await page.evaluate(() => history.length);

    await page.reload();
    const after = await restoredAt(page, before.runs[0].epoch);
    check(after.autosave.restored, 'the page says it restored the saved session');
    check(after.share.series_hash === before.share.series_hash && after.series.length === before.series.length,
      'the same drawn series');
    check(after.config.data.look_back === 17 && after.config.train.epochs === 2000, 'look_back 17, 2000 epochs');
    check(!after.training, 'the restored run is paused');
    check(after.progress.batch === before.progress.batch && after.progress.samples === before.progress.samples,
      `paused where it was: ${after.progress.samples} vs ${before.progress.samples} samples`);
    check(JSON.stringify(after.losses) === JSON.stringify(before.losses), 'the same loss history');
    check(after.share.weights_hash === before.share.weights_hash, 'the same weights');
    check(after.autosave.pred_hash === before.autosave.pred_hash, 'the same predictions');
    console.log(`  restored: epoch ${after.progress.epoch}, ${after.losses.train.length} losses, ` +
      `saved session ${before.autosave.bytes} bytes`);

    // Train continues from there (the history grows from the saved one).
    await click(page, 'train');
    await page.waitForFunction((e) => window.lstmState().runs[0].epoch >= e + 2, before.progress.epoch, { timeout: 60000 });
    await click(page, 'train');
    await page.waitForFunction(() => !window.lstmState().training, null, { timeout: 30000 });
    s = await state(page);
    check(JSON.stringify(s.losses.train.slice(0, before.losses.train.length)) === JSON.stringify(before.losses.train),
      'Train continues the restored history');

    // Copy link (with the trained weights) pushes a history entry; edits replace the address.
    const saves = (await settled(page)).autosave.saves;
    await menuClick(page, 'menu_share', 'copy_link');
    await page.waitForFunction((n) => history.length === n + 1, historyLength, { timeout: 10000 });
    await page.mouse.click(1270, 10);  // close the menu
    await typeInto(page, 'look_back', '18');
    s = await settled(page, saves);
    const hash18 = await page.evaluate(() => location.hash);
    check(hash18 !== hashAfterEdit && /^#v\d+\./.test(hash18), 'the address bar follows look_back 18');
    check(await page.evaluate(() => history.length) === historyLength + 1, 'replaceState: no new history entry');

    // A link in the address bar wins over the saved session (look_back 17 there, 18 saved).
    await page.goto('about:blank');  // a fresh load, not a same-page fragment change
    await page.goto(url + hashAfterEdit);
    await waitForFrames(page, 5);
    await page.waitForFunction(() => window.lstmState().share.opened >= 1, null, { timeout: 30000 });
    s = await state(page);
    check(s.config.data.look_back === 17 && !s.autosave.restored, `the link wins: look_back ${s.config.data.look_back}`);
    // ...and the saved session is left as it was until the next change.
    await page.goto(url);
    await page.waitForFunction(() => {
      try { window.Module._lstm_wake(); return window.lstmState().autosave.ready; } catch { return false; }
    }, null, { timeout: 120000, polling: 200 });
    s = await state(page);
    check(s.autosave.restored && s.config.data.look_back === 18, `the saved session is untouched: ${s.config.data.look_back}`);

    // Going hidden saves at once, without the quiet second (a phone may discard a hidden tab).
    // The edit must still be unsaved when the tab hides: a slow frame can let the second pass.
    let flushed = null;
    for (const lb of ['19', '20', '21']) {
      await typeInto(page, 'look_back', lb);
      flushed = await page.evaluate(() => {
        const before = window.lstmState().autosave;
        Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
        delete document.visibilityState;
        const after = window.lstmState().autosave;
        return { lb: window.lstmState().config.data.look_back, pending: before.pending, saves: [before.saves, after.saves] };
      });
      if (flushed.pending) break;
    }
    check(flushed.pending, 'an edit was still unsaved when the tab went hidden (3 tries)');
    check(flushed.saves[1] === flushed.saves[0] + 1, `hiding the tab saved at once: saves ${flushed.saves}`);
    await settled(page, flushed.saves[0]);
    await page.reload();
    await page.waitForFunction(() => {
      try { window.Module._lstm_wake(); return window.lstmState().autosave.ready; } catch { return false; }
    }, null, { timeout: 120000, polling: 200 });
    s = await state(page);
    check(s.autosave.restored && s.config.data.look_back === flushed.lb,
      `the save made on hiding is restored: look_back ${s.config.data.look_back}, expected ${flushed.lb}`);

    // Start fresh: defaults, no link, nothing restored on the next load.
    await menuClick(page, 'menu_session', 'start_fresh');
    await page.waitForFunction(() => !location.hash, null, { timeout: 10000 });
    s = await state(page);
    check(s.config.data.look_back !== 18 && s.share.data_kind === 'preset', 'Start fresh gives the defaults');
    await page.reload();
    await waitForFrames(page, 10);
    await page.waitForFunction(() => window.lstmState().autosave.ready, null, { timeout: 30000 });
    s = await state(page);
    check(!s.autosave.restored && s.share.data_kind === 'preset', 'nothing restored after Start fresh');

    // Too large for the storage limit (a test hook lowers it): a message, the page works on.
    await page.evaluate(() => { window.Module.lstmAutosave.quotaBytes = 100; });
    await typeInto(page, 'look_back', '12');
    s = await settled(page);
    check(s.autosave.error.includes('over the'), `a clear message when too large: "${s.autosave.error}"`);
    check(s.widgets.menu_session, 'the Session menu shows the problem');
    check(errors.length === 0, `page errors:\n${errors.join('\n')}`);

    // Storage refused (private mode): IndexedDB cannot open.
    other = await launch();
    await other.context.addInitScript(() => {
      indexedDB.open = () => { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); };
    });
    const o = await openPage(other.context, url);
    await waitForFrames(o.page, 10);
    await typeInto(o.page, 'look_back', '15');
    s = await settled(o.page);
    check(s.autosave.error.includes('refuses storage'), `a clear message when storage is refused: "${s.autosave.error}"`);
    check(s.config.data.look_back === 15, 'the page keeps working');
    check(o.errors.length === 0, `page errors:\n${o.errors.join('\n')}`);
    console.log(`  messages: "${s.autosave.error.slice(0, 60)}..."`);
  } finally {
    await browser.close();
    if (other) await other.close();
    await server.close();
  }
}
