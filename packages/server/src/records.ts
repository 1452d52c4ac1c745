/**
 * Where each of the store's record kinds lives in PostgreSQL: its table, its
 * primary key and index columns (the keys the `StoreAdapter` contract names),
 * and the column naming whose private data a row is (pull filtering).
 *
 * @module
 */
import type { RecordIndexes, RecordKind, RecordTypes } from './store.js';

export interface Column {
  name: string;
  type: 'text' | 'int';
}

export interface TableSpec {
  kind: RecordKind;
  table: string;
  /** Primary key columns after `branch_id`, in key order. */
  key: Column[];
  /** The key values of a record, in `key` order. */
  keyOf(record: Record<string, unknown>): (string | number)[];
  /** Index columns besides the key, and how a record fills them. */
  columns: { column: Column; of(record: Record<string, unknown>, ctx: ColumnContext): string | number | null }[];
  /** Each index the store reads by → its columns. */
  indexes: Record<string, string[]>;
  /** The column naming the consultant (or editor) whose record this is, for pull filtering. */
  owner?: string;
  /** True for kinds whose records carry `rev` (revision checks). */
  rev: boolean;
  /** A narrow copy of each record, written with it in one of `columns`, for reads that do not want its bookkeeping. */
  narrow?: NarrowCopy;
}

/**
 * A record's narrow copy: the fields a reader like scoring needs, as one JSON array in a text column (the
 * database concatenates them and never parses JSON; Node parses a third of the text). A read whose `omit` hint
 * names every field the copy leaves out gets records built from it.
 */
export interface NarrowCopy {
  /** Its column (one of the spec's `columns`). */
  column: string;
  /** The fields it leaves out (besides the owner column's, which the read supplies). */
  omits: readonly string[];
  /** The same copy computed from `data` in SQL, for rows written before the column existed. */
  fromData: string;
  /** Where the copy holds its record's second index column and its key (an owner's copies are ordered by them). */
  order: [number, number];
  /** A record back from its copy and its owner. */
  parse(copy: unknown[], owner: string): Record<string, unknown>;
}

/** What a column may need beyond its record. */
export interface ColumnContext {
  /** The consultant of a call log (written in the same commit, or stored). */
  ownerOfLog(logId: string): string | null;
}

const text = (name: string): Column => ({ name, type: 'text' });
const int = (name: string): Column => ({ name, type: 'int' });
const field =
  (name: string) =>
  (r: Record<string, unknown>): string | null =>
    typeof r[name] === 'string' ? (r[name] as string) : null;

/** A kind keyed by `id` and read by `[consultant, day]` ranges (events, appeals): a consultant's private rows. */
function onConsultantDays<K extends 'events' | 'appeals'>(
  kind: K,
  table: string,
): TableSpec & { kind: K; indexes: { 'by-consultant-day': string[] } } {
  return {
    kind,
    table,
    key: [text('id')],
    keyOf: (r) => [r.id as string],
    columns: [
      { column: text('consultant'), of: field('consultant') },
      { column: text('day'), of: field('day') },
    ],
    indexes: { 'by-consultant-day': ['consultant', 'day'] },
    owner: 'consultant',
    rev: true,
  };
}

/** What scoring reads of an event, in the order of {@link eventCopy} (the evaluator's fields, and the store's `day`, `origin`, `sourceId`). */
const EVENT_COPY = ['id', 'day', 'type', 'at', 'amount', 'attrs', 'origin', 'sourceId'] as const;

/** An event's narrow copy (the `events.scored` column, migration 004). */
export function eventCopy(r: Record<string, unknown>): string {
  return JSON.stringify(EVENT_COPY.map((f) => r[f] ?? null));
}

const EVENT_NARROW: NarrowCopy = {
  column: 'scored',
  // Of a stored event, everything else: its bookkeeping (the store's `BOOKKEEPING` in score.ts).
  omits: ['rev', 'recordedBy', 'createdAt', 'updatedAt', 'note'],
  order: [1, 0],
  fromData: `json_build_array(${EVENT_COPY.map((f) => (f === 'id' || f === 'day' ? f : `data -> '${f}'`)).join(', ')})::text`,
  parse(a, consultant) {
    const r: Record<string, unknown> = { id: a[0], type: a[2], consultant, at: a[3], day: a[1] };
    if (a[4] !== null) r.amount = a[4];
    if (a[5] !== null) r.attrs = a[5];
    if (a[6] !== null) r.origin = a[6];
    if (a[7] !== null) r.sourceId = a[7];
    return r;
  },
};

