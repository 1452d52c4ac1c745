/**
 * The browser store with an outbox: `openStore()` returns the store behind
 * this front. Until the page connects (`store.connect()`, or
 * `openStore({ outbox: true })`), every call goes straight to the store, as
 * before. After, each write method (`RECORDERS` in `outbox.ts`) runs on a
 * store whose adapter adds the call's outbox entry to the method's one commit
 * — the same IndexedDB transaction: both are written, or neither.
 *
 * @module
 */
import type { CommitHint, Query, RecordKeys, RecordTypes, StoreAdapter, WriteOp } from './adapter.js';
import type { RulecardStore } from './api.js';
import type { IdbAdapter } from './idb-adapter.js';
import { dismissIssue, outboxExtra, readIssues, readMeta, readOutbox, writeMeta } from './idb-sync.js';
import { newId } from './internal.js';
import { isRecorded, mutationOf, type MutationCall, type SyncIssue } from './outbox.js';
import type { SyncClient } from './sync-client.js';
import { claimsOf, defaultToken } from './sync-token.js';
import type { ConnectOptions, SyncConnection, SyncListener, SyncState } from './sync-types.js';
import type { RecordKind, StoreListener } from './types.js';
import { nowIso } from '@rulecard/dsl/calendar';

/** An adapter whose one commit carries a call's outbox entry. */
class RecordingAdapter implements StoreAdapter {
  constructor(
    private readonly base: IdbAdapter,
    private readonly call: MutationCall,
    private readonly clientID: string,
  ) {}
  get<K extends RecordKind>(kind: K, key: RecordKeys[K]): Promise<RecordTypes[K] | undefined> {
    return this.base.get(kind, key);
  }
  query<K extends RecordKind>(kind: K, q: Query<K>): Promise<RecordTypes[K][]> {
    return this.base.query(kind, q);
  }
  queryMany<K extends RecordKind>(kind: K, queries: Query<K>[]): Promise<RecordTypes[K][]> {
    return this.base.queryMany(kind, queries);
  }
  readTogether<A extends RecordKind, B extends RecordKind>(
    a: { kind: A; queries: Query<A>[] },
    b: { kind: B; queries: Query<B>[] },
  ): Promise<[RecordTypes[A][], RecordTypes[B][]]> {
    return this.base.readTogether(a, b);
  }
  getAll<K extends RecordKind>(kind: K): Promise<RecordTypes[K][]> {
    return this.base.getAll(kind);
  }
  count<K extends RecordKind>(kind: K, q?: Query<K>): Promise<number> {
    return this.base.count(kind, q);
  }
  commit(ops: WriteOp[], hint: CommitHint = {}): Promise<void> {
    return this.base.commitWith(ops, hint, outboxExtra(ops, this.call, this.clientID, nowIso()));
  }
  subscribe(listener: StoreListener): () => void {
    return this.base.subscribe(listener);
  }
  close(): void {
    this.base.close();
  }
}

/** The sync methods the front adds to the store. */
interface SyncFront {
  connect(options: ConnectOptions): Promise<SyncConnection>;
  syncState(): Promise<SyncState>;
  subscribeSync(listener: SyncListener): () => void;
  syncIssues(): Promise<SyncIssue[]>;
  dismissSyncIssue(clientID: string, id: number): Promise<void>;
}

/**
 * Wrap `inner` (a store over `adapter`): `storeOver(a)` makes a store of the
 * same zone and clock over another adapter. `record`: record from the start.
 */
