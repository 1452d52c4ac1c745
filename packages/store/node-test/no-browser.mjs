// Preloaded (`node --import`) before the store: any read of a browser global fails loudly, so a run that completes
// proves the store never touched IndexedDB, `window`, `navigator` or web storage.
for (const name of ['window', 'document', 'indexedDB', 'IDBKeyRange', 'IDBDatabase', 'navigator', 'localStorage', 'sessionStorage']) {
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get() {
      throw new Error(`the store touched the browser global ${name}`);
    },
  });
}
