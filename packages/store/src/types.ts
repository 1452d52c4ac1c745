// Over 500 lines because it is the one declaration file of every record shape the store keeps and returns (types only,
// no code): splitting it would scatter the schema that adapter.ts and the server's tables mirror.
/**
 * Record shapes of the rulecard store: what is kept in IndexedDB (or a
 * portal's backend behind a {@link StoreAdapter}), and what the read APIs
 * return.
 *
 * Conventions:
 * - Dates are `YYYY-MM-DD` and months `YYYY-MM`, in the store's time zone
 *   (default `Asia/Shanghai`).
 * - Instants are ISO 8601 strings with an offset (`2026-11-03T09:30:00+08:00`).
 * - Money is integer fen (`surgeryFeeFen`); a `RuleEvent.amount` is yuan, as
 *   the rulebook language expects.
 * - Every mutable record carries `rev` (1 on creation, +1 on each write); an
 *   update must name the `rev` it was based on, so two tabs cannot silently
 *   overwrite each other.
 *
 * @module
 */
import type { Period, RuleEvent, Scorecards, v2 } from '@rulecard/dsl';

export type { Period, RuleEvent, Scorecards } from '@rulecard/dsl';
/** A compiled rulebook as the store keeps it: a program of either version (`rulecard/1` is a valid `rulecard/2` program type). */
export type CompiledRulebook = v2.CompiledRulebook;

/** A `zh-CN` and an `en` text. zh-CN is the default locale. */
export interface LocalizedText {
  'zh-CN': string;
  en: string;
}

// ------------------------------------------------------------------ rulebooks

/** One published, immutable version of a rulebook. */
export interface RulebookVersion {
  /** Rulebook identity (a department may have one, `default`). */
  rulebookId: string;
  /** 1, 2, 3… in publication order. */
  version: number;
  /** The rulebook text as the manager wrote it. */
  source: string;
  /** The program `compile(source)` produced. */
  compiled: CompiledRulebook;
  author: string;
  /** Instant of publication. */
  publishedAt: string;
  /** First day (store time zone) this version governs. */
  effectiveFrom: string;
  /** The manager's note on this version (what changed, why). */
  note?: string;
  /**
   * Set when the version was withdrawn before it came into effect
   * (`withdrawRulebook`): it stays in the history and is never in effect.
   */
  withdrawn?: RulebookWithdrawal;
}

/**
 * Where a version stands today (`rulebookHistory`): `in-force` (the version
 * scoring today), `scheduled` (will be in force from its effective date),
 * `past` (was in force, or superseded before it could be), `withdrawn`.
 */
export type VersionState = 'in-force' | 'scheduled' | 'past' | 'withdrawn';

/** The versions of a rulebook with where each stands, as of `today` in the store's zone. */
export interface RulebookHistory {
  today: string;
  /** Oldest first. */
  versions: { version: RulebookVersion; state: VersionState }[];
}

/** Who withdrew a version, when and why. */
export interface RulebookWithdrawal {
  at: string;
  by: string;
  reason: string;
}

/**
 * What `publishRulebook` needs. The store compiles `source` itself (loading
 * the compiler on demand); `compiled` is never trusted: when given, it must
 * equal the store's own compile of `source` (else `validation`, reason
 * `compiled-mismatch`), so a manager never publishes something else than the
 * program they reviewed.
 */
