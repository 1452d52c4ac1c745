/**
 * The IndexedDB schema (an `idb` `DBSchema`, so every store, key and index
 * name is checked by the compiler). The ordered migrations that bring any
 * older database up to {@link SCHEMA_VERSION} with every record kept are in
 * `migrations.ts`, loaded only when a database is created or upgraded.
 *
 * History:
 * - v1 (first release): stores `rulebooks` (keyPath `id`), `callLogs` and
 *   `events` (keyPath `id`, index `by-consultant`), `roster` (keyPath `id`,
 *   members with a team *name*).
 * - v2: rulebooks become numbered immutable versions; drafts; call-log
 *   history; revisions (`rev`) on every mutable record; events get their
 *   local `day`; call logs move into `logDays` (one record per consultant
 *   and date) and derive their events; `eventDays` projects events per
 *   consultant and day (range reads of few records); teams are records;
 *   periods and the closed-month change journal.
 * - v3: appeals become records (`appeals`, index `by-consultant-day`); the
 *   legacy `rulecard_appeal` events are converted (`legacy-appeals.ts`) and
 *   their corrections become derived events of their appeal; form drafts
 *   (`formDrafts`, index `by-owner-form`) move in from the elements' own
 *   database.
 * - v4: the roster of language v2 — members may carry pay items (`payFen`,
 *   integer fen per month) and targets, teams their `lead`; each team
 *   gets as lead its one member of role `lead`, if it has exactly one
 *   (`leadsFromRoles`). Rulebook versions may carry `withdrawn`. No new
 *   object store.
 * - v5: sync with the server of record — `outbox` (the domain calls not yet
 *   acknowledged, `[clientID, id]`), `syncPending` (how many of them touch
 *   each record: a pull never overwrites those), `syncIssues` (conflicts and
 *   rejections kept for the user), `syncMeta` (cookies, client groups, the
 *   last id of each client). Written in the same transaction as the records.
 *
 * A database with a version above {@link SCHEMA_VERSION} (written by newer
 * code) is never opened: `openStore` fails with `version-too-new`.
 *
 * @module
 */
import type { DBSchema, StoreNames } from 'idb';
import type {
  Appeal,
  CallLog,
  CallLogRevision,
  ChangeRecord,
  FormDraft,
  MemberRecord,
  PeriodRecord,
  RulebookDraft,
  RulebookVersion,
  StoredEvent,
  TeamRecord,
} from './types.js';
import type { OutboxEntry, PendingMark, SyncIssue, SyncMeta } from './outbox.js';

/** The schema version this code writes. */
export const SCHEMA_VERSION = 5;

export const DEFAULT_DB_NAME = 'rulecard';

/** The current (v4) schema. */
export interface RulecardDB extends DBSchema {
  rulebookVersions: { key: [string, number]; value: RulebookVersion };
  drafts: { key: [string, string]; value: RulebookDraft };
  /** Form drafts, one per form instance (tab); `by-owner-form`: `[owner, form]`. */
  formDrafts: { key: string; value: FormDraft; indexes: { 'by-owner-form': [string, string] } };
  /** Appeals; `by-consultant-day`: `[consultant, day]` (a consultant's month is one range). */
  appeals: { key: string; value: Appeal; indexes: { 'by-consultant-day': [string, string] } };
  /**
   * Call logs, one record per (consultant, date) holding that day's logs
   * (IndexedDB's cost is per record: importing 10,000 logs writes ~1,100
   * records). `by-id` finds a log's day; `by-due` the days with a pending
   * follow-up. The adapter presents them as the logical `callLogs` kind.
   */
  logDays: { key: [string, string]; value: LogDay; indexes: { 'by-id': string; 'by-due': string } };
  callLogHistory: { key: string; value: CallLogRevision; indexes: { 'by-log': string } };
  events: { key: string; value: StoredEvent };
  /**
   * Read projection of `events`, maintained by the adapter in the same
   * transaction as every event write: one record per (consultant, day) holding
   * that day's events. A consultant's month is ~30 records instead of ~1,500
   * (IndexedDB's cost is per record, not per byte).
   */
  eventDays: { key: [string, string]; value: EventDay };
  teams: { key: string; value: TeamRecord };
  members: { key: string; value: MemberRecord; indexes: { 'by-team': string } };
  periods: { key: string; value: PeriodRecord };
  changes: { key: string; value: ChangeRecord; indexes: { 'by-month': string } };
  /** Domain calls waiting for the server, in order per client (`[clientID, id]`). */
  outbox: { key: [string, number]; value: OutboxEntry };
  /** `kind|JSON key` → how many outbox entries touch that record. */
  syncPending: { key: string; value: PendingMark };
  /** Conflicts and rejections the server returned, kept until the user settles them (`[clientID, id]`). */
  syncIssues: { key: [string, number]; value: SyncIssue };
  /** Cookies, client groups, the last mutation id of each client, the last sync. */
  syncMeta: { key: string; value: SyncMeta };
}

/** The physical object stores of the current schema. */
export type StoreName = StoreNames<RulecardDB>;

/** One consultant's call logs of one date (see `logDays`). */
export interface LogDay {
  consultant: string;
  date: string;
  logs: Record<string, CallLog>;
  /** Ids of `logs` (multi-entry index `by-id`). */
  ids: string[];
  /** `followUpDueAt` of the logs with a pending follow-up (multi-entry index `by-due`). */
  due: string[];
}

/** A day record with its index fields recomputed from its logs. */
export function withLogIndexes(day: LogDay): LogDay {
  const logs = Object.values(day.logs);
  day.ids = logs.map((l) => l.id);
  day.due = logs.filter((l) => l.followUpDueAt).map((l) => l.followUpDueAt!);
  return day;
}

/** One consultant's events of one day (see `eventDays`). */
export interface EventDay {
  consultant: string;
  day: string;
  events: Record<string, StoredEvent>;
}
