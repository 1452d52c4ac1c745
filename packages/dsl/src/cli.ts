/**
 * `rulecard check` / `rulecard test` / `rulecard score` — a thin shell over
 * compile(), the examples (examples.ts) and evaluate(). Bad input gets a precise message (file, record, field), never
 * a stack trace. Exit codes: 0 ok, 1 errors in the rulebook or the data,
 * 2 wrong usage.
 */
import { readFileSync, statSync } from 'node:fs';
import { compile } from './compile.js';
import { evaluate } from './evaluate-v2.js';
import { formatFen } from './money.js';
import { checkRulebook, type ExampleRun } from './examples.js';
import { type Diagnostic, type Locale, type Roster, type RuleEvent, type Scorecards } from './types.js';
import { daysBetween, parseInstant } from './calendar.js';
import { checkEvents, checkPeriod, checkRoster, inputProblemText, LIMITS, type InputProblem, type InputRecord } from './input.js';
import { WARNINGS, warningText, type WarningCode } from './warnings.js';

const TEXT = {
  'zh-CN': {
    usage: `用法:
  rulecard check 文件.rules [--roster 名单.json] [--locale zh-CN|en] [--json]
  rulecard test 文件.rules [--roster 名单.json] [--locale zh-CN|en] [--json]
  rulecard score 文件.rules --events 事件.json --roster 名单.json --from YYYY-MM-DD --to YYYY-MM-DD [--as-of 时刻] [--json] [--locale zh-CN|en]`,
    cannotRead: (f: string) => `无法读取文件 ${f}`,
    noErrors: (f: string) => `${f}: 没有错误`,
    summary: (e: number, w: number) => `${e} 个错误, ${w} 个警告`,
    error: '错误',
    warning: '警告',
    info: '提示',
    missing: (o: string) => `缺少参数 ${o}`,
    badDate: (o: string, v: string) => `${o} 的值 ${v} 不是有效日期(YYYY-MM-DD)`,
    badOrder: '--from 不能晚于 --to',
    badAsOf: (v: string) => `--as-of 的值 ${v} 不是带时区偏移的时刻(如 2026-12-03T10:00:00+08:00)`,
    projected: '预计',
    badJson: (f: string, why: string) => `${f}: 不是有效的 JSON 或 NDJSON(${why})`,
    badRecord: (f: string, where: string, field: string, why: string) => `${f}: ${where}, 字段 "${field}": ${why}`,
    record: (i: number, line?: number) => (line ? `第 ${line} 行(记录 ${i})` : `记录 ${i}`),
    notArray: '应为事件数组或每行一个事件(NDJSON)',
    badEvents: (n: number) => `${n} 条事件记录有误,未计分`,
    badRoster: (f: string, why: string) => `${f}: 名单格式不对 — ${why}`,
    badRosterRecords: (n: number) => `名单有 ${n} 处错误,未计分`,
    tooBig: (f: string, size: number, limit: number) => `${f}: 文件有 ${size} 字节,超过上限 ${limit} 字节`,
    tooMany: (f: string, max: number) => `${f}: 事件超过 ${max} 条`,
    periodTooLong: (days: number, max: number) => `期间不得超过 ${max} 天(--from 到 --to 共 ${days} 天)`,
    rulebookErrors: '规则集有错误,未计分:',
    examplePass: (name: string) => `✓ 示例 ${name}`,
    exampleFail: (name: string) => `✗ 示例 ${name}`,
    exampleNotRun: (name: string, why: string) => `– 示例 ${name}:未运行(${why})`,
    exampleLine: (file: string, line: number, expected: string, actual: string) => `    ${file}:${line}: 预期 ${expected},实际 ${actual}`,
    examplesSummary: (p: number, f: number, n: number) => `示例:${p} 个通过,${f} 个未通过${n ? `,${n} 个未运行` : ''}`,
    noExamples: (f: string) => `${f}: 没有示例`,
    consultant: '咨询员',
    team: '小组',
    points: '分数',
    money: '金额(元)',
    flags: '标记',
    lines: '明细',
    warnings: '提醒',
    unknownCommand: (c: string) => `未知命令 ${c}`,
  },
  en: {
    usage: `usage:
  rulecard check FILE.rules [--roster ROSTER.json] [--locale zh-CN|en] [--json]
  rulecard test FILE.rules [--roster ROSTER.json] [--locale zh-CN|en] [--json]
  rulecard score FILE.rules --events EVENTS.json --roster ROSTER.json --from YYYY-MM-DD --to YYYY-MM-DD [--as-of INSTANT] [--json] [--locale zh-CN|en]`,
    cannotRead: (f: string) => `cannot read ${f}`,
    noErrors: (f: string) => `${f}: no problems`,
    summary: (e: number, w: number) => `${e} error(s), ${w} warning(s)`,
    error: 'error',
    warning: 'warning',
    info: 'info',
    missing: (o: string) => `missing ${o}`,
    badDate: (o: string, v: string) => `${o} ${v} is not a date (YYYY-MM-DD)`,
    badOrder: '--from must not be after --to',
    badAsOf: (v: string) => `--as-of ${v} is not an instant with an offset (e.g. 2026-12-03T10:00:00+08:00)`,
    projected: 'projected',
    badJson: (f: string, why: string) => `${f}: not valid JSON or NDJSON (${why})`,
    badRecord: (f: string, where: string, field: string, why: string) => `${f}: ${where}, field "${field}": ${why}`,
    record: (i: number, line?: number) => (line ? `line ${line} (record ${i})` : `record ${i}`),
    notArray: 'expected an array of events or one event per line (NDJSON)',
    badEvents: (n: number) => `${n} bad event record(s); nothing scored`,
    badRoster: (f: string, why: string) => `${f}: bad roster — ${why}`,
    badRosterRecords: (n: number) => `${n} bad roster record(s); nothing scored`,
    tooBig: (f: string, size: number, limit: number) => `${f}: ${size} bytes, more than the limit of ${limit} bytes`,
    tooMany: (f: string, max: number) => `${f}: more than ${max} events`,
    periodTooLong: (days: number, max: number) => `the period must be at most ${max} days (--from … --to is ${days} days)`,
    rulebookErrors: 'the rulebook has errors; nothing scored:',
    examplePass: (name: string) => `✓ example ${name}`,
    exampleFail: (name: string) => `✗ example ${name}`,
    exampleNotRun: (name: string, why: string) => `– example ${name}: not run (${why})`,
    exampleLine: (file: string, line: number, expected: string, actual: string) =>
      `    ${file}:${line}: expected ${expected}, got ${actual}`,
    examplesSummary: (p: number, f: number, n: number) => `examples: ${p} passed, ${f} failed${n ? `, ${n} not run` : ''}`,
    noExamples: (f: string) => `${f}: no examples`,
    consultant: 'consultant',
    team: 'team',
    points: 'points',
    money: 'money (yuan)',
    flags: 'flags',
    lines: 'lines',
    warnings: 'warnings',
    unknownCommand: (c: string) => `unknown command ${c}`,
  },
} as const;

