/**
 * Export and import of everything as JSON — lossless: `importJson(exportJson())`
 * restores every record exactly. An import is validated record by record
 * first; if any record is bad, nothing is imported and the error lists
 * which records and fields (`RecordError`: kind, index, id, field reasons).
 *
 * What an import refuses, per record schema:
 * - a key the record kind does not have (`isAdmin`, `__proto__`,
 *   `constructor`…): reason `unknown-field` on that key (refused rather than
 *   dropped: a file with fields this version does not know is either hostile
 *   or from a newer version, and either way the user should hear of it);
 * - a field of the wrong type, a number out of range (revisions and
 *   versions are safe integers, amounts within `MAX_AMOUNT`, fen safe
 *   integers), an id that is not an id (or is a reserved name);
 * - a rulebook program that is not its source's compile (`compiled-mismatch`:
 *   the store compiles every imported version's source, as on publish);
 * - a file of a newer schema (`schemaVersion`), an unknown record kind.
 *
 * A file of schema 2 (before appeals were records) is converted first
 * (`legacy-appeals.ts`); one of schema 2 or 3 (before teams had a lead) gets
 * its teams' leads as the v4 migration gives them (`leadsFromRoles`).
 *
 * @module
 */
import { CALL_LOG_FIELD_LABELS, isRecordId, isStoredId, validateCallLogInput } from './call-log-rules.js';
import { compileSource, sameProgram } from './compiler.js';
import { type FieldError, type RecordError } from './errors.js';
import { fieldError } from './field-reasons.js';
import { validateStoredEvent } from './events.js';
import { EXPORT_FORMAT, type OptionalKind, type StoreExport } from './export-format.js';
import { validateFormDraft } from './form-drafts.js';
import { convertLegacyAppeals } from './legacy-appeals.js';
import { validateVersion } from './rulebook-writes.js';
import { isScored, leadsFromRoles } from './roster.js';
import { validateMember, validateTeam } from './roster-writes.js';
import { SCHEMA_VERSION } from './schema.js';
import { validatePeriod } from './snapshot-checks.js';
import { isDate, isInstant, isMonth } from '@rulecard/dsl/calendar';
import type { MemberRecord, RecordKind, RulebookVersion, StoredEvent, TeamRecord } from './types.js';
import type { RecordTypes } from './adapter.js';

export { EXPORT_FORMAT, type StoreExport, type ImportOptions } from './export-format.js';

/** Every record kind, in import order (the roster first: other records refer to it). */
export const RECORD_KINDS: readonly RecordKind[] = [
  'teams',
  'members',
  'rulebookVersions',
  'drafts',
  'formDrafts',
  'callLogs',
  'callLogHistory',
  'events',
  'appeals',
  'periods',
  'changes',
];

const OPTIONAL_KINDS: ReadonlySet<RecordKind> = new Set<OptionalKind>(['appeals', 'formDrafts']);
const FILE_KEYS = new Set(['format', 'schemaVersion', 'exportedAt', 'timezone', 'records']);

const LOG_FIELDS = Object.keys(CALL_LOG_FIELD_LABELS).filter((k) => k !== 'id');

