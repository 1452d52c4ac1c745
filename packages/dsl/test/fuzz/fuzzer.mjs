// A grammar-aware fuzzer over compile() and the CLI (issue 14 "The harness").
//
// Inputs are the example rulebooks and the grammar corpus, cut into windows of
// lines, plus statements generated from the grammar's forms, then mutated:
// keywords and words of the seeds inserted, numbers made extreme, Unicode
// (full-width forms, CJK, emoji, lone surrogates, NUL, BOM, separators),
// CR / LF / CRLF mixed, huge lines, cuts and splices. Each input is checked:
// compile never throws (nor reports `internal`), every diagnostic range lies
// in the file and agrees with its offset, a warm compile (statement cache)
// equals a cold one, the program survives JSON, the examples run, and an
// input under 100 KB compiles in 100 ms (an outlier is re-timed before it
// counts). Every `cliEvery`-th input also goes through the CLI's `check` and
// `test` (in process).
//
// Plain JS over the built package (dist/), so that it times what users run:
// used by packages/dsl/test/fuzz.test.ts (10,000 inputs) and scripts/fuzz.mjs
// (`npm run fuzz`, 1,000,000).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, clearStatementCache } from '../../dist/compile.js';
import { runExamples } from '../../dist/examples.js';
import { main } from '../../dist/cli.js';
import { KEYWORDS, PHRASES } from '../../dist/tokens.js';
import { WORD_HINTS } from '../../dist/syntax.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../../..');

/** A small, fast, seedable PRNG (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    chance: (p) => next() < p,
  };
}

/** Every rulebook of the repository the fuzzer starts from: the examples and the grammar corpus (the over-limit ones aside). */
export function seedFiles() {
  const files = [path.join(root, 'examples/rulebooks/clinic.rules'), path.join(root, 'examples/rulebooks/clinic-en.rules')];
  const corpus = path.join(root, 'grammar/corpus');
  for (const f of readdirSync(path.join(corpus, 'valid'))) if (f.endsWith('.rules')) files.push(path.join(corpus, 'valid', f));
  for (const code of readdirSync(path.join(corpus, 'invalid')))
    for (const f of readdirSync(path.join(corpus, 'invalid', code)))
      if (f.endsWith('.rules') && code !== 'too-large') files.push(path.join(corpus, 'invalid', code, f));
  return files.map((f) => readFileSync(f, 'utf8'));
}

const SPELLINGS = [...KEYWORDS.flatMap((k) => [k.canonical, ...k.aliases]), ...PHRASES.map((p) => p.spelling), ...Object.keys(WORD_HINTS)];
const PUNCT = [
  ':',
  ';',
  ',',
  '=>',
  '..',
  '(',
  ')',
  '/',
  '>',
  '>=',
  '<',
  '<=',
  '=',
  '!=',
  '"',
  '#',
  '、',
  '：',
  '；',
  '，',
  '（',
  '）',
  '＞',
  '＝',
  '≥',
  '…',
  '～',
  '⇒',
  '%',
  '％',
  '×',
];
const NUMBERS = [
  '0',
  '1',
  '2',
  '-8',
  '+6',
  '0.5',
  '12.5',
  '-2.555',
  '99999999999999999999',
  '1e308',
  '0.001',
  '１２',
  '－２',
  '３.５',
  '100%',
  '12.5%',
  '0%',
  '1st',
  '第1名',
  '第十名',
  '第二十名',
  'x3',
  '×3',
  '2026-11-03',
  '2026-02-30',
  '09:30',
  '25:99',
  '9999-12-31',
];
const CHARS = [
  '\u0000',
  '\uFEFF',
  '\u2028',
  '\u2029',
  '\u200B',
  '\u0301',
  '\uD800',
  '\uDFFF',
  '\uDBFF\uDFFF',
  '😀',
  '👩‍⚕️',
  '\t',
  '\r',
  '\n',
  '\r\n',
  '\u3000',
  '"',
  '\\',
  '#',
  '＃',
  '，',
  '；',
  '＋',
  '－',
  '．',
  '０',
  '９',
  '％',
  '扣',
  '分',
  '次',
  '每',
  '组长',
  'ｘ',
  'Ａ',
  '\u00A0',
  '\u0085',
  '\uFFFD',
  '\uFFFF',
];
const IDS = [
  'x',
  'rude',
  'rude_attitude',
  '迟到',
  '礼貌用语',
  'visit',
  'surgery',
  'target',
  'top',
  'pay',
  'lead',
  'sum',
  'c01',
  'bonus',
  'base',
  'net',
];
const WINDOWS = ['day', 'week', 'month', 'quarter', 'year', 'ever', '天', '月', '季度', '年', '累计'];

