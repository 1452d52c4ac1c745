/**
 * Version-2 per-event effects (§4.1, §9.2, §9.4, §9.10, §9.15): on every
 * scored day of a person with matching events, one personal line; the
 * team's and the lead's lines gather the day's events of the team's members.
 * A day on which the person holds a gating flag gives nothing.
 */
import type { CompiledRule as V1Rule } from '../../types.js';
import { addLine } from '../lines.js';
import { gated, perEventPay, perEventUnit, receiverOf, type DraftV2 } from './effects.js';
import { countIn, idsIn } from './measure.js';
import type { Ctx, RulePlan } from './plan.js';

export function runPerEvent(ctx: Ctx, plan: RulePlan): void {
  const { rule, slots, pct } = plan;
  if (!rule.effects.length || !slots.length) return;
  const { people, nDays, books, streams, calendar } = ctx;
  const has = (t: string) => rule.effects.some((e) => e.target === t);
  const hasPersonal = has('personal');
  const group = (['team', 'lead'] as const).filter(has);
  // the team's (and the lead's) line of a day: the day's events of its members, member by member
  const pending = new Map<number, { n: number; pct: Record<string, number>; ids: string[] }>();
  const v1 = rule as unknown as V1Rule;
  for (let pi = 0; pi < people.length; pi++) {
    const p = people[pi];
    if (!ctx.applies(rule, pi)) continue;
    const unit = hasPersonal ? perEventUnit(ctx, rule.effects, 'personal', pi) : undefined;
    const shares = hasPersonal ? perEventPay(ctx, rule.effects, 'personal', pi, 1) : undefined;
    for (let d = Math.max(0, p.lo); d <= Math.min(nDays - 1, p.hi); d++) {
      const n = countIn(streams, slots, pi, d, d);
      if (n === 0) continue;
      if (rule.unless) {
        const day = { key: calendar.days[d].date, first: d, last: d, inPeriod: d >= ctx.p0 };
        if (gated(ctx, books, rule, pi, day, n, () => idsIn(streams, slots, pi, d, d))) continue;
      }
      const bucket = pi * nDays + d;
      const ids = idsIn(streams, slots, pi, d, d);
      if (unit) {
        const line: DraftV2 = {
          rule: v1,
          window: calendar.days[d].date,
          day: d,
          count: n,
          centi: unit.centi * n,
          neg: unit.neg * n,
          fen: unit.fen * n + (pct.personal ? pct.personal[bucket] : 0),
          events: ids,
          range: rule.range,
        };
        if (shares) line.pay = shares.map((share) => ({ ...share, times: n }));
        addLine(books.personal[pi], line);
      }
      if (!group.length) continue;
      if (p.team < 0) {
        ctx.warnOnce('no-team', { member: p.id, rule: rule.id });
        continue;
      }
      const key = p.team * nDays + d;
      let acc = pending.get(key);
      if (!acc) pending.set(key, (acc = { n: 0, pct: { team: 0, lead: 0 }, ids: [] }));
      acc.n += n;
      for (const t of group) acc.pct[t] += pct[t] ? pct[t][bucket] : 0;
      for (const id of ids) acc.ids.push(id);
    }
  }
  const keys = [...pending.keys()].sort((a, b) => a - b);
  for (const key of keys) {
    const acc = pending.get(key) as { n: number; pct: Record<string, number>; ids: string[] };
    const ti = Math.floor(key / nDays);
    const d = key - ti * nDays;
    for (const t of group) {
      const to = receiverOf(ctx, books, rule, t, -1, ti);
      if (!to) continue;
      const unit = perEventUnit(ctx, rule.effects, t, to.payer);
      const line: DraftV2 = {
        rule: v1,
        window: calendar.days[d].date,
        day: d,
        count: acc.n,
        centi: unit.centi * acc.n,
        neg: unit.neg * acc.n,
        fen: unit.fen * acc.n + acc.pct[t],
        events: acc.ids,
        range: rule.range,
      };
      const shares = perEventPay(ctx, rule.effects, t, to.payer, acc.n);
      if (shares) line.pay = shares;
      addLine(to.book, line);
    }
  }
}
