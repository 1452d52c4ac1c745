/**
 * Texts of the version-2 evaluator's warnings (LANGUAGE.md §9.13, §9.15
 * "Warnings"), zh-CN and en, apart from version 1's (warnings.ts) so that a
 * version-1 scorecard does not carry them. `warnings.ts` lists both in
 * `WARNINGS` / `warningText`.
 */
type Params = Record<string, string | number>;
export type Text = (p: Params) => string;

const q = (s: string | number) => `\`${s}\``;
const zq = (s: string | number) => `“${s}”`;
const kindZh = (k: string | number) => (k === 'string' ? '文字' : k === 'number' ? '数字' : '是/否');

export const EN_V2 = {
  'no-lead': (p) => `team ${p.team} has no lead: the lead effects of rule ${q(p.rule)} are not applied`,
  'no-team': (p) => `${p.member} is in no team: the team and lead effects of rule ${q(p.rule)} are not applied`,
  'missing-pay': (p) => `${p.member} has no pay item ${q(p.pay)} on the roster: its effects are 0`,
  'missing-target': (p) => `${p.member} has no target ${q(p.target)} on the roster: rule ${q(p.rule)} does not fire for them`,
  'unused-event-type': (p) => `${p.count} event(s) of type ${q(p.type)} in the period, but no rule binds that type: a typo in the data?`,
  'where-type-mismatch': (p) =>
    `rule ${q(p.rule)} compares ${q(p.field)} with a ${p.want}, but the events hold a ${p.got} there: the condition never matches those events`,
} satisfies Record<string, Text>;

export type WarningCodeV2 = keyof typeof EN_V2;

export const ZH_CN_V2: Record<WarningCodeV2, Text> = {
  'no-lead': (p) => `小组 ${p.team} 没有组长:规则 ${zq(p.rule)} 对组长的效果未执行`,
  'no-team': (p) => `${p.member} 不属于任何小组:规则 ${zq(p.rule)} 对集体和组长的效果未执行`,
  'missing-pay': (p) => `名单中 ${p.member} 没有薪资项 ${zq(p.pay)}:相关金额按 0 计`,
  'missing-target': (p) => `名单中 ${p.member} 没有指标 ${zq(p.target)}:规则 ${zq(p.rule)} 对其不生效`,
  'unused-event-type': (p) => `期间内有 ${p.count} 条类型为 ${zq(p.type)} 的事件,但没有规则对应此类型:数据是否写错?`,
  'where-type-mismatch': (p) =>
    `规则 ${zq(p.rule)} 把 ${zq(p.field)} 与${kindZh(p.want)}比较,而事件中该字段是${kindZh(p.got)}:条件对这些事件永不成立`,
};

/** The English text of a version-2 warning (what the version-2 evaluator writes into `message`). */
export function warningEnV2(code: WarningCodeV2, params: Params = {}): string {
  return EN_V2[code](params);
}
