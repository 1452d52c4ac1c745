/**
 * The one place the server imports the store from.
 *
 * `@rulecard/store` points its package entry at TypeScript sources (for the
 * browser bundlers), which Node cannot import; until it ships a built entry
 * (`dist/`), the server build compiles the store's sources next to its own
 * (`dist/store/src/`) and imports them by relative path from here. When the
 * store has a Node-safe entry, these lines become `from '@rulecard/store'`.
 *
 * @module
 */
export {
  createStore,
  StoreError,
  isStoreError,
  APPEAL_TYPE,
  CORRECTION_TYPE,
  ON_READ_TYPES,
  SCHEMA_VERSION,
} from '../../store/src/index.js';
export type {
  RulecardStore,
  StoreAdapter,
  RecordTypes,
  RecordKeys,
  RecordIndexes,
  Query,
  WriteOp,
  CommitHint,
  KeyValue,
  RecordKind,
  CallLog,
  CallLogInput,
  EventInput,
  MemberInput,
  MemberRecord,
  TeamInput,
  TeamRecord,
  StoredEvent,
  StoreExport,
  StoreListener,
  RulebookVersion,
  RuleEvent,
  Role,
  FieldError,
  StoreErrorCode,
} from '../../store/src/index.js';
/** Not exported by the store's entry yet: the events computed from a call log when it is read. */
export { deriveEvents } from '../../store/src/derive.js';
