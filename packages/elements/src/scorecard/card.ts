/**
 * The card: a consultant's or a team's totals and flags, every line grouped by
 * the rule that produced it (with the rule's text), each line expandable to
 * the events behind it, the corrections, the month trend and (a consultant's
 * own card) their appeals. A view: the element keeps the state and reads.
 *
 * @example
 * ```ts
 * render() { return cardView({ data, model, subject, ... }); }
 * ```
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ScoreLine } from '@rulecard/dsl';
import type { ScoreResult, StoredEvent, Subject } from '@rulecard/store';
import { isAppealOf } from '@rulecard/store/line-rules';
import { formatCentipoints, formatDateTime, formatFen, formatWindow, formatYuan } from '../shared/format.js';
import type { Locale } from '../shared/i18n.js';
import type { Appeal } from './appeals.js';
import type { AppealsController } from './appeals-panel.js';
import type { ScorecardText } from './messages/index.js';
import type { RuleInfo, ScorecardModel } from './model.js';
import { memberName } from '../shared/labels.js';
import { cssId, eventTypeView, flagView, localizedLabel, pointsView, ruleText, ruleView } from './parts.js';

/** How many events an expanded line shows at first, and how many more each "show more" adds. */
export const EVENTS_PAGE = 100;

/** What the first paint needs: the score, the rule texts and the names in the title. */
export interface CardData {
  /** Whose card and which period (values: the board compares them). */
  subject: Subject;
  period: { from: string; to: string };
  result: ScoreResult;
  rules: Map<string, RuleInfo>;
  /** Member id → name: everyone on the roster (the consultant shown, who opened and decided appeals). */
  names: Map<string, string>;
  /** Team id → name (the team shown). */
  teams: Map<string, string>;
  /** "Month so far" (so-far.ts), loaded with a score that has projected lines. */
  soFar?: typeof import('./so-far.js');
  /** The trend chart (trend.ts), loaded while the score is computed (it keeps the element's first download small). */
  trend: typeof import('./trend.js');
  /** Pay-item, streak and gate explanations (explain.ts), loaded with a score that has such lines (version 2). */
  explain?: typeof import('./explain.js');
}

export interface CardOptions {
  data: CardData;
  model: ScorecardModel;
  /** The title's period: a month (`2026-11`) or a day. */
  shown: string;
  /** The signed-in consultant's own card (they may appeal its lines). */
  mine: boolean;
  /** One day shown (no trend). */
  day: boolean;
  /** Line key → how many of its events are shown (absent: collapsed). */
  expanded: ReadonlyMap<string, number>;
  /** Events read for expanded lines of a card that read none with its score (a team's). */
  lineEvents: ReadonlyMap<string, StoredEvent>;
  /** Event id → the call-log entry behind a derived event ("3日 14:05 张先生 · 未填 年龄、来源"). */
  logNotes?: ReadonlyMap<string, string>;
  failure: string;
  msg: ScorecardText;
  locale: Locale;
  timeZone: string;
  appeals: AppealsController;
  /** Shows `count` events of the line `key`, or collapses it (`0`). */
  onExpand: (key: string, count: number) => void;
}

