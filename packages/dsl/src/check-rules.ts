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
  // Per binding and scoring: the first rule (`first`) and the first whose id differs from it (`other`), with
  // their positions — so the earliest earlier rule of another id sharing a scoring is found without a scan of
  // every earlier rule (a pasted block of thousands of rules on one binding stays linear).
  type Seen = { rule: RuleAst; at: number };
  const earlier = new Map<string, Map<string, { first: Seen; other?: Seen }>>();
  rules.forEach((rule, at) => {
    const key = bindingOf(rule);
    if (key === undefined) return;
    let byScoring = earlier.get(key);
    if (!byScoring) earlier.set(key, (byScoring = new Map()));
    let prev: Seen | undefined;
    for (const scoring of scoringsOf(rule)) {
      const seen = byScoring.get(scoring);
      if (!seen) {
        byScoring.set(scoring, { first: { rule, at } });
        continue;
      }
      const candidate = seen.first.rule.id !== rule.id ? seen.first : seen.other;
      if (candidate && (!prev || candidate.at < prev.at)) prev = candidate;
      if (!seen.other && seen.first.rule.id !== rule.id) seen.other = { rule, at };
    }
    if (prev)
      sink.add('same-binding', 'info', rule.idRange, {
        id: rule.id,
        other: prev.rule.id,
        line: prev.rule.idRange.start.line,
        types: rule.eventTypes.length ? rule.eventTypes.map((t) => t.name).join(', ') : rule.id,
      });
  });
}
