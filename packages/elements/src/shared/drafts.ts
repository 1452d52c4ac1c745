/**
 * Form drafts kept in IndexedDB as the user types, so a reload or a crash
 * loses nothing. One small database (`rulecard-drafts`), one record per key;
 * writes are serialised and coalesced (the latest value always lands last).
 *
 * @example
 * ```ts
 * const drafts = new DraftBox<MyForm>(`${database}|call-log|${consultant}|new`);
 * drafts.save(form);            // on every input
 * const restored = await drafts.load();
 * await drafts.clear();         // after a successful save
 * ```
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

interface DraftSchema extends DBSchema {
  drafts: { key: string; value: { key: string; value: unknown; savedAt: string } };
}

let db: Promise<IDBPDatabase<DraftSchema>> | undefined;
function draftsDb(): Promise<IDBPDatabase<DraftSchema>> {
  db ??= openDB<DraftSchema>('rulecard-drafts', 1, {
    upgrade(d) {
      d.createObjectStore('drafts', { keyPath: 'key' });
    },
  });
  return db;
}

export class DraftBox<T> {
  readonly key: string;
  private pending: { value: T } | null = null;
  private writing: Promise<void> | null = null;

  constructor(key: string) {
    this.key = key;
  }

  /** Schedules a write of `value`; resolves when it (or a later value) is stored. */
  save(value: T): Promise<void> {
    this.pending = { value };
    if (!this.writing) this.writing = this.flush();
    return this.writing;
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending) {
        const { value } = this.pending;
        this.pending = null;
        await (await draftsDb()).put('drafts', { key: this.key, value, savedAt: new Date().toISOString() });
      }
    } finally {
      this.writing = null;
    }
  }

  /** Waits for writes in flight. */
  async settled(): Promise<void> {
    while (this.writing) await this.writing;
  }

  async load(): Promise<T | undefined> {
    await this.settled();
    const rec = await (await draftsDb()).get('drafts', this.key);
    return rec?.value as T | undefined;
  }

  async clear(): Promise<void> {
    this.pending = null;
    await this.settled();
    await (await draftsDb()).delete('drafts', this.key);
  }
}
