/**
 * The public surface of the store, as the elements use it.
 *
 * Reads meant for display mask customer contact data (`138****5678`); the
 * full value only comes from {@link RulecardStore.getCallLogUnmasked} /
 * {@link RulecardStore.revealContact} and from `exportJson`.
 *
 * Every write is one atomic transaction and throws a {@link StoreError}
 * (`validation` with field reasons, `conflict` when the `expectedRev` is
 * stale, `quota-exceeded`, `connection-closed`…) instead of losing data.
 *
 * @module
 */
import type { Period, Roster } from '@rulecard/dsl';
import type {
  Actor,
  CallLog,
  CallLogInput,
  CallLogRevision,
  CallLogView,
  ChangeRecord,
  EventInput,
  MemberInput,
  MemberRecord,
  PeriodRecord,
  PublishInput,
  RevisionCheck,
  RulebookDraft,
  RulebookVersion,
  ScoreResult,
  StoredEvent,
  StoreListener,
  TeamInput,
  TeamRecord,
} from './types.js';
import type { StoreExport, ImportOptions } from './export-format.js';

/** Range of a read: inclusive days `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
}

/** Who a read or a score is about. */
export type Subject = { consultant: string } | { team: string } | { all: true };

export interface ScoreOptions {
  /** Rulebook to use (default `default`). */
  rulebookId?: string;
  /**
   * Include adjustment lines for closed months whose next open month starts
   * inside the period (default true).
   */
  adjustments?: boolean;
  /**
   * Also return the subject's events of the period (`ScoreResult.events`,
   * as `listEvents(subject, period)` would): read in the same pass as the
   * score, so a caller that shows the events behind the lines reads them once.
   */
  events?: boolean;
}

export interface CsvOptions {
  locale?: 'zh-CN' | 'en';
}

/** The rulecard store. Create it with `openStore()` (IndexedDB) or `createStore(adapter)`. */
export interface RulecardStore {
  /** Time zone that cuts days and months (IANA, default `Asia/Shanghai`). */
  readonly timezone: string;

  // -------------------------------------------------------------- notifications
  /**
   * Called after every committed write in this tab or another tab (through
   * BroadcastChannel), and once with `{ type: 'closed' }` when an upgrade in
   * another tab closes this connection. Returns the unsubscribe function.
   */
  subscribe(listener: StoreListener): () => void;
  /** Close the connection. */
  close(): void;

  // -------------------------------------------------------------- rulebooks
  /** Publish an immutable new version (version numbers 1, 2, 3…). */
  publishRulebook(input: PublishInput): Promise<RulebookVersion>;
  /** Every version of a rulebook, oldest first. */
  listRulebookVersions(rulebookId?: string): Promise<RulebookVersion[]>;
  getRulebookVersion(rulebookId: string, version: number): Promise<RulebookVersion | undefined>;
  /** The version in effect on a day (the highest version whose effective date is on or before it). */
  rulebookInEffect(day: string, rulebookId?: string): Promise<RulebookVersion | undefined>;
  /** Autosave an editor's draft; `expectedRev` is the rev last saved by this editor (omit for the first save). */
  saveDraft(draft: {
    rulebookId?: string;
    editor: string;
    source: string;
    effectiveFrom?: string;
    expectedRev?: number;
  }): Promise<RulebookDraft>;
  getDraft(editor: string, rulebookId?: string): Promise<RulebookDraft | undefined>;
  deleteDraft(editor: string, rulebookId?: string): Promise<void>;

  // -------------------------------------------------------------- roster
  putTeam(team: TeamInput, check?: { expectedRev?: number }): Promise<TeamRecord>;
  putMember(member: MemberInput, check?: { expectedRev?: number }): Promise<MemberRecord>;
  listTeams(): Promise<TeamRecord[]>;
  listMembers(teamId?: string): Promise<MemberRecord[]>;
  getMember(id: string): Promise<MemberRecord | undefined>;
  /** The DSL roster (consultants and leads on the roster during the period; managers are not scored). */
  getRoster(period?: DayRange): Promise<Roster>;

