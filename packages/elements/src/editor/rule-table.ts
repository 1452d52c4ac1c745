/**
 * The side panel's rule table: the compiled rulebook in words a manager
 * reads — one row per rule with its trigger, per-event effect and clauses.
 * Each rule id is a button that moves the editor's cursor to the rule.
 *
 * @example
 * ```ts
 * render(ruleTable({ rulebook, msg, locale: 'en', stale: false, onSelect: (id) => jumpTo(id) }), host);
 * ```
 */
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Clause, ClauseEffect, CompiledRule, CompiledRulebook, EventEffect, Locale, Test, WindowUnit } from '@rulecard/dsl';
import { formatFenAmount } from '../shared/format.js';
import type { EditorMessages } from './messages/index.js';

export interface RuleTableOptions {
  rulebook: CompiledRulebook | null;
  msg: EditorMessages;
  locale: Locale;
  /** True when the text currently has errors and `rulebook` is the last good compile. */
  stale: boolean;
  /** Called with a rule's id when its button is activated. */
  onSelect: (ruleId: string) => void;
}

export function ruleTable({ rulebook, msg, locale, stale, onSelect }: RuleTableOptions): TemplateResult {
  if (!rulebook) return html`<p class="note" part="note">${msg.tableNotCompiled}</p>`;
  const format = RuleFormat.for(msg, locale);
  return html`
    ${stale ? html`<p class="note warning" part="note" role="note">${msg.tableStale}</p>` : nothing}
    <p class="settings">
      ${rulebook.title ? html`<strong>${rulebook.title}</strong> · ` : nothing}${msg.settings(
        format.yuan(rulebook.pointFen),
        msg.windowName[rulebook.window],
        rulebook.timezone,
      )}
    </p>
    ${
      rulebook.rules.length === 0
        ? html`<p class="note" part="note">${msg.tableEmpty}</p>`
        : html`<div
            class="table-scroll"
            part="table-scroll"
            tabindex="0"
            role="region"
            aria-label=${msg.tableCaption(rulebook.rules.length)}
          >
            <table part="rule-table" class="rule-table">
              <caption>
                ${msg.tableCaption(rulebook.rules.length)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${msg.colRule}</th>
                  <th scope="col">${msg.colTrigger}</th>
                  <th scope="col">${msg.colEffect}</th>
                  <th scope="col">${msg.colClauses}</th>
                </tr>
              </thead>
              <tbody>
                ${repeat(
                  rulebook.rules,
                  (rule) => rule.id,
                  // A keystroke changes one rule: the other rows are not rebuilt. A clause
                  // without its own window shows the rulebook's, so that is a dependency too.
                  (rule) =>
                    guard(
                      [rule.text, rule.range.start.line, rule.label, rulebook.window, msg],
                      () =>
                        html`<tr data-rule=${rule.id}>
                          <th scope="row">
                            <button
                              type="button"
                              class="link"
                              aria-label=${msg.goToRule(rule.id, rule.range.start.line)}
                              @click=${() => onSelect(rule.id)}
                            >
                              ${rule.id}
                            </button>
                            ${rule.label ? html`<div class="label">${rule.label}</div>` : nothing}
                            ${rule.labels?.en ? html`<div class="label" lang="en" data-label-en>${rule.labels.en}</div>` : nothing}
                          </th>
                          <td>${format.trigger(rule)}</td>
                          <td>${rule.effects.length ? rule.effects.map((e) => html`<div>${format.eventEffect(e)}</div>`) : msg.none}</td>
                          <td>
                            ${rule.tiers ? html`<div class="tiers">${msg.tiers}</div>` : nothing}
                            ${
                              rule.clauses.length
                                ? html`<ol class="clauses">
                                    ${rule.clauses.map((clause) => html`<li>${format.clause(rule, clause)}</li>`)}
                                  </ol>`
                                : msg.none
                            }
                          </td>
                        </tr>`,
                    ),
                )}
              </tbody>
            </table>
          </div>`
    }
  `;
}

/** Words for the parts of a compiled rule, in one locale. */
export class RuleFormat {
  private static readonly made = new WeakMap<EditorMessages, Map<Locale, RuleFormat>>();

  /** One instance per catalogue and locale (its `Intl` formatters are costly to build on every render). */
  static for(msg: EditorMessages, locale: Locale): RuleFormat {
    let byLocale = RuleFormat.made.get(msg);
    if (!byLocale) RuleFormat.made.set(msg, (byLocale = new Map()));
    let format = byLocale.get(locale);
    if (!format) byLocale.set(locale, (format = new RuleFormat(msg, locale)));
    return format;
  }

  private readonly number: Intl.NumberFormat;
  private readonly signed: Intl.NumberFormat;

  constructor(
    private readonly msg: EditorMessages,
    private readonly locale: Locale,
  ) {
    const tag = locale === 'en' ? 'en-US' : 'zh-CN';
    this.number = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
    this.signed = new Intl.NumberFormat(tag, { maximumFractionDigits: 2, signDisplay: 'exceptZero' });
  }

  /** Fen as yuan, `12.50`. */
  yuan(fen: number): string {
    return formatFenAmount(fen, this.locale);
  }

  trigger(rule: CompiledRule): string {
    const { msg } = this;
    const type = rule.eventType ?? rule.id;
    const where = rule.where.map((c) => `${c.field} ${c.op} ${typeof c.value === 'string' ? `"${c.value}"` : String(c.value)}`);
    const whereText = where.length ? ` (${where.join(msg.whereJoin)})` : '';
    const measure = rule.measure;
    switch (measure.kind) {
      case 'count':
        return msg.triggerEvent(type) + whereText;
      case 'all':
        return msg.triggerAll(type) + whereText;
      case 'ledger':
        return msg.triggerLedger(msg[measure.ledger], measure.quantity === 'deductions' ? msg.deductions : msg.netPoints);
      case 'rank': {
        const by = measure.by === 'count' ? msg.rankByCount : msg.rankByPoints;
        return (rule.eventType ? msg.triggerRank(by, type) : msg.triggerRankAny(by)) + whereText;
      }
      case 'ratio':
        return msg.triggerRatio(measure.numerator, measure.denominator) + whereText;
    }
  }

  eventEffect(effect: EventEffect): string {
    const { msg } = this;
    const who = msg[effect.target];
    if (effect.kind === 'percent') return `${who} ${msg.percentOf(this.number.format(effect.value))}`;
    const amount =
      effect.kind === 'points'
        ? msg.pointsUnit(this.signed.format(effect.value))
        : msg.yuanUnit(formatFenAmount(effect.value, this.locale, true));
    return `${who} ${msg.perEvent(amount)}`;
  }

  clauseEffect(effect: ClauseEffect): string {
    const { msg } = this;
    const who = msg[effect.target];
    let text: string;
    if (effect.kind === 'flag') text = msg.flag(effect.flag ?? '');
    else if (effect.kind === 'points') text = `${who} ${msg.pointsUnit(this.signed.format(effect.value))}`;
    else text = `${who} ${msg.yuanUnit(formatFenAmount(effect.value, this.locale, true))}`;
    if (effect.perCount) text = msg.perCount(text);
    if (effect.place !== undefined) text = `${msg.place(effect.place)}: ${text}`;
    return text;
  }

  test(test: Test, percent: boolean): string {
    const unit = percent ? '%' : '';
    switch (test.kind) {
      case 'else':
        return this.msg.else;
      case 'range':
        return `${this.number.format(test.low)}${unit}..${this.number.format(test.high)}${unit}`;
      case 'cmp':
        return `${test.op} ${this.number.format(test.value)}${unit}`;
    }
  }

  window(window: WindowUnit): string {
    return this.msg.windowPer[window];
  }

  clause(rule: CompiledRule, clause: Clause): string {
    const { msg } = this;
    const parts: string[] = [];
    if (rule.measure.kind !== 'rank') parts.push(this.test(clause.test, rule.measure.kind === 'ratio'));
    parts.push(this.window(clause.window));
    if (clause.each) parts.push(clause.eachStep !== undefined ? msg.eachStep(this.number.format(clause.eachStep)) : msg.each);
    return `${parts.join(' ')} ⇒ ${clause.effects.map((e) => this.clauseEffect(e)).join(msg.effectJoin)}`;
  }
}