export function cardView(o: CardOptions): TemplateResult {
  const { data, model, msg: m, locale } = o;
  const { subject, names, teams } = data;
  const periodLabel = formatWindow(o.shown, locale);
  const consultant = 'consultant' in subject ? subject.consultant : '';
  const title =
    'team' in subject ? m.teamTitle(memberName(subject.team, teams), periodLabel) : m.title(memberName(consultant, names), periodLabel);
  return html`
    <header part="header">
      <h2>${title}</h2>
      ${data.result.frozen ? html`<p class="muted">${m.frozen}</p>` : nothing}
      <dl class="totals" part="totals">
        <div>
          <dt>${m.points}</dt>
          <dd class=${model.centipoints < 0 ? 'neg' : ''} data-total="points">${formatCentipoints(model.centipoints, locale)}</dd>
        </div>
        <div>
          <dt>${m.money}</dt>
          <dd class=${model.fen < 0 ? 'neg' : ''} data-total="money">${formatFen(model.fen, locale)}</dd>
        </div>
        <div>
          <dt>${m.flags}</dt>
          <dd data-total="flags">${model.flags.length ? model.flags.map((f) => flagView(f, locale)) : m.noFlags}</dd>
        </div>
      </dl>
    </header>
    ${o.failure ? html`<p class="error" role="alert">${o.failure}</p>` : nothing}
    ${
      data.soFar && model.projectedTotals
        ? data.soFar.soFarView({ model, rules: data.rules, totals: model.projectedTotals, locale, day: o.day })
        : nothing
    }
    <h3>${m.lines}</h3>
    ${model.groups.length || model.corrections.length || model.pending.length ? nothing : html`<p class="status">${m.noLines}</p>`}
    ${model.groups.map(
      (g) =>
        html`<details part="rule-group" data-rule=${g.rule}>
          <summary>
            <span class="chevron" aria-hidden="true"></span>${ruleView(g.rule, g.label, locale, data.rules)}
            ${pointsView(g.centipoints, g.fen, 'span', locale, m.noPoints)}
            <span class="num money">${formatFen(g.fen, locale, true)}</span>
          </summary>
          ${g.text ? html`<pre class="rule-text" role="figure" aria-label=${m.ruleText}>${g.text}</pre>` : nothing}
          <table>
            <thead>
              <tr>
                <th scope="col">${m.windowLabel}</th>
                <th scope="col" class="num">${m.count}</th>
                <th scope="col" class="num">${m.points}</th>
                <th scope="col" class="num">${m.money}</th>
                <th scope="col"><span class="visually-hidden">${m.appeal}</span></th>
              </tr>
            </thead>
            <tbody>
              ${g.lines.map((line, i) => lineView(o, line, `${g.rule}#${i}`, consultant))}
            </tbody>
          </table>
        </details>`,
    )}
    ${data.explain && model.gated ? data.explain.gatedView(model.gated, data.rules, m, locale) : nothing}
    ${
      model.corrections.length || model.pending.length
        ? html`<details part="rule-group" data-rule="correction" open>
            <summary><span class="chevron" aria-hidden="true"></span><span class="rule">${m.correction}</span></summary>
            <table>
              <tbody>
                ${model.corrections.map(({ line, id, correction: c }) =>
                  correctionView(
                    o,
                    id,
                    c
                      ? m.correctionLine(ruleText(c.rule, c.label, locale, data.rules))
                      : localizedLabel(line.label ?? m.correction, locale),
                    c?.window || line.window,
                    line.centipoints,
                    line.fen,
                  ),
                )}
                ${model.pending.map((c) =>
                  correctionView(
                    o,
                    c.id,
                    m.correctionLine(ruleText(c.rule, c.label, locale, data.rules)),
                    c.window,
                    c.centipoints,
                    c.fen,
                    true,
                  ),
                )}
              </tbody>
            </table>
          </details>`
        : nothing
    }
    ${o.day ? nothing : data.trend.trendView(model.trend, m, locale)}
    ${o.mine && model.appeals ? o.appeals.listView(model.appeals, names, data.rules) : nothing /* supervisors decide on the board */}
  `;
}

/** The event ids the expanded lines of `model` show that neither the card nor `known` has read (a team's card). */
export function unreadLineEvents(
  model: ScorecardModel,
  expanded: ReadonlyMap<string, number>,
  known: ReadonlyMap<string, StoredEvent>,
): string[] {
  if (model.eventsLoaded) return [];
  const ids: string[] = [];
  for (const g of model.groups)
    g.lines.forEach((line, i) => {
      const shown = expanded.get(`${g.rule}#${i}`);
      if (shown) for (const id of line.events.slice(0, shown)) if (!model.events.has(id) && !known.has(id)) ids.push(id);
    });
  return ids;
}

/** The consultant's latest appeal about `line` (the store's `isAppealOf`), if any. */
function appealOf(appeals: readonly Appeal[] | undefined, consultant: string, line: ScoreLine): Appeal | undefined {
  return consultant ? appeals?.findLast((a) => a.consultant === consultant && isAppealOf(a, line)) : undefined;
}

