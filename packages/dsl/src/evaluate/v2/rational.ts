/**
 * Exact integer arithmetic the version-2 evaluator needs on fen and
 * centipoints (a share of a pay item, a daily amount, `top P%`), kept out of
 * `money.ts` so that what every element bundles from it does not grow.
 */
import { HUNDREDTHS, percentRational, toHundredths } from '../../money.js';

/** `value × num / den` (den > 0), rounded half away from zero: a fen or centipoint amount times an exact rational. */
export function timesRational(value: number, num: number, den: number): number {
  const x = BigInt(value) * BigInt(num);
  const d = BigInt(den);
  const ax = x < 0n ? -x : x;
  let q = ax / d;
  if (2n * (ax - q * d) >= d) q += 1n;
  return Number(x < 0n ? -q : q);
}

/** The daily amount of a monthly pay item (LANGUAGE.md §9.4): `monthlyFen / workdays`, rounded half away from zero to the fen. */
export function dailyFen(monthlyFen: number, workdays: number): number {
  return timesRational(monthlyFen, HUNDREDTHS, toHundredths(workdays));
}

/** `ceil(percent % × n)` exactly: how many of `n` ranked members `top P%` takes (LANGUAGE.md §9.11). */
export function ceilPercentOf(n: number, percent: number): number {
  const [num, den] = percentRational(percent);
  const d = HUNDREDTHS * den;
  return Math.floor((n * num + d - 1) / d);
}
