/**
 * The sync side of the IndexedDB adapter: the outbox entry of a recorded
 * call written in its commit's transaction, the server's answers settled,
 * and pulls applied — each one transaction.
 *
 * - A recorded commit adds `{ clientID, id, name, args }` to `outbox`, with
 *   `id` the client's last id + 1 read in the same transaction (an aborted
 *   commit leaves no entry and no gap), and counts each record it wrote in
 *   `syncPending`.
 * - `settle` removes answered entries (their marks too); a `conflict` or
 *   `rejected` answer is kept in `syncIssues` and asks for a reset pull
 *   (the records go back to the server's).
 * - `applyPull` writes the server's changes except on records a pending
 *   entry touched; a reset clears the replica but keeps those records.
 *
 * @module
 */
import type { KeyValue, RecordOp, WriteOp } from './adapter.js';
import { keyOfRecord, issueOps, type CommitExtra } from './idb-commit.js';
import { Tx } from './idb-tx.js';
import { pendingKey, type MutationCall, type OutboxEntry, type PendingMark, type SyncIssue } from './outbox.js';
import type { StoreName } from './schema.js';
import type { RecordKind } from './types.js';

/** Every record kind (a reset clears them all). */
export const RECORD_KINDS: readonly RecordKind[] = [
  'rulebookVersions',
  'drafts',
  'formDrafts',
  'callLogs',
  'callLogHistory',
  'events',
  'appeals',
  'teams',
  'members',
  'periods',
  'changes',
];

const RECORD_STORES: readonly StoreName[] = [
  'rulebookVersions',
  'drafts',
  'formDrafts',
  'logDays',
  'callLogHistory',
  'events',
  'eventDays',
  'appeals',
  'teams',
  'members',
  'periods',
  'changes',
];

const SYNC_STORES: readonly StoreName[] = ['outbox', 'syncPending', 'syncIssues', 'syncMeta'];

/** The records a commit writes, as pending marks (once each). */
export function touchedBy(ops: readonly WriteOp[]): Omit<PendingMark, 'count'>[] {
  const out = new Map<string, Omit<PendingMark, 'count'>>();
  const add = (kind: RecordKind, k: KeyValue): void => void out.set(pendingKey(kind, k), { key: pendingKey(kind, k), kind, k });
  for (const op of ops) {
    if (op.op === 'journal') add('changes', op.record.id);
    else if (op.op === 'delete') add(op.kind, op.key as KeyValue);
    else if (op.op === 'put') add(op.kind, op.kind === 'callLogs' ? op.record.id : (keyOfRecord(op) as KeyValue));
  }
  return [...out.values()];
}

/** The outbox entry of a recorded call, written in the commit's transaction. */
export function outboxExtra(ops: readonly WriteOp[], call: MutationCall, clientID: string, at: string): CommitExtra {
  const touched = touchedBy(ops);
  return {
    stores: ['outbox', 'syncPending', 'syncMeta'],
    run(tx) {
      const meta = tx.store('syncMeta');
      const key = `client:${clientID}`;
      meta.get(key, (last) => {
        const id = (typeof last?.value === 'number' ? last.value : 0) + 1;
        const entry: OutboxEntry = {
          clientID,
          id,
          name: call.name,
          args: call.args,
          member: call.member,
          at,
          touched: touched.map((t) => t.key),
        };
        tx.store('outbox').put(entry);
        meta.put({ key, value: id });
      });
      const marks = tx.store('syncPending');
      for (const t of touched) marks.get(t.key, (m) => marks.put({ ...t, count: (m?.count ?? 0) + 1 }));
    },
  };
}

/** Every pending entry, per client in id order. */
export async function readOutbox(db: IDBDatabase): Promise<OutboxEntry[]> {
  const tx = Tx.open(db, ['outbox'], 'readonly');
  let rows: OutboxEntry[] = [];
  tx.store('outbox').getAll(undefined, (r) => (rows = r));
  await tx.done();
  return rows;
}

/** The kept conflicts and rejections, oldest first. */
export async function readIssues(db: IDBDatabase): Promise<SyncIssue[]> {
  const tx = Tx.open(db, ['syncIssues'], 'readonly');
  let rows: SyncIssue[] = [];
  tx.store('syncIssues').getAll(undefined, (r) => (rows = r));
  await tx.done();
  return rows.sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0));
}

/** Forget a kept issue (the user chose). */
export async function dismissIssue(db: IDBDatabase, clientID: string, id: number): Promise<void> {
  const tx = Tx.open(db, ['syncIssues'], 'readwrite');
  tx.store('syncIssues').delete([clientID, id]);
  await tx.done();
}

export async function readMeta(db: IDBDatabase, key: string): Promise<unknown> {
  const tx = Tx.open(db, ['syncMeta'], 'readonly');
  let value: unknown;
  tx.store('syncMeta').get(key, (r) => (value = r?.value));
  await tx.done();
  return value;
}

export async function writeMeta(db: IDBDatabase, key: string, value: unknown): Promise<void> {
  const tx = Tx.open(db, ['syncMeta'], 'readwrite');
  tx.store('syncMeta').put({ key, value });
  await tx.done();
}

/**
 * Re-base a client's pending entries on the id the server expects (after a `409 mutation-gap`: the server
 * lost ids this outbox already removed — a restore from a backup — so they can never be resent): its entries
 * are numbered `expected`, `expected + 1`… in their order, and the client's counter moves to the last one, in
 * one transaction (a call recorded meanwhile in another tab takes the next id). Kept issues of the client at
 * those ids move aside (their key gets a suffix), so a later answer cannot overwrite them. Returns how many
 * entries moved (0 when there is nothing to re-base: the first pending id is already `expected`, or none is
 * pending).
 */
