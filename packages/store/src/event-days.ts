/**
 * The `eventDays` projection of the IndexedDB adapter: one record per
 * (consultant, day) holding that day's events, rewritten in the same
 * transaction as every event write. Range reads of a consultant's days read
 * ~30 records a month instead of ~1,500 (IndexedDB's cost is per record).
 * The `events` store stays the source of truth; this is invisible above the
 * adapter (`query('events', { index: 'by-consultant-day' })` reads it).
 *
 * @module
 */
import type { RecordOp } from './adapter.js';
import type { Tx, TxStore } from './idb-tx.js';
import type { EventDay } from './schema.js';
import type { StoredEvent } from './types.js';

type EventOp = Extract<RecordOp, { kind: 'events' }>;

const dayKey = (consultant: string, day: string): string => `${consultant}\u0000${day}`;

/** Keeps `eventDays` equal to `events` through the event ops of one commit. */
export class EventDaysWriter {
  private readonly changes: { old?: StoredEvent; next?: StoredEvent }[] = [];
  /**
   * After a `clear` in this commit (an import replacing everything): the ids written since. Any other event has
   * no stored version and no day record left, so nothing is read for it (an import of thousands of events
   * issued as many useless reads).
   */
  private sinceClear: Set<string> | undefined;

  constructor(private readonly tx: Tx) {}

  /**
   * An event op, before it is applied to `events`: reads the event's stored
   * version (unless `fresh`, or cleared in this commit), so `apply` can move it out of its old day.
   */
  note(op: EventOp): void {
    if (op.op === 'clear') {
      this.changes.length = 0;
      this.sinceClear = new Set();
      this.tx.store('eventDays').clear();
      return;
    }
    const id = op.op === 'put' ? op.record.id : String(op.key);
    const change: { old?: StoredEvent; next?: StoredEvent } = op.op === 'put' ? { next: op.record } : {};
    this.changes.push(change);
    const cleared = this.sinceClear !== undefined && !this.sinceClear.has(id);
    if (op.op === 'put') this.sinceClear?.add(id);
    if ((op.op === 'put' && op.fresh) || cleared) return;
    this.tx.store('events').get(op.op === 'put' ? op.record.id : op.key, (old) => (change.old = old));
  }

  /** Once every old version is read: read the touched day records (none left after a clear), then rewrite them. */
  apply(): void {
    if (this.changes.length === 0) return;
    const days = this.tx.store('eventDays');
    const keys = new Map<string, [string, string]>();
    for (const c of this.changes) for (const e of [c.old, c.next]) if (e) keys.set(dayKey(e.consultant, e.day), [e.consultant, e.day]);
    const buckets = new Map<string, EventDay>();
    const empty = (key: [string, string]): EventDay => ({ consultant: key[0], day: key[1], events: {} });
    if (this.sinceClear) for (const [k, key] of keys) buckets.set(k, empty(key));
    else for (const [k, key] of keys) days.get(key, (found) => buckets.set(k, found ?? empty(key)));
    this.tx.whenIdle(() => this.write(days, buckets));
  }

  private write(days: TxStore<'eventDays'>, buckets: Map<string, EventDay>): void {
    for (const c of this.changes) {
      if (c.old) delete buckets.get(dayKey(c.old.consultant, c.old.day))!.events[c.old.id];
      if (c.next) buckets.get(dayKey(c.next.consultant, c.next.day))!.events[c.next.id] = c.next;
    }
    for (const bucket of buckets.values()) {
      if (Object.keys(bucket.events).length) days.put(bucket);
      else days.delete([bucket.consultant, bucket.day]);
    }
  }
}
