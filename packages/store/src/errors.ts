/**
 * Typed store errors. Every failure the elements can meet is a
 * {@link StoreError} with a stable `code` and a message in zh-CN and en;
 * validation failures also carry field-level reasons.
 *
 * @module
 */
import type { LocalizedText } from './types.js';

/** Stable error codes. */
export type StoreErrorCode =
  /** A record failed validation; see `fields`. */
  | 'validation'
  /** An import was refused; see `records` (nothing was imported). */
  | 'import-invalid'
  /**
   * Someone else saved the record since it was loaded; see `details.current`. A call-log edit also has
   * `details.changedFields` (what the others changed since), `details.yourFields` (what the refused edit
   * changes) and `details.bothChanged` (both), so the losing tab can keep its edit and apply it again.
   */
  | 'conflict'
  /** A record with this id already exists. */
  | 'duplicate'
  | 'not-found'
  /** Derived events are edited through their call log. */
  | 'derived-readonly'
  /** The browser's storage quota is exhausted. */
  | 'quota-exceeded'
  /** An upgrade waits for another tab that keeps the old version open. */
  | 'upgrade-blocked'
  /** The database was written by newer code; this code refuses to touch it. */
  | 'version-too-new'
  /** The connection is closed (upgrade in another tab, or `close()`). */
  | 'connection-closed'
  /** No rulebook version is in effect for the period. */
  | 'no-rulebook'
  /** Closing an already closed month / reopening an open one. */
  | 'period-state'
  /** IndexedDB is not available (private mode of some browsers, blocked storage). */
  | 'unavailable'
  /** The transaction was aborted for another reason; nothing was written. */
  | 'aborted'
  /** The actor's role may not do this (e.g. a consultant deciding an appeal); see `details.reason`. */
  | 'forbidden';

/** Why one field of one record was refused. */
export interface FieldError {
  /** Field name, e.g. `contact`, `age`, `compiled.format`. */
  field: string;
  /** Stable reason code, e.g. `required`, `format`, `range`, `unknown-consultant`. */
  reason: string;
  message: LocalizedText;
}

/** One refused record of an import. */
export interface RecordError {
  kind: string;
  /** Position in the imported list (0-based), or CSV data row (1-based). */
  index: number;
  id?: string;
  fields: FieldError[];
}

const TEXTS: Record<StoreErrorCode, LocalizedText> = {
  validation: { 'zh-CN': '记录有误，未保存', en: 'The record is invalid and was not saved' },
  'import-invalid': { 'zh-CN': '导入的数据有误，未导入任何记录', en: 'The import has invalid records; nothing was imported' },
  conflict: {
    'zh-CN': '该记录已被他人修改，请刷新后再编辑',
    en: 'Someone else changed this record; reload it and edit again',
  },
  duplicate: { 'zh-CN': '记录编号已存在', en: 'A record with this id already exists' },
  'not-found': { 'zh-CN': '记录不存在', en: 'The record does not exist' },
  'derived-readonly': {
    'zh-CN': '该事件由登记表生成，请修改对应的登记表',
    en: 'This event is derived from a call log; edit the call log instead',
  },
  'quota-exceeded': {
    'zh-CN': '浏览器存储空间已满，本次操作未保存，请导出并清理旧数据',
    en: 'Browser storage is full; nothing was saved. Export and remove old data',
  },
  'upgrade-blocked': {
    'zh-CN': '另一个标签页仍在使用旧版本，请关闭其他标签页后重试',
    en: 'Another tab still uses the old version; close other tabs and try again',
  },
  'version-too-new': {
    'zh-CN': '本地数据由更新版本的系统创建，当前版本无法打开，请刷新页面以加载新版本',
    en: 'The local data was created by a newer version; reload the page to get it',
  },
  'connection-closed': {
    'zh-CN': '数据连接已关闭（可能在其他标签页升级），请刷新页面',
    en: 'The data connection was closed (maybe upgraded in another tab); reload the page',
  },
  'no-rulebook': { 'zh-CN': '该期间没有生效的考评规则', en: 'No rulebook version is in effect for this period' },
  'period-state': { 'zh-CN': '该月份状态不允许此操作', en: 'The month is not in a state that allows this' },
  unavailable: { 'zh-CN': '浏览器不支持或禁止本地存储', en: 'Local storage (IndexedDB) is not available' },
  aborted: { 'zh-CN': '操作未完成，未写入任何数据', en: 'The operation did not complete; nothing was written' },
  forbidden: { 'zh-CN': '您的角色无权执行此操作', en: 'Your role is not allowed to do this' },
};

