/**
 * The store: the domain (validation, derived events, history, appeals,
 * closed months, scoring, export) over any {@link StoreAdapter}. This class
 * is the thin front of the feature modules: call-log writes in
 * `call-logs.ts`, event writes in `events.ts`, appeals in `appeals.ts`, form
 * drafts in `form-drafts.ts`, closing months in `periods.ts`; scoring
 * (`score.ts`) and import/export (`io.ts`) load on demand.
 *
 * @example
 * ```ts
 * const store = await openStore({ name: 'rulecard', timezone: 'Asia/Shanghai' });
 * const mine = await store.listCallLogs({ consultant: 'c01' }, { from: '2026-11-01', to: '2026-11-30' });
 * ```
 *
 * @module
 */
import type { Period, Roster } from '@rulecard/dsl';
import type { Query, StoreAdapter } from './adapter.js';
import type { CreateStoreOptions, CsvOptions, DayRange, ListCallLogsOptions, RulecardStore, ScoreOptions, Subject } from './api.js';
import { addDays, dateInZone } from '@rulecard/dsl/calendar';
import { followUpPending } from './call-log-basics.js';
import { countCallLogs, type CallLogStats } from './call-log-stats.js';
import type { CallLogSaveOptions } from './call-logs.js';
import { deriveEvents, ON_READ_TYPES, parseDerivedId } from './derive.js';
import type { ImportOptions, StoreExport } from './export-format.js';
import { openIdbAdapter, type IdbAdapterOptions } from './idb-adapter.js';
import { withSyncOnDemand } from './sync-front.js';
import { validRange, type StoreCore } from './internal.js';
import { maskCallLog, maskRevision } from './mask.js';
import { withSnapshotIntegers } from './money.js';
import type { MonthClosable } from './periods.js';
import { StoreError } from './errors.js';
import type { SyncConnection, SyncIssue, SyncState } from './sync-types.js';
import { DEFAULT_RULEBOOK, inEffect, listVersions, versionStates } from './rulebooks.js';
import { isScored, subjectMemberIds, toRoster } from './roster.js';
import { listAppeals } from './appeal-reads.js';
import { hasLeft } from './roster-rules.js';
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
  RulebookHistory,
  RosterImportResult,
  RosterTable,
  RulebookDraft,
  RulebookVersion,
  ScoreResult,
  SetupStatus,
  StoredEvent,
  StoreListener,
  TeamInput,
  TeamRecord,
} from './types.js';

/** The write paths (`writes.ts`), loaded with the first write: a page that only reads never downloads them. */
const writes = () => import('./writes.js');

export interface OpenStoreOptions extends IdbAdapterOptions {
  /** The clock (tests, what-if). Default `() => new Date()`. */
  now?: () => Date;
  /** Record every write in the outbox from the start (else from `store.connect()` on). */
  outbox?: boolean;
  /** Connect at once to the server there, with the token of `configureSync` (the elements' `sync-url`). */
  syncUrl?: string | null;
}

/**
 * Open the default IndexedDB store. Asks the browser for persistent storage
 * (see {@link RulecardStore.persistence}).
 * @throws StoreError `version-too-new`, `upgrade-blocked`, `unavailable`.
 * @example
 * ```ts
 * const store = await openStore();
 * ```
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<RulecardStore> {
  const adapter = await openIdbAdapter(options);
  const timezone = options.timezone ?? 'Asia/Shanghai';
  const inner = new Store(adapter, timezone, options.now);
  // The sync front (`synced-store.ts`) loads at once to record from the start, else with the first sync call.
  const synced = async (record: boolean) =>
    (await import('./synced-store.js')).withOutbox(inner, adapter, (a) => new Store(a, timezone, options.now), record);
  const store = options.outbox ? await synced(true) : withSyncOnDemand(inner, () => synced(false));
  // The elements' `sync-url`: connected at once, with the token the page's sign-in gives `configureSync`.
  if (options.syncUrl) await store.connect({ url: options.syncUrl });
  return store;
}

/** A store over any adapter (a portal's backend, the server's PostgreSQL adapter): no browser API, it runs in Node. */
export function createStore(adapter: StoreAdapter, options: CreateStoreOptions = {}): RulecardStore {
  return new Store(adapter, options.timezone ?? 'Asia/Shanghai', options.now, options.incremental ?? true);
}

