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

/** An export file. */
export interface StoreExport {
  format: typeof EXPORT_FORMAT;
  schemaVersion: number;
  exportedAt: string;
  timezone: string;
  records: { [K in RecordKind]: RecordTypes[K][] };
}

export interface ImportOptions {
  /** `replace` (default): the store becomes exactly the file. `merge`: records are added or overwritten by key. */
  mode?: 'replace' | 'merge';
}
