/**
 * A person scored alone (incremental scoring below a part, evaluation.ts):
 * `evaluateV2` on a roster of that person with the rules an event changed and
 * the rules they read, and the person's ledger put back together from lines
 * by rule — the changed rules' new lines, the other rules' of the part's last
 * scoring — in the order the rules run, as the evaluator builds a ledger
 * (evaluate/v2/index.ts). Also the ordered lists of events both keep.
 */
import type { CompiledRulebook } from '../program.js';
import type { GatedLine, Ledger, Period, Roster, RuleEvent, Team } from '../types.js';
import { toLedger } from '../evaluate/lines.js';
import type { Books, DraftV2 } from '../evaluate/v2/effects.js';
import type { Setup } from '../evaluate/v2/setup.js';
import type { EvaluateOptions } from '../evaluate/as-of.js';
import { evaluateV2 } from '../evaluate/v2/index.js';

/** An event at its position in the order of the events. */
export interface Slot {
  seq: number;
  e: RuleEvent;
}

/** With its instant (`parseInstant(e.at)`; Infinity for a bad time). */
export interface Timed extends Slot {
  at: number;
}

/** The order the scan puts events in (time, then id): a scoring alone is given its events so, and the scan sorts nothing. */
export function byTime(a: Timed, b: Timed): number {
  return a.at - b.at || (a.e.id < b.e.id ? -1 : a.e.id > b.e.id ? 1 : a.seq - b.seq);
}

/** A person's events of `types` (from their lists by type, each in time order), in time order, after `first`. */
export function eventsOf(byType: Map<unknown, Timed[]> | undefined, types: Set<string>, first: RuleEvent | undefined): RuleEvent[] {
  const timed: Timed[] = [];
  let lists = 0;
  for (const t of types) {
    const list = byType?.get(t);
    if (!list?.length) continue;
    lists++;
    for (const x of list) timed.push(x);
  }
  if (lists > 1) timed.sort(byTime);
  const events: RuleEvent[] = first ? [first] : [];
  for (const x of timed) events.push(x.e);
  return events;
}

