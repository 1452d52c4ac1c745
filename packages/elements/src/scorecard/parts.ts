/**
 * Small view pieces the scorecard's card, appeals and board share: a rule's
 * and a flag's name in the user's language, a points cell, a reason form.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { flagLabel, formatCentipoints } from '../shared/format.js';
import type { Locale } from '../shared/i18n.js';
import { eventTypeName, ruleNameOf, type RuleNames } from '../shared/labels.js';

/**
 * A rule's name in the user's language (`ruleNameOf` of `shared/labels.ts`): the label kept on the line, appeal
 * or correction, the English label from `names` (the rulebooks' labels); a `label` equal to the id counts as none.
 */
export function ruleText(id: string, label: string | undefined, locale: Locale, names?: RuleNames): string {
  return ruleNameOf(id, label, names, locale).text;
}

/** A rule's name, with the other language's label (or the id) as a tooltip. */
export function ruleView(id: string, label: string | undefined, locale: Locale, names?: RuleNames): TemplateResult {
  const r = ruleNameOf(id, label, names, locale);
  return html`<span class="rule" title=${r.title ?? nothing}>${r.text}</span>`;
}

/** An event type's name (`eventTypeName`): the rule of the same id names it; the type as a tooltip. */
export function eventTypeView(type: string, names: RuleNames | undefined, locale: Locale): TemplateResult {
  const t = eventTypeName(type, names, locale);
  return html`<span data-type=${type} title=${t.title ?? nothing}>${t.text}</span>`;
}

export function flagView(flag: string, locale: Locale): TemplateResult {
  const f = flagLabel(flag, locale);
  return html`<span class="flag" title=${f.title} data-flag=${flag}>${f.text}</span>`;
}

/**
 * Points (integer centipoints) of a line or a group. A money-only line (0 points, some money) shows a dash
 * in the points column, read out as `noPoints`, so the columns stay aligned.
 */
export function pointsView(centipoints: number, fen: number, tag: 'td' | 'span', locale: Locale, noPoints: string): TemplateResult {
  const cls = `num points ${centipoints < 0 ? 'neg' : ''}`;
  const content =
    centipoints === 0 && fen !== 0
      ? html`<span aria-hidden="true">—</span><span class="visually-hidden">${noPoints}</span>`
      : formatCentipoints(centipoints, locale);
  return tag === 'td' ? html`<td class=${cls}>${content}</td>` : html`<span class=${cls}>${content}</span>`;
}

/** A store label written `中文 / English` (correction and adjustment lines) in the user's language; other labels as they are. */
export function localizedLabel(label: string, locale: Locale): string {
  const i = label.indexOf(' / ');
  if (i < 0) return label;
  return locale === 'en' ? label.slice(i + 3) : label.slice(0, i);
}

/** A string usable in an id (the ids of appeals and lines hold `:`, `#`, `.`). */
export function cssId(s: string): string {
  return s.replace(/[^a-zA-Z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`);
}

/**
 * A reason form (an appeal, a month's closing): the textarea `#<id>-reason`
 * named `reason`, its error `#<id>-error` tied to it, submit and cancel.
 */
export function reasonForm(f: {
  id: string;
  label: string;
  error: string;
  submit: string;
  cancel: string;
  onSubmit: (e: Event) => void;
  onCancel: () => void;
}): TemplateResult {
  return html`<form class="${f.id}-form" @submit=${f.onSubmit}>
    <label for="${f.id}-reason">${f.label}</label>
    <textarea id="${f.id}-reason" name="reason" aria-describedby="${f.id}-error" aria-invalid=${f.error ? 'true' : 'false'}></textarea>
    <span id="${f.id}-error" class="error">${f.error}</span>
    <div class="row-actions">
      <button part="button" class="primary" type="submit">${f.submit}</button>
      <button part="button" type="button" @click=${f.onCancel}>${f.cancel}</button>
    </div>
  </form>`;
}

/** The reason typed in a reason form (trimmed), from its submit event. */
export function reasonOf(e: Event): string {
  return ((e.currentTarget as HTMLFormElement).elements.namedItem('reason') as HTMLTextAreaElement).value.trim();
}
