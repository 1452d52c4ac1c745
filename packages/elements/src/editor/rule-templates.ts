/**
 * "New rule" templates for the shapes managers write most — per-incident
 * with a daily threshold, commission, tiers, team-wide, monthly target,
 * ratio — with English or Chinese keywords, and filled from a Chinese
 * sentence where its words match (`态度无礼每次扣8分，超过2次个人扣12分` →
 * a per-incident rule with −8 per, `>2`, −12).
 *
 * Pure functions; the editor's new-rule panel (new-rule.ts) shows them.
 */

export const SHAPES = ['per-incident', 'commission', 'tiers', 'team-wide', 'monthly-target', 'ratio'] as const;
export type Shape = (typeof SHAPES)[number];
export type Keywords = 'zh-CN' | 'en';

/** What a template is filled with (each has a default). */
export interface Fill {
  id: string;
  label: string;
  /** The event type; undefined: the rule's id is its type (no `on`). */
  type?: string;
  /** Points taken per event (a positive number). */
  points: number;
  /** A count bound: the daily threshold, the monthly target, the team-wide count. */
  count: number;
  /** Points (per-incident) or yuan (others) of the clause. */
  amount: number;
  /** Percent: the commission, the ratio's bound. */
  percent: number;
}

const DEFAULTS: Record<Shape, Fill> = {
  'per-incident': { id: 'rude_attitude', label: '态度无礼', points: 8, count: 2, amount: 12, percent: 0 },
  commission: { id: 'surgery_commission', label: '手术提成', type: 'surgery', points: 0, count: 0, amount: 0, percent: 2 },
  tiers: { id: 'base_bonus', label: '基本奖金', type: 'visit', points: 0, count: 30, amount: 50, percent: 0 },
  'team-wide': { id: 'team_bonus', label: '团队奖金', type: 'visit', points: 0, count: 20, amount: 200, percent: 0 },
  'monthly-target': { id: 'appointment_target', label: '有效预约', type: 'booking', points: 0, count: 25, amount: 20, percent: 0 },
  ratio: { id: 'conversion', label: '客户转化率', points: 0, count: 0, amount: 50, percent: 30 },
};

/** The template of `shape` with `fill` (defaults for what it does not give), in `keywords`. */
export function ruleTemplate(shape: Shape, keywords: Keywords, fill: Partial<Fill> = {}): string {
  const f = { ...DEFAULTS[shape], ...fill };
  const zh = keywords === 'zh-CN';
  const head = `${f.id} "${f.label}"${f.type ? (zh ? ` 对应 ${f.type}` : ` on ${f.type}`) : ''}`;
  switch (shape) {
    case 'per-incident':
      return zh
        ? `${head}: 扣 ${f.points} 分/次; 超过 ${f.count} 次 => 个人 扣 ${f.amount} 分, 集体 扣 ${f.amount} 分`
        : `${head}: -${f.points} per; >${f.count} => personal -${f.amount}, team -${f.amount}`;
    case 'commission':
      return zh ? `${head}: ${f.percent}% 的 金额` : `${head}: ${f.percent}% of amount`;
    case 'tiers': {
      const low = Math.max(1, Math.floor((f.count * 2) / 3));
      const mid = Math.max(1, Math.round(f.amount * 0.8));
      const base = Math.max(1, Math.round(f.amount * 0.2));
      return zh
        ? `${head}: 分档 每月; 达到 ${f.count} => ${f.amount} 元 每次; ${low}..${f.count - 1} => ${mid} 元 每次; 其他 => ${base} 元 每次`
        : `${head}: tiers per month; >=${f.count} => ${f.amount} yuan per; ${low}..${f.count - 1} => ${mid} yuan per; else => ${base} yuan per`;
    }
    case 'team-wide':
      return zh ? `${head}: 全员 达到 ${f.count} 每月 => 每人 ${f.amount} 元` : `${head}: all >= ${f.count} per month => ${f.amount} yuan`;
    case 'monthly-target':
      return zh ? `${head}: 不足 ${f.count} 每月 逐次 => 扣 ${f.amount} 元` : `${head}: <${f.count} per month each => -${f.amount} yuan`;
    case 'ratio':
      return zh
        ? `${head}: 比率(surgery / visit) 每月 低于 ${f.percent}% 逐次 5% => 扣 ${f.amount} 元`
        : `${head}: ratio(surgery / visit) per month < ${f.percent}% each 5% => -${f.amount} yuan`;
  }
}

/** Words of a sentence naming the store's event types (call-log derived events). */
const TYPE_WORDS: [RegExp, string][] = [
  [/预约/, 'booking'],
  [/到院|到诊|就诊人次/, 'visit'],
  [/手术|整形就诊/, 'surgery'],
  [/回访/, 'follow_up_overdue'],
  [/登记/, 'call_not_fully_registered'],
];

const num = (re: RegExp, s: string): number | undefined => {
  const m = re.exec(s);
  return m ? Number(m[1]) : undefined;
};

/**
 * The shape and fill a Chinese sentence suggests (`undefined` when no word
 * matches any): the label is the sentence's first words, the numbers come
 * from `扣 N 分`, `N 元`, `超过 N 次`, `低于/不足/少于 N`, `N%`.
 */
export function fromSentence(sentence: string): { shape: Shape; fill: Partial<Fill> } | undefined {
  const s = sentence.trim().replace(/\s+/g, '');
  if (!s) return undefined;
  const shape: Shape = /率|比例/.test(s)
    ? 'ratio'
    : /提成/.test(s)
      ? 'commission'
      : /全员|每人都|全体/.test(s)
        ? 'team-wide'
        : /档/.test(s)
          ? 'tiers'
          : /低于|不足|少于|未达到/.test(s)
            ? 'monthly-target'
            : 'per-incident';
  const fill: Partial<Fill> = {};
  const label = /^[\p{Script=Han}A-Za-z]+?(?=每|扣|奖|罚|超过|低于|不足|少于|达到|提成|按|[，,。；;：:\d]|$)/u.exec(s)?.[0];
  if (label) {
    fill.label = label;
    fill.id = label;
  }
  const type = TYPE_WORDS.find(([re]) => re.test(s))?.[1];
  if (type && shape !== 'ratio' && shape !== 'per-incident') fill.type = type;
  const points = num(/扣(\d+(?:\.\d+)?)分/, s);
  const counts = num(/(?:超过|达到|低于|不足|少于|满)(\d+)/, s);
  const percent = num(/(\d+(?:\.\d+)?)%/, s) ?? num(/百分之(\d+(?:\.\d+)?)/, s);
  const yuan = num(/(\d+(?:\.\d+)?)元/, s);
  // The clause's amount: the second `扣 N 分` of a per-incident sentence (the first is per event), else yuan.
  const second = /扣\d+(?:\.\d+)?分.*?扣(\d+(?:\.\d+)?)分/.exec(s)?.[1];
  if (points !== undefined) fill.points = points;
  if (counts !== undefined) fill.count = counts;
  if (percent !== undefined) fill.percent = percent;
  if (shape === 'per-incident' && second !== undefined) fill.amount = Number(second);
  else if (shape !== 'per-incident' && yuan !== undefined) fill.amount = yuan;
  if (Object.keys(fill).length === 0) return undefined;
  return { shape, fill };
}
