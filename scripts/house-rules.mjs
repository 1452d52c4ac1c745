#!/usr/bin/env node
// The rules of CONTRIBUTING.md that a grep can keep true, checked on every `npm test`:
//
//   money      no `* 100`, `/ 100` or `100 *` in the packages' and examples' source outside the money and
//              formatting modules (MONEY_ALLOWED, each with its reason): money crosses packages as integer fen
//              and centipoints, and only formatting makes yuan;
//   calendar   no date arithmetic of its own (`Date.UTC`, `Date.parse`, `getUTC…`/`setUTC…`, `toISOString().slice`) and no
//              literal UTC offset (`+08:00`, 480 minutes…) in that source outside `@rulecard/dsl/calendar`
//              (packages/dsl/src/calendar/): one calendar, offsets from Intl;
//   elements   no element imports `idb` (storage is the store's, through its adapter);
//   length     no tracked source file over 500 lines unless it says why in its first 15 lines
//              (`over 500 lines because …`); generated files are not source (GENERATED).
//
// Comments are left out before the checks (they may quote the rules). Exits 1 and names every file:line.
//
//   node scripts/house-rules.mjs            (in `npm test`)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Files that may compute with 100: the money and formatting modules, and percentages and digits that are not money. */
const MONEY_ALLOWED = new Map([
  ['packages/dsl/src/money.ts', 'the money module: fen, centipoints, yuan'],
  ['packages/store/src/money.ts', "the store's money module"],
  ['packages/elements/src/shared/format.ts', 'formatting: fen and centipoints become text'],
  ['packages/dsl/src/evaluate/compare.ts', 'a ratio against a percentage (num / den ≥ p %), not money'],
  ['packages/dsl/src/calendar/digits.ts', 'the four digits of a year, not money'],
  ['packages/elements/src/editor/splitter.ts', 'a pane width in percent, not money'],
  ['packages/elements/src/scorecard/trend.ts', 'positions on the chart in percent, not money'],
]);
/** Generated or data files: not source, however long. */
const GENERATED = [/custom-elements\.json$/, /package-lock\.json$/, /^grammar\/diagrams\.html$/, /\.json$/, /\.svg$/];
const SOURCE = /\.(?:[cm]?[jt]sx?|vue|css|html)$/;
const MAX_LINES = 500;

const MONEY = /(?:[*/]\s*100\b(?!\s*[.\d_])|\b100\s*\*)/;
const DATE_ARITHMETIC = /\bDate\.(?:UTC|parse)\s*\(|\.(?:get|set)UTC[A-Z]\w*\s*\(|\.toISOString\(\)\s*\.slice\s*\(/;
const OFFSET = /['"`][^'"`\n]*[+-](?:0\d|1[0-4]):[0-5]\d['"`]|\b(?:480|28800|28_?800_?000)\b|\b8\s*\*\s*60\b|\b8\s*\*\s*3600\b/;
const IDB_IMPORT = /\b(?:from|import)\s*\(?\s*['"]idb(?:\/[^'"]*)?['"]/;

const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
const src = files.filter((f) => /^(packages\/[^/]+|examples\/[^/]+)\/src\/.*\.(?:ts|tsx|mts|js|mjs|vue)$/.test(f));

/** Source text with its comments blanked (line numbers kept). */
function code(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/.*$/gm, (_, before) => before);
}

const problems = [];
const grep = (file, text, re, what) => {
  code(text)
    .split('\n')
    .forEach((line, i) => {
      if (re.test(line)) problems.push(`${file}:${i + 1}: ${what}: ${line.trim()}`);
    });
};

for (const file of src) {
  const text = readFileSync(`${root}${file}`, 'utf8');
  if (!MONEY_ALLOWED.has(file)) grep(file, text, MONEY, 'money arithmetic outside the money and formatting modules');
  if (!file.startsWith('packages/dsl/src/calendar/')) {
    grep(file, text, DATE_ARITHMETIC, 'date arithmetic outside @rulecard/dsl/calendar');
    grep(file, text, OFFSET, 'a literal UTC offset');
  }
  if (file.startsWith('packages/elements/src/')) grep(file, text, IDB_IMPORT, 'an element imports idb');
}

for (const file of files.filter((f) => SOURCE.test(f) && !GENERATED.some((re) => re.test(f)))) {
  let text;
  try {
    text = readFileSync(`${root}${file}`, 'utf8');
  } catch {
    continue; // deleted in the work tree
  }
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (lines > MAX_LINES && !/over 500 lines because/i.test(text.split('\n').slice(0, 15).join('\n')))
    problems.push(`${file}: ${lines} lines (at most ${MAX_LINES}, or say at its top why: "over 500 lines because …")`);
}

for (const p of problems) console.error(p);
if (problems.length) {
  console.error(`\n${problems.length} house-rule problem(s): see CONTRIBUTING.md`);
  process.exit(1);
}
console.log(`house rules: ${src.length} source files checked (money, calendar, elements), ${files.length} files for length — ok`);