type Texts = (typeof TEXT)[Locale];

class UsageError extends Error {}
class InputError extends Error {}

interface Args {
  command?: string;
  file?: string;
  options: Map<string, string | true>;
}

function parseArgs(argv: string[]): Args {
  const options = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [name, inline] = a.split('=', 2);
      if (inline !== undefined) options.set(name, inline);
      else if (name === '--json' || name === '--help') options.set(name, true);
      else if (i + 1 < argv.length) options.set(name, argv[++i]);
      else options.set(name, true);
    } else positional.push(a);
  }
  return { command: positional[0], file: positional[1], options };
}

function readText(path: string, t: Texts): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new InputError(t.cannotRead(path));
  }
}

function formatDiagnostic(file: string, d: Diagnostic, t: Texts): string {
  const sev = d.severity === 'error' ? t.error : d.severity === 'warning' ? t.warning : t.info;
  return `${file}:${d.range.start.line}:${d.range.start.column}: ${sev} [${d.code}] ${d.message}`;
}

/** Reads a data file, refusing one over `limit` bytes before reading it. */
function readInput(path: string, limit: number, t: Texts): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new InputError(t.cannotRead(path));
  }
  if (size > limit) throw new InputError(t.tooBig(path, size, limit));
  return readText(path, t);
}

