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
    'zh-CN': (p) => `${zq(p.word)} 不是效果的对象 — 应为 个人、集体、组长 或 标记`,
    en: (p) => `${q(p.word)} is not an effect target — use \`personal\`, \`team\`, \`lead\` or \`flag\``,
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
  'gate-cycle': {
    'zh-CN': (p) => `规则互相门控,形成循环:${p.rules}(“除非 标记”依赖的规则必须先计算)`,
    en: (p) => `rules gate each other in a cycle: ${p.rules} (a rule gated by a flag runs after the rules that raise it)`,
  },
  'team-pay-item': {
    'zh-CN': (p) => `集体账没有薪资项 ${zq(p.name)}:薪资项的百分比只能给个人或组长`,
    en: (p) => `a team has no pay item ${q(p.name)}: a share of a pay item goes to a member or the lead, not the team`,
  },
  'per-below': {
    'zh-CN': () => '“少于 N 每 窗口 => X 元 每次” 按实际发生的次数相乘,很少是“每少一个”的意思 — 是否应写 逐次(并去掉 每次)?',
    en: () =>
      '`< N per WINDOW => X yuan per` multiplies by the events made, which is rarely what "for each one missing" means — did you mean `each` (without `per`)?',
  },
  'bad-running': {
    'zh-CN': (p) => `“连续 N”不能与${p.whatZh}一起使用`,
    en: (p) => `\`running N\` cannot be used with ${p.whatEn}`,
  },
  'ever-below': {
    'zh-CN': () => '累计窗口不能用 < 或 <=:累计次数只增不减,条件会在第一天就成立',
    en: () => '`ever` cannot be compared with `<` or `<=`: a cumulative count only grows, so it would hold from the first day',
  },
  'bad-ever': {
    'zh-CN': (p) => `累计窗口不能用于${p.whatZh}(只用于事件次数和合计)`,
    en: (p) => `\`ever\` cannot be used with ${p.whatEn} (only with a count or a sum)`,
  },
  'unknown-pay-item': {
    'zh-CN': (p) => `未声明的薪资项 ${zq(p.name)}${p.suggestion ? ` — 是否应为 ${zq(p.suggestion)}?` : '(请在开头写 薪资项 名称)'}`,
    en: (p) =>
      `unknown pay item ${q(p.name)}${p.suggestion ? ` — did you mean ${q(p.suggestion)}?` : ' (declare it at the top: `pay NAME`)'}`,
  },
  'unused-pay-item': {
    'zh-CN': (p) => `薪资项 ${zq(p.name)} 已声明但没有规则使用`,
    en: (p) => `pay item ${q(p.name)} is declared but no rule uses it`,
  },
  'unknown-flag': {
    'zh-CN': (p) => `没有规则会产生标记 ${zq(p.name)}${p.suggestion ? ` — 是否应为 ${zq(p.suggestion)}?` : ''}`,
    en: (p) => `no rule raises the flag ${q(p.name)}${p.suggestion ? ` — did you mean ${q(p.suggestion)}?` : ''}`,
  },
  'unknown-target': {
    'zh-CN': (p) => `名单中没有人有指标 ${zq(p.name)}${p.suggestion ? ` — 是否应为 ${zq(p.suggestion)}?` : ''}`,
    en: (p) => `no member of the roster has the target ${q(p.name)}${p.suggestion ? ` — did you mean ${q(p.suggestion)}?` : ''}`,
  },
  'for-field': {
    'zh-CN': (p) =>
      `“适用”条件只能是 role、team、joined、left,不能是 ${zq(p.field)}${p.suggestion ? ` — 是否应为 ${zq(p.suggestion)}?` : ''}`,
    en: (p) =>
      `a \`for\` condition tests role, team, joined or left, not ${q(p.field)}${p.suggestion ? ` — did you mean ${q(p.suggestion)}?` : ''}`,
  },
  'bad-date': {
    'zh-CN': (p) => `${zq(p.text)} 不是有效的日期或时间(日期写作 "2026-11-03",时间写作 09:30)`,
    en: (p) => `${q(p.text)} is not a valid date or time (dates are "2026-11-03", times 09:30)`,
  },
  'missing-test': {
    'zh-CN': () => '条件缺少比较,如 >= 50;若要每个窗口固定生效,写 每个 月 => …',
    en: () => 'the clause has no comparison, such as `>= 50`; for a fixed effect every window write `every month => …`',
  },
  'two-windows': {
    'zh-CN': () => '一个条件只能有一个窗口(“每 月”只写一次)',
    en: () => 'a clause has one window (`per month` once)',
  },
  'everyone-misplaced': {
    'zh-CN': () => '“每人”只用于 每个 窗口 或 全员 条件的效果之前',
    en: () => '`everyone` (每人) belongs before the effects of an `every` or `all` clause',
  },
  'percent-of-amount': {
    'zh-CN': () => '条件的效果没有单个事件金额:“P% 的 金额”只能写在每次效果中;条件中可写 P% 的 薪资项',
    en: () => 'a clause has no single event amount: `P% of amount` is a per-event effect; in a clause use `P% of PAY_ITEM`',
  },
  'head-order': {
    'zh-CN': (p) => `规则头的顺序应为:名称 "标签" 对应 … 适用 … 当 … 除非 标记 …: — ${zq(p.word)} 位置不对`,
    en: (p) => `a rule head goes \`ID "label" on … for … where … unless flag …:\` — ${q(p.word)} is out of place`,
  },
  'needs-version-2': {
    'zh-CN': (p) => `这一写法(${p.feature})属于规则语言第 2 版,这里只能使用第 1 版`,
    en: (p) => `this form (${p.feature}) belongs to version 2 of the rulebook language; only version 1 is accepted here`,
  },
  'too-large': {
    'zh-CN': (p) => `${p.whatZh}超过上限 ${p.limit}(实际 ${p.actual})`,
    en: (p) => `${p.whatEn} exceeds the limit of ${p.limit} (${p.actual})`,
  },
  'too-many-errors': {
    'zh-CN': (p) => `错误已超过 ${p.limit} 个,从这里起的内容未检查`,
    en: (p) => `more than ${p.limit} errors: the rest of the file from here was not checked`,
  },
  'example-failed': {
    'zh-CN': (p) => `示例 ${zq(p.name)} 未通过:预期 ${p.expected},实际 ${p.actual}`,
    en: (p) => `example ${q(p.name)} fails: expected ${p.expected}, got ${p.actual}`,
  },
  'example-not-run': {
    'zh-CN': (p) => `示例 ${zq(p.name)} 未运行:${p.reasonZh}`,
    en: (p) => `example ${q(p.name)} was not run: ${p.reasonEn}`,
  },
  'example-subject': {
    'zh-CN': () => '“预期”之后先写人员或 集体,如 预期 c01 分 -36',
    en: () => '`expect` names a member or `team` first, such as `expect c01 points -36`',
  },
  'example-empty': {
    'zh-CN': () => '示例没有“预期”,什么也不检查',
    en: () => 'the example has no `expect` line: it checks nothing',
  },
  'example-no-period': {
    'zh-CN': () => '示例没有事件,请用 期间 2026-11-01..2026-11-30 给出计分期间',
    en: () => 'the example has no events: give its period with `period 2026-11-01..2026-11-30`',
  },
  'label-locale': {
    'zh-CN': (p) =>
      p.twice
        ? `规则已有 ${zq(p.locale)} 标签`
        : `未知的标签语言 ${zq(p.locale)}(可用 en 或 英文:rude_attitude "态度无礼" en "Rude attitude")`,
    en: (p) =>
      p.twice
        ? `the rule already has a label in ${q(p.locale)}`
        : `unknown label language ${q(p.locale)} (use \`en\`: rude_attitude "态度无礼" en "Rude attitude")`,
  },
  'same-binding': {
    'zh-CN': (p) =>
      `规则 ${zq(p.id)} 与第 ${p.line} 行的规则 ${zq(p.other)} 以同样方式计同样的事件(${p.types},条件相同):每个这样的事件两条规则都会计分,是否重复了?`,
    en: (p) =>
      `rule ${q(p.id)} scores the same events the same way as rule ${q(p.other)} on line ${p.line} (${p.types}, same filters): each such event counts under both — a duplicate?`,
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