class Store implements StoreCore {
  readonly timezone: string;
  readonly adapter: StoreAdapter;
  readonly clock: () => Date;
  readonly incremental: boolean;

  constructor(adapter: StoreAdapter, timezone: string, now?: () => Date, incremental = true) {
    this.adapter = adapter;
    this.timezone = timezone;
    this.clock = now ?? (() => new Date());
    this.incremental = incremental;
  }

  subscribe(listener: StoreListener): () => void {
    return this.adapter.subscribe(listener);
  }

  close(): void {
    this.adapter.close();
  }

  /** Sync needs the browser's IndexedDB store (`openStore`): elsewhere `unavailable`, and nothing is pending. */
  connect(): Promise<SyncConnection> {
    return Promise.reject(new StoreError('unavailable'));
  }

  async syncState(): Promise<SyncState> {
    return { connected: false, leader: false, online: true, pending: 0, conflicts: 0, rejected: 0, persisted: true };
  }

  subscribeSync(): () => void {
    return () => undefined;
  }

  async syncIssues(): Promise<SyncIssue[]> {
    return [];
  }

  async dismissSyncIssue(): Promise<void> {}

  async persistence(): Promise<Persistence> {
    return this.adapter.persistence ? this.adapter.persistence() : { where: 'elsewhere', supported: false, persisted: true };
  }

  // ------------------------------------------------------------------ rulebooks

  async publishRulebook(input: PublishInput): Promise<RulebookVersion> {
    return (await writes()).publish(this.adapter, input, { now: this.clock, timezone: this.timezone });
  }

  async withdrawRulebook(rulebookId: string, version: number, input: { reason: string }, actor: Actor): Promise<RulebookVersion> {
    return (await writes()).withdraw(this.adapter, rulebookId, version, input, actor, { now: this.clock, timezone: this.timezone });
  }

  listRulebookVersions(rulebookId = DEFAULT_RULEBOOK): Promise<RulebookVersion[]> {
    return listVersions(this.adapter, rulebookId);
  }

  getRulebookVersion(rulebookId: string, version: number): Promise<RulebookVersion | undefined> {
    return this.adapter.get('rulebookVersions', [rulebookId, version]);
  }

  async rulebookHistory(rulebookId = DEFAULT_RULEBOOK): Promise<RulebookHistory> {
    const today = dateInZone(this.clock(), this.timezone);
    const versions = await listVersions(this.adapter, rulebookId);
    const states = versionStates(versions, today);
    return { today, versions: versions.map((version, i) => ({ version, state: states[i] })) };
  }

  async rulebookInEffect(day: string, rulebookId = DEFAULT_RULEBOOK): Promise<RulebookVersion | undefined> {
    return inEffect(await listVersions(this.adapter, rulebookId), day);
  }

  async saveDraft(draft: Parameters<RulecardStore['saveDraft']>[0]): Promise<RulebookDraft> {
    return (await writes()).saveDraft(this.adapter, draft);
  }

  getDraft(editor: string, rulebookId = DEFAULT_RULEBOOK): Promise<RulebookDraft | undefined> {
    return this.adapter.get('drafts', [rulebookId, editor]);
  }

  async deleteDraft(editor: string, rulebookId = DEFAULT_RULEBOOK): Promise<void> {
    await this.adapter.commit([{ kind: 'drafts', op: 'delete', key: [rulebookId, editor] }]);
  }

  // ------------------------------------------------------------------ roster

  async putTeam(team: TeamInput, check: RosterCheck = {}): Promise<TeamRecord> {
    return (await writes()).putTeam(this.adapter, team, check);
  }

  async putMember(member: MemberInput, check: RosterCheck = {}): Promise<MemberRecord> {
    return (await writes()).putMember(this.adapter, member, check);
  }

  async removeMember(id: string, check: RevisionCheck): Promise<void> {
    return (await writes()).removeMember(this.adapter, id, check);
  }

