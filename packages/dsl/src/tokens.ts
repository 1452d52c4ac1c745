/**
 * Tokens of the rulebook language and the keyword alias table (en + zh-CN).
 *
 * Keywords are matched as whole words: an identifier run such as `当月扣分`
 * stays one identifier even though it starts with the alias `当`.
 */
import { createToken, Lexer, type IToken, type TokenType, type CustomPatternMatcherFunc } from 'chevrotain';

// ---------------------------------------------------------------- identifiers

const IDENT_START = /[\p{L}_]/u;
const IDENT_RUN = /[\p{L}\p{N}_]*/uy;

/**
 * Chevrotain's regexp analysis mis-handles Unicode property escapes, so
 * identifiers are matched by hand with the engine's own /u regexps.
 */
const matchIdentifier: CustomPatternMatcherFunc = (text, offset) => {
  const first = text.codePointAt(offset);
  if (first === undefined) return null;
  const firstChar = String.fromCodePoint(first);
  if (!IDENT_START.test(firstChar)) return null;
  IDENT_RUN.lastIndex = offset + firstChar.length;
  IDENT_RUN.exec(text);
  const end = IDENT_RUN.lastIndex;
  return [text.slice(offset, end)] as unknown as RegExpExecArray;
};

export const Identifier = createToken({
  name: 'Identifier',
  pattern: matchIdentifier,
  line_breaks: false,
  // Lets Chevrotain keep its first-character optimisation despite the custom
  // matcher: ASCII letters and `_`, plus one code per 255-wide block above
  // ASCII (Chevrotain buckets those), so every non-ASCII letter is covered.
  start_chars_hint: [
    ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_',
    ...Array.from({ length: 256 }, (_, k) => String.fromCharCode(Math.min(0xffff, 256 + k * 255))).filter((c, i, a) => a.indexOf(c) === i),
    // Latin-1 letters are indexed one by one
    ...Array.from({ length: 0x100 - 0xaa }, (_, k) => String.fromCharCode(0xaa + k)).filter((c) => IDENT_START.test(c)),
  ],
});

// ---------------------------------------------------------------- keywords

/** A keyword: its canonical (English) spelling and every alias. */
export interface KeywordSpec {
  canonical: string;
  aliases: string[];
  /** What it means, for completion and the grammar reference. */
  doc: { 'zh-CN': string; en: string };
}

/**
 * The keyword table, one source of truth for the lexer, the checker's
 * did-you-mean, the editor's completion and the grammar reference.
 */
export const KEYWORDS: readonly KeywordSpec[] = [
  { canonical: 'per', aliases: ['每次', '每'], doc: { 'zh-CN': '每次 / 每个窗口', en: 'per event / per window' } },
  { canonical: 'personal', aliases: ['个人'], doc: { 'zh-CN': '个人账', en: "the consultant's ledger" } },
  { canonical: 'team', aliases: ['集体', '团队'], doc: { 'zh-CN': '集体账', en: 'the team ledger' } },
  { canonical: 'yuan', aliases: ['元'], doc: { 'zh-CN': '金额(元)', en: 'money in yuan' } },
  { canonical: 'points', aliases: ['分'], doc: { 'zh-CN': '分数', en: 'points' } },
  { canonical: 'day', aliases: ['天', '日'], doc: { 'zh-CN': '按天', en: 'daily window' } },
  { canonical: 'week', aliases: ['周'], doc: { 'zh-CN': '按周(周一开始)', en: 'ISO week window (Monday)' } },
  { canonical: 'month', aliases: ['月'], doc: { 'zh-CN': '按月', en: 'monthly window' } },
  { canonical: 'each', aliases: ['逐次'], doc: { 'zh-CN': '超出/不足部分逐次计', en: 'once per event beyond the bound' } },
  { canonical: 'else', aliases: ['其他', '其它'], doc: { 'zh-CN': '其余情况', en: 'any other case' } },
  { canonical: 'flag', aliases: ['标记'], doc: { 'zh-CN': '标记', en: 'raise a named flag' } },
  { canonical: 'where', aliases: ['当'], doc: { 'zh-CN': '筛选条件', en: 'filter on the event' } },
  { canonical: 'of', aliases: ['的'], doc: { 'zh-CN': '百分比的基数', en: 'base of a percentage' } },
  { canonical: 'on', aliases: ['对应'], doc: { 'zh-CN': '对应事件类型', en: 'event type the rule counts' } },
  { canonical: 'and', aliases: ['且'], doc: { 'zh-CN': '并且', en: 'and' } },
  { canonical: 'amount', aliases: ['金额'], doc: { 'zh-CN': '事件金额', en: "the event's amount" } },
  { canonical: 'tiers', aliases: ['分档'], doc: { 'zh-CN': '分档(首个匹配生效)', en: 'tiers: first match wins' } },
  { canonical: 'all', aliases: ['全员'], doc: { 'zh-CN': '组内每人都满足', en: 'every member of the team' } },
  { canonical: 'deductions', aliases: ['扣分'], doc: { 'zh-CN': '扣分合计', en: 'sum of negative points' } },
  { canonical: 'rank', aliases: ['排名'], doc: { 'zh-CN': '排名', en: 'ranking' } },
  { canonical: 'ratio', aliases: ['比率'], doc: { 'zh-CN': '比率', en: 'ratio of two counts' } },
  { canonical: 'rulebook', aliases: ['规则集'], doc: { 'zh-CN': '规则集名称', en: 'rulebook title' } },
  { canonical: 'point', aliases: ['分值'], doc: { 'zh-CN': '每分金额', en: 'money value of one point' } },
  { canonical: 'window', aliases: ['窗口'], doc: { 'zh-CN': '默认计数窗口', en: 'default counting window' } },
  { canonical: 'timezone', aliases: ['时区'], doc: { 'zh-CN': '时区', en: 'time zone' } },
];

