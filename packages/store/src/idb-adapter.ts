/**
 * The default {@link StoreAdapter}: the browser's IndexedDB through `idb`.
 *
 * - Opening runs the ordered migrations of `schema.ts`; a database written by
 *   newer code fails with `version-too-new` and is left untouched; an upgrade
 *   blocked by another tab fails with `upgrade-blocked`.
 * - When another tab upgrades, this connection closes itself (so the upgrade
 *   is not blocked) and listeners get `{ type: 'closed', reason: 'versionchange' }`.
 * - Every `commit` is one readwrite transaction; revision checks run inside
 *   it, so two tabs cannot interleave a read-check-write.
 * - Commits are announced to this tab's listeners and, through a
 *   BroadcastChannel named `rulecard-store:<db name>`, to other tabs.
 *
 * @module
 */
import { openDB, unwrap, type IDBPDatabase } from 'idb';
import type { CommitHint, Query, RecordKeys, RecordTypes, StoreAdapter, WriteOp, KeyValue } from './adapter.js';
import { StoreError, toStoreError } from './errors.js';
import {
  DEFAULT_DB_NAME,
  MIGRATIONS,
  SCHEMA_VERSION,
  withLogIndexes,
  type EventDay,
  type LogDay,
  type RulecardDB,
  type UpgradeDB,
  type UpgradeTx,
} from './schema.js';
import type { CallLog, RecordKind, StoredEvent, StoreChange, StoreListener } from './types.js';

export interface IdbAdapterOptions {
  /** Database name (default `rulecard`). */
  name?: string;
  /** Time zone migrations use to compute days (default `Asia/Shanghai`). */
  timezone?: string;
}

interface BroadcastMessage {
  kinds: RecordKind[];
  ids: string[];
  consultants: string[];
  days: string[];
}

const MAX_IDS = 500;

/** Open (creating or upgrading) the database and return the adapter. */
export async function openIdbAdapter(options: IdbAdapterOptions = {}): Promise<IdbAdapter> {
  const name = options.name ?? DEFAULT_DB_NAME;
  const timezone = options.timezone ?? 'Asia/Shanghai';
  if (typeof indexedDB === 'undefined') throw new StoreError('unavailable');
  let adapter: IdbAdapter | undefined;
  const db = await new Promise<IDBPDatabase<RulecardDB>>((resolve, reject) => {
    let settled = false;
    openDB<RulecardDB>(name, SCHEMA_VERSION, {
      async upgrade(database, oldVersion, _newVersion, transaction) {
        const untypedDb = database as unknown as UpgradeDB;
        const untypedTx = transaction as unknown as UpgradeTx;
        for (const m of MIGRATIONS) {
          if (m.version > oldVersion) await m.run(untypedDb, untypedTx, { timezone });
        }
      },
      blocked() {
        if (!settled) {
          settled = true;
          reject(new StoreError('upgrade-blocked'));
        }
      },
      blocking() {
        adapter?.closeForUpgrade();
      },
      terminated() {
        adapter?.closeByBrowser();
      },
    }).then(
      (opened) => {
        if (settled)
          opened.close(); // the caller was already told it is blocked
        else {
          settled = true;
          resolve(opened);
        }
      },
      (e: unknown) => {
        if (!settled) {
          settled = true;
          reject(toStoreError(e));
        }
      },
    );
  });
  adapter = new IdbAdapter(db, name);
  return adapter;
}

function keyRange(q: { only?: KeyValue; lower?: KeyValue; upper?: KeyValue }): IDBKeyRange | undefined {
  if (q.only !== undefined) return IDBKeyRange.bound(q.only, q.only); // one key (same as IDBKeyRange.only)
  if (q.lower !== undefined && q.upper !== undefined) return IDBKeyRange.bound(q.lower, q.upper);
  if (q.lower !== undefined) return IDBKeyRange.lowerBound(q.lower);
  if (q.upper !== undefined) return IDBKeyRange.upperBound(q.upper);
  return undefined;
}

function recordId(kind: RecordKind, record: Record<string, unknown>): string {
  if (kind === 'rulebookVersions') return `${String(record.rulebookId)}@${String(record.version)}`;
  if (kind === 'drafts') return `${String(record.rulebookId)}/${String(record.editor)}`;
  if (kind === 'periods') return String(record.month);
  return String(record.id);
}

