/**
 * The common field reasons of validation (`fieldError`), in zh-CN and en. Apart from `errors.ts` so that a
 * page that only reads (a scorecard: its store opens, lists and scores) does not download the messages of
 * every validation the writes, imports and setup run: the store's write paths load with their methods.
 *
 * @module
 */
import { DATE_REASON, INSTANT_REASON, type FieldError } from './errors.js';
import type { LocalizedText } from './types.js';

/** Message texts for the common field reasons. */
export const FIELD_REASONS = {
  required: { 'zh-CN': '必填', en: 'is required' },
  type: { 'zh-CN': '类型错误', en: 'has the wrong type' },
  date: DATE_REASON,
  month: { 'zh-CN': '月份格式应为 YYYY-MM', en: 'must be a month YYYY-MM' },
  time: { 'zh-CN': '时间格式应为 HH:mm', en: 'must be a time HH:mm' },
  instant: INSTANT_REASON,
  mobile: { 'zh-CN': '手机号应为 11 位（1[3-9] 开头）', en: 'must be an 11-digit mainland mobile number (1[3-9]…)' },
  landline: { 'zh-CN': '座机号格式应为 区号-号码', en: 'must be a landline number: area code-number' },
  wechat: {
    'zh-CN': '微信号应为 6–20 位字母开头的字母、数字、-、_',
    en: 'must be a WeChat id: 6–20 letters, digits, - or _, starting with a letter',
  },
  qq: { 'zh-CN': 'QQ 号应为 5–12 位数字', en: 'must be a QQ number of 5–12 digits' },
  email: { 'zh-CN': '邮箱格式不正确', en: 'is not a valid email address' },
  contact: { 'zh-CN': '无法识别的联系方式（手机、座机、微信、QQ 或邮箱）', en: 'is not a recognisable phone, WeChat, QQ or email' },
  age: { 'zh-CN': '年龄应为 1–120 的整数（不清楚请留空）', en: 'must be a whole number from 1 to 120 (leave it empty when unknown)' },
  fen: { 'zh-CN': '金额应为非负整数（分）', en: 'must be a non-negative whole number of fen' },
  number: { 'zh-CN': '应为有限数字', en: 'must be a finite number' },
  enum: { 'zh-CN': '不是允许的取值', en: 'is not one of the allowed values' },
  id: { 'zh-CN': '编号只能包含字母、数字、中文、-、_、.、:、@、#', en: 'may only contain letters, digits, -, _, ., :, @, #' },
  'event-type': {
    'zh-CN': '事件类型应为标识符（字母、数字、_，不以数字开头）',
    en: 'must be an identifier (letters, digits, _; not starting with a digit)',
  },
  'unknown-consultant': { 'zh-CN': '花名册中没有该咨询员', en: 'is not a consultant on the roster' },
  'unknown-team': { 'zh-CN': '没有该小组', en: 'is not a known team' },
  'too-long': { 'zh-CN': '内容过长', en: 'is too long' },
  format: { 'zh-CN': '格式不正确', en: 'has the wrong format' },
  'rulebook-format': { 'zh-CN': '不是本版本可识别的编译后规则', en: 'is not a compiled rulebook this version understands' },
  'duplicate-id': { 'zh-CN': '编号重复', en: 'duplicates another record id' },
  attrs: { 'zh-CN': '属性值只能是文字、数字或是/否', en: 'values must be strings, numbers or booleans' },
  order: { 'zh-CN': '不能早于咨询时间', en: 'cannot be before the consultation' },
  'after-consultation': { 'zh-CN': '应晚于咨询时间', en: 'must be after the consultation' },
  'in-the-past': { 'zh-CN': '应晚于现在', en: 'must be later than now' },
  'in-the-future': { 'zh-CN': '不能晚于现在', en: 'cannot be later than now' },
  'reserved-id': {
    'zh-CN': '编号不能使用系统保留的名称（如 __proto__、constructor）',
    en: 'cannot be a reserved name (such as __proto__ or constructor)',
  },
  'reserved-key': {
    'zh-CN': '属性名不能使用系统保留的名称（如 __proto__、constructor）',
    en: 'keys cannot be reserved names (such as __proto__ or constructor)',
  },
  'reserved-type': {
    'zh-CN': '该事件类型由系统生成（申诉与更正请使用申诉功能）',
    en: 'is written by the store itself (use the appeal methods for appeals and corrections)',
  },
  'unknown-field': { 'zh-CN': '不是该类记录的字段', en: 'is not a field of this kind of record' },
  'amount-range': { 'zh-CN': '金额超出允许范围（绝对值不超过 100 亿元）', en: 'is out of range (at most 10 billion yuan either way)' },
  'not-on-ledger': {
    'zh-CN': '该期间的计分中没有这一行（可能已变化，请刷新）',
    en: 'is not a line of the ledger for this period (it may have changed; reload)',
  },
  'not-appealable': { 'zh-CN': '更正和调整行不能申诉', en: 'corrections and adjustments cannot be appealed' },
  'no-follow-up': { 'zh-CN': '该登记没有承诺回访', en: 'no follow-up was promised for this log' },
  'compiled-mismatch': {
    'zh-CN': '提交的编译结果与规则原文不符，请重新检查后再发布',
    en: 'the program sent does not match the source; check the rulebook again and publish',
  },
  'rulebook-errors': { 'zh-CN': '规则有错误，未发布', en: 'has errors; nothing was published' },
  'schema-version': { 'zh-CN': '文件由更新版本的系统导出，无法导入', en: 'was exported by a newer version and cannot be imported' },
} as const satisfies Record<string, LocalizedText>;

export type FieldReason = keyof typeof FIELD_REASONS;

/** A field error with the standard message of `reason`. */
export function fieldError(field: string, reason: FieldReason): FieldError {
  return { field, reason, message: FIELD_REASONS[reason] };
}
