/**
 * The checker: everything the grammar accepts but a manager did not mean.
 * Works on the AST; reports through a DiagnosticSink.
 */
import type {
  ClauseAst,
  ClauseEffectAst,
  ConditionAst,
  ExampleAst,
  NumberAst,
  PercentBaseAst,
  RuleAst,
  RulebookAst,
  SubjectAst,
  TestAst,
} from './ast.js';
import { closest, type DiagnosticSink } from './diagnostics.js';
import { decimalToHundredths } from './money.js';
import type { SourceRange } from './types.js';
import { isDate, isTime, isTimeZone } from './calendar.js';
import { checkTiers } from './check-tiers.js';
import { checkBindings, checkLabels } from './check-rules.js';

/** What a rule measures, decided from its clauses' subjects. */
export type MeasureKind = 'count' | 'all' | 'ledger' | 'ratio' | 'rank' | 'aggregate' | 'every';

export function measureOf(clause: ClauseAst): MeasureKind {
  if (clause.rank) return 'rank';
  if (clause.every) return 'every';
  if (!clause.subject) return 'count';
  return clause.subject.kind;
}

const conditionKey = (cs: ConditionAst[]) => JSON.stringify(cs.map((c) => [c.field, c.op, c.value]));

function sameSubject(a: ClauseAst, b: ClauseAst): boolean {
  if (a.rank || b.rank)
    return !!a.rank && !!b.rank && a.rank.by === b.rank.by && a.rank.field === b.rank.field && a.rank.byTeam === b.rank.byTeam;
  const x = a.subject;
  const y = b.subject;
  if (!x || !y) return x === y;
  if (x.kind !== y.kind) return false;
  if (x.kind === 'ledger' && y.kind === 'ledger') return x.ledger === y.ledger && x.quantity === y.quantity;
  if (x.kind === 'ratio' && y.kind === 'ratio')
    return (
      x.numerator.type === y.numerator.type &&
      x.denominator.type === y.denominator.type &&
      conditionKey(x.numerator.where) === conditionKey(y.numerator.where) &&
      conditionKey(x.denominator.where) === conditionKey(y.denominator.where)
    );
  if (x.kind === 'aggregate' && y.kind === 'aggregate') return x.fn === y.fn && x.field === y.field;
  return true;
}

/** The first clause that measures something (not an `else`): it decides what the rule measures. */
export function firstMeasuredClause(rule: RuleAst): ClauseAst | undefined {
  return rule.clauses.find((c) => c.test.kind !== 'else' || c.rank || c.every || c.missingTest);
}

export function ruleMeasure(rule: RuleAst): MeasureKind {
  const first = firstMeasuredClause(rule);
  return first ? measureOf(first) : 'count';
}

/** True when the rule counts events of its own (its `on` types, or its id): counts, `all`, sums, ranks by a count or sum. */
export function isTyped(rule: RuleAst): boolean {
  const measure = ruleMeasure(rule);
  if (measure === 'count' || measure === 'all' || measure === 'aggregate') return true;
  if (measure !== 'rank') return false;
  const by = firstMeasuredClause(rule)?.rank?.by ?? 'count';
  return by === 'count' || by === 'sum' || by === 'avg' || rule.eventTypes.length > 0;
}

/** Integers (counts) a test accepts, as a closed interval; `!=` and targets are not analysed. */
export function interval(test: TestAst): [number, number] | undefined {
  const INF = Number.POSITIVE_INFINITY;
  if (test.kind === 'else') return [0, INF];
  if (test.kind === 'target') return undefined;
  if (test.kind === 'range') return [Math.ceil(test.low.value), Math.floor(test.high.value)];
  const n = test.value.value;
  switch (test.op) {
    case '>':
      return [Math.floor(n) + 1, INF];
    case '>=':
      return [Math.ceil(n), INF];
    case '<':
      return [0, Math.ceil(n) - 1];
    case '<=':
      return [0, Math.floor(n)];
    case '=':
      return Number.isInteger(n) ? [n, n] : [1, 0];
    default:
      return undefined;
  }
}

/** Numbers beyond this are not exact in a double once turned into fen or hundredths. */
const MAX_EXACT = 1e12;

