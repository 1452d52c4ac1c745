/**
 * What a version-2 clause measures per (person, window), over the scanned
 * streams and the books: counts over several event types (`on A, B, C`),
 * sums and averages of `amount` or an attribute (§9.8), ledger measures
 * (`deductions`, `points`, `awards`) — and how many times a test fires for a
 * measured value, compared exactly as a rational.
 */
import { percentRational, toHundredths, yuanToFen } from '../../money.js';
import type { LedgerQuantity, Test } from '../../program.js';
import type { CompiledRule as V1Rule, RuleEvent } from '../../types.js';
import type { Book } from '../lines.js';
import type { StreamRegistry, Streams } from '../scan.js';
import { holds } from '../compare.js';

/** Per-bucket sums (hundredths of the value) and numbers of events carrying a numeric value, filled by the scan. */
export interface FieldSums {
  sum: Float64Array;
  n: Int32Array;
}

/** Taps every slot so that the events' `field` (`amount` in fen, an attribute in hundredths) is summed per bucket. */
export function tapField(registry: StreamRegistry, slots: number[], field: string): FieldSums {
  const out: FieldSums = { sum: new Float64Array(registry.nB), n: new Int32Array(registry.nB) };
  const read =
    field === 'amount'
      ? (e: RuleEvent) => (typeof e.amount === 'number' ? yuanToFen(e.amount) : undefined)
      : (e: RuleEvent) => {
          const attrs = e.attrs;
          const v = attrs != null && Object.hasOwn(attrs, field) ? attrs[field] : undefined;
          return typeof v === 'number' && Number.isFinite(v) ? toHundredths(v) : undefined;
        };
  for (const slot of slots)
    registry.tap(slot, (e, bucket) => {
      const v = read(e);
      if (v === undefined) return;
      out.sum[bucket] += v;
      out.n[bucket]++;
    });
  return out;
}

/** Days [a, b] of a person in bucket terms. */
export function countIn(streams: Streams, slots: number[], pi: number, a: number, b: number): number {
  if (a > b) return 0;
  const base = pi * streams.nDays;
  let n = 0;
  for (const slot of slots) {
    const off = streams.offsets[slot];
    n += off[base + b + 1] - off[base + a];
  }
  return n;
}

/** Ids of a person's events of `slots` on days [a, b], day by day. */
export function idsIn(streams: Streams, slots: number[], pi: number, a: number, b: number): string[] {
  if (a > b) return [];
  const base = pi * streams.nDays;
  if (slots.length === 1) return a === b ? streams.idsOfDay(slots[0], base + a) : streams.idsOfBuckets(slots[0], base + a, base + b + 1);
  const out: string[] = [];
  for (let d = a; d <= b; d++) for (const slot of slots) for (const id of streams.idsOfDay(slot, base + d)) out.push(id);
  return out;
}

/** Sum (hundredths) and number of valued events of a person on days [a, b]. */
export function sumIn(sums: FieldSums, nDays: number, pi: number, a: number, b: number): { sum: number; n: number } {
  let sum = 0;
  let n = 0;
  const base = pi * nDays;
  for (let d = a; d <= b; d++) {
    sum += sums.sum[base + d];
    n += sums.n[base + d];
  }
  return { sum, n };
}

/**
 * A ledger measure of a book on days [a, b] (by the day each line's window
 * starts), in centipoints: `deductions` the negative parts, `awards` the
 * positive parts, `points` the net; only lines of rules not in `exclude`
 * (the ledger rules), and the distinct events behind the lines read.
 */
export function ledgerIn(
  book: Book,
  a: number,
  b: number,
  quantity: LedgerQuantity,
  exclude: Set<V1Rule>,
): { total: number; events: string[] } {
  let total = 0;
  const events = new Set<string>();
  const taken = new Set<string[]>();
  const positions: number[] = [];
  for (let d = a; d <= b; d++) for (const at of book.byDay[d] ?? []) positions.push(at);
  positions.sort((x, y) => x - y);
  for (const at of positions) {
    const line = book.drafts[at];
    if (exclude.has(line.rule)) continue;
    const part = quantity === 'deductions' ? -line.neg : quantity === 'awards' ? line.centi - line.neg : line.centi;
    if (part === 0 && quantity !== 'points') continue;
    total += part;
    if (taken.has(line.events)) continue;
    taken.add(line.events);
    for (const id of line.events) events.add(id);
  }
  return { total, events: Array.from(events) };
}

/** sign(num/den − bound), exactly (den > 0; the bound a decimal number). */
export function cmpRational(num: number, den: number, bound: number): number {
  const [bn, bd] = percentRational(bound);
  const diff = BigInt(num) * BigInt(bd) - BigInt(bn) * BigInt(den);
  return diff > 0n ? 1 : diff < 0n ? -1 : 0;
}

/** floor(|num/den − bound|), exactly. */
function wholeUnits(num: number, den: number, bound: number): number {
  const [bn, bd] = percentRational(bound);
  let diff = BigInt(num) * BigInt(bd) - BigInt(bn) * BigInt(den);
  if (diff < 0n) diff = -diff;
  return Number(diff / (BigInt(den) * BigInt(bd)));
}

/**
 * How many times a test fires for a measured value num/den (§9.15
 * "Measures"): once when it holds; with `each`, whole units beyond or below
 * the bound — `> N` ⌊x − N⌋, `>= N` ⌊x − N⌋ + 1, `< N` ⌊N − x⌋, `<= N`
 * ⌊N − x⌋ + 1. `bound` replaces a `target` test's value.
 */
export function measureFirings(test: Test, each: boolean, num: number, den: number, bound?: number): number {
  if (test.kind === 'else') return 1;
  if (test.kind === 'range') return cmpRational(num, den, test.low) >= 0 && cmpRational(num, den, test.high) <= 0 ? 1 : 0;
  const value = test.kind === 'target' ? (bound as number) : test.value;
  if (!holds(cmpRational(num, den, value), test.op)) return 0;
  if (!each) return 1;
  const units = wholeUnits(num, den, value);
  return test.op === '>=' || test.op === '<=' ? units + 1 : test.op === '>' || test.op === '<' ? units : 1;
}
