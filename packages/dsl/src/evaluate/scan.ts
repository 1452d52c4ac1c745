/**
 * The event scan: one pass over the period's events that sorts every match
 * into the streams the rules declared, then groups each stream by bucket.
 *
 * A stream (a "slot") is one kind of matching event: (event type, where).
 * Rules that count the same kind of event — and the two sides of a ratio —
 * share one. A bucket is (consultant, day): `consultant × nDays + day`, so a
 * consultant's days are contiguous and a window is a range of buckets.
 *
 * Steps declare their streams on a `StreamRegistry` before the scan and read
 * them from `Streams` after it.
 */
import { MAX_AMOUNT_YUAN, percentOfFenExact, yuanToFen } from '../money.js';
import type { Condition, RuleEvent } from '../types.js';
import { dayIndex, parseInstant, type Calendar, type WindowSpan } from '../calendar.js';
import type { Warn } from './context.js';
import { filterOf, type EventFilter } from './where.js';

/** `num/den` % of each matching event's amount (fen, rounded per event), summed per bucket into `into`. */
interface PercentSum {
  into: Float64Array;
  num: number;
  den: number;
}

/** Reads one matching event during the scan (bucket: consultant × days + day). */
export type EventTap = (e: RuleEvent, bucket: number) => void;

/** The streams the rules read, declared before the scan. */
export class StreamRegistry {
  /** Streams of each event type. */
  readonly byType = new Map<string, number[]>();
  /** Each stream's `where` (undefined: every event of its type). */
  readonly filters: (EventFilter | undefined)[] = [];
  /** Each stream's sums of percentages of amounts. */
  readonly percents: PercentSum[][] = [];
  /**
   * Called with every event of a type no stream reads (the data warnings of
   * LANGUAGE.md §9.13: `unused-event-type`), before its time is read.
   */
  unbound: ((e: RuleEvent) => void) | undefined = undefined;
  /** By the first stream of a type: called with every event of that type in the period, before any filter (`where-type-mismatch`). */
  readonly inspectors: (((e: RuleEvent) => void) | undefined)[] = [];
  /** Each stream's taps (undefined: none): called with every matching event and its bucket (version 2's sums and averages). */
  readonly taps: (EventTap[] | undefined)[] = [];
  private readonly keys = new Map<string, number>();

  /** @param nB the number of buckets (consultants × days) */
  constructor(readonly nB: number) {}

  get size(): number {
    return this.keys.size;
  }

  /** The stream of events of `type` passing `where` (one per distinct pair). */
  stream(type: string, where: Condition[]): number {
    const key = `${type}\u0000${JSON.stringify(where)}`;
    let slot = this.keys.get(key);
    if (slot === undefined) {
      slot = this.keys.size;
      this.keys.set(key, slot);
      this.filters[slot] = filterOf(where);
      this.percents[slot] = [];
      const list = this.byType.get(type);
      if (list) list.push(slot);
      else this.byType.set(type, [slot]);
    }
    return slot;
  }

  /** Calls `inspect` with every event of `type` in the period (a type some stream reads), before any filter. */
  inspect(type: string, inspect: (e: RuleEvent) => void): void {
    const slots = this.byType.get(type);
    if (!slots) return;
    const before = this.inspectors[slots[0]];
    this.inspectors[slots[0]] = before ? (e) => (before(e), inspect(e)) : inspect;
  }

  /** Calls `tap` with every event of `slot` and its bucket during the scan. */
  tap(slot: number, tap: EventTap): void {
    (this.taps[slot] ??= []).push(tap);
  }

  /** Adds `num/den` % of the amount of each event of `slot` (in fen, rounded half away from zero per event) to `into[bucket]`. */
  sumPercent(slot: number, into: Float64Array, num: number, den: number): void {
    this.percents[slot].push({ into, num, den });
  }
}

/** The scanned streams: for each, its events' ids grouped by bucket, each bucket in time order. */
export class Streams {
  /** Ids of (slot, bucket): one array shared by every line naming them (lines never mutate it). */
  private readonly dayIds = new Map<number, string[]>();
  private readonly windowIds = new Map<string, string[]>();

  /**
   * @param offsets `offsets[slot][bucket]`: where the bucket starts in `ids[slot]` (CSR; length nB + 1)
   * @param ids every stream's event ids, by bucket
   */
  constructor(
    readonly offsets: Int32Array[],
    readonly ids: string[][],
    readonly nDays: number,
    readonly nB: number,
  ) {}

  /** A consultant's number of events of a stream in a window. */
  count(slot: number, ci: number, span: WindowSpan): number {
    const off = this.offsets[slot];
    const base = ci * this.nDays;
    return off[base + span.last + 1] - off[base + span.first];
  }

  /** Ids of a slot's events in buckets [from, to), in time order. */
  idsOfBuckets(slot: number, from: number, to: number): string[] {
    const off = this.offsets[slot];
    return this.ids[slot].slice(off[from], off[to]);
  }