export interface PublishInput {
  rulebookId?: string;
  source: string;
  /** Optional: the program the client compiled (checked against the store's compile, never stored as such). */
  compiled?: CompiledRulebook;
  author: string;
  /**
   * First day the version governs (`YYYY-MM-DD`, store time zone): today or
   * later, or an earlier day with `confirmPastDate: true` (else
   * `validation`, `effectiveFrom`/`past-date`).
   */
  effectiveFrom: string;
  /** The version note (at most 500 characters). */
  note?: string;
  /** The manager confirmed an effective date before today (rescoring days already shown). */
  confirmPastDate?: boolean;
  /**
   * The revision of the author's draft (`saveDraft`) this publish completes: deleted in the same transaction as
   * the publish when it is still at that revision, so a reload never restores a published text as a draft, and a
   * newer draft (typed in another tab meanwhile) is kept.
   */
  draftRev?: number;
  /**
   * The latest version number the manager saw when deciding to publish (`0`: none published yet). Given, the
   * publish is `expectedVersion + 1` or nothing: when another publish happened meanwhile (another tab, another
   * manager) it is refused — `conflict`, `details.kind` `rulebookVersions`, `details.current` the latest
   * version — checked in the transaction that writes the version. Absent: the next number, whatever it is.
   */
  expectedVersion?: number;
}

/** An editor's autosaved, unpublished rulebook text. One per (rulebook, editor). */
export interface RulebookDraft {
  rulebookId: string;
  editor: string;
  source: string;
  /** Effective date the editor intends, if chosen. */
  effectiveFrom?: string;
  updatedAt: string;
  rev: number;
}

// ------------------------------------------------------------------ roster

export type Role = 'consultant' | 'lead' | 'manager';

export interface TeamRecord {
  id: string;
  name: string;
  /** The team's lead (组长): a member id (of this team, or a person of another, e.g. a manager). */
  lead?: string;
  rev: number;
}

export interface MemberRecord {
  /** Consultant id as used in events (`RuleEvent.consultant`). */
  id: string;
  name: string;
  teamId: string;
  role: Role;
  /** `YYYY-MM-DD`. */
  joinedOn: string;
  /** Last working day, when the member left. */
  leftOn?: string;
  /**
   * Pay items (薪资项) in integer fen per month, by item name as the
   * rulebook declares them (`pay bonus "月度绩效奖金"`): `{ bonus: 120000 }`
   * is ¥1,200.00 a month. `getRoster()` gives them to the language in yuan.
   */
  payFen?: Record<string, number>;
  /** Targets (指标) by name, as the rulebook's `target NAME` compares them: a count, a yuan figure, a percentage. */
  targets?: Record<string, number>;
  rev: number;
}

export type TeamInput = Omit<TeamRecord, 'rev'>;
export type MemberInput = Omit<MemberRecord, 'rev'>;

/** Who writes the roster (a manager, when the actor names a role) and, for an edit, the `rev` they loaded. */
export interface RosterCheck extends Partial<Actor> {
  /** Omitted: create (a record with the id must not exist); given: update the record at this revision. */
  expectedRev?: number;
}

/**
 * The roster a manager imports at once (`importRoster`): one table of text,
 * the first row its headers (see `ROSTER_COLUMNS` in `@rulecard/store/roster-table`),
 * as a CSV or a spreadsheet gives it.
 */
export type RosterTable = string[][];

/**
 * What is set up (`setupStatus`): an element shows the first-run guidance
 * while the roster is empty or no rulebook is in effect.
 */
export interface SetupStatus {
  /** Today in the store's zone. */
  today: string;
  teams: number;
  /** Everyone on the roster (managers included, leavers too). */
  members: number;
  /** Consultants and leads who have not left. */
  scored: number;
  /** The version in effect today, if any. */
  rulebook: { version: number; effectiveFrom: string } | null;
  /** The next version to come into effect after today, if any. */
  scheduled: { version: number; effectiveFrom: string } | null;
  /** With `person`: whether that id is on the roster, and as what. */
  person?: { onRoster: boolean; role?: Role; teamId?: string };
}

/** What `importRoster` wrote. */
export interface RosterImportResult {
  teams: TeamRecord[];
  members: MemberRecord[];
}

// ------------------------------------------------------------------ call logs

/**
 * The channel of a consultation, as on the paper form: phone, 商务通 (online
 * chat), QQ, WeChat, website booking, message board / forum, email, walk-in.
 */
export type CallChannel = 'phone' | 'business_chat' | 'qq' | 'wechat' | 'website_booking' | 'message_board' | 'email' | 'walk_in';

