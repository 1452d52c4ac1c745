/**
 * Books of lines: every effect becomes a line in a consultant's or a team's
 * book (points in integer hundredths, money in integer fen); ledger measures
 * read a window's lines back; at the end each book becomes a `Ledger`.
 *
 * Explanations on demand: a line's events may be given as a function that
 * returns them (version 1 does: index ranges into the scanned streams), and
 * a ledger's `lines` are built — their event ids resolved — when first read.
 * Scoring a department reads the totals and flags; showing one consultant
 * builds that one consultant's lines.
 */
import { percentOfFenExact, pointsOf, yuanOf } from '../money.js';
import type { CompiledRule, Ledger, ScoreLine, SourceRange } from '../types.js';
import type { WindowSpan } from '../calendar.js';

/** A line's event ids: the array, or what returns it when the line is read (the same array each time is not required). */
export type Ids = string[] | (() => string[]);

/** The ids of `ids`, resolved. */
export function idsOf(ids: Ids): string[] {
  return typeof ids === 'function' ? ids() : ids;
}

/** A line while it is built: points in hundredths, money in fen. */
export interface Draft<E extends Ids = string[]> {
  rule: CompiledRule;
  window?: string;
  /** Day index the line's window starts at (inside the period), for ledger/rank windows. */
  day: number;
  count: number;
  centi: number;
  /** The negative part of `centi` (a rule may give −8 and +6 per event): what `deductions` sums. */
  neg: number;
  fen: number;
  events: E;
  flag?: string;
  range: SourceRange;
  /** A projected line (as-of.ts): kept apart from the ledger's totals. */
  projected?: boolean;
}

export interface Book<E extends Ids = string[]> {
  drafts: Draft<E>[];
  /**
   * Positions in `drafts` of each day's lines (by the day a line's window
   * starts), ascending: a ledger measure reads only its window's days.
   * Filled by addLine, the one way lines are added.
   */
  byDay: (number[] | undefined)[];
}

export function newBook<E extends Ids = string[]>(nDays: number): Book<E> {
  return { drafts: [], byDay: new Array<number[] | undefined>(nDays) };
}

/** Appends a line to a book and to its day index. */
export function addLine<E extends Ids>(book: Book<E>, draft: Draft<E>): void {
  const at = book.drafts.length;
  book.drafts.push(draft);
  const list = book.byDay[draft.day];
  if (list) list.push(at);
  else book.byDay[draft.day] = [at];
}

/** Positions of a window's lines in book order: its days' positions, merged. */
function positionsIn(book: Book<Ids>, span: WindowSpan): number[] {
  let positions = book.byDay[span.first] ?? [];
  if (span.last > span.first) {
    positions = [];
    let days = 0;
    for (let day = span.first; day <= span.last; day++) {
      const list = book.byDay[day];
      if (!list) continue;
      days++;
      for (const at of list) positions.push(at);
    }
    if (days > 1) positions.sort((a, b) => a - b);
  }
  return positions;
}

/**
 * A ledger measure of a book in a window — the sum of its lines' points
 * (`points`) or of their negative parts (`deductions`), in hundredths — and
 * the distinct events behind those lines, resolved when `events()` is called
 * (the lines read are the book's lines at the time of the measure). Lines of
 * rules in `exclude` (the ledger rules) are not read.
 */
