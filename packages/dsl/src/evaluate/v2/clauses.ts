/**
 * Version-2 clauses on a measure per (person or team, window): counts over
 * one or several event types, `sum`/`avg`, ratios with a filter per side,
 * ledger measures (`deductions`, `points`, `awards`, mine or my team's);
 * thresholds, tiers, `each`, `target NAME` bounds, `running N` streaks and
 * `ever` (§9.5–§9.9, §9.15) — plus `all` and `every`, which fire per team.
 */
import { HUNDREDTHS, pointsOf } from '../../money.js';
import type { Clause, CompiledRule, Test } from '../../program.js';
import { firings, ratioFirings } from '../compare.js';
import { applyClause, gated, holds, type Firing } from './effects.js';
import { countIn, idsIn, ledgerIn, measureFirings, sumIn } from './measure.js';
import type { Ctx, RulePlan } from './plan.js';
import type { Span } from './setup.js';

type V1Test = Parameters<typeof firings>[0];

/** A clause's result for one entity and window: firings (0: the test does not hold) and its lines' events. */
interface Outcome {
  firing: Firing;
  events: () => string[];
}

/** The bound of a `target NAME` test for a person, or undefined (warned: `missing-target`). */
function boundOf(ctx: Ctx, rule: CompiledRule, test: Test, pi: number): number | undefined | null {
  if (test.kind !== 'target') return null;
  const value = pi >= 0 ? ctx.people[pi].member?.targets?.[test.target] : undefined;
  if (typeof value !== 'number') {
    if (pi >= 0) ctx.warnOnce('missing-target', { member: ctx.people[pi].id, target: test.target, rule: rule.id });
    return undefined;
  }
  return value;
}

/** Measures entity `x` (a person, or a team for `team` ledger rules) on days [a, b] and tests the clause. */
function outcome(ctx: Ctx, plan: RulePlan, clause: Clause, x: number, a: number, b: number): Outcome | undefined {
  const { rule } = plan;
  const m = rule.measure;
  const each = clause.each && !rule.tiers;
  const teamLedger = m.kind === 'ledger' && m.ledger === 'team';
  const bound = boundOf(ctx, rule, clause.test, teamLedger ? -1 : x);
  if (bound === undefined) return undefined;
  const test: V1Test = bound === null ? (clause.test as V1Test) : { kind: 'cmp', op: (clause.test as { op: '=' }).op, value: bound };
  const { streams, nDays } = ctx;
  switch (m.kind) {
    case 'count': {
      const n = countIn(streams, plan.slots, x, a, b);
      const times = firings(test, each, n);
      return { firing: { times, num: n, den: 1, count: n }, events: () => idsIn(streams, plan.slots, x, a, b) };
    }
    case 'sum':
    case 'avg': {
      const { sum, n } = sumIn(plan.sums as NonNullable<RulePlan['sums']>, nDays, x, a, b);
      if (m.kind === 'avg' && n === 0) return undefined;
      const den = m.kind === 'avg' ? HUNDREDTHS * n : HUNDREDTHS;
      const times = measureFirings(test, each, sum, den);
      return { firing: { times, num: sum, den, count: n }, events: () => idsIn(streams, plan.slots, x, a, b) };
    }
    case 'ratio': {
      const den = countIn(streams, plan.den, x, a, b);
      if (den === 0) return undefined;
      const num = countIn(streams, plan.num, x, a, b);
      const times = ratioFirings(test, each, clause.eachStep, num, den);
      return {
        firing: { times, num, den: 1, count: num },
        events: () => idsIn(streams, plan.num, x, a, b).concat(idsIn(streams, plan.den, x, a, b)),
      };
    }
    case 'ledger': {
      const book = teamLedger ? ctx.books.team[x] : ctx.books.personal[x];
      const { total, events } = ledgerIn(book, a, b, m.quantity, ctx.exclude as Set<never>);
      const times = m.quantity === 'awards' ? measureFirings(test, each, total, HUNDREDTHS) : firings(test, each, pointsOf(total));
      return { firing: { times, num: total, den: HUNDREDTHS, count: times }, events: () => events };
    }
    default:
      return undefined;
  }
}

