/**
 * The `logDays` layout of the IndexedDB adapter: call logs kept one record
 * per (consultant, date) holding that day's logs, with multi-entry indexes
 * `by-id` (find a log's day) and `by-due` (days with a pending follow-up).
 * Importing 10,000 logs writes ~1,100 records (IndexedDB's cost is per
 * record). Above the adapter they are the logical `callLogs` kind. This
 * module writes them (loaded with the adapter's commits); `day-reads.ts` reads.
 *
 * @module
 */
import type { RecordOp } from './adapter.js';
import { StoreError } from './errors.js';
import type { Tx, TxStore } from './idb-tx.js';
import { withLogIndexes, type LogDay } from './schema.js';
import type { CallLog } from './types.js';

type LogOp = Extract<RecordOp, { kind: 'callLogs' }>;

interface LogChange {
  id: string;
  next?: CallLog;
  expectRev?: number | null;
  /** The day record holding the log before this commit (read by `note`). */
  oldDay?: LogDay;
}

const dayKey = (consultant: string, date: string): string => `${consultant}\u0000${date}`;
const emptyDay = (consultant: string, date: string): LogDay => ({ consultant, date, logs: {}, ids: [], due: [] });

/** Applies the call-log ops of one commit to `logDays`, with their revision checks. */
export class LogDaysWriter {
  private readonly changes: LogChange[] = [];

  constructor(private readonly tx: Tx) {}

  /** A call-log op: finds the log's current day record (unless `fresh`: a new generated id). */
  note(op: LogOp): void {
    const days = this.tx.store('logDays');
    if (op.op === 'clear') {
      this.changes.length = 0;
      days.clear();
      return;
    }
    const change: LogChange =
      op.op === 'put' ? { id: op.record.id, next: op.record, expectRev: op.expectRev } : { id: op.key, expectRev: op.expectRev };
    this.changes.push(change);
    if (op.op === 'put' && op.fresh) return;
    days.getFromIndex('by-id', change.id, (day) => (change.oldDay = day));
  }

  /** Once every current day is known: read the new days needed, then check revisions and rewrite the touched days. */
  apply(): void {
    if (this.changes.length === 0) return;
    const days = this.tx.store('logDays');
    const buckets = new Map<string, LogDay>();
    /** Log id → the bucket holding it now. */
    const where = new Map<string, string>();
    for (const ch of this.changes) {
      if (!ch.oldDay) continue;
      const k = dayKey(ch.oldDay.consultant, ch.oldDay.date);
      if (!buckets.has(k)) buckets.set(k, ch.oldDay);
      if (!where.has(ch.id) && buckets.get(k)!.logs[ch.id]) where.set(ch.id, k);
    }
    for (const ch of this.changes) {
      if (!ch.next) continue;
      const { consultant, date } = ch.next;
      const k = dayKey(consultant, date);
      if (buckets.has(k)) continue;
      buckets.set(k, emptyDay(consultant, date)); // reserved; replaced by the stored day when there is one
      days.get([consultant, date], (found) => found && buckets.set(k, found));
    }
    this.tx.whenIdle(() => this.write(days, buckets, where));
  }

  private write(days: TxStore<'logDays'>, buckets: Map<string, LogDay>, where: Map<string, string>): void {
    const touched = new Set<string>();
    for (const ch of this.changes) {
      const at = where.get(ch.id);
      const current = at ? buckets.get(at)!.logs[ch.id] : undefined;
      const refused = check(ch, current);
      if (refused) return this.tx.fail(refused);
      if (at && current) {
        delete buckets.get(at)!.logs[ch.id];
        where.delete(ch.id);
        touched.add(at);
      }
      if (ch.next) {
        const k = dayKey(ch.next.consultant, ch.next.date);
        buckets.get(k)!.logs[ch.id] = ch.next;
        where.set(ch.id, k);
        touched.add(k);
      }
    }
    for (const k of touched) {
      const day = withLogIndexes(buckets.get(k)!);
      if (day.ids.length) days.put(day);
      else days.delete([day.consultant, day.date]);
    }
  }
}

/** The revision check of one change against the stored log, or undefined when it passes. */
function check(ch: LogChange, current: CallLog | undefined): StoreError | undefined {
  if (ch.expectRev === null && current) return new StoreError('duplicate', { details: { kind: 'callLogs', id: ch.id } });
  if (typeof ch.expectRev !== 'number') return undefined;
  if (!current) return new StoreError('not-found', { details: { kind: 'callLogs', id: ch.id } });
  if (current.rev !== ch.expectRev) {
    return new StoreError('conflict', { details: { kind: 'callLogs', id: ch.id, expected: ch.expectRev, actual: current.rev, current } });
  }
  return undefined;
}