  async removeTeam(id: string, check: RevisionCheck): Promise<void> {
    return (await writes()).removeTeam(this.adapter, id, check);
  }

  async importRoster(table: RosterTable, actor: Actor): Promise<RosterImportResult> {
    return (await import('./roster-table.js')).importRoster(this.adapter, table, actor);
  }

  async exportRosterCsv(options: CsvOptions = {}): Promise<string> {
    const [{ rosterToCsv }, teams, members] = await Promise.all([
      import('./roster-table.js'),
      this.adapter.getAll('teams'),
      this.adapter.getAll('members'),
    ]);
    return rosterToCsv(teams, members, options.locale ?? 'zh-CN');
  }

  async setupStatus(options: { rulebookId?: string; person?: string } = {}): Promise<SetupStatus> {
    const today = dateInZone(this.clock(), this.timezone);
    const [teams, members, versions] = await Promise.all([
      this.adapter.getAll('teams'),
      this.adapter.getAll('members'),
      listVersions(this.adapter, options.rulebookId ?? DEFAULT_RULEBOOK),
    ]);
    const current = inEffect(versions, today);
    const states = versionStates(versions, today);
    const scheduled = versions.filter((_, i) => states[i] === 'scheduled').sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    const status: SetupStatus = {
      today,
      teams: teams.length,
      members: members.length,
      scored: members.filter((m) => isScored(m.role) && !hasLeft(m, today)).length,
      rulebook: current ? { version: current.version, effectiveFrom: current.effectiveFrom } : null,
      scheduled: scheduled.length ? { version: scheduled[0].version, effectiveFrom: scheduled[0].effectiveFrom } : null,
    };
    if (options.person !== undefined) {
      const me = members.find((m) => m.id === options.person);
      status.person = me ? { onRoster: true, role: me.role, teamId: me.teamId } : { onRoster: false };
    }
    return status;
  }

  listTeams(): Promise<TeamRecord[]> {
    return this.adapter.getAll('teams');
  }

  listMembers(teamId?: string): Promise<MemberRecord[]> {
    return teamId ? this.adapter.query('members', { index: 'by-team', only: teamId }) : this.adapter.getAll('members');
  }

  getMember(id: string): Promise<MemberRecord | undefined> {
    return this.adapter.get('members', id);
  }

  async getRoster(period?: DayRange): Promise<Roster> {
    const [teams, members] = await Promise.all([this.adapter.getAll('teams'), this.adapter.getAll('members')]);
    return toRoster(teams, members, period?.from, period?.to);
  }

  async consultantCheck(): Promise<(id: string) => boolean> {
    const members = await this.adapter.getAll('members');
    const ids = new Set(members.filter((m) => isScored(m.role)).map((m) => m.id));
    return (id) => ids.has(id);
  }

  /** Consultants a subject covers (everyone: every member ever on the roster). */
  async subjectMembers(subject: Subject, range?: DayRange): Promise<string[]> {
    if ('consultant' in subject) return [subject.consultant];
    const members =
      'team' in subject
        ? await this.adapter.query('members', { index: 'by-team', only: subject.team })
        : await this.adapter.getAll('members');
    return subjectMemberIds(subject, members, range);
  }

  // ------------------------------------------------------------------ call logs

  async createCallLog(input: CallLogInput, actor: Actor, options: CallLogSaveOptions = {}): Promise<CallLogView> {
    const [view] = await (await writes()).createCallLogs(this, [input], actor, { ...options, errorCode: 'validation' });
    return view;
  }

  async importCallLogs(inputs: CallLogInput[], actor: Actor): Promise<CallLogView[]> {
    return (await writes()).createCallLogs(this, inputs, actor, { errorCode: 'import-invalid' });
  }

  async updateCallLog(
    id: string,
    patch: Partial<CallLogInput>,
    check: RevisionCheck,
    options: CallLogSaveOptions = {},
  ): Promise<CallLogView> {
    return (await writes()).updateCallLog(this, id, patch, check, options);
  }

