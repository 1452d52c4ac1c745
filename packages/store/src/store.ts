/**
 * The store: domain logic (validation, derived events, history, closed
 * months, scoring, export) over any {@link StoreAdapter}.
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
import type { Query, StoreAdapter, WriteOp } from './adapter.js';
import type { CsvOptions, DayRange, RulecardStore, ScoreOptions, Subject } from './api.js';
import { buildCallLog, diffFields, fieldsOf, revision, validateCallLogInput } from './call-logs.js';
import { deriveEvents, ON_READ_TYPES, parseDerivedId, storedDerivedIds } from './derive.js';
import { StoreError, fieldError, type RecordError } from './errors.js';
import { buildEvent, validateEventInput } from './events.js';
import type { ImportOptions, StoreExport } from './export-format.js';
import { openIdbAdapter, type IdbAdapterOptions } from './idb-adapter.js';
import { requireActor, validRange, type StoreCore } from './internal.js';
import { maskCallLog, maskRevision } from './mask.js';
import { DEFAULT_RULEBOOK, inEffect, listVersions, publish, saveDraft } from './rulebooks.js';
import { isScored, putMember, putTeam, subjectMemberIds, toRoster } from './roster.js';
import { monthOf, nowIso } from './time.js';
import type {
  Actor,
  CallLog,
  CallLogFields,
  CallLogInput,
  CallLogRevision,
  CallLogView,
  ChangeRecord,
  EventInput,
  MemberInput,
  MemberRecord,
  PeriodRecord,
  PublishInput,
  RecordKind as Kind,
  RevisionCheck,
  RulebookDraft,
  RulebookVersion,
  ScoreResult,
  StoredEvent,
  StoreListener,
  TeamInput,
  TeamRecord,
} from './types.js';

export interface OpenStoreOptions extends IdbAdapterOptions {
  /** The clock (tests, what-if). Default `() => new Date()`. */
  now?: () => Date;
}

/**
 * Open the default IndexedDB store.
 *
 * @throws StoreError `version-too-new`, `upgrade-blocked`, `unavailable`.
 * @example
 * ```ts
 * const store = await openStore();
 * ```
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<RulecardStore> {
  const adapter = await openIdbAdapter(options);
  return new Store(adapter, options.timezone ?? 'Asia/Shanghai', options.now);
}

/** A store over any adapter (e.g. a portal's backend). */
export function createStore(adapter: StoreAdapter, options: { timezone?: string; now?: () => Date } = {}): RulecardStore {
  return new Store(adapter, options.timezone ?? 'Asia/Shanghai', options.now);
}

interface Touch {
  month: string;
  kind: ChangeRecord['kind'];
  recordId: string;
  action: ChangeRecord['action'];
  consultant: string;
}