export function measureBook(
  book: Book<Ids>,
  span: WindowSpan,
  quantity: 'deductions' | 'points',
  exclude: Set<CompiledRule>,
): { total: number; events: () => string[]; projected: boolean } {
  let total = 0;
  let projected = false;
  const positions = positionsIn(book, span);
  const drafts = book.drafts;
  const upTo = drafts.length;
  const reads = (d: Draft<Ids>) => !exclude.has(d.rule) && (quantity !== 'deductions' || d.neg !== 0);
  for (const at of positions) {
    const d = drafts[at];
    if (!reads(d)) continue;
    total += quantity === 'deductions' ? -d.neg : d.centi;
    if (d.projected) projected = true;
  }
  const events = () => {
    const ids = new Set<string>();
    // Lines often share one ids array (a day's per-event line and its threshold
    // line): an array already taken in adds nothing new, so it is skipped.
    const taken = new Set<string[]>();
    for (const at of positions) {
      if (at >= upTo) break;
      const d = drafts[at];
      if (!reads(d)) continue;
      const list = idsOf(d.events);
      if (taken.has(list)) continue;
      taken.add(list);
      for (const id of list) ids.add(id);
    }
    return Array.from(ids);
  };
  return { total, events, projected };
}

/** Defines `key` on `target` as built by `build` on first read (then a plain data property; assignable). */
function lazyProperty<T>(target: object, key: string, build: () => T): void {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get(this: object) {
      const value = build();
      // a frozen or sealed result keeps the getter (and builds again on the next read)
      Reflect.defineProperty(this, key, { value, writable: true, enumerable: true, configurable: true });
      return value;
    },
    set(this: object, value: T) {
      Reflect.defineProperty(this, key, { value, writable: true, enumerable: true, configurable: true });
    },
  });
}

/**
 * A book's lines and totals as the public `Ledger`; `pointFen` is the value of
 * one point in fen. A line's `fen` is its yuan effects plus its points' value,
 * rounded on its own; the ledger's is rounded once, on the totals.
 * Projected lines (as-of.ts) are marked and summed apart, in `projected`:
 * the ledger's own totals are the confirmed lines'.
 *
 * The totals and flags are summed now; `lines` is built — its events
 * resolved — when first read, and is then an ordinary property. `extend`:
 * what a version adds to each line from its draft, when the lines are built.
 */
export function toLedger<E extends Ids, D extends Draft<E> = Draft<E>>(
  book: Book<E> & { drafts: D[] },
  pointFen: number,
  extend?: (line: ScoreLine, draft: D) => void,
): Ledger {
  /** Points (hundredths) × point value (fen) → fen, rounded half away from zero: pointFen % of centi. */
  const pointsToFen = (centi: number) => percentOfFenExact(centi, pointFen, 1);
  let centi = 0;
  let fen = 0;
  let pCenti = 0;
  let pFen = 0;
  let anyProjected = false;
  const flags: string[] = [];
  const drafts = book.drafts;
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i];
    if (d.projected) {
      anyProjected = true;
      pCenti += d.centi;
      pFen += d.fen;
    } else {
      centi += d.centi;
      fen += d.fen;
    }
    if (d.flag && !flags.includes(d.flag)) flags.push(d.flag);
  }
  const total = fen + pointsToFen(centi);
  const ledger: Ledger = { points: pointsOf(centi), money: yuanOf(total), flags, lines: [], centipoints: centi, fen: total };
  const n = drafts.length;
  lazyProperty(ledger, 'lines', () => {
    const lines: ScoreLine[] = new Array<ScoreLine>(n);
    for (let i = 0; i < n; i++) {
      const d = drafts[i];
      const lineFen = d.fen + pointsToFen(d.centi);
      const line: ScoreLine = {
        rule: d.rule.id,
        count: d.count,
        points: pointsOf(d.centi),
        money: yuanOf(lineFen),
        events: idsOf(d.events),
        centipoints: d.centi,
        fen: lineFen,
      };
      if (d.rule.label !== undefined) line.label = d.rule.label;
      if (d.window !== undefined) line.window = d.window;
      if (d.flag !== undefined) line.flag = d.flag;
      line.range = d.range;
      if (d.projected) line.projected = true;
      if (extend) extend(line, d);
      lines[i] = line;
    }
    return lines;
  });
  if (anyProjected) {
    const pTotal = pFen + pointsToFen(pCenti);
    ledger.projected = { points: pointsOf(pCenti), money: yuanOf(pTotal), centipoints: pCenti, fen: pTotal };
  }
  return ledger;
}