function checkNumber(n: NumberAst, sink: DiagnosticSink, what: 'money' | 'points'): void {
  if (n.signConflict) {
    badNumber(sink, n, '“扣”“奖”后的数字不再带正负号', 'a number after `minus`/`plus` (扣/奖) takes no sign');
    return;
  }
  if (Math.abs(n.value) > MAX_EXACT) {
    badNumber(sink, n, '数值过大,无法精确计算', 'too large to stay exact');
    return;
  }
  if (decimalToHundredths(n.text) === undefined) {
    if (what === 'money') badNumber(sink, n, '金额最多精确到分(两位小数)', 'money is exact to the fen (two decimals at most)');
    else badNumber(sink, n, '分数最多两位小数', 'points take two decimals at most');
  }
}

function checkPercent(n: NumberAst, sink: DiagnosticSink): void {
  if (Math.abs(n.value) > 1e6) badNumber(sink, n, '百分比过大', 'percentage too large');
}

/** `bad-number` on a number, with why in both languages. */
function badNumber(sink: DiagnosticSink, n: NumberAst, reasonZh: string, reasonEn: string): void {
  sink.error('bad-number', n.range, { text: n.text, reasonZh, reasonEn });
}

/** `n` must be a whole number in [min, max]. */
function checkWhole(n: NumberAst, min: number, max: number, sink: DiagnosticSink): boolean {
  if (Number.isInteger(n.value) && n.value >= min && n.value <= max) return true;
  badNumber(sink, n, `应为 ${min} 到 ${max} 之间的整数`, `must be a whole number from ${min} to ${max}`);
  return false;
}

const KIND_ZH = { number: '数字', string: '文字', boolean: '是/否' } as const;

/** Fields of a member a `for` condition may test (LANGUAGE.md §9.3). */
export const MEMBER_FIELDS = ['role', 'team', 'joined', 'left'] as const;

/** What a clause's effects may use, decided once per rulebook. */
interface Known {
  pay: Set<string>;
  usedPay: Set<string>;
  /** The rulebook's text, for fixes that rewrite a clause. */
  source: string;
}

