/**
 * Call-log writes: registering, importing, editing and deleting logs (with
 * their derived events, history and closed-month journal in the same
 * commit), marking a follow-up done, storing overdue follow-ups. The rules
 * they check are in `call-log-rules.ts`.
 *
 * @module
 */
import type { CommitHint, WriteOp } from './adapter.js';
import { CALL_LOG_FIELD_LABELS, FOLLOW_UP_MINUTES, isRecordId, validateCallLogInput } from './call-log-rules.js';
import { deriveEvents, storedDerivedIds } from './derive.js';
import { StoreError, type RecordError } from './errors.js';
import { fieldError } from './field-reasons.js';
import { newId, notFound, type StoreCore } from './internal.js';
import { requireActor } from './actor.js';
import { maskCallLog } from './mask.js';
import { eventTouch, journal, type Touch } from './periods.js';
import { addMinutes, instantOf, monthOf, normalizeInstant, nowIso, parseInstant } from '@rulecard/dsl/calendar';
import type {
  Actor,
  CallLog,
  CallLogFields,
  CallLogInput,
  CallLogRevision,
  CallLogView,
  FieldChange,
  RevisionCheck,
  StoredEvent,
} from './types.js';

/** Options of a call-log save. */
export interface CallLogSaveOptions {
  /**
   * The form draft this save completes (`saveFormDraft`): deleted in the same
   * transaction as the save, so a reload can never restore a draft of a log
   * that is already saved.
   */
  draftId?: string;
}

/** A stored call log from validated fields. */
export function buildCallLog(
  id: string,
  fields: CallLogFields,
  meta: { rev: number; createdAt: string; createdBy: string; updatedAt: string; updatedBy: string },
  timezone: string,
): CallLog {
  const at = instantOf(fields.date, fields.time, timezone);
  const log: CallLog = { ...fields, id, at, ...meta };
  if (log.followUpPromised && !log.followUpDoneAt) log.followUpDueAt = addMinutes(at, FOLLOW_UP_MINUTES, timezone);
  return log;
}

/** The form fields of a stored log (bookkeeping stripped). */
export function fieldsOf(log: CallLog): CallLogFields {
  const {
    id: _id,
    at: _at,
    followUpDueAt: _due,
    rev: _rev,
    createdAt: _ca,
    createdBy: _cb,
    updatedAt: _ua,
    updatedBy: _ub,
    ...fields
  } = log;
  return fields;
}

const ALL_FIELDS = Object.keys(CALL_LOG_FIELD_LABELS).filter((k) => k !== 'id') as (keyof CallLogFields)[];

/** Field-by-field differences between two versions of a log. */
export function diffFields(before: CallLogFields, after: CallLogFields): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const f of ALL_FIELDS) {
    if (before[f] !== after[f]) {
      const c: FieldChange = { field: f };
      if (before[f] !== undefined) c.before = before[f];
      if (after[f] !== undefined) c.after = after[f];
      changes.push(c);
    }
  }
  return changes;
}

/** A history entry. */
export function revision(log: CallLog, action: CallLogRevision['action'], changes: FieldChange[]): CallLogRevision {
  return { id: `${log.id}@${log.rev}`, logId: log.id, rev: log.rev, action, at: log.updatedAt, by: log.updatedBy, changes };
}

/** The months a log and its stored derived events touch. */
function touchesOfLog(log: CallLog, derived: StoredEvent[], action: Touch['action']): Touch[] {
  const out: Touch[] = [{ month: monthOf(log.date), kind: 'callLog', recordId: log.id, action, consultant: log.consultant }];
  for (const e of derived) out.push(eventTouch(e, action));
  return out;
}

/** The delete op of a form draft, when a save completes one. */
function draftOps(options: CallLogSaveOptions): WriteOp[] {
  if (options.draftId === undefined) return [];
  if (!isRecordId(options.draftId)) throw new StoreError('validation', { fields: [fieldError('draftId', 'id')] });
  return [{ kind: 'formDrafts', op: 'delete', key: options.draftId }];
}

/**
 * The `conflict` of an edit made on revision `expected` of a log now at
 * `current`: `details.current` (masked) and `details.changedFields`, the
 * fields the other writers changed since `expected` (from the history), so
 * the losing tab can keep its own edit and re-apply it to the newest
 * revision. With the losing `patch`: `details.yourFields`, the fields the
 * patch changes on revision `expected` (what the user edited), and
 * `details.bothChanged`, those of them the others changed too. Field names
 * only: no customer value leaves the store in an error.
 */
