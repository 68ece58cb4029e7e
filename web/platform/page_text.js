// Linked into lstm-playground.js (--post-js, cmake/ui.cmake): how index.html hands text to the
// wasm. Files, pastes and links go through the heap as (pointer, byte count): ccall's 'string'
// argument copies them onto the 5 MB stack (up to 4 bytes per character), which a 1.4 MB CSV
// overflowed ("memory access out of bounds", a dead page). Text over kMaxTextBytes (core/data/
// csv.h) is never copied: the export gets a null pointer and the size, and says so in the UI.

// Calls Module['_' + fn](pointer, bytes[, source pointer]) with text as UTF-8 in the heap.
// pointer is 0 when the text was too large to copy or malloc had no memory left for it.
Module.lstmPassText = (fn, text, source) => {
  const bytes = text.length > _lstm_max_text_bytes() ? text.length : lengthBytesUTF8(text);
  const p = bytes <= _lstm_max_text_bytes() ? _malloc(bytes + 1) : 0;
  if (p) stringToUTF8(text, p, bytes + 1);
  lstmCallWithText(fn, p, bytes, source);
  if (p) _free(p);
};

// A picked file: refused by its size before it is even read.
Module.lstmPassFile = async (fn, file) => {
  if (file.size > _lstm_max_text_bytes()) lstmCallWithText(fn, 0, file.size, file.name);
  else Module.lstmPassText(fn, await file.text(), file.name);
};

function lstmCallWithText(fn, p, bytes, source) {
  const n = Math.min(bytes, 0xffffffff);  // a wasm32 size_t
  if (source === undefined) {
    Module['_' + fn](p, n);
    return;
  }
  const name = String(source).slice(0, 256);
  const sn = lengthBytesUTF8(name) + 1, sp = _malloc(sn);
  if (sp) stringToUTF8(name, sp, sn);
  Module['_' + fn](p, n, sp);
  if (sp) _free(sp);
}