export function check(ast: RulebookAst, sink: DiagnosticSink, source = ''): void {
  const known: Known = { pay: new Set(), usedPay: new Set(), source };
  const payRanges = new Map<string, SourceRange>();

  // settings
  const seenSettings = new Map<string, number>();
  const firstRuleOffset = ast.rules[0]?.range.start.offset ?? Number.POSITIVE_INFINITY;
  for (const s of ast.settings) {
    const key = s.kind === 'pay' ? `pay ${s.name}` : s.kind;
    const prev = seenSettings.get(key);
    if (prev !== undefined) sink.error('duplicate-setting', s.range, { name: key, line: prev });
    else seenSettings.set(key, s.range.start.line);
    if (s.range.start.offset > firstRuleOffset) sink.warning('setting-after-rule', s.range);
    switch (s.kind) {
      case 'timezone':
        if (!isTimeZone(s.value)) sink.error('unknown-timezone', s.valueRange, { zone: s.value });
        break;
      case 'point':
        checkNumber(s.value, sink, 'money');
        if (s.value.value <= 0) badNumber(sink, s.value, '每分金额必须大于 0', 'a point must be worth more than 0');
        break;
      case 'window':
        if (s.value === 'ever') sink.error('bad-ever', s.range, { whatZh: '默认窗口', whatEn: 'the default window' });
        break;
      case 'pay':
        known.pay.add(s.name);
        payRanges.set(s.name, s.nameRange);
        break;
      case 'workdays':
        checkNumber(s.value, sink, 'points');
        if (!(s.value.value > 0 && s.value.value <= 31))
          badNumber(sink, s.value, '计薪天数应在 0 到 31 之间', 'workdays must be above 0 and at most 31');
        break;
      case 'grace':
        checkWhole(s.value, 0, 60, sink);
        break;
    }
  }

  // flags raised anywhere (for `unless flag`), and rule ids
  const raised = new Set<string>();
  for (const rule of ast.rules)
    for (const c of rule.clauses) for (const e of c.effects) if (e.kind === 'flag' && e.flag) raised.add(e.flag);

  const ids = new Map<string, number>();
  const fieldKinds = new Map<string, { kind: 'number' | 'string' | 'boolean'; line: number }>();
  const flagUses = new Map<string, { count: number; range: SourceRange }>();
  const typeUses = new Map<string, { count: number; range: SourceRange; declared: boolean }>();
  const useType = (name: string, range: SourceRange, declared: boolean) => {
    const u = typeUses.get(name);
    if (u) {
      u.count++;
      u.declared ||= declared;
    } else typeUses.set(name, { count: 1, range, declared });
  };
  const useFlag = (name: string, range: SourceRange) => {
    const u = flagUses.get(name);
    if (u) u.count++;
    else flagUses.set(name, { count: 1, range });
  };
  const whereKinds = (conditions: ConditionAst[]) => {
    for (const c of conditions) {
      const kind = c.valueKind === 'number' ? 'number' : c.valueKind === 'boolean' ? 'boolean' : 'string';
      const seen = fieldKinds.get(c.field);
      if (seen && seen.kind !== kind) {
        sink.warning('where-type-mismatch', c.range, {
          field: c.field,
          kindZh: KIND_ZH[kind],
          kindEn: kind,
          otherZh: KIND_ZH[seen.kind],
          otherEn: seen.kind,
          line: seen.line,
        });
      } else if (!seen) fieldKinds.set(c.field, { kind, line: c.range.start.line });
    }
  };

  for (const rule of ast.rules) {
    const prev = ids.get(rule.id);
    if (prev !== undefined) sink.error('duplicate-rule', rule.idRange, { id: rule.id, line: prev });
    else ids.set(rule.id, rule.idRange.start.line);

    const measure = ruleMeasure(rule);
    if (isTyped(rule)) {
      if (rule.eventTypes.length) for (const t of rule.eventTypes) useType(t.name, t.range, false);
      else useType(rule.id, rule.idRange, true);
    }

    whereKinds(rule.where);
    if ((measure === 'ledger' || measure === 'every') && rule.where.length) sink.error('where-not-allowed', rule.where[0].range);
    // A rule-level `where` would filter both sides of the ratio (issue 11): say which side it filters.
    if (measure === 'ratio' && rule.where.length)
      sink.error('ratio-where', { start: rule.where[0].range.start, end: rule.where[rule.where.length - 1].range.end });
    checkFor(rule.for, sink);
    for (const f of rule.unless) {
      useFlag(f.name, f.range);
      if (!raised.has(f.name)) {
        const suggestion = closest(f.name, raised);
        sink.error('unknown-flag', f.range, { name: f.name, suggestion: suggestion ?? '' }, suggestion);
      }
    }

    for (const e of rule.effects) {
      if (e.kind !== 'percent') checkNumber(e.value, sink, e.kind === 'yuan' ? 'money' : 'points');
      else {
        checkPercent(e.value, sink);
        if (e.base?.kind === 'pay') checkPay(e.base, e.target, e.range, known, sink);
      }
      if ((measure === 'ledger' || measure === 'ratio' || measure === 'every') && e.value.value !== 0)
        sink.error('effects-not-allowed', e.range);
    }

    if (rule.tiers && rule.clauses.length === 0) sink.error('no-clauses', rule.tiers.range);
    if (rule.tiers) {
      if (rule.tiers.window === 'ever') sink.error('bad-ever', rule.tiers.range, { whatZh: '分档', whatEn: 'tiers' });
      for (const clause of rule.clauses) {
        if (clause.each) sink.error('each-in-tiers', clause.range);
        if (clause.window !== undefined && clause.window !== rule.tiers.window) sink.error('tier-window', clause.range);
        if (clause.running) sink.error('bad-running', clause.runningRange ?? clause.range, { whatZh: '分档', whatEn: 'tiers' });
      }
    }

    let mixed = false;
    const firstMeasured = firstMeasuredClause(rule);
    rule.clauses.forEach((clause, i) => {
      if (clause.test.kind === 'else' && !clause.rank && !clause.every && !clause.missingTest) {
        if (!rule.tiers) sink.error('else-outside-tiers', clause.test.range);
        else if (i !== rule.clauses.length - 1) sink.error('else-not-last', clause.test.range);
      } else if (firstMeasured && !mixed) {
        if (measureOf(clause) !== measureOf(firstMeasured) || !sameSubject(clause, firstMeasured)) {
          sink.error('mixed-measures', clause.range);
          mixed = true;
        }
      }
      checkClause(clause, measureOf(clause), !!rule.tiers, known, sink);
      if (clause.subject?.kind === 'ratio') {
        for (const side of [clause.subject.numerator, clause.subject.denominator]) {
          useType(side.type, side.range, false);
          whereKinds(side.where);
        }
      }
      for (const e of clause.effects) if (e.kind === 'flag' && e.flag) useFlag(e.flag, e.flagRange ?? e.range);
    });

    if (rule.tiers && measure === 'count') checkTiers(rule, sink);
    checkLabels(rule, sink);

    const hasEffect = rule.effects.some((e) => e.value.value !== 0) || rule.clauses.some((c) => c.effects.length > 0);
    if (!hasEffect && !rule.recovered && !(rule.tiers && rule.clauses.length === 0)) sink.warning('zero-effect', rule.idRange);
  }

  for (const [name, range] of payRanges) if (!known.usedPay.has(name)) sink.warning('unused-pay-item', range, { name });
  checkBindings(ast.rules, sink);
  for (const example of ast.examples) checkExample(example, sink);

  // did-you-mean: a name written once that looks like a name written several times is probably a typo of it.
  const frequentFlags = [...flagUses].filter(([, u]) => u.count > 1).map(([n]) => n);
  const frequentTypes = [...typeUses].filter(([, u]) => u.count > 1 || u.declared).map(([n]) => n);
  for (const [name, use] of flagUses) {
    if (use.count !== 1 || name.length < 4) continue;
    const s = closest(name, frequentFlags, name.length < 7 ? 1 : 2);
    if (s) sink.warning('similar-name', use.range, { name, suggestion: s }, s);
  }
  for (const [name, use] of typeUses) {
    if (use.count !== 1 || use.declared || name.length < 4) continue;
    const s = closest(name, frequentTypes, name.length < 7 ? 1 : 2);
    if (s) sink.warning('similar-name', use.range, { name, suggestion: s }, s);
  }
}

