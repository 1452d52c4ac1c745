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
 * Below a part (version 2):
 * - an event of a type no rule reads (of someone on the roster, with a valid
 *   time) changes only the count of `unused-event-type`: nothing is scored;
 * - an event whose changed rules are personal (locality.ts: each measures one
 *   person, gives only the person's own lines, and what reads them is personal
 *   too) scores its person alone, with those rules and the rules they read,
 *   and puts the person's ledger back together from lines by rule (alone.ts).
 *   Taken only when no warning can come or go: the event has a valid time and amount,
 *   no `where-type-mismatch`, no `ever` type before the period, and the changed
 *   rules give no warning about the person before or after (else the part).
 *   (`clinic.rules`: a call log's `consultation`, `booking`; not `call_not_fully_registered`, with `team -5`.)
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
import { MAX_AMOUNT_YUAN } from '../money.js';
import { evaluationOrder } from '../plan.js';
import { evaluate } from '../evaluate-v2.js';
import { evaluateV2 } from '../evaluate/v2/index.js';
import { MAX_LOOKBACK_DAYS } from '../evaluate/v2/setup.js';
import type { EvaluateOptions } from '../evaluate/as-of.js';
import { partsOf, type Parts } from './parts.js';
import { checksOf, headWarnings, mergeWarnings, mismatches, sortWarnings, type Check, type PartWarnings } from './warnings.js';
import { localityOf } from './locality.js';
import { rankHookFor, sameEntries, type RankEntry } from './ranks.js';
import { byTime, drop, dropTimed, eventsOf, put, putTimed, scoreAlone } from './alone.js';
import type { AloneContext, Own, PartBooks, Slot, Timed } from './alone.js';

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
  /** People scored alone by the last change (for the rules it changed: see locality.ts). */
  people: number;
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

interface PartState {
  events: Slot[];
  cards?: Scorecards;
  /** The books of its last scoring (version 2). */
  books?: PartBooks;
  warnings?: PartWarnings;
  /** Rank entries by window key (`rule:clause:window`) and group (team id, '' for all). */
  ranks: Map<string, Map<string, RankEntry[]>>;
}

const ANCHOR = '\u0000rulecard-incremental-anchor';

/** What a change does to an event's part: nothing scored (a type no rule reads: the count of `unused-event-type`), its person's changed rules scored alone, or the part scored. */
type Touch = { kind: 'inert' } | { kind: 'alone'; person: string; rules: Set<number> } | { kind: 'part' };

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

  // scoring below a part (version 2): a person alone for the rules an event changes (locality.ts), or nothing
  const locality = v2 ? localityOf(program as ProgramV2) : undefined;
  const order = v2 ? evaluationOrder(program as ProgramV2) : [];
  const typesOfRule = rules.map((r) => {
    const m = r.measure;
    const types = [...(r.eventTypes ?? (r.eventType !== undefined ? [r.eventType] : []))];
    if (m.kind === 'ratio') types.push(m.numerator, m.denominator);
    return types;
  });
  /** Types some rule reads (those with a stream). */
  const bound = new Set(typesOfRule.flat());
  const checksByType = new Map<string, Check[]>();
  for (const c of checks)
    for (const t of c.types) {
      const list = checksByType.get(t);
      if (list) list.push(c);
      else checksByType.set(t, [c]);
    }
  const ruleById = new Map<string, number>();
  rules.forEach((r, ri) => ruleById.set(r.id, ri));
  const idsUnique = ruleById.size === rules.length;
  const leads = new Set<string>();
  for (const t of roster.teams) if (typeof t.lead === 'string') leads.add(t.lead);
  /** Each person's events (people on the roster) by type, in order, with their instants (for a scoring alone). */
  const personEvents = new Map<string, Map<unknown, Timed[]>>(parts.order.map((id) => [id, new Map()]));
  /** People whose ledger was put together after a scoring alone (until their part is scored again). */
  const own = new Map<string, Own>();
  const aloneContext: AloneContext = { program: program as ProgramV2, period, options, order, ruleIndex, ruleById };
  /** The scan's and the evaluator's own warnings of all parts, as last merged. */
  let head: Warning[] | undefined;

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
      ? evaluateV2(program as ProgramV2, slice, options, {
          rankHook: rankHookFor(pi, ranks, states, ruleIndex),
          onRule: (ri, n) => marks.push([ri, n]),
          order,
          onBooks: (books, setup) => (st.books = { books, index: setup.index, p0: setup.p0 }),
        })
      : evaluate(program as CompiledRulebook, slice, options);
    st.cards = cards;
    head = undefined;
    for (const id of parts.parts[pi].people) own.delete(id);
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

  /**
   * Scores `person` alone for the rules `changed` (personal ones: locality.ts), with the rules they read, and puts
   * the person's ledger together from those rules' new lines and the others' lines of the part's last scoring.
   * False (nothing changed) when that cannot be done: then the part is scored.
   */
  const scoreChanged = (person: string, pi: number, changed: Set<number>): boolean => {
    const st = states[pi];
    const base = st.books;
    if (!base || !locality || !idsUnique) return false;
    const inputs = locality.inputs(changed, leads.has(person));
    if (!inputs) return false;
    // warnings the changed rules gave about the person: their part is scored (they could come or go)
    const who = personAt.get(person);
    const positions = new Set([...changed].map((ri) => orderAt[ri]));
    if (st.warnings?.once.some((o) => positions.has(o.rule) && (o.who === who || o.w.params?.member === undefined))) return false;
    const types = new Set<string>();
    for (const ri of inputs) for (const t of typesOfRule[ri]) types.add(t);
    const events = eventsOf(personEvents.get(person), types, anchor);
    const o = scoreAlone(aloneContext, person, roster, events, inputs, changed, base, own.get(person));
    if (!o) return false;
    own.set(person, o);
    return true;
  };

  const dirty = new Set<number>();
  /** People to score alone, with the rules changed. */
  const alone = new Map<string, Set<number>>();
  let scored = 0;
  let lastWhole = false;
  let people = 0;
  const settle = () => {
    scored = 0;
    people = 0;
    lastWhole = whole;
    if (whole) {
      wholeCards = evaluate(program, { events: [...bySeq.values()], roster, period }, options);
      scored = nParts;
      dirty.clear();
      alone.clear();
      return;
    }
    for (const [person, changed] of alone) {
      const pi = parts.partOf.get(person) as number;
      if (dirty.has(pi)) continue;
      if (scoreChanged(person, pi, changed)) people++;
      else dirty.add(pi);
    }
    alone.clear();
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

  /** The list of the person's events of `e`'s type (created when `create`), undefined for events of no one on the roster. */
  const personOf = (e: RuleEvent, create: boolean): Timed[] | undefined => {
    const byType = typeof e.consultant === 'string' ? personEvents.get(e.consultant) : undefined;
    if (!byType) return undefined;
    let list = byType.get(e.type);
    if (!list && create) byType.set(e.type, (list = []));
    return list;
  };
  const timedOf = (slot: Slot): Timed => {
    const at = parseInstant(slot.e.at);
    return { ...slot, at: Number.isNaN(at) ? Infinity : at };
  };
  const insert = (pi: number, slot: Slot) => {
    put(states[pi].events, slot);
    const list = personOf(slot.e, true);
    if (list) putTimed(list, timedOf(slot));
  };
  const take = (pi: number, seq: number, e: RuleEvent) => {
    drop(states[pi].events, seq);
    const list = personOf(e, false);
    if (list) dropTimed(list, timedOf({ seq, e }));
  };

  // the events given at first
  for (const e of input.events) {
    if (seqOf.has(e.id)) whole = true;
    const seq = next++;
    seqOf.set(e.id, seq);
    bySeq.set(seq, e);
    states[partOfEvent(e)].events.push({ seq, e });
    personOf(e, true)?.push(timedOf({ seq, e }));
  }
  for (const byType of personEvents.values()) for (const list of byType.values()) list.sort(byTime);
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

  const PART: Touch = { kind: 'part' };
  const INERT: Touch = { kind: 'inert' };
  /** What an event (added or removed) touches: see `Touch`. */
  const touchOf = (e: RuleEvent): Touch => {
    if (!locality || whole) return PART;
    const person = e.consultant;
    if (typeof person !== 'string' || !personEvents.has(person) || typeof e.type !== 'string') return PART;
    if (Number.isNaN(parseInstant(e.at))) return PART;
    // a type no rule reads: skipped by the scan unread, counted by `unused-event-type` (in the period)
    if (!bound.has(e.type)) return INERT;
    // an `ever` type before the period can move the first day read; a bad amount is warned about
    if (everTypes.has(e.type) && anchorOf(e) !== '') return PART;
    const amount = e.amount;
    if (amount !== undefined && !(typeof amount === 'number' && Math.abs(amount) <= MAX_AMOUNT_YUAN)) return PART;
    // a `where-type-mismatch` it could give or take
    const attrs = e.attrs;
    if (attrs != null)
      for (const c of checksByType.get(e.type) ?? [])
        if (Object.hasOwn(attrs, c.field) && mismatches(e, c.field, c.want, typeof attrs[c.field])) return PART;
    const changed = locality.changed(e.type);
    return changed.personal ? { kind: 'alone', person, rules: changed.rules } : PART;
  };
  /** The count of an unused type of part `pi` with event `e` (at position `seq`) added or removed. */
  const countUnused = (pi: number, e: RuleEvent, seq: number, removing: boolean) => {
    const w = states[pi].warnings;
    if (!w) return void dirty.add(pi);
    if (!inPeriod(parseInstant(e.at))) return;
    const had = w.unused.get(e.type);
    if (!removing) {
      if (!had) w.unused.set(e.type, { count: 1, first: seq });
      else {
        had.count++;
        if (seq < had.first) had.first = seq;
      }
      return;
    }
    if (!had) return void dirty.add(pi);
    if (--had.count === 0) w.unused.delete(e.type);
    else if (had.first === seq) {
      had.first = Infinity;
      for (const s of states[pi].events)
        if (s.e.type === e.type && inPeriod(parseInstant(s.e.at))) {
          had.first = s.seq;
          break;
        }
    }
  };
  const apply = (e: RuleEvent, seq: number, pi: number, removing: boolean) => {
    const t = touchOf(e);
    if (t.kind === 'part') touched(e, pi, removing);
    else if (t.kind === 'inert') countUnused(pi, e, seq, removing);
    else {
      let set = alone.get(t.person);
      if (!set) alone.set(t.person, (set = new Set()));
      for (const ri of t.rules) set.add(ri);
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
      apply(event, seq, pi, false);
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
      take(from, seq, before);
      seqOf.delete(oldId);
      seqOf.set(event.id, seq);
      bySeq.set(seq, event);
      insert(to, { seq, e: event });
      apply(before, seq, from, true);
      apply(event, seq, to, false);
      settle();
    },
    remove(old) {
      const id = idOf(old);
      const seq = seqOf.get(id);
      if (seq === undefined) throw new RangeError(`createEvaluation: no event ${id} to remove`);
      const before = bySeq.get(seq) as RuleEvent;
      const pi = partOfEvent(before);
      take(pi, seq, before);
      seqOf.delete(id);
      bySeq.delete(seq);
      apply(before, seq, pi, true);
      settle();
    },
    result() {
      if (wholeCards && whole) return wholeCards;
      const consultants: Record<string, Ledger> = Object.create(null);
      const teams: Record<string, Ledger> = Object.create(null);
      for (const id of parts.order) {
        const c = own.get(id)?.ledger ?? states[parts.partOf.get(id) as number].cards?.consultants[id];
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
      const warnings = states.map((s) => s.warnings as PartWarnings);
      head ??= headWarnings(warnings);
      return { consultants, teams, warnings: mergeWarnings(warnings, checks, head) };
    },
    events: () => [...bySeq.values()],
    has: (id) => seqOf.has(id),
    get stats() {
      return { scored, parts: nParts, whole: lastWhole, people };
    },
  };
  return api;
}
