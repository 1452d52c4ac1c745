/**
 * Points and money arithmetic of the store's own lines (corrections,
 * adjustments, merged ledgers): money is summed in integer fen, points to the
 * hundredth (the evaluator's resolution). The evaluator's lines carry yuan
 * (`ScoreLine.money`); this is the one place the store converts.
 *
 * @module
 */

/** Yuan (exact to the fen) → integer fen. */
export const toFen = (yuan: number): number => Math.round(yuan * 100);
/** Integer fen → yuan. */
export const toYuan = (fen: number): number => fen / 100;
/** Points are exact to the hundredth (the evaluator's resolution). */
export const addPoints = (a: number, b: number): number => Math.round(a * 100 + b * 100) / 100;
/** Money is exact to the fen. */
export const addMoney = (a: number, b: number): number => toYuan(toFen(a) + toFen(b));
/** `a − b` in yuan, exact to the fen. */
export const fenDiff = (a: number, b: number): number => toYuan(toFen(a) - toFen(b));
/** Points to the hundredth. */
export const roundPoints = (points: number): number => Math.round(points * 100) / 100;
