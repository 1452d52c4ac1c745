/**
 * The browser side of the sync protocol (docs/sync.md): one leader tab per
 * database (Web Locks) pushes the outbox, then pulls, again on every poke
 * (`GET /poke`, server-sent events), on a timer, when the browser comes back
 * online, and after a failure with exponential backoff (1 s, 2 s, 4 s… up to
 * a minute). Other tabs only read the state the leader leaves in IndexedDB.
 *
 * - Push: each member's pending calls with that member's token, in id order
 *   per client; a `409 mutation-gap` (the server lost ids this outbox already
 *   removed: restored from a backup) re-bases the client's pending calls on
 *   the id the server expects and pushes again.
 *   Answers settle the outbox (`idb-sync.ts`); conflicts and rejections are
 *   kept and the next pull is a reset.
 * - Pull: only after every pushed call is answered, so a pull never brings
 *   a record older than a call the server already applied. The cookie is
 *   per client group; a group other than the one the replica holds, or an
 *   epoch change, resets the replica (keeping the records of pending calls).
 *
 * @module
 */
import type { IdbAdapter } from './idb-adapter.js';
import { applyPull, readMeta, readOutbox, rebaseClient, settle, writeMeta, type PatchOp, type PushResult } from './idb-sync.js';
import { newId } from './internal.js';
import { nowIso } from '@rulecard/dsl/calendar';
import type { ConnectOptions } from './sync-types.js';
import { claimsOf, defaultToken } from './sync-token.js';
import type { RecordKind } from './types.js';

const MAX_BATCH = 200;
const MAX_BACKOFF_MS = 60_000;

interface PullResponse {
  cookie: unknown;
  reset: boolean;
  lastMutationIDChanges: Record<string, number>;
  patch: PatchOp[];
}

/** A request that failed: `offline` (no answer), `unauthorized`, `refused` (4xx), `server` (5xx). */
class SyncFailure extends Error {
  constructor(
    readonly code: string,
    readonly status = 0,
    readonly body: unknown = undefined,
  ) {
    super(code);
  }
}

/** The client and the id a `409 mutation-gap` names (docs/sync.md), when the body is one. */
function gapOf(body: unknown): { clientID: string; expected: number } | undefined {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (b.error !== 'mutation-gap' || typeof b.clientID !== 'string') return undefined;
  return typeof b.expected === 'number' && Number.isInteger(b.expected) && b.expected >= 1
    ? { clientID: b.clientID, expected: b.expected }
    : undefined;
}

export class SyncClient {
  private stopped = false;
  private wake: (() => void) | undefined;
  private failures = 0;
  private poke: EventSource | undefined;
  private cycleWaiters: (() => void)[] = [];
  private readonly base: string;
  private readonly onOnline = (): void => void this.now();
  leader = false;

  constructor(
    private readonly adapter: IdbAdapter,
    private readonly options: ConnectOptions,
    /** Called when the sync state changed (this tab's listeners; other tabs are told by `notify`). */
    private readonly changed: () => void,
  ) {
    // A relative URL ('/api') is the page's.
    const url = typeof location === 'undefined' ? options.url : new URL(options.url, location.href).href;
    this.base = url.replace(/\/+$/, '');
  }

  /** Resolves once this tab knows whether it leads (the lock was free, or another tab holds it). */
  private decided: Promise<void> = Promise.resolve();

