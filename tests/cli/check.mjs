// What every tests/cli/*.mjs test prints and counts: one PASS / FAIL line a check, and
// lstm-cli's result (the last stdout line is one JSON object).
let failed = 0;

export function check(name, cond, detail) {
  console.log(`${cond ? 'PASS' : 'FAIL'} ${name}${detail ? ': ' + detail : ''}`);
  if (!cond) failed++;
}

// Exit status 1 when a check failed.
export function finish() {
  process.exit(failed ? 1 : 0);
}

export function lastJson(stdout) {
  const lines = stdout.trim().split('\n');
  try { return JSON.parse(lines[lines.length - 1]); } catch { return null; }
}
