/**
 * AST → the plain-JSON program (`program.ts`) and the examples. A program
 * that uses no version-2 semantics comes out exactly as version 1 wrote it
 * (same fields, same order), with `format: 'rulecard/1'`.
 */
import type { ClauseAst, ClauseEffectAst, ExampleAst, RuleAst, RulebookAst } from './ast.js';
import { firstMeasuredClause, isTyped, ruleMeasure } from './check.js';
import { LABEL_LOCALES } from './check-rules.js';
import { decimalToHundredths } from './money.js';
import { featuresOf } from './plan.js';
import type {
  Clause,
  ClauseEffect,
  ClauseWindow,
  CompiledRule,
  CompiledRulebook,
  EventEffect,
  Example,
  ExampleEvent,
  Expectation,
  Measure,
  MemberCondition,
  Test,
  WindowUnit,
} from './program.js';
import type { Condition, SourceRange } from './types.js';

export function toProgram(ast: RulebookAst, source: string): CompiledRulebook {
  let pointFen = 100;
  let window: WindowUnit = 'day';
  let timezone = 'Asia/Shanghai';
  let title: string | undefined;
  let workdays: number | undefined;
  let graceMonths: number | undefined;
  const pay: CompiledRulebook['pay'] = [];
  for (const s of ast.settings) {
    if (s.kind === 'point') pointFen = decimalToHundredths(s.value.text) ?? 100;
    else if (s.kind === 'window') window = s.value === 'ever' ? 'day' : s.value;
    else if (s.kind === 'timezone') timezone = s.value;
    else if (s.kind === 'title') title = s.value;
    else if (s.kind === 'workdays') workdays = s.value.value;
    else if (s.kind === 'grace') graceMonths = s.value.value;
    else pay.push(s.label === undefined ? { name: s.name } : { name: s.name, label: s.label });
  }
  const program: CompiledRulebook = { format: 'rulecard/1', pointFen, window, timezone, rules: [] };
  if (title !== undefined) program.title = title;
  if (pay.length) program.pay = pay;
  if (workdays !== undefined) program.workdays = workdays;
  if (graceMonths !== undefined) program.graceMonths = graceMonths;
  program.rules = ast.rules.map((r) => toRule(r, window, source));
  if (featuresOf(program).length) program.format = 'rulecard/2';
  return program;
}

const conditions = (cs: RuleAst['where']): Condition[] => cs.map((c) => ({ field: c.field, op: c.op, value: c.value }));

function toMeasure(rule: RuleAst): Measure {
  const kind = ruleMeasure(rule);
  const first = firstMeasuredClause(rule);
  const subject = first?.subject;
  if (kind === 'ledger' && subject?.kind === 'ledger') return { kind: 'ledger', ledger: subject.ledger, quantity: subject.quantity };
  if (kind === 'ratio' && subject?.kind === 'ratio') {
    const m: Measure = { kind: 'ratio', numerator: subject.numerator.type, denominator: subject.denominator.type };
    if (subject.numerator.where.length) m.numeratorWhere = conditions(subject.numerator.where);
    if (subject.denominator.where.length) m.denominatorWhere = conditions(subject.denominator.where);
    return m;
  }
  if (kind === 'aggregate' && subject?.kind === 'aggregate') return { kind: subject.fn, field: subject.field };
  if (kind === 'rank') {
    const rank = first?.rank;
    const m: Measure = { kind: 'rank', by: rank?.by ?? 'count' };
    if (rank?.field !== undefined) m.field = rank.field;
    if (rank?.byTeam) m.byTeam = true;
    return m;
  }
  if (kind === 'all') return { kind: 'all' };
  if (kind === 'every') return { kind: 'every' };
  return { kind: 'count' };
}