  async deleteCallLog(id: string, check: RevisionCheck): Promise<void> {
    return (await writes()).deleteCallLog(this, id, check);
  }

  async markFollowUpDone(id: string, input: { at?: string; expectedRev: number }, actor: Actor): Promise<CallLogView> {
    return (await writes()).markFollowUpDone(this, id, input, actor);
  }

  async refreshOverdueFollowUps(now: Date = this.clock()): Promise<number> {
    return (await writes()).refreshOverdueFollowUps(this, now);
  }

  async getCallLog(id: string): Promise<CallLogView | undefined> {
    const log = await this.adapter.get('callLogs', id);
    return log && maskCallLog(log);
  }

  getCallLogUnmasked(id: string): Promise<CallLog | undefined> {
    return this.adapter.get('callLogs', id);
  }

  async revealContact(id: string): Promise<string | undefined> {
    return (await this.adapter.get('callLogs', id))?.contact;
  }

  logsOf(consultants: string[], from: string, to: string): Promise<CallLog[]> {
    return this.adapter.queryMany(
      'callLogs',
      consultants.map((m) => ({ index: 'by-consultant-date' as const, lower: [m, from], upper: [m, to] })),
    );
  }

  async listCallLogs(subject: Subject, range: DayRange, options: ListCallLogsOptions = {}): Promise<CallLogView[]> {
    validRange(range);
    const members = await this.subjectMembers(subject, range);
    const from = options.pendingFollowUps ? addDays(range.from, -1) : range.from;
    let logs = await this.logsOf(members, from, range.to);
    if (from !== range.from) logs = logs.filter((l) => l.date >= range.from || followUpPending(l));
    if (members.length > 1) logs.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return logs.map(maskCallLog);
  }

  async callLogStats(subject: Subject, range: DayRange): Promise<CallLogStats> {
    return countCallLogs(await this.listCallLogs(subject, range));
  }

  async callLogHistory(id: string): Promise<CallLogRevision[]> {
    const revs = await this.adapter.query('callLogHistory', { index: 'by-log', only: id });
    return revs.sort((a, b) => a.rev - b.rev).map(maskRevision);
  }

  // ------------------------------------------------------------------ form drafts

  async saveFormDraft(input: FormDraftInput, actor: Actor): Promise<FormDraft> {
    return (await writes()).saveFormDraft(this, input, actor);
  }

  async getFormDraft(id: string): Promise<FormDraft | undefined> {
    return (await writes()).getFormDraft(this, id);
  }

  async listFormDrafts(owner: string, form?: string): Promise<FormDraft[]> {
    return (await writes()).listFormDrafts(this, owner, form);
  }

  async deleteFormDraft(id: string, actor: Actor): Promise<void> {
    return (await writes()).deleteFormDraft(this, id, actor);
  }

  // ------------------------------------------------------------------ appeals

  async openAppeal(input: AppealInput, actor: Actor): Promise<Appeal> {
    return (await writes()).openAppeal(this, input, actor);
  }

  async decideAppeal(id: string, decision: AppealDecision, actor: Actor): Promise<Appeal> {
    return (await writes()).decideAppeal(this, id, decision, actor);
  }

  getAppeal(id: string): Promise<Appeal | undefined> {
    return this.adapter.get('appeals', id);
  }

  listAppeals(subject: Subject, range: DayRange): Promise<Appeal[]> {
    return listAppeals(this, subject, range);
  }

  // ------------------------------------------------------------------ events

  /**
   * Events of some consultants' days: range reads on `[consultant, day]` (stored
   * events) and `[consultant, date]` (call logs, whose same-day derived events
   * are computed here), all in one read transaction.
   */
  async eventsOf(consultants: string[], from: string, to: string, omit?: readonly string[]): Promise<StoredEvent[]> {
    const [stored, logs] = await this.adapter.readTogether(
      { kind: 'events', queries: Store.dayQueries(consultants, from, to, omit) },
      { kind: 'callLogs', queries: consultants.map((m) => ({ index: 'by-consultant-date' as const, lower: [m, from], upper: [m, to] })) },
    );
    const now = this.clock();
    for (const log of logs) for (const e of deriveEvents(log, { timezone: this.timezone, now, select: 'on-read' })) stored.push(e);
    return stored;
  }