function checkFor(conditions: ConditionAst[], sink: DiagnosticSink): void {
  for (const c of conditions) {
    if (!(MEMBER_FIELDS as readonly string[]).includes(c.field)) {
      const suggestion = closest(c.field, MEMBER_FIELDS, 3);
      sink.error('for-field', c.fieldRange, { field: c.field, suggestion: suggestion ?? '' }, suggestion);
      continue;
    }
    if ((c.field === 'joined' || c.field === 'left') && !isDate(c.value)) sink.error('bad-date', c.valueRange, { text: String(c.value) });
  }
}

/** A percentage of a pay item: the item must be declared, and a team has no pay. */
function checkPay(
  base: Extract<PercentBaseAst, { kind: 'pay' }>,
  target: string,
  range: SourceRange,
  known: Known,
  sink: DiagnosticSink,
): void {
  known.usedPay.add(base.name);
  if (!known.pay.has(base.name)) {
    const suggestion = closest(base.name, [...known.pay, 'amount']);
    if (suggestion) known.usedPay.add(suggestion); // the probable item: not "unused" on top of this
    sink.error('unknown-pay-item', base.range, { name: base.name, suggestion: suggestion ?? '' }, suggestion);
  }
  if (target === 'team') sink.error('team-pay-item', range, { name: base.name });
}

/** Measures that are never negative: a `<`/`<=` below 0 can never hold. */
function nonNegative(measure: MeasureKind, subject: SubjectAst | null): boolean {
  if (measure === 'count' || measure === 'all' || measure === 'ratio') return true;
  return subject?.kind === 'ledger' && subject.quantity !== 'points';
}

