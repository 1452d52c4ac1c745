/**
 * The seam between the rulecard store and where its records live.
 *
 * {@link RulecardStore} (validation, derived events, history, periods,
 * scoring, export) is written only against this interface. The default
 * implementation is {@link IdbAdapter} (the browser's IndexedDB through
 * `idb`); a portal that wants its own backend implements `StoreAdapter`
 * (e.g. over REST) and passes it to `createStore(adapter)`.
 *
 * What an implementation must guarantee:
 * 1. `commit` is atomic: every op happens or none does.
 * 2. Revision checks: an op with `expectRev` fails the whole commit with a
 *    `StoreError('conflict')` when the stored record's `rev` differs
 *    (`expectRev: null` means "must not exist yet" → `duplicate`).
 * 3. Range reads: `query` on a named index returns the records whose index
 *    key lies in `[lower, upper]` (inclusive), ordered by that key.
 * 4. Change notifications: after a commit, every `subscribe` listener of
 *    this adapter *and* of other tabs/clients sharing the data receives a
 *    `changed` notification (origin `this-tab` / `other-tab`).
 * 5. Errors are `StoreError`s (quota → `quota-exceeded`, and so on).
 * 6. Journal ops (`{ kind: 'changes', op: 'journal', record }`) are resolved
 *    inside the commit's transaction: the change record is written if, and
 *    only if, the `periods` record of `record.month` has `status: 'closed'`
 *    at that moment (the month's status is read in the same transaction, so
 *    a write and a month closing cannot interleave: a PostgreSQL adapter
 *    locks the period row, e.g. `SELECT … FROM periods WHERE month = $1 FOR
 *    SHARE`, or runs the commit `SERIALIZABLE`).
 *
 * Record kinds, keys and indexes (what a backend must store; see
 * {@link RecordKeys} and {@link RecordIndexes}):
 *
 * | kind               | key                      | indexes                                                      |
 * | ------------------ | ------------------------ | ------------------------------------------------------------ |
 * | `rulebookVersions` | `[rulebookId, version]`  |                                                              |
 * | `drafts`           | `[rulebookId, editor]`   |                                                              |
 * | `formDrafts`       | `id`                     | `by-owner-form` `[owner, form]`                              |
 * | `callLogs`         | `id`                     | `by-consultant-date` `[consultant, date]`, `by-follow-up-due` |
 * | `callLogHistory`   | `id` (`<logId>@<rev>`)   | `by-log` `logId`                                             |
 * | `events`           | `id`                     | `by-consultant-day` `[consultant, day]`                      |
 * | `appeals`          | `id`                     | `by-consultant-day` `[consultant, day]`                      |
 * | `teams`, `members` | `id`                     | `members.by-team` `teamId`                                   |
 * | `periods`          | `month`                  |                                                              |
 * | `changes`          | `id`                     | `by-month` `month`                                           |
 *
 * @example
 * ```ts
 * class RestAdapter implements StoreAdapter {
 *   async get(kind, key) { return (await fetch(`/api/${kind}/${encodeURIComponent(JSON.stringify(key))}`)).json(); }
 *   // … query, getAll, count, commit (one POST /api/commit with the ops), subscribe (SSE), close
 * }
 * const store = createStore(new RestAdapter());
 * ```
 *
 * @module
 */
import type {
  Appeal,
  CallLog,
  CallLogRevision,
  ChangeRecord,
  FormDraft,
  MemberRecord,
  PeriodRecord,
  Persistence,
  RecordKind,
  RulebookDraft,
  RulebookVersion,
  StoredEvent,
  StoreChange,
  StoreListener,
  TeamRecord,
} from './types.js';

/** The record type of each kind. */
export interface RecordTypes {
  rulebookVersions: RulebookVersion;
  drafts: RulebookDraft;
  formDrafts: FormDraft;
  callLogs: CallLog;
  callLogHistory: CallLogRevision;
  events: StoredEvent;
  appeals: Appeal;
  teams: TeamRecord;
  members: MemberRecord;
  periods: PeriodRecord;
  changes: ChangeRecord;
}

/** The primary key of each kind. */
export interface RecordKeys {
  /** `[rulebookId, version]`. */
  rulebookVersions: [string, number];
  /** `[rulebookId, editor]`. */
  drafts: [string, string];
  formDrafts: string;
  callLogs: string;
  callLogHistory: string;
  events: string;
  appeals: string;
  teams: string;
  members: string;
  /** `YYYY-MM`. */
  periods: string;
  changes: string;
}