type Specs = { [K in RecordKind]: TableSpec & { kind: K; indexes: Record<Exclude<RecordIndexes[K], never>, string[]> } };

export const TABLES: Specs = {
  rulebookVersions: {
    kind: 'rulebookVersions',
    table: 'rulebook_versions',
    key: [text('rulebook_id'), int('version')],
    keyOf: (r) => [r.rulebookId as string, r.version as number],
    columns: [],
    indexes: {},
    rev: false,
  },
  drafts: {
    kind: 'drafts',
    table: 'drafts',
    key: [text('rulebook_id'), text('editor')],
    keyOf: (r) => [r.rulebookId as string, r.editor as string],
    columns: [],
    indexes: {},
    owner: 'editor',
    rev: true,
  },
  formDrafts: {
    kind: 'formDrafts',
    table: 'form_drafts',
    key: [text('id')],
    keyOf: (r) => [r.id as string],
    columns: [
      { column: text('owner'), of: field('owner') },
      { column: text('form'), of: field('form') },
    ],
    indexes: { 'by-owner-form': ['owner', 'form'] },
    owner: 'owner',
    rev: false,
  },
  appeals: onConsultantDays('appeals', 'appeals'),
  teams: { kind: 'teams', table: 'teams', key: [text('id')], keyOf: (r) => [r.id as string], columns: [], indexes: {}, rev: true },
  members: {
    kind: 'members',
    table: 'members',
    key: [text('id')],
    keyOf: (r) => [r.id as string],
    columns: [{ column: text('team_id'), of: field('teamId') }],
    indexes: { 'by-team': ['team_id'] },
    rev: true,
  },
  callLogs: {
    kind: 'callLogs',
    table: 'call_logs',
    key: [text('id')],
    keyOf: (r) => [r.id as string],
    columns: [
      { column: text('consultant'), of: field('consultant') },
      { column: text('date'), of: field('date') },
      { column: text('follow_up_due_at'), of: field('followUpDueAt') },
    ],
    indexes: { 'by-consultant-date': ['consultant', 'date'], 'by-follow-up-due': ['follow_up_due_at'] },
    owner: 'consultant',
    rev: true,
  },
  callLogHistory: {
    kind: 'callLogHistory',
    table: 'call_log_history',
    key: [text('id')],
    keyOf: (r) => [r.id as string],
    columns: [
      { column: text('log_id'), of: field('logId') },
      // Not in the record: the log's consultant, so the history is filtered like the log on pull.
      { column: text('consultant'), of: (r, ctx) => ctx.ownerOfLog(r.logId as string) },
    ],
    indexes: { 'by-log': ['log_id'] },
    owner: 'consultant',
    rev: false,
  },
  events: (() => {
    const spec = onConsultantDays('events', 'events');
    return { ...spec, columns: [...spec.columns, { column: text('scored'), of: eventCopy }], narrow: EVENT_NARROW };
  })(),
  periods: {
    kind: 'periods',
    table: 'periods',
    key: [text('month')],
    keyOf: (r) => [r.month as string],
    columns: [],
    indexes: {},
    rev: true,
  },
  changes: {
    kind: 'changes',
    table: 'changes',
    key: [text('id')],
    keyOf: (r) => [r.id as string],
    columns: [
      { column: text('month'), of: field('month') },
      { column: text('consultant'), of: field('consultant') },
    ],
    indexes: { 'by-month': ['month'] },
    rev: false,
  },
};

export const KINDS = Object.keys(TABLES) as RecordKind[];

/** The typed record of a row's `data`. */
export type RecordOf<K extends RecordKind> = RecordTypes[K];

/** The SQL type of a key or index column. */
export function columnType(spec: TableSpec, name: string): 'text' | 'int' {
  return (spec.key.find((c) => c.name === name) ?? spec.columns.find((c) => c.column.name === name)?.column ?? { type: 'text' }).type;
}

/** SQL expression of a row's key as JSON text (`"log-1"`, `["default", 2]`): tombstones and pull patches. */
export function keyJsonSql(spec: TableSpec): string {
  return spec.key.length === 1 ? `to_json(${spec.key[0].name})::text` : `json_build_array(${spec.key.map((c) => c.name).join(', ')})::text`;
}
