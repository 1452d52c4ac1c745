/**
 * The public surface of the store, as the elements (and the server of
 * record) use it.
 *
 * ## The domain-method contract
 *
 * Every write is a **named domain method** (`createCallLog`, `openAppeal`,
 * `decideAppeal`, `markFollowUpDone`, `closeMonth`…), never a raw record
 * write, so the same call can be replayed elsewhere by name: a browser keeps
 * it in an outbox and the server of record runs it again through
 * `createStore(new PgAdapter(tx))`, recomputing validation, derived events,
 * history and month journals itself.
 *
 * 1. **Arguments are JSON values** (strings, numbers, booleans, arrays, plain
 *    objects; no `Date`, no functions) plus who acts: an `actor`
 *    (`{ by, role? }`) or, for the older edit methods, a revision check
 *    (`{ by, expectedRev }`). `JSON.parse(JSON.stringify(args))` gives the
 *    same call.
 * 2. **One method, one atomic commit.** On any error nothing is written.
 * 3. **Ids come from the caller when it passes one.** A method that creates a
 *    record takes an optional id in its input (`createCallLog({ id, … })`,
 *    `recordEvent({ id, … })`, `openAppeal({ id, … })`,
 *    `saveFormDraft({ id, … })`, team and member ids); given, it is used as
 *    is (and an existing record with that id is never overwritten:
 *    `duplicate`), so a client and the server replaying the same call create
 *    the same record. Without one the store generates `<prefix>-<uuid>`; a
 *    client that queues calls for replay must pass its ids. Ids the store
 *    derives (`<logId>~<type>`, `<appealId>.correction`, `<logId>@<rev>`)
 *    follow from them.
 * 4. **Revisions are the caller's.** An edit names the `rev` its user saw
 *    (`expectedRev`); a stale one fails with `conflict` (`details.current`:
 *    the record as it is now), checked inside the commit.
 * 5. **Everything else is recomputed where the method runs**: timestamps,
 *    revisions, derived events, history, journal entries and scores are the
 *    store's; a value the caller sends for them is ignored or refused (a
 *    published program is compiled from its source, the points of an appeal
 *    are read from the ledger).
 * 6. **Roles**, when the actor names one, are checked by the methods whose
 *    rule depends on them (`forbidden`); the server sets `by` and `role`
 *    from the signed-in user.
 *
 * Reads meant for display mask customer contact data (`138****5678`); the
 * full value only comes from {@link RulecardStore.getCallLogUnmasked} /
 * {@link RulecardStore.revealContact} and from `exportJson`.
 *
 * Every write throws a {@link StoreError} (`validation` with field reasons,
 * `conflict` when the `expectedRev` is stale, `quota-exceeded`,
 * `connection-closed`…) instead of losing data.
 *
 * @module
 */
import type { Period, Roster } from '@rulecard/dsl';
import type { CompiledRulebook } from './types.js';
import type { CallLogStats } from './call-log-stats.js';
import type { CallLogSaveOptions } from './call-logs.js';
import type { MonthClosable } from './periods.js';
import type {
  Actor,
  Appeal,
  AppealDecision,
  AppealInput,
  CallLog,
  CallLogInput,
  CallLogRevision,
  CallLogView,
  ChangeRecord,
  EventInput,
  FormDraft,
  FormDraftInput,
  MemberInput,
  MemberRecord,
  PeriodRecord,
  Persistence,
  PublishInput,
  RevisionCheck,
  RosterCheck,
  RosterImportResult,
  RosterTable,
  RulebookDraft,
  RulebookHistory,
  SetupStatus,
  RulebookVersion,
  ScoreResult,
  StoredEvent,
  StoreListener,
  TeamInput,
  TeamRecord,
} from './types.js';
import type { StoreExport, ImportOptions } from './export-format.js';
import type { ConnectOptions, SyncConnection, SyncIssue, SyncListener, SyncState } from './sync-types.js';

export type { CallLogSaveOptions } from './call-logs.js';
export type { CallLogStats } from './call-log-stats.js';
export type { MonthClosable } from './periods.js';