export async function withOutbox(
  inner: RulecardStore,
  adapter: IdbAdapter,
  storeOver: (a: StoreAdapter) => RulecardStore,
  record: boolean,
): Promise<RulecardStore> {
  let device: string | undefined;
  let client: SyncClient | undefined;
  /** The member of the connection's last token ('' before). */
  let member = '';
  const listeners = new Set<SyncListener>();
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(`rulecard-sync:${adapter.name}`);

  const enable = async (): Promise<void> => {
    if (device) return;
    const db = adapter.database();
    const known = await readMeta(db, 'device');
    if (typeof known === 'string') device = known;
    else {
      device = newId('dev');
      await writeMeta(db, 'device', device);
    }
  };
  if (record) await enable();

  const state = async (): Promise<SyncState> => {
    const db = adapter.database();
    const [outbox, issues, lastSyncedAt, skew, error, persistence] = await Promise.all([
      readOutbox(db),
      readIssues(db),
      readMeta(db, 'lastSyncedAt'),
      readMeta(db, 'clockSkewMs'),
      readMeta(db, 'lastError'),
      adapter.persistence(),
    ]);
    const online = (typeof navigator === 'undefined' || navigator.onLine !== false) && error !== 'offline';
    const s: SyncState = {
      connected: client !== undefined,
      leader: client?.leader ?? false,
      online,
      pending: outbox.length,
      conflicts: issues.filter((i) => i.status === 'conflict').length,
      rejected: issues.filter((i) => i.status === 'rejected').length,
      persisted: persistence.persisted,
    };
    const oldest = outbox.map((e) => e.at).sort()[0];
    if (oldest) s.oldestPendingAt = oldest;
    if (typeof lastSyncedAt === 'string') s.lastSyncedAt = lastSyncedAt;
    if (typeof skew === 'number') s.clockSkewMs = skew;
    if (typeof error === 'string') s.error = error;
    return s;
  };

  let scheduled = false;
  const tell = (): void => {
    if (scheduled || listeners.size === 0) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      state().then(
        (s) => listeners.forEach((l) => l(s)),
        () => undefined,
      );
    }, 30);
  };
  if (channel) {
    channel.onmessage = (ev: MessageEvent<{ type: 'wrote' | 'state' }>) => {
      if (ev.data.type === 'wrote') client?.kick();
      tell();
    };
  }
  const changed = (): void => {
    tell();
    channel?.postMessage({ type: 'state' });
  };

  const front: SyncFront = {
    async connect(options) {
      // the sync client loads with the first connection: a store that never connects does not download it
      const { SyncClient: Client } = await import('./sync-client.js');
      await enable();
      client?.stop();
      const getToken = async (): Promise<string> => {
        const token = await (options.getToken ?? defaultToken)();
        member = claimsOf(token).sub ?? member;
        return token;
      };
      const c = new Client(adapter, { ...options, getToken }, changed);
      client = c;
      c.start();
      changed();
      return {
        disconnect() {
          c.stop();
          if (client === c) client = undefined;
          changed();
        },
        syncNow: () => c.now(),
      };
    },
    syncState: state,
    subscribeSync(listener) {
      listeners.add(listener);
      const off = adapter.subscribe(() => tell());
      const onLine = (): void => tell();
      if (typeof window !== 'undefined') {
        window.addEventListener('online', onLine);
        window.addEventListener('offline', onLine);
      }
      tell();
      return () => {
        listeners.delete(listener);
        off();
        if (typeof window !== 'undefined') {
          window.removeEventListener('online', onLine);
          window.removeEventListener('offline', onLine);
        }
      };
    },
    syncIssues: () => readIssues(adapter.database()),
    async dismissSyncIssue(clientID, id) {
      await dismissIssue(adapter.database(), clientID, id);
      changed();
    },
  };

  const recorded = (method: string) =>
    async function (this: unknown, ...args: unknown[]): Promise<unknown> {
      const r = mutationOf(method, args);
      if (!r || !device) return (inner as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method](...args);
      // A write naming no actor (a roster write without a check) is the connected member's.
      if (!r.mutation.member) r.mutation.member = member;
      const clientID = `${r.mutation.member}.${device}`;
      const store = storeOver(new RecordingAdapter(adapter, r.mutation, clientID)) as unknown as Record<
        string,
        (...a: unknown[]) => Promise<unknown>
      >;
      const out = await store[method](...r.call);
      client?.kick();
      channel?.postMessage({ type: 'wrote' });
      return out;
    };

  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (typeof prop === 'string') {
        if (Object.hasOwn(front, prop)) return front[prop as keyof SyncFront];
        if (device && isRecorded(prop)) return recorded(prop);
        if (prop === 'close') {
          return () => {
            client?.stop();
            channel?.close();
            target.close();
          };
        }
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}
