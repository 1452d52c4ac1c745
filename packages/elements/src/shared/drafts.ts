/**
 * Form drafts kept through the store (`saveFormDraft`) as the user types, so a
 * reload or a crash loses nothing, wherever the store keeps its records. One
 * draft per form instance (tab): tabs never overwrite or delete each other's.
 * Writes are serialised and coalesced (the latest value always lands last).
 * The save of the record deletes its draft in the same transaction: pass
 * {@link DraftBox.id} as the save's `draftId` after {@link DraftBox.release}.
 *
 * @example
 * ```ts
 * const drafts = new DraftBox<MyForm>(store, { id: `call-log:${user}:${tabDraftId()}`, form: 'call-log', owner: user });
 * drafts.save(form);            // on every input
 * const restored = await drafts.load();
 * await store.createCallLog(input, actor, { draftId: await drafts.release() });
 * ```
 */
import type { RulecardStore } from './store.js';

const TAB_KEY = 'rulecard:draft-tab';
let fallbackTab: string | undefined;

/**
 * This tab's id for drafts: kept in `sessionStorage`, so a reload of the tab
 * finds its draft again and another tab has its own (a page without session
 * storage: one id per page load).
 */
export function tabDraftId(): string {
  const make = (): string =>
    `tab-${typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : Date.now().toString(36)}`;
  try {
    let id = sessionStorage.getItem(TAB_KEY);
    if (!id) sessionStorage.setItem(TAB_KEY, (id = make()));
    return id;
  } catch {
    return (fallbackTab ??= make());
  }
}

export class DraftBox<T> {
  readonly id: string;
  private readonly form: string;
  private readonly owner: string;
  private pending: { value: T } | null = null;
  private writing: Promise<void> | null = null;

  constructor(
    private readonly store: RulecardStore,
    options: { id: string; form: string; owner: string },
  ) {
    this.id = options.id;
    this.form = options.form;
    this.owner = options.owner;
  }

  /** Schedules a write of `value`; resolves when it (or a later value) is stored. A failed write (storage full) rejects. */
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
        await this.store.saveFormDraft({ id: this.id, form: this.form, value }, { by: this.owner });
      }
    } finally {
      this.writing = null;
    }
  }

  /** Waits for writes in flight (a failed one included). */
  async settled(): Promise<void> {
    while (this.writing) await this.writing.catch(() => undefined);
  }

  async load(): Promise<T | undefined> {
    await this.settled();
    return (await this.store.getFormDraft(this.id))?.value as T | undefined;
  }

  /** Drops the value not written yet and waits for the write in flight: the draft can then be deleted with the save. Returns the id. */
  async release(): Promise<string> {
    this.pending = null;
    await this.settled();
    return this.id;
  }

  /** Discards the draft. */
  async clear(): Promise<void> {
    await this.release();
    await this.store.deleteFormDraft(this.id, { by: this.owner });
  }
}
