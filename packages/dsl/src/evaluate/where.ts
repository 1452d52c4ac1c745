/** A rule's `where` as one event filter: closures chosen once per condition, not per event. */
import type { Condition, RuleEvent } from '../types.js';
import { compare } from './compare.js';

export type EventFilter = (e: RuleEvent) => boolean;

/** One condition as a closure: the comparison is chosen once, not per event. */
function conditionTest(c: Condition): EventFilter {
  const { field, op, value } = c;
  const kind = typeof value;
  const same: (v: string | number | boolean) => boolean =
    op === '='
      ? (v) => v === value
      : op === '!='
        ? (v) => v !== value
        : op === '>'
          ? (v) => v > value
          : op === '>='
            ? (v) => v >= value
            : op === '<'
              ? (v) => v < value
              : (v) => v <= value;
  const test = (v: string | number | boolean | undefined | null) => {
    if (v === undefined || v === null) return false;
    return typeof v === kind ? same(v) : compare(v, op, value);
  };
  if (field === 'amount') return (e) => test(e.amount);
  // The event's own attrs only: `where constructor != "x"` must not read Object.prototype.constructor. The
  // value is tested first and ownership only when it passes (the same answer: an inherited value fails either
  // way), so that the events a filter turns away — most of them — cost one read.
  return (e) => {
    const attrs = e.attrs;
    return attrs != null && test(attrs[field]) && Object.hasOwn(attrs, field);
  };
}

/** All of `where`'s conditions; `undefined` when there are none (every event passes). */
export function filterOf(where: Condition[]): EventFilter | undefined {
  if (!where.length) return undefined;
  const tests = where.map(conditionTest);
  if (tests.length === 1) return tests[0];
  if (tests.length === 2) {
    const [a, b] = tests;
    return (e) => a(e) && b(e);
  }
  return (e) => {
    for (const t of tests) if (!t(e)) return false;
    return true;
  };
}
