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
import { EN_V2, ZH_CN_V2, type Text, type WarningCodeV2 } from './warnings-v2.js';

type Params = Record<string, string | number>;

const q = (s: string | number) => `\`${s}\``;
const zq = (s: string | number) => `“${s}”`;

const EN = {
  'not-on-roster': (p) => `event ${p.event}: consultant ${p.consultant} is not on the roster; not scored`,
  'bad-event-time': (p) => `event ${p.event}: time ${q(p.at)} is not ISO 8601 with an offset; not scored`,
  'bad-event-amount': (p) => `event ${p.event}: amount ${q(p.amount)} is not a number in range; not scored`,
} satisfies Record<string, Text>;

/** Version-1 warnings (what the version-1 evaluator writes); the version-2 ones are in warnings-v2.ts. */
export type WarningCodeV1 = keyof typeof EN;
export type WarningCode = WarningCodeV1 | WarningCodeV2;

const ZH_CN: Record<WarningCodeV1, Text> = {
  'not-on-roster': (p) => `事件 ${p.event} 的咨询员 ${p.consultant} 不在名单中,未计分`,
  'bad-event-time': (p) => `事件 ${p.event} 的时间 ${zq(p.at)} 无效(应为带时区的 ISO 8601),未计分`,
  'bad-event-amount': (p) => `事件 ${p.event} 的金额 ${zq(p.amount)} 无效或超出范围,未计分`,
};

function byCode(): Record<WarningCode, Record<Locale, Text>> {
  const out = {} as Record<WarningCode, Record<Locale, Text>>;
  for (const code of Object.keys(EN) as WarningCodeV1[]) out[code] = { 'zh-CN': ZH_CN[code], en: EN[code] };
  for (const code of Object.keys(EN_V2) as WarningCodeV2[]) out[code] = { 'zh-CN': ZH_CN_V2[code], en: EN_V2[code] };
  return out;
}

/** Every warning's text in every locale: `WARNINGS[code][locale](params)`. */
export const WARNINGS: Record<WarningCode, Record<Locale, Text>> = /* @__PURE__ */ byCode();

export function warningText(code: WarningCode, locale: Locale, params: Params = {}): string {
  return WARNINGS[code][locale](params);
}

/** The English text of a version-1 warning (what `evaluate` writes into `message`; version 2: `warningEnV2`). */
export function warningEn(code: WarningCodeV1, params: Params = {}): string {
  return EN[code](params);
}
