/**
 * The version-2 lines in people's words (LANGUAGE.md §9.4, §9.6, §9.10):
 * a pay-item line says which pay item, which share, and the amount it was
 * taken from ("扣半个月奖金：奖金 ¥3,000.00 × 50% = -¥1,500.00"); a streak
 * line names its windows ("连续 2 个月未完成：2026年10月、2026年11月"); a rule
 * a closed `unless flag` gate kept from applying says so, with the flag and
 * the rule that raised it.
 *
 * Loaded by the scorecard only when a ledger has such lines (its own strings
 * in both languages with it): a version-1 card never loads it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { GatedLine, PayShare, ScoreLine } from '@rulecard/dsl';
import { flagLabel, formatFen, formatPercent, formatWindow, ruleLabel } from '../shared/format.js';
import type { ScorecardText } from './messages/index.js';
import type { Locale } from '../shared/i18n.js';
import type { RuleInfo } from './model.js';
import { ruleText } from './parts.js';

type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';

const TEXT = {
  'zh-CN': {
    colon: '：',
    list: '、',
    daily: (item: string) => `${item}日额`,
    running: (n: number, unit: Unit, rule: string) =>
      `连续 ${n} ${{ day: '天', week: '周', month: '个月', quarter: '个季度', year: '年' }[unit]}${rule}`,
    gated: (flags: string, by: string) => `未计：持有标记${flags}${by ? `（由${by}标记）` : ''}`,
    quote: (s: string) => `「${s}」`,
    title: '未计的规则（标记所致）',
    rule: '规则',
  },
  en: {
    colon: ': ',
    list: ', ',
    daily: (item: string) => `daily ${item}`,
    running: (n: number, unit: Unit, rule: string) => `${rule}, ${n} ${unit}${n === 1 ? '' : 's'} running`,
    gated: (flags: string, by: string) => `Not applied: flag ${flags} held${by ? ` (raised by ${by})` : ''}`,
    quote: (s: string) => `“${s}”`,
    title: 'Rules not applied (flags held)',
    rule: 'Rule',
  },
} as const;

function unitOf(window: string): Unit {
  if (/^\d{4}-\d{2}-\d{2}$/.test(window)) return 'day';
  if (window.includes('W')) return 'week';
  if (window.includes('Q')) return 'quarter';
  return /^\d{4}$/.test(window) ? 'year' : 'month';
}

/** A rule's name as the card shows it: the English label in English when the rulebook gives one. */
function nameOf(rule: string, label: string | undefined, rules: Map<string, RuleInfo>, locale: Locale): string {
  const info = rules.get(rule);
  return ruleText(rule, (locale === 'en' && info?.compiled?.labels?.en) || label || info?.label, locale);
}

/** "奖金 ¥3,000.00 × 50% = -¥1,500.00" (× the count when it applies more than once). */
function shareText(share: PayShare, locale: Locale, total: number): string {
  const t = TEXT[locale];
  const item = ruleLabel(share.item, share.label, locale).text;
  const times = share.times === 1 ? '' : ` × ${formatPercent(share.times, locale)}`;
  return `${share.daily ? t.daily(item) : item} ${formatFen(share.baseFen, locale)} × ${formatPercent(Math.abs(share.percent), locale)}%${times} = ${formatFen(total, locale, true)}`;
}

/** What a line adds in words: its pay-item shares, its streak's windows; nothing for another line. */
export function lineNote(line: ScoreLine, rules: Map<string, RuleInfo>, locale: Locale): TemplateResult | typeof nothing {
  if (!line.pay?.length && !line.streak?.length) return nothing;
  const t = TEXT[locale];
  const name = nameOf(line.rule, line.label, rules, locale);
  const parts: TemplateResult[] = [];
  if (line.pay?.length) {
    // a share times a count; times a measured value (`X per`), the line's money (rounded as it was)
    const shares = line.pay.map((s) => shareText(s, locale, Number.isInteger(s.times) ? s.fen * s.times : line.fen)).join(t.list);
    parts.push(html`<div class="muted" part="explain" data-explain="pay">${name}${t.colon}${shares}</div>`);
  }
  if (line.streak?.length) {
    const windows = line.streak.map((w) => formatWindow(w, locale)).join(t.list);
    const head = t.running(line.streak.length, unitOf(line.streak[line.streak.length - 1]), name);
    parts.push(html`<div class="muted" part="explain" data-explain="streak">${head}${t.colon}${windows}</div>`);
  }
  return html`${parts}`;
}

/**
 * The rules a closed gate kept from applying, one row each: the rule, its window and count, and why — the
 * flags held and the rules that raised them.
 */
export function gatedView(gated: GatedLine[], rules: Map<string, RuleInfo>, m: ScorecardText, locale: Locale): TemplateResult {
  const t = TEXT[locale];
  return html`<details part="rule-group" data-rule="gated" open>
    <summary><span class="chevron" aria-hidden="true"></span><span class="rule">${t.title}</span></summary>
    <table>
      <thead>
        <tr>
          <th scope="col">${t.rule}</th>
          <th scope="col">${m.windowLabel}</th>
          <th scope="col" class="num">${m.count}</th>
        </tr>
      </thead>
      <tbody>
        ${gated.map((g) => {
          const flags = g.flags.map((f) => t.quote(flagLabel(f, locale).text)).join(t.list);
          const by = g.by.map((r) => t.quote(nameOf(r, undefined, rules, locale))).join(t.list);
          return html`<tr part="line" data-gated=${g.rule}>
            <td>
              ${nameOf(g.rule, g.label, rules, locale)}
              <div class="muted" part="explain" data-explain="gate">${t.gated(flags, by)}</div>
            </td>
            <td>${formatWindow(g.window, locale)}</td>
            <td class="num">${g.count}</td>
          </tr>`;
        })}
      </tbody>
    </table>
  </details>`;
}
