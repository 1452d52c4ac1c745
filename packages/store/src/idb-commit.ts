/**
 * One atomic commit of the IndexedDB adapter: every op of `StoreAdapter.commit`
 * in one readwrite transaction, in three steps:
 *
 * 1. every op is issued in order: plain records are put, added (`expectRev:
 *    null`), checked then written (`expectRev: n`), deleted or cleared; event
 *    ops also read the event's old version and call-log ops the log's old
 *    day (for the projections); the journal ops read their months (once
 *    each);
 * 2. once those reads have answered: the `eventDays` and `logDays` records
 *    touched are read, call-log revisions are checked; a journal op whose
 *    month is closed writes its change record;
 * 3. the touched day records are rewritten.
 *
 * The first error aborts the transaction: nothing is written.
 *
 * @module
 */
import type { JournalOp, RecordOp, WriteOp } from './adapter.js';
import { StoreError } from './errors.js';
import { EventDaysWriter } from './event-days.js';
import { Tx, type Key } from './idb-tx.js';
import { LogDaysWriter } from './log-days.js';
import type { StoreName } from './schema.js';

type PlainOp = Exclude<RecordOp, { kind: 'callLogs' }>;

/** The key of a record of a plain kind (its object store's key path). */
export function keyOfRecord(op: Extract<PlainOp, { op: 'put' }>): Key<PlainOp['kind']> {
  switch (op.kind) {
    case 'rulebookVersions':
      return [op.record.rulebookId, op.record.version];
    case 'drafts':
      return [op.record.rulebookId, op.record.editor];
    case 'periods':
      return op.record.month;
    default:
      return op.record.id;
  }
}

/** A key as text, for errors and change notifications. */
export function keyText(key: IDBValidKey): string {
  return Array.isArray(key) ? key.join('@') : String(key);
}

/** The object stores a commit writes or reads. */
export function storesOf(ops: readonly WriteOp[]): StoreName[] {
  const names = new Set<StoreName>();
  for (const op of ops) {
    if (op.op === 'journal') names.add('periods').add('changes');
    else if (op.kind === 'callLogs') names.add('logDays');
    else if (op.kind === 'events') names.add('events').add('eventDays');
    else names.add(op.kind);
  }
  return [...names];
}

/** A put, delete or clear of a plain kind, with its revision check. */
function issue(tx: Tx, op: PlainOp): void {
  const store = tx.store(op.kind);
  if (op.op === 'clear') return store.clear();
  const key = op.op === 'put' ? keyOfRecord(op) : op.key;
  const write = (): void => (op.op === 'put' ? store.put(op.record) : store.delete(op.key));
  if (op.expectRev === undefined) return write();
  if (op.expectRev === null) {
    // `expectRev: null` exists on puts only.
    if (op.op === 'put') store.add(op.record, () => new StoreError('duplicate', { details: { kind: op.kind, id: keyText(key) } }));
    return;
  }
  const expected = op.expectRev;
  store.get(key, (current) => {
    const id = keyText(key);
    if (current === undefined) return tx.fail(new StoreError('not-found', { details: { kind: op.kind, id } }));
    const rev = (current as { rev?: number }).rev;
    if (rev !== expected) return tx.fail(new StoreError('conflict', { details: { kind: op.kind, id, expected, actual: rev, current } }));
    write();
  });
}

/** The journal ops of a commit, by month: one read of each month's period, the change records written when it is closed now. */
function journal(tx: Tx, ops: readonly JournalOp[]): void {
  const byMonth = new Map<string, JournalOp[]>();
  for (const op of ops) {
    const list = byMonth.get(op.record.month);
    if (list) list.push(op);
    else byMonth.set(op.record.month, [op]);
  }
  for (const [month, list] of byMonth) {
    tx.store('periods').get(month, (period) => {
      if (period?.status === 'closed') for (const op of list) tx.store('changes').put(op.record);
    });
  }
}

/** Issue every op of a commit in `tx` (steps 1–3 of the module documentation). */
export function issueOps(tx: Tx, ops: readonly WriteOp[]): void {
  const events = new EventDaysWriter(tx);
  const logs = new LogDaysWriter(tx);
  const journals: JournalOp[] = [];
  for (const op of ops) {
    if (tx.failed) break;
    if (op.op === 'journal') journals.push(op);
    else if (op.kind === 'callLogs') logs.note(op);
    else {
      if (op.kind === 'events') events.note(op);
      issue(tx, op);
    }
  }
  journal(tx, journals);
  tx.whenIdle(() => {
    events.apply();
    logs.apply();
  });
}

/** More work in the commit's transaction (the outbox entry of a recorded call): its stores, and the requests it issues. */
export interface CommitExtra {
  stores: readonly StoreName[];
  run(tx: Tx): void;
}

/** Apply `ops` atomically (see the module documentation), with `extra` in the same transaction. */
export async function runCommit(db: IDBDatabase, ops: readonly WriteOp[], extra?: CommitExtra): Promise<void> {
  const tx = Tx.open(db, [...storesOf(ops), ...(extra?.stores ?? [])], 'readwrite');
  try {
    issueOps(tx, ops);
    extra?.run(tx);
  } catch (e) {
    tx.fail(e);
  }
  await tx.done();
}