function checkClause(clause: ClauseAst, measure: MeasureKind, tiers: boolean, known: Known, sink: DiagnosticSink): void {
  const test = clause.test;
  for (const e of clause.effects) checkClauseEffect(e, known, sink);
  if (clause.everyone && measure !== 'every' && measure !== 'all') sink.error('everyone-misplaced', clause.everyone);
  if (clause.twoWindows) sink.error('two-windows', clause.twoWindows);
  if (clause.missingTest) {
    sink.error('missing-test', clause.range);
    return;
  }
  if (clause.window === 'ever' && measure !== 'count' && !(clause.subject?.kind === 'aggregate' && clause.subject.fn === 'sum'))
    sink.error('bad-ever', clause.windowRange ?? clause.range, EVER_WHAT[measure]);
  if (clause.rank) {
    if (clause.effects.length === 0 || clause.effects.some((e) => e.place === undefined && !e.top))
      sink.error('rank-needs-places', clause.range);
    // a place given twice is an error, unless the place has effects for several targets (`1st 150 yuan team 50 yuan`)
    const keyOf = (e: ClauseEffectAst) => (e.top ? `top ${e.top.value}` : `place ${e.place}`);
    const targets = new Map<string, Set<string>>();
    for (const e of clause.effects) {
      const key = keyOf(e);
      const set = targets.get(key);
      if (set) set.add(e.target);
      else targets.set(key, new Set([e.target]));
    }
    const places = new Set<string>();
    for (const e of clause.effects) {
      if (e.top) {
        if (!(e.top.value > 0 && e.top.value <= 100))
          badNumber(sink, e.top, '前 P% 的 P 应在 0 到 100 之间', 'the P of `top P%` must be above 0 and at most 100');
      } else if (e.place !== undefined && !(Number.isInteger(e.place) && e.place >= 1 && e.place <= 1000))
        sink.error('bad-number', e.range, { text: String(e.place), reasonZh: '名次应为 1 到 1000', reasonEn: 'a place is from 1 to 1000' });
      if (e.place === undefined && !e.top) continue; // rank-needs-places, above
      const key = keyOf(e);
      if (places.has(key) && targets.get(key)?.size === 1) sink.error('rank-place', e.range);
      places.add(key);
    }
    return;
  }
  if (clause.running) {
    if (checkWhole(clause.running, 1, 120, sink)) {
      const why = clause.each ? EACH_WHAT : clause.window === 'ever' ? EVER_RUNNING : undefined;
      if (why) sink.error('bad-running', clause.runningRange ?? clause.range, why);
    }
  }
  if (test.kind === 'else') return;
  if (clause.window === 'ever' && test.kind !== 'range' && (test.op === '<' || test.op === '<=')) sink.error('ever-below', test.range);
  const isRatio = measure === 'ratio';
  if (test.kind !== 'target') {
    const numbers = test.kind === 'cmp' ? [test.value] : [test.low, test.high];
    for (const n of numbers) {
      if (Math.abs(n.value) > MAX_EXACT) badNumber(sink, n, '数值过大,无法精确计算', 'too large to stay exact');
      if (isRatio && !n.percent) sink.error('percent-expected', n.range);
      if (!isRatio && n.percent) sink.error('percent-unexpected', n.range);
    }
  }
  if (clause.each) {
    if (test.kind === 'range' || test.op === '=' || test.op === '!=') sink.error('bad-each', clause.range);
    else if (isRatio && !clause.eachStep) sink.error('each-step', clause.range);
    else if (!isRatio && clause.eachStep) sink.error('each-step', clause.eachStep.range);
    else if (clause.eachStep && clause.eachStep.value <= 0) badNumber(sink, clause.eachStep, '步长必须大于 0', 'the step must be above 0');
  } else if (!tiers && (measure === 'count' || measure === 'aggregate') && test.kind !== 'range' && (test.op === '<' || test.op === '<=')) {
    // `< 10 per month => -5 yuan per` multiplies by the events made: "每少一个" is `each`.
    const per = clause.effects.find((e) => e.perCount && e.kind !== 'flag');
    if (per) {
      const fix = eachFix(clause, per, known.source);
      sink.add('per-below', 'warning', per.perRange ?? per.range, {}, fix?.text, fix?.range);
    }
  }
  if (test.kind === 'range' && test.low.value > test.high.value) {
    sink.error('range-empty', test.range, { low: test.low.text, high: test.high.text });
    return;
  }
  if (nonNegative(measure, clause.subject)) {
    const iv = interval(test);
    if (iv && (iv[1] < 0 || iv[0] > iv[1]) && !isRatio) sink.warning('never-fires', test.range);
    if (isRatio && test.kind === 'cmp' && ((test.op === '<' && test.value.value <= 0) || (test.op === '<=' && test.value.value < 0)))
      sink.warning('never-fires', test.range);
  }
}

