/**
 * "本月进度 / Month so far": the projected lines of a card scored as of now
 * (LANGUAGE.md §9.16) — targets of windows that have not ended, with their
 * progress ("2/25 有效客户预约") and what they would cost or pay if the window
 * ended today — and the totals confirmed and projected side by side.
 *
 * Loaded by the scorecard only when a ledger has projected lines (its own
 * strings in both languages with it): a past month's card never loads it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ScoreLine } from '@rulecard/dsl';
import { formatCentipoints, formatFen, formatWindow } from '../shared/format.js';
import type { Locale } from '../shared/i18n.js';
import type { RuleInfo, ScorecardModel } from './model.js';
import { flagView, ruleText } from './parts.js';

type Unit = 'month' | 'week' | 'day';

const TEXT = {
  'zh-CN': {
    title: { month: '本月进度', week: '本周进度', day: '今日进度' },
    note: '以下时段尚未结束，结果仍会变化：金额按“若今天结束”估算，未计入合计。',
    confirmed: '已确定',
    projected: '预计（若今天结束）',
    ifEnded: { month: '若本月今天结束', week: '若本周今天结束', day: '若今天就此结束' },
    colon: '：',
    points: '积分',
  },
  en: {
    title: { month: 'Month so far', week: 'Week so far', day: 'Day so far' },
    note: 'These windows have not ended and can still change: amounts are what they would be if the window ended today, not in the totals.',
    confirmed: 'Confirmed',
    projected: 'Projected (if it ended today)',
    ifEnded: { month: 'If the month ended today', week: 'If the week ended today', day: 'If the day ended now' },
    colon: ': ',
    points: 'points',
  },
} as const;

function unitOf(window: string | undefined): Unit {
  if (!window || window.length === 10) return 'day';
  return window.includes('W') ? 'week' : 'month';
}

/**
 * A count target's progress: the events counted so far over the clause's
 * bound (`2/25`, `2/10–19`); undefined for other measures (ratios, rank,
 * ledger conditions), whose line says only what it would do.
 */
export function progressOf(line: ScoreLine, info: RuleInfo | undefined): string | undefined {
  const rule = info?.compiled;
  if (!rule || rule.measure.kind !== 'count' || !line.range) return undefined;
  const at = line.range.start.offset;
  const test = rule.clauses.find((c) => c.range.start.offset === at)?.test;
  // a member's own target (version 2) is not on the line: its line says what it would do
  if (!test || test.kind === 'else' || test.kind === 'target') return undefined;
  return `${line.events.length}/${test.kind === 'cmp' ? test.value : `${test.low}–${test.high}`}`;
}

export interface SoFarOptions {
  model: ScorecardModel;
  rules: Map<string, RuleInfo>;
  /** The ledger's projected totals (the store's integers). */
  totals: { centipoints: number; fen: number };
  locale: Locale;
  /** The card shows one day. */
  day: boolean;
}

export function soFarView(o: SoFarOptions): TemplateResult {
  const t = TEXT[o.locale];
  const { model, locale } = o;
  const unit: Unit = o.day ? 'day' : 'month';
  return html`<section part="month-so-far" class="so-far" aria-labelledby="so-far-title">
    <h3 id="so-far-title">${t.title[unit]}</h3>
    <p class="muted">${t.note}</p>
    <dl class="totals">
      <div>
        <dt>${t.confirmed}</dt>
        <dd data-so-far="confirmed">${formatFen(model.fen, locale)} · ${formatCentipoints(model.centipoints, locale)} ${t.points}</dd>
      </div>
      <div>
        <dt>${t.projected}</dt>
        <dd data-so-far="projected" class=${o.totals.fen < 0 ? 'neg' : ''}>
          ${formatFen(o.totals.fen, locale, true)} · ${formatCentipoints(o.totals.centipoints, locale)} ${t.points}
        </dd>
      </div>
    </dl>
    <ul class="so-far-lines">
      ${model.projected.map((line) => {
        const info = o.rules.get(line.rule);
        const name = ruleText(line.rule, line.label ?? info?.label, locale, o.rules);
        const progress = progressOf(line, info);
        return html`<li data-rule=${line.rule} data-window=${line.window ?? ''}>
          ${progress ? html`<strong class="num" data-progress>${progress}</strong> ` : nothing}<span class="rule">${name}</span>
          ${line.window ? html`<span class="muted">· ${formatWindow(line.window, locale)}</span>` : nothing}
          <span class="if-ended" data-if-ended
            >${t.ifEnded[unitOf(line.window)]}${t.colon}${formatFen(line.fen, locale, true)}${
              line.centipoints ? ` · ${formatCentipoints(line.centipoints, locale)} ${t.points}` : ''
            }</span
          >${line.flag ? html` ${flagView(line.flag, locale)}` : nothing}
        </li>`;
      })}
    </ul>
  </section>`;
}
