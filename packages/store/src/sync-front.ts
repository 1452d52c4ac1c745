/**
 * The browser store's sync methods before the sync code is loaded: `openStore()` (without `outbox: true`)
 * returns the store behind this front, which loads `synced-store.ts` (the outbox, the sync state and issues)
 * with the first call of a sync method — `connect`, `syncState`, `subscribeSync`, `syncIssues`,
 * `dismissSyncIssue` — and from then on hands every call to it. Until then nothing is recorded in the outbox
 * (as before a `connect()`), so every other call goes straight to the store: a page that never syncs (a
 * scorecard on its own) does not download the sync code.
 *
 * @module
 */
import type { RulecardStore } from './api.js';
import type { SyncListener } from './sync-types.js';

const SYNC_METHODS = new Set(['connect', 'syncState', 'subscribeSync', 'syncIssues', 'dismissSyncIssue']);

/** `inner` with its sync methods loading `synced()` (the store behind the sync front) on first use. */
export function withSyncOnDemand(inner: RulecardStore, synced: () => Promise<RulecardStore>): RulecardStore {
  let loading: Promise<RulecardStore> | undefined;
  let loaded: RulecardStore | undefined;
  const load = (): Promise<RulecardStore> =>
    (loading ??= synced().then((s) => {
      loaded = s;
      return s;
    }));
  const front: Partial<Record<keyof RulecardStore, unknown>> = {
    connect: async (...args: Parameters<RulecardStore['connect']>) => (await load()).connect(...args),
    syncState: async () => (await load()).syncState(),
    syncIssues: async () => (await load()).syncIssues(),
    dismissSyncIssue: async (...args: Parameters<RulecardStore['dismissSyncIssue']>) => (await load()).dismissSyncIssue(...args),
    subscribeSync(listener: SyncListener): () => void {
      let off: (() => void) | undefined;
      let stopped = false;
      load().then(
        (s) => {
          if (!stopped) off = s.subscribeSync(listener);
        },
        () => undefined,
      );
      return () => {
        stopped = true;
        off?.();
      };
    },
  };
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (loaded) return Reflect.get(loaded, prop) as unknown;
      if (typeof prop === 'string' && SYNC_METHODS.has(prop)) return front[prop as keyof RulecardStore];
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}
