/**
 * Incremental scoring: an evaluation that takes a period's events once, then
 * one added, replaced or removed event at a time, and re-scores only what the
 * event can change — with the evaluator itself (`evaluate`, `evaluateV2`) run
 * on a part of the roster and its events, never a second evaluator.
 *
 * The roster is cut into parts (parts.ts: people linked by a team and its
 * lead). Everything a person's or a team's ledger reads is in its part —
 * except rankings, which compare people of every part. Each part is scored
 * on its own; a ranking's hook (`rankHook`, evaluate/v2/rank.ts) records the
 * part's entries (person, value) of every ranking window and adds those the
 * other parts recorded, so places and `top P%` shares are the whole roster's.
 * When an event changes a part's entries, the other parts with entries in
 * that ranking window (and group) are scored again, until nothing changes.
 *
 * Slow paths (correct, not incremental):
 * - a version-1 program with a ranking (its pipeline has no hook): every
 *   change scores everything (one `evaluate`);
 * - an event of a type an `ever` clause counts, dated before every other such
 *   event (or the removal of the earliest one), when it moves the first day
 *   the evaluator reads: every part is scored again;
 * - duplicate event ids in the events given at first: everything, always.
 */
import { buildCalendar } from '../calendar.js';
import { dayOf, parseInstant } from '../calendar/instants.js';
import { addDays } from '../calendar/dates.js';
import type { CompiledRulebook as ProgramV2 } from '../program.js';
import type { CompiledRulebook, EvaluateInput, Ledger, Period, Roster, RuleEvent, Scorecards, Warning } from '../types.js';
import { evaluationOrder } from '../plan.js';
import { evaluate } from '../evaluate-v2.js';
import { evaluateV2 } from '../evaluate/v2/index.js';
import { MAX_LOOKBACK_DAYS } from '../evaluate/v2/setup.js';
import type { Entry } from '../evaluate/v2/rank.js';
import type { RankHook } from '../evaluate/v2/plan.js';
import type { EvaluateOptions } from '../evaluate/as-of.js';
import { partsOf, type Parts } from './parts.js';
import { checksOf, mergeWarnings, sortWarnings, type PartWarnings } from './warnings.js';

export interface EvaluationInput {
  events: readonly RuleEvent[];
  roster: Roster;
  period: Period;
}

/** How much work the last change took (for benchmarks and tests). */
export interface EvaluationStats {
  /** Parts scored by the last change (0: none; `parts`: all). */
  scored: number;
  /** Parts of the roster (with the part of events not on it). */
  parts: number;
  /** The last change went the slow path (everything scored by one `evaluate`). */
  whole: boolean;
}

export interface Evaluation {
  /** One more event (its id not already in the evaluation). */
  add(event: RuleEvent): void;
  /** The event with `old`'s id becomes `next` (in `old`'s place in the order of the events). */
  replace(old: RuleEvent | string, next: RuleEvent): void;
  /** The event with this id (or this event's id) leaves the evaluation. */
  remove(event: RuleEvent | string): void;
  /** What `evaluate(program, { events, roster, period }, options)` returns for the current events. */
  result(): Scorecards;
  /** The current events, in their order (new ones last; a replaced one in its old place). */
  events(): RuleEvent[];
  /** Whether an event with this id is in the evaluation. */
  has(id: string): boolean;
  readonly stats: EvaluationStats;
}

interface Slot {
  seq: number;
  e: RuleEvent;
}

interface RankEntry {
  id: string;
  num: number;
  den: number;
}

interface PartState {
  events: Slot[];
  cards?: Scorecards;
  warnings?: PartWarnings;
  /** Rank entries by window key (`rule:clause:window`) and group (team id, '' for all). */
  ranks: Map<string, Map<string, RankEntry[]>>;
}

const ANCHOR = '\u0000rulecard-incremental-anchor';

function sameEntries(a: RankEntry[] | undefined, b: RankEntry[] | undefined): boolean {
  if (!a?.length || !b?.length) return !a?.length && !b?.length;
  if (a.length !== b.length) return false;
  const key = (x: RankEntry) => `${x.id}\0${x.num}\0${x.den}`;
  const sa = a.map(key).sort();
  const sb = b.map(key).sort();
  return sa.every((x, k) => x === sb[k]);
}