function keyword(canonical: string): TokenType {
  const spec = KEYWORDS.find((k) => k.canonical === canonical);
  if (!spec) throw new Error(`no keyword ${canonical}`);
  const type = createToken({
    name: canonical[0].toUpperCase() + canonical.slice(1),
    pattern: Lexer.NA,
    categories: [KeywordCategory],
  });
  for (const word of [spec.canonical, ...spec.aliases]) keywordBySpelling.set(word, type);
  return type;
}

/**
 * Keywords are whole identifier runs: the lexer matches an identifier and
 * `lex()` then retypes it when its spelling is a keyword. So `points` is not
 * `point` + `s`, and `当月扣分` is one identifier.
 */
const keywordBySpelling = new Map<string, TokenType>();

/** Category shared by every keyword (highlighting, recovery). */
export const KeywordCategory = createToken({ name: 'Keyword', pattern: Lexer.NA });

export const Per = keyword('per');
export const Personal = keyword('personal');
export const Team = keyword('team');
export const Yuan = keyword('yuan');
export const Points = keyword('points');
export const Day = keyword('day');
export const Week = keyword('week');
export const Month = keyword('month');
export const Each = keyword('each');
export const Else = keyword('else');
export const Flag = keyword('flag');
export const Where = keyword('where');
export const Of = keyword('of');
export const On = keyword('on');
export const And = keyword('and');
export const Amount = keyword('amount');
export const Tiers = keyword('tiers');
export const All = keyword('all');
export const Deductions = keyword('deductions');
export const Rank = keyword('rank');
export const Ratio = keyword('ratio');
export const RulebookKw = keyword('rulebook');
export const PointKw = keyword('point');
export const WindowKw = keyword('window');
export const TimezoneKw = keyword('timezone');

// ---------------------------------------------------------------- literals & punctuation

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\u3000\uFEFF]+/, group: Lexer.SKIPPED, line_breaks: true });
export const Comment = createToken({ name: 'Comment', pattern: /#[^\n]*/, group: 'comments' });
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /"(?:[^"\\\n]|\\["\\])*"/ });
/** `1st`, `2nd`, `3rd`, `4th` or `第1名` — places of a ranking. */
export const Ordinal = createToken({ name: 'Ordinal', pattern: /\d+(?:st|nd|rd|th)\b|第\d+名/ });
export const Percent = createToken({ name: 'Percent', pattern: /[+-]?\d+(?:\.\d+)?[%％]/ });
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /[+-]?\d+(?:\.\d+)?/ });
export const Arrow = createToken({ name: 'Arrow', pattern: /=>|⇒/ });
export const DotDot = createToken({ name: 'DotDot', pattern: /\.\.|…|～|~/ });
export const Gte = createToken({ name: 'Gte', pattern: />=|≥|＞＝/ });
export const Lte = createToken({ name: 'Lte', pattern: /<=|≤|＜＝/ });
export const Neq = createToken({ name: 'Neq', pattern: /!=|≠/ });
export const Gt = createToken({ name: 'Gt', pattern: />|＞/ });
export const Lt = createToken({ name: 'Lt', pattern: /<|＜/ });
export const Eq = createToken({ name: 'Eq', pattern: /=|＝/ });
export const Colon = createToken({ name: 'Colon', pattern: /[:：]/ });
export const Semi = createToken({ name: 'Semi', pattern: /[;；]/ });
export const Comma = createToken({ name: 'Comma', pattern: /[,，、]/ });
export const LParen = createToken({ name: 'LParen', pattern: /[(（]/ });
export const RParen = createToken({ name: 'RParen', pattern: /[)）]/ });
export const Slash = createToken({ name: 'Slash', pattern: /\// });
/** An unterminated string: reported, never silently dropped. */
export const BadString = createToken({ name: 'BadString', pattern: /"(?:[^"\\\n]|\\.)*/ });