async function editConflict(
  core: StoreCore,
  id: string,
  expected: number,
  current: CallLog,
  patch?: Partial<CallLogInput>,
): Promise<StoreError> {
  const history = await core.adapter.query('callLogHistory', { index: 'by-log', only: id });
  const later = history.filter((h) => h.rev > expected);
  const changedFields = [...new Set(later.flatMap((h) => h.changes.map((c) => c.field)))].sort();
  const details: Record<string, unknown> = { kind: 'callLogs', id, expected, current: maskCallLog(current), changedFields };
  if (patch && typeof patch === 'object') {
    const yourFields = await editedFields(core, fieldsAt(current, later), patch);
    details.yourFields = yourFields;
    details.bothChanged = yourFields.filter((f) => changedFields.includes(f));
  }
  return new StoreError('conflict', { details });
}

/** A log's fields as they were before the `later` history entries (the current fields with those changes undone). */
function fieldsAt(current: CallLog, later: CallLogRevision[]): CallLogFields {
  const fields: Record<string, unknown> = { ...fieldsOf(current) };
  for (const h of [...later].sort((a, b) => b.rev - a.rev)) {
    for (const c of h.changes) {
      if (c.before === undefined) delete fields[c.field];
      else fields[c.field] = c.before;
    }
  }
  return fields as unknown as CallLogFields;
}

/** `fields` with `patch` applied as an edit applies it (empty values clear a field; a new contact is re-classified). */
function patched(fields: CallLogFields, patch: Partial<CallLogInput>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...fields };
  for (const [k, v] of Object.entries(patch)) {
    if (k === 'id') continue;
    if (v === undefined || v === null || v === '') delete merged[k];
    else merged[k] = v;
  }
  if ('contact' in patch && !('contactKind' in patch)) delete merged.contactKind; // re-infer for a new contact
  return merged;
}

/** The fields `patch` changes on `base` (after validation's normalising; an invalid patch: the keys whose values differ). */
async function editedFields(core: StoreCore, base: CallLogFields, patch: Partial<CallLogInput>): Promise<(keyof CallLogFields)[]> {
  const merged = patched(base, patch);
  const { fields } = validateCallLogInput(merged, { timezone: core.timezone, isConsultant: await core.consultantCheck() });
  if (fields) return diffFields(base, fields).map((c) => c.field);
  const raw = base as unknown as Record<string, unknown>;
  return ALL_FIELDS.filter((f) => merged[f] !== raw[f]);
}

/** Commits an edit of a log; a revision check lost inside the commit becomes {@link editConflict}. */
async function commitEdit(
  core: StoreCore,
  id: string,
  expected: number,
  ops: WriteOp[],
  hint: CommitHint,
  patch?: Partial<CallLogInput>,
): Promise<void> {
  try {
    await core.adapter.commit(ops, hint);
  } catch (e) {
    if (!(e instanceof StoreError && e.code === 'conflict' && e.details.kind === 'callLogs')) throw e;
    const now = await core.adapter.get('callLogs', id);
    throw now ? await editConflict(core, id, expected, now, patch) : e;
  }
}

/** A log's stored derived events, read by their deterministic keys. */
function derivedOf(core: StoreCore, logId: string): Promise<StoredEvent[]> {
  return core.adapter.queryMany(
    'events',
    storedDerivedIds(logId).map((only) => ({ only })),
  );
}

/**
 * Validate every input, then add all logs with their derived events in one
 * commit (or none). `errorCode`: `validation` for a single registration (the
 * first record's field reasons; a new registration: its booking must be later
 * than now), `import-invalid` for an import (every bad record). Ids the caller
 * chose are added (never overwriting: `duplicate`).
 */