export async function rebaseClient(db: IDBDatabase, clientID: string, expected: number): Promise<number> {
  const tx = Tx.open(db, ['outbox', 'syncMeta', 'syncIssues'], 'readwrite');
  const outbox = tx.store('outbox');
  let moved = 0;
  outbox.getAll(undefined, (rows) => {
    const mine = rows.filter((e) => e.clientID === clientID).sort((a, b) => a.id - b.id);
    if (mine.length === 0 || mine[0].id === expected) return;
    for (const e of mine) outbox.delete([e.clientID, e.id]);
    mine.forEach((e, k) => outbox.put({ ...e, id: expected + k }));
    tx.store('syncMeta').put({ key: `client:${clientID}`, value: expected + mine.length - 1 });
    moved = mine.length;
    const issues = tx.store('syncIssues');
    issues.getAll(undefined, (kept) => {
      for (const i of kept.filter((x) => x.clientID === clientID && x.id >= expected)) {
        issues.delete([i.clientID, i.id]);
        issues.put({ ...i, clientID: `${clientID}~before-${expected}` });
      }
    });
  });
  await tx.done();
  return moved;
}

/** The server's answer to one pushed entry (docs/sync.md `MutationResult`). */
export interface PushResult {
  clientID: string;
  id: number;
  status: 'applied' | 'conflict' | 'rejected';
  code?: string;
  message?: { 'zh-CN': string; en: string };
  server?: unknown;
  fields?: unknown;
  details?: unknown;
}

/** Remove answered entries and their marks; keep conflicts and rejections (then a reset pull is due). Returns how many were kept. */
export async function settle(db: IDBDatabase, results: readonly PushResult[], receivedAt: string): Promise<number> {
  const tx = Tx.open(db, SYNC_STORES, 'readwrite');
  const outbox = tx.store('outbox');
  const marks = tx.store('syncPending');
  const answered: [PushResult, OutboxEntry][] = [];
  let kept = 0;
  for (const r of results) outbox.get([r.clientID, r.id], (entry) => entry && answered.push([r, entry]));
  tx.whenIdle(() => {
    const counts = new Map<string, PendingMark>();
    for (const k of new Set(answered.flatMap(([, e]) => e.touched))) marks.get(k, (m) => m && counts.set(k, m));
    for (const [r, entry] of answered) {
      outbox.delete([r.clientID, r.id]);
      if (r.status === 'applied') continue;
      kept++;
      const issue: SyncIssue = { ...entry, status: r.status, receivedAt };
      for (const f of ['code', 'message', 'server', 'fields', 'details'] as const) {
        if (r[f] !== undefined) (issue as unknown as Record<string, unknown>)[f] = r[f];
      }
      tx.store('syncIssues').put(issue);
    }
    tx.whenIdle(() => {
      for (const [, entry] of answered) for (const k of entry.touched) if (counts.has(k)) counts.get(k)!.count--;
      for (const [k, m] of counts) {
        if (m.count > 0) marks.put(m);
        else marks.delete(k);
      }
      if (kept) tx.store('syncMeta').put({ key: 'needsReset', value: true });
    });
  });
  await tx.done();
  return kept;
}

/** One change of a pull (docs/sync.md). */
export type PatchOp =
  { op: 'clear' } | { op: 'del'; kind: RecordKind; key: unknown } | { op: 'put'; kind: RecordKind; key: unknown; value: unknown };

/**
 * Apply a pull's patch in one transaction: nothing on a record a pending
 * entry touched (a reset keeps those records as they are here), then store
 * `meta` (the new cookie, the sync time).
 */
export async function applyPull(db: IDBDatabase, patch: readonly PatchOp[], meta: Record<string, unknown>): Promise<void> {
  const kinds = new Set<string>(RECORD_KINDS);
  const tx = Tx.open(db, [...RECORD_STORES, ...SYNC_STORES], 'readwrite');
  const reset = patch.some((p) => p.op === 'clear');
  tx.store('syncPending').getAll(undefined, (marks) => {
    const guarded = new Set(marks.map((m) => m.key));
    const kept: RecordOp[] = [];
    if (reset) {
      for (const m of marks) {
        const keep = (record: unknown): void => void (record !== undefined && kept.push({ kind: m.kind, op: 'put', record } as RecordOp));
        if (m.kind === 'callLogs') tx.store('logDays').getFromIndex('by-id', String(m.k), (day) => keep(day?.logs[String(m.k)]));
        else if (kinds.has(m.kind)) tx.store(m.kind as Exclude<RecordKind, 'callLogs'>).get(m.k as never, keep);
      }
    }
    tx.whenIdle(() => {
      const ops: WriteOp[] = [];
      if (reset) for (const kind of RECORD_KINDS) ops.push({ kind, op: 'clear' } as RecordOp);
      const dels: RecordOp[] = [];
      const puts: RecordOp[] = [];
      for (const p of patch) {
        if (p.op === 'clear' || !kinds.has(p.kind)) continue;
        if (guarded.has(pendingKey(p.kind, p.key as KeyValue))) continue;
        if (p.op === 'del') dels.push({ kind: p.kind, op: 'delete', key: p.key } as RecordOp);
        else puts.push({ kind: p.kind, op: 'put', record: p.value } as RecordOp);
      }
      ops.push(...dels, ...puts, ...kept);
      issueOps(tx, ops);
      const metaStore = tx.store('syncMeta');
      for (const [key, value] of Object.entries(meta)) metaStore.put({ key, value });
      if (reset) metaStore.delete('needsReset');
    });
  });
  await tx.done();
}
