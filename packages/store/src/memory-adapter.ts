/**
 * A {@link StoreAdapter} that keeps every record in memory: the store without
 * a browser (Node scripts, a server's tests, what-if sandboxes), and the
 * reference implementation of the adapter contract in a few lines — keys,
 * index key shapes, inclusive ranges in IndexedDB key order, revision
 * checks, journal ops resolved inside the commit, all-or-nothing commits.
 * Nothing is persisted; listeners of this adapter are the only ones notified.
 *
 * @example
 * ```ts
 * import { createStore } from '@rulecard/store';
 * import { MemoryAdapter } from '@rulecard/store/memory';
 * const store = createStore(new MemoryAdapter(), { timezone: 'Asia/Shanghai' });
 * ```
 *
 * @module
 */
import type { CommitHint, KeyValue, Query, RecordKeys, RecordTypes, StoreAdapter, WriteOp } from './adapter.js';
import { StoreError } from './errors.js';
import type { RecordKind, StoreListener } from './types.js';

type AnyRecord = RecordTypes[RecordKind];

/** A key-valued field of a record (a string or a number), or undefined. */
function field(r: AnyRecord, name: string): string | number | undefined {
  const v: unknown = Reflect.get(r, name);
  return typeof v === 'string' || typeof v === 'number' ? v : undefined;
}

/** The primary key of a record of `kind` (see `RecordKeys`). */
function primaryKey(kind: RecordKind, r: AnyRecord): KeyValue {
  const key =
    kind === 'rulebookVersions'
      ? [field(r, 'rulebookId'), field(r, 'version')]
      : kind === 'drafts'
        ? [field(r, 'rulebookId'), field(r, 'editor')]
        : field(r, kind === 'periods' ? 'month' : 'id');
  if (key === undefined || (Array.isArray(key) && key.some((k) => k === undefined))) {
    throw new StoreError('validation', { details: { reason: 'no-key', kind } });
  }
  return key as KeyValue;
}

/** The key of `r` in index `index` of `kind` (see `RecordIndexes`), or undefined when the record is not in the index. */
function indexKey(kind: RecordKind, index: string, r: AnyRecord): KeyValue | undefined {
  const pair = (a: string, b: string): KeyValue | undefined => {
    const [x, y] = [field(r, a), field(r, b)];
    return x === undefined || y === undefined ? undefined : [x, y];
  };
  switch (`${kind}.${index}`) {
    case 'callLogs.by-consultant-date':
      return pair('consultant', 'date');
    case 'callLogs.by-follow-up-due':
      return field(r, 'followUpDueAt');
    case 'events.by-consultant-day':
    case 'appeals.by-consultant-day':
      return pair('consultant', 'day');
    case 'formDrafts.by-owner-form':
      return pair('owner', 'form');
    case 'callLogHistory.by-log':
      return field(r, 'logId');
    case 'members.by-team':
      return field(r, 'teamId');
    case 'changes.by-month':
      return field(r, 'month');
    default:
      throw new StoreError('aborted', { details: { reason: 'unknown-index', kind, index } });
  }
}

