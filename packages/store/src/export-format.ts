/**
 * The export file format (types and tag). The validation of an import is in
 * `export.ts`, loaded only when `exportJson` / `importJson` is called.
 *
 * @module
 */
import type { RecordTypes } from './adapter.js';
import type { RecordKind } from './types.js';

/** Format tag of an export file. */
export const EXPORT_FORMAT = 'rulecard-store/1' as const;

/** Kinds added in schema v3: a file may leave them out (read as none). `exportJson` always writes them. */
export type OptionalKind = 'appeals' | 'formDrafts';

/** An export file. */
export interface StoreExport {
  format: typeof EXPORT_FORMAT;
  /** The schema the records follow. Files of schema 2 are converted on import (legacy appeal events → appeals). */
  schemaVersion: number;
  exportedAt: string;
  timezone: string;
  records: { [K in Exclude<RecordKind, OptionalKind>]: RecordTypes[K][] } & { [K in OptionalKind]?: RecordTypes[K][] };
}

export interface ImportOptions {
  /** `replace` (default): the store becomes exactly the file. `merge`: records are added or overwritten by key. */
  mode?: 'replace' | 'merge';
}