function idOf(e: RuleEvent | string): string {
  return typeof e === 'string' ? e : e.id;
}

/**
 * An evaluation of `program` over `input.events`, kept up to date one event at a time
 * (see the top of this module). `result()` is what `evaluate` returns for the current events.
 */
export function createEvaluation(program: CompiledRulebook | ProgramV2, input: EvaluationInput, options?: EvaluateOptions): Evaluation {
  const v2 = program.format === 'rulecard/2';
  const { roster, period } = input;
  const rules = program.rules as ProgramV2['rules'];
  const parts: Parts = partsOf(roster, v2);
  const nParts = parts.parts.length;
  const states: PartState[] = parts.parts.map(() => ({ events: [], ranks: new Map() }));
  /** Every event by position; a Map keeps the order of insertion, and a replaced key its place. */
  const bySeq = new Map<number, RuleEvent>();
  const seqOf = new Map<string, number>();
  let next = 0;
  const checks = checksOf(program);
  const checkByKey = new Map(checks.map((c) => [c.key, c]));
  const cal = buildCalendar(program.timezone, period);
  const periodStart = cal.starts[0];
  const periodEnd = cal.starts[cal.starts.length - 1];
  const inPeriod = (at: number) => at >= periodStart && at < periodEnd;
  const ruleIndex = new Map(rules.map((r, i) => [r as unknown, i]));
  /** Each rule's position in the order the evaluator runs them; each person's and team's in the roster's order. */
  const orderAt: number[] = [];
  if (v2) evaluationOrder(program as ProgramV2).forEach((ri, k) => (orderAt[ri] = k));
  const personAt = new Map(parts.order.map((id, k) => [id, k]));
  const teamAt = new Map<string, number>();
  for (const t of roster.teams) if (!teamAt.has(t.id)) teamAt.set(t.id, personAt.get(t.members[0] ?? '') ?? -1);

  // the slow paths
  const v1Ranks = !v2 && rules.some((r) => r.measure.kind === 'rank');
  let whole = v1Ranks;
  let wholeCards: Scorecards | undefined;

  // `ever` clauses read back to their types' earliest event: each part is given it (an anchor) to start its calendar there too
  const everTypes = new Set<string>();
  if (v2)
    for (const rule of rules)
      if (rule.clauses.some((c) => c.window === 'ever'))
        for (const t of rule.eventTypes ?? (rule.eventType !== undefined ? [rule.eventType] : [])) everTypes.add(t);
  const earliest = addDays(period.from, -MAX_LOOKBACK_DAYS);
  /** The anchor's date (clamped as setup.ts clamps it), '' when no ever-type event is before the period. */
  let anchorDate = '';
  let anchor: RuleEvent | undefined;
  const anchorOf = (e: RuleEvent): string => {
    if (!everTypes.has(e.type) || Number.isNaN(parseInstant(e.at))) return '';
    const date = dayOf(e.at, program.timezone);
    return date < period.from ? date : '';
  };
  const findAnchor = (): boolean => {
    let best: RuleEvent | undefined;
    let bestDate = '';
    for (const e of bySeq.values()) {
      const d = anchorOf(e);
      if (d && (!bestDate || d < bestDate)) {
        bestDate = d;
        best = e;
      }
    }
    const clamped = bestDate && bestDate < earliest ? earliest : bestDate;
    const changed = clamped !== anchorDate;
    anchorDate = clamped;
    anchor = best && ({ id: ANCHOR, type: best.type, consultant: ANCHOR, at: best.at, attrs: null } as unknown as RuleEvent);
    return changed;
  };

  const partOfEvent = (e: RuleEvent): number => {
    const p = typeof e.consultant === 'string' ? parts.partOf.get(e.consultant) : undefined;
    return p ?? parts.orphan;
  };

  /** The hook of part `pi`'s scoring: records its rank entries, adds the other parts'. */
  const hookFor = (pi: number, into: Map<string, Map<string, RankEntry[]>>): RankHook => {
    const foreign = new Map<string, number>();
    return (ctx, plan, clause, span, groups) => {
      const m = plan.rule.measure;
      const byTeam = m.kind === 'rank' && m.byTeam === true;
      const key = `${ruleIndex.get(plan.rule)}:${clause}:${span.key}`;
      const groupName = (g: number) => (!byTeam ? '' : g >= 0 ? `t${ctx.teams[g].id}` : 'none');
      const mine = new Map<string, RankEntry[]>();
      for (const [g, list] of groups)
        mine.set(
          groupName(g),
          list.map((x) => ({ id: ctx.people[x.pi].id, num: x.num, den: x.den })),
        );
      into.set(key, mine);
      let fake = -1;
      const none = (): string[] => [];
      states.forEach((other, oi) => {
        if (oi === pi) return;
        const theirs = other.ranks.get(key);
        if (!theirs) return;
        for (const [name, list] of theirs) {
          if (!list.length) continue;
          let g: number;
          if (!byTeam) g = 0;
          else if (name === 'none') g = -1;
          else {
            let f = foreign.get(name);
            if (f === undefined) foreign.set(name, (f = -2 - foreign.size));
            g = f;
          }
          let target = groups.get(g);
          if (!target) groups.set(g, (target = []));
          for (const x of list) target.push({ pi: fake--, num: x.num, den: x.den, events: none } satisfies Entry);
        }
      });
    };
  };

  /** Scores part `pi`; `propagate`: parts ranked with it whose rankings it changes become dirty. */
  const scorePart = (pi: number, propagate = true): void => {
    const st = states[pi];
    const events = st.events.map((s) => s.e);
    if (anchor) events.unshift(anchor);
    const slice: EvaluateInput = { events, roster: parts.parts[pi].roster, period };
    const ranks = new Map<string, Map<string, RankEntry[]>>();
    /** [rule index, warnings given before it ran] */
    const marks: [number, number][] = [];
    const cards = v2
      ? evaluateV2(program as ProgramV2, slice, options, { rankHook: hookFor(pi, ranks), onRule: (ri, n) => marks.push([ri, n]) })
      : evaluate(program as CompiledRulebook, slice, options);
    st.cards = cards;
    const onceKey = (k: number, w: Warning) => {
      let m = 0;
      while (m + 1 < marks.length && marks[m + 1][1] <= k) m++;
      const p = w.params ?? {};
      const who = p.member !== undefined ? (personAt.get(p.member) ?? -1) : p.team !== undefined ? (teamAt.get(p.team) ?? -1) : -1;
      return { rule: marks.length ? (orderAt[marks[m][0]] ?? 0) : 0, who };
    };
    st.warnings = sortWarnings(cards.warnings, onceKey, st.events, (id) => seqOf.get(id), checkByKey, inPeriod, ANCHOR);
    const before = st.ranks;
    st.ranks = ranks;
    if (!propagate) return;
    // a changed ranking window (and group): the other parts ranked there are scored again
    for (const key of new Set([...before.keys(), ...ranks.keys()])) {
      const a = before.get(key);
      const b = ranks.get(key);
      for (const name of new Set([...(a?.keys() ?? []), ...(b?.keys() ?? [])])) {
        if (sameEntries(a?.get(name), b?.get(name))) continue;
        states.forEach((other, oi) => {
          if (oi !== pi && other.ranks.get(key)?.get(name)?.length) dirty.add(oi);
        });
      }
    }
  };

  const dirty = new Set<number>();
  let scored = 0;
  let lastWhole = false;
  const settle = () => {
    scored = 0;
    lastWhole = whole;
    if (whole) {
      wholeCards = evaluate(program, { events: [...bySeq.values()], roster, period }, options);
      scored = nParts;
      dirty.clear();
      return;
    }
    // rankings can pass changes back and forth: bounded, then everything at once
    let budget = 4 * nParts + 4;
    while (dirty.size) {
      const pi = Math.min(...dirty);
      dirty.delete(pi);
      scorePart(pi);
      scored++;
      if (--budget < 0) {
        whole = true;
        settle();
        return;
      }
    }
  };

  const insert = (pi: number, slot: Slot) => {
    const list = states[pi].events;
    if (!list.length || list[list.length - 1].seq < slot.seq) {
      list.push(slot);
      return;
    }
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].seq < slot.seq) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, slot);
  };
  const take = (pi: number, seq: number) => {
    const list = states[pi].events;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].seq < seq) lo = mid + 1;
      else hi = mid;
    }
    if (list[lo]?.seq === seq) list.splice(lo, 1);
  };

  // the events given at first
  for (const e of input.events) {
    if (seqOf.has(e.id)) whole = true;
    const seq = next++;
    seqOf.set(e.id, seq);
    bySeq.set(seq, e);
    states[partOfEvent(e)].events.push({ seq, e });
  }
  if (everTypes.size) findAnchor();
  if (whole) settle();
  else {
    // every part once, each seeing the rank entries of the parts before it; then the parts with rank entries again,
    // seeing everyone's (and from there as after a change)
    for (let pi = 0; pi < nParts; pi++) scorePart(pi, false);
    states.forEach((st, pi) => {
      for (const groups of st.ranks.values()) for (const list of groups.values()) if (list.length) dirty.add(pi);
    });
    settle();
  }

  const touched = (e: RuleEvent, pi: number, removing: boolean) => {
    dirty.add(pi);
    if (!everTypes.size) return;
    const d = anchorOf(e);
    if (!d) return;
    // earlier than the anchor: a new first day; the anchor itself removed or moved: look again
    if (removing ? d === anchorDate || (anchorDate === earliest && d <= earliest) : !anchorDate || d < anchorDate) {
      if (findAnchor()) for (let k = 0; k < nParts; k++) dirty.add(k);
    }
  };

  const api: Evaluation = {
    add(event) {
      if (seqOf.has(event.id)) throw new RangeError(`createEvaluation: event ${event.id} is already in the evaluation`);
      const seq = next++;
      seqOf.set(event.id, seq);
      bySeq.set(seq, event);
      const pi = partOfEvent(event);
      insert(pi, { seq, e: event });
      touched(event, pi, false);
      settle();
    },
    replace(old, event) {
      const oldId = idOf(old);
      const seq = seqOf.get(oldId);
      if (seq === undefined) throw new RangeError(`createEvaluation: no event ${oldId} to replace`);
      if (event.id !== oldId && seqOf.has(event.id))
        throw new RangeError(`createEvaluation: event ${event.id} is already in the evaluation`);
      const before = bySeq.get(seq) as RuleEvent;
      const from = partOfEvent(before);
      const to = partOfEvent(event);
      take(from, seq);
      seqOf.delete(oldId);
      seqOf.set(event.id, seq);
      bySeq.set(seq, event);
      insert(to, { seq, e: event });
      touched(before, from, true);
      touched(event, to, false);
      settle();
    },
    remove(old) {
      const id = idOf(old);
      const seq = seqOf.get(id);
      if (seq === undefined) throw new RangeError(`createEvaluation: no event ${id} to remove`);
      const before = bySeq.get(seq) as RuleEvent;
      const pi = partOfEvent(before);
      take(pi, seq);
      seqOf.delete(id);
      bySeq.delete(seq);
      touched(before, pi, true);
      settle();
    },
    result() {
      if (wholeCards && whole) return wholeCards;
      const consultants: Record<string, Ledger> = Object.create(null);
      const teams: Record<string, Ledger> = Object.create(null);
      for (const id of parts.order) {
        const c = states[parts.partOf.get(id) as number].cards?.consultants[id];
        if (c) consultants[id] = c;
      }
      for (const t of roster.teams) {
        if (Object.hasOwn(teams, t.id)) continue;
        for (const st of states) {
          const l = st.cards?.teams[t.id];
          if (l) {
            teams[t.id] = l;
            break;
          }
        }
      }
      return {
        consultants,
        teams,
        warnings: mergeWarnings(
          states.map((s) => s.warnings as PartWarnings),
          checks,
        ),
      };
    },
    events: () => [...bySeq.values()],
    has: (id) => seqOf.has(id),
    get stats() {
      return { scored, parts: nParts, whole: lastWhole };
    },
  };
  return api;
}
