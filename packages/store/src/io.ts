/**
 * Export and import — loaded on demand: JSON (lossless, validated record by
 * record) and Excel-friendly CSV of call logs and score results.
 *
 * @module
 */
import type { WriteOp } from './adapter.js';
import type { CsvOptions, DayRange, Subject } from './api.js';
import { callLogsToCsv, csvToCallLogInputs, scoreToCsv } from './csv.js';
import { StoreError } from './errors.js';
import { checkPrograms, EXPORT_FORMAT, RECORD_KINDS, validateExport, type ImportOptions, type StoreExport } from './export.js';
import { validRange, type StoreCore } from './internal.js';
import { maskCallLog } from './mask.js';
import { subjectMemberIds } from './roster.js';
import { SCHEMA_VERSION } from './schema.js';
import { nowIso } from '@rulecard/dsl/calendar';
import type { Actor, CallLogView, RecordKind as Kind, ScoreResult } from './types.js';

export async function exportJson(core: StoreCore): Promise<StoreExport> {
  const records = {} as StoreExport['records'];
  for (const kind of RECORD_KINDS) {
    (records as Record<Kind, unknown[]>)[kind] = await core.adapter.getAll(kind);
  }
  return { format: EXPORT_FORMAT, schemaVersion: SCHEMA_VERSION, exportedAt: nowIso(), timezone: core.timezone, records };
}

export async function importJson(core: StoreCore, data: unknown, options: ImportOptions = {}): Promise<{ counts: Record<string, number> }> {
  const mode = options.mode ?? 'replace';
  const existing =
    mode === 'merge' ? { teams: await core.adapter.getAll('teams'), members: await core.adapter.getAll('members') } : undefined;
  const { file, errors } = validateExport(data, core.timezone, existing);
  if (!file) throw new StoreError('import-invalid', { records: errors });
  const programErrors = await checkPrograms(file.records.rulebookVersions);
  if (programErrors.length) throw new StoreError('import-invalid', { records: programErrors });
  const ops: WriteOp[] = [];
  const counts: Record<string, number> = {};
  for (const kind of RECORD_KINDS) {
    if (mode === 'replace') ops.push({ kind, op: 'clear' } as WriteOp);
    const list = (file.records[kind] ?? []) as unknown[];
    counts[kind] = list.length;
    // Replacing, every record is new to the cleared store (the file's ids are checked unique): `fresh` lets the
    // adapter skip reading an old version of each event and call log (half the requests of a large import).
    const fresh = mode === 'replace' ? { fresh: true } : {};
    for (const record of list) ops.push({ kind, op: 'put', record, ...fresh } as WriteOp);
  }
  await core.adapter.commit(ops);
  return { counts };
}

export async function exportCallLogsCsv(
  core: StoreCore,
  subject: Subject,
  range: DayRange,
  options: CsvOptions & { unmasked?: boolean } = {},
): Promise<string> {
  validRange(range);
  const members = await core.adapter.getAll('members');
  const logs = await core.logsOf(subjectMemberIds(subject, members, range), range.from, range.to);
  logs.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const names = new Map(members.map((m) => [m.id, m.name]));
  return callLogsToCsv(options.unmasked ? logs : logs.map(maskCallLog), names, options.locale ?? 'zh-CN');
}

export async function importCallLogsCsv(core: StoreCore, csv: string, actor: Actor): Promise<CallLogView[]> {
  const { inputs, errors } = csvToCallLogInputs(csv);
  if (errors.length) throw new StoreError('import-invalid', { records: errors });
  try {
    return await core.importCallLogs(inputs, actor);
  } catch (e) {
    // Report CSV rows 1-based (the header is row 0).
    if (e instanceof StoreError && e.code === 'import-invalid') {
      throw new StoreError('import-invalid', { records: e.records.map((r) => ({ ...r, index: r.index + 1 })) });
    }
    throw e;
  }
}

export async function exportScoreCsv(core: StoreCore, result: ScoreResult, options: CsvOptions = {}): Promise<string> {
  const [teams, members] = await Promise.all([core.adapter.getAll('teams'), core.adapter.getAll('members')]);
  const names = new Map<string, string>([...teams.map((t) => [t.id, t.name] as const), ...members.map((m) => [m.id, m.name] as const)]);
  return scoreToCsv(result, names, options.locale ?? 'zh-CN');
}
