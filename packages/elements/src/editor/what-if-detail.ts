/**
 * What a what-if row opens onto: the differences rule by rule, and (a
 * consultant's row) their card under the draft — every line the draft gives
 * them, grouped by rule, with its window, count, points and money.
 */
import type { Ledger, Locale, ScoreLine } from '@rulecard/dsl';
import { html, nothing, type TemplateResult } from 'lit';
import { flagLabel, formatCentipoints, formatFen, formatWindow } from '../shared/format.js';
import { ruleNameOf, type RuleNames } from '../shared/labels.js';
import type { EditorMessages } from './messages/index.js';

/** Before/after of one rule on one ledger (integers: hundredths of a point, fen). */
export interface RuleDelta {
  rule: string;
  label?: string;
  published: { centipoints: number; fen: number };
  draft: { centipoints: number; fen: number };
  delta: { centipoints: number; fen: number };
}

function byRule(ledger: Ledger | undefined): Map<string, { label?: string; centipoints: number; fen: number }> {
  const out = new Map<string, { label?: string; centipoints: number; fen: number }>();
  for (const l of ledger?.lines ?? []) {
    const r = out.get(l.rule) ?? { label: l.label, centipoints: 0, fen: 0 };
    r.centipoints += l.centipoints;
    r.fen += l.fen;
    out.set(l.rule, r);
  }
  return out;
}

/** The rules whose totals differ between the published and the draft ledger, the largest change in money first. */
export function ruleDeltas(published: Ledger | undefined, draft: Ledger | undefined): RuleDelta[] {
  const before = byRule(published);
  const after = byRule(draft);
  const zero = { centipoints: 0, fen: 0 };
  return [...new Set([...before.keys(), ...after.keys()])]
    .map((rule) => {
      const b = before.get(rule) ?? zero;
      const a = after.get(rule) ?? zero;
      return {
        rule,
        label: after.get(rule)?.label ?? before.get(rule)?.label,
        published: { centipoints: b.centipoints, fen: b.fen },
        draft: { centipoints: a.centipoints, fen: a.fen },
        delta: { centipoints: a.centipoints - b.centipoints, fen: a.fen - b.fen },
      };
    })
    .filter((d) => d.delta.centipoints !== 0 || d.delta.fen !== 0)
    .sort(
      (x, y) =>
        Math.abs(y.delta.fen) - Math.abs(x.delta.fen) ||
        Math.abs(y.delta.centipoints) - Math.abs(x.delta.centipoints) ||
        x.rule.localeCompare(y.rule),
    );
}

/** A rule's name in the reader's language: the line's label, the English one from the draft's and the published rules. */
const ruleName = (rule: string, label: string | undefined, locale: Locale, names: RuleNames) => ruleNameOf(rule, label, names, locale).text;

/** The differences by rule of one row. */
export function ruleDeltaView(deltas: RuleDelta[], msg: EditorMessages, locale: Locale, names: RuleNames): TemplateResult {
  if (!deltas.length) return html`<p class="note">${msg.whatIfNoRuleChange}</p>`;
  return html`<table class="rule-deltas" part="what-if-rules">
    <thead>
      <tr>
        <th scope="col">${msg.colRule}</th>
        <th scope="col" class="num">${msg.colPublishedMoney}</th>
        <th scope="col" class="num">${msg.colDraftMoney}</th>
        <th scope="col" class="num">${msg.colDeltaMoney}</th>
        <th scope="col" class="num">${msg.colDeltaPoints}</th>
      </tr>
    </thead>
    <tbody>
      ${deltas.map(
        (d) =>
          html`<tr data-rule=${d.rule}>
            <th scope="row">${ruleName(d.rule, d.label, locale, names)}</th>
            <td class="num">${formatFen(d.published.fen, locale)}</td>
            <td class="num">${formatFen(d.draft.fen, locale)}</td>
            <td class="num ${d.delta.fen < 0 ? 'neg' : d.delta.fen > 0 ? 'pos' : ''}">${formatFen(d.delta.fen, locale, true)}</td>
            <td class="num">${formatCentipoints(d.delta.centipoints, locale)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** A consultant's card under the draft: totals and every line, grouped by rule. */
export function draftCardView(
  name: string,
  month: string,
  ledger: Ledger | undefined,
  msg: EditorMessages,
  locale: Locale,
  names: RuleNames,
  toExample?: (line: ScoreLine) => void,
): TemplateResult {
  const lines = ledger?.lines ?? [];
  const groups = new Map<string, ScoreLine[]>();
  for (const l of lines) groups.set(l.rule, [...(groups.get(l.rule) ?? []), l]);
  return html`<section class="draft-card" part="what-if-card" aria-label=${msg.whatIfCardTitle(name, formatWindow(month, locale))}>
    <p class="summary">
      ${msg.whatIfCardTitle(name, formatWindow(month, locale))}:
      <strong data-card-total="money">${formatFen(ledger?.fen ?? 0, locale)}</strong> ·
      <strong data-card-total="points">${formatCentipoints(ledger?.centipoints ?? 0, locale)}</strong>
      ${msg.points}${ledger?.flags.length ? html` · ${ledger.flags.map((f) => flagLabel(f, locale).text).join('、')}` : nothing}
    </p>
    ${
      lines.length
        ? html`<table class="rule-deltas">
            <thead>
              <tr>
                <th scope="col">${msg.colRule}</th>
                <th scope="col">${msg.colWindow}</th>
                <th scope="col" class="num">${msg.colCount}</th>
                <th scope="col" class="num">${msg.points}</th>
                <th scope="col" class="num">${msg.colDraftMoney}</th>
                ${toExample ? html`<th scope="col"><span class="visually-hidden">${msg.whatIfToExample}</span></th>` : nothing}
              </tr>
            </thead>
            <tbody>
              ${[...groups].map(([rule, ls]) =>
                ls.map(
                  (l, i) =>
                    html`<tr data-rule=${rule}>
                      <th scope="row">${i === 0 ? ruleName(rule, l.label, locale, names) : nothing}</th>
                      <td>${l.window ? formatWindow(l.window, locale) : ''}</td>
                      <td class="num">${l.count}</td>
                      <td class="num">${formatCentipoints(l.centipoints, locale)}</td>
                      <td class="num">${formatFen(l.fen, locale, true)}</td>
                      ${
                        toExample
                          ? html`<td>
                              <button
                                type="button"
                                data-to-example
                                aria-label=${msg.whatIfToExampleLabel(ruleName(rule, l.label, locale, names), l.window ? formatWindow(l.window, locale) : '')}
                                @click=${() => toExample(l)}
                              >
                                ${msg.whatIfToExample}
                              </button>
                            </td>`
                          : nothing
                      }
                    </tr>`,
                ),
              )}
            </tbody>
          </table>`
        : html`<p class="note">${msg.whatIfCardEmpty}</p>`
    }
  </section>`;
}
