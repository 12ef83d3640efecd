// Prints the failed tests of a vitest JSON report, one short line each, so the last lines of a
// long `npm test` log (all a CI page may show) name every failure and where it happened.
// usage: node scripts/failed-tests.mjs REPORT.json
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const MAX_LINES = 12;
const WIDTH = 220;

const path = process.argv[2];
let report;
try {
  report = JSON.parse(readFileSync(path, 'utf8'));
} catch {
  process.exit(0); // no report (vitest did not get that far): its own output says why
}
const ESCAPES = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
/** The message without its stack trace. */
const messageOf = (text) => String(text ?? '').split(/\n\s+at /)[0];
const oneLine = (text) =>
  String(text ?? '')
    .replace(ESCAPES, '')
    .replace(/\s+/g, ' ')
    .trim();
const lines = [];
let failed = 0;
for (const file of report.testResults ?? []) {
  const name = relative(process.cwd(), file.name);
  const tests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
  if (tests.length === 0 && file.status === 'failed') {
    failed += 1;
    lines.push(`${name}: ${oneLine(file.message) || 'the file failed outside its tests'}`);
  }
  for (const t of tests) {
    failed += 1;
    const where = t.location ? `:${t.location.line}` : '';
    lines.push(`${name}${where} › ${oneLine(t.title)} — ${oneLine(messageOf((t.failureMessages ?? [])[0]))}`);
  }
}
if (failed === 0) process.exit(0);
console.log(`\n== failed (${failed})`);
for (const line of lines.slice(0, MAX_LINES)) console.log(line.length > WIDTH ? `${line.slice(0, WIDTH - 1)}…` : line);
if (lines.length > MAX_LINES) console.log(`… and ${lines.length - MAX_LINES} more (see the log above)`);
