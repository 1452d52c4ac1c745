/**
 * Rulebook examples (LANGUAGE.md §9.14): each `example` block is scored with
 * the real `evaluate` over its own events, roster and period, and every
 * `expect` item is compared with the result. A failing item is the error
 * `example-failed` on its own range, with the expected and the actual value.
 * Used by `rulecard check`, `rulecard test` and (later) the editor.
 */
import { toHundredths } from './money.js';
import { compile } from './compile.js';
import { closest, DiagnosticSink } from './diagnostics.js';
import { evaluate } from './evaluate-v2.js';
import type * as v2 from './program.js';
import { type Diagnostic, type Ledger, type Locale, type Period, type Roster, type RuleEvent, type Scorecards } from './types.js';
import { firstDayOfMonth, instantOf, isDate, isTime, lastDayOfMonth, monthOf } from './calendar.js';

export interface ExpectationResult {
  expectation: v2.Expectation;
  pass: boolean;
  /** What the item states and what the rulebook gave, in the locale asked for (`c01 points -30`, `-36`). */
  expected: string;
  actual: string;
}

export interface ExampleResult {
  example: v2.Example;
  /** `pass`: every item holds; `fail`: one does not; `not-run`: the example could not be scored (see `reason`). */
  status: 'pass' | 'fail' | 'not-run';
  results: ExpectationResult[];
  reason?: { 'zh-CN': string; en: string };
}

export interface ExampleRun {
  results: ExampleResult[];
  /** `example-failed` (error) per failing item, `example-not-run` (warning) per example that could not be scored. */
  diagnostics: Diagnostic[];
}

const WORDS = {
  'zh-CN': {
    points: '分',
    money: '金额',
    flag: '标记',
    'no-flag': '无 标记',
    team: '集体',
    yes: '有',
    no: '无',
    off: '不在名单中',
    split: '所涉人员不在同一组',
    none: '(无)',
  },
  en: {
    points: 'points',
    money: 'money',
    flag: 'flag',
    'no-flag': 'no flag',
    team: 'team',
    yes: 'raised',
    no: 'not raised',
    off: 'not on the roster',
    split: 'the members named are in different teams',
    none: '(none)',
  },
} as const;

/** The members an example names, in order of appearance. */
function membersOf(example: v2.Example): string[] {
  const out: string[] = [];
  const add = (m: string) => !out.includes(m) && out.push(m);
  for (const g of example.given) add(g.member);
  for (const e of example.expect) if (e.subject.kind === 'member') add(e.subject.id);
  return out;
}

/** A roster of the members an example names, all in one team (named by the example's `team ID`, if it gives one). */
export function exampleRoster(example: v2.Example): Roster {
  const named = example.expect.find((e) => e.subject.kind === 'team' && e.subject.id !== undefined)?.subject;
  const id = named?.kind === 'team' && named.id !== undefined ? named.id : 'team';
  return { teams: [{ id, members: membersOf(example) }] };
}

/** The whole months that contain the example's events (or its `period`). */
export function examplePeriod(example: v2.Example): Period | undefined {
  if (example.period) return example.period;
  const dates = example.given
    .map((g) => g.date)
    .filter(isDate)
    .sort();
  if (!dates.length) return undefined;
  return { from: firstDayOfMonth(monthOf(dates[0])), to: lastDayOfMonth(monthOf(dates[dates.length - 1])) };
}

/** The example's events: `xN` copies each, at the given local time (12:00 when none) in the rulebook's zone. */
export function exampleEvents(example: v2.Example, timezone: string, index: number): RuleEvent[] {
  const out: RuleEvent[] = [];
  example.given.forEach((g, gi) => {
    const time = g.time ?? '12:00';
    if (!isDate(g.date) || !isTime(time)) return;
    const at = instantOf(g.date, time, timezone);
    for (let k = 0; k < g.count; k++) {
      const e: RuleEvent = { id: `example${index + 1}.${gi + 1}.${k + 1}`, type: g.type, consultant: g.member, at };
      if (g.amount !== undefined) e.amount = g.amount;
      if (g.attrs) e.attrs = { ...g.attrs };
      out.push(e);
    }
  });
  return out;
}

