// Issue 12 part 1, natively: the session is saved to $XDG_CONFIG_HOME/lstm-playground/session.bin
// and restored at the next start. As a user would, with real X input (native_driver.mjs): draw a
// curve, set look_back 17, train, quit while it trains; start again: the same series, look_back
// 17, the run paused where it stopped with its losses and weights, and Train continues it. Then:
// Ctrl+V with a copied link opens it; a link given as the argument wins and leaves the saved
// session alone; Start fresh deletes the file; a corrupted file and an unwritable config folder
// each give a message and a working app.
// node tests/e2e/native_autosave.mjs <lstm-playground binary>
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startX, NativeApp } from './native_driver.mjs';

const [binary] = process.argv.slice(2);
let failures = 0;
function check(ok, what) {
  if (!ok) { failures++; console.log(`  FAIL: ${what}`); }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-native-autosave-'));
const config = path.join(tmp, 'config');
const sessionFile = path.join(config, 'lstm-playground', 'session.bin');
const stateFile = path.join(tmp, 'state.json');
const x = await startX();
let current = null;  // the app running now (killed if a step throws)
const launch = (args = [], env = { XDG_CONFIG_HOME: config }) =>
  (current = new NativeApp(binary, x.display, stateFile, env, args));
const ready = (app) => app.waitFor((s) => s.autosave?.ready && s.widgets?.train, 'the app to start', 60000);
const settled = (app, after) => app.waitFor((s) => {
  const a = s.autosave;
  return a.ready && !a.pending && a.saves > after && a.results === a.saves;
}, `save ${after + 1}`);

try {
  // 1. First start: nothing saved yet. Draw, look_back 17, 2000 epochs.
  let app = launch();
  let s = await ready(app);
  check(!s.autosave.restored && !fs.existsSync(sessionFile), 'a first start restores nothing');
  await app.click('clear');
  await app.drawCurve((t) => Math.sin(2 * Math.PI * t / 30) + 0.2 * Math.cos(t / 5));
  await app.click('tool_off');
  await app.typeInto('look_back', '17');
  await app.scrollTo('epochs');
  await app.typeInto('epochs', '2000');
  s = await settled(app, 0);
  check(s.config.data.look_back === 17 && s.config.train.epochs === 2000 && s.share.data_kind === 'drawn',
    `drawn, look_back 17, 2000 epochs: ${s.share.data_kind}, ${s.config.data.look_back}, ${s.config.train.epochs}`);
  check(s.autosave.error === '' && fs.existsSync(sessionFile) && fs.statSync(sessionFile).size === s.autosave.bytes,
    `saved to ${sessionFile}: ${s.autosave.bytes} bytes, error "${s.autosave.error}"`);

  // 2. Train, and quit while it trains: the run pauses and is saved on the way out.
  await app.click('train');
  s = await app.waitFor((st) => st.training && st.runs[0].epoch >= 3, 'epoch 3', 60000);
  const savesWhileTraining = s.autosave.saves;
  let exit = await app.quit();
  const before = app.state();
  check(exit.code === 0, `quits cleanly on SIGTERM: ${JSON.stringify(exit)}`);
  check(!before.training && before.progress.epoch >= 3 && before.progress.epoch < 2000,
    `paused on the way out at epoch ${before.progress.epoch}`);
  check(before.autosave.saves > savesWhileTraining && before.autosave.results === before.autosave.saves &&
    before.autosave.error === '', `saved on quit: ${before.autosave.saves} saves, error "${before.autosave.error}"`);
  check(fs.statSync(sessionFile).size === before.autosave.bytes, 'the file holds the last save');
  console.log(`  quit at epoch ${before.progress.epoch} (batch ${before.progress.batch}), ` +
    `${before.losses.train.length} losses, session.bin ${before.autosave.bytes} bytes`);

  // 3. Start again: everything is back, paused where it stopped.
  app = launch();
  s = await app.waitFor((st) => st.autosave?.ready && st.runs?.[0]?.epoch === before.runs[0].epoch && st.metrics.current,
    'the restored run', 60000);
  check(s.autosave.restored && s.notice.includes(sessionFile), `says where it restored from: "${s.notice}"`);
  check(s.share.series_hash === before.share.series_hash && s.series.length === before.series.length, 'the same drawn series');
  check(s.config.data.look_back === 17 && s.config.train.epochs === 2000, 'look_back 17, 2000 epochs');
  check(!s.training && s.progress.samples === before.progress.samples && s.progress.batch === before.progress.batch,
    `paused where it was: ${s.progress.samples} vs ${before.progress.samples} samples`);
  check(JSON.stringify(s.losses) === JSON.stringify(before.losses), 'the same loss history');
  check(s.share.weights_hash !== '' && s.share.weights_hash === before.share.weights_hash, 'the same weights');
  check(s.autosave.pred_hash === before.autosave.pred_hash, 'the same predictions');

  // Train continues the restored history.
  await app.click('train');
  await app.waitFor((st) => st.runs[0].epoch >= before.progress.epoch + 2, 'two more epochs', 60000);
  await app.click('train');
  s = await app.waitFor((st) => !st.training, 'pause');
  check(JSON.stringify(s.losses.train.slice(0, before.losses.train.length)) === JSON.stringify(before.losses.train),
    'Train continues the restored history');

  // 4. Copy link, change look_back, Ctrl+V: the copied link opens (look_back 17 again).
  await app.menuClick('menu_share', 'copy_link');
  s = await app.waitFor((st) => st.share.link.startsWith('#v'), 'the copied link');
  const link = s.share.link;
  await app.move(1270, 10);  // close the menu
  await app.down();
  await app.up();
  await app.typeInto('look_back', '18');
  s = await app.waitFor((st) => st.config.data.look_back === 18, 'look_back 18');
  const opened = s.share.opened;
  await app.move(900, 20);
  await app.key('ctrl+v');
  s = await app.waitFor((st) => st.share.opened > opened, 'the pasted link to open');
  check(s.config.data.look_back === 17, `Ctrl+V opened the copied link: look_back ${s.config.data.look_back}`);
  const savesBefore18 = app.state().autosave.saves;
  await app.typeInto('look_back', '18');  // the saved session: look_back 18
  s = await settled(app, savesBefore18);
  check(s.config.data.look_back === 18, `look_back 18 saved: ${s.config.data.look_back}`);
  exit = await app.quit();
  check(exit.code === 0, `quit: ${JSON.stringify(exit)}`);
  const saved18 = fs.readFileSync(sessionFile);

  // 5. A link as the argument wins, and the saved session stays as it was.
  app = launch(['https://example.org/lstm/' + link]);
  s = await app.waitFor((st) => st.autosave?.ready && st.share.opened >= 1, 'the link argument', 60000);
  check(s.config.data.look_back === 17 && !s.autosave.restored, `the link wins: look_back ${s.config.data.look_back}`);
  exit = await app.quit();
  check(Buffer.compare(fs.readFileSync(sessionFile), saved18) === 0, 'opening a link leaves session.bin unchanged');
  app = launch();
  s = await app.waitFor((st) => st.autosave?.ready && st.autosave.restored, 'the saved session', 60000);
  check(s.config.data.look_back === 18, `the saved session is untouched: look_back ${s.config.data.look_back}`);

  // 6. Start fresh: defaults, and the file is gone.
  await app.menuClick('menu_session', 'start_fresh');
  s = await app.waitFor((st) => st.share.data_kind === 'preset', 'Start fresh');
  check(!fs.existsSync(sessionFile), 'Start fresh deletes session.bin');
  exit = await app.quit();
  check(!fs.existsSync(sessionFile), 'quitting after Start fresh saves nothing');
  app = launch();
  s = await ready(app);
  check(!s.autosave.restored && s.share.data_kind === 'preset', 'nothing restored after Start fresh');
  await app.quit();

  // 7. A corrupted file: a message, the defaults, and the next change saves over it.
  fs.mkdirSync(path.dirname(sessionFile), { recursive: true });
  fs.writeFileSync(sessionFile, Buffer.from('LSTMSESS this is not a saved session'.repeat(8)));
  app = launch();
  s = await ready(app);
  check(s.autosave.restore_error !== '' && s.error.includes('starts with the defaults'),
    `a corrupted file is refused with a message: "${s.error}"`);
  console.log(`  corrupted session.bin -> "${s.error}"`);
  await app.typeInto('look_back', '12');
  s = await settled(app, 0);
  exit = await app.quit();
  app = launch();
  s = await app.waitFor((st) => st.autosave?.ready && st.autosave.restored, 'the new save', 60000);
  check(s.config.data.look_back === 12, `the change saved over it: look_back ${s.config.data.look_back}`);
  await app.quit();

  // 8. A config folder that cannot be created: the Session menu says so, the app works on.
  const blocker = path.join(tmp, 'not-a-folder');
  fs.writeFileSync(blocker, 'a file where the config folder should be');
  app = launch([], { XDG_CONFIG_HOME: blocker });
  await ready(app);
  await app.typeInto('look_back', '15');
  s = await settled(app, 0);
  check(s.autosave.error.startsWith('Cannot create ') && s.autosave.error.includes('not saved'),
    `an unwritable folder gives a message: "${s.autosave.error}"`);
  check(s.config.data.look_back === 15 && s.widgets.menu_session, 'the app keeps working, the Session menu shows it');
  console.log(`  unwritable -> "${s.autosave.error}"`);
  exit = await app.quit();
  check(exit.code === 0, `quit: ${JSON.stringify(exit)}`);
} catch (e) {
  failures++;
  console.log(`  FAIL: ${e.stack || e}`);
} finally {
  current?.proc.kill('SIGKILL');
  x.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(failures ? `FAIL native_autosave (${failures})` : 'PASS native_autosave');
process.exit(failures ? 1 : 0);