/** A statement built from the grammar's forms with random parts (valid or nearly so). */
function generated(r) {
  const id = r.pick(IDS);
  const n = () => r.pick(NUMBERS);
  const win = () => (r.chance(0.3) ? r.pick(['每天', '每月', '每季度', '每年', '每周']) : `per ${r.pick(WINDOWS)}`);
  const target = () => r.pick(['', 'personal ', 'team ', 'lead ', '个人 ', '集体 ', '组长 ']);
  const effect = () =>
    r.pick([
      `${target()}${n()} per`,
      `${target()}${n()} yuan per`,
      `${target()}${n()}% of amount`,
      `${target()}-50% of bonus per`,
      `${target()}-40% of daily base per`,
      `${target()}扣 ${n()} 分`,
      `${target()}-2 分/次`,
      `${target()}${n()} 元 每次`,
    ]);
  const effects = () => Array.from({ length: 1 + r.int(3) }, effect).join(', ');
  const cmp = () => r.pick(['>', '>=', '<', '<=', '=', '!=', '超过', '达到', '不足', 'over', 'at_least', 'under']);
  const subject = () =>
    r.pick([
      '',
      'all ',
      'deductions ',
      'team deductions ',
      'awards ',
      'points ',
      'sum(amount) ',
      'avg(score) ',
      'ratio(a / b where booked = true) ',
      '扣分 ',
      '奖分 ',
    ]);
  const test = () => r.pick([`${cmp()} ${n()}`, `${n()}..${n()}`, `${n()} 次以上`, `${n()} 以下`, `${cmp()} target sales`]);
  const clause = () =>
    r.pick([
      `${subject()}${test()} ${win()}${r.chance(0.2) ? ` running ${n()}` : ''}${r.chance(0.3) ? ` each${r.chance(0.5) ? ` ${n()}%` : ''}` : ''} => ${r.chance(0.2) ? '每人 ' : ''}${r.chance(0.3) ? `flag ${r.pick(IDS)}` : effects()}`,
      `rank ${r.pick(['', 'points ', 'sum(score) ', 'awards '])}${win()}${r.chance(0.3) ? ' by team' : ''} => 1st ${n()} yuan, ${r.pick(['2nd', '第二名', 'top 10%', '前 50%'])} ${n()} yuan`,
      `every ${r.pick(WINDOWS)} => ${effects()}`,
      `${win()} => ${effects()}`,
      `else => ${effects()}`,
      `tiers ${win()}`,
    ]);
  const head = () =>
    `${id}${r.chance(0.3) ? ' "标签"' : ''}${r.chance(0.4) ? ` on ${r.pick(IDS)}${r.chance(0.3) ? `, ${r.pick(IDS)}` : ''}` : ''}${r.chance(0.2) ? ' for role = "lead"' : ''}${r.chance(0.3) ? ` where ${r.pick(IDS)} ${cmp()} ${r.pick(['"phone"', '是', 'true', n()])}` : ''}${r.chance(0.2) ? ` unless flag ${r.pick(IDS)}` : ''}`;
  switch (r.int(6)) {
    case 0:
      return r.pick([
        `point = ${n()} yuan`,
        `window ${r.pick(WINDOWS)}`,
        'timezone "Asia/Shanghai"',
        `pay ${r.pick(IDS)} "项"`,
        `workdays = ${n()}`,
        `grace ${n()} month`,
        `rulebook "${r.pick(IDS)}"`,
      ]);
    case 1:
      return `example "e":\n  given ${r.pick(IDS)} ${r.pick(['', 'x3 ', '×2 ', '2 次 '])}on ${r.pick(['2026-11-03', '2026-02-30', '2026-12-31'])}${r.chance(0.3) ? ' at 23:30' : ''} by ${r.pick(IDS)}${r.chance(0.3) ? ` amount ${n()}` : ''}\n  expect ${r.pick(['c01', 'team', 'team net', ''])} ${r.pick([`points ${n()}`, `money ${n()}`, 'flag x', 'no flag x'])}${r.chance(0.3) ? `, money ${n()}` : ''}${r.chance(0.2) ? `\n  period 2026-11-01..2026-11-30` : ''}`;
    default:
      return `${head()}: ${r.chance(0.6) ? effects() : clause()}${Array.from({ length: r.int(4) }, () => `; ${clause()}`).join('')}`;
  }
}

