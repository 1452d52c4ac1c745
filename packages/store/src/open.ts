/**
 * `@rulecard/store/open` — `openStore()` alone: what an element loads to open its own store. The package's main
 * entry (`@rulecard/store`) also exports the call-log validation, the field labels and the rest of the public
 * API, which a page that only shows a scorecard does not need; from here the store's write paths, scoring,
 * import/export and sync load on demand, with the methods that use them.
 *
 * @example
 * ```ts
 * const { openStore } = await import('@rulecard/store/open');
 * const store = await openStore({ name: 'rulecard' });
 * ```
 *
 * @module
 */
export { openStore, type OpenStoreOptions } from './store.js';
