/**
 * Checks across a rule's head that need no other stage: the languages of its
 * labels (`rude_attitude "态度无礼" en "Rude attitude"`), and rules that bind
 * the same events (the same event types, `where` and `for`) — an info: each
 * such event counts under both, often meant (a commission and a monthly
 * target on `booking`), sometimes a rule pasted twice.
 */
import type { RuleAst } from './ast.js';
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

/** `same-binding` (info) on every rule that binds what an earlier rule binds, naming the first. */
export function checkBindings(rules: readonly RuleAst[], sink: DiagnosticSink): void {
  const first = new Map<string, RuleAst>();
  for (const rule of rules) {
    const key = bindingOf(rule);
    if (key === undefined) continue;
    const prev = first.get(key);
    if (!prev) first.set(key, rule);
    else if (prev.id !== rule.id)
      sink.add('same-binding', 'info', rule.idRange, {
        id: rule.id,
        other: prev.id,
        line: prev.idRange.start.line,
        types: rule.eventTypes.length ? rule.eventTypes.map((t) => t.name).join(', ') : rule.id,
      });
  }
}
