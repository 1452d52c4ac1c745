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
import type { Condition, Locale, v2 } from '@rulecard/dsl';

type Clause = v2.Clause;
type ClauseEffect = v2.ClauseEffect;
type CompiledRule = v2.CompiledRule;
type CompiledRulebook = v2.CompiledRulebook;
type EventEffect = v2.EventEffect;
type Test = v2.Test;
type WindowUnit = v2.ClauseWindow;
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

  private conditions(conditions: readonly Condition[] | readonly v2.MemberCondition[]): string {
    return conditions
      .map((c) => `${c.field} ${c.op} ${typeof c.value === 'string' ? `"${c.value}"` : String(c.value)}`)
      .join(this.msg.whereJoin);
  }

  trigger(rule: CompiledRule): string {
    const { msg } = this;
    const type = rule.eventTypes?.join(', ') ?? rule.eventType ?? rule.id;
    const whereText = rule.where.length ? ` (${this.conditions(rule.where)})` : '';
    const measure = rule.measure;
    let text: string;
    switch (measure.kind) {
      case 'count':
        text = (rule.eventTypes ? msg.triggerEvents(type) : msg.triggerEvent(type)) + whereText;
        break;
      case 'sum':
        text = msg.triggerSum(measure.field, type) + whereText;
        break;
      case 'avg':
        text = msg.triggerAvg(measure.field, type) + whereText;
        break;
      case 'all':
        text = msg.triggerAll(type) + whereText;
        break;
      case 'every':
        text = msg.triggerEvery;
        break;
      case 'ledger':
        text = msg.triggerLedger(
          msg[measure.ledger],
          measure.quantity === 'deductions' ? msg.deductions : measure.quantity === 'awards' ? msg.awards : msg.netPoints,
        );
        break;
      case 'rank': {
        const field = measure.field ?? 'amount';
        const by =
          measure.by === 'count'
            ? msg.rankByCount
            : measure.by === 'points'
              ? msg.rankByPoints
              : measure.by === 'awards'
                ? msg.awards
                : measure.by === 'sum'
                  ? msg.rankBySum(field)
                  : msg.rankByAvg(field);
        text = (rule.eventType ? msg.triggerRank(by, type) : msg.triggerRankAny(by)) + whereText;
        if (measure.byTeam) text = msg.rankByTeam(text);
        break;
      }
      case 'ratio': {
        const side = (t: string, where?: Condition[]) => (where?.length ? msg.ratioSide(t, this.conditions(where)) : t);
        text = msg.triggerRatio(side(measure.numerator, measure.numeratorWhere), side(measure.denominator, measure.denominatorWhere));
        break;
      }
    }
    if (rule.for?.length) text += ` · ${msg.forMembers(this.conditions(rule.for))}`;
    if (rule.unless?.length) text += ` · ${msg.unlessFlags(rule.unless.join(', '))}`;
    return text;
  }

  /** An amount: points, yuan, a percentage of the event's amount, or a share of a pay item. */
  private amount(effect: { kind: v2.AmountKind | 'flag'; value: number; pay?: string; daily?: boolean }): string {
    const { msg } = this;
    switch (effect.kind) {
      case 'points':
        return msg.pointsUnit(this.signed.format(effect.value));
      case 'fen':
        return msg.yuanUnit(formatFenAmount(effect.value, this.locale, true));
      case 'percent':
        return msg.percentOf(this.number.format(effect.value));
      case 'pay':
        return msg.payShare(this.signed.format(effect.value), effect.pay ?? '', !!effect.daily);
      case 'flag':
        return '';
    }
  }

  eventEffect(effect: EventEffect): string {
    const who = this.msg[effect.target];
    const amount = this.amount(effect);
    return effect.kind === 'percent' ? `${who} ${amount}` : `${who} ${this.msg.perEvent(amount)}`;
  }

  clauseEffect(effect: ClauseEffect): string {
    const { msg } = this;
    let text = effect.kind === 'flag' ? msg.flag(effect.flag ?? '') : `${msg[effect.target]} ${this.amount(effect)}`;
    if (effect.perCount) text = msg.perCount(text);
    if (effect.place !== undefined) text = `${msg.place(effect.place)}: ${text}`;
    if (effect.top !== undefined) text = `${msg.top(this.number.format(effect.top))}: ${text}`;
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
      case 'target':
        return this.msg.targetTest(test.op, test.target);
    }
  }

  window(window: WindowUnit): string {
    return this.msg.windowPer[window];
  }

  clause(rule: CompiledRule, clause: Clause): string {
    const { msg } = this;
    const parts: string[] = [];
    if (rule.measure.kind !== 'rank' && rule.measure.kind !== 'every') parts.push(this.test(clause.test, rule.measure.kind === 'ratio'));
    parts.push(
      clause.running && clause.running > 1 ? msg.running(clause.running, msg.windowName[clause.window]) : this.window(clause.window),
    );
    if (clause.each) parts.push(clause.eachStep !== undefined ? msg.eachStep(this.number.format(clause.eachStep)) : msg.each);
    return `${parts.join(' ')} ⇒ ${clause.effects.map((e) => this.clauseEffect(e)).join(msg.effectJoin)}`;
  }
}
