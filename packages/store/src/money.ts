/**
 * The store's lines and ledgers in exact integers: corrections, adjustments
 * and merged ledgers are summed in integer fen and centipoints (hundredths of
 * a point), the way the evaluator's lines carry them; `money` and `points`
 * are derived from them by the language's `yuanOf`/`pointsOf`, never summed.
 *
 * @module
 */
import type { Ledger, ScoreLine, Scorecards } from '@rulecard/dsl';
import type { PeriodRecord } from './types.js';
import { pointsOf, toHundredths, yuanOf } from '@rulecard/dsl/money';

/** The integers of a line the store adds (a correction, an adjustment). */
export type LineIntegers = Omit<ScoreLine, 'points' | 'money'>;

/** A line of the store's own: its integers, with `points` and `money` derived from them. */
export function storeLine(line: LineIntegers): ScoreLine {
  return { ...line, points: pointsOf(line.centipoints), money: yuanOf(line.fen) };
}

/** A ledger with no lines. */
export function emptyLedger(): Ledger {
  return { points: 0, money: 0, flags: [], lines: [], centipoints: 0, fen: 0 };
}

/**
 * Adds a line to a ledger: integers summed, `points` and `money` derived
 * again — a projected line (scored with `asOf`) into the ledger's
 * `projected` totals, kept apart from the confirmed ones.
 */
export function addToLedger(ledger: Ledger, line: ScoreLine): void {
  ledger.lines.push(line);
  if (line.projected) {
    const p = (ledger.projected ??= { points: 0, money: 0, centipoints: 0, fen: 0 });
    p.centipoints += line.centipoints;
    p.fen += line.fen;
    p.points = pointsOf(p.centipoints);
    p.money = yuanOf(p.fen);
    return;
  }
  ledger.centipoints += line.centipoints;
  ledger.fen += line.fen;
  ledger.points = pointsOf(ledger.centipoints);
  ledger.money = yuanOf(ledger.fen);
}

/** A ledger or a line as a snapshot may hold it (see {@link withIntegers}). */
type Stored = { points: number; money: number; centipoints?: number; fen?: number };

function* allOf(scorecards: Scorecards): Iterable<Stored> {
  for (const side of [scorecards.consultants, scorecards.teams])
    for (const ledger of Object.values(side)) {
      yield ledger;
      yield* ledger.lines;
    }
}

/**
 * A frozen snapshot's scorecards with the integers on every ledger and line:
 * snapshots closed before ledgers carried them hold only `points` and
 * `money` (exact to the hundredth and the fen). Complete scorecards are
 * returned as they are; others as a copy with the integers read from those.
 */
export function withIntegers(scorecards: Scorecards): Scorecards {
  const missing = (x: Stored) => x.centipoints === undefined || x.fen === undefined;
  if (![...allOf(scorecards)].some(missing)) return scorecards;
  const copy = structuredClone(scorecards);
  for (const x of allOf(copy)) {
    x.centipoints ??= toHundredths(x.points);
    x.fen ??= toHundredths(x.money);
  }
  return copy;
}

/** A month record whose snapshot's ledgers carry their integers (see {@link withIntegers}); as it is when they do. */
export function withSnapshotIntegers(record: PeriodRecord): PeriodRecord {
  if (!record.snapshot) return record;
  const scorecards = withIntegers(record.snapshot.scorecards);
  return scorecards === record.snapshot.scorecards ? record : { ...record, snapshot: { ...record.snapshot, scorecards } };
}