/** How a rulebook tells channels apart in `where medium = "online"`. */
export type CallMedium = 'phone' | 'online' | 'walk_in';

export type ContactKind = 'mobile' | 'landline' | 'wechat' | 'qq' | 'email';

/** Every field of the 电话/网络咨询登记表 a consultant fills. */
export interface CallLogFields {
  /** Day of the consultation, `YYYY-MM-DD`. Required. */
  date: string;
  /** Time of the consultation, `HH:mm`. Required. */
  time: string;
  /** Consultant id (must be on the roster). Required. */
  consultant: string;
  /** Required. */
  channel: CallChannel;
  customerName?: string;
  /** Phone, WeChat id, QQ number or email. Masked in every display read. */
  contact?: string;
  /** Inferred from `contact` when absent. */
  contactKind?: ContactKind;
  age?: number;
  /** 地区. */
  region?: string;
  /** 来源: how the customer found the clinic. */
  source?: string;
  /** 咨询项目: project of interest. */
  project?: string;
  /** 咨询内容: the question. */
  question?: string;
  /** 答复/结果: the answer or result. */
  answer?: string;
  /** 是否预约. */
  booked: boolean;
  /** Booked appointment instant. */
  bookingAt?: string;
  /** Booked expert (专家). */
  bookingExpert?: string;
  /** A follow-up (回访) was promised; the rule is within 30 minutes. */
  followUpPromised: boolean;
  /** When the follow-up was done. */
  followUpDoneAt?: string;
  /** When the customer came to the clinic (到院), if they did. */
  visitedAt?: string;
  /** Surgery fee (整形就诊), integer fen. */
  surgeryFeeFen?: number;
  /** When the surgery was paid; defaults to `visitedAt`. */
  surgeryAt?: string;
  /** Recording reference (录音编号). */
  recordingRef?: string;
  note?: string;
}