/** An events file (a JSON array, or NDJSON: one event a line) as records, at most `LIMITS.events`. */
function eventRecords(text: string, file: string, t: Texts): InputRecord[] {
  const records: InputRecord[] = [];
  const body = text.replace(/^\uFEFF/, '');
  const trimmed = body.trim();
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (e) {
      throw new InputError(t.badJson(file, e instanceof Error ? e.message : String(e)));
    }
    if (!Array.isArray(parsed)) throw new InputError(t.badJson(file, t.notArray));
    if (parsed.length > LIMITS.events) throw new InputError(t.tooMany(file, LIMITS.events));
    parsed.forEach((value, index) => records.push({ value, index }));
  } else if (trimmed) {
    const lines = body.split(/\r?\n/); // not trimmed: line numbers are the file's
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      if (records.length === LIMITS.events) throw new InputError(t.tooMany(file, LIMITS.events));
      try {
        records.push({ value: JSON.parse(line), index: records.length, line: i + 1 });
      } catch {
        records.push({ value: undefined, json: false, index: records.length, line: i + 1 });
      }
    });
  }
  return records;
}

/** A problem as the CLI prints it: file, record (index/line or roster path), field, why. */
function problemText(file: string, p: InputProblem, t: Texts, locale: Locale): string {
  const where = typeof p.record === 'number' ? t.record(p.record, p.line) : p.record;
  return t.badRecord(file, where, p.field, inputProblemText(p, locale));
}

/** Parses and checks events: every bad record is reported with its index/line and field. */
export function readEvents(text: string, file: string, t: Texts, locale: Locale): { events: RuleEvent[]; problems: string[] } {
  const { events, problems } = checkEvents(eventRecords(text, file, t));
  return { events, problems: problems.map((p) => problemText(file, p, t, locale)) };
}

/** Parses and checks a roster (v1 or v2): every bad record is reported with its path and field. */
export function readRoster(text: string, file: string, t: Texts, locale: Locale): { roster: Roster; problems: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(t.badRoster(file, e instanceof Error ? e.message : String(e)));
  }
  const { roster, problems } = checkRoster(parsed);
  return { roster, problems: problems.map((p) => problemText(file, p, t, locale)) };
}

function pad(s: string, w: number): string {
  // CJK characters take two columns in a terminal
  const width = [...s].reduce((n, ch) => n + (/[\u1100-\uFFFF]/.test(ch) ? 2 : 1), 0);
  return s + ' '.repeat(Math.max(0, w - width));
}

function localWarning(w: Scorecards['warnings'][number], locale: Locale): string {
  return w.code in WARNINGS && w.params ? warningText(w.code as WarningCode, locale, w.params) : w.message;
}

/**
 * `score --json`: the Scorecards object as LANGUAGE.md §7 documents it —
 * ledgers and lines without their integer `fen`/`centipoints` (their
 * `money`/`points` say the same in yuan and points).
 */
export function scorecardsJson(cards: Scorecards): string {
  const exact = new Set<object>();
  for (const side of [cards.consultants, cards.teams])
    for (const ledger of Object.values(side)) {
      exact.add(ledger);
      if (ledger.projected) exact.add(ledger.projected);
      for (const line of ledger.lines) exact.add(line);
    }
  return JSON.stringify(
    cards,
    function (this: object, key: string, value: unknown) {
      return (key === 'fen' || key === 'centipoints') && exact.has(this) ? undefined : value;
    },
    2,
  );
}