/** Applies a firing unless a gate closes it (then written down as gated). `streak`: the windows of a `running N` firing. */
function fire(
  ctx: Ctx,
  plan: RulePlan,
  clause: Clause,
  span: Span,
  o: Outcome,
  x: number,
  team: boolean,
  holdTo?: number,
  streak?: string[],
): void {
  const { rule } = plan;
  if (gated(ctx, ctx.books, rule, x, span, o.firing.count, o.events, team, clause.range)) return;
  const ti = team ? x : ctx.people[x].team;
  applyClause(ctx, ctx.books, rule, clause.range, clause.effects, span, o.firing, o.events(), team ? -1 : x, ti, true, holdTo, streak);
}

/** Threshold clauses and tiers on a measure (count, sum, avg, ratio, ledger). */
export function runThresholds(ctx: Ctx, plan: RulePlan): void {
  const { rule } = plan;
  const m = rule.measure;
  const team = m.kind === 'ledger' && m.ledger === 'team';
  const entities = team ? ctx.teams.map((_, ti) => ti) : ctx.people.map((_, pi) => pi).filter((pi) => ctx.applies(rule, pi));
  // the days of a window on which entity x is scored (teams: every day)
  const daysOf = (x: number, span: Span): [number, number] | undefined => {
    if (team) return [span.first, span.last];
    if (!ctx.scoredIn(x, span)) return undefined;
    const p = ctx.people[x];
    return [Math.max(span.first, p.lo), Math.min(span.last, p.hi)];
  };
  if (rule.tiers) {
    for (const span of ctx.spans(rule.clauses[0].window as 'day')) {
      for (const x of entities) {
        const days = daysOf(x, span);
        if (!days) continue;
        for (const clause of rule.clauses) {
          const o = outcome(ctx, plan, clause, x, days[0], days[1]);
          if (!o || o.firing.times <= 0) continue;
          if (span.inPeriod) fire(ctx, plan, clause, span, o, x, team);
          break;
        }
      }
    }
    return;
  }
  for (const clause of rule.clauses) {
    if (clause.window === 'ever') {
      runEver(ctx, plan, clause, entities);
      continue;
    }
    const running = clause.running ?? 1;
    const streak = new Int32Array(team ? ctx.teams.length : ctx.people.length);
    const spans = ctx.spans(clause.window);
    spans.forEach((span, si) => {
      for (const x of entities) {
        const days = daysOf(x, span);
        const o = days && outcome(ctx, plan, clause, x, days[0], days[1]);
        if (!o || o.firing.times <= 0) {
          streak[x] = 0;
          continue;
        }
        streak[x]++;
        if (streak[x] < running || !span.inPeriod) continue;
        // a streak names its windows (§9.6): the N in a row that held, this one last
        const windows = running > 1 ? spans.slice(si - running + 1, si + 1).map((s) => s.key) : undefined;
        fire(ctx, plan, clause, span, o, x, team, undefined, windows);
      }
    });
  }
}

/**
 * An `ever` clause (§9.5): the count (or sum) of every scored day up to a
 * day; without `each` it fires once, on the first day its test holds; with
 * `each` on the day of each unit counted. Flags it raises are held from that
 * day on.
 */