/** A stored call log. */
export interface CallLog extends CallLogFields {
  id: string;
  /** Instant of `date` + `time` in the store's time zone. */
  at: string;
  /** Set while a promised follow-up is not done: its deadline (at + 30 min). */
  followUpDueAt?: string;
  rev: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** What a consultant submits. `id` is generated when absent. */
export type CallLogInput = CallLogFields & { id?: string };

/** A call log for display: `contact` is masked (`138****5678`). */
export type CallLogView = CallLog & { contactMasked: true };

/** One change of one field, in a call log's history. */
export interface FieldChange {
  field: keyof CallLogFields;
  before?: CallLogFields[keyof CallLogFields];
  after?: CallLogFields[keyof CallLogFields];
}

/** One edit of a call log: who changed what, when. */
export interface CallLogRevision {
  /** `${logId}@${rev}`. */
  id: string;
  logId: string;
  /** The revision this edit produced. */
  rev: number;
  action: 'update' | 'delete';
  at: string;
  by: string;
  changes: FieldChange[];
}

// ------------------------------------------------------------------ events

/** Who made an event: a manager (`manual`), a call log (derived) or an accepted appeal (its correction). */
export type EventOrigin = 'manual' | 'call-log' | 'appeal';

/** An event as stored: a `RuleEvent` plus bookkeeping. */
export interface StoredEvent extends RuleEvent {
  /** Day of `at` in the store's time zone, `YYYY-MM-DD` (indexed). */
  day: string;
  origin: EventOrigin;
  /** The call log (origin `call-log`) or the appeal (origin `appeal`) an event was derived from. */
  sourceId?: string;
  note?: string;
  rev: number;
  recordedBy: string;
  createdAt: string;
  updatedAt: string;
}

/** A manager's record of an infraction, praise, spot check, attendance, vote, visit, fee… */
export interface EventInput {
  id?: string;
  type: string;
  consultant: string;
  at: string;
  amount?: number;
  attrs?: Record<string, string | number | boolean>;
  note?: string;
}

// ------------------------------------------------------------------ appeals

export type AppealStatus = 'open' | 'accepted' | 'rejected';

/**
 * An appeal (申诉) of one line of a consultant's ledger. Opened by the
 * consultant with a reason; decided once by a lead or manager. Accepting it
 * writes, in the same transaction, its correction: a derived event
 * (`rulecard_correction`, id {@link Appeal.correctionId}, origin `appeal`)
 * that reverses the line's points and fen and that `score()` shows as an
 * explained correction line.
 */
export interface Appeal {
  id: string;
  /** Whose ledger. */
  consultant: string;
  /** Instant the appeal (and its correction) belongs to: the disputed line's last event, else the end of its window. */
  at: string;
  /** Day of `at` in the store's time zone (indexed with `consultant`). */
  day: string;
  /** The disputed line, as the store scored it when the appeal was opened. */
  rule: string;
  label: string;
  window?: string;
  points: number;
  /** Integer fen. */
  fen: number;
  /** Ids of the events behind the line. */
  events: string[];
  /** The consultant's reason. */
  reason: string;
  status: AppealStatus;
  openedBy: string;
  openedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  /** The decider's note (required to reject). */
  note?: string;
  /** Accepted: the id of the correction event (`<appealId>.correction`). */
  correctionId?: string;
  rev: number;
}

/** What `openAppeal` needs. Points, fen, label and the instant are the store's, read from its own score of the line. */
export interface AppealInput {
  /** Optional id chosen by the caller (a client and the server replaying the call create the same record). */
  id?: string;
  consultant: string;
  /**
   * The period of the scorecard the line was shown on (default: the line's
   * window: its day, ISO week or month). The store scores it to find the line.
   */
  period?: { from: string; to: string };
  /** Which line: its rule, window and event ids (any other field sent is ignored). */
  line: { rule: string; window?: string; events: string[] };
  reason: string;
}

/** What `decideAppeal` needs: the decision, a note (required to reject) and the `rev` of the appeal the decider saw. */
export interface AppealDecision {
  decision: 'accept' | 'reject';
  note?: string;
  expectedRev: number;
}

// ------------------------------------------------------------------ form drafts

/** A JSON value (what a form draft may hold). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * What a form instance has typed and not saved yet (a call-log form in one
 * tab), kept as the user types so a reload or a crash loses nothing. One per
 * form instance: each tab chooses its own `id`, so tabs never overwrite (or
 * delete) each other's drafts. Saving the record the draft was for deletes
 * the draft in the same transaction (`createCallLog(…, { draftId })`).
 * Drafts hold unmasked data and live only where the store lives.
 */
export interface FormDraft {
  /** Chosen by the form instance (e.g. one per tab), 1–128 id characters. */
  id: string;
  /** Which form, e.g. `call-log`. */
  form: string;
  /** Who typed it (the actor of the save). */
  owner: string;
  /** The form's state, as JSON. */
  value: JsonValue;
  /** The record being edited, when the draft edits one. */
  target?: { id: string; rev: number };
  savedAt: string;
}

/** What `saveFormDraft` needs (the owner is the actor). */
export interface FormDraftInput {
  id: string;
  form: string;
  /** The form's state: anything JSON can write (stored as `JSON.parse(JSON.stringify(value))`; otherwise `validation`). */
  value: unknown;
  target?: { id: string; rev: number };
}

// ------------------------------------------------------------------ periods

/** Which rulebook version scored what. */
export interface VersionUse {
  rulebookId: string;
  version: number;
  effectiveFrom: string;
  /** Days scored by this version (per-event and day-window lines). */
  days: Period | null;
  /** Week and month windows this version decided (see README: the window's first day). */
  windows: string[];
  /** True for the unpublished rulebook of a what-if (`score(…, { rulebook })`). */
  draft?: true;
}

export interface PeriodSnapshot {
  closedAt: string;
  closedBy: string;
  period: Period;
  scorecards: Scorecards;
  versions: VersionUse[];
}

export interface PeriodAction {
  action: 'close' | 'reopen';
  at: string;
  by: string;
  reason?: string;
  /** On reopen: the snapshot that stopped being in force. */
  snapshot?: PeriodSnapshot;
}

/** A month's payroll state. Months without a record are open. */
export interface PeriodRecord {
  /** `YYYY-MM`. */
  month: string;
  status: 'open' | 'closed';
  snapshot?: PeriodSnapshot;
  history: PeriodAction[];
  rev: number;
}

/**
 * A write that touched a closed month: becomes an adjustment line in the next
 * open month. Written by the adapter inside the write's own transaction, only
 * when the month is closed at that moment (a `journal` op, see `adapter.ts`).
 */
export interface ChangeRecord {
  /** The consultant the changed record belongs to. */
  consultant?: string;
  id: string;
  /** The closed month the change belongs to. */
  month: string;
  kind: 'event' | 'callLog';
  recordId: string;
  action: 'create' | 'update' | 'delete';
  at: string;
  by: string;
}

/** The result of scoring a period from the store. */
export interface ScoreResult {
  period: Period;
  scorecards: Scorecards;
  /** The rulebook versions used, in order. */
  versions: VersionUse[];
  /** True when served from a closed month's frozen snapshot. */
  frozen: boolean;
  /** Closed months whose later changes appear as `adjustment` lines here. */
  adjustedMonths: string[];
  /** With `score(…, { events: true })`: the subject's events in the period, as `listEvents` returns them. */
  events?: StoredEvent[];
  /** With `score(…, { events: true })`: the subject's appeals in the period, as `listAppeals` returns them. */
  appeals?: Appeal[];
}

// ------------------------------------------------------------------ change notifications

/** The kinds of records the store keeps (one object store each). */
export type RecordKind =
  | 'rulebookVersions'
  | 'drafts'
  | 'formDrafts'
  | 'callLogs'
  | 'callLogHistory'
  | 'events'
  | 'appeals'
  | 'teams'
  | 'members'
  | 'periods'
  | 'changes';

/**
 * What a `subscribe` listener receives.
 * - `changed`: a committed write, from this tab or another one.
 * - `closed`: the connection was closed (an upgrade in another tab, or the
 *   browser); every later call fails with `connection-closed`. Show
 *   `message` and offer a reload.
 */
export type StoreChange =
  | {
      type: 'changed';
      origin: 'this-tab' | 'other-tab';
      kinds: RecordKind[];
      ids: string[];
      /** Consultants whose data changed (empty when unknown / not applicable). */
      consultants: string[];
      /** Days (`YYYY-MM-DD`) whose data changed. */
      days: string[];
    }
  | { type: 'closed'; reason: 'versionchange' | 'closed-by-browser'; message: LocalizedText };

export type StoreListener = (change: StoreChange) => void;

/**
 * Whether the browser may evict the store's data (`store.persistence()`).
 * `openStore` asks for persistent storage (`navigator.storage.persist()`) when
 * it opens; a sync-status element shows "storage not persistent" from this.
 */
export interface Persistence {
  /** Where the records live: this browser's IndexedDB, or elsewhere (an adapter over a server or a database). */
  where: 'browser' | 'elsewhere';
  /** The Storage API exists here (`navigator.storage`). */
  supported: boolean;
  /** True when the browser promised not to evict the data (always true elsewhere). */
  persisted: boolean;
  /** The result of the request made when the store opened (undefined when none was made). */
  granted?: boolean;
  /** Bytes used and available to this origin (`navigator.storage.estimate()`), when known. */
  usage?: number;
  quota?: number;
}

/**
 * Who is writing (recorded as author / updatedBy). `role`, when given, is
 * enforced by the domain methods that depend on it (appeals: a consultant
 * opens appeals only on her own ledger and never decides one); the server of
 * record sets both from the signed-in user.
 */
export interface Actor {
  by: string;
  role?: Role;
}

/** An update or delete: the `rev` the editor loaded. */
export interface RevisionCheck extends Actor {
  expectedRev: number;
}
