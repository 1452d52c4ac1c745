/**
 * Export and import of everything as JSON — lossless: `importJson(exportJson())`
 * restores every record exactly. An import is validated record by record
 * first; if any record is bad, nothing is imported and the error lists
 * which records and fields.
 *
 * @module
 */
import { EXPORT_FORMAT, type StoreExport } from './export-format.js';
import { fieldError, type FieldError, type RecordError } from './errors.js';
import { isRecordId, validateCallLogInput } from './call-logs.js';
import { validateStoredEvent } from './events.js';
import { validateVersion } from './rulebooks.js';
import { isScored, validateMember, validateTeam } from './roster.js';
import { isMonth } from './time.js';
import type { MemberRecord, RecordKind, TeamRecord } from './types.js';

export { EXPORT_FORMAT, type StoreExport, type ImportOptions } from './export-format.js';

export const RECORD_KINDS: readonly RecordKind[] = [
  'teams',
  'members',
  'rulebookVersions',
  'drafts',
  'callLogs',
  'callLogHistory',
  'events',
  'periods',
  'changes',
];

function isInstantLike(v: unknown): boolean {
  return typeof v === 'string' && !Number.isNaN(Date.parse(v));
}

function revError(r: Record<string, unknown>): FieldError[] {
  return typeof r.rev === 'number' && Number.isInteger(r.rev) && r.rev >= 1 ? [] : [fieldError('rev', 'type')];
}

/**
 * Validate an export file. `existing` supplies the roster already in the
 * store (merge mode), so imported records may refer to it.
 */
export function validateExport(
  data: unknown,
  timezone: string,
  existing: { teams: TeamRecord[]; members: MemberRecord[] } = { teams: [], members: [] },
): { file: StoreExport | null; errors: RecordError[] } {
  const errors: RecordError[] = [];
  if (typeof data !== 'object' || data === null) {
    return { file: null, errors: [{ kind: 'file', index: 0, fields: [fieldError('(file)', 'type')] }] };
  }
  const d = data as Record<string, unknown>;
  if (d.format !== EXPORT_FORMAT) errors.push({ kind: 'file', index: 0, fields: [fieldError('format', 'enum')] });
  const records = (d.records ?? {}) as Record<string, unknown>;
  for (const kind of RECORD_KINDS) {
    if (!Array.isArray(records[kind])) errors.push({ kind: 'file', index: 0, fields: [fieldError(`records.${kind}`, 'required')] });
  }
  if (errors.length) return { file: null, errors };
  const rec = records as { [K in RecordKind]: unknown[] };

  const teamIds = new Set([...existing.teams.map((t) => t.id), ...rec.teams.map((t) => (t as TeamRecord)?.id)]);
  const scored = new Set(existing.members.filter((m) => isScored(m.role)).map((m) => m.id));
  for (const m of rec.members) if (m && isScored((m as MemberRecord).role)) scored.add((m as MemberRecord).id);
  const ctx = { timezone, isConsultant: (id: string) => scored.has(id) };

  const check = (
    kind: RecordKind,
    validate: (r: Record<string, unknown>) => FieldError[],
    keyOf: (r: Record<string, unknown>) => string,
  ): void => {
    const seen = new Set<string>();
    rec[kind].forEach((raw, index) => {
      if (typeof raw !== 'object' || raw === null) {
        errors.push({ kind, index, fields: [fieldError('(record)', 'type')] });
        return;
      }
      const r = raw as Record<string, unknown>;
      const fields = validate(r);
      const key = keyOf(r);
      if (seen.has(key)) fields.push(fieldError('id', 'duplicate-id'));
      seen.add(key);
      if (fields.length) errors.push({ kind, index, id: key, fields });
    });
  };

  check(
    'teams',
    (r) => [...validateTeam(r), ...revError(r)],
    (r) => String(r.id),
  );
  check(
    'members',
    (r) => [...validateMember(r, (id) => teamIds.has(id)), ...revError(r)],
    (r) => String(r.id),
  );
  check('rulebookVersions', validateVersion, (r) => `${String(r.rulebookId)}@${String(r.version)}`);
  check(
    'drafts',
    (r) => {
      const f: FieldError[] = [];
      if (!isRecordId(r.rulebookId)) f.push(fieldError('rulebookId', 'id'));
      if (typeof r.editor !== 'string' || !r.editor) f.push(fieldError('editor', 'required'));
      if (typeof r.source !== 'string') f.push(fieldError('source', 'type'));
      if (!isInstantLike(r.updatedAt)) f.push(fieldError('updatedAt', 'instant'));
      return [...f, ...revError(r)];
    },
    (r) => `${String(r.rulebookId)}/${String(r.editor)}`,
  );
  check(
    'callLogs',
    (r) => {
      const { errors: f } = validateCallLogInput(r, ctx);
      if (!isRecordId(r.id)) f.push(fieldError('id', r.id === undefined ? 'required' : 'id'));
      if (!isInstantLike(r.at)) f.push(fieldError('at', 'instant'));
      for (const k of ['createdAt', 'updatedAt'] as const) if (!isInstantLike(r[k])) f.push(fieldError(k, 'instant'));
      for (const k of ['createdBy', 'updatedBy'] as const) if (typeof r[k] !== 'string' || !r[k]) f.push(fieldError(k, 'required'));
      return [...f, ...revError(r)];
    },
    (r) => String(r.id),
  );
  check(
    'callLogHistory',
    (r) => {
      const f: FieldError[] = [];
      if (typeof r.id !== 'string') f.push(fieldError('id', 'required'));
      if (typeof r.logId !== 'string') f.push(fieldError('logId', 'required'));
      if (r.action !== 'update' && r.action !== 'delete') f.push(fieldError('action', 'enum'));
      if (!isInstantLike(r.at)) f.push(fieldError('at', 'instant'));
      if (typeof r.by !== 'string') f.push(fieldError('by', 'required'));
      if (!Array.isArray(r.changes)) f.push(fieldError('changes', 'type'));
      return [...f, ...revError(r)];
    },
    (r) => String(r.id),
  );
  check(
    'events',
    (r) => validateStoredEvent(r, ctx),
    (r) => String(r.id),
  );
  check(
    'periods',
    (r) => {
      const f: FieldError[] = [];
      if (!isMonth(r.month)) f.push(fieldError('month', 'month'));
      if (r.status !== 'open' && r.status !== 'closed') f.push(fieldError('status', 'enum'));
      if (r.status === 'closed' && (typeof r.snapshot !== 'object' || r.snapshot === null)) f.push(fieldError('snapshot', 'required'));
      if (!Array.isArray(r.history)) f.push(fieldError('history', 'type'));
      return [...f, ...revError(r)];
    },
    (r) => String(r.month),
  );
  check(
    'changes',
    (r) => {
      const f: FieldError[] = [];
      if (typeof r.id !== 'string') f.push(fieldError('id', 'required'));
      if (!isMonth(r.month)) f.push(fieldError('month', 'month'));
      if (r.kind !== 'event' && r.kind !== 'callLog') f.push(fieldError('kind', 'enum'));
      if (!['create', 'update', 'delete'].includes(r.action as string)) f.push(fieldError('action', 'enum'));
      if (!isInstantLike(r.at)) f.push(fieldError('at', 'instant'));
      return f;
    },
    (r) => String(r.id),
  );
  return { file: errors.length ? null : (data as StoreExport), errors };
}