export const keywordTokens: TokenType[] = [
  Per,
  Personal,
  Team,
  Yuan,
  Points,
  Day,
  Week,
  Month,
  Each,
  Else,
  Flag,
  Where,
  Of,
  On,
  And,
  Amount,
  Tiers,
  All,
  Deductions,
  Rank,
  Ratio,
  RulebookKw,
  PointKw,
  WindowKw,
  TimezoneKw,
];

/** Order matters: the first pattern that matches wins (longer_alt aside). */
export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  StringLiteral,
  BadString,
  Ordinal,
  Percent,
  NumberLiteral,
  Arrow,
  DotDot,
  Gte,
  Lte,
  Neq,
  Gt,
  Lt,
  Eq,
  Colon,
  Semi,
  Comma,
  LParen,
  RParen,
  Slash,
  KeywordCategory,
  ...keywordTokens,
  Identifier,
];

export const lexer = new Lexer(
  allTokens.filter((t) => t.PATTERN !== Lexer.NA),
  {
    positionTracking: 'full',
    ensureOptimizations: false,
  },
);

export interface LexResult {
  tokens: IToken[];
  comments: IToken[];
  errors: { offset: number; line: number; column: number; length: number }[];
}

/** Splits a rulebook's source into tokens (comments apart). */
export function lex(source: string): LexResult {
  const result = lexer.tokenize(source);
  for (const token of result.tokens) {
    if (token.tokenTypeIdx !== Identifier.tokenTypeIdx) continue;
    const kw = keywordBySpelling.get(token.image);
    if (kw) {
      token.tokenType = kw;
      token.tokenTypeIdx = kw.tokenTypeIdx as number;
    }
  }
  return {
    tokens: result.tokens,
    comments: result.groups.comments ?? [],
    errors: result.errors.map((e) => ({ offset: e.offset, line: e.line ?? 1, column: e.column ?? 1, length: e.length })),
  };
}

/** What a span of source is, for syntax highlighting. */
export type TokenKind = 'keyword' | 'identifier' | 'number' | 'percent' | 'string' | 'comment' | 'operator' | 'punctuation' | 'error';

export interface HighlightToken {
  kind: TokenKind;
  /** 0-based offsets, end exclusive. */
  start: number;
  end: number;
}

const OPERATORS = new Set([Arrow, DotDot, Gte, Lte, Neq, Gt, Lt, Eq, Slash]);

/** Tokens with their highlighting kind, in source order, comments and bad characters included. */
export function tokenize(source: string): HighlightToken[] {
  const { tokens, comments, errors } = lex(source);
  const out: HighlightToken[] = [];
  for (const t of tokens) {
    const type = t.tokenType;
    let kind: TokenKind;
    if (keywordTokens.includes(type)) kind = 'keyword';
    else if (type === Identifier) kind = 'identifier';
    else if (type === NumberLiteral || type === Ordinal) kind = 'number';
    else if (type === Percent) kind = 'percent';
    else if (type === StringLiteral) kind = 'string';
    else if (type === BadString) kind = 'error';
    else if (OPERATORS.has(type)) kind = 'operator';
    else kind = 'punctuation';
    out.push({ kind, start: t.startOffset, end: t.startOffset + t.image.length });
  }
  for (const c of comments) out.push({ kind: 'comment', start: c.startOffset, end: c.startOffset + c.image.length });
  for (const e of errors) out.push({ kind: 'error', start: e.offset, end: e.offset + e.length });
  return out.sort((a, b) => a.start - b.start);
}

/** Every spelling of every keyword (for did-you-mean). */
export function allKeywordSpellings(): string[] {
  return KEYWORDS.flatMap((k) => [k.canonical, ...k.aliases]);
}
