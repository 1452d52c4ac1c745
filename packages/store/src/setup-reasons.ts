/**
 * Field reasons of setting up: the roster (its records and its import from a
 * spreadsheet) and publishing or withdrawing a rulebook version, in zh-CN
 * and en. Apart from `errors.ts` so that the modules a form loads with its
 * element (the call-log rules) do not carry them.
 *
 * @module
 */
import { type FieldError } from './errors.js';
import { FIELD_REASONS, type FieldReason } from './field-reasons.js';
import type { LocalizedText } from './types.js';

export const SETUP_REASONS = {
  // the roster
  'unknown-member': { 'zh-CN': '花名册中没有该人员', en: 'is not a person on the roster' },
  'roster-key': {
    'zh-CN': '名称应以字母、中文或 _ 开头，只含字母、数字、中文和 _（与规则集中的名称一致）',
    en: 'must be a name as the rulebook writes it: a letter or _, then letters, digits or _',
  },
  'pay-fen': { 'zh-CN': '薪资应为 0 到 100 亿元之间的金额（分为整数）', en: 'must be an amount from 0 to 10 billion yuan, in whole fen' },
  'pay-yuan': {
    'zh-CN': '薪资应为不小于 0 的金额（元，最多两位小数）',
    en: 'must be an amount in yuan of at least 0, with at most two decimals',
  },
  'target-value': { 'zh-CN': '指标应为数字（绝对值不超过 100 亿）', en: 'must be a number (at most 10 billion either way)' },
  'left-before-joined': { 'zh-CN': '离职日期不能早于入职日期', en: 'cannot be before the join date' },
  'has-records': {
    'zh-CN': '该人员已有登记、事件或申诉，不能删除；请填写离职日期',
    en: 'has call logs, events or appeals and cannot be deleted; give a leave date instead',
  },
  'has-members': { 'zh-CN': '该小组还有成员，不能删除', en: 'still has members and cannot be deleted' },
  'unknown-column': {
    'zh-CN': '无法识别的列（可用：工号、姓名、小组、岗位、入职日期、离职日期、薪资:项目、指标:名称）',
    en: 'is not a known column (id, name, team, role, joined, left, pay:ITEM, target:NAME)',
  },
  'missing-column': { 'zh-CN': '缺少必需的列', en: 'is a required column and is missing' },
  'duplicate-column': { 'zh-CN': '列重复', en: 'appears twice' },
  'role-name': { 'zh-CN': '岗位应为 咨询员、组长 或 管理者', en: 'must be consultant, lead or manager' },
  // publishing and withdrawing
  'past-date': {
    'zh-CN': '生效日期早于今天：确认追溯生效后才能发布（已显示的分数会按新规则重算）',
    en: 'is before today: confirm the backdating to publish (scores already shown will be recomputed)',
  },
  'in-effect': {
    'zh-CN': '该版本已经生效，不能撤回；请发布新版本',
    en: 'is already in effect and cannot be withdrawn; publish a new version',
  },
  withdrawn: { 'zh-CN': '该版本已撤回', en: 'has already been withdrawn' },
} as const satisfies Record<string, LocalizedText>;

export type SetupReason = keyof typeof SETUP_REASONS;

/** A field error with the standard message of `reason` (a setup reason or any common one). */
export function setupError(field: string, reason: SetupReason | FieldReason): FieldError {
  const message = reason in SETUP_REASONS ? SETUP_REASONS[reason as SetupReason] : FIELD_REASONS[reason as FieldReason];
  return { field, reason, message };
}