/** Options of `listCallLogs`. */
export interface ListCallLogsOptions {
  /**
   * Also the logs of the day before `range.from` whose promised follow-up is
   * still pending (not done): a callback promised at 23:50 falls due after
   * midnight and stays on the next day's list until it is done.
   */
  pendingFollowUps?: boolean;
}

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
   * Also return the subject's events and appeals of the period
   * (`ScoreResult.events`, `ScoreResult.appeals`, as `listEvents` and
   * `listAppeals` would): read with the score, so a caller that shows the
   * events behind the lines and the appeals reads them once.
   */
  events?: boolean;
  /**
   * What-if: score with this unpublished rulebook as if it were published
   * now as the next version, effective from `effectiveFrom` (default: the
   * period's first day). Everything else is the published path: the same
   * roster and events, the versions in effect before it, corrections of
   * accepted appeals, closed months' snapshots and adjustments; the result's
   * `versions` marks it `draft: true`. With `source`, the compiler is loaded
   * on demand (a source with errors: `validation`, reason `rulebook-errors`).
   */
  rulebook?: WhatIfRulebook;
  /**
   * Month-to-date (LANGUAGE.md §9.16, grammar/README.md): score as at this
   * instant (ISO 8601 with an offset; `nowIso()` for now). Lines of windows
   * not ended by then that could still change come back `projected: true`,
   * outside the ledgers' totals and inside their `projected` ones. Without
   * it every window counts as ended. A closed month's snapshot is served as
   * frozen (closing ends the month). Not an instant: `validation`, field `asOf`.
   */
  asOf?: string;
}