/** The first position in `list` whose item is not `before` the one looked for (the list is ordered so). */
function lowerBound<T>(list: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(list[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Puts an event in a list in time order. */
export function putTimed(list: Timed[], x: Timed): void {
  list.splice(
    lowerBound(list, (y) => byTime(y, x) < 0),
    0,
    x,
  );
}

/** Takes the event at position `seq` (at instant `at`) out of a list in time order. */
export function dropTimed(list: Timed[], x: Timed): void {
  const lo = lowerBound(list, (y) => byTime(y, x) < 0);
  if (list[lo]?.seq === x.seq) list.splice(lo, 1);
  else {
    // not where its time puts it (an id given twice): looked for
    const k = list.findIndex((y) => y.seq === x.seq);
    if (k >= 0) list.splice(k, 1);
  }
}

/** Puts a slot in a list ordered by position. */
export function put<S extends Slot>(list: S[], slot: S): void {
  if (!list.length || list[list.length - 1].seq < slot.seq) list.push(slot);
  else
    list.splice(
      lowerBound(list, (y) => y.seq < slot.seq),
      0,
      slot,
    );
}

/** Takes the slot at position `seq` out of a list ordered by position. */
export function drop(list: Slot[], seq: number): void {
  const lo = lowerBound(list, (y) => y.seq < seq);
  if (list[lo]?.seq === seq) list.splice(lo, 1);
}

/** A person's ledger put together from their lines by rule (after a scoring alone). */
export interface Own {
  /** Lines (of the period) and gated lines by rule index. */
  cells: Map<number, DraftV2[]>;
  gated: Map<number, GatedLine[]>;
  ledger: Ledger;
}

/** What the scorings alone of one evaluation share. */
export interface AloneContext {
  program: CompiledRulebook;
  period: Period;
  options: EvaluateOptions | undefined;
  /** Rule indexes in the order the evaluator runs them. */
  order: number[];
  /** A rule's index by the rule and by its id. */
  ruleIndex: Map<unknown, number>;
  ruleById: Map<string, number>;
}

/** The books of a part's last scoring, each person's by index, and the first day of the period in them. */
export interface PartBooks {
  books: Books;
  index: Map<string, number>;
  p0: number;
}

/** The roster of a person scored alone: the person in their (first) team, without its lead, and their member entry. */
export function aloneRoster(roster: Roster, id: string): Roster {
  const team = roster.teams.find((t) => t.members.includes(id));
  const member = (roster.members ?? []).findLast((m) => m.id === id);
  const teams: Team[] = team ? [{ id: team.id, members: [id] }] : [];
  return { teams, members: member ? [member] : [] };
}

/** A person's lines (of the period) and gated lines by rule, from a scoring's books (only rules of `keep`, when given). */
function cellsOf(ctx: AloneContext, books: Books, bi: number, p0: number, keep?: Set<number>) {
  const cells = new Map<number, DraftV2[]>();
  const gated = new Map<number, GatedLine[]>();
  for (const d of books.personal[bi].drafts as DraftV2[]) {
    const ri = ctx.ruleIndex.get(d.rule) as number;
    if (d.day < p0 || (keep && !keep.has(ri))) continue;
    const list = cells.get(ri);
    if (list) list.push(d);
    else cells.set(ri, [d]);
  }
  for (const g of books.gatedPersonal[bi]) {
    const ri = ctx.ruleById.get(g.rule) as number;
    if (keep && !keep.has(ri)) continue;
    const list = gated.get(ri);
    if (list) list.push(g);
    else gated.set(ri, [g]);
  }
  return { cells, gated };
}

/** A ledger of lines by rule, as the evaluator builds it: the rules' lines in the order they run. */
function ledgerOfCells(ctx: AloneContext, cells: Map<number, DraftV2[]>, gatedCells: Map<number, GatedLine[]>): Ledger {
  const drafts: DraftV2[] = [];
  const gated: GatedLine[] = [];
  for (const ri of ctx.order) {
    const list = cells.get(ri);
    if (list) for (const d of list) drafts.push(d);
    const g = gatedCells.get(ri);
    if (g) for (const x of g) gated.push(x);
  }
  const ledger = toLedger({ drafts, byDay: [] }, ctx.program.pointFen, (line, d: DraftV2) => {
    if (d.pay) line.pay = d.pay;
    if (d.streak) line.streak = d.streak;
  });
  if (gated.length) ledger.gated = gated;
  return ledger;
}

/**
 * Scores `person` alone over `events` (theirs, of the types the rules read, in time order) with the rules `run`
 * (`changed` and the rules they read), and puts their ledger together: `changed`'s new lines, the others' from
 * `own` (a previous scoring alone) or the part's books. Undefined when a changed rule gives a warning (it could not
 * be merged with the part's) or the calendars differ: then the part is scored.
 */
export function scoreAlone(
  ctx: AloneContext,
  person: string,
  roster: Roster,
  events: RuleEvent[],
  run: Set<number>,
  changed: Set<number>,
  base: PartBooks,
  own: Own | undefined,
): Own | undefined {
  let alone: { books: Books; setup: Setup } | undefined;
  /** [rule index, warnings given before it ran] */
  const marks: [number, number][] = [];
  evaluateV2(ctx.program, { events, roster: aloneRoster(roster, person), period: ctx.period }, ctx.options, {
    rules: (ri) => run.has(ri),
    order: ctx.order,
    onRule: (ri, n) => marks.push([ri, n]),
    onBooks: (books, setup) => (alone = { books, setup }),
  });
  if (!alone || alone.setup.p0 !== base.p0) return undefined;
  const { books, setup } = alone;
  const si = setup.index.get(person);
  const bi = base.index.get(person);
  if (si === undefined || bi === undefined) return undefined;
  // the evaluator's own warnings, rule by rule: those of the changed rules must be none
  for (let k = 0, m = 0; k < setup.warnings.length; k++) {
    const w = setup.warnings[k];
    if (w.code === 'unused-event-type' || w.code === 'where-type-mismatch') continue;
    while (m + 1 < marks.length && marks[m + 1][1] <= k) m++;
    if (!marks.length || changed.has(marks[m][0])) return undefined;
  }
  const o = own ?? { ...cellsOf(ctx, base.books, bi, base.p0), ledger: undefined as unknown as Ledger };
  for (const ri of changed) {
    o.cells.delete(ri);
    o.gated.delete(ri);
  }
  const fresh = cellsOf(ctx, books, si, setup.p0, changed);
  for (const [ri, list] of fresh.cells) o.cells.set(ri, list);
  for (const [ri, list] of fresh.gated) o.gated.set(ri, list);
  o.ledger = ledgerOfCells(ctx, o.cells, o.gated);
  return o;
}
