/**
 * Diagnostic and warning texts: one table per locale, keyed by stable code.
 * Every code listed here is documented in `grammar/README.md`.
 */
import type { Locale } from './types.js';

type Params = Record<string, string | number>;
type Text = (p: Params) => string;

const q = (s: string | number) => `\`${s}\``;
const zq = (s: string | number) => `“${s}”`;

export const MESSAGES = {
  'bad-character': {
    'zh-CN': (p) => `无法识别的字符 ${zq(p.text)}`,
    en: (p) => `unexpected character ${q(p.text)}`,
  },
  'unterminated-string': {
    'zh-CN': () => '字符串缺少结束的引号 "',
    en: () => 'string is missing its closing quote "',
  },
  syntax: {
    'zh-CN': (p) =>
      p.found
        ? `此处不应出现 ${zq(p.found)}${p.expected ? `,应为 ${p.expected}` : ''}`
        : `规则不完整${p.expected ? `,缺少 ${p.expected}` : ''}`,
    en: (p) =>
      p.found
        ? `unexpected ${q(p.found)}${p.expected ? `, expected ${p.expected}` : ''}`
        : `incomplete rule${p.expected ? `: expected ${p.expected}` : ''}`,
  },
  'unknown-keyword': {
    'zh-CN': (p) => `未知关键字 ${zq(p.word)}${p.suggestion ? ` — 是否应为 ${zq(p.suggestion)}?` : ''}`,
    en: (p) => `unknown keyword ${q(p.word)}${p.suggestion ? ` — did you mean ${q(p.suggestion)}?` : ''}`,
  },
  'missing-space': {
    'zh-CN': (p) => `${zq(p.word)} 是几个关键字连在一起,请用空格分开:${zq(p.suggestion)}`,
    en: (p) => `${q(p.word)} runs keywords together; separate them with spaces: ${q(p.suggestion)}`,
  },
  'duplicate-rule': {
    'zh-CN': (p) => `规则 ${zq(p.id)} 重复定义(第 ${p.line} 行已定义)`,
    en: (p) => `rule ${q(p.id)} is already defined on line ${p.line}`,
  },
  'duplicate-setting': {
    'zh-CN': (p) => `设置 ${zq(p.name)} 重复(第 ${p.line} 行已设置)`,
    en: (p) => `setting ${q(p.name)} is already given on line ${p.line}`,
  },
  'setting-after-rule': {
    'zh-CN': () => '设置应写在所有规则之前',
    en: () => 'settings belong at the top of the file, before the rules',
  },
  'unknown-timezone': {
    'zh-CN': (p) => `未知时区 ${zq(p.zone)}(应为 IANA 时区,如 "Asia/Shanghai")`,
    en: (p) => `unknown time zone ${q(p.zone)} (use an IANA zone such as "Asia/Shanghai")`,
  },
  'bad-number': {
    'zh-CN': (p) => `数值 ${zq(p.text)} 不可用:${p.reasonZh}`,
    en: (p) => `number ${q(p.text)} cannot be used: ${p.reasonEn}`,
  },
  'bad-each': {
    'zh-CN': () => '“逐次”不能与 = 或区间一起使用',
    en: () => '`each` cannot be used with `=` or a range',
  },
  'each-step': {
    'zh-CN': () => '比率的“逐次”需要百分比步长,如 逐次 5%;计数条件的“逐次”不带步长',
    en: () => 'a ratio’s `each` needs a percentage step such as `each 5%`; a count’s `each` takes none',
  },
  'percent-expected': {
    'zh-CN': () => '比率条件应与百分比比较,如 < 60%',
    en: () => 'a ratio is compared with a percentage, such as `< 60%`',
  },
  'percent-unexpected': {
    'zh-CN': () => '计数条件应与整数比较,不能用百分比',
    en: () => 'a count is compared with a whole number, not a percentage',
  },
  'mixed-measures': {
    'zh-CN': () => '一条规则中的条件必须统计同一对象(事件次数、全员、扣分、比率或排名不可混用)',
    en: () => 'all clauses of a rule must measure the same thing (event count, all, ledger, ratio or rank)',
  },
  'effects-not-allowed': {
    'zh-CN': () => '按账目或比率统计的规则没有对应事件,不能有每次效果',
    en: () => 'a ledger or ratio rule matches no events, so it cannot have per-event effects',
  },
  'where-not-allowed': {
    'zh-CN': () => '按账目统计的规则不能带“当”条件',
    en: () => 'a ledger rule cannot have a `where` filter',
  },
  'ratio-where': {
    'zh-CN': () => '比率规则不能在规则头写“当”条件:它会同时筛选分子和分母。请写在比率的某一边,如 比率(surgery / visit 当 booked = true)',
    en: () =>
      'a ratio rule cannot have a rule-level `where`: it would filter both sides. Put it on the side it filters, such as `ratio(surgery / visit where booked = true)`',
  },
  'no-clauses': {
    'zh-CN': () => '“分档”之后至少需要一个档位',
    en: () => '`tiers` needs at least one tier clause',
  },
  'else-not-last': {
    'zh-CN': () => '“其他”只能是最后一个档位',
    en: () => '`else` must be the last tier',
  },
  'else-outside-tiers': {
    'zh-CN': () => '“其他”只能用于分档规则',
    en: () => '`else` is only meaningful in a `tiers` rule',
  },
  'each-in-tiers': {
    'zh-CN': () => '分档中的档位不能用“逐次”:每个窗口只有一个档位生效一次',
    en: () => '`each` cannot be used in a tier: one tier applies once per window',
  },
  'tier-window': {
    'zh-CN': () => '分档的各档共用“分档”后写的窗口,档位不能另写“每 周/月”',
    en: () => 'tiers share the window written after `tiers`; a tier cannot have its own `per` window',
  },
  'tier-overlap': {
    'zh-CN': (p) => `档位重叠:${p.value} 同时落在第 ${p.a} 档和第 ${p.b} 档(只有前者生效)`,
    en: (p) => `tiers overlap: ${p.value} falls in tier ${p.a} and tier ${p.b} (only the first applies)`,
  },
  'tier-gap': {
    'zh-CN': (p) => `档位有空缺:${p.value} 不属于任何档位,且没有“其他”`,
    en: (p) => `tiers leave a gap: ${p.value} matches no tier and there is no \`else\``,
  },
  'tier-unreachable': {
    'zh-CN': (p) => `第 ${p.n} 档永远不会生效:前面的档位已覆盖它`,
    en: (p) => `tier ${p.n} can never apply: earlier tiers cover it`,
  },
  'never-fires': {
    'zh-CN': () => '这个条件永远不会满足(计数不会为负)',
    en: () => 'this condition can never hold (a count is never negative)',
  },
  'range-empty': {
    'zh-CN': (p) => `区间 ${p.low}..${p.high} 为空(下限大于上限)`,
    en: (p) => `range ${p.low}..${p.high} is empty (low above high)`,
  },
  'where-type-mismatch': {
    'zh-CN': (p) => `属性 ${zq(p.field)} 在这里与${p.kindZh}比较,但在第 ${p.line} 行与${p.otherZh}比较`,
    en: (p) => `attribute ${q(p.field)} is compared with a ${p.kindEn} here but with a ${p.otherEn} on line ${p.line}`,
  },
  'unknown-flag-target': {
    'zh-CN': (p) => `${zq(p.word)} 不是效果的对象 — 应为 个人、集体 或 标记`,
    en: (p) => `${q(p.word)} is not an effect target — use \`personal\`, \`team\` or \`flag\``,
  },
  'similar-name': {
    'zh-CN': (p) => `${zq(p.name)} 只出现一次,与 ${zq(p.suggestion)} 很像 — 是否拼错了?`,
    en: (p) => `${q(p.name)} appears only once and looks like ${q(p.suggestion)} — a typo?`,
  },
  'rank-place': {
    'zh-CN': () => '排名的每个名次只能出现一次',
    en: () => 'each place of a ranking can be given only once',
  },
  'rank-needs-places': {
    'zh-CN': () => '排名需要名次,如 第1名 150 元',
    en: () => 'a ranking needs places, such as `1st 150 yuan`',
  },
  'zero-effect': {
    'zh-CN': () => '这条规则没有任何效果',
    en: () => 'this rule has no effect at all',
  },
  'fix-replace': {
    'zh-CN': (p) => `改为 ${zq(p.text)}`,
    en: (p) => `Change to ${q(p.text)}`,
  },
} satisfies Record<string, Record<Locale, Text>>;

export type MessageCode = keyof typeof MESSAGES;

export function message(code: MessageCode, locale: Locale, params: Params = {}): string {
  return MESSAGES[code][locale](params);
}