function lineView(o: CardOptions, line: ScoreLine, key: string, consultant: string): TemplateResult {
  const { model, msg: m, locale } = o;
  const shown = o.expanded.get(key);
  const appeal = appealOf(model.appeals, consultant, line);
  const eventsId = `ev-${cssId(key)}`;
  return html`<tr part="line">
      <td>
        ${line.window ? formatWindow(line.window, locale) : m.perEvent}${line.flag ? html` ${flagView(line.flag, locale)}` : nothing}
        ${o.data.explain?.lineNote(line, o.data.rules, locale)}
      </td>
      <td class="num">${line.count}</td>
      ${pointsView(line.centipoints, line.fen, 'td', locale, m.noPoints)}
      <td class="num">${formatFen(line.fen, locale, true)}</td>
      <td>
        <div class="row-actions">
          ${
            line.events.length
              ? html`<button
                  part="button"
                  aria-expanded=${shown ? 'true' : 'false'}
                  aria-controls=${eventsId}
                  @click=${() => o.onExpand(key, shown ? 0 : EVENTS_PAGE)}
                >
                  <span class="chevron" aria-hidden="true"></span>${shown ? m.hideEvents : m.showEvents(line.events.length)}
                </button>`
              : nothing
          }
          ${(o.mine && model.appeals && consultant) || appeal ? o.appeals.lineAction(key, appeal) : nothing}
        </div>
      </td>
    </tr>
    ${o.appeals.lineForm(key, consultant, line, o.data.rules)}
    ${
      shown
        ? html`<tr>
            <td colspan="5">
              <table
                class="events"
                id=${eventsId}
                part="events"
                aria-label=${m.eventsOf(ruleText(line.rule, line.label, locale, o.data.rules))}
              >
                <thead>
                  <tr>
                    <th scope="col">${m.eventCols.at}</th>
                    <th scope="col">${m.eventCols.type}</th>
                    <th scope="col">${m.eventCols.detail}</th>
                    <th scope="col">${m.eventCols.by}</th>
                  </tr>
                </thead>
                <tbody>
                  ${line.events.slice(0, shown).map((id) => {
                    const ev = model.events.get(id) ?? o.lineEvents.get(id);
                    return html`<tr>
                      <td>${ev ? formatDateTime(ev.at, locale, o.timeZone) : ''}</td>
                      <td>${ev ? eventTypeView(ev.type, o.data.rules, locale) : id}</td>
                      <td>
                        ${o.logNotes?.get(id) ?? ev?.note ?? ''}${ev?.amount !== undefined ? html` ${formatYuan(ev.amount, locale)}` : nothing}
                      </td>
                      <td>${ev ? memberName(ev.recordedBy, o.data.names) : ''}</td>
                    </tr>`;
                  })}
                </tbody>
              </table>
              ${
                line.events.length > shown
                  ? html`<p class="muted">
                      ${m.moreEvents(line.events.length - shown)}
                      <button part="button" @click=${() => o.onExpand(key, shown + EVENTS_PAGE)}>${m.showMore}</button>
                    </p>`
                  : nothing
              }
            </td>
          </tr>`
        : nothing
    }`;
}

/**
 * One correction row. `pending`: accepted after its month was closed — not in
 * these (frozen) totals; payroll counts it in the next open month's adjustment.
 */
function correctionView(
  o: CardOptions,
  id: string,
  text: string,
  window: string | undefined,
  centipoints: number,
  fen: number,
  pending = false,
): TemplateResult {
  const { msg: m, locale } = o;
  return html`<tr part="line" data-correction=${id} class=${pending ? 'pending' : ''}>
    <td>
      ${text}${window ? html` · ${formatWindow(window, locale)}` : nothing}
      ${pending ? html`<p class="muted note" data-note="pending-correction">${m.correctionPending}</p>` : nothing}
    </td>
    <td class="num ${centipoints < 0 ? 'neg' : ''}">${formatCentipoints(centipoints, locale)}</td>
    <td class="num">${formatFen(fen, locale, true)}</td>
  </tr>`;
}
