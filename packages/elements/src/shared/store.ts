/**
 * The store the elements read and write (`@rulecard/store`), and the one an
 * element opens by itself when the page provides none.
 *
 * The store's code is loaded on demand (dynamic import): an element renders
 * its loading state at once, and a page that provides its own store (property
 * or `storeContext`) never downloads a second copy.
 */
import type { RulecardStore, StoreError, StoreErrorCode } from '@rulecard/store';

export type { RulecardStore, StoreError, StoreErrorCode };

const opened = new Map<string, Promise<RulecardStore>>();
const syncing = new Set<string>();
let tokenProvider: (() => string | Promise<string>) | undefined;

/**
 * How the elements' own store gets the signed-in member's token when an element has `sync-url`: the page's
 * sign-in gives it (a JWT the department's server accepts). Call before the elements connect.
 */
export function configureSync(options: { getToken: () => string | Promise<string> }): void {
  tokenProvider = options.getToken;
}

/**
 * Opens the IndexedDB store `database` once per page; every element asking for the same name shares it.
 * With `syncUrl`, the store also connects to the department's server there (once per database), with the
 * token from {@link configureSync}.
 */
export function openDefaultStore(database: string, syncUrl = ''): Promise<RulecardStore> {
  let p = opened.get(database);
  if (!p) {
    p = import('@rulecard/store').then((m) => m.openStore({ name: database }));
    opened.set(database, p);
    p.catch(() => opened.delete(database));
  }
  if (syncUrl && !syncing.has(database)) {
    syncing.add(database);
    void p.then((store) => store.connect({ url: new URL(syncUrl, document.baseURI).href, getToken: () => tokenProvider?.() ?? '' }));
  }
  return p;
}

/**
 * The error as a `StoreError` (optionally of `code`), or `undefined`.
 * Duck-typed on purpose: a store provided by the page may come from another
 * bundle, where `instanceof` would fail.
 */
export function storeErrorOf(e: unknown, code?: StoreErrorCode): StoreError | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const err = e as Partial<StoreError>;
  if (err.name !== 'StoreError' || typeof err.code !== 'string' || typeof err.text !== 'function') return undefined;
  return code === undefined || err.code === code ? (e as StoreError) : undefined;
}

/** A message for any error, in `locale`: the store's bilingual text, else the error's message. */
export function errorText(e: unknown, locale: 'zh-CN' | 'en'): string {
  const se = storeErrorOf(e);
  if (se) return se.text(locale);
  return e instanceof Error ? e.message : String(e);
}
