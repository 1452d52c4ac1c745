/**
 * The checker: everything the grammar accepts but a manager did not mean.
 * Works on the AST; reports through a DiagnosticSink.
 */
import type { ClauseAst, NumberAst, RuleAst, RulebookAst, SubjectAst, TestAst } from './ast.js';
import { closest, type DiagnosticSink } from './diagnostics.js';
import { decimalToHundredths } from './money.js';

/** What a rule measures, decided from its clauses' subjects. */
export type MeasureKind = 'count' | 'all' | 'ledger' | 'ratio' | 'rank';

export function measureOf(clause: ClauseAst): MeasureKind {
  if (clause.rank) return 'rank';
  if (!clause.subject) return 'count';
  return clause.subject.kind;
}

function sameSubject(a: SubjectAst | null, b: SubjectAst | null): boolean {
  if (!a || !b) return a === b;
  if (a.kind !== b.kind) return false;
  if (a.kind === 'ledger' && b.kind === 'ledger') return a.ledger === b.ledger && a.quantity === b.quantity;
  if (a.kind === 'ratio' && b.kind === 'ratio') return a.numerator === b.numerator && a.denominator === b.denominator;
  return true;
}

/** The first clause that measures something (not an `else`): it decides what the rule measures. */
export function firstMeasuredClause(rule: RuleAst): ClauseAst | undefined {
  return rule.clauses.find((c) => c.test.kind !== 'else' || c.rank);
}

export function ruleMeasure(rule: RuleAst): MeasureKind {
  const first = firstMeasuredClause(rule);
  return first ? measureOf(first) : 'count';
}

