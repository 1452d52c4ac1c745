/**
 * Clause tests: how many times a clause fires for a measured value — a
 * count or a number (`firings`), or a ratio of two counts compared exactly
 * (`ratioFirings`).
 */
import { percentRational } from '../money.js';
import type { Condition, Test } from '../types.js';

/** Whether `op` holds between two values whose order is `sign` (−1, 0, 1: less, equal, greater). */
export function holds(sign: number, op: Condition['op']): boolean {
  return op === '='
    ? sign === 0
    : op === '!='
      ? sign !== 0
      : op === '>'
        ? sign > 0
        : op === '>='
          ? sign >= 0
          : op === '<'
            ? sign < 0
            : sign <= 0;
}

/** `a op b`; a number written as a string (`"30"`) compares as a number with a number; other mixed types are only `!=`. */
export function compare(a: string | number | boolean, op: Condition['op'], b: string | number | boolean): boolean {
  if (typeof a !== typeof b) {
    // numbers written as strings in attrs ("30") still compare as numbers
    if (typeof b === 'number' && typeof a === 'string' && a.trim() !== '' && !Number.isNaN(Number(a))) a = Number(a);
    else return op === '!=';
  }
  return holds(a < b ? -1 : a > b ? 1 : 0, op);
}

/** How many times a count clause fires for a count (0 = not at all). */
export function firings(test: Test, each: boolean, count: number): number {
  if (test.kind === 'else') return 1;
  if (test.kind === 'range') return count >= test.low && count <= test.high ? 1 : 0;
  const n = test.value;
  const holds = compare(count, test.op, n);
  if (!holds) return 0;
  if (!each) return 1;
  switch (test.op) {
    case '>':
      return Math.max(0, Math.ceil(count - n));
    case '>=':
      return Math.max(0, Math.floor(count - n) + 1);
    case '<':
      return Math.max(0, Math.ceil(n - count));
    case '<=':
      return Math.max(0, Math.floor(n - count) + 1);
    default:
      return 1;
  }
}

/** sign(num/den − p%) computed exactly. */
function cmpRatio(num: number, den: number, percent: number): number {
  const [pn, pd] = percentRational(percent);
  const diff = num * 100 * pd - pn * den;
  return Math.sign(diff);
}

/** How many times a ratio clause fires for num/den (den > 0). */
export function ratioFirings(test: Test, each: boolean, step: number | undefined, num: number, den: number): number {
  if (test.kind === 'else') return 1;
  if (test.kind === 'range') return cmpRatio(num, den, test.low) >= 0 && cmpRatio(num, den, test.high) <= 0 ? 1 : 0;
  if (!holds(cmpRatio(num, den, test.value), test.op)) return 0;
  if (!each || step === undefined) return 1;
  const [pn, pd] = percentRational(test.value);
  const [sn, sd] = percentRational(step);
  const a = Math.abs(num * 100 * pd - pn * den);
  // floor(|ratio − bound| / step), exactly, in integers
  const top = BigInt(a) * BigInt(sd);
  const bottom = BigInt(pd) * BigInt(den) * BigInt(sn);
  return Number(top / bottom);
}