/**
 * The secondary indexes each kind must support, and their key shapes. They
 * are kept few on purpose: every index is one more write per record.
 * - `callLogs.by-consultant-date`: `[consultant, date]`
 * - `callLogs.by-follow-up-due`: `followUpDueAt` (only logs with a pending follow-up)
 * - `callLogHistory.by-log`: `logId`
 * - `events.by-consultant-day`: `[consultant, day]`
 * - `appeals.by-consultant-day`: `[consultant, day]`
 * - `formDrafts.by-owner-form`: `[owner, form]`
 * - `members.by-team`: `teamId`
 * - `changes.by-month`: `month`
 */
export interface RecordIndexes {
  rulebookVersions: never;
  drafts: never;
  formDrafts: 'by-owner-form';
  callLogs: 'by-consultant-date' | 'by-follow-up-due';
  callLogHistory: 'by-log';
  events: 'by-consultant-day';
  appeals: 'by-consultant-day';
  teams: never;
  members: 'by-team';
  periods: never;
  changes: 'by-month';
}

/** An index or primary key value: string, number, or an array of them. */
export type KeyValue = string | number | (string | number)[];

/** A range read: on the primary key (no `index`) or a named index. Bounds are inclusive. */
export interface Query<K extends RecordKind> {
  index?: RecordIndexes[K];
  /** Exactly this key. */
  only?: KeyValue;
  lower?: KeyValue;
  upper?: KeyValue;
  /**
   * A hint: fields of the records the reader does not need (scoring reads events without their bookkeeping).
   * An adapter may leave them in (IndexedDB and the memory adapter do); a reader never relies on their absence.
   */
  omit?: readonly string[];
}

/**
 * Write `record` if, and only if, the `periods` record of `record.month` is
 * closed when the commit runs (read inside the commit's transaction). How a
 * write to a closed month is journaled for the adjustment lines.
 */
export interface JournalOp {
  kind: 'changes';
  op: 'journal';
  record: ChangeRecord;
}

/** One write of an atomic commit. */
export type WriteOp = RecordOp | JournalOp;

/** A put, delete or clear of one kind. */
export type RecordOp = {
  [K in RecordKind]:
    | {
        kind: K;
        op: 'put';
        record: RecordTypes[K];
        /**
         * The `rev` the stored record must have (conflict otherwise);
         * `null`: the record must not exist (duplicate otherwise);
         * absent: no check.
         */
        expectRev?: number | null;
        /**
         * The caller guarantees no record with this key exists (a freshly
         * generated id), so an adapter may skip looking for an old version.
         */
        fresh?: boolean;
      }
    | { kind: K; op: 'delete'; key: RecordKeys[K]; expectRev?: number }
    | { kind: K; op: 'clear' };
}[RecordKind];

/** Hints carried to listeners with a commit. */
export interface CommitHint {
  consultants?: string[];
  days?: string[];
}

/** Where the store's records live. See the module doc for the contract. */
export interface StoreAdapter {
  get<K extends RecordKind>(kind: K, key: RecordKeys[K]): Promise<RecordTypes[K] | undefined>;
  /** Records in a range, ordered by the (index) key. */
  query<K extends RecordKind>(kind: K, query: Query<K>): Promise<RecordTypes[K][]>;
  /** Several range reads of one kind in one read transaction (consistent snapshot), concatenated. */
  queryMany<K extends RecordKind>(kind: K, queries: Query<K>[]): Promise<RecordTypes[K][]>;
  /** Range reads of two kinds in one read transaction (a consistent snapshot of both). */
  readTogether<A extends RecordKind, B extends RecordKind>(
    a: { kind: A; queries: Query<A>[] },
    b: { kind: B; queries: Query<B>[] },
  ): Promise<[RecordTypes[A][], RecordTypes[B][]]>;
  getAll<K extends RecordKind>(kind: K): Promise<RecordTypes[K][]>;
  count<K extends RecordKind>(kind: K, query?: Query<K>): Promise<number>;
  /** Atomically apply `ops` (all or nothing), then notify listeners. */
  commit(ops: WriteOp[], hint?: CommitHint): Promise<void>;
  /** Listen to committed changes (this tab and others) and to the connection closing. Returns the unsubscribe function. */
  subscribe(listener: StoreListener): () => void;
  /** Close the connection; later calls fail with `connection-closed`. */
  close(): void;
  /**
   * Optional: whether the data may be evicted (the browser adapter asks for
   * persistent storage when it opens). Without it the store reports
   * `{ where: 'elsewhere', persisted: true }`.
   */
  persistence?(): Promise<Persistence>;
}

export type { StoreChange, StoreListener };