export async function createCallLogs(
  core: StoreCore,
  inputs: CallLogInput[],
  actor: Actor,
  options: CallLogSaveOptions & { errorCode?: 'validation' | 'import-invalid' } = {},
): Promise<CallLogView[]> {
  requireActor(actor);
  if (!Array.isArray(inputs)) throw new StoreError('validation', { fields: [fieldError('(records)', 'type')] });
  const ctx = {
    timezone: core.timezone,
    isConsultant: await core.consultantCheck(),
    ...(options.errorCode === 'validation' ? { now: core.clock() } : {}),
  };
  const errors: RecordError[] = [];
  const logs: CallLog[] = [];
  /** Ids the caller chose: written with `add`, so an existing log is never overwritten. Generated UUIDs cannot collide. */
  const chosenIds = new Set<string>();
  const seen = new Set<string>();
  const now = nowIso();
  inputs.forEach((input, index) => {
    const { fields, errors: fieldErrors } = validateCallLogInput(input, ctx);
    const chosen = (input as { id?: unknown } | null)?.id;
    const id = typeof chosen === 'string' ? chosen : newId('log');
    if (typeof chosen === 'string') chosenIds.add(chosen);
    if (seen.has(id)) fieldErrors.push(fieldError('id', 'duplicate-id'));
    seen.add(id);
    if (!fields || fieldErrors.length) {
      errors.push({ kind: 'callLog', index, id: typeof chosen === 'string' ? chosen : undefined, fields: fieldErrors });
      return;
    }
    logs.push(
      buildCallLog(id, fields, { rev: 1, createdAt: now, createdBy: actor.by, updatedAt: now, updatedBy: actor.by }, core.timezone),
    );
  });
  if (errors.length) {
    if (options.errorCode === 'validation') throw new StoreError('validation', { fields: errors[0].fields });
    throw new StoreError('import-invalid', { records: errors });
  }
  const ops: WriteOp[] = draftOps(options);
  const touches: Touch[] = [];
  const clock = core.clock();
  for (const log of logs) {
    const fresh = !chosenIds.has(log.id);
    ops.push(fresh ? { kind: 'callLogs', op: 'put', record: log, fresh } : { kind: 'callLogs', op: 'put', record: log, expectRev: null });
    const derived = deriveEvents(log, { timezone: core.timezone, now: clock, select: 'stored' });
    for (const ev of derived) ops.push({ kind: 'events', op: 'put', record: ev, fresh });
    touches.push(...touchesOfLog(log, derived, 'create'));
  }
  ops.push(...journal(touches, actor.by));
  await core.adapter.commit(ops);
  return logs.map(maskCallLog);
}

/** Edit fields of a log: history, derived events and journal in one commit; `conflict` on a stale `expectedRev`. */
export async function updateCallLog(
  core: StoreCore,
  id: string,
  patch: Partial<CallLogInput>,
  check: RevisionCheck,
  options: CallLogSaveOptions = {},
): Promise<CallLogView> {
  requireActor(check);
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw new StoreError('validation', { fields: [fieldError('(record)', 'type')] });
  }
  const current = await core.adapter.get('callLogs', id);
  if (!current) throw notFound('callLogs', id);
  if (current.rev !== check.expectedRev) throw await editConflict(core, id, check.expectedRev, current, patch);
  const merged = patched(fieldsOf(current), patch);
  const { fields, errors } = validateCallLogInput(merged, { timezone: core.timezone, isConsultant: await core.consultantCheck() });
  if (!fields) throw new StoreError('validation', { fields: errors });
  const changes = diffFields(fieldsOf(current), fields);
  const drafts = draftOps(options);
  if (changes.length === 0) {
    if (drafts.length) await core.adapter.commit(drafts);
    return maskCallLog(current);
  }
  const log = buildCallLog(
    id,
    fields,
    { rev: current.rev + 1, createdAt: current.createdAt, createdBy: current.createdBy, updatedAt: nowIso(), updatedBy: check.by },
    core.timezone,
  );
  const oldDerived = await derivedOf(core, id);
  const derived = deriveEvents(log, { timezone: core.timezone, now: core.clock(), select: 'stored' });
  const keep = new Set(derived.map((e) => e.id));
  const ops: WriteOp[] = [{ kind: 'callLogs', op: 'put', record: log, expectRev: current.rev }, ...drafts];
  for (const e of oldDerived) if (!keep.has(e.id)) ops.push({ kind: 'events', op: 'delete', key: e.id });
  for (const e of derived) ops.push({ kind: 'events', op: 'put', record: e });
  ops.push({ kind: 'callLogHistory', op: 'put', record: revision(log, 'update', changes) });
  ops.push(...journal([...touchesOfLog(current, oldDerived, 'update'), ...touchesOfLog(log, derived, 'update')], check.by));
  await commitEdit(
    core,
    id,
    check.expectedRev,
    ops,
    { consultants: [current.consultant], days: [current.date, ...oldDerived.map((e) => e.day)] },
    patch,
  );
  return maskCallLog(log);
}