let idCounter = 0;
function newId(prefix: string): string {
  const rand =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${(idCounter++).toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `${prefix}-${rand}`;
}

class Store implements StoreCore {
  readonly timezone: string;
  readonly adapter: StoreAdapter;
  readonly clock: () => Date;

  constructor(adapter: StoreAdapter, timezone: string, now?: () => Date) {
    this.adapter = adapter;
    this.timezone = timezone;
    this.clock = now ?? (() => new Date());
  }

  subscribe(listener: StoreListener): () => void {
    return this.adapter.subscribe(listener);
  }

  close(): void {
    this.adapter.close();
  }

  // ------------------------------------------------------------------ rulebooks

  publishRulebook(input: PublishInput): Promise<RulebookVersion> {
    return publish(this.adapter, input);
  }

  listRulebookVersions(rulebookId = DEFAULT_RULEBOOK): Promise<RulebookVersion[]> {
    return listVersions(this.adapter, rulebookId);
  }

  getRulebookVersion(rulebookId: string, version: number): Promise<RulebookVersion | undefined> {
    return this.adapter.get('rulebookVersions', [rulebookId, version]);
  }

  async rulebookInEffect(day: string, rulebookId = DEFAULT_RULEBOOK): Promise<RulebookVersion | undefined> {
    return inEffect(await listVersions(this.adapter, rulebookId), day);
  }

  saveDraft(draft: {
    rulebookId?: string;
    editor: string;
    source: string;
    effectiveFrom?: string;
    expectedRev?: number;
  }): Promise<RulebookDraft> {
    return saveDraft(this.adapter, draft);
  }

  getDraft(editor: string, rulebookId = DEFAULT_RULEBOOK): Promise<RulebookDraft | undefined> {
    return this.adapter.get('drafts', [rulebookId, editor]);
  }

  async deleteDraft(editor: string, rulebookId = DEFAULT_RULEBOOK): Promise<void> {
    await this.adapter.commit([{ kind: 'drafts', op: 'delete', key: [rulebookId, editor] }]);
  }

  // ------------------------------------------------------------------ roster

  putTeam(team: TeamInput, check: { expectedRev?: number } = {}): Promise<TeamRecord> {
    return putTeam(this.adapter, team, check.expectedRev);
  }

  putMember(member: MemberInput, check: { expectedRev?: number } = {}): Promise<MemberRecord> {
    return putMember(this.adapter, member, check.expectedRev);
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

  private async consultantCheck(): Promise<(id: string) => boolean> {
    const members = await this.adapter.getAll('members');
    const ids = new Set(members.filter((m) => isScored(m.role)).map((m) => m.id));
    return (id) => ids.has(id);
  }

  // ------------------------------------------------------------------ closed months

  /** Journal ops for writes touching closed months. */
  private async journal(touches: Touch[], by: string): Promise<WriteOp[]> {
    if (touches.length === 0) return [];
    const months = [...new Set(touches.map((t) => t.month))];
    const periods = await Promise.all(months.map((m) => this.adapter.get('periods', m)));
    const closed = new Set(periods.filter((p) => p?.status === 'closed').map((p) => p!.month));
    if (closed.size === 0) return [];
    const at = nowIso();
    const seen = new Set<string>();
    const ops: WriteOp[] = [];
    for (const t of touches) {
      const key = `${t.month}|${t.kind}|${t.recordId}`;
      if (!closed.has(t.month) || seen.has(key)) continue;
      seen.add(key);
      const record: ChangeRecord = {
        id: newId('chg'),
        month: t.month,
        kind: t.kind,
        recordId: t.recordId,
        action: t.action,
        at,
        by,
        consultant: t.consultant,
      };
      ops.push({ kind: 'changes', op: 'put', record });
    }
    return ops;
  }

  private static touchesOfLog(log: CallLog, derived: StoredEvent[], action: Touch['action']): Touch[] {
    const out: Touch[] = [{ month: monthOf(log.date), kind: 'callLog', recordId: log.id, action, consultant: log.consultant }];
    for (const e of derived) out.push({ month: monthOf(e.day), kind: 'event', recordId: e.id, action, consultant: e.consultant });
    return out;
  }

  // ------------------------------------------------------------------ call logs

  async createCallLog(input: CallLogInput, actor: Actor): Promise<CallLogView> {
    const [view] = await this.importCallLogs([input], actor, 'validation');
    return view;
  }

  async importCallLogs(
    inputs: CallLogInput[],
    actor: Actor,
    errorCode: 'validation' | 'import-invalid' = 'import-invalid',
  ): Promise<CallLogView[]> {
    requireActor(actor);
    const isConsultant = await this.consultantCheck();
    const ctx = { timezone: this.timezone, isConsultant };
    const errors: RecordError[] = [];
    const logs: CallLog[] = [];
    /** Ids the caller chose: written with `add`, so an existing log is never overwritten. Generated UUIDs cannot collide. */
    const chosenIds = new Set<string>();
    const seen = new Set<string>();
    const now = nowIso();
    const clock = this.clock();
    inputs.forEach((input, index) => {
      const { fields, errors: fieldErrors } = validateCallLogInput(input, ctx);
      const chosen = (input as { id?: string }).id;
      const id = chosen ?? newId('log');
      if (chosen !== undefined) chosenIds.add(chosen);
      if (seen.has(id)) fieldErrors.push(fieldError('id', 'duplicate-id'));
      seen.add(id);
      if (!fields || fieldErrors.length) {
        errors.push({ kind: 'callLog', index, id: (input as { id?: string }).id, fields: fieldErrors });
        return;
      }
      logs.push(
        buildCallLog(id, fields, { rev: 1, createdAt: now, createdBy: actor.by, updatedAt: now, updatedBy: actor.by }, this.timezone),
      );
    });
    if (errors.length) {
      if (errorCode === 'validation') throw new StoreError('validation', { fields: errors[0].fields });
      throw new StoreError('import-invalid', { records: errors });
    }
    const ops: WriteOp[] = [];
    const touches: Touch[] = [];
    for (const log of logs) {
      const fresh = !chosenIds.has(log.id);
      ops.push(fresh ? { kind: 'callLogs', op: 'put', record: log, fresh } : { kind: 'callLogs', op: 'put', record: log, expectRev: null });
      const derived = deriveEvents(log, { timezone: this.timezone, now: clock, select: 'stored' });
      for (const ev of derived) ops.push({ kind: 'events', op: 'put', record: ev, fresh });
      touches.push(...Store.touchesOfLog(log, derived, 'create'));
    }
    ops.push(...(await this.journal(touches, actor.by)));
    await this.adapter.commit(ops);
    return logs.map(maskCallLog);
  }

  async updateCallLog(id: string, patch: Partial<CallLogInput>, check: RevisionCheck): Promise<CallLogView> {
    requireActor(check);
    const current = await this.adapter.get('callLogs', id);
    if (!current) throw new StoreError('not-found', { details: { kind: 'callLogs', id } });
    if (current.rev !== check.expectedRev) throw this.conflict('callLogs', id, check.expectedRev, maskCallLog(current));
    const merged: Record<string, unknown> = { ...fieldsOf(current) };
    for (const [k, v] of Object.entries(patch)) {
      if (k === 'id') continue;
      if (v === undefined || v === null || v === '') delete merged[k];
      else merged[k] = v;
    }
    if ('contact' in patch && !('contactKind' in patch)) delete merged.contactKind; // re-infer for a new contact
    const { fields, errors } = validateCallLogInput(merged, { timezone: this.timezone, isConsultant: await this.consultantCheck() });
    if (!fields) throw new StoreError('validation', { fields: errors });
    const before = fieldsOf(current);
    const changes = diffFields(before, fields);
    if (changes.length === 0) return maskCallLog(current);
    const log = buildCallLog(
      id,
      fields,
      { rev: current.rev + 1, createdAt: current.createdAt, createdBy: current.createdBy, updatedAt: nowIso(), updatedBy: check.by },
      this.timezone,
    );
    const oldDerived = await this.derivedOf(id);
    const derived = deriveEvents(log, { timezone: this.timezone, now: this.clock(), select: 'stored' });
    const keep = new Set(derived.map((e) => e.id));
    const ops: WriteOp[] = [{ kind: 'callLogs', op: 'put', record: log, expectRev: current.rev }];
    for (const e of oldDerived) if (!keep.has(e.id)) ops.push({ kind: 'events', op: 'delete', key: e.id });
    for (const e of derived) ops.push({ kind: 'events', op: 'put', record: e });
    ops.push({ kind: 'callLogHistory', op: 'put', record: revision(log, 'update', changes) });
    const touches = [...Store.touchesOfLog(current, oldDerived, 'update'), ...Store.touchesOfLog(log, derived, 'update')];
    ops.push(...(await this.journal(touches, check.by)));
    await this.adapter.commit(ops, { consultants: [current.consultant], days: [current.date, ...oldDerived.map((e) => e.day)] });
    return maskCallLog(log);
  }

  async deleteCallLog(id: string, check: RevisionCheck): Promise<void> {
    requireActor(check);
    const current = await this.adapter.get('callLogs', id);
    if (!current) throw new StoreError('not-found', { details: { kind: 'callLogs', id } });
    if (current.rev !== check.expectedRev) throw this.conflict('callLogs', id, check.expectedRev, maskCallLog(current));
    const oldDerived = await this.derivedOf(id);
    const gone: CallLog = { ...current, rev: current.rev + 1, updatedAt: nowIso(), updatedBy: check.by };
    const emptied = {
      date: current.date,
      time: current.time,
      consultant: current.consultant,
      channel: current.channel,
      booked: false,
      followUpPromised: false,
    } as CallLogFields;
    const changes = diffFields(fieldsOf(current), emptied).map((c) => ({ ...c }));
    const ops: WriteOp[] = [
      { kind: 'callLogs', op: 'delete', key: id, expectRev: current.rev },
      ...oldDerived.map((e): WriteOp => ({ kind: 'events', op: 'delete', key: e.id })),
      { kind: 'callLogHistory', op: 'put', record: revision(gone, 'delete', changes) },
    ];
    ops.push(...(await this.journal(Store.touchesOfLog(current, oldDerived, 'delete'), check.by)));
    await this.adapter.commit(ops, { consultants: [current.consultant], days: [current.date, ...oldDerived.map((e) => e.day)] });
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

  /** A log's derived events, read by their deterministic keys. */
  private derivedOf(logId: string): Promise<StoredEvent[]> {
    return this.adapter.queryMany(
      'events',
      storedDerivedIds(logId).map((only) => ({ only })),
    );
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

  /**
   * Events of some consultants' days: range reads on `[consultant, day]` (stored
   * events) and `[consultant, date]` (call logs, whose same-day derived events
   * are computed here), all in one read transaction.
   */
  async eventsOf(consultants: string[], from: string, to: string): Promise<StoredEvent[]> {
    const [events, logs] = await this.adapter.readTogether(
      { kind: 'events', queries: Store.dayQueries(consultants, from, to) },
      { kind: 'callLogs', queries: consultants.map((m) => ({ index: 'by-consultant-date' as const, lower: [m, from], upper: [m, to] })) },
    );
    const now = this.clock();
    for (const log of logs) for (const e of deriveEvents(log, { timezone: this.timezone, now, select: 'on-read' })) events.push(e);
    return events;
  }

  /** Range reads on `events.by-consultant-day`, one per consultant. */
  private static dayQueries(consultants: string[], from: string, to: string): Query<'events'>[] {
    return consultants.map((m) => ({ index: 'by-consultant-day', lower: [m, from], upper: [m, to] }));
  }

  logsOf(consultants: string[], from: string, to: string): Promise<CallLog[]> {
    return this.adapter.queryMany(
      'callLogs',
      consultants.map((m) => ({ index: 'by-consultant-date' as const, lower: [m, from], upper: [m, to] })),
    );
  }

  async listCallLogs(subject: Subject, range: DayRange): Promise<CallLogView[]> {
    validRange(range);
    const members = await this.subjectMembers(subject, range);
    const logs = await this.logsOf(members, range.from, range.to);
    if (members.length > 1) logs.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return logs.map(maskCallLog);
  }

  async callLogHistory(id: string): Promise<CallLogRevision[]> {
    const revs = await this.adapter.query('callLogHistory', { index: 'by-log', only: id });
    return revs.sort((a, b) => a.rev - b.rev).map(maskRevision);
  }

  async refreshOverdueFollowUps(now: Date = this.clock()): Promise<number> {
    const pending = await this.adapter.query('callLogs', { index: 'by-follow-up-due' });
    const due = pending.filter((l) => l.followUpDueAt && Date.parse(l.followUpDueAt) <= now.getTime());
    const ops: WriteOp[] = [];
    const touches: Touch[] = [];
    const overdue = due.flatMap((log) =>
      deriveEvents(log, { timezone: this.timezone, now, select: 'stored' }).filter((e) => e.type === 'follow_up_overdue'),
    );
    if (overdue.length === 0) return 0;
    const existing = await this.adapter.queryMany(
      'events',
      overdue.map((e) => ({ only: e.id })),
    );
    const stored = new Set(existing.map((e) => e.id));
    for (const ev of overdue) {
      if (stored.has(ev.id)) continue;
      ops.push({ kind: 'events', op: 'put', record: ev });
      touches.push({ month: monthOf(ev.day), kind: 'event', recordId: ev.id, action: 'create', consultant: ev.consultant });
    }
    if (ops.length === 0) return 0;
    const count = ops.length;
    ops.push(...(await this.journal(touches, 'system')));
    await this.adapter.commit(ops);
    return count;
  }

  // ------------------------------------------------------------------ events

  async recordEvent(input: EventInput, actor: Actor): Promise<StoredEvent> {
    requireActor(actor);
    const { event, errors } = validateEventInput(input, { timezone: this.timezone, isConsultant: await this.consultantCheck() });
    if (!event) throw new StoreError('validation', { fields: errors });
    const now = nowIso();
    const ev = buildEvent(event.id ?? newId('ev'), event, { rev: 1, recordedBy: actor.by, createdAt: now, updatedAt: now }, this.timezone);
    const ops: WriteOp[] = [{ kind: 'events', op: 'put', record: ev, expectRev: null }];
    ops.push(
      ...(await this.journal(
        [{ month: monthOf(ev.day), kind: 'event', recordId: ev.id, action: 'create', consultant: ev.consultant }],
        actor.by,
      )),
    );
    await this.adapter.commit(ops);
    return ev;
  }

  async updateEvent(id: string, patch: Partial<EventInput>, check: RevisionCheck): Promise<StoredEvent> {
    requireActor(check);
    const current = await this.getEvent(id);
    if (!current) throw new StoreError('not-found', { details: { kind: 'events', id } });
    if (current.origin !== 'manual') throw new StoreError('derived-readonly', { details: { id, log: current.sourceId } });
    if (current.rev !== check.expectedRev) throw this.conflict('events', id, check.expectedRev, current);
    const merged: Record<string, unknown> = {
      type: current.type,
      consultant: current.consultant,
      at: current.at,
      amount: current.amount,
      attrs: current.attrs,
      note: current.note,
    };
    for (const [k, v] of Object.entries(patch)) if (k !== 'id') merged[k] = v === null || v === '' ? undefined : v;
    for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
    const { event, errors } = validateEventInput(merged, { timezone: this.timezone, isConsultant: await this.consultantCheck() });
    if (!event) throw new StoreError('validation', { fields: errors });
    const ev = buildEvent(
      id,
      event,
      { rev: current.rev + 1, recordedBy: check.by, createdAt: current.createdAt, updatedAt: nowIso() },
      this.timezone,
    );
    const ops: WriteOp[] = [{ kind: 'events', op: 'put', record: ev, expectRev: current.rev }];
    ops.push(
      ...(await this.journal(
        [
          { month: monthOf(current.day), kind: 'event', recordId: id, action: 'update', consultant: current.consultant },
          { month: monthOf(ev.day), kind: 'event', recordId: id, action: 'update', consultant: ev.consultant },
        ],
        check.by,
      )),
    );
    await this.adapter.commit(ops, { consultants: [current.consultant], days: [current.day] });
    return ev;
  }

  async deleteEvent(id: string, check: RevisionCheck): Promise<void> {
    requireActor(check);
    const current = await this.getEvent(id);
    if (!current) throw new StoreError('not-found', { details: { kind: 'events', id } });
    if (current.origin !== 'manual') throw new StoreError('derived-readonly', { details: { id, log: current.sourceId } });
    if (current.rev !== check.expectedRev) throw this.conflict('events', id, check.expectedRev, current);
    const ops: WriteOp[] = [{ kind: 'events', op: 'delete', key: id, expectRev: current.rev }];
    ops.push(
      ...(await this.journal(
        [{ month: monthOf(current.day), kind: 'event', recordId: id, action: 'delete', consultant: current.consultant }],
        check.by,
      )),
    );
    await this.adapter.commit(ops, { consultants: [current.consultant], days: [current.day] });
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
    const events = types.some((t) => ON_READ_TYPES.has(t))
      ? await this.eventsOf(members, range.from, range.to)
      : await this.adapter.queryMany('events', Store.dayQueries(members, range.from, range.to));
    return events.filter((e) => types.includes(e.type));
  }

  // ------------------------------------------------------------------ scoring

  async score(subject: Subject, period: Period, options: ScoreOptions = {}): Promise<ScoreResult> {
    return (await import('./score.js')).score(this, subject, period, options);
  }

  async closeMonth(month: string, actor: Actor & { reason?: string }): Promise<PeriodRecord> {
    return (await import('./score.js')).closeMonth(this, month, actor);
  }

  async reopenMonth(month: string, actor: Actor & { reason: string }): Promise<PeriodRecord> {
    return (await import('./score.js')).reopenMonth(this, month, actor);
  }

  getMonth(month: string): Promise<PeriodRecord | undefined> {
    return this.adapter.get('periods', month);
  }

  async listMonths(): Promise<PeriodRecord[]> {
    return this.adapter.getAll('periods');
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

  // ------------------------------------------------------------------ helpers

  private conflict(kind: Kind, id: string, expected: number, current: unknown): StoreError {
    return new StoreError('conflict', { details: { kind, id, expected, current } });
  }
}
