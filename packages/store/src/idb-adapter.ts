/**
 * The default {@link StoreAdapter}: the browser's IndexedDB through `idb`.
 *
 * - Opening runs the ordered migrations of `migrations.ts`, loaded only when
 *   the database is missing or older: opening first asks for the current
 *   version without them, and when an upgrade is needed aborts it (nothing is
 *   written: a new database is not created), loads them and opens again.
 *   A database written by
 *   newer code fails with `version-too-new` and is left untouched; an upgrade
 *   blocked by another tab fails with `upgrade-blocked`.
 * - When another tab upgrades, this connection closes itself (so the upgrade
 *   is not blocked) and listeners get `{ type: 'closed', reason: 'versionchange' }`.
 * - Every `commit` is one readwrite transaction (`idb-commit.ts`, loaded with
 *   the first commit: a page that only reads does not download it); revision
 *   checks and the closed-month journal run inside it, so two tabs cannot
 *   interleave a read-check-write.
 * - Call logs are kept per (consultant, date) (`log-days.ts`); events are
 *   projected per (consultant, day) (`event-days.ts`).
 * - Opening asks the browser for persistent storage (`persistence()`).
 * - Commits are announced to this tab's listeners and, through a
 *   BroadcastChannel named `rulecard-store:<db name>`, to other tabs.
 *
 * @module
 */
import { openDB, unwrap, type IDBPDatabase } from 'idb';
import type { CommitHint, KeyValue, Query, RecordKeys, RecordTypes, StoreAdapter, WriteOp } from './adapter.js';
import { StoreError, toStoreError } from './errors.js';
import type { CommitExtra } from './idb-commit.js';
import { readEventDays, readLogs } from './day-reads.js';
import { keyRange, Tx, type PlainKind } from './idb-tx.js';
import type { UpgradeDB, UpgradeTx } from './migrations.js';
import { DEFAULT_DB_NAME, SCHEMA_VERSION, type RulecardDB, type StoreName } from './schema.js';
import type { Persistence, RecordKind, StoreChange, StoreListener } from './types.js';

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

/** The commit code (`idb-commit.ts`, with the day records' writers), loaded with the first commit. */
type Commits = typeof import('./idb-commit.js');
let commitsLoading: Promise<Commits> | undefined;
const loadCommits = (): Promise<Commits> =>
  (commitsLoading ??= import('./idb-commit.js').catch((e: unknown) => {
    commitsLoading = undefined; // a failed load (offline) is tried again by the next commit
    throw e;
  }));

/** The migrations, once an opening needed them (a database missing or older than this code). */
let migrations: typeof import('./migrations.js') | undefined;

/** Why an opening without the migrations stopped: they are needed (the upgrade was aborted, nothing written). */
const NEEDS_MIGRATIONS = Symbol('needs migrations');