/** The unpublished rulebook of a what-if: its source text, or a program compiled by the caller. */
export type WhatIfRulebook = { source: string; effectiveFrom?: string } | { compiled: CompiledRulebook; effectiveFrom?: string };

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
  /**
   * Whether the browser may evict the data: `openStore` requests persistent
   * storage when it opens (`navigator.storage.persist()`); this reports the
   * outcome and the storage estimate. Elsewhere (not IndexedDB): `persisted: true`.
   */
  persistence(): Promise<Persistence>;

  // -------------------------------------------------------------- sync with the server of record
  /**
   * Sync with the server of record (docs/sync.md): from now on every write
   * is also recorded in the outbox (same IndexedDB transaction); one leader
   * tab pushes it and pulls the server's changes (never over a record a
   * pending call touched). Offline, everything works as before; the calls
   * wait. Only the IndexedDB store (`openStore`) syncs: elsewhere `unavailable`.
   */
  connect(options: ConnectOptions): Promise<SyncConnection>;
  /** Last sync, pending calls and the oldest one's age, offline, conflicts, persistence, clock skew. */
  syncState(): Promise<SyncState>;
  /** Called with the new state whenever it may have changed (any tab). Returns the unsubscribe function. */
  subscribeSync(listener: SyncListener): () => void;
  /** Conflicts and rejections the server returned, each with the call as made (the losing edit) and the server's record. */
  syncIssues(): Promise<SyncIssue[]>;
  /** Forget an issue once the user has chosen. */
  dismissSyncIssue(clientID: string, id: number): Promise<void>;

  // -------------------------------------------------------------- rulebooks
  /**
   * Publish an immutable new version (version numbers 1, 2, 3…), compiled
   * by the store from `input.source` (the compiler loads on demand). A
   * `compiled` program sent along must equal that compile (else
   * `validation`, `compiled`/`compiled-mismatch`); errors in the source:
   * `validation`, `source`/`rulebook-errors` with `details.diagnostics`.
   * The effective date must be a date (`effectiveFrom`/`required`, `date`)
   * and today or later in the store's zone, or an earlier day with
   * `confirmPastDate: true` (else `effectiveFrom`/`past-date`). `note`: the
   * version note (≤ 500 characters).
   */
  publishRulebook(input: PublishInput): Promise<RulebookVersion>;
  /**
   * Withdraw a version that is not in effect yet (effective after today):
   * it stays in the history (`withdrawn: { at, by, reason }`) and is never
   * in effect, so scoring skips it. In effect already: `validation`,
   * `version`/`in-effect`; withdrawn before: `version`/`withdrawn`; a
   * reason is required. Only a manager (when the actor names a role).
   */
  withdrawRulebook(rulebookId: string, version: number, input: { reason: string }, actor: Actor): Promise<RulebookVersion>;
  /** Every version of a rulebook, oldest first. */
  listRulebookVersions(rulebookId?: string): Promise<RulebookVersion[]>;
  /** Every version with where it stands today: in force, scheduled, past or withdrawn. */
  rulebookHistory(rulebookId?: string): Promise<RulebookHistory>;
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
  /**
   * Create a team (no `expectedRev`; an existing id: `duplicate`) or update
   * it (`expectedRev`: the `rev` loaded; stale: `conflict`). `lead` must be
   * a member on the roster (`lead`/`unknown-member`). Only a manager (when
   * `check.role` is given: else `forbidden`).
   */
  putTeam(team: TeamInput, check?: RosterCheck): Promise<TeamRecord>;
  /**
   * Create or update a member (as `putTeam`). Field reasons: `teamId`
   * (`required`, `unknown-team`), `role` (`enum`), `joinedOn` (`date`),
   * `leftOn` (`date`, `left-before-joined`), `payFen.ITEM` (`roster-key`,
   * `pay-fen`: integer fen 0 … 10¹² per month), `targets.NAME`
   * (`roster-key`, `target-value`).
   */
  putMember(member: MemberInput, check?: RosterCheck): Promise<MemberRecord>;
  /**
   * Delete a member added by mistake: one with call logs, events or appeals
   * is refused (`validation`, `id`/`has-records`; give a leave date). Teams
   * she leads lose their lead in the same commit.
   */
  removeMember(id: string, check: RevisionCheck): Promise<void>;
  /** Delete a team without members (else `validation`, `id`/`has-members`). */
  removeTeam(id: string, check: RevisionCheck): Promise<void>;
  /**
   * Import a roster table (first row the headers; see `roster-table.ts`):
   * every row validated, then all written in one commit, or nothing
   * (`import-invalid`, `records`: `{ kind: 'header' | 'row' | 'file', index:
   * the spreadsheet row, id, fields: [{ field: the column's header, … }] }`).
   */
  importRoster(table: RosterTable, actor: Actor): Promise<RosterImportResult>;
  /** The roster as CSV in the table format `importRoster` reads (the template of an import). */
  exportRosterCsv(options?: CsvOptions): Promise<string>;
  /** What is set up: roster size, the rulebook in effect today and the next scheduled one, and whether `person` is on the roster. */
  setupStatus(options?: { rulebookId?: string; person?: string }): Promise<SetupStatus>;
  listTeams(): Promise<TeamRecord[]>;
  listMembers(teamId?: string): Promise<MemberRecord[]>;
  getMember(id: string): Promise<MemberRecord | undefined>;
  /**
   * The language's roster (v2, LANGUAGE.md §9.1) for a period: teams with
   * their consultants and leads on the roster during the period and their
   * `lead`; `members` with role, `joined`, `left`, `pay` (yuan per month,
   * from the stored fen) and `targets`. Managers are not scored; one who
   * leads a team is listed in `members`.
   */
  getRoster(period?: DayRange): Promise<Roster>;

  // -------------------------------------------------------------- call logs
  /**
   * Register a consultation; derives its events in the same transaction.
   * `options.draftId`: the form draft this save completes, deleted in the same transaction.
   */
  createCallLog(input: CallLogInput, actor: Actor, options?: CallLogSaveOptions): Promise<CallLogView>;
  /**
   * Edit fields; records history, recomputes derived events. Throws `conflict` when `expectedRev` is stale:
   * `details.current` (masked), `details.changedFields` (changed by others since `expectedRev`),
   * `details.yourFields` (what this patch changes on revision `expectedRev`) and `details.bothChanged`.
   * To apply the edit again on the newest revision, send those fields of the patch with the current `rev`.
   * `options.draftId`: the form draft this save completes, deleted in the same transaction.
   */
  updateCallLog(id: string, patch: Partial<CallLogInput>, check: RevisionCheck, options?: CallLogSaveOptions): Promise<CallLogView>;
  /**
   * Mark a promised follow-up done at `at` (default now), checked against
   * the `rev` the user saw: of two tabs, the second gets `conflict` (with
   * `details.current`). Already done: returned unchanged. No follow-up
   * promised: `validation` (`followUpPromised`, `no-follow-up`).
   */
  markFollowUpDone(id: string, input: { at?: string; expectedRev: number }, actor: Actor): Promise<CallLogView>;
  deleteCallLog(id: string, check: RevisionCheck): Promise<void>;
  /** Masked. */
  getCallLog(id: string): Promise<CallLogView | undefined>;
  /** The full record (for the edit form). An explicit call; do not display it elsewhere. */
  getCallLogUnmasked(id: string): Promise<CallLog | undefined>;
  /** The full contact of one log. */
  revealContact(id: string): Promise<string | undefined>;
  /**
   * Masked; a range read on `[consultant, date]` (a team / everyone: one range per member, one transaction).
   * `options.pendingFollowUps`: with the day before's logs whose follow-up is still pending.
   */
  listCallLogs(subject: Subject, range: DayRange, options?: ListCallLogsOptions): Promise<CallLogView[]>;
  /** The statistics of the subject's logs in `range`: counts by age band, project, region, source and channel. */
  callLogStats(subject: Subject, range: DayRange): Promise<CallLogStats>;
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

  // -------------------------------------------------------------- form drafts
  /**
   * Save what a form instance has typed (create or replace the draft
   * `input.id`; the owner is `actor.by`). One id per form instance (tab), so
   * tabs never overwrite each other. Storage full: `quota-exceeded`, and the
   * draft saved before is kept.
   */
  saveFormDraft(input: FormDraftInput, actor: Actor): Promise<FormDraft>;
  getFormDraft(id: string): Promise<FormDraft | undefined>;
  /** A user's drafts (of one form), oldest first: e.g. drafts left by closed tabs. */
  listFormDrafts(owner: string, form?: string): Promise<FormDraft[]>;
  /** Discard a draft (no error when there is none). */
  deleteFormDraft(id: string, actor: Actor): Promise<void>;

  // -------------------------------------------------------------- appeals
  /**
   * Appeal a line of a consultant's ledger. The store scores `input.period`
   * (default: the line's window) and finds the line by rule, window and
   * events (`validation`, `line`/`not-on-ledger` when it is not there); the
   * appeal keeps the line's points, fen and label as scored, and is filed on
   * the line's last event. A second open or accepted appeal of the same
   * line: `duplicate`. A consultant (role) appeals only her own lines.
   */
  openAppeal(input: AppealInput, actor: Actor): Promise<Appeal>;
  /**
   * Accept or reject an open appeal in one commit checked against
   * `expectedRev` (the revision the decider saw): accepting writes its
   * correction event in the same commit. Stale revision or already decided:
   * `conflict` (`details.current`). Rejecting needs a `note`. Consultants
   * (role) and the appeal's own consultant: `forbidden`.
   */
  decideAppeal(id: string, decision: AppealDecision, actor: Actor): Promise<Appeal>;
  getAppeal(id: string): Promise<Appeal | undefined>;
  /** Appeals of the subject filed on the days of `range` (a range read per consultant), oldest first. */
  listAppeals(subject: Subject, range: DayRange): Promise<Appeal[]>;

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
   * `options.rulebook`: what-if with an unpublished rulebook, through the same path.
   */
  score(subject: Subject, period: Period, options?: ScoreOptions): Promise<ScoreResult>;
  /**
   * Whether a month may be closed now (open, and its last day has come in the store's time zone), and from
   * which day: what `closeMonth` checks.
   */
  canCloseMonth(month: string): Promise<MonthClosable>;
  /**
   * Freeze a month's scorecards with the versions used (payroll paid). A closed month, or one not over yet
   * (before its last day): `period-state` (`details.status`: `closed` / `not-over`).
   */
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

/** Options of `createStore`. */
export interface CreateStoreOptions {
  /** The department's time zone (default `Asia/Shanghai`). */
  timezone?: string;
  /** The clock (tests, the server's request time). */
  now?: () => Date;
  /**
   * Keep an incremental evaluation per rulebook version and period, so the next score re-runs only what changed
   * (default true). A store made for one transaction and dropped (the server's) scores once: building the
   * evaluation would cost more than it saves.
   */
  incremental?: boolean;
}
