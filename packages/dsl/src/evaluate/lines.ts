/**
 * Books of lines: every effect becomes a line in a consultant's or a team's
 * book (points in integer hundredths, money in integer fen); ledger measures
 * read a window's lines back; at the end each book becomes a `Ledger`.
 */
import { percentOfFenExact, pointsOf, yuanOf } from '../money.js';
import type { CompiledRule, Ledger, ScoreLine, SourceRange } from '../types.js';
import type { WindowSpan } from '../calendar.js';

/** A line while it is built: points in hundredths, money in fen. */
export interface Draft {
  rule: CompiledRule;
  window?: string;
  /** Day index the line's window starts at (inside the period), for ledger/rank windows. */
  day: number;
  count: number;
  centi: number;
  /** The negative part of `centi` (a rule may give −8 and +6 per event): what `deductions` sums. */
  neg: number;
  fen: number;
  events: string[];
  flag?: string;
  range: SourceRange;
  /** A projected line (as-of.ts): kept apart from the ledger's totals. */
  projected?: boolean;
}

export interface Book {
  drafts: Draft[];
  /**
   * Positions in `drafts` of each day's lines (by the day a line's window
   * starts), ascending: a ledger measure reads only its window's days.
   * Filled by addLine, the one way lines are added.
   */
  byDay: (number[] | undefined)[];
}

export function newBook(nDays: number): Book {
  return { drafts: [], byDay: new Array<number[] | undefined>(nDays) };
}

/** Appends a line to a book and to its day index. */
export function addLine(book: Book, draft: Draft): void {
  const at = book.drafts.length;
  book.drafts.push(draft);
  const list = book.byDay[draft.day];
  if (list) list.push(at);
  else book.byDay[draft.day] = [at];
}

/**
 * A ledger measure of a book in a window — the sum of its lines' points
 * (`points`) or of their negative parts (`deductions`), in hundredths — and
 * the distinct events behind those lines. Lines of rules in `exclude` (the
 * ledger rules) are not read.
 */
export function measureBook(
  book: Book,
  span: WindowSpan,
  quantity: 'deductions' | 'points',
  exclude: Set<CompiledRule>,
): { total: number; events: string[]; projected: boolean } {
  let total = 0;
  let projected = false;
  const events = new Set<string>();
  // Lines often share one ids array (a day's per-event line and its threshold
  // line): an array already taken in adds nothing new, so it is skipped.
  const taken = new Set<string[]>();
  // The window's lines in book order: its days' positions, merged.
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
  for (const at of positions) {
    const d = book.drafts[at];
    if (exclude.has(d.rule)) continue;
    if (quantity === 'deductions' && d.neg === 0) continue;
    total += quantity === 'deductions' ? -d.neg : d.centi;
    if (d.projected) projected = true;
    if (taken.has(d.events)) continue;
    taken.add(d.events);
    for (const id of d.events) events.add(id);
  }
  return { total, events: Array.from(events), projected };
}

/**
 * A book's lines and totals as the public `Ledger`; `pointFen` is the value of
 * one point in fen. A line's `fen` is its yuan effects plus its points' value,
 * rounded on its own; the ledger's is rounded once, on the totals.
 * Projected lines (as-of.ts) are marked and summed apart, in `projected`:
 * the ledger's own totals are the confirmed lines'.
 */
export function toLedger(book: Book, pointFen: number): Ledger {
  /** Points (hundredths) × point value (fen) → fen, rounded half away from zero: pointFen % of centi. */
  const pointsToFen = (centi: number) => percentOfFenExact(centi, pointFen, 1);
  let centi = 0;
  let fen = 0;
  let pCenti = 0;
  let pFen = 0;
  let anyProjected = false;
  const flags: string[] = [];
  const lines: ScoreLine[] = book.drafts.map((d) => {
    if (d.projected) {
      anyProjected = true;
      pCenti += d.centi;
      pFen += d.fen;
    } else {
      centi += d.centi;
      fen += d.fen;
    }
    if (d.flag && !flags.includes(d.flag)) flags.push(d.flag);
    const lineFen = d.fen + pointsToFen(d.centi);
    const line: ScoreLine = {
      rule: d.rule.id,
      count: d.count,
      points: pointsOf(d.centi),
      money: yuanOf(lineFen),
      events: d.events,
      centipoints: d.centi,
      fen: lineFen,
    };
    if (d.rule.label !== undefined) line.label = d.rule.label;
    if (d.window !== undefined) line.window = d.window;
    if (d.flag !== undefined) line.flag = d.flag;
    line.range = d.range;
    if (d.projected) line.projected = true;
    return line;
  });
  const total = fen + pointsToFen(centi);
  const ledger: Ledger = { points: pointsOf(centi), money: yuanOf(total), flags, lines, centipoints: centi, fen: total };
  if (anyProjected) {
    const pTotal = pFen + pointsToFen(pCenti);
    ledger.projected = { points: pointsOf(pCenti), money: yuanOf(pTotal), centipoints: pCenti, fen: pTotal };
  }
  return ledger;
}