/** Open (creating or upgrading) the database and return the adapter. */
export async function openIdbAdapter(options: IdbAdapterOptions = {}): Promise<IdbAdapter> {
  const name = options.name ?? DEFAULT_DB_NAME;
  const timezone = options.timezone ?? 'Asia/Shanghai';
  if (typeof indexedDB === 'undefined') throw new StoreError('unavailable');
  let adapter: IdbAdapter | undefined;
  const open = () =>
    new Promise<IDBPDatabase<RulecardDB>>((resolve, reject) => {
      let settled = false;
      let aborted = false;
      openDB<RulecardDB>(name, SCHEMA_VERSION, {
        async upgrade(database, oldVersion, _newVersion, transaction) {
          const loaded = migrations;
          if (!loaded) {
            // Not loaded yet: abort this upgrade (a new database is not created), load them, open again.
            aborted = true;
            transaction.done.catch(() => undefined);
            transaction.abort();
            return;
          }
          // Migrations see the stores of every version (old ones included), not only the current schema's.
          const anyVersion = { db: database as IDBPDatabase<unknown>, tx: transaction as unknown as UpgradeTx };
          for (const m of loaded.MIGRATIONS) {
            if (m.version > oldVersion) await m.run(anyVersion.db as UpgradeDB, anyVersion.tx, { timezone });
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
            reject(aborted ? NEEDS_MIGRATIONS : toStoreError(e));
          }
        },
      );
    });
  let db: IDBPDatabase<RulecardDB>;
  try {
    db = await open();
  } catch (e) {
    if (e !== NEEDS_MIGRATIONS) throw e;
    migrations ??= await import('./migrations.js');
    db = await open();
  }
  adapter = new IdbAdapter(db, name);
  adapter.requestPersistence();
  return adapter;
}

/** See the module documentation. */
export class IdbAdapter implements StoreAdapter {
  readonly name: string;
  private db: IDBPDatabase<RulecardDB>;
  private closed = false;
  private listeners = new Set<StoreListener>();
  private channel: BroadcastChannel | null;
  private persistRequest: Promise<boolean> | undefined;

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
    const [rows] = await this.read([{ kind, queries: [{ only: key as KeyValue }] }]);
    return rows[0] as RecordTypes[K] | undefined;
  }

  /**
   * Range reads over one or more kinds in one read transaction. `callLogs`
   * are read from `logDays`; `events` by `by-consultant-day` from the
   * `eventDays` projection.
   */
  private async read(parts: { kind: RecordKind; queries: Query<RecordKind>[] }[]): Promise<unknown[][]> {
    const byDay = (kind: RecordKind, q: Query<RecordKind>): boolean => kind === 'events' && q.index === 'by-consultant-day';
    const names = new Set<StoreName>();
    for (const p of parts)
      for (const q of p.queries) names.add(p.kind === 'callLogs' ? 'logDays' : byDay(p.kind, q) ? 'eventDays' : p.kind);
    if (names.size === 0) return parts.map(() => []);
    const tx = Tx.open(unwrap(this.live()), [...names], 'readonly');
    const results: unknown[][][] = parts.map((p) => p.queries.map(() => []));
    parts.forEach((p, pi) => {
      p.queries.forEach((q, qi) => {
        const done = (rows: unknown[]): void => void (results[pi][qi] = rows);
        if (p.kind === 'callLogs') return readLogs(tx.store('logDays'), q as Query<'callLogs'>, done);
        if (byDay(p.kind, q)) return readEventDays(tx.store('eventDays'), keyRange(q), done);
        const store = tx.store(p.kind);
        if (q.index) store.getAllFromIndex(q.index as never, keyRange(q), done);
        else store.getAll(keyRange(q), done);
      });
    });
    await tx.done();
    return results.map((r) => r.flat());
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
    const tx = Tx.open(unwrap(this.live()), [kind as PlainKind], 'readonly');
    let n = 0;
    const store = tx.store(kind as PlainKind);
    if (q.index) store.countFromIndex(q.index as never, keyRange(q), (c) => (n = c));
    else store.count(keyRange(q), (c) => (n = c));
    await tx.done();
    return n;
  }

  async commit(ops: WriteOp[], hint: CommitHint = {}): Promise<void> {
    if (ops.length === 0) return;
    const commits = await loadCommits();
    await commits.runCommit(unwrap(this.live()), ops);
    this.announce(ops, hint, commits);
  }

  /** A commit with more work in its transaction (a recorded call's outbox entry: `idb-sync.ts`). */
  async commitWith(ops: WriteOp[], hint: CommitHint, extra: CommitExtra): Promise<void> {
    if (ops.length === 0) return;
    const commits = await loadCommits();
    await commits.runCommit(unwrap(this.live()), ops, extra);
    this.announce(ops, hint, commits);
  }

  /** The open database, for the sync module's transactions (`connection-closed` once closed). */
  database(): IDBDatabase {
    return unwrap(this.live());
  }

  /** Tell this tab's and other tabs' listeners that records of `kinds` changed (a pull wrote them). */
  announceKinds(kinds: RecordKind[]): void {
    if (kinds.length === 0 || this.closed) return;
    const message: BroadcastMessage = { kinds, ids: [], consultants: [], days: [] };
    this.emit({ type: 'changed', origin: 'this-tab', ...message });
    try {
      this.channel?.postMessage(message);
    } catch {
      // A closed channel: other tabs will see the data on their next read.
    }
  }

  /** Ask for persistent storage once, when the database opens (the browser may say no; it is asked again on the next open). */
  requestPersistence(): void {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage?.persist) return;
    this.persistRequest = storage.persist().then(
      (granted) => granted,
      () => false,
    );
  }

  async persistence(): Promise<Persistence> {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage?.persisted) return { where: 'browser', supported: false, persisted: false };
    const [granted, persisted, estimate] = await Promise.all([
      this.persistRequest,
      storage.persisted().catch(() => false),
      storage.estimate ? storage.estimate().catch(() => undefined) : undefined,
    ]);
    const out: Persistence = { where: 'browser', supported: true, persisted };
    if (granted !== undefined) out.granted = granted;
    if (estimate?.usage !== undefined) out.usage = estimate.usage;
    if (estimate?.quota !== undefined) out.quota = estimate.quota;
    return out;
  }

  private announce(ops: WriteOp[], hint: CommitHint, { keyOfRecord, keyText }: Commits): void {
    const kinds = new Set<RecordKind>();
    const ids = new Set<string>();
    const consultants = new Set(hint.consultants ?? []);
    const days = new Set(hint.days ?? []);
    for (const op of ops) {
      if (op.op === 'journal') continue;
      kinds.add(op.kind);
      if (op.op === 'put') {
        if (ids.size <= MAX_IDS) ids.add(op.kind === 'callLogs' ? op.record.id : keyText(keyOfRecord(op)));
        if ('consultant' in op.record && typeof op.record.consultant === 'string') consultants.add(op.record.consultant);
        if (op.kind === 'events' || op.kind === 'appeals') days.add(op.record.day);
        if (op.kind === 'callLogs') days.add(op.record.date);
      } else if (op.op === 'delete' && ids.size <= MAX_IDS) {
        ids.add(keyText(op.key));
      }
    }
    const message: BroadcastMessage = {
      kinds: [...kinds],
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
