/**
 * `@rulecard/store` — everything the rulecard elements show and keep, in the
 * browser's IndexedDB (through `idb`), with no server.
 *
 * - Rulebook versions (immutable, with an effective date) and autosaved drafts.
 * - Call logs (登记表) with edit history; their derived events
 *   ({@link DERIVED_EVENT_TYPES}) are recomputed on every edit.
 * - Manager-recorded events, the roster, closed months with frozen snapshots.
 * - Scoring a period straight from the store with the versions in effect.
 * - JSON export/import (lossless) and Excel-friendly CSV (the generic
 *   `toCsv` / `parseCsv` are in `@rulecard/store/csv`).
 * - Appeals (申诉) as records: opened on a ledger line, decided in one commit
 *   with their correction.
 * - Form drafts (one per tab) through the same adapter.
 * - Change notifications across tabs; typed, bilingual errors.
 * - `createStore(adapter)` runs in Node (nothing touches IndexedDB, `window`
 *   or `navigator` until `openStore` is called); an in-memory adapter is
 *   `import { MemoryAdapter } from '@rulecard/store/memory'`.
 *
 * @example
 * ```ts
 * import { openStore, isStoreError } from '@rulecard/store';
 *
 * const store = await openStore(); // database "rulecard", Asia/Shanghai
 * const stop = store.subscribe((change) => {
 *   if (change.type === 'closed') alert(change.message['zh-CN']);
 *   else refresh(change.consultants, change.days);
 * });
 * await store.putTeam({ id: 't1', name: '网络咨询组' });
 * await store.putMember({ id: 'c01', name: '王芳', teamId: 't1', role: 'consultant', joinedOn: '2026-01-05' });
 * try {
 *   const log = await store.createCallLog(
 *     { date: '2026-11-03', time: '09:30', consultant: 'c01', channel: 'phone', contact: '13812345678',
 *       booked: false, followUpPromised: false },
 *     { by: 'c01' },
 *   );
 *   log.contact; // '138****5678'
 * } catch (e) {
 *   if (isStoreError(e, 'validation')) showErrors(e.fields); // field-level, zh-CN + en
 * }
 * const { scorecards } = await store.score({ team: 't1' }, { from: '2026-11-01', to: '2026-11-30' });
 * ```
 *
 * @packageDocumentation
 */
export type {
  RulecardStore,
  DayRange,
  Subject,
  ScoreOptions,
  CsvOptions,
  WhatIfRulebook,
  CallLogSaveOptions,
  ListCallLogsOptions,
  CallLogStats,
  MonthClosable,
  CreateStoreOptions,
} from './api.js';
export { openStore, createStore, type OpenStoreOptions } from './store.js';
export type {
  StoreAdapter,
  RecordTypes,
  RecordKeys,
  RecordIndexes,
  Query,
  WriteOp,
  RecordOp,
  JournalOp,
  CommitHint,
  KeyValue,
} from './adapter.js';
export { IdbAdapter, openIdbAdapter, type IdbAdapterOptions } from './idb-adapter.js';
export { StoreError, isStoreError, toStoreError, type StoreErrorCode, type FieldError, type RecordError } from './errors.js';
export { SCHEMA_VERSION, DEFAULT_DB_NAME } from './schema.js';
export type { ConnectOptions, SyncConnection, SyncState, SyncListener, SyncIssue, OutboxEntry } from './sync-types.js';
export { RECORDED_METHODS } from './outbox.js';
export { configureSync } from './sync-token.js';
export {
  CALL_CHANNELS,
  CALL_LOG_FIELD_LABELS,
  REGISTRATION_FIELDS,
  FOLLOW_UP_MINUTES,
  MIN_AGE,
  MAX_AGE,
  followUpDueAt,
  followUpPending,
  followUpState,
  AGE_BANDS,
  ageBand,
  mediumOf,
  missingRegistrationFields,
  validateCallLogInput,
  isRecordId,
  type CallLogContext,
  type FollowUpState,
  type AgeBand,
} from './call-log-rules.js';
export { DERIVED_EVENT_TYPES, ON_READ_TYPES, type DerivedEventType } from './derive.js';
export { maskContact, maskCallLog } from './mask.js';
export type { StoreExport, ImportOptions } from './export-format.js';
export type * from './types.js';

// Declared here rather than re-exported with `export … from`: a bundler (rolldown) places a module whose values
// only the on-demand chunks use inside those chunks, and a bare re-export would then make this entry import the
// scoring chunk (and the evaluator) or the export/CSV chunk eagerly. `node packages/elements/scripts/size.mjs` shows which chunks load.
import * as exportFormat from './export-format.js';
import * as lineRules from './line-rules.js';
/** Format tag of `exportJson()` files. */
export const EXPORT_FORMAT = exportFormat.EXPORT_FORMAT;
/** Rule id of the adjustment lines `score()` adds for changes to closed months. */
export const ADJUSTMENT_RULE = lineRules.ADJUSTMENT_RULE;
/** Event type appeals had before schema v3 (now records of their own); reserved. */
export const APPEAL_TYPE = lineRules.APPEAL_TYPE;
/** Event type of the correction written with an accepted appeal (origin `appeal`); reserved. */
export const CORRECTION_TYPE = lineRules.CORRECTION_TYPE;
/** Rule id of the correction lines `score()` adds for `rulecard_correction` events. */
export const CORRECTION_RULE = lineRules.CORRECTION_RULE;
