/**
 * Names in the reader's language, the one place every element takes them
 * from: a rule's (its label, its English label `en "…"`, else its id as
 * words), an event type's (the rule of the same id names it: incident types
 * are named after their rule), a member's (the roster's name, else the id),
 * a flag's (the shared catalog's words, else the id as words: `flagLabel` of `format.ts` passes them).
 *
 * @example
 * ```ts
 * const names = ruleNamesOf(version.compiled);
 * html`<span title=${ruleName('rude_attitude', names.get('rude_attitude'), 'en').title ?? nothing}>…`;
 * ```
 */
import type { Locale } from './i18n.js';

/** A rule's labels: the rulebook's own (usually Chinese) and the English one (`rude_attitude "态度无礼" en "Rude attitude"`). */
export interface RuleLabels {
  label?: string;
  en?: string;
}

/** Rule id → its labels. */
export type RuleNames = ReadonlyMap<string, RuleLabels>;

/** What a compiled rule carries that names it (a rule of either program version). */
interface NamedRule {
  id: string;
  label?: string;
  labels?: { en?: string };
}

/** The labels of every rule of `rulebooks` (compiled programs), the first rulebook's first when an id repeats. */
export function ruleNamesOf(...rulebooks: ({ rules: readonly NamedRule[] } | null | undefined)[]): Map<string, RuleLabels> {
  const out = new Map<string, RuleLabels>();
  for (const book of rulebooks) for (const r of book?.rules ?? []) if (!out.has(r.id)) out.set(r.id, labelsOf(r.label, r.labels?.en));
  return out;
}

/** `{ label, en }` (either may be absent). */
export function labelsOf(label: string | undefined, en: string | undefined): RuleLabels {
  return { label, en };
}

/** A rule / flag / event id as words: `rude_attitude` → `Rude attitude`. */
export function humanizeId(id: string): string {
  const words = id.replace(/[_-]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : id;
}

const HAN = /\p{Script=Han}/u;

/**
 * What to show for a rule: in English its English label, else its label when
 * that is not Chinese, else the id as words (the label, or the id, kept as
 * `title`); in Chinese its label, else the id. A label equal to the id counts
 * as none.
 */
export function ruleName(id: string, labels: RuleLabels | undefined, locale: Locale): { text: string; title?: string } {
  const label = labels?.label && labels.label !== id ? labels.label : undefined;
  if (locale === 'en') {
    if (labels?.en) return label ? { text: labels.en, title: label } : { text: labels.en };
    if (!label) return { text: humanizeId(id), title: id };
    if (HAN.test(label)) return { text: humanizeId(id), title: label };
    return { text: label };
  }
  if (!label) return { text: id, title: id };
  return { text: label };
}

/**
 * A rule named by what a record kept (a line's, an appeal's or a correction's `label`, written when it was made)
 * and by the rulebooks' labels: the kept label first (the rule may have been renamed since), the English one from
 * the rulebooks.
 */
export function ruleNameOf(
  id: string,
  keptLabel: string | undefined,
  names: RuleNames | undefined,
  locale: Locale,
): { text: string; title?: string } {
  const known = names?.get(id);
  return ruleName(id, labelsOf(keptLabel ?? known?.label, known?.en), locale);
}

/** An event type's name: the rule of the same id's (an incident type), else the type (as words in English). */
export function eventTypeName(type: string, names: RuleNames | undefined, locale: Locale): { text: string; title?: string } {
  const labels = names?.get(type);
  if (labels) return ruleName(type, labels, locale);
  return locale === 'en' ? { text: humanizeId(type), title: type } : { text: type };
}

/** A member's name on the roster, else their id. */
export function memberName(id: string, names: ReadonlyMap<string, string> | undefined): string {
  return names?.get(id) ?? id;
}

/** A flag's label in the user's language (known flags of the clinic rulebook, from the shared catalog), else its id as words. */
export function flagName(flag: string, flagLabels: Readonly<Record<string, string | undefined>>): { text: string; title: string } {
  return { text: flagLabels[flag] ?? humanizeId(flag), title: flag };
}
