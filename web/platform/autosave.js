// Linked into lstm-playground.js (--post-js, cmake/ui.cmake): the page's side of autosave
// (web/views/autosave.cpp, web/platform/autosave_glue.h). One IndexedDB key holds the saved
// session (session/session_snapshot.h bytes) and the address-bar fragment it was saved with; the
// address bar follows every save through history.replaceState (no new history entry).
// On load: a link in the address bar other than the saved one wins (the saved session is left
// as it is until the next change); else the saved session is restored.
// Test hooks: Module.lstmAutosave.quotaBytes (a smaller storage limit), and indexedDB.open may be
// replaced before the page loads (private mode refuses it).
Module.lstmAutosave = (() => {
  const DB = 'lstm-playground', STORE = 'autosave', KEY = 'session';
  const self = { quotaBytes: 64 << 20, savedHash: null };
  let chain = Promise.resolve();  // saves in order, one at a time

  function request(r) {
    return new Promise((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error || new Error('IndexedDB request failed'));
    });
  }
  let dbPromise = null;
  function db() {
    if (!dbPromise) {
      dbPromise = new Promise((resolve, reject) => {
        let r;
        try { r = indexedDB.open(DB, 1); } catch (err) { reject(err); return; }
        r.onupgradeneeded = () => r.result.createObjectStore(STORE);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error || new Error('IndexedDB cannot be opened'));
        r.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
      });
      dbPromise.catch(() => { dbPromise = null; });  // try again at the next save
    }
    return dbPromise;
  }
  async function tx(mode, fn) {
    const d = await db();
    const t = d.transaction(STORE, mode);
    const done = new Promise((resolve, reject) => {
      t.oncomplete = resolve;
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error || new Error('the write was aborted'));
    });
    const result = await fn(t.objectStore(STORE));
    await done;
    return result;
  }
  function why(err) {
    const name = err && err.name;
    if (name === 'QuotaExceededError')
      return 'Not saved: the browser\'s storage for this page is full. Free space (or Start fresh), or keep a link with Share > Copy link.';
    return 'Not saved: this browser refuses storage here (private mode?): ' +
      String((err && err.message) || err).replace(/\.$/, '') + '. The page works on; Share > Copy link keeps your setup.';
  }
  function report(message) {
    const n = lengthBytesUTF8(message) + 1, p = _malloc(n);
    if (!p) { _lstm_autosave_result(0, 1); return; }  // no memory left: "not saved"
    stringToUTF8(message, p, n);
    _lstm_autosave_result(p, n - 1);
    _free(p);
  }
  const currentFragment = () => {
    let f = location.hash.replace(/^#/, '');
    try { f = decodeURIComponent(f).trim(); } catch (err) { /* compared as it is */ }
    return f;
  };

  self.save = (rawLink, bytes, keepUrl) => {
    chain = chain.then(async () => {
      let frag = '';
      if (keepUrl) frag = currentFragment();  // Copy link's address for this same state
      else if (rawLink) frag = typeof shortestLink === 'function' ? await shortestLink(rawLink) : rawLink;
      if (!keepUrl && frag && currentFragment() !== frag) history.replaceState(history.state, '', '#' + frag);
      if (!keepUrl && !frag && location.hash) history.replaceState(history.state, '', location.pathname + location.search);
      if (bytes.length > self.quotaBytes) {
        report(`Not saved: the session is ${(bytes.length / 1048576).toFixed(1)} MB, over the ${(self.quotaBytes / 1048576).toFixed(1)} MB kept in this browser. ` +
          'Remove a run or use a shorter series; Share > Copy link still works.');
        return;
      }
      try {
        await tx('readwrite', (s) => request(s.put({ bytes, hash: frag, saved: Date.now() }, KEY)));
        self.savedHash = frag;
        report('');
      } catch (err) { report(why(err)); }
    });
    return chain;
  };

  self.clear = () => {
    chain = chain.then(async () => {
      if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
      self.savedHash = null;
      try { await tx('readwrite', (s) => request(s.delete(KEY))); } catch (err) { console.warn('autosave clear:', err.message); }
    });
    return chain;
  };

  // Copy link pushes a new address: the saved session now belongs to that fragment too.
  self.adoptHash = () => {
    chain = chain.then(async () => {
      const frag = currentFragment();
      try {
        await tx('readwrite', async (s) => {
          const rec = await request(s.get(KEY));
          if (rec) await request(s.put(Object.assign({}, rec, { hash: frag }), KEY));
        });
        self.savedHash = frag;
      } catch (err) { /* the next save reports storage problems */ }
    });
    return chain;
  };

  // At app start (index.html's lstmAppReady): restore, or open the address bar's link.
  self.start = async (openHash) => {
    let rec = null, failure = '';
    try { rec = await tx('readonly', (s) => request(s.get(KEY))); } catch (err) { failure = why(err); }
    const frag = currentFragment();
    const mine = rec && rec.bytes && (!frag || frag === rec.hash);
    if (mine) {
      const bytes = rec.bytes instanceof Uint8Array ? rec.bytes : new Uint8Array(rec.bytes);
      const p = _malloc(bytes.length);
      if (p) HEAPU8.set(bytes, p);
      _lstm_autosave_begin(p, bytes.length);  // p = 0: no memory to read it back; it is kept
      if (p) _free(p);
      self.savedHash = rec.hash;
    } else {
      _lstm_autosave_begin(0, 0);
      if (frag) await openHash();
    }
    if (failure) report(failure);
  };

  // A link pasted on the page opens like one in the address bar (a CSV paste goes on as before).
  window.addEventListener('paste', (e) => {
    const text = e.clipboardData && e.clipboardData.getData('text');
    const m = text && /^\s*(?:\S*#)?(v\d+\.[rz][A-Za-z0-9_-]+)\s*$/.exec(text);
    if (!m) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    if (location.hash !== '#' + m[1]) history.pushState(null, '', '#' + m[1]);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }, { capture: true });

  // Hidden (another tab, the phone's home screen, a reload): save what is unsaved now; a browser
  // may discard a hidden tab. On a reload the write may not finish before the page goes.
  const flush = () => { if (Module.calledRun && !ABORT) _lstm_autosave_flush(); };
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flush(); });
  window.addEventListener('pagehide', flush);

  const publish = window.lstmPublishLink;
  // After the saves already queued (whose replaceState would overwrite the pushed address).
  if (publish) window.lstmPublishLink = (raw) => {
    chain = chain.then(() => publish(raw)).catch((err) => console.warn('Copy link:', err.message));
    return chain.then(() => self.adoptHash());
  };
  return self;
})();
