/**
 * Syntax errors a manager can act on: what was expected in words, a
 * misspelt or run-together keyword with a one-click fix, a word from the
 * seeds' own language (`大于`, `每少一个`) with the form it stands for, and
 * a rule head written in the wrong order.
 */
import type { IToken, IRecognitionException } from 'chevrotain';
import { closest, type DiagnosticSink, type LineMap } from './diagnostics.js';
import { NAME_EXPECTED_AFTER } from './parser.js';
import { tokenRange } from './to-ast.js';
import * as T from './tokens.js';
import type { Locale } from './types.js';

const TOKEN_DISPLAY: Record<string, { 'zh-CN': string; en: string }> = {
  Identifier: { 'zh-CN': '名称', en: 'a name' },
  NumberLiteral: { 'zh-CN': '数字', en: 'a number' },
  Percent: { 'zh-CN': '百分比', en: 'a percentage' },
  StringLiteral: { 'zh-CN': '"文字"', en: 'a "string"' },
  Ordinal: { 'zh-CN': '名次(第1名)', en: 'a place (1st)' },
  Arrow: { 'zh-CN': '=>', en: '`=>`' },
  Colon: { 'zh-CN': ':', en: '`:`' },
  Semi: { 'zh-CN': ';', en: '`;`' },
  Comma: { 'zh-CN': ',', en: '`,`' },
  DotDot: { 'zh-CN': '..', en: '`..`' },
  LParen: { 'zh-CN': '(', en: '`(`' },
  RParen: { 'zh-CN': ')', en: '`)`' },
  Slash: { 'zh-CN': '/', en: '`/`' },
  Gt: { 'zh-CN': '比较符', en: 'a comparison' },
  DateLiteral: { 'zh-CN': '日期(2026-11-03)', en: 'a date (2026-11-03)' },
  TimeLiteral: { 'zh-CN': '时间(09:30)', en: 'a time (09:30)' },
  Repeat: { 'zh-CN': '次数(x3)', en: 'a count (x3)' },
};