  start(): void {
    if (typeof window !== 'undefined') window.addEventListener('online', this.onOnline);
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) {
      void this.lead();
      return;
    }
    const name = `rulecard-sync:${this.adapter.name}`;
    this.decided = new Promise<void>((decide) => {
      void locks
        .request(name, { ifAvailable: true }, (lock) => {
          decide();
          if (lock) return this.lead();
          // Another tab leads: take over when it goes.
          void locks.request(name, () => (this.stopped ? undefined : this.lead())).catch(() => undefined);
          return undefined;
        })
        .catch(() => decide());
    });
  }

  stop(): void {
    this.stopped = true;
    if (typeof window !== 'undefined') window.removeEventListener('online', this.onOnline);
    this.poke?.close();
    this.wake?.();
  }

  /** Run a cycle now (the leader), and resolve after it (at once in a tab that does not lead). */
  async now(): Promise<void> {
    await this.decided;
    if (!this.leader) return;
    await new Promise<void>((resolve) => {
      this.cycleWaiters.push(resolve);
      this.wake?.();
    });
  }

  private async lead(): Promise<void> {
    if (this.stopped) return;
    this.leader = true;
    this.changed();
    while (!this.stopped) {
      const waiters = this.cycleWaiters.splice(0);
      let delay = this.options.pollMs ?? 30_000;
      try {
        await this.cycle();
        this.failures = 0;
        await this.setError(undefined);
      } catch (e) {
        if (this.stopped) break;
        const code = e instanceof SyncFailure ? e.code : 'client';
        this.failures++;
        delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (this.failures - 1)) * (0.75 + Math.random() * 0.5);
        await this.setError(code).catch(() => undefined);
      }
      for (const w of waiters) w();
      if (!this.poke && !this.stopped) void this.listen();
      if (this.cycleWaiters.length) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
    this.leader = false;
    for (const w of this.cycleWaiters.splice(0)) w();
  }

  private async setError(code: string | undefined): Promise<void> {
    const before = await readMeta(this.adapter.database(), 'lastError');
    if ((before ?? undefined) === code) return;
    await writeMeta(this.adapter.database(), 'lastError', code ?? null);
    this.notify();
  }

  /** Tell every tab the sync state moved. */
  private notify(): void {
    this.changed();
  }

  /** A call was recorded (here or in another tab): push soon. */
  kick(): void {
    this.wake?.();
  }

  /** Listen to pokes (`GET /poke`): each one wakes the loop. Reconnects (with a fresh token) after an error. */
  private async listen(): Promise<void> {
    if (typeof EventSource === 'undefined') return;
    const token = await this.token().catch(() => undefined);
    if (!token || this.stopped) return;
    const source = new EventSource(`${this.base}/poke?access_token=${encodeURIComponent(token)}`);
    this.poke = source;
    source.addEventListener('poke', () => this.wake?.());
    source.onerror = () => {
      source.close();
      if (this.poke === source) this.poke = undefined; // the next cycle listens again
    };
  }

  private async token(): Promise<string> {
    let token: string;
    try {
      token = await (this.options.getToken ?? defaultToken)();
    } catch {
      // The page's sign-in could not give one: no network (its token endpoint unreachable), or signed out.
      throw new SyncFailure(typeof navigator !== 'undefined' && navigator.onLine === false ? 'offline' : 'unauthorized');
    }
    if (!token) throw new SyncFailure('unauthorized');
    return token;
  }

  private async post<T>(path: string, token: string, body: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    } catch {
      throw new SyncFailure('offline');
    }
    const date = res.headers.get('date');
    if (date) {
      const skew = new Date(date).getTime() - Date.now();
      await writeMeta(this.adapter.database(), 'clockSkewMs', skew);
    }
    const json: unknown = await res.json().catch(() => undefined);
    if (res.status === 401) throw new SyncFailure('unauthorized', 401, json);
    if (!res.ok) throw new SyncFailure(res.status >= 500 ? 'server' : 'refused', res.status, json);
    return json as T;
  }

  /** The client group of `member` in this browser profile (one per member). */
  private async groupOf(member: string): Promise<string> {
    const db = this.adapter.database();
    const key = `group:${member}`;
    const known = await readMeta(db, key);
    if (typeof known === 'string') return known;
    const group = newId(`cg-${member}`);
    await writeMeta(db, key, group);
    return group;
  }

  /** Push (every pending call of the token's member), then pull. */
  private async cycle(): Promise<void> {
    const token = await this.token();
    const member = claimsOf(token).sub ?? '';
    const group = await this.groupOf(member);
    const db = this.adapter.database();
    for (let guard = 0; guard < 1000; guard++) {
      const mine = (await readOutbox(db)).filter((e) => e.member === member);
      if (mine.length === 0) break;
      const batch = mine.slice(0, MAX_BATCH);
      let results: PushResult[];
      try {
        ({ results } = await this.post<{ results: PushResult[] }>('/push', token, {
          clientGroupID: group,
          mutations: batch.map(({ clientID, id, name, args }) => ({ clientID, id, name, args })),
        }));
      } catch (e) {
        // A gap: the server expects an id below this client's first pending one (it lost calls this outbox already
        // removed). Those can never be resent: number the pending calls from the expected id and push them again.
        const gap = e instanceof SyncFailure && e.status === 409 ? gapOf(e.body) : undefined;
        if (gap && (await rebaseClient(db, gap.clientID, gap.expected)) > 0) {
          this.notify();
          continue;
        }
        if (e instanceof SyncFailure && e.status === 409) throw new SyncFailure('mutation-gap', 409, e.body);
        throw e;
      }
      await settle(db, results, nowIso());
      this.notify();
    }
    await this.pull(token, group);
  }

  private async pull(token: string, group: string): Promise<void> {
    const db = this.adapter.database();
    const replicaOf = await readMeta(db, 'replicaOf');
    const needsReset = (await readMeta(db, 'needsReset')) === true || replicaOf !== group;
    const cookie = needsReset ? null : ((await readMeta(db, `cookie:${group}`)) ?? null);
    const res = await this.post<PullResponse>('/pull', token, { clientGroupID: group, cookie });
    await applyPull(db, res.patch, {
      [`cookie:${group}`]: res.cookie,
      replicaOf: group,
      lastSyncedAt: nowIso(),
    });
    const kinds = new Set<RecordKind>();
    for (const p of res.patch) if (p.op !== 'clear') kinds.add(p.kind);
    if (res.patch.some((p) => p.op === 'clear'))
      for (const p of ['callLogs', 'events', 'appeals', 'members', 'teams'] as const) kinds.add(p);
    this.adapter.announceKinds([...kinds]);
    this.changed();
  }
}