/** One of the mutations, applied to `s`. */
function mutate(r, s) {
  const at = () => r.int(s.length + 1);
  switch (r.int(12)) {
    case 0: {
      const i = at();
      return s.slice(0, i) + s.slice(i + 1 + r.int(20));
    }
    case 1: {
      const i = at();
      const j = at();
      return s.slice(0, i) + s.slice(Math.min(i, j), Math.max(i, j)).slice(0, 200) + s.slice(i);
    }
    case 2: {
      const i = at();
      return `${s.slice(0, i)}${r.chance(0.5) ? ' ' : ''}${r.pick(SPELLINGS)}${r.chance(0.5) ? ' ' : ''}${s.slice(i)}`;
    }
    case 3: {
      const i = at();
      return s.slice(0, i) + r.pick(PUNCT) + s.slice(i);
    }
    case 4: {
      const i = at();
      return s.slice(0, i) + r.pick(CHARS) + s.slice(i + (r.chance(0.5) ? 1 : 0));
    }
    case 5: {
      const eol = r.pick(['\r', '\r\n', '\n']);
      return r.chance(0.5) ? s.replace(/\r\n|\r|\n/g, eol) : s.replace(/\r\n|\r|\n/g, () => r.pick(['\r', '\r\n', '\n']));
    }
    case 6:
      return s.replace(/\d+(\.\d+)?/, () => r.pick(NUMBERS));
    case 7: {
      const lines = s.split('\n');
      const i = r.int(lines.length);
      const j = r.int(lines.length);
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join('\n');
    }
    case 8:
      return s.slice(0, at());
    case 9: {
      const i = at();
      return s.slice(0, i) + (r.chance(0.5) ? '\n' : '') + generated(r) + '\n' + s.slice(i);
    }
    case 10:
      return s.replace(/[a-z]+/, (w) => (r.chance(0.5) ? w.toUpperCase() : `${w.slice(0, 1)} ${w.slice(1)}`));
    default: {
      if (!r.chance(0.05)) return s + r.pick(SPELLINGS);
      // a huge line (rarely): a piece of the input (or a token) repeated, up to ~100 KB
      const piece = r.chance(0.5) ? s.slice(at()).slice(0, 1 + r.int(40)) || 'x ' : `${r.pick(SPELLINGS)} ${r.pick(PUNCT)} `;
      const times = Math.floor((1 + r.int(99_000)) / piece.length);
      const i = at();
      return s.slice(0, i) + piece.repeat(times) + s.slice(i);
    }
  }
}

/** The next input of a run: a whole rulebook, a window of its lines, or generated statements, mutated 0–4 times. */
export function input(r, seeds) {
  let s;
  const k = r.int(10);
  if (k < 1) s = r.pick(seeds);
  else if (k < 7) {
    const lines = r.pick(seeds).split('\n');
    const from = r.int(lines.length);
    s = lines.slice(from, from + 1 + r.int(20)).join('\n');
  } else s = Array.from({ length: 1 + r.int(6) }, () => generated(r)).join('\n');
  const n = r.int(5);
  for (let i = 0; i < n; i++) s = mutate(r, s);
  return s;
}

/** Line/column of every offset agree with the source, lines ending at \n, \r\n or a lone \r. */
function lineStarts(s) {
  const starts = [0];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || (c === 13 && s.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

function badPosition(p, len, starts) {
  if (!p || !Number.isInteger(p.offset) || p.offset < 0 || p.offset > len) return 'offset outside the file';
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= p.offset) lo = mid;
    else hi = mid - 1;
  }
  if (p.line !== lo + 1 || p.column !== p.offset - starts[lo] + 1)
    return `line/column ${p.line}:${p.column} disagree with offset ${p.offset} (${lo + 1}:${p.offset - starts[lo] + 1})`;
  return undefined;
}

const shape = (r) => JSON.stringify({ d: r.diagnostics, b: r.rulebook, e: r.examples });

/** Checks one input; returns its problems (empty when it holds) and the time of a cold compile in ms. */
export function check(source, options = {}) {
  const problems = [];
  let warm;
  let cold;
  let ms;
  try {
    warm = compile(source, { locale: 'en', version: 2 });
    clearStatementCache();
    const t0 = performance.now();
    cold = compile(source, { locale: 'en', version: 2 });
    ms = performance.now() - t0;
  } catch (e) {
    return { problems: [{ kind: 'crash', detail: e instanceof Error ? e.stack : String(e) }], ms: 0 };
  }
  for (const d of cold.diagnostics) if (d.code === 'internal') problems.push({ kind: 'crash', detail: d.message });
  if (shape(warm) !== shape(cold)) problems.push({ kind: 'warm-cold', detail: 'a warm compile differs from a cold one' });
  const starts = lineStarts(source);
  for (const d of cold.diagnostics)
    for (const range of [d.range, d.fix?.range]) {
      if (!range) continue;
      const bad =
        badPosition(range.start, source.length, starts) ??
        badPosition(range.end, source.length, starts) ??
        (range.start.offset > range.end.offset ? 'start after end' : undefined);
      if (bad) problems.push({ kind: 'range', detail: `${d.code}: ${bad}` });
    }
  const errors = cold.diagnostics.some((d) => d.severity === 'error');
  if ((cold.rulebook === null) !== errors)
    problems.push({ kind: 'contract', detail: 'rulebook is not null exactly when there is an error' });
  if (cold.rulebook && JSON.stringify(JSON.parse(JSON.stringify(cold.rulebook))) !== JSON.stringify(cold.rulebook))
    problems.push({ kind: 'contract', detail: 'not plain JSON' });
  try {
    if (options.version1) compile(source, { locale: 'zh-CN' });
    if (cold.rulebook && cold.examples.length) runExamples(cold.rulebook, cold.examples, { locale: 'en' });
  } catch (e) {
    problems.push({ kind: 'crash', detail: e instanceof Error ? e.stack : String(e) });
  }
  return { problems, ms };
}

