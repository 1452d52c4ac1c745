/**
 * Exact money: integer fen (0.01 yuan) and integer hundredths of a point
 * from input to output. Only formatting turns them back into yuan.
 */

/**
 * Largest |amount| in yuan an event may carry (and largest pay item): ten
 * billion yuan, far above any clinic's figure, and small enough that fen ×
 * any percentage stays exact.
 */
export const MAX_AMOUNT_YUAN = 1e10;

/** `"-12.5"` → -1250; `undefined` when the text has more than two decimals or is not a number. */
export function decimalToHundredths(text: string): number | undefined {
  const m = /^([+-]?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const value = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -value : value;
}

/** A yuan amount given as a JS number (event `amount`) → fen, rounded half away from zero. */
export function yuanToFen(yuan: number): number {
  const fen = Math.round(Math.abs(yuan) * 100);
  return yuan < 0 ? -fen : fen;
}

/** A JSON number of yuan/points with at most two decimals → hundredths, exactly. */
export function toHundredths(value: number): number {
  return Math.round(value * 100);
}

/**
 * Centipoints (integer hundredths of a point) → points, as the documented
 * `points` fields show them. With `yuanOf`, the one place the evaluator's
 * floats are made: everything else stays in integers.
 */
export function pointsOf(centipoints: number): number {
  return centipoints / 100;
}

/** Fen → yuan, as the documented `money` fields show it (see `pointsOf`). */
export function yuanOf(fen: number): number {
  return fen / 100;
}

/** The rational p = num / den of a percentage written in decimal (e.g. 12.5 → 125/10). */
export function percentRational(percent: number): [num: number, den: number] {
  const text = String(percent);
  if (/e/i.test(text)) {
    // tiny or huge values: fall back to a fixed scale
    return [Math.round(percent * 1e6), 1e6];
  }
  const dot = text.indexOf('.');
  if (dot < 0) return [percent, 1];
  const decimals = text.length - dot - 1;
  const den = 10 ** decimals;
  return [Math.round(percent * den), den];
}

/** `percent` % of `fen`, rounded half-up (away from zero) to the fen: 3% of 1234567 fen = 37037. */
export function percentOfFen(fen: number, percent: number): number {
  const [num, den] = percentRational(percent);
  return percentOfFenExact(fen, num, den);
}

/** (num / den) % of `fen`, rounded half-up (away from zero) to the fen. */
export function percentOfFenExact(fen: number, num: number, den: number): number {
  const x = fen * num;
  const d = 100 * den;
  if (Math.abs(x) <= Number.MAX_SAFE_INTEGER) {
    const ax = Math.abs(x);
    let q = Math.floor(ax / d);
    const r = ax - q * d;
    if (2 * r >= d) q += 1;
    return x < 0 ? -q : q;
  }
  const bx = BigInt(fen) * BigInt(num);
  const bd = BigInt(d);
  const ax = bx < 0n ? -bx : bx;
  let q = ax / bd;
  if (2n * (ax - q * bd) >= bd) q += 1n;
  return Number(bx < 0n ? -q : q);
}

/** Formats fen as yuan with two decimals: 37037 → "370.37". */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** Hundredths in one unit: the scale of fen per yuan and of centipoints per point (a denominator for exact rationals). */
export const HUNDREDTHS = 100;
