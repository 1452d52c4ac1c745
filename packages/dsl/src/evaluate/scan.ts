/**
 * The event scan: one pass over the period's events that counts every match
 * in the streams the rules declared, by bucket; the matches' event ids are
 * grouped by stream and bucket (and ordered by time) only when a line's
 * events are first read — scoring needs the counts alone.
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
import type { Condition, Period, RuleEvent } from '../types.js';
import { addDays } from '../calendar/dates.js';
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
   * With `countUnbound` (the data warnings of LANGUAGE.md §9.13:
   * `unused-event-type`): where the events of types no stream reads are
   * counted by the scan, before their time is read.
   */
  unbound: UnboundCount | undefined = undefined;
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

  /**
   * Has the scan count the events of each type no stream reads (a string) whose `at` is in the period — its
   * date well inside or outside it is read from the text, otherwise the instant in [periodStart, periodEnd) —
   * into the returned map, types in the order of their first counted event.
   */
  countUnbound(period: Period, periodStart: number, periodEnd: number): Map<string, number> {
    const sureFrom = addDays(period.from, 2);
    const sureTo = addDays(period.to, -2);
    const outFrom = addDays(period.from, -2);
    const outTo = addDays(period.to, 2);
    const counts = new Map<string, number>();
    this.unbound = {
      sureFrom,
      sureTo,
      outFrom,
      outTo,
      sureLo: dateNumber(sureFrom),
      sureHi: dateNumber(sureTo),
      outLo: dateNumber(outFrom),
      outHi: dateNumber(outTo),
      periodStart,
      periodEnd,
      counts,
    };
    return counts;
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

/** What `countUnbound` set: the period's bounds as dates (texts and YYYYMMDD numbers) and instants, and the counts. */
interface UnboundCount {
  sureFrom: string;
  sureTo: string;
  outFrom: string;
  outTo: string;
  sureLo: number;
  sureHi: number;
  outLo: number;
  outHi: number;
  periodStart: number;
  periodEnd: number;
  counts: Map<string, number>;
}

/**
 * Whether an event's `at` is in the period of `u`. An instant's written date is within two days of its date in
 * any zone: dates well inside (or outside) the period need no parsing. Most events of a month take this path
 * (the types no rule reads): the written date is read as a number, not sliced out as a string (no garbage);
 * a text not of the form YYYY-MM-DD… is compared as text.
 */
function unboundInPeriod(u: UnboundCount, text: unknown): boolean {
  if (typeof text !== 'string' || text.length < 10) return false;
  const n = dateNumber(text);
  if (n >= 0) {
    if (n >= u.sureLo && n <= u.sureHi) return true;
    if (n < u.outLo || n > u.outHi) return false;
  } else {
    const date = text.slice(0, 10);
    if (date >= u.sureFrom && date <= u.sureTo) return true;
    if (date < u.outFrom || date > u.outTo) return false;
  }
  const at = parseInstant(text);
  return at >= u.periodStart && at < u.periodEnd;
}

/**
 * An event type met by the scan: its streams (undefined: a type no stream reads) and, for a type no stream
 * reads, its events in the period so far. One lookup per event finds both.
 */
class TypeEntry {
  n = 0;
  constructor(
    readonly type: string,
    readonly slots: number[] | undefined,
  ) {}
}

/**
 * The first ten characters of `text` (at least ten long) as the number YYYYMMDD when they are of the form
 * `YYYY-MM-DD` (digits and dashes: then numbers order as the texts do), otherwise −1.
 */
function dateNumber(text: string): number {
  let n = 0;
  for (let i = 0; i < 10; i++) {
    const c = text.charCodeAt(i);
    if (i === 4 || i === 7) {
      if (c !== 45) return -1;
    } else if (c >= 48 && c <= 57) n = n * 10 + (c - 48);
    else return -1;
  }
  return n;
}

/**
 * What the scan recorded of the events that matched some stream, in input order: per matched event its time
 * and id, and where its matches start; per match its slot and bucket. Read once, by `Streams` when an event
 * id is first asked for.
 */
interface Matches {
  /** Number of matches. */
  n: number;
  slot: Int32Array;
  bucket: Int32Array;
  /** `first[k]`: where the k-th matched event's matches start (an event's matches are consecutive); `first[K]` = n. */
  first: Int32Array;
  /** Epoch ms of each matched event. */
  at: Float64Array;
  /** Id of each matched event, in chunks of `ID_CHUNK` (the k-th: `id[k >> ID_SHIFT][k & (ID_CHUNK - 1)]`). */
  id: string[][];
}

/** The matched events' ids are kept in chunks of this many: one array grown to 300,000 ids by `push` cost the scan more than all the rest of recording a match. */
const ID_SHIFT = 13;
const ID_CHUNK = 1 << ID_SHIFT;

/**
 * The scanned streams: each (slot, bucket)'s number of events at once, and its events' ids — in time order —
 * when first asked for (explanations on demand): scoring needs only the counts; the ids are placed, and sorted
 * by time when the input was not in order, by the first line or measure that names them.
 */
export class Streams {
  private matches: Matches | undefined;
  private placed: string[][] | undefined;
  /** Ids of (slot, bucket): one array shared by every line naming them (lines never mutate it). */
  private readonly dayIds = new Map<number, string[]>();
  private readonly windowIds = new Map<string, string[]>();

  /**
   * @param offsets `offsets[slot][bucket]`: where the bucket starts in `ids[slot]` (CSR; length nB + 1)
   * @param matches what the scan recorded, placed into `ids` when first read
   */
  constructor(
    readonly offsets: Int32Array[],
    matches: Matches,
    readonly nDays: number,
    readonly nB: number,
  ) {
    this.matches = matches;
  }

  /** Every stream's event ids, by bucket (`offsets[slot]`), each bucket in time order (ties by id): placed on first read. */
  get ids(): string[][] {
    if (this.placed === undefined) {
      this.placed = placeMatches(this.matches as Matches, this.offsets, this.nB);
      this.matches = undefined;
    }
    return this.placed;
  }

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
  const { counts, matches } = scanEvents(events, registry, consultantIndex, calendar, warn);
  // counts → offsets (prefix sums): `offsets[slot][bucket]` is where the bucket starts in the slot's ids
  const nB = registry.nB;
  for (const off of counts) for (let b = 1; b <= nB; b++) off[b] += off[b - 1];
  return new Streams(counts, matches, calendar.days.length, nB);
}

/**
 * The one pass over the events: each match is counted in its (slot, bucket)
 * and recorded as (slot, bucket) of its event (time, id). A function of its
 * own so that everything it touches per event is a local the compiler keeps
 * in registers.
 */
function scanEvents(events: RuleEvent[], registry: StreamRegistry, consultantIndex: Map<string, number>, calendar: Calendar, warn: Warn) {
  const { byType, filters: slotFilter, percents, taps, nB, unbound, inspectors } = registry;
  const nSlots = registry.size;
  const nDays = calendar.days.length;
  const counts: Int32Array[] = Array.from({ length: nSlots }, () => new Int32Array(nB + 1));
  // Grown by doubling: a month's events are mostly of types no rule counts.
  let cap = Math.min(Math.max(1024, events.length >> 2), 1 << 20);
  let mSlot = new Int32Array(cap);
  let mBucket = new Int32Array(cap);
  let nMatches = 0;
  let eCap = cap;
  let eFirst = new Int32Array(eCap + 1);
  let eAt = new Float64Array(eCap);
  const eId: string[][] = [];
  let idChunk: string[] = [];
  let nMatched = 0;
  // Event types by name (strings only): each with its streams, or (a type no stream reads) its count.
  const table = new Map<unknown, TypeEntry>();
  for (const [type, slots] of byType) table.set(type, new TypeEntry(type, slots));
  /** Types no stream reads, in the order of their first event counted in the period. */
  const unboundSeen: TypeEntry[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const type: unknown = e.type;
    let entry = table.get(type);
    if (entry === undefined && typeof type === 'string') table.set(type, (entry = new TypeEntry(type, undefined)));
    const slots = entry?.slots;
    const ci = consultantIndex.get(e.consultant);
    // Events no rule counts are skipped unread — unless their consultant is not on the roster (warned about).
    if (!slots && ci !== undefined) {
      if (unbound !== undefined && entry !== undefined && unboundInPeriod(unbound, e.at) && entry.n++ === 0) unboundSeen.push(entry);
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
      if (!slots && unbound !== undefined && entry !== undefined && unboundInPeriod(unbound, e.at) && entry.n++ === 0)
        unboundSeen.push(entry);
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
    const bucket = ci * nDays + day;
    const start = nMatches;
    for (let k = 0; k < slots.length; k++) {
      const slot = slots[k];
      const f = slotFilter[slot];
      if (f !== undefined && !f(e)) continue;
      if (nMatches === start) {
        // the event's first match: the event is recorded
        if (nMatched === eCap) {
          eCap *= 2;
          eFirst = grow(eFirst, eCap + 1);
          const at2 = new Float64Array(eCap);
          at2.set(eAt);
          eAt = at2;
        }
        if ((nMatched & (ID_CHUNK - 1)) === 0) eId.push((idChunk = new Array<string>(ID_CHUNK)));
        idChunk[nMatched & (ID_CHUNK - 1)] = e.id;
        eFirst[nMatched] = nMatches;
        eAt[nMatched++] = at;
      }
      if (nMatches === cap) {
        cap *= 2;
        mSlot = grow(mSlot, cap);
        mBucket = grow(mBucket, cap);
      }
      mSlot[nMatches] = slot;
      mBucket[nMatches++] = bucket;
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
  eFirst[nMatched] = nMatches;
  if (unbound !== undefined) for (const { type, n } of unboundSeen) unbound.counts.set(type, n);
  // Kept until the ids are first read: trimmed to their size.
  const matches: Matches = {
    n: nMatches,
    slot: mSlot.slice(0, nMatches),
    bucket: mBucket.slice(0, nMatches),
    first: eFirst.slice(0, nMatched + 1),
    at: eAt.slice(0, nMatched),
    id: eId,
  };
  return { counts, matches };
}

function grow(a: Int32Array<ArrayBuffer>, cap: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

/**
 * The matches placed by (slot, bucket) — CSR along `offsets` — with each bucket in time order (ties by id).
 * A function of its own for the same reason as scanEvents.
 */
function placeMatches(matches: Matches, offsets: Int32Array[], nB: number): string[][] {
  const { slot: mSlot, bucket: mBucket, first, at } = matches;
  const nEvents = at.length;
  // the ids' chunks as one array (the last chunk is cut to the matched events)
  const id = ([] as string[]).concat(...matches.id);
  id.length = nEvents;
  const ids: string[][] = offsets.map((off) => new Array<string>(off[nB]));
  const cursor: Int32Array[] = offsets.map((off) => off.slice(0, nB));
  // Whether the matched events came in time order (ties by id), as exports usually do: then so does every
  // bucket — a subsequence of them — and the events are placed as they came. String ids only, so that the
  // order is a total one.
  let inOrder = true;
  for (let k = 0; k < nEvents; k++) {
    const x = id[k];
    if (typeof x !== 'string' || (k > 0 && (at[k] < at[k - 1] || (at[k] === at[k - 1] && id[k - 1] > x)))) {
      inOrder = false;
      break;
    }
  }
  if (inOrder) {
    for (let k = 0; k < nEvents; k++) {
      const x = id[k];
      for (let m = first[k]; m < first[k + 1]; m++) ids[mSlot[m]][cursor[mSlot[m]][mBucket[m]]++] = x;
    }
    return ids;
  }
  // Otherwise the matched events in time order (ties by id) first, then the same placement: each bucket — a
  // subsequence of that order — comes out in time order, the same whatever order the input came in.
  const order = eventsInTimeOrder(at, id);
  for (let r = 0; r < nEvents; r++) {
    const k = order[r];
    const x = id[k];
    for (let m = first[k]; m < first[k + 1]; m++) ids[mSlot[m]][cursor[mSlot[m]][mBucket[m]]++] = x;
  }
  return ids;
}

/** Radix digits of 16 bits: two passes sort a month of millisecond keys, three a period of up to 8,900 years. */
const RADIX = 65536;

/**
 * The matched events (`at[k]`, `id[k]`) ordered by time, ties by id, in linear time: the `k`s sorted. An LSD
 * radix sort on the milliseconds since the earliest one (16 bits a pass, stable), then each run of equal
 * instants put in id order.
 */
function eventsInTimeOrder(key: Float64Array, id: string[]): Int32Array {
  const nEvents = key.length;
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < nEvents; k++) {
    const at = key[k];
    if (at < min) min = at;
    if (at > max) max = at;
  }
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
  for (let r = 1; r < nEvents; r++) {
    if (key[order[r]] !== key[order[r - 1]]) continue;
    const x = order[r];
    const xId = id[x];
    let j = r - 1;
    while (j >= 0 && key[order[j]] === key[x] && id[order[j]] > xId) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = x;
  }
  return order;
}