/**
 * An input over 100 ms is timed again, after a pause each time (up to 12
 * times, ~4 s of pauses): a run slowed by the machine's other work is not a
 * slow input. It counts as slow only when both its least wall-clock time and
 * its least CPU time (this process's, which other processes' load does not
 * inflate) stay over 100 ms.
 */
async function retime(source, first) {
  let wall = first;
  let cpu = Number.POSITIVE_INFINITY;
  for (let k = 0; k < 12 && (wall > 100 || cpu > 100); k++) {
    await new Promise((resolve) => setTimeout(resolve, 50 * (k + 1)));
    clearStatementCache();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    compile(source, { locale: 'en', version: 2 });
    wall = Math.min(wall, performance.now() - t0);
    const used = process.cpuUsage(c0);
    cpu = Math.min(cpu, (used.user + used.system) / 1000);
  }
  return Math.min(wall, cpu);
}

/** Runs `rulecard check` and `rulecard test` in process on one input. */
export async function checkCli(source, dir, index) {
  const file = path.join(dir, `input-${index}.rules`);
  writeFileSync(file, source);
  const problems = [];
  for (const command of ['check', 'test']) {
    const out = [];
    const err = [];
    const code = await main([command, file, '--json', '--locale', 'en'], { out: (s) => out.push(s), err: (s) => err.push(s) });
    if (code !== 0 && code !== 1) problems.push({ kind: 'cli', detail: `${command} exited ${code}: ${err.join('\n').slice(0, 300)}` });
    if (err.some((s) => s.startsWith('rulecard:'))) problems.push({ kind: 'cli', detail: `${command}: ${err.join('\n').slice(0, 300)}` });
    try {
      if (out.length) JSON.parse(out.join('\n'));
      else if (command === 'check') problems.push({ kind: 'cli', detail: 'check printed nothing' });
    } catch {
      problems.push({ kind: 'cli', detail: `${command} --json printed no JSON` });
    }
  }
  rmSync(file, { force: true });
  return problems;
}

/**
 * Runs `count` inputs from `seed`. Returns the figures: inputs, problems by
 * kind (with the first few, seed and index to reproduce), the slowest input.
 */
export async function fuzz({ count, seed, cliEvery = 100, onProgress, progressEvery = 10_000, keep = 20 }) {
  const seeds = seedFiles();
  const r = rng(seed);
  const dir = mkdtempSync(path.join(tmpdir(), 'rulecard-fuzz-'));
  const stats = {
    inputs: 0,
    cliRuns: 0,
    counts: { crash: 0, range: 0, 'warm-cold': 0, slow: 0, contract: 0, cli: 0 },
    failures: [],
    slowest: { ms: 0, length: 0, index: -1 },
    largest: 0,
  };
  const started = performance.now();
  clearStatementCache();
  try {
    for (let i = 0; i < count; i++) {
      const source = input(r, seeds);
      const checked = check(source, { version1: i % 4 === 0 });
      const { problems } = checked;
      const ms = source.length < 100_000 && checked.ms > 100 ? await retime(source, checked.ms) : checked.ms;
      if (source.length < 100_000 && ms > 100)
        problems.push({ kind: 'slow', detail: `${ms.toFixed(1)} ms for ${source.length} characters` });
      if (cliEvery && i % cliEvery === 0) {
        problems.push(...(await checkCli(source, dir, i)));
        stats.cliRuns++;
      }
      stats.inputs++;
      stats.largest = Math.max(stats.largest, source.length);
      if (source.length < 100_000 && ms > stats.slowest.ms) stats.slowest = { ms, length: source.length, index: i };
      for (const p of problems) {
        stats.counts[p.kind]++;
        if (stats.failures.length < keep)
          stats.failures.push({ index: i, seed, ...p, source: source.length > 2000 ? `${source.slice(0, 2000)}…` : source });
      }
      if (onProgress && (i + 1) % progressEvery === 0) onProgress({ ...stats, seconds: (performance.now() - started) / 1000 });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { ...stats, seconds: (performance.now() - started) / 1000 };
}