/** `< 10 per month => -5 yuan per` rewritten as `< 10 per month each => -5 yuan` (in the clause's own language). */
function eachFix(clause: ClauseAst, per: ClauseEffectAst, source: string): { text: string; range: SourceRange } | undefined {
  if (!per.perRange || !source) return undefined;
  const cs = clause.range.start.offset;
  const ce = clause.range.end.offset;
  const at = (clause.windowRange ?? clause.test.range).end.offset;
  const ps = per.perRange.start.offset;
  const pe = per.perRange.end.offset;
  if (!(cs <= at && at <= ps && pe <= ce)) return undefined;
  const chinese = /[\u0080-\uffff]/.test(source.slice(ps, pe));
  const text = `${source.slice(cs, at)} ${chinese ? '逐次' : 'each'}${source.slice(at, ps).trimEnd()}${source.slice(pe, ce)}`;
  return { text, range: clause.range };
}

const EACH_WHAT = { whatZh: '逐次', whatEn: '`each`' };
const EVER_RUNNING = { whatZh: '累计窗口', whatEn: '`ever`' };
const EVER_WHAT: Record<MeasureKind, { whatZh: string; whatEn: string }> = {
  count: { whatZh: '', whatEn: '' },
  aggregate: { whatZh: '平均值', whatEn: 'an average' },
  all: { whatZh: '全员条件', whatEn: '`all`' },
  ledger: { whatZh: '账目(扣分/奖分/得分)', whatEn: 'a ledger measure' },
  ratio: { whatZh: '比率', whatEn: 'a ratio' },
  rank: { whatZh: '排名', whatEn: 'a ranking' },
  every: { whatZh: '每个窗口固定生效', whatEn: '`every`' },
};

function checkClauseEffect(e: ClauseEffectAst, known: Known, sink: DiagnosticSink): void {
  if (e.kind === 'flag') return;
  if (e.kind === 'percent') {
    if (e.value) checkPercent(e.value, sink);
    if (e.base?.kind === 'amount') sink.error('percent-of-amount', e.range);
    else if (e.base) checkPay(e.base, e.target, e.range, known, sink);
    return;
  }
  if (e.value) checkNumber(e.value, sink, e.kind === 'yuan' ? 'money' : 'points');
}

function checkExample(example: ExampleAst, sink: DiagnosticSink): void {
  for (const g of example.given) {
    if (!isDate(g.date)) sink.error('bad-date', g.dateRange, { text: g.date });
    if (g.time && !isTime(g.time)) sink.error('bad-date', g.timeRange ?? g.range, { text: g.time });
    if (g.badRepeat)
      sink.error('bad-number', g.badRepeat, {
        text: '',
        reasonZh: '重复次数应写作 x3 或 3 次',
        reasonEn: 'a repeat is written `x3` or `3 times`',
      });
    else if (g.repeatRange && !(Number.isInteger(g.repeat) && g.repeat >= 1 && g.repeat <= 10000))
      sink.error('bad-number', g.repeatRange, {
        text: String(g.repeat),
        reasonZh: '重复次数应为 1 到 10000',
        reasonEn: 'a repeat is from 1 to 10000',
      });
    if (g.amount) checkNumber(g.amount, sink, 'money');
  }
  if (example.period) {
    const { from, to, range } = example.period;
    if (!isDate(from)) sink.error('bad-date', range, { text: from });
    else if (!isDate(to)) sink.error('bad-date', range, { text: to });
    else if (from > to) sink.error('bad-date', range, { text: `${from}..${to}` });
  }
  for (const e of example.expect) {
    if (!e.subject) sink.error('example-subject', e.range);
    if (e.value) checkNumber(e.value, sink, e.what === 'money' ? 'money' : 'points');
  }
  if (!example.expect.length) sink.warning('example-empty', example.nameRange);
  else if (!example.given.length && !example.period) sink.error('example-no-period', example.nameRange);
}
