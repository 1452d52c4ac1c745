/**
 * The one place the server imports the store from (its built entry, `dist/`).
 *
 * @module
 */
export { createStore, StoreError, isStoreError, ON_READ_TYPES, SCHEMA_VERSION, RECORDED_METHODS } from '@rulecard/store';
export { MemoryAdapter } from '@rulecard/store/memory';
export { mergeEdit } from '@rulecard/store/call-log-rules';
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
  AppealInput,
  AppealDecision,
  FormDraftInput,
  ChangeRecord,
  Actor,
  JournalOp,
  RecordOp,
  Appeal,
  FormDraft,
} from '@rulecard/store';