  // -------------------------------------------------------------- call logs
  /** Register a consultation; derives its events in the same transaction. */
  createCallLog(input: CallLogInput, actor: Actor): Promise<CallLogView>;
  /** Edit fields; records history, recomputes derived events. Throws `conflict` when `expectedRev` is stale. */
  updateCallLog(id: string, patch: Partial<CallLogInput>, check: RevisionCheck): Promise<CallLogView>;
  deleteCallLog(id: string, check: RevisionCheck): Promise<void>;
  /** Masked. */
  getCallLog(id: string): Promise<CallLogView | undefined>;
  /** The full record (for the edit form). An explicit call; do not display it elsewhere. */
  getCallLogUnmasked(id: string): Promise<CallLog | undefined>;
  /** The full contact of one log. */
  revealContact(id: string): Promise<string | undefined>;
  /** Masked; a range read on `[consultant, date]` (a team / everyone: one range per member, one transaction). */
  listCallLogs(subject: Subject, range: DayRange): Promise<CallLogView[]>;
  /** Who changed what, when (contact values masked). Oldest first. */
  callLogHistory(id: string): Promise<CallLogRevision[]>;
  /** Validate every input, then add all in one transaction (or none). */
  importCallLogs(inputs: CallLogInput[], actor: Actor): Promise<CallLogView[]>;
  /**
   * Derive `follow_up_overdue` events for promised follow-ups still not done
   * 30 minutes after the consultation. Call on start and periodically
   * (elements: every minute). Returns how many events were added.
   */
  refreshOverdueFollowUps(now?: Date): Promise<number>;

  // -------------------------------------------------------------- events
  recordEvent(input: EventInput, actor: Actor): Promise<StoredEvent>;
  updateEvent(id: string, patch: Partial<EventInput>, check: RevisionCheck): Promise<StoredEvent>;
  deleteEvent(id: string, check: RevisionCheck): Promise<void>;
  getEvent(id: string): Promise<StoredEvent | undefined>;
  /**
   * Stored and derived events of the subject's days: a range read on `[consultant, day]`
   * (a team / everyone: one range per member, one transaction).
   */
  listEvents(subject: Subject, range: DayRange, types?: string[]): Promise<StoredEvent[]>;

  // -------------------------------------------------------------- scoring and periods
  /**
   * Score a period straight from the store with the rulebook versions in
   * effect on each day (see README "Rule changes inside a period").
   * A period that is exactly a closed month returns its frozen snapshot.
   */
  score(subject: Subject, period: Period, options?: ScoreOptions): Promise<ScoreResult>;
  /** Freeze a month's scorecards with the versions used (payroll paid). */
  closeMonth(month: string, actor: Actor & { reason?: string }): Promise<PeriodRecord>;
  /** Reopen a closed month: an explicit, recorded act. */
  reopenMonth(month: string, actor: Actor & { reason: string }): Promise<PeriodRecord>;
  getMonth(month: string): Promise<PeriodRecord | undefined>;
  listMonths(): Promise<PeriodRecord[]>;
  /** Writes that touched a closed month after it closed. */
  listChanges(month: string): Promise<ChangeRecord[]>;

  // -------------------------------------------------------------- export / import
  /** Everything, unmasked, as plain JSON (lossless). */
  exportJson(): Promise<StoreExport>;
  /** Validate every record, then replace (default) or merge in one transaction; nothing on any error. */
  importJson(data: unknown, options?: ImportOptions): Promise<{ counts: Record<string, number> }>;
  /** Call logs as Excel-friendly CSV (UTF-8 BOM, CRLF). Contacts masked unless `unmasked`. */
  exportCallLogsCsv(subject: Subject, range: DayRange, options?: CsvOptions & { unmasked?: boolean }): Promise<string>;
  /** Parse a CSV written by `exportCallLogsCsv` (unmasked), validate every row, import all or nothing. */
  importCallLogsCsv(csv: string, actor: Actor): Promise<CallLogView[]>;
  /** A score result as CSV: one row per ledger, then one per line. */
  exportScoreCsv(result: ScoreResult, options?: CsvOptions): Promise<string>;
}