function runEver(ctx: Ctx, plan: RulePlan, clause: Clause, people: number[]): void {
  const { rule } = plan;
  const m = rule.measure;
  const { streams, nDays, calendar } = ctx;
  for (const pi of people) {
    const p = ctx.people[pi];
    let count = 0;
    let sum = 0;
    let before = 0;
    for (let d = Math.max(0, p.lo); d <= Math.min(nDays - 1, p.hi); d++) {
      const n = countIn(streams, plan.slots, pi, d, d);
      if (n === 0) continue;
      count += n;
      if (m.kind === 'sum' && plan.sums) sum += plan.sums.sum[pi * nDays + d];
      const bound = boundOf(ctx, rule, clause.test, pi);
      if (bound === undefined) return;
      const test = bound === null ? clause.test : { kind: 'cmp' as const, op: (clause.test as { op: '=' }).op, value: bound };
      const total = m.kind === 'sum' ? measureFirings(test, clause.each, sum, HUNDREDTHS) : firings(test as V1Test, clause.each, count);
      const times = clause.each ? total - before : total > 0 ? 1 : 0;
      before = total;
      if (times <= 0) continue;
      const date = calendar.days[d].date;
      const span: Span = { key: date, first: d, last: d, start: date, end: date, inPeriod: d >= ctx.p0 };
      const o: Outcome = {
        firing: { times, num: m.kind === 'sum' ? sum : count, den: m.kind === 'sum' ? HUNDREDTHS : 1, count: times },
        events: () => idsIn(streams, plan.slots, pi, d, d),
      };
      if (span.inPeriod || clause.effects.some((e) => e.kind === 'flag')) {
        if (span.inPeriod) fire(ctx, plan, clause, span, o, pi, false, nDays - 1);
        else if (!holds(ctx.books, rule.unless, pi, d, d))
          // before the period: only the flag, held from that day on (§9.15 "Flags as gates")
          fire(ctx, plan, { ...clause, effects: clause.effects.filter((e) => e.kind === 'flag') }, span, o, pi, false, nDays - 1);
      }
      if (!clause.each) break;
    }
  }
}

/** `all` (§4.4) and `every` (§9.3): per team and window; personal effects to each member, `team`/`lead` once. */
export function runTeamwide(ctx: Ctx, plan: RulePlan): void {
  const { rule } = plan;
  const every = rule.measure.kind === 'every';
  const personal = (c: Clause) => c.effects.filter((e) => e.target === 'personal');
  const group = (c: Clause) => c.effects.filter((e) => e.target !== 'personal');
  // `every`: people in no team form groups of one (their team effects are warned about)
  const groups: { ti: number; members: number[] }[] = ctx.teams.map((_, ti) => ({ ti, members: ctx.teamMembers[ti] }));
  if (every) ctx.people.forEach((p, pi) => p.team < 0 && groups.push({ ti: -1, members: [pi] }));
  for (const clause of rule.clauses) {
    for (const span of ctx.spans(clause.window as 'day')) {
      if (!span.inPeriod) continue;
      for (const { ti, members } of groups) {
        const scored = members.filter((pi) => ctx.applies(rule, pi) && ctx.scoredIn(pi, span));
        if (!scored.length) continue;
        const counts = scored.map((pi) => {
          const p = ctx.people[pi];
          const a = Math.max(span.first, p.lo);
          const b = Math.min(span.last, p.hi);
          return { pi, a, b, n: every ? 0 : countIn(ctx.streams, plan.slots, pi, a, b) };
        });
        if (!every && !counts.every((c) => firings(clause.test as V1Test, false, c.n) > 0)) continue;
        for (const c of counts) {
          const ids = () => (every ? [] : idsIn(ctx.streams, plan.slots, c.pi, c.a, c.b));
          if (gated(ctx, ctx.books, rule, c.pi, span, every ? 1 : c.n, ids, false, clause.range)) continue;
          const firing: Firing = { times: 1, num: every ? 1 : c.n, den: 1, count: every ? 1 : c.n };
          const events = every ? [] : idsIn(ctx.streams, plan.slots, c.pi, c.a, c.b);
          applyClause(ctx, ctx.books, rule, clause.range, personal(clause), span, firing, events, c.pi, ti);
        }
        const g = group(clause);
        if (g.length) {
          const firing: Firing = { times: 1, num: 1, den: 1, count: 1 };
          applyClause(ctx, ctx.books, rule, clause.range, g, span, firing, [], scored[0], ti);
        }
      }
    }
  }
}