/** IndexedDB's key order: numbers < strings < arrays (element by element). */
export function compareKeys(a: KeyValue, b: KeyValue): number {
  const rank = (k: KeyValue): number => (typeof k === 'number' ? 0 : typeof k === 'string' ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareKeys(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function inRange(key: KeyValue, q: { only?: KeyValue; lower?: KeyValue; upper?: KeyValue }): boolean {
  if (q.only !== undefined) return compareKeys(key, q.only) === 0;
  if (q.lower !== undefined && compareKeys(key, q.lower) < 0) return false;
  if (q.upper !== undefined && compareKeys(key, q.upper) > 0) return false;
  return true;
}

const text = (key: KeyValue): string => JSON.stringify(key);

/** See the module documentation. */
export class MemoryAdapter implements StoreAdapter {
  private tables = new Map<RecordKind, Map<string, AnyRecord>>();
  private listeners = new Set<StoreListener>();
  private closed = false;

  private table(kind: RecordKind, tables = this.tables): Map<string, AnyRecord> {
    let t = tables.get(kind);
    if (!t) tables.set(kind, (t = new Map()));
    return t;
  }

  private live(): void {
    if (this.closed) throw new StoreError('connection-closed');
  }

  async get<K extends RecordKind>(kind: K, key: RecordKeys[K]): Promise<RecordTypes[K] | undefined> {
    this.live();
    const r = this.table(kind).get(text(key as KeyValue));
    return r === undefined ? undefined : (structuredClone(r) as RecordTypes[K]);
  }

  async query<K extends RecordKind>(kind: K, q: Query<K>): Promise<RecordTypes[K][]> {
    this.live();
    const keyed: [KeyValue, AnyRecord][] = [];
    for (const r of this.table(kind).values()) {
      const key = q.index ? indexKey(kind, q.index, r) : primaryKey(kind, r);
      if (key !== undefined && inRange(key, q)) keyed.push([key, r]);
    }
    keyed.sort((a, b) => compareKeys(a[0], b[0]) || compareKeys(primaryKey(kind, a[1]), primaryKey(kind, b[1])));
    return keyed.map(([, r]) => structuredClone(r) as RecordTypes[K]);
  }

  async queryMany<K extends RecordKind>(kind: K, queries: Query<K>[]): Promise<RecordTypes[K][]> {
    const parts = await Promise.all(queries.map((q) => this.query(kind, q)));
    return parts.flat();
  }

  async readTogether<A extends RecordKind, B extends RecordKind>(
    a: { kind: A; queries: Query<A>[] },
    b: { kind: B; queries: Query<B>[] },
  ): Promise<[RecordTypes[A][], RecordTypes[B][]]> {
    return [await this.queryMany(a.kind, a.queries), await this.queryMany(b.kind, b.queries)];
  }

  getAll<K extends RecordKind>(kind: K): Promise<RecordTypes[K][]> {
    return this.query(kind, {});
  }

  async count<K extends RecordKind>(kind: K, q: Query<K> = {}): Promise<number> {
    return (await this.query(kind, q)).length;
  }

  /** All or nothing: the ops are applied to copies of the tables they touch, which replace the tables only when every op passed. */
  async commit(ops: WriteOp[], hint: CommitHint = {}): Promise<void> {
    this.live();
    if (ops.length === 0) return;
    const next = new Map<RecordKind, Map<string, AnyRecord>>();
    const draft = (kind: RecordKind): Map<string, AnyRecord> => {
      if (!next.has(kind)) next.set(kind, new Map(this.table(kind)));
      return next.get(kind)!;
    };
    for (const op of ops) {
      if (op.op === 'journal') {
        const period = draft('periods').get(text(op.record.month));
        if (period && 'status' in period && period.status === 'closed')
          draft('changes').set(text(op.record.id), structuredClone(op.record));
        continue;
      }
      const t = draft(op.kind);
      if (op.op === 'clear') {
        t.clear();
        continue;
      }
      const key = op.op === 'put' ? primaryKey(op.kind, op.record) : op.key;
      const current = t.get(text(key));
      const id = Array.isArray(key) ? key.join('@') : String(key);
      if (op.expectRev === null && current) throw new StoreError('duplicate', { details: { kind: op.kind, id } });
      if (typeof op.expectRev === 'number') {
        if (!current) throw new StoreError('not-found', { details: { kind: op.kind, id } });
        const rev = (current as { rev?: number }).rev;
        if (rev !== op.expectRev) {
          throw new StoreError('conflict', { details: { kind: op.kind, id, expected: op.expectRev, actual: rev, current } });
        }
      }
      if (op.op === 'put') t.set(text(key), structuredClone(op.record));
      else t.delete(text(key));
    }
    for (const [kind, t] of next) this.tables.set(kind, t);
    const kinds = [...new Set(ops.filter((o) => o.op !== 'journal').map((o) => o.kind))];
    const change = {
      type: 'changed' as const,
      origin: 'this-tab' as const,
      kinds,
      ids: [],
      consultants: hint.consultants ?? [],
      days: hint.days ?? [],
    };
    for (const l of [...this.listeners]) l(change);
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
  }
}