/** Runs every example of a compiled rulebook with `evaluate`; `roster`: the one given to `rulecard check --roster`, if any. */
export function runExamples(
  program: v2.CompiledRulebook,
  examples: v2.Example[],
  options: { roster?: Roster; locale?: Locale } = {},
): ExampleRun {
  const locale = options.locale ?? 'zh-CN';
  const w = WORDS[locale];
  const sink = new DiagnosticSink(locale);
  const results = examples.map((example, index): ExampleResult => {
    const roster = options.roster ?? exampleRoster(example);
    const period = examplePeriod(example);
    if (!period) return { example, status: 'not-run', results: [] };
    let cards: Scorecards;
    try {
      cards = evaluate(program, { events: exampleEvents(example, program.timezone, index), roster, period });
    } catch (e) {
      const reason = {
        'zh-CN': `计分出错:${e instanceof Error ? e.message : String(e)}`,
        en: `scoring failed: ${e instanceof Error ? e.message : String(e)}`,
      };
      sink.warning('example-not-run', example.range, { name: example.name, reasonZh: reason['zh-CN'], reasonEn: reason.en });
      return { example, status: 'not-run', results: [], reason };
    }
    const named = membersOf(example);
    const items = example.expect.map((x): ExpectationResult => {
      const who = x.subject.kind === 'member' ? x.subject.id : x.subject.id !== undefined ? `${w.team} ${x.subject.id}` : w.team;
      const what = x.what === 'flag' || x.what === 'no-flag' ? `${w[x.what]} ${x.flag ?? ''}` : `${w[x.what]} ${x.value ?? ''}`;
      const expected = `${who} ${what}`;
      let ledger: Ledger | undefined;
      let missing: string = w.off;
      if (x.subject.kind === 'member')
        ledger = Object.hasOwn(cards.consultants, x.subject.id) ? cards.consultants[x.subject.id] : undefined;
      else if (x.subject.id !== undefined) ledger = Object.hasOwn(cards.teams, x.subject.id) ? cards.teams[x.subject.id] : undefined;
      else {
        // the team of the members the example names, when they share one
        const team = roster.teams.filter((t) => named.every((m) => t.members.includes(m)));
        if (team.length === 1) ledger = cards.teams[team[0].id];
        else missing = w.split;
      }
      if (!ledger) return { expectation: x, pass: false, expected, actual: missing };
      if (x.what === 'flag' || x.what === 'no-flag') {
        const has = ledger.flags.includes(x.flag ?? '');
        return {
          expectation: x,
          pass: has === (x.what === 'flag'),
          expected,
          actual: `${has ? w.yes : w.no}${ledger.flags.length ? ` (${ledger.flags.join(', ')})` : ''}`,
        };
      }
      const got = x.what === 'points' ? ledger.points : ledger.money;
      return { expectation: x, pass: toHundredths(got) === toHundredths(x.value ?? 0), expected, actual: String(got) };
    });
    for (const r of items)
      if (!r.pass) sink.error('example-failed', r.expectation.range, { name: example.name, expected: r.expected, actual: r.actual });
    return { example, status: items.every((r) => r.pass) ? 'pass' : 'fail', results: items };
  });
  return { results, diagnostics: sink.list };
}

/**
 * What a roster lets `check` say about a rulebook: a `target NAME` that no
 * member of the roster has (`unknown-target`, a warning: the evaluator skips
 * those members).
 */
export function checkWithRoster(program: v2.CompiledRulebook, roster: Roster, locale: Locale = 'zh-CN'): Diagnostic[] {
  const sink = new DiagnosticSink(locale);
  const known = new Set<string>();
  for (const m of roster.members ?? []) for (const k of Object.keys(m.targets ?? {})) known.add(k);
  for (const rule of program.rules)
    for (const clause of rule.clauses) {
      const test = clause.test;
      if (test.kind !== 'target' || known.has(test.target)) continue;
      const suggestion = closest(test.target, known);
      sink.warning('unknown-target', clause.range, { name: test.target, suggestion: suggestion ?? '' });
    }
  return sink.list;
}

/** What `rulecard check` reports: the compiler's diagnostics, the examples' and (with a roster) the roster's, in source order. */
export interface CheckResult {
  compiled: v2.CompileResult;
  /** Absent when the rulebook has errors (its examples are not run). */
  run?: ExampleRun;
  diagnostics: Diagnostic[];
}

/** Compiles a rulebook (version 2), runs its examples and checks it against a roster, as `rulecard check` does. */
export function checkRulebook(source: string, options: { locale?: Locale; roster?: Roster } = {}): CheckResult {
  const locale = options.locale ?? 'zh-CN';
  const compiled = compile(source, { locale, version: 2 });
  const { rulebook } = compiled;
  const run = rulebook ? runExamples(rulebook, compiled.examples, { roster: options.roster, locale }) : undefined;
  const diagnostics = [
    ...compiled.diagnostics,
    ...(run?.diagnostics ?? []),
    ...(rulebook && options.roster ? checkWithRoster(rulebook, options.roster, locale) : []),
  ];
  diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);
  return run ? { compiled, run, diagnostics } : { compiled, diagnostics };
}
