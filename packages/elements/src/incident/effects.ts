/**
 * What one event costs or earns under a rule's per-event effects, in the
 * incident picker's words: `每次 -2 分（-¥20.00），集体 -1 分（-¥10.00）` /
 * `-2 points (-¥20.00) each time`; a share of a pay item by its label
 * (`基本工资的 -50%`), the lead's share (`组长 …`).
 *
 * @module
 */
import type { Locale, v2 } from '@rulecard/dsl';
import { formatFen, formatPercent, formatPoints } from '../shared/format.js';
import type { IncidentMessages } from './messages/zh-CN.js';

/** `pointFen`: the rulebook's point value in fen; `payLabels`: its pay items' labels. Empty when the rule has no per-event effect. */
export function formatEventEffects(
  effects: readonly v2.EventEffect[],
  costs: { pointFen: number; payLabels: ReadonlyMap<string, string> },
  m: IncidentMessages,
  locale: Locale,
): string {
  const parts = effects.map((e) => {
    const amount =
      e.kind === 'points'
        ? m.pointsAndMoney(formatPoints(e.value, locale), formatFen(e.value * costs.pointFen, locale, true))
        : e.kind === 'fen'
          ? formatFen(e.value, locale, true)
          : e.kind === 'pay'
            ? m.percentOfPay(formatPercent(e.value, locale), costs.payLabels.get(e.pay ?? '') ?? e.pay ?? '', !!e.daily)
            : m.percentOfAmount(formatPercent(e.value, locale));
    return e.target === 'team' ? m.teamEffect(amount) : e.target === 'lead' ? m.leadEffect(amount) : amount;
  });
  return parts.length ? m.perEventEffect(parts.join(m.effectSeparator)) : '';
}