  /**
   * Ids of one (slot, bucket) — a consultant's events of one day — cached: the
   * per-event line of that day and every day-window clause line over the same
   * stream share one array, and measureBook can then skip an array it has
   * already taken in.
   */
  idsOfDay(slot: number, bucket: number): string[] {
    const key = slot * this.nB + bucket;
    let ids = this.dayIds.get(key);
    if (!ids) this.dayIds.set(key, (ids = this.idsOfBuckets(slot, bucket, bucket + 1)));
    return ids;
  }

  /** Ids of a consultant's events of a slot in a window (one shared array per window). */
  idsIn(slot: number, ci: number, span: WindowSpan): string[] {
    const nDays = this.nDays;
    if (span.first === span.last) return this.idsOfDay(slot, ci * nDays + span.first);
    const key = `${slot}:${ci}:${span.first}:${span.last}`;
    let ids = this.windowIds.get(key);
    if (!ids) this.windowIds.set(key, (ids = this.idsOfBuckets(slot, ci * nDays + span.first, ci * nDays + span.last + 1)));
    return ids;
  }
}

/** Scans the events into the registry's streams. */
export function scan(
  events: RuleEvent[],
  registry: StreamRegistry,
  consultantIndex: Map<string, number>,
  calendar: Calendar,
  warn: Warn,
): Streams {
  const nDays = calendar.days.length;
  const { counts, mSlot, mBucket, mEvent, nMatches, eventAt, eventId, inOrder } = scanEvents(
    events,
    registry,
    consultantIndex,
    calendar,
    warn,
  );
  const { offsets, ids } = groupMatches(eventId, counts, mSlot, mBucket, mEvent, nMatches, eventAt, registry.nB, inOrder);
  return new Streams(offsets, ids, nDays, registry.nB);
}

/**
 * The one pass over the events: each match is recorded as (slot, bucket,
 * event). A function of its own so that everything it touches per event is
 * a local the compiler keeps in registers.
 */
function scanEvents(events: RuleEvent[], registry: StreamRegistry, consultantIndex: Map<string, number>, calendar: Calendar, warn: Warn) {
  const { byType, filters: slotFilter, percents, taps, nB, unbound, inspectors } = registry;
  const nSlots = registry.size;
  const nDays = calendar.days.length;
  const counts: Int32Array[] = Array.from({ length: nSlots }, () => new Int32Array(nB + 1));
  let cap = events.length + 1024; // most events match one or two streams: at most a couple of regrowths
  let mSlot = new Int32Array(cap);
  let mBucket = new Int32Array(cap);
  let mEvent = new Int32Array(cap);
  let nMatches = 0;
  /** Epoch ms of each event, for ordering a line's events by time. */
  const eventAt = new Float64Array(events.length);
  /** Ids of matched events, read once (events come in many shapes; this array has one). */
  const eventId: string[] = new Array<string>(events.length);
  // Whether the events kept so far come in time order (ties by id), as
  // exports usually do: then so does every bucket — a subsequence of them —
  // and groupMatches has nothing to check or sort. String ids only, so that
  // the order is a total one.
  let inOrder = true;
  let lastAt = -Infinity;
  let lastId = '';
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const slots = byType.get(e.type);
    const ci = consultantIndex.get(e.consultant);
    // Events no rule counts are skipped unread — unless their consultant is not on the roster (warned about).
    if (!slots && ci !== undefined) {
      if (unbound !== undefined) unbound(e);
      continue;
    }
    const at = parseInstant(e.at);
    if (Number.isNaN(at)) {
      warn('bad-event-time', e, { event: e.id, at: String(e.at) });
      continue;
    }
    const day = dayIndex(calendar, at);
    if (day < 0) continue;
    if (ci === undefined) {
      if (!slots && unbound !== undefined) unbound(e);
      warn('not-on-roster', e, { event: e.id, consultant: String(e.consultant) });
      continue;
    }
    if (!slots) continue;
    const amount = e.amount;
    if (amount !== undefined && !(typeof amount === 'number' && Math.abs(amount) <= MAX_AMOUNT_YUAN)) {
      warn('bad-event-amount', e, { event: e.id, amount: String(amount) });
      continue;
    }
    // valid now: undefined or a finite number of yuan; in fen once, for every stream's percentages
    const inspect = inspectors[slots[0]];
    if (inspect !== undefined) inspect(e);
    const fen = amount === undefined ? 0 : yuanToFen(amount);
    eventAt[i] = at;
    const id = e.id;
    eventId[i] = id;
    if (inOrder && (typeof id !== 'string' || at < lastAt || (at === lastAt && lastId > id))) inOrder = false;
    lastAt = at;
    lastId = id;
    const bucket = ci * nDays + day;
    for (let k = 0; k < slots.length; k++) {
      const slot = slots[k];
      const f = slotFilter[slot];
      if (f !== undefined && !f(e)) continue;
      if (nMatches === cap) {
        cap *= 2;
        mSlot = grow(mSlot, cap);
        mBucket = grow(mBucket, cap);
        mEvent = grow(mEvent, cap);
      }
      mSlot[nMatches] = slot;
      mBucket[nMatches] = bucket;
      mEvent[nMatches++] = i;
      counts[slot][bucket + 1]++;
      const sums = percents[slot];
      for (let q = 0; q < sums.length; q++) {
        const p = sums[q];
        p.into[bucket] += percentOfFenExact(fen, p.num, p.den);
      }
      const t = taps[slot];
      if (t !== undefined) for (let q = 0; q < t.length; q++) t[q](e, bucket);
    }
  }
  return { counts, mSlot, mBucket, mEvent, nMatches, eventAt, eventId, inOrder };
}

