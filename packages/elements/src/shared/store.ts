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

/**
 * Opens the IndexedDB store `database` once per page; every element asking for the same name shares it.
 * With `syncUrl` (from the first element that opens it), the store syncs with the department's server there,
 * with the token the page gives `configureSync` of `@rulecard/store`.
 */
export function openDefaultStore(database: string, syncUrl?: string | null): Promise<RulecardStore> {
  const known = opened.get(database);
  if (known) return known;
  const p: Promise<RulecardStore> = import('@rulecard/store/open').then((m) => m.openStore({ name: database, syncUrl }));
  opened.set(database, p);
  p.catch(() => opened.delete(database));
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