function toRule(rule: RuleAst, defaultWindow: WindowUnit, source: string): CompiledRule {
  const measure = toMeasure(rule);
  const out: CompiledRule = {
    id: rule.id,
    where: conditions(rule.where),
    effects: rule.effects.filter((e) => e.value.value !== 0).map(toEventEffect),
    measure,
    tiers: !!rule.tiers,
    clauses: rule.clauses.map((c) => toClause(c, rule.tiers?.window ?? defaultWindow)),
    range: copyRange(rule.range),
    text: source.slice(rule.range.start.offset, rule.range.end.offset),
  };
  if (rule.label !== undefined) out.label = rule.label;
  const en = rule.labels?.find((l) => LABEL_LOCALES[l.locale] === 'en');
  if (en) out.labels = { en: en.label };
  if (isTyped(rule)) out.eventType = rule.eventTypes[0]?.name ?? rule.id;
  const types = [...new Set(rule.eventTypes.map((t) => t.name))];
  if (out.eventType !== undefined && types.length > 1) out.eventTypes = types;
  if (rule.for.length)
    out.for = rule.for.map((c): MemberCondition => ({ field: c.field as MemberCondition['field'], op: c.op, value: String(c.value) }));
  if (rule.unless.length) out.unless = [...new Set(rule.unless.map((f) => f.name))];
  return out;
}

function copyRange(r: SourceRange): SourceRange {
  return { start: { ...r.start }, end: { ...r.end } };
}

function toEventEffect(e: RuleAst['effects'][number]): EventEffect {
  if (e.kind === 'percent') {
    if (e.base?.kind === 'pay') {
      const out: EventEffect = { target: e.target, kind: 'pay', value: e.value.value, pay: e.base.name };
      if (e.base.daily) out.daily = true;
      return out;
    }
    return { target: e.target, kind: 'percent', value: e.value.value };
  }
  if (e.kind === 'yuan') return { target: e.target, kind: 'fen', value: decimalToHundredths(e.value.text) ?? 0 };
  return { target: e.target, kind: 'points', value: e.value.value };
}

function toClauseEffect(e: ClauseEffectAst): ClauseEffect {
  let out: ClauseEffect;
  if (e.kind === 'flag') out = { target: e.target, kind: 'flag', value: 0, flag: e.flag };
  else if (e.kind === 'yuan') out = { target: e.target, kind: 'fen', value: decimalToHundredths(e.value?.text ?? '0') ?? 0 };
  else if (e.kind === 'percent') {
    out = { target: e.target, kind: 'pay', value: e.value?.value ?? 0, pay: e.base?.kind === 'pay' ? e.base.name : '' };
    if (e.base?.kind === 'pay' && e.base.daily) out.daily = true;
  } else out = { target: e.target, kind: 'points', value: e.value?.value ?? 0 };
  if (e.perCount) out.perCount = true;
  if (e.place !== undefined) out.place = e.place;
  if (e.top) out.top = e.top.value;
  return out;
}

function toClause(c: ClauseAst, defaultWindow: ClauseWindow): Clause {
  let test: Test;
  if (c.test.kind === 'cmp') test = { kind: 'cmp', op: c.test.op, value: c.test.value.value };
  else if (c.test.kind === 'target') test = { kind: 'target', op: c.test.op, target: c.test.target };
  else if (c.test.kind === 'range') test = { kind: 'range', low: c.test.low.value, high: c.test.high.value };
  else test = { kind: 'else' };
  const clause: Clause = {
    test,
    window: c.window ?? defaultWindow,
    each: c.each,
    effects: c.effects.map(toClauseEffect),
    range: copyRange(c.range),
  };
  if (c.eachStep) clause.eachStep = c.eachStep.value;
  if (c.running) clause.running = c.running.value;
  return clause;
}

/** The examples of a rulebook, as the example runner takes them. */
export function toExamples(ast: RulebookAst): Example[] {
  return ast.examples.map(toExample);
}

function toExample(e: ExampleAst): Example {
  const given = e.given.map((g): ExampleEvent => {
    const out: ExampleEvent = { type: g.type, count: g.repeat, date: g.date, member: g.member, range: copyRange(g.range) };
    if (g.time) out.time = g.time;
    if (g.amount) out.amount = g.amount.value;
    if (g.attrs.length) out.attrs = Object.fromEntries(g.attrs.map((a) => [a.field, a.value]));
    return out;
  });
  const expect = e.expect
    .filter((x) => x.subject)
    .map((x): Expectation => {
      const out: Expectation = { subject: x.subject ?? { kind: 'team' }, what: x.what, range: copyRange(x.range) };
      if (x.value) out.value = x.value.value;
      if (x.flag !== undefined) out.flag = x.flag;
      return out;
    });
  const out: Example = { name: e.name, given, expect, range: copyRange(e.range) };
  if (e.period) out.period = { from: e.period.from, to: e.period.to };
  return out;
}