/** Integers (counts) a test accepts, as a closed interval; `!=` is not analysed. */
function interval(test: TestAst): [number, number] | undefined {
  const INF = Number.POSITIVE_INFINITY;
  if (test.kind === 'else') return [0, INF];
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

function checkNumber(n: NumberAst, sink: DiagnosticSink, what: 'money' | 'points'): void {
  if (Math.abs(n.value) > MAX_EXACT) {
    sink.error('bad-number', n.range, { text: n.text, reasonZh: '数值过大,无法精确计算', reasonEn: 'too large to stay exact' });
    return;
  }
  if (decimalToHundredths(n.text) === undefined) {
    sink.error('bad-number', n.range, {
      text: n.text,
      reasonZh: what === 'money' ? '金额最多精确到分(两位小数)' : '分数最多两位小数',
      reasonEn: what === 'money' ? 'money is exact to the fen (two decimals at most)' : 'points take two decimals at most',
    });
  }
}

const KIND_ZH = { number: '数字', string: '文字', boolean: '是/否' } as const;

/** Numbers beyond this are not exact in a double once turned into fen or hundredths. */
const MAX_EXACT = 1e12;

export function check(ast: RulebookAst, sink: DiagnosticSink): void {
  // settings
  const seenSettings = new Map<string, number>();
  const firstRuleOffset = ast.rules[0]?.range.start.offset ?? Number.POSITIVE_INFINITY;
  for (const s of ast.settings) {
    const prev = seenSettings.get(s.kind);
    if (prev !== undefined) sink.error('duplicate-setting', s.range, { name: s.kind, line: prev });
    else seenSettings.set(s.kind, s.range.start.line);
    if (s.range.start.offset > firstRuleOffset) sink.warning('setting-after-rule', s.range);
    if (s.kind === 'timezone' && !isTimeZone(s.value)) sink.error('unknown-timezone', s.valueRange, { zone: s.value });
    if (s.kind === 'point') {
      checkNumber(s.value, sink, 'money');
      if (s.value.value <= 0)
        sink.error('bad-number', s.value.range, {
          text: s.value.text,
          reasonZh: '每分金额必须大于 0',
          reasonEn: 'a point must be worth more than 0',
        });
    }
  }

  // rules
  const ids = new Map<string, number>();
  const fieldKinds = new Map<string, { kind: 'number' | 'string' | 'boolean'; line: number }>();
  const flagUses = new Map<string, { count: number; range: ClauseAst['range'] }>();
  const typeUses = new Map<string, { count: number; range: ClauseAst['range']; declared: boolean }>();
  const useType = (name: string, range: ClauseAst['range'], declared: boolean) => {
    const u = typeUses.get(name);
    if (u) {
      u.count++;
      u.declared ||= declared;
    } else typeUses.set(name, { count: 1, range, declared });
  };

  for (const rule of ast.rules) {
    const prev = ids.get(rule.id);
    if (prev !== undefined) sink.error('duplicate-rule', rule.idRange, { id: rule.id, line: prev });
    else ids.set(rule.id, rule.idRange.start.line);

    const measure = ruleMeasure(rule);
    const typed = measure === 'count' || measure === 'all' || measure === 'rank';
    if (typed) {
      if (rule.eventType) useType(rule.eventType, rule.eventTypeRange ?? rule.idRange, false);
      else useType(rule.id, rule.idRange, true);
    }

    for (const c of rule.where) {
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
    if (measure === 'ledger' && rule.where.length) sink.error('where-not-allowed', rule.where[0].range);
    // A rule-level `where` would filter both sides of the ratio (issue 11): say which side it filters.
    if (measure === 'ratio' && rule.where.length)
      sink.error('ratio-where', { start: rule.where[0].range.start, end: rule.where[rule.where.length - 1].range.end });

    for (const e of rule.effects) {
      if (e.kind !== 'percent') checkNumber(e.value, sink, e.kind === 'yuan' ? 'money' : 'points');
      else if (Math.abs(e.value.value) > 1e6)
        sink.error('bad-number', e.value.range, { text: e.value.text, reasonZh: '百分比过大', reasonEn: 'percentage too large' });
      if ((measure === 'ledger' || measure === 'ratio') && e.value.value !== 0) sink.error('effects-not-allowed', e.range);
    }

    if (rule.tiers && rule.clauses.length === 0) sink.error('no-clauses', rule.tiers.range);
    if (rule.tiers) {
      for (const clause of rule.clauses) {
        if (clause.each) sink.error('each-in-tiers', clause.range);
        if (clause.window !== undefined && clause.window !== rule.tiers.window) sink.error('tier-window', clause.range);
      }
    }

    let mixed = false;
    const firstMeasured = firstMeasuredClause(rule);
    rule.clauses.forEach((clause, i) => {
      if (clause.test.kind === 'else' && !clause.rank) {
        if (!rule.tiers) sink.error('else-outside-tiers', clause.test.range);
        else if (i !== rule.clauses.length - 1) sink.error('else-not-last', clause.test.range);
      } else if (firstMeasured && !mixed) {
        const a = measureOf(clause);
        const b = measureOf(firstMeasured);
        if (a !== b || !sameSubject(clause.subject, firstMeasured.subject)) {
          sink.error('mixed-measures', clause.range);
          mixed = true;
        }
      }
      checkClause(clause, measureOf(clause), sink);
      if (clause.subject?.kind === 'ratio') {
        useType(clause.subject.numerator, clause.subject.range, false);
        useType(clause.subject.denominator, clause.subject.range, false);
      }
      for (const e of clause.effects) {
        if (e.kind === 'flag' && e.flag) {
          const u = flagUses.get(e.flag);
          if (u) u.count++;
          else flagUses.set(e.flag, { count: 1, range: e.flagRange ?? e.range });
        } else if (e.value) checkNumber(e.value, sink, e.kind === 'yuan' ? 'money' : 'points');
      }
    });

    if (rule.tiers && measure === 'count') checkTiers(rule, sink);

    const hasEffect = rule.effects.some((e) => e.value.value !== 0) || rule.clauses.some((c) => c.effects.length > 0);
    if (!hasEffect) sink.warning('zero-effect', rule.idRange);
  }

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

function checkClause(clause: ClauseAst, measure: MeasureKind, sink: DiagnosticSink): void {
  const test = clause.test;
  if (clause.rank) {
    if (clause.effects.length === 0) sink.error('rank-needs-places', clause.range);
    const places = new Set<number>();
    for (const e of clause.effects) {
      if (e.place === undefined) continue;
      if (places.has(e.place) && !clause.effects.some((o) => o !== e && o.place === e.place && o.target !== e.target))
        sink.error('rank-place', e.range);
      places.add(e.place);
    }
    return;
  }
  if (test.kind === 'else') return;
  const isRatio = measure === 'ratio';
  const numbers = test.kind === 'cmp' ? [test.value] : [test.low, test.high];
  for (const n of numbers) {
    if (Math.abs(n.value) > MAX_EXACT)
      sink.error('bad-number', n.range, { text: n.text, reasonZh: '数值过大,无法精确计算', reasonEn: 'too large to stay exact' });
    if (isRatio && !n.percent) sink.error('percent-expected', n.range);
    if (!isRatio && n.percent) sink.error('percent-unexpected', n.range);
  }
  if (clause.each) {
    if (test.kind === 'range' || test.op === '=' || test.op === '!=') sink.error('bad-each', clause.range);
    else if (isRatio && !clause.eachStep) sink.error('each-step', clause.range);
    else if (!isRatio && clause.eachStep) sink.error('each-step', clause.eachStep.range);
    else if (clause.eachStep && clause.eachStep.value <= 0)
      sink.error('bad-number', clause.eachStep.range, {
        text: clause.eachStep.text,
        reasonZh: '步长必须大于 0',
        reasonEn: 'the step must be above 0',
      });
  }
  if (test.kind === 'range' && test.low.value > test.high.value) {
    sink.error('range-empty', test.range, { low: test.low.text, high: test.high.text });
    return;
  }
  // Counts and deductions are never negative.
  const nonNegative =
    measure === 'count' ||
    measure === 'all' ||
    measure === 'ratio' ||
    (clause.subject?.kind === 'ledger' && clause.subject.quantity === 'deductions');
  if (nonNegative) {
    const iv = interval(test);
    if (iv && (iv[1] < 0 || iv[0] > iv[1]) && !isRatio) sink.warning('never-fires', test.range);
    if (isRatio && test.kind === 'cmp' && ((test.op === '<' && test.value.value <= 0) || (test.op === '<=' && test.value.value < 0)))
      sink.warning('never-fires', test.range);
  }
}

function checkTiers(rule: RuleAst, sink: DiagnosticSink): void {
  const seen: { iv: [number, number]; n: number }[] = [];
  let hasElse = false;
  rule.clauses.forEach((clause, i) => {
    if (clause.test.kind === 'else') {
      hasElse = true;
      return;
    }
    const iv = interval(clause.test);
    if (!iv || iv[0] > iv[1]) return;
    for (const prev of seen) {
      const lo = Math.max(prev.iv[0], iv[0]);
      const hi = Math.min(prev.iv[1], iv[1]);
      if (lo <= hi) {
        if (
          covered(
            iv,
            seen.map((s) => s.iv),
          )
        )
          sink.warning('tier-unreachable', clause.range, { n: i + 1 });
        else sink.warning('tier-overlap', clause.test.range, { value: lo, a: prev.n, b: i + 1 });
        break;
      }
    }
    seen.push({ iv, n: i + 1 });
  });
  if (!hasElse && seen.length) {
    const gap = firstGap(seen.map((s) => s.iv));
    if (gap !== undefined) sink.warning('tier-gap', rule.tiers?.range ?? rule.idRange, { value: gap });
  }
}

function covered(iv: [number, number], others: [number, number][]): boolean {
  let lo = iv[0];
  const sorted = [...others].sort((a, b) => a[0] - b[0]);
  for (const o of sorted) {
    if (o[0] > lo) break;
    if (o[1] >= iv[1]) return true;
    if (o[1] >= lo) lo = o[1] + 1;
    if (lo > iv[1]) return true;
  }
  return lo > iv[1];
}

function firstGap(ivs: [number, number][]): number | undefined {
  let next = 0;
  for (const iv of [...ivs].sort((a, b) => a[0] - b[0])) {
    if (iv[0] > next) return next;
    next = Math.max(next, iv[1] + 1);
    if (next === Number.POSITIVE_INFINITY) return undefined;
  }
  return next === Number.POSITIVE_INFINITY ? undefined : next;
}

const zoneCache = new Map<string, boolean>();
export function isTimeZone(zone: string): boolean {
  let ok = zoneCache.get(zone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      ok = zone.length > 0;
    } catch {
      ok = false;
    }
    zoneCache.set(zone, ok);
  }
  return ok;
}