function formatCards(cards: Scorecards, roster: Roster, t: Texts, locale: Locale): string {
  const out: string[] = [];
  const money = (x: { fen: number }) => formatFen(x.fen);
  for (const team of roster.teams) {
    const tl = cards.teams[team.id];
    out.push(
      `== ${t.team} ${team.name ?? team.id} (${team.id}): ${t.points} ${tl.points}, ${t.money} ${money(tl)}${tl.flags.length ? `, ${t.flags} ${tl.flags.join(' ')}` : ''}`,
    );
    out.push(`   ${pad(t.consultant, 12)} ${pad(t.points, 10)} ${pad(t.money, 14)} ${t.flags}`);
    for (const member of team.members) {
      const l = cards.consultants[member];
      if (!l) continue;
      out.push(
        `   ${pad(member, 12)} ${pad(String(l.points), 10)} ${pad(money(l), 14)} ${l.flags.join(' ')}${l.projected ? ` (${t.projected} ${l.projected.points}, ${formatFen(l.projected.fen)})` : ''}`,
      );
    }
    out.push('');
  }
  out.push(`-- ${t.lines}`);
  for (const [who, l] of Object.entries(cards.consultants)) {
    for (const line of l.lines) {
      out.push(
        `   ${pad(who, 10)} ${pad(line.window ?? '', 11)} ${pad(line.label ?? line.rule, 24)} ×${pad(String(line.count), 4)} ${pad(String(line.points), 8)} ${pad(money(line), 10)}${line.flag ? ` ${t.flags}:${line.flag}` : ''}${line.projected ? ` (${t.projected})` : ''}`,
      );
    }
  }
  if (cards.warnings.length) {
    out.push('', `-- ${t.warnings} (${cards.warnings.length})`);
    for (const w of cards.warnings.slice(0, 50)) out.push(`   [${w.code}] ${localWarning(w, locale)}`);
    if (cards.warnings.length > 50) out.push(`   … +${cards.warnings.length - 50}`);
  }
  return out.join('\n');
}

/**
 * `rulecard test`: runs only the examples. Exit 0 when every example passes,
 * 1 when one fails or cannot run (or the rulebook has errors), 2 on a usage
 * or file error (thrown before this).
 */
function testCommand(
  file: string,
  diagnostics: Diagnostic[],
  run: ExampleRun | undefined,
  json: boolean,
  io: { out: (s: string) => void; err: (s: string) => void },
  t: Texts,
): number {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!run) {
    if (json) io.out(JSON.stringify({ diagnostics: errors, examples: [] }, null, 2));
    else {
      io.err(t.rulebookErrors);
      for (const d of errors) io.err(formatDiagnostic(file, d, t));
    }
    return 1;
  }
  const count = (status: string) => run.results.filter((r) => r.status === status).length;
  if (json)
    io.out(
      JSON.stringify(
        {
          examples: run.results.map((r) => ({
            name: r.example.name,
            line: r.example.range.start.line,
            status: r.status,
            failures: r.results
              .filter((x) => !x.pass)
              .map((x) => ({ line: x.expectation.range.start.line, expected: x.expected, actual: x.actual })),
          })),
          diagnostics: run.diagnostics,
        },
        null,
        2,
      ),
    );
  else if (!run.results.length) io.out(t.noExamples(file));
  else {
    const locale: Locale = t === TEXT.en ? 'en' : 'zh-CN';
    for (const r of run.results) {
      if (r.status === 'pass') io.out(t.examplePass(r.example.name));
      else if (r.status === 'not-run') io.out(t.exampleNotRun(r.example.name, r.reason?.[locale] ?? ''));
      else {
        io.out(t.exampleFail(r.example.name));
        for (const x of r.results) if (!x.pass) io.out(t.exampleLine(file, x.expectation.range.start.line, x.expected, x.actual));
      }
    }
    io.out(t.examplesSummary(count('pass'), count('fail'), count('not-run')));
  }
  return count('pass') === run.results.length ? 0 : 1;
}

function localeOf(args: Args): Locale {
  const l = args.options.get('--locale');
  if (l === undefined) return 'zh-CN';
  if (l === 'en' || l === 'zh-CN') return l;
  throw new UsageError(`--locale ${String(l)}: zh-CN | en`);
}