/** The fields each record kind has: anything else in an imported record is refused. */
const FIELDS = {
  teams: ['id', 'name', 'lead', 'rev'],
  members: ['id', 'name', 'teamId', 'role', 'joinedOn', 'leftOn', 'payFen', 'targets', 'rev'],
  rulebookVersions: ['rulebookId', 'version', 'source', 'compiled', 'author', 'publishedAt', 'effectiveFrom', 'note', 'withdrawn'],
  drafts: ['rulebookId', 'editor', 'source', 'effectiveFrom', 'updatedAt', 'rev'],
  formDrafts: ['id', 'form', 'owner', 'value', 'target', 'savedAt'],
  callLogs: ['id', 'at', 'followUpDueAt', 'rev', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy'],
  callLogHistory: ['id', 'logId', 'rev', 'action', 'at', 'by', 'changes'],
  events: [
    'id',
    'type',
    'consultant',
    'at',
    'amount',
    'attrs',
    'day',
    'origin',
    'sourceId',
    'note',
    'rev',
    'recordedBy',
    'createdAt',
    'updatedAt',
  ],
  appeals: [
    'id',
    'consultant',
    'at',
    'day',
    'rule',
    'label',
    'window',
    'points',
    'fen',
    'events',
    'reason',
    'status',
    'openedBy',
    'openedAt',
    'decidedBy',
    'decidedAt',
    'note',
    'correctionId',
    'rev',
  ],
  periods: ['month', 'status', 'snapshot', 'history', 'rev'],
  changes: ['consultant', 'id', 'month', 'kind', 'recordId', 'action', 'at', 'by'],
} as const satisfies { [K in RecordKind]: readonly (keyof RecordTypes[K])[] | readonly string[] };

// Every field of every record type is listed (a field added to a type and not here fails to compile).
type Listed<K extends RecordKind> = (typeof FIELDS)[K][number] | (K extends 'callLogs' ? keyof RecordTypes['callLogs'] & string : never);
type Unlisted = { [K in RecordKind]: Exclude<keyof RecordTypes[K], Listed<K>> }[RecordKind];
export const EVERY_FIELD_LISTED: [Unlisted] extends [never] ? true : Unlisted = true;

const ALLOWED = new Map<RecordKind, ReadonlySet<string>>(
  RECORD_KINDS.map((k) => [k, new Set<string>([...FIELDS[k], ...(k === 'callLogs' ? LOG_FIELDS : [])])]),
);

const isInt = (v: unknown, min = 0): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= min;
const str = (v: unknown): boolean => typeof v === 'string' && v.length > 0;

function revError(r: Record<string, unknown>): FieldError[] {
  return isInt(r.rev, 1) ? [] : [fieldError('rev', 'type')];
}

function instantErrors(r: Record<string, unknown>, fields: readonly string[], optional = false): FieldError[] {
  return fields.filter((f) => !(optional && r[f] === undefined) && !isInstant(r[f])).map((f) => fieldError(f, 'instant'));
}

function textErrors(r: Record<string, unknown>, fields: readonly string[], optional = false): FieldError[] {
  return fields.filter((f) => !(optional && r[f] === undefined) && !str(r[f])).map((f) => fieldError(f, 'required'));
}

/** Keys of `r` the kind does not have. */
function unknownFields(kind: RecordKind, r: Record<string, unknown>): FieldError[] {
  return Object.keys(r)
    .filter((k) => !ALLOWED.get(kind)?.has(k))
    .map((k) => fieldError(k, 'unknown-field'));
}

function validateAppeal(r: Record<string, unknown>, isConsultant: (id: string) => boolean): FieldError[] {
  const f: FieldError[] = [...revError(r), ...textErrors(r, ['rule', 'label', 'reason', 'openedBy'])];
  if (!isRecordId(r.id)) f.push(fieldError('id', 'id'));
  if (!isRecordId(r.consultant)) f.push(fieldError('consultant', 'id'));
  else if (!isConsultant(r.consultant)) f.push(fieldError('consultant', 'unknown-consultant'));
  f.push(...instantErrors(r, ['at', 'openedAt']), ...instantErrors(r, ['decidedAt'], true), ...textErrors(r, ['decidedBy', 'note'], true));
  if (!isDate(r.day)) f.push(fieldError('day', 'date'));
  if (r.window !== undefined && typeof r.window !== 'string') f.push(fieldError('window', 'type'));
  if (typeof r.points !== 'number' || !Number.isFinite(r.points) || Math.abs(r.points) > 1e9) f.push(fieldError('points', 'number'));
  if (typeof r.fen !== 'number' || !Number.isSafeInteger(r.fen)) f.push(fieldError('fen', 'fen'));
  if (!Array.isArray(r.events) || !r.events.every(isStoredId)) f.push(fieldError('events', 'type'));
  if (r.status !== 'open' && r.status !== 'accepted' && r.status !== 'rejected') f.push(fieldError('status', 'enum'));
  if (r.correctionId !== undefined && (!isStoredId(r.correctionId) || r.status !== 'accepted')) f.push(fieldError('correctionId', 'id'));
  return f;
}

function validateHistoryEntry(r: Record<string, unknown>): FieldError[] {
  const f: FieldError[] = [...revError(r), ...instantErrors(r, ['at']), ...textErrors(r, ['by'])];
  if (!isStoredId(r.id)) f.push(fieldError('id', 'id'));
  if (!isRecordId(r.logId)) f.push(fieldError('logId', 'id'));
  if (r.action !== 'update' && r.action !== 'delete') f.push(fieldError('action', 'enum'));
  const fields = new Set(LOG_FIELDS);
  const changes = r.changes;
  const isChange = (c: unknown): boolean =>
    typeof c === 'object' &&
    c !== null &&
    !Array.isArray(c) &&
    Object.keys(c).every((k) => k === 'field' || k === 'before' || k === 'after') &&
    fields.has(String((c as { field?: unknown }).field)) &&
    ['before', 'after'].every((k) => ['undefined', 'string', 'number', 'boolean'].includes(typeof (c as Record<string, unknown>)[k]));
  if (!Array.isArray(changes) || !changes.every(isChange)) f.push(fieldError('changes', 'type'));
  return f;
}

function validateChange(r: Record<string, unknown>): FieldError[] {
  const f: FieldError[] = [...instantErrors(r, ['at']), ...textErrors(r, ['by'])];
  if (!isStoredId(r.id)) f.push(fieldError('id', 'id'));
  if (!isMonth(r.month)) f.push(fieldError('month', 'month'));
  if (r.kind !== 'event' && r.kind !== 'callLog') f.push(fieldError('kind', 'enum'));
  if (!isStoredId(r.recordId)) f.push(fieldError('recordId', 'id'));
  if (!['create', 'update', 'delete'].includes(r.action as string)) f.push(fieldError('action', 'enum'));
  if (r.consultant !== undefined && !isRecordId(r.consultant)) f.push(fieldError('consultant', 'id'));
  return f;
}

function validateCallLogRecord(r: Record<string, unknown>, ctx: { timezone: string; isConsultant: (id: string) => boolean }): FieldError[] {
  const { errors: f } = validateCallLogInput(r, ctx);
  if (!isRecordId(r.id)) f.push(fieldError('id', r.id === undefined ? 'required' : 'id'));
  f.push(...instantErrors(r, ['at', 'createdAt', 'updatedAt']), ...instantErrors(r, ['followUpDueAt'], true));
  f.push(...textErrors(r, ['createdBy', 'updatedBy']), ...revError(r));
  return f;
}

function validateRulebookDraft(r: Record<string, unknown>): FieldError[] {
  const f: FieldError[] = [...revError(r), ...instantErrors(r, ['updatedAt']), ...textErrors(r, ['editor'])];
  if (!isRecordId(r.rulebookId)) f.push(fieldError('rulebookId', 'id'));
  if (typeof r.source !== 'string') f.push(fieldError('source', 'type'));
  if (r.effectiveFrom !== undefined && !isDate(r.effectiveFrom)) f.push(fieldError('effectiveFrom', 'date'));
  return f;
}

function fileError(field: string, reason: Parameters<typeof fieldError>[1]): RecordError {
  return { kind: 'file', index: 0, fields: [fieldError(field, reason)] };
}

/**
 * Validate an export file (see the module doc). `existing` supplies the
 * roster already in the store (merge mode), so imported records may refer to
 * it. The returned file has every kind (the optional ones as empty lists) and
 * schema 2 appeals converted; its rulebook programs are checked by
 * {@link checkPrograms}.
 */
export function validateExport(
  data: unknown,
  timezone: string,
  existing: { teams: TeamRecord[]; members: MemberRecord[] } = { teams: [], members: [] },
): { file: StoreExport | null; errors: RecordError[] } {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { file: null, errors: [fileError('(file)', 'type')] };
  const d = data as Record<string, unknown>;
  const errors: RecordError[] = [];
  for (const k of Object.keys(d)) if (!FILE_KEYS.has(k)) errors.push(fileError(k, 'unknown-field'));
  if (d.format !== EXPORT_FORMAT) errors.push(fileError('format', 'enum'));
  if (!isInt(d.schemaVersion, 1)) errors.push(fileError('schemaVersion', 'type'));
  else if ((d.schemaVersion as number) > SCHEMA_VERSION) errors.push(fileError('schemaVersion', 'schema-version'));
  const records = d.records;
  if (typeof records !== 'object' || records === null || Array.isArray(records)) errors.push(fileError('records', 'required'));
  else {
    const given = records as Record<string, unknown>;
    for (const k of Object.keys(given))
      if (!(RECORD_KINDS as readonly string[]).includes(k)) errors.push(fileError(`records.${k}`, 'unknown-field'));
    for (const kind of RECORD_KINDS) {
      const list = given[kind];
      if (list === undefined && OPTIONAL_KINDS.has(kind)) continue;
      if (!Array.isArray(list)) errors.push(fileError(`records.${kind}`, 'required'));
    }
  }
  if (errors.length) return { file: null, errors };
  const given = records as Record<string, unknown[] | undefined>;
  const rec = Object.fromEntries(RECORD_KINDS.map((k) => [k, [...(given[k] ?? [])]])) as { [K in RecordKind]: unknown[] };
  if ((d.schemaVersion as number) < 3) {
    // Schema 2: appeals were events. Converted here, then validated like any v3 record.
    const events = rec.events.filter((e): e is StoredEvent => typeof e === 'object' && e !== null && 'type' in e);
    const legacy = convertLegacyAppeals(events);
    const removed = new Set(legacy.removed);
    const corrections = new Map(legacy.corrections.map((c) => [c.id, c]));
    rec.events = rec.events.filter((e) => !removed.has((e as StoredEvent)?.id)).map((e) => corrections.get((e as StoredEvent)?.id) ?? e);
    rec.appeals.push(...legacy.appeals);
  }

  if ((d.schemaVersion as number) < 4) {
    // Before schema 4 teams had no lead: each gets its one member of role lead, as the migration does.
    const changed = new Map(
      leadsFromRoles(
        rec.teams.filter((t): t is TeamRecord => typeof t === 'object' && t !== null && typeof (t as TeamRecord).rev === 'number'),
        rec.members.filter((m): m is MemberRecord => typeof m === 'object' && m !== null),
      ).map((t) => [t.id, t]),
    );
    rec.teams = rec.teams.map((t) => changed.get((t as TeamRecord)?.id) ?? t);
  }

  const teamIds = new Set([...existing.teams.map((t) => t.id), ...rec.teams.map((t) => (t as TeamRecord)?.id)]);
  const scored = new Set(existing.members.filter((m) => isScored(m.role)).map((m) => m.id));
  for (const m of rec.members) if (m && isScored((m as MemberRecord).role)) scored.add((m as MemberRecord).id);
  const isConsultant = (id: string): boolean => scored.has(id);
  const ctx = { timezone, isConsultant };

  const check = (
    kind: RecordKind,
    validate: (r: Record<string, unknown>) => FieldError[],
    keyOf: (r: Record<string, unknown>) => string,
  ): void => {
    const seen = new Set<string>();
    rec[kind].forEach((raw, index) => {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        errors.push({ kind, index, fields: [fieldError('(record)', 'type')] });
        return;
      }
      const r = raw as Record<string, unknown>;
      const fields = [...unknownFields(kind, r), ...validate(r)];
      const key = keyOf(r);
      if (seen.has(key)) fields.push(fieldError('id', 'duplicate-id'));
      seen.add(key);
      if (fields.length) errors.push({ kind, index, id: key, fields });
    });
  };
  const byId = (r: Record<string, unknown>): string => String(r.id);
  const memberIds = new Set([...existing.members.map((m) => m.id), ...rec.members.map((m) => (m as MemberRecord)?.id)]);
  check('teams', (r) => [...validateTeam(r, (id) => memberIds.has(id)), ...revError(r)], byId);
  check('members', (r) => [...validateMember(r, (id) => teamIds.has(id)), ...revError(r)], byId);
  check('rulebookVersions', validateVersion, (r) => `${String(r.rulebookId)}@${String(r.version)}`);
  check('drafts', validateRulebookDraft, (r) => `${String(r.rulebookId)}/${String(r.editor)}`);
  check('formDrafts', (r) => [...validateFormDraft(r), ...textErrors(r, ['owner']), ...instantErrors(r, ['savedAt'])], byId);
  check('callLogs', (r) => validateCallLogRecord(r, ctx), byId);
  check('callLogHistory', validateHistoryEntry, byId);
  check('events', (r) => validateStoredEvent(r, ctx), byId);
  check('appeals', (r) => validateAppeal(r, isConsultant), byId);
  check('periods', validatePeriod, (r) => String(r.month));
  check('changes', validateChange, byId);
  if (errors.length) return { file: null, errors };
  const file: StoreExport = {
    format: EXPORT_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    exportedAt: typeof d.exportedAt === 'string' ? d.exportedAt : '',
    timezone: typeof d.timezone === 'string' ? d.timezone : timezone,
    records: rec as StoreExport['records'],
  };
  return { file, errors };
}

/**
 * Compile every rulebook version's source and compare with its program (as
 * `publishRulebook` does): a program that is not its source's compile is
 * refused (`compiled-mismatch`), a source with errors too (`rulebook-errors`).
 */
export async function checkPrograms(versions: readonly RulebookVersion[]): Promise<RecordError[]> {
  const errors: RecordError[] = [];
  const bySource = new Map<string, Awaited<ReturnType<typeof compileSource>> | null>();
  for (const [index, v] of versions.entries()) {
    if (!bySource.has(v.source)) bySource.set(v.source, await compileSource(v.source).catch(() => null));
    const compiled = bySource.get(v.source);
    const id = `${v.rulebookId}@${v.version}`;
    if (!compiled) errors.push({ kind: 'rulebookVersions', index, id, fields: [fieldError('source', 'rulebook-errors')] });
    else if (!sameProgram(v.compiled, compiled))
      errors.push({ kind: 'rulebookVersions', index, id, fields: [fieldError('compiled', 'compiled-mismatch')] });
  }
  return errors;
}