function expectedText(e: IRecognitionException, locale: Locale): string {
  const names = new Set<string>();
  for (const m of e.message.matchAll(/-->\s*(\w+)\s*<--|\[(\w+)/g)) names.add(m[1] ?? m[2]);
  const words: string[] = [];
  for (const n of names) {
    // keyword tokens are named after their canonical spelling, capitalised (tokens.ts keyword())
    const kw = T.KEYWORDS.find((k) => T.tokenName(k.canonical) === n);
    if (kw) words.push(locale === 'en' ? `\`${kw.canonical}\`` : kw.aliases[0]);
    else if (['Gte', 'Lte', 'Neq', 'Lt', 'Eq'].includes(n)) words.push(TOKEN_DISPLAY.Gt[locale]);
    else if (TOKEN_DISPLAY[n]) words.push(TOKEN_DISPLAY[n][locale]);
  }
  const unique = [...new Set(words)].slice(0, 5);
  return unique.join(locale === 'en' ? ', ' : '、');
}

const ALL_SPELLINGS = T.allKeywordSpellings();
const TARGET_SPELLINGS = ['personal', '个人', 'team', '集体', 'lead', '组长', 'flag', '标记'];

/**
 * A run like `元每次` that is only keywords written together: cut into them,
 * longest spellings first (a table over positions: linear in the word, and
 * words longer than any plausible run are not tried).
 */
function splitKeywords(word: string): string[] | undefined {
  if (word.length > 40) return undefined;
  const spellings = ALL_SPELLINGS.filter((s) => word.includes(s)).sort((a, b) => b.length - a.length);
  // cut[i]: the spelling that starts a split of word.slice(i), or null when there is none
  const cut: (string | null)[] = new Array(word.length + 1).fill(null);
  cut[word.length] = '';
  for (let i = word.length - 1; i >= 0; i--)
    for (const s of spellings)
      if (cut[i + s.length] !== null && word.startsWith(s, i)) {
        cut[i] = s;
        break;
      }
  if (cut[0] === null) return undefined;
  const parts: string[] = [];
  for (let i = 0; i < word.length; i += (cut[i] as string).length) parts.push(cut[i] as string);
  return parts.length > 1 ? parts : undefined;
}

/** Tokens after which an identifier is a name, not a misspelt keyword. */
const NAME_BEFORE = new Set<unknown>([...NAME_EXPECTED_AFTER, T.Gte, T.Lte, T.Neq, T.Gt, T.Lt, T.Eq, T.StringLiteral]);

/**
 * When no alternative fits, Chevrotain blames the first token of the choice;
 * a misspelled keyword later on is usually the real cause.
 */
function misspeltKeywordAfter(statement: IToken[], from: IToken | undefined): IToken | undefined {
  const start = from ? Math.max(1, statement.indexOf(from)) : 1;
  for (let i = start; i < statement.length; i++) {
    const t = statement[i];
    if (t.tokenType !== T.Identifier || NAME_BEFORE.has(statement[i - 1].tokenType)) continue;
    if (hint(statement, t) || splitKeywords(t.image) || closest(t.image, ALL_SPELLINGS)) return t;
  }
  return undefined;
}

const SETTING_SPELLINGS = T.KEYWORDS.filter((k) =>
  ['rulebook', 'point', 'window', 'timezone', 'pay', 'workdays', 'grace', 'example'].includes(k.canonical),
).flatMap((k) => [k.canonical, ...k.aliases]);
const RULE_HEAD_NEXT = new Set([T.Colon, T.StringLiteral, T.On, T.For, T.Where, T.Unless]);

/**
 * Words of the seeds that are not keywords, and the form each stands for
 * (LANGUAGE.md §9.12: "a misplaced or unknown word gets a suggestion that
 * names the form the manager probably meant").
 */
export const WORD_HINTS: Readonly<Record<string, string>> = {
  大于: '>',
  高于: '>',
  小于: '<',
  等于: '=',
  不等于: '!=',
  至少: '>=',
  最少: '>=',
  满: '达到',
  扣满: '达到',
  累积: '累计',
  连着: '连续',
  每少一个: '逐次',
  每少一次: '逐次',
  每少1个: '逐次',
  每差一个: '逐次',
  每多一个: '逐次',
  每多一次: '逐次',
  每超一个: '逐次',
  每超过一个: '逐次',
  每降低: '逐次',
  每提高: '逐次',
  罚款: '扣',
  罚: '扣',
  扣除: '扣',
  奖励: '奖',
  主管: '组长',
  科室负责人: '组长',
  当天: '每天',
  当日: '每天',
  当月: '每月',
  本月: '每月',
  每组: '各组',
  每个组: '各组',
  否则: '其他',
  平均值: '平均',
  总额: '合计',
  总和: '合计',
  标识: '标记',
  名次: '第1名',
  greater: '>',
  more: '>',
  less: '<',
  fewer: '<',
  least: 'at_least',
  most: 'at_most',
  otherwise: 'else',
  cumulative: 'ever',
  total: 'sum',
  average: 'avg',
  mean: 'avg',
  consecutive: 'running',
  streak: 'running',
};

/** English pairs that are one keyword (`at least` → `at_least`). */
const WORD_PAIRS: Readonly<Record<string, string>> = {
  'at least': 'at_least',
  'at most': 'at_most',
  'or more': 'or_more',
  'or less': 'or_less',
  'more than': 'over',
  'less than': 'under',
  'fewer than': 'under',
};

const HEAD_RANK = new Map<unknown, number>([
  [T.On, 0],
  [T.For, 1],
  [T.Where, 2],
  [T.Unless, 3],
]);

/**
 * A rule head written out of order (`x where … for …:`): the head's parts
 * sorted, as one fix (LANGUAGE.md §9.15 "Rule head order").
 */
function headOrder(statement: IToken[], lines: LineMap, sink: DiagnosticSink): boolean {
  const parts: { rank: number; start: number; end: number; token: IToken }[] = [];
  for (let i = 1; i < statement.length; i++) {
    const t = statement[i];
    if (t.tokenType === T.Colon) break;
    const rank = HEAD_RANK.get(t.tokenType);
    if (rank === undefined) continue;
    if (parts.length) parts[parts.length - 1].end = statement[i - 1].startOffset + statement[i - 1].image.length;
    parts.push({ rank, start: t.startOffset, end: t.startOffset + t.image.length, token: t });
    for (let j = i + 1; j < statement.length && statement[j].tokenType !== T.Colon && !HEAD_RANK.has(statement[j].tokenType); j++)
      parts[parts.length - 1].end = statement[j].startOffset + statement[j].image.length;
  }
  const misplaced = parts.find((p, k) => k > 0 && p.rank < parts[k - 1].rank);
  if (!misplaced) return false;
  const from = parts[0].start;
  const to = parts[parts.length - 1].end;
  const sorted = [...parts].sort((a, b) => a.rank - b.rank).map((p) => lines.slice(p.start, p.end));
  const range = lines.range(from, to);
  sink.add('head-order', 'error', tokenRange(misplaced.token), { word: misplaced.token.image }, sorted.join(' '), range);
  return true;
}

/** The form a word of the seeds stands for, and the tokens it covers (`at least` is two). */
function hint(statement: IToken[], token: IToken): { suggestion: string; last: IToken } | undefined {
  const i = statement.indexOf(token);
  const next = statement[i + 1];
  const pair = next && WORD_PAIRS[`${token.image} ${next.image}`.toLowerCase()];
  if (pair) return { suggestion: pair, last: next };
  const prev = statement[i - 1];
  const pairBefore = prev && WORD_PAIRS[`${prev.image} ${token.image}`.toLowerCase()];
  if (pairBefore) return undefined; // reported at `prev`
  const h = WORD_HINTS[token.image] ?? WORD_HINTS[token.image.toLowerCase()];
  return h ? { suggestion: h, last: token } : undefined;
}

export function reportSyntax(errors: IRecognitionException[], statement: IToken[], lines: LineMap, sink: DiagnosticSink): void {
  if (!errors.length) return;
  if (headOrder(statement, lines, sink)) return;
  // `windw week`: a misspelt setting reads as a rule head that never gets its `:`.
  const [head, next] = statement;
  if (head?.tokenType === T.Identifier && next && !RULE_HEAD_NEXT.has(next.tokenType)) {
    const suggestion = closest(head.image, SETTING_SPELLINGS);
    if (suggestion) {
      sink.error('unknown-keyword', tokenRange(head), { word: head.image, suggestion }, suggestion);
      return;
    }
  }
  let lastOffset = -1;
  let reported = 0;
  for (const e of errors) {
    if (reported >= 3) break;
    let token = e.token;
    if (e.name === 'NoViableAltException' || e.name === 'EarlyExitException') {
      const t = token && token.tokenType !== T.Identifier ? misspeltKeywordAfter(statement, token) : undefined;
      if (t) token = t;
    }
    const atEnd = !token || Number.isNaN(token.startOffset) || token.tokenType?.name === 'EOF';
    if (atEnd) token = statement[statement.length - 1];
    if (!token) continue;
    const start = atEnd ? token.startOffset + token.image.length : token.startOffset;
    if (start <= lastOffset) continue;
    lastOffset = start;
    reported++;
    const range = atEnd ? lines.range(start, start) : tokenRange(token);
    if (!atEnd && (token.tokenType === T.Identifier || token.tokenType === T.At)) {
      const h = hint(statement, token);
      if (h) {
        const covered = tokenRange(token, h.last);
        sink.add(
          'unknown-keyword',
          'error',
          covered,
          { word: lines.slice(covered.start.offset, covered.end.offset), suggestion: h.suggestion },
          h.suggestion,
        );
        continue;
      }
    }
    if (!atEnd && token.tokenType === T.Identifier) {
      const parts = splitKeywords(token.image);
      if (parts) {
        sink.error('missing-space', range, { word: token.image, suggestion: parts.join(' ') }, parts.join(' '));
        continue;
      }
      const idx = statement.indexOf(token);
      const prev = idx > 0 ? statement[idx - 1] : undefined;
      const inTargetPosition = prev && (prev.tokenType === T.Arrow || prev.tokenType === T.Comma);
      const suggestion = closest(token.image, inTargetPosition ? TARGET_SPELLINGS : ALL_SPELLINGS);
      if (suggestion) {
        sink.error('unknown-keyword', range, { word: token.image, suggestion }, suggestion);
        continue;
      }
      if (inTargetPosition) {
        sink.error('unknown-flag-target', range, { word: token.image });
        continue;
      }
    }
    sink.error('syntax', range, { found: atEnd ? '' : token.image, expected: expectedText(e, sink.locale) });
  }
}