  /** Range reads on `events.by-consultant-day`, one per consultant. */
  private static dayQueries(consultants: string[], from: string, to: string, omit?: readonly string[]): Query<'events'>[] {
    return consultants.map((m) => ({ index: 'by-consultant-day', lower: [m, from], upper: [m, to], ...(omit ? { omit } : {}) }));
  }

  async recordEvent(input: EventInput, actor: Actor): Promise<StoredEvent> {
    return (await writes()).recordEvent(this, input, actor);
  }

  async updateEvent(id: string, patch: Partial<EventInput>, check: RevisionCheck): Promise<StoredEvent> {
    return (await writes()).updateEvent(this, id, patch, check);
  }

  async deleteEvent(id: string, check: RevisionCheck): Promise<void> {
    return (await writes()).deleteEvent(this, id, check);
  }

  async getEvent(id: string): Promise<StoredEvent | undefined> {
    const derived = parseDerivedId(id);
    if (derived && ON_READ_TYPES.has(derived.type)) {
      const log = await this.adapter.get('callLogs', derived.logId);
      return log && deriveEvents(log, { timezone: this.timezone, now: this.clock(), select: 'on-read' }).find((e) => e.id === id);
    }
    return this.adapter.get('events', id);
  }

  async listEvents(subject: Subject, range: DayRange, types?: string[]): Promise<StoredEvent[]> {
    validRange(range);
    const members = await this.subjectMembers(subject, range);
    if (!types) return this.eventsOf(members, range.from, range.to);
    // No on-read type asked for: the stored events alone (the call logs need not be read).
    const found = types.some((t) => ON_READ_TYPES.has(t))
      ? await this.eventsOf(members, range.from, range.to)
      : await this.adapter.queryMany('events', Store.dayQueries(members, range.from, range.to));
    return found.filter((e) => types.includes(e.type));
  }

  // ------------------------------------------------------------------ scoring and periods

  async score(subject: Subject, period: Period, options: ScoreOptions = {}): Promise<ScoreResult> {
    return (await import('./score.js')).score(this, subject, period, options);
  }

  async canCloseMonth(month: string): Promise<MonthClosable> {
    return (await writes()).canCloseMonth(this, month);
  }

  async closeMonth(month: string, actor: Actor & { reason?: string }): Promise<PeriodRecord> {
    return (await writes()).closeMonth(this, month, actor);
  }

  async reopenMonth(month: string, actor: Actor & { reason: string }): Promise<PeriodRecord> {
    return (await writes()).reopenMonth(this, month, actor);
  }

  async getMonth(month: string): Promise<PeriodRecord | undefined> {
    const record = await this.adapter.get('periods', month);
    return record && withSnapshotIntegers(record);
  }

  async listMonths(): Promise<PeriodRecord[]> {
    return (await this.adapter.getAll('periods')).map(withSnapshotIntegers);
  }

  listChanges(month: string): Promise<ChangeRecord[]> {
    return this.adapter.query('changes', { index: 'by-month', only: month });
  }

  // ------------------------------------------------------------------ export / import

  async exportJson(): Promise<StoreExport> {
    return (await import('./io.js')).exportJson(this);
  }

  async importJson(data: unknown, options: ImportOptions = {}): Promise<{ counts: Record<string, number> }> {
    return (await import('./io.js')).importJson(this, data, options);
  }

  async exportCallLogsCsv(subject: Subject, range: DayRange, options: CsvOptions & { unmasked?: boolean } = {}): Promise<string> {
    return (await import('./io.js')).exportCallLogsCsv(this, subject, range, options);
  }

  async importCallLogsCsv(csv: string, actor: Actor): Promise<CallLogView[]> {
    return (await import('./io.js')).importCallLogsCsv(this, csv, actor);
  }

  async exportScoreCsv(result: ScoreResult, options: CsvOptions = {}): Promise<string> {
    return (await import('./io.js')).exportScoreCsv(this, result, options);
  }
}