/** Runs the CLI; returns the exit code. Output goes to the given streams. */
export async function main(
  argv: string[],
  io: { out: (s: string) => void; err: (s: string) => void } = {
    out: (s) => process.stdout.write(s + '\n'),
    err: (s) => process.stderr.write(s + '\n'),
  },
): Promise<number> {
  const args = parseArgs(argv);
  let t: Texts = TEXT['zh-CN'];
  try {
    const locale = localeOf(args);
    t = TEXT[locale];
    if (!args.command || args.options.has('--help')) {
      io.out(t.usage);
      return args.command || args.options.has('--help') ? 0 : 2;
    }
    if (args.command !== 'check' && args.command !== 'score' && args.command !== 'test')
      throw new UsageError(`${t.unknownCommand(args.command)}\n${t.usage}`);
    if (!args.file) throw new UsageError(t.usage);
    const json = args.options.get('--json') === true;
    const file = args.file;
    // `rulecard test`: a file error (rulebook or roster) is a usage-level failure (exit 2), not a failing example
    const reading = <R>(read: () => R): R => {
      try {
        return read();
      } catch (e) {
        throw args.command === 'test' && e instanceof InputError ? new UsageError(e.message) : e;
      }
    };
    const source = reading(() => readText(file, t));
    if (args.command === 'check' || args.command === 'test') {
      const rosterFile = args.options.get('--roster');
      if (rosterFile === true) throw new UsageError(`${t.missing('--roster')}\n${t.usage}`);
      const roster =
        rosterFile === undefined
          ? undefined
          : reading(() => {
              const read = readRoster(readInput(rosterFile, LIMITS.rosterFileBytes, t), rosterFile, t, locale);
              if (read.problems.length)
                throw new InputError([...read.problems.slice(0, 200), t.badRosterRecords(read.problems.length)].join('\n'));
              return read.roster;
            });
      const { compiled, run, diagnostics: all } = checkRulebook(source, { locale, roster });
      if (args.command === 'test') return testCommand(file, compiled.diagnostics, run, json, io, t);
      const errors = all.filter((d) => d.severity === 'error').length;
      const warns = all.filter((d) => d.severity === 'warning').length;
      if (json) io.out(JSON.stringify({ diagnostics: all }, null, 2));
      else {
        for (const d of all) io.out(formatDiagnostic(file, d, t));
        io.out(all.length ? t.summary(errors, warns) : t.noErrors(file));
      }
      return errors ? 1 : 0;
    }

    const { rulebook, diagnostics } = compile(source, { locale, version: 2 });
    const opt = (name: string) => {
      const v = args.options.get(name);
      if (typeof v !== 'string') throw new UsageError(`${t.missing(name)}\n${t.usage}`);
      return v;
    };
    const eventsFile = opt('--events');
    const rosterFile = opt('--roster');
    const from = opt('--from');
    const to = opt('--to');
    const period = checkPeriod(from, to);
    if (period === 'from') throw new UsageError(t.badDate('--from', from));
    if (period === 'to') throw new UsageError(t.badDate('--to', to));
    if (period === 'order') throw new UsageError(t.badOrder);
    if (period === 'too-long') throw new UsageError(t.periodTooLong(daysBetween(from, to) + 1, LIMITS.periodDays));
    // §9.16: lines of windows not ended by --as-of that could still change are projected.
    const asOfOption = args.options.get('--as-of');
    const asOf = asOfOption === undefined ? undefined : asOfOption === true ? '' : asOfOption;
    if (asOf !== undefined && Number.isNaN(parseInstant(asOf))) throw new UsageError(t.badAsOf(asOf));
    if (!rulebook) {
      io.err(t.rulebookErrors);
      for (const d of diagnostics) if (d.severity === 'error') io.err(formatDiagnostic(args.file, d, t));
      return 1;
    }
    const report = (problems: string[], summary: string) => {
      for (const p of problems.slice(0, 200)) io.err(p);
      if (problems.length > 200) io.err(`… +${problems.length - 200}`);
      io.err(summary);
    };
    const { roster, problems: rosterProblems } = readRoster(readInput(rosterFile, LIMITS.rosterFileBytes, t), rosterFile, t, locale);
    if (rosterProblems.length) {
      report(rosterProblems, t.badRosterRecords(rosterProblems.length));
      return 1;
    }
    const { events, problems } = readEvents(readInput(eventsFile, LIMITS.eventsFileBytes, t), eventsFile, t, locale);
    if (problems.length) {
      report(problems, t.badEvents(problems.length));
      return 1;
    }
    const cards = evaluate(rulebook, { events, roster, period: { from, to } }, asOf === undefined ? undefined : { asOf });
    io.out(json ? scorecardsJson(cards) : formatCards(cards, roster, t, locale));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(e.message);
      return 2;
    }
    if (e instanceof InputError) {
      io.err(e.message);
      return 1;
    }
    io.err(`rulecard: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