/** Delete a log and its derived events; its history keeps a `delete` entry. */
export async function deleteCallLog(core: StoreCore, id: string, check: RevisionCheck): Promise<void> {
  requireActor(check);
  const current = await core.adapter.get('callLogs', id);
  if (!current) throw notFound('callLogs', id);
  if (current.rev !== check.expectedRev) throw await editConflict(core, id, check.expectedRev, current);
  const oldDerived = await derivedOf(core, id);
  const gone: CallLog = { ...current, rev: current.rev + 1, updatedAt: nowIso(), updatedBy: check.by };
  const emptied = {
    date: current.date,
    time: current.time,
    consultant: current.consultant,
    channel: current.channel,
    booked: false,
    followUpPromised: false,
  } as CallLogFields;
  const ops: WriteOp[] = [
    { kind: 'callLogs', op: 'delete', key: id, expectRev: current.rev },
    ...oldDerived.map((e): WriteOp => ({ kind: 'events', op: 'delete', key: e.id })),
    { kind: 'callLogHistory', op: 'put', record: revision(gone, 'delete', diffFields(fieldsOf(current), emptied)) },
    ...journal(touchesOfLog(current, oldDerived, 'delete'), check.by),
  ];
  await commitEdit(core, id, check.expectedRev, ops, {
    consultants: [current.consultant],
    days: [current.date, ...oldDerived.map((e) => e.day)],
  });
}

/**
 * Mark a promised follow-up done (at `at`, default now): an edit of the log
 * with its revision check, so of two tabs clicking "done" the second gets
 * `conflict` (with the log as it is now) instead of a second write. A log
 * whose follow-up is already done is returned unchanged.
 */
export async function markFollowUpDone(
  core: StoreCore,
  id: string,
  input: { at?: string; expectedRev: number },
  actor: Actor,
): Promise<CallLogView> {
  requireActor(actor);
  if (typeof input !== 'object' || input === null || typeof input.expectedRev !== 'number') {
    throw new StoreError('validation', { fields: [fieldError('expectedRev', 'required')] });
  }
  const at = input.at === undefined ? addMinutes(core.clock().toISOString(), 0, core.timezone) : normalizeInstant(input.at, core.timezone);
  if (!at) throw new StoreError('validation', { fields: [fieldError('at', 'instant')] });
  const current = await core.adapter.get('callLogs', id);
  if (!current) throw notFound('callLogs', id);
  if (current.rev !== input.expectedRev) throw await editConflict(core, id, input.expectedRev, current, { followUpDoneAt: at });
  if (!current.followUpPromised) throw new StoreError('validation', { fields: [fieldError('followUpPromised', 'no-follow-up')] });
  if (current.followUpDoneAt) return maskCallLog(current);
  return updateCallLog(core, id, { followUpDoneAt: at }, { by: actor.by, expectedRev: input.expectedRev });
}

/** Store `follow_up_overdue` events of promised follow-ups past their deadline at `now`; returns how many were added. */
export async function refreshOverdueFollowUps(core: StoreCore, now: Date): Promise<number> {
  const pending = await core.adapter.query('callLogs', { index: 'by-follow-up-due' });
  const due = pending.filter((l) => l.followUpDueAt && parseInstant(l.followUpDueAt) <= now.getTime());
  const overdue = due.flatMap((log) =>
    deriveEvents(log, { timezone: core.timezone, now, select: 'stored' }).filter((e) => e.type === 'follow_up_overdue'),
  );
  if (overdue.length === 0) return 0;
  const existing = await core.adapter.queryMany(
    'events',
    overdue.map((e) => ({ only: e.id })),
  );
  const stored = new Set(existing.map((e) => e.id));
  const added = overdue.filter((ev) => !stored.has(ev.id));
  if (added.length === 0) return 0;
  const ops: WriteOp[] = added.map((record): WriteOp => ({ kind: 'events', op: 'put', record }));
  ops.push(
    ...journal(
      added.map((ev) => eventTouch(ev, 'create')),
      'system',
    ),
  );
  await core.adapter.commit(ops);
  return added.length;
}
