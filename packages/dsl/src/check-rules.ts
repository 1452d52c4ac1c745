/**
 * Checks across a rule's head that need no other stage: the languages of its
 * labels (`rude_attitude "态度无礼" en "Rude attitude"`), and rules that bind
 * the same events (the same event types, `where` and `for`) *and score them
 * the same way* — an info: each such event counts twice over, usually a rule
 * pasted twice. Rules that bind the same events but score them differently (a
 * commission per event and a monthly target, a percentage per event and a
 * monthly average, tiers and an everyone-reaches bonus) are meant to stack:
 * no info (grammar/README.md, "same-binding").
 */
import type { ClauseAst, RuleAst } from './ast.js';
import { isTyped } from './check.js';
import type { DiagnosticSink } from './diagnostics.js';

/** The languages a rule label may be given in, by the word written before it. */
export const LABEL_LOCALES: Readonly<Record<string, 'en'>> = { en: 'en', 英文: 'en' };

/** `LANG "label"` after a rule's label: a known language, once. */
export function checkLabels(rule: RuleAst, sink: DiagnosticSink): void {
  const seen = new Set<string>();
  for (const l of rule.labels ?? []) {
    const locale = LABEL_LOCALES[l.locale];
    if (!locale) sink.error('label-locale', l.localeRange, { locale: l.locale }, 'en');
    else if (seen.has(locale)) sink.error('label-locale', l.localeRange, { locale: l.locale, twice: 1 });
    else seen.add(locale);
  }
}

/** What a typed rule binds: its event types (its id when none) and its filters, written the same way. */
function bindingOf(rule: RuleAst): string | undefined {
  if (!isTyped(rule) || rule.recovered) return undefined;
  const types = rule.eventTypes.length ? [...new Set(rule.eventTypes.map((t) => t.name))].sort() : [rule.id];
  const conds = (cs: RuleAst['where']) => cs.map((c) => `${c.field}${c.op}${String(c.value)}`).sort();
  return JSON.stringify([types, conds(rule.where), conds(rule.for)]);
}

/** What a clause measures, in its window: `count@month`, `avg(amount)@month`, `all@month`, `rank:count@month`… */
function clauseScoring(clause: ClauseAst, rule: RuleAst): string {
  const s = clause.subject;
  const what = clause.rank
    ? `rank:${clause.rank.by}${clause.rank.field ? `(${clause.rank.field})` : ''}`
    : !s
      ? 'count'
      : s.kind === 'aggregate'
        ? `${s.fn}(${s.field})`
        : s.kind === 'ledger'
          ? `${s.ledger}:${s.quantity}`
          : s.kind === 'ratio'
            ? `ratio(${s.numerator.type}/${s.denominator.type})`
            : 'all';
  const window = clause.window ?? rule.tiers?.window ?? '';
  return `${what}@${String(window)}${clause.running ? `:running` : ''}`;
}

/**
 * How a rule scores its events: `per` when it has per-event effects (not all zero), and what each of its
 * clauses measures in which window. Two rules on the same binding whose scorings share one are likely the
 * same rule twice; disjoint scorings stack on purpose.
 */
function scoringsOf(rule: RuleAst): Set<string> {
  const out = new Set<string>();
  if (rule.effects.some((e) => e.value.value !== 0)) out.add('per');
  for (const c of rule.clauses) out.add(clauseScoring(c, rule));
  return out;
}

/**
 * `same-binding` (info) on every rule that binds what an earlier rule binds and scores those events the same
 * way (both per event, or both on one measure in one window), naming the first.
 */
export function checkBindings(rules: readonly RuleAst[], sink: DiagnosticSink): void {
  const earlier = new Map<string, { rule: RuleAst; scorings: Set<string> }[]>();
  for (const rule of rules) {
    const key = bindingOf(rule);
    if (key === undefined) continue;
    const scorings = scoringsOf(rule);
    const same = earlier.get(key) ?? [];
    const prev = same.find((p) => p.rule.id !== rule.id && [...scorings].some((x) => p.scorings.has(x)))?.rule;
    same.push({ rule, scorings });
    earlier.set(key, same);
    if (prev)
      sink.add('same-binding', 'info', rule.idRange, {
        id: rule.id,
        other: prev.id,
        line: prev.idRange.start.line,
        types: rule.eventTypes.length ? rule.eventTypes.map((t) => t.name).join(', ') : rule.id,
      });
  }
}