function grow(a: Int32Array<ArrayBuffer>, cap: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

/**
 * Groups the matches by (slot, bucket) — CSR: `offsets[slot][bucket]` is where
 * the bucket starts in `ids[slot]` — with each bucket in time order. A
 * function of its own for the same reason as scanEvents.
 */
function groupMatches(
  eventId: string[],
  counts: Int32Array[],
  mSlot: Int32Array,
  mBucket: Int32Array,
  mEvent: Int32Array,
  nMatches: number,
  eventAt: Float64Array,
  nB: number,
  inOrder: boolean,
) {
  // counts → offsets (prefix sums), then members grouped by (slot, bucket)
  const offsets = counts;
  for (const off of offsets) for (let b = 1; b <= nB; b++) off[b] += off[b - 1];
  /**
   * The ids of each (slot, bucket), read here in event order (one pass through
   * eventId), so that a line's ids are later one contiguous slice rather than
   * a gather from all over eventId.
   */
  const ids: string[][] = offsets.map((off) => new Array<string>(off[nB]));
  const cursor: Int32Array[] = offsets.map((off) => off.slice(0, nB));
  if (inOrder) {
    // Events came in time order: so does every bucket (see scanEvents).
    for (let m = 0; m < nMatches; m++) ids[mSlot[m]][cursor[mSlot[m]][mBucket[m]]++] = eventId[mEvent[m]];
    return { offsets, ids };
  }
  // Otherwise the matched events in time order (ties by id) first, then the same placement: each bucket — a
  // subsequence of that order — comes out in time order, the same whatever order the input came in.
  const { first, order } = matchesInTimeOrder(mEvent, nMatches, eventAt, eventId);
  for (let r = 0; r < order.length; r++) {
    const k = order[r];
    const id = eventId[mEvent[first[k]]];
    for (let m = first[k]; m < first[k + 1]; m++) ids[mSlot[m]][cursor[mSlot[m]][mBucket[m]]++] = id;
  }
  return { offsets, ids };
}

/** Radix digits of 16 bits: two passes sort a month of millisecond keys, three a period of up to 8,900 years. */
const RADIX = 65536;

/**
 * The matched events ordered by time, ties by id, in linear time: `first[k]` is where the `k`-th matched
 * event's matches start (an event's matches are consecutive; `first[K]` is `nMatches`), `order` the `k`s
 * sorted. An LSD radix sort on the milliseconds since the earliest match (16 bits a pass, stable), then each
 * run of equal instants put in id order.
 */
function matchesInTimeOrder(mEvent: Int32Array, nMatches: number, eventAt: Float64Array, eventId: string[]) {
  let nEvents = 0;
  for (let m = 0; m < nMatches; m++) if (m === 0 || mEvent[m] !== mEvent[m - 1]) nEvents++;
  const first = new Int32Array(nEvents + 1);
  const key = new Float64Array(nEvents);
  let min = Infinity;
  let max = -Infinity;
  for (let m = 0, k = 0; m < nMatches; m++) {
    if (m > 0 && mEvent[m] === mEvent[m - 1]) continue;
    const at = eventAt[mEvent[m]];
    first[k] = m;
    key[k++] = at;
    if (at < min) min = at;
    if (at > max) max = at;
  }
  first[nEvents] = nMatches;
  let order = new Int32Array(nEvents);
  for (let k = 0; k < nEvents; k++) order[k] = k;
  let next = new Int32Array(nEvents);
  const count = new Int32Array(RADIX + 1);
  for (let scale = 1; scale <= max - min; scale *= RADIX) {
    count.fill(0);
    for (let k = 0; k < nEvents; k++) count[(Math.floor((key[k] - min) / scale) % RADIX) + 1]++;
    for (let d = 1; d <= RADIX; d++) count[d] += count[d - 1];
    for (let r = 0; r < nEvents; r++) {
      const k = order[r];
      next[count[Math.floor((key[k] - min) / scale) % RADIX]++] = k;
    }
    [order, next] = [next, order];
  }
  // Equal instants by id (runs are short: insertion sort).
  const idOf = (k: number) => eventId[mEvent[first[k]]];
  for (let r = 1; r < nEvents; r++) {
    if (key[order[r]] !== key[order[r - 1]]) continue;
    const x = order[r];
    const id = idOf(x);
    let j = r - 1;
    while (j >= 0 && key[order[j]] === key[x] && idOf(order[j]) > id) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = x;
  }
  return { first, order };
}
