/**
 * Texts of evaluation warnings (zh-CN, en), apart from the compiler's
 * diagnostic table so the evaluator (which runs in the browser scorecard)
 * stays small. A UI can re-render a warning in its locale from its code.
 *
 * The evaluator writes `Warning.message` in English and bundles only the
 * English texts (`warningEn`); the Chinese ones come with `WARNINGS` /
 * `warningText`, which a bundler drops when unused.
 */
import type { Locale } from './types.js';

type Params = Record<string, string | number>;
type Text = (p: Params) => string;

const q = (s: string | number) => `\`${s}\``;
const zq = (s: string | number) => `“${s}”`;

const EN = {
  'not-on-roster': (p) => `event ${p.event}: consultant ${p.consultant} is not on the roster; not scored`,
  'bad-event-time': (p) => `event ${p.event}: time ${q(p.at)} is not ISO 8601 with an offset; not scored`,
  'bad-event-amount': (p) => `event ${p.event}: amount ${q(p.amount)} is not a number in range; not scored`,
  'no-lead': (p) => `team ${p.team} has no lead: the lead effects of rule ${q(p.rule)} are not applied`,
  'no-team': (p) => `${p.member} is in no team: the team and lead effects of rule ${q(p.rule)} are not applied`,
  'missing-pay': (p) => `${p.member} has no pay item ${q(p.pay)} on the roster: its effects are 0`,
  'missing-target': (p) => `${p.member} has no target ${q(p.target)} on the roster: rule ${q(p.rule)} does not fire for them`,
  'unused-event-type': (p) => `${p.count} event(s) of type ${q(p.type)} in the period, but no rule binds that type: a typo in the data?`,
  'where-type-mismatch': (p) =>
    `rule ${q(p.rule)} compares ${q(p.field)} with a ${p.want}, but the events hold a ${p.got} there: the condition never matches those events`,
} satisfies Record<string, Text>;

export type WarningCode = keyof typeof EN;

const ZH_CN: Record<WarningCode, Text> = {
  'not-on-roster': (p) => `事件 ${p.event} 的咨询员 ${p.consultant} 不在名单中,未计分`,
  'bad-event-time': (p) => `事件 ${p.event} 的时间 ${zq(p.at)} 无效(应为带时区的 ISO 8601),未计分`,
  'bad-event-amount': (p) => `事件 ${p.event} 的金额 ${zq(p.amount)} 无效或超出范围,未计分`,
  'no-lead': (p) => `小组 ${p.team} 没有组长:规则 ${zq(p.rule)} 对组长的效果未执行`,
  'no-team': (p) => `${p.member} 不属于任何小组:规则 ${zq(p.rule)} 对集体和组长的效果未执行`,
  'missing-pay': (p) => `名单中 ${p.member} 没有薪资项 ${zq(p.pay)}:相关金额按 0 计`,
  'missing-target': (p) => `名单中 ${p.member} 没有指标 ${zq(p.target)}:规则 ${zq(p.rule)} 对其不生效`,
  'unused-event-type': (p) => `期间内有 ${p.count} 条类型为 ${zq(p.type)} 的事件,但没有规则对应此类型:数据是否写错?`,
  'where-type-mismatch': (p) =>
    `规则 ${zq(p.rule)} 把 ${zq(p.field)} 与${p.want === 'string' ? '文字' : p.want === 'number' ? '数字' : '是/否'}比较,而事件中该字段是${p.got === 'string' ? '文字' : p.got === 'number' ? '数字' : '是/否'}:条件对这些事件永不成立`,
};

function byCode(): Record<WarningCode, Record<Locale, Text>> {
  const out = {} as Record<WarningCode, Record<Locale, Text>>;
  for (const code of Object.keys(EN) as WarningCode[]) out[code] = { 'zh-CN': ZH_CN[code], en: EN[code] };
  return out;
}

/** Every warning's text in every locale: `WARNINGS[code][locale](params)`. */
export const WARNINGS: Record<WarningCode, Record<Locale, Text>> = /* @__PURE__ */ byCode();

export function warningText(code: WarningCode, locale: Locale, params: Params = {}): string {
  return WARNINGS[code][locale](params);
}

/** The English text of a warning (what `evaluate` writes into `message`). */
export function warningEn(code: WarningCode, params: Params = {}): string {
  return EN[code](params);
}