/** An error the elements can show: `code`, `text(locale)`, field reasons. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;
  /** The message in both locales. */
  readonly texts: LocalizedText;
  /** Field-level reasons (code `validation`). */
  readonly fields: FieldError[];
  /** Per-record reasons (code `import-invalid`). */
  readonly records: RecordError[];
  /** Extra data, e.g. `{ current }` on a conflict. */
  readonly details: Record<string, unknown>;

  constructor(
    code: StoreErrorCode,
    options: {
      fields?: FieldError[];
      records?: RecordError[];
      details?: Record<string, unknown>;
      texts?: LocalizedText;
      cause?: unknown;
    } = {},
  ) {
    const texts = options.texts ?? TEXTS[code];
    super(texts.en, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreError';
    this.code = code;
    this.texts = texts;
    this.fields = options.fields ?? [];
    this.records = options.records ?? [];
    this.details = options.details ?? {};
    // The developer-facing message lists the field reasons too (never field values: no customer data).
    this.message = this.text('en');
  }

  /** The message in a locale (zh-CN by default), with the field reasons appended. */
  text(locale: 'zh-CN' | 'en' = 'zh-CN'): string {
    const sep = locale === 'zh-CN' ? '：' : ': ';
    const joiner = locale === 'zh-CN' ? '；' : '; ';
    const parts = this.fields.map((f) => `${f.field}${sep}${f.message[locale]}`);
    for (const r of this.records) {
      const label = locale === 'zh-CN' ? `第 ${r.index} 条 ${r.kind}` : `${r.kind} #${r.index}`;
      parts.push(`${label}${r.id ? ` (${r.id})` : ''}${sep}${r.fields.map((f) => `${f.field} ${f.message[locale]}`).join(', ')}`);
    }
    return parts.length ? `${this.texts[locale]}${sep}${parts.join(joiner)}` : this.texts[locale];
  }
}

/** True when `e` is a StoreError (optionally of a code). */
export function isStoreError(e: unknown, code?: StoreErrorCode): e is StoreError {
  return e instanceof StoreError && (code === undefined || e.code === code);
}

/** The field reasons of a malformed day and instant (also in `FIELD_REASONS`): reads check their ranges and `asOf`. */
export const DATE_REASON: LocalizedText = { 'zh-CN': '日期格式应为 YYYY-MM-DD', en: 'must be a date YYYY-MM-DD' };
export const INSTANT_REASON: LocalizedText = {
  'zh-CN': '时间格式应为 ISO 8601（如 2026-11-03T09:30+08:00）',
  en: 'must be an ISO 8601 date-time (e.g. 2026-11-03T09:30+08:00)',
};

/**
 * A field error of a read's argument (a range's `from`/`to`, a score's `asOf`), without the validation's table of
 * messages (`field-reasons.ts`, loaded with the write paths): the same reason and message as `fieldError`.
 */
export function readFieldError(field: string, reason: 'date' | 'instant'): FieldError {
  return { field, reason, message: reason === 'date' ? DATE_REASON : INSTANT_REASON };
}

/**
 * Turns whatever IndexedDB threw into a StoreError (QuotaExceededError →
 * `quota-exceeded`, VersionError → `version-too-new`, ConstraintError →
 * `duplicate`, InvalidStateError on a closed connection → `connection-closed`).
 */
export function toStoreError(e: unknown): StoreError {
  if (e instanceof StoreError) return e;
  const name = e instanceof Error || (typeof DOMException !== 'undefined' && e instanceof DOMException) ? (e as Error).name : '';
  switch (name) {
    case 'QuotaExceededError':
      return new StoreError('quota-exceeded', { cause: e });
    case 'VersionError':
      return new StoreError('version-too-new', { cause: e });
    case 'ConstraintError':
      return new StoreError('duplicate', { cause: e });
    case 'InvalidStateError':
      return new StoreError('connection-closed', { cause: e });
    case 'AbortError':
      return new StoreError('aborted', { cause: e });
    default:
      return new StoreError('aborted', { cause: e, details: { name } });
  }
}
