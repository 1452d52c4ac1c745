/**
 * Texts of evaluation warnings (zh-CN, en), apart from the compiler's
 * diagnostic table so the evaluator (which runs in the browser scorecard)
 * stays small. A UI can re-render a warning in its locale from its code.
 */
import type { Locale } from './types.js';

type Params = Record<string, string | number>;
type Text = (p: Params) => string;

const q = (s: string | number) => `\`${s}\``;
const zq = (s: string | number) => `“${s}”`;

export const WARNINGS = {
  'not-on-roster': {
    'zh-CN': (p) => `事件 ${p.event} 的咨询员 ${p.consultant} 不在名单中,未计分`,
    en: (p) => `event ${p.event}: consultant ${p.consultant} is not on the roster; not scored`,
  },
  'bad-event-time': {
    'zh-CN': (p) => `事件 ${p.event} 的时间 ${zq(p.at)} 无效(应为带时区的 ISO 8601),未计分`,
    en: (p) => `event ${p.event}: time ${q(p.at)} is not ISO 8601 with an offset; not scored`,
  },
  'bad-event-amount': {
    'zh-CN': (p) => `事件 ${p.event} 的金额 ${zq(p.amount)} 无效或超出范围,未计分`,
    en: (p) => `event ${p.event}: amount ${q(p.amount)} is not a number in range; not scored`,
  },
} satisfies Record<string, Record<Locale, Text>>;

export type WarningCode = keyof typeof WARNINGS;

export function warningText(code: WarningCode, locale: Locale, params: Params = {}): string {
  return WARNINGS[code][locale](params);
}