/** See the module documentation. */
export class IdbAdapter implements StoreAdapter {
  readonly name: string;
  private db: IDBPDatabase<RulecardDB>;
  private closed = false;
  private listeners = new Set<StoreListener>();
  private channel: BroadcastChannel | null;

  constructor(db: IDBPDatabase<RulecardDB>, name: string) {
    this.db = db;
    this.name = name;
    this.channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(`rulecard-store:${name}`);
    if (this.channel) {
      this.channel.onmessage = (ev: MessageEvent<BroadcastMessage>) => {
        if (this.closed) return;
        this.emit({ type: 'changed', origin: 'other-tab', ...ev.data });
      };
    }
  }

  /** True once the connection is closed. */
  get isClosed(): boolean {
    return this.closed;
  }

  private live(): IDBPDatabase<RulecardDB> {
    if (this.closed) throw new StoreError('connection-closed');
    return this.db;
  }

  private emit(change: StoreChange): void {
    for (const l of [...this.listeners]) {
      try {
        l(change);
      } catch (e) {
        // A failing listener must not break the store or other listeners.
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  }

  /** Another tab wants to upgrade: close at once so it is not blocked, and tell the user. */
  closeForUpgrade(): void {
    if (this.closed) return;
    this.shutdown();
    const err = new StoreError('connection-closed');
    this.emit({ type: 'closed', reason: 'versionchange', message: err.texts });
  }

  closeByBrowser(): void {
    if (this.closed) return;
    this.shutdown();
    this.emit({ type: 'closed', reason: 'closed-by-browser', message: new StoreError('connection-closed').texts });
  }

  private shutdown(): void {
    this.closed = true;
    this.db.close();
    this.channel?.close();
    this.channel = null;
  }

  close(): void {
    if (!this.closed) this.shutdown();
    this.listeners.clear();
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async get<K extends RecordKind>(kind: K, key: RecordKeys[K]): Promise<RecordTypes[K] | undefined> {
    if (kind === 'callLogs') return (await this.query(kind, { only: key as string }))[0];
    const db = this.live() as unknown as IDBPDatabase<unknown>;
    try {
      return (await db.get(kind, key as IDBValidKey)) as RecordTypes[K] | undefined;
    } catch (e) {
      throw toStoreError(e);
    }
  }

  /**
   * Range reads over one or more kinds in one read transaction. Reads of
   * `events` by `by-consultant-day` are served from the `eventDays` projection.
   */
  private read(parts: { kind: RecordKind; queries: Query<RecordKind>[] }[]): Promise<unknown[][]> {
    const db = unwrap(this.live()) as IDBDatabase;
    const projected = (kind: RecordKind, q: Query<RecordKind>): boolean => kind === 'events' && q.index === 'by-consultant-day';
    const physical = (kind: RecordKind, q: Query<RecordKind>): string =>
      kind === 'callLogs' ? 'logDays' : projected(kind, q) ? 'eventDays' : kind;
    const names = new Set<string>();
    for (const p of parts) for (const q of p.queries) names.add(physical(p.kind, q));
    if (names.size === 0) return Promise.resolve(parts.map(() => []));
    return new Promise((resolve, reject) => {
      let tx: IDBTransaction;
      try {
        tx = db.transaction([...names], 'readonly');
      } catch (e) {
        reject(toStoreError(e));
        return;
      }
      const results: unknown[][][] = parts.map((p) => p.queries.map(() => []));
      parts.forEach((p, pi) => {
        p.queries.forEach((q, qi) => {
          if (p.kind === 'callLogs') {
            readLogs(tx.objectStore('logDays'), q as Query<'callLogs'>, (rows) => (results[pi][qi] = rows));
            return;
          }
          const byDay = projected(p.kind, q);
          const store = tx.objectStore(byDay ? 'eventDays' : p.kind);
          const source = q.index && !byDay ? store.index(q.index as string) : store;
          const req = source.getAll(keyRange(q));
          req.onsuccess = () => {
            results[pi][qi] = byDay ? (req.result as EventDay[]).flatMap((d) => Object.values(d.events)) : req.result;
          };
        });
      });
      tx.oncomplete = () => resolve(results.map((r) => r.flat()));
      tx.onabort = () => reject(toStoreError(tx.error));
    });
  }

  async query<K extends RecordKind>(kind: K, q: Query<K>): Promise<RecordTypes[K][]> {
    const [rows] = await this.read([{ kind, queries: [q as Query<RecordKind>] }]);
    return rows as RecordTypes[K][];
  }

  async queryMany<K extends RecordKind>(kind: K, queries: Query<K>[]): Promise<RecordTypes[K][]> {
    const [rows] = await this.read([{ kind, queries: queries as Query<RecordKind>[] }]);
    return rows as RecordTypes[K][];
  }

  async readTogether<A extends RecordKind, B extends RecordKind>(
    a: { kind: A; queries: Query<A>[] },
    b: { kind: B; queries: Query<B>[] },
  ): Promise<[RecordTypes[A][], RecordTypes[B][]]> {
    const [ra, rb] = await this.read([
      { kind: a.kind, queries: a.queries as Query<RecordKind>[] },
      { kind: b.kind, queries: b.queries as Query<RecordKind>[] },
    ]);
    return [ra as RecordTypes[A][], rb as RecordTypes[B][]];
  }

  async getAll<K extends RecordKind>(kind: K): Promise<RecordTypes[K][]> {
    return this.query(kind, {});
  }

  async count<K extends RecordKind>(kind: K, q: Query<K> = {}): Promise<number> {
    if ((kind === 'events' && q.index) || kind === 'callLogs') return (await this.query(kind, q)).length;
    const db = this.live() as unknown as IDBPDatabase<unknown>;
    try {
      const range = keyRange(q);
      return q.index ? await db.countFromIndex(kind, q.index as string, range) : await db.count(kind, range);
    } catch (e) {
      throw toStoreError(e);
    }
  }

  async commit(ops: WriteOp[], hint: CommitHint = {}): Promise<void> {
    if (ops.length === 0) return;
    // Raw IndexedDB requests (no promise per request): a 30,000-record import is one
    // transaction with one completion callback. Revision checks read and write inside it.
    const db = unwrap(this.live()) as IDBDatabase;
    const kinds: string[] = [...new Set(ops.map((o) => (o.kind === 'callLogs' ? 'logDays' : o.kind)))];
    if (kinds.includes('events')) kinds.push('eventDays');
    await new Promise<void>((resolve, reject) => {
      let tx: IDBTransaction;
      try {
        tx = db.transaction(kinds, 'readwrite');
      } catch (e) {
        reject(toStoreError(e));
        return;
      }
      let firstError: StoreError | undefined;
      const fail = (e: StoreError): void => {
        if (!firstError) firstError = e;
        try {
          tx.abort();
        } catch {
          // already finished or aborting
        }
      };
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(firstError ?? toStoreError(tx.error ?? new DOMException('Transaction aborted', 'AbortError')));
      const stores = new Map<string, IDBObjectStore>();
      const storeOf = (kind: string): IDBObjectStore => {
        let st = stores.get(kind);
        if (!st) {
          st = tx.objectStore(kind);
          stores.set(kind, st);
        }
        return st;
      };
      const checked = (store: IDBObjectStore, key: IDBValidKey, kind: RecordKind, expected: number, then: () => void): void => {
        const get = store.get(key);
        get.onsuccess = () => {
          const current = get.result as { rev?: number } | undefined;
          const id = Array.isArray(key) ? key.join('@') : String(key);
          if (current === undefined) fail(new StoreError('not-found', { details: { kind, id } }));
          else if (current.rev !== expected)
            fail(new StoreError('conflict', { details: { kind, id, expected, actual: current.rev, current } }));
          else {
            try {
              then();
            } catch (e) {
              fail(toStoreError(e));
            }
          }
        };
      };
      // The eventDays projection: read each written event's old version before the write,
      // then move it between (consultant, day) records once all old versions are known.
      const eventChanges: { old?: StoredEvent; next?: StoredEvent }[] = [];
      let pendingOld = 0;
      let issuedAll = false;
      let projected = false;
      const project = (): void => {
        if (projected || !issuedAll || pendingOld > 0 || firstError || eventChanges.length === 0) return;
        projected = true;
        const days = storeOf('eventDays');
        const keyOfEvent = (e: StoredEvent): string => `${e.consultant}\u0000${e.day}`;
        const keys = new Map<string, [string, string]>();
        for (const c of eventChanges) for (const e of [c.old, c.next]) if (e) keys.set(keyOfEvent(e), [e.consultant, e.day]);
        const buckets = new Map<string, EventDay>();
        let pending = keys.size;
        for (const [k, key] of keys) {
          const get = days.get(key);
          get.onsuccess = () => {
            buckets.set(k, (get.result as EventDay | undefined) ?? { consultant: key[0], day: key[1], events: {} });
            if (--pending > 0) return;
            try {
              for (const c of eventChanges) {
                if (c.old) delete buckets.get(keyOfEvent(c.old))!.events[c.old.id];
                if (c.next) buckets.get(keyOfEvent(c.next))!.events[c.next.id] = c.next;
              }
              for (const [bk, bucket] of buckets) {
                if (Object.keys(bucket.events).length) days.put(bucket);
                else days.delete(keys.get(bk)!);
              }
            } catch (e) {
              fail(toStoreError(e));
            }
          };
        }
      };
      // Call logs live in (consultant, date) records: find each written log's day first
      // (revision checks included), then rewrite the touched days once.
      type LogChange = { id: string; next?: CallLog; expectRev?: number | null; oldDay?: LogDay };
      const logChanges: LogChange[] = [];
      let pendingLogs = 0;
      let logsPlanned = false;
      const dayKey = (consultant: string, date: string): string => `${consultant}\u0000${date}`;
      const planLogs = (): void => {
        if (logsPlanned || !issuedAll || pendingLogs > 0 || firstError || logChanges.length === 0) return;
        logsPlanned = true;
        const days = storeOf('logDays');
        const buckets = new Map<string, LogDay>();
        const where = new Map<string, string>();
        for (const ch of logChanges) {
          if (!ch.oldDay) continue;
          const k = dayKey(ch.oldDay.consultant, ch.oldDay.date);
          if (!buckets.has(k)) buckets.set(k, ch.oldDay);
          if (!where.has(ch.id) && buckets.get(k)!.logs[ch.id]) where.set(ch.id, k);
        }
        const need = new Map<string, [string, string]>();
        for (const ch of logChanges) {
          if (!ch.next) continue;
          const k = dayKey(ch.next.consultant, ch.next.date);
          if (!buckets.has(k)) need.set(k, [ch.next.consultant, ch.next.date]);
        }
        const apply = (): void => {
          try {
            const touched = new Set<string>();
            for (const ch of logChanges) {
              const at = where.get(ch.id);
              const current = at ? buckets.get(at)!.logs[ch.id] : undefined;
              if (ch.expectRev === null && current) {
                return fail(new StoreError('duplicate', { details: { kind: 'callLogs', id: ch.id } }));
              }
              if (typeof ch.expectRev === 'number') {
                if (!current) return fail(new StoreError('not-found', { details: { kind: 'callLogs', id: ch.id } }));
                if (current.rev !== ch.expectRev) {
                  return fail(
                    new StoreError('conflict', {
                      details: { kind: 'callLogs', id: ch.id, expected: ch.expectRev, actual: current.rev, current },
                    }),
                  );
                }
              }
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
          } catch (e) {
            fail(toStoreError(e));
          }
        };
        let pending = need.size;
        if (pending === 0) return apply();
        for (const [k, key] of need) {
          const get = days.get(key);
          get.onsuccess = () => {
            buckets.set(k, (get.result as LogDay | undefined) ?? { consultant: key[0], date: key[1], logs: {}, ids: [], due: [] });
            if (--pending === 0) apply();
          };
        }
      };
      try {
        for (const op of ops) {
          if (op.kind === 'callLogs') {
            if (op.op === 'clear') {
              logChanges.length = 0;
              storeOf('logDays').clear();
            } else {
              const change: LogChange =
                op.op === 'put' ? { id: op.record.id, next: op.record, expectRev: op.expectRev } : { id: op.key, expectRev: op.expectRev };
              logChanges.push(change);
              if (op.op === 'put' && op.fresh) continue;
              pendingLogs++;
              const old = storeOf('logDays').index('by-id').get(change.id);
              old.onsuccess = () => {
                change.oldDay = old.result as LogDay | undefined;
                pendingLogs--;
                planLogs();
              };
            }
            continue;
          }
          if (op.kind === 'events') {
            if (op.op === 'clear') {
              eventChanges.length = 0;
              storeOf('eventDays').clear();
            } else {
              const change: { old?: StoredEvent; next?: StoredEvent } = op.op === 'put' ? { next: op.record } : {};
              eventChanges.push(change);
              if (op.op === 'put' && op.fresh) {
                storeOf('events').put(op.record);
                continue;
              }
              pendingOld++;
              const old = storeOf('events').get(op.op === 'put' ? op.record.id : op.key);
              old.onsuccess = () => {
                change.old = old.result as StoredEvent | undefined;
                pendingOld--;
                project();
              };
            }
          }
          const store = storeOf(op.kind);
          if (op.op === 'clear') store.clear();
          else if (op.op === 'delete') {
            const key = op.key as IDBValidKey;
            if (op.expectRev === undefined) store.delete(key);
            else checked(store, key, op.kind, op.expectRev, () => store.delete(key));
          } else {
            const record = op.record as unknown as Record<string, unknown>;
            if (op.expectRev === undefined) store.put(record);
            else if (op.expectRev === null) {
              const add = store.add(record);
              add.onerror = (ev) => {
                ev.preventDefault();
                const err = toStoreError(add.error);
                fail(
                  err.code === 'duplicate'
                    ? new StoreError('duplicate', { details: { kind: op.kind, id: recordId(op.kind, record) }, cause: add.error })
                    : err,
                );
              };
            } else {
              const key = keyOf(store.keyPath as string | string[], record);
              checked(store, key, op.kind, op.expectRev, () => store.put(record));
            }
          }
          if (firstError) break;
        }
        issuedAll = true;
        project();
        planLogs();
      } catch (e) {
        fail(toStoreError(e));
      }
    });
    this.announce(ops, hint);
  }

  private announce(ops: WriteOp[], hint: CommitHint): void {
    const kinds = [...new Set(ops.map((o) => o.kind))];
    const ids = new Set<string>();
    const consultants = new Set(hint.consultants ?? []);
    const days = new Set(hint.days ?? []);
    for (const op of ops) {
      if (op.op === 'put') {
        const r = op.record as unknown as Record<string, unknown>;
        if (ids.size <= MAX_IDS) ids.add(recordId(op.kind, r));
        if (typeof r.consultant === 'string') consultants.add(r.consultant);
        if (op.kind === 'events' && typeof r.day === 'string') days.add(r.day);
        if (op.kind === 'callLogs' && typeof r.date === 'string') days.add(r.date);
      } else if (op.op === 'delete' && ids.size <= MAX_IDS) {
        ids.add(Array.isArray(op.key) ? op.key.join('@') : String(op.key));
      }
    }
    const message: BroadcastMessage = {
      kinds,
      ids: ids.size > MAX_IDS ? [] : [...ids],
      consultants: [...consultants],
      days: [...days].sort(),
    };
    this.emit({ type: 'changed', origin: 'this-tab', ...message });
    try {
      this.channel?.postMessage(message);
    } catch {
      // A closed channel: other tabs will see the data on their next read.
    }
  }
}

function keyOf(keyPath: string | string[], record: Record<string, unknown>): IDBValidKey {
  if (Array.isArray(keyPath)) return keyPath.map((k) => record[k] as IDBValidKey);
  return record[keyPath] as IDBValidKey;
}

/** The logical `callLogs` reads over the `logDays` records. */
function readLogs(days: IDBObjectStore, q: Query<'callLogs'>, done: (rows: CallLog[]) => void): void {
  const range = keyRange(q);
  if (q.index === 'by-consultant-date') {
    const req = days.getAll(range);
    req.onsuccess = () => done((req.result as LogDay[]).flatMap((d) => Object.values(d.logs)));
  } else if (q.index === 'by-follow-up-due') {
    const req = days.index('by-due').getAll(range);
    req.onsuccess = () => {
      const seen = new Set<string>();
      const rows: CallLog[] = [];
      for (const d of req.result as LogDay[]) {
        for (const log of Object.values(d.logs)) {
          if (!log.followUpDueAt || seen.has(log.id) || (range && !range.includes(log.followUpDueAt))) continue;
          seen.add(log.id);
          rows.push(log);
        }
      }
      rows.sort((a, b) => (a.followUpDueAt! < b.followUpDueAt! ? -1 : a.followUpDueAt! > b.followUpDueAt! ? 1 : 0));
      done(rows);
    };
  } else if (range) {
    // A primary-key (id) range.
    const req = days.index('by-id').getAll(range);
    req.onsuccess = () => {
      const seen = new Set<string>();
      const rows: CallLog[] = [];
      for (const d of req.result as LogDay[]) {
        for (const log of Object.values(d.logs)) {
          if (seen.has(log.id) || !range.includes(log.id)) continue;
          seen.add(log.id);
          rows.push(log);
        }
      }
      rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      done(rows);
    };
  } else {
    const req = days.getAll();
    req.onsuccess = () => {
      const rows = (req.result as LogDay[]).flatMap((d) => Object.values(d.logs));
      rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      done(rows);
    };
  }
}
