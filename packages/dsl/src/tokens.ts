// Over 500 lines because it is the one keyword table of the language: every keyword with its Chinese aliases
// and its documentation in both languages (the editor's completion and hover, and grammar/KEYWORDS.md, read it).
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
/** ASCII and full-width digits. */
const DIGIT = /[0-9０-９]/;

/**
 * Chinese words a manager writes straight before a number (`扣5分`,
 * `超过2次`, `前10%`): a name run that starts with one of them and goes on
 * with a digit is cut after the word, so the number lexes as a number.
 */
export const NUMBER_PREFIXES = [
  '不少于',
  '不低于',
  '不超过',
  '不高于',
  '超过',
  '多于',
  '达到',
  '不足',
  '低于',
  '少于',
  '最多',
  '扣',
  '奖',
  '加',
  '前',
];

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
  let end = IDENT_RUN.lastIndex;
  if (first > 0x7f) {
    for (const word of NUMBER_PREFIXES)
      if (end > offset + word.length && text.startsWith(word, offset) && DIGIT.test(text[offset + word.length])) {
        end = offset + word.length;
        break;
      }
  }
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
  /** 2: new in version 2 of the language (LANGUAGE.md §9); absent: version 1. */
  since?: 2;
}

/**
 * The keyword table, one source of truth for the lexer, the checker's
 * did-you-mean, the editor's completion and the grammar reference.
 * `since: 2`: a keyword of the language's version 2 (LANGUAGE.md §9).
 */
export const KEYWORDS: readonly KeywordSpec[] = [
  { canonical: 'per', aliases: ['每次', '每'], doc: { 'zh-CN': '每次 / 每个窗口', en: 'per event / per window' } },
  { canonical: 'personal', aliases: ['个人'], doc: { 'zh-CN': '个人账', en: "the consultant's ledger" } },
  { canonical: 'team', aliases: ['集体', '团队'], doc: { 'zh-CN': '集体账', en: 'the team ledger' } },
  { canonical: 'yuan', aliases: ['元'], doc: { 'zh-CN': '金额(元)', en: 'money in yuan' } },
  { canonical: 'points', aliases: ['分', '得分', '积分'], doc: { 'zh-CN': '分数', en: 'points' } },
  { canonical: 'day', aliases: ['天', '日'], doc: { 'zh-CN': '按天', en: 'daily window' } },
  { canonical: 'week', aliases: ['周'], doc: { 'zh-CN': '按周(周一开始)', en: 'ISO week window (Monday)' } },
  { canonical: 'month', aliases: ['月', '个月', 'months'], doc: { 'zh-CN': '按月', en: 'monthly window' } },
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
  // version 2 (LANGUAGE.md §9)
  { canonical: 'lead', aliases: ['组长', '负责人'], doc: { 'zh-CN': '所在组的组长', en: "the lead of the member's team" }, since: 2 },
  {
    canonical: 'for',
    aliases: ['适用'],
    doc: { 'zh-CN': '适用的人员(角色、组、入职/离职日期)', en: 'which members a rule scores (role, team, joined, left)' },
    since: 2,
  },
  {
    canonical: 'every',
    aliases: ['每个'],
    doc: { 'zh-CN': '每个窗口固定生效(无需事件)', en: 'once per member and window, no events needed' },
    since: 2,
  },
  {
    canonical: 'everyone',
    aliases: ['每人'],
    doc: { 'zh-CN': '每人(效果本已给每位成员)', en: 'each member (the effects already go to each member)' },
    since: 2,
  },
  {
    canonical: 'grace',
    aliases: ['新人免考'],
    doc: { 'zh-CN': '新人首 N 个月不考核', en: 'new members are not scored for N months' },
    since: 2,
  },
  {
    canonical: 'pay',
    aliases: ['薪资项'],
    doc: { 'zh-CN': '声明薪资项(名单中的月度金额)', en: "declares a pay item (a member's monthly amount)" },
    since: 2,
  },
  {
    canonical: 'daily',
    aliases: ['按日'],
    doc: { 'zh-CN': '薪资项的日额(月额 ÷ 计薪天数)', en: 'the daily amount of a pay item (monthly ÷ workdays)' },
    since: 2,
  },
  {
    canonical: 'workdays',
    aliases: ['计薪天数'],
    doc: { 'zh-CN': '每月计薪天数(默认 21.75)', en: 'paid days per month (default 21.75)' },
    since: 2,
  },
  { canonical: 'quarter', aliases: ['季度', '季'], doc: { 'zh-CN': '按季度', en: 'quarterly window' }, since: 2 },
  { canonical: 'year', aliases: ['年', '年度'], doc: { 'zh-CN': '按年', en: 'yearly window' }, since: 2 },
  {
    canonical: 'ever',
    aliases: ['累计'],
    doc: { 'zh-CN': '累计(至当天的全部事件)', en: 'cumulative: every event up to the day' },
    since: 2,
  },
  { canonical: 'running', aliases: ['连续'], doc: { 'zh-CN': '连续 N 个窗口', en: 'N windows in a row' }, since: 2 },
  {
    canonical: 'sum',
    aliases: ['合计', '总计'],
    doc: { 'zh-CN': '合计(金额或数值属性)', en: 'sum of amount or a numeric attribute' },
    since: 2,
  },
  { canonical: 'avg', aliases: ['平均'], doc: { 'zh-CN': '平均值', en: 'average of amount or a numeric attribute' }, since: 2 },
  { canonical: 'awards', aliases: ['奖分'], doc: { 'zh-CN': '奖分合计', en: 'sum of positive points' }, since: 2 },
  { canonical: 'target', aliases: ['指标'], doc: { 'zh-CN': '名单中成员的指标', en: "the member's target from the roster" }, since: 2 },
  { canonical: 'unless', aliases: ['除非'], doc: { 'zh-CN': '持有标记时不生效', en: 'not for members holding a flag' }, since: 2 },
  {
    canonical: 'by',
    aliases: ['由'],
    doc: { 'zh-CN': '各组排名 / 示例中事件的人员', en: 'by team (rank) / the member of an example event' },
    since: 2,
  },
  { canonical: 'top', aliases: ['前'], doc: { 'zh-CN': '排名前 P%', en: 'the top P% of a ranking' }, since: 2 },
  { canonical: 'minus', aliases: ['扣'], doc: { 'zh-CN': '扣(负数)', en: 'minus: a deduction' }, since: 2 },
  { canonical: 'plus', aliases: ['奖', '加'], doc: { 'zh-CN': '奖/加(正数)', en: 'plus: an award' }, since: 2 },
  { canonical: 'over', aliases: ['超过', '多于'], doc: { 'zh-CN': '超过 N(> N)', en: 'more than N (> N)' }, since: 2 },
  { canonical: 'at_least', aliases: ['达到', '不少于', '不低于'], doc: { 'zh-CN': '达到 N(>= N)', en: 'at least N (>= N)' }, since: 2 },
  { canonical: 'under', aliases: ['不足', '低于', '少于'], doc: { 'zh-CN': '不足 N(< N)', en: 'less than N (< N)' }, since: 2 },
  { canonical: 'at_most', aliases: ['不超过', '不高于', '最多'], doc: { 'zh-CN': '不超过 N(<= N)', en: 'at most N (<= N)' }, since: 2 },
  { canonical: 'or_more', aliases: ['以上', '次以上'], doc: { 'zh-CN': 'N 以上(>= N)', en: 'N or more (>= N)' }, since: 2 },
  { canonical: 'or_less', aliases: ['以下', '次以下', '以内'], doc: { 'zh-CN': 'N 以下(<= N)', en: 'N or less (<= N)' }, since: 2 },
  {
    canonical: 'times',
    aliases: ['次'],
    doc: { 'zh-CN': '次(N次 = N;分/次 = 每次)', en: 'times (`N times` = N; `points/times` = per)' },
    since: 2,
  },
  { canonical: 'true', aliases: ['是'], doc: { 'zh-CN': '是(条件中的真值)', en: 'true, in conditions' }, since: 2 },
  { canonical: 'false', aliases: ['否'], doc: { 'zh-CN': '否(条件中的假值)', en: 'false, in conditions' }, since: 2 },
  { canonical: 'example', aliases: ['示例'], doc: { 'zh-CN': '示例:规则集自测', en: 'an example: the rulebook tests itself' }, since: 2 },
  { canonical: 'given', aliases: ['已知'], doc: { 'zh-CN': '示例中的事件', en: 'events of an example' }, since: 2 },
  { canonical: 'expect', aliases: ['预期'], doc: { 'zh-CN': '示例的预期结果', en: 'what an example expects' }, since: 2 },
  { canonical: 'period', aliases: ['期间'], doc: { 'zh-CN': '示例的计分期间', en: 'the period an example is scored over' }, since: 2 },
  { canonical: 'at', aliases: ['在'], doc: { 'zh-CN': '示例事件的时间(HH:MM)', en: 'time of an example event (HH:MM)' }, since: 2 },
  {
    canonical: 'money',
    aliases: ['钱款'],
    doc: { 'zh-CN': '示例预期的金额(元;也可写 金额)', en: 'money an example expects (yuan)' },
    since: 2,
  },
  { canonical: 'no', aliases: ['无', '没有'], doc: { 'zh-CN': '没有(示例:无 标记 X)', en: 'no (example: `no flag X`)' }, since: 2 },
];

/**
 * Chinese words that stand for several keywords (`每天` = `per day`): the
 * lexer cuts them into one token per part, each with its own span.
 */
export const PHRASES: readonly { spelling: string; parts: readonly (readonly [text: string, keyword: string])[] }[] = [
  {
    spelling: '每天',
    parts: [
      ['每', 'per'],
      ['天', 'day'],
    ],
  },
  {
    spelling: '每日',
    parts: [
      ['每', 'per'],
      ['日', 'day'],
    ],
  },
  {
    spelling: '每周',
    parts: [
      ['每', 'per'],
      ['周', 'week'],
    ],
  },
  {
    spelling: '每月',
    parts: [
      ['每', 'per'],
      ['月', 'month'],
    ],
  },
  {
    spelling: '每个月',
    parts: [
      ['每', 'per'],
      ['个月', 'month'],
    ],
  },
  {
    spelling: '每季度',
    parts: [
      ['每', 'per'],
      ['季度', 'quarter'],
    ],
  },
  {
    spelling: '每季',
    parts: [
      ['每', 'per'],
      ['季', 'quarter'],
    ],
  },
  {
    spelling: '每年',
    parts: [
      ['每', 'per'],
      ['年', 'year'],
    ],
  },
  {
    spelling: '各组',
    parts: [
      ['各', 'by'],
      ['组', 'team'],
    ],
  },
];

function keyword(canonical: string): TokenType {
  const spec = KEYWORDS.find((k) => k.canonical === canonical);
  if (!spec) throw new Error(`no keyword ${canonical}`);
  const type = createToken({
    name: tokenName(canonical),
    pattern: Lexer.NA,
    categories: [KeywordCategory],
  });
  for (const word of [spec.canonical, ...spec.aliases]) keywordBySpelling.set(word, type);
  return type;
}

/** A keyword's token name: `per` → `Per`, `at_least` → `AtLeast`. */
export function tokenName(canonical: string): string {
  return canonical
    .split('_')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
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
export const Lead = keyword('lead');
export const For = keyword('for');
export const Every = keyword('every');
export const Everyone = keyword('everyone');
export const Grace = keyword('grace');
export const Pay = keyword('pay');
export const Daily = keyword('daily');
export const Workdays = keyword('workdays');
export const Quarter = keyword('quarter');
export const Year = keyword('year');
export const Ever = keyword('ever');
export const Running = keyword('running');
export const Sum = keyword('sum');
export const Avg = keyword('avg');
export const Awards = keyword('awards');
export const Target = keyword('target');
export const Unless = keyword('unless');
export const By = keyword('by');
export const Top = keyword('top');
export const Minus = keyword('minus');
export const Plus = keyword('plus');
export const Over = keyword('over');
export const AtLeast = keyword('at_least');
export const Under = keyword('under');
export const AtMost = keyword('at_most');
export const OrMore = keyword('or_more');
export const OrLess = keyword('or_less');
export const Times = keyword('times');
export const True = keyword('true');
export const False = keyword('false');
export const Example = keyword('example');
export const Given = keyword('given');
export const Expect = keyword('expect');
export const Period = keyword('period');
export const At = keyword('at');
export const Money = keyword('money');
export const No = keyword('no');

// ---------------------------------------------------------------- literals & punctuation

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\u3000\uFEFF]+/, group: Lexer.SKIPPED, line_breaks: true });
export const Comment = createToken({ name: 'Comment', pattern: /#[^\n\r]*/, group: 'comments' });
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /"(?:[^"\\\n\r]|\\["\\])*"/ });
/** `1st`, `2nd`, `3rd`, `4th`, `第1名` or `第一名` … `第十名` — places of a ranking. */
export const Ordinal = createToken({
  name: 'Ordinal',
  pattern: /[0-9０-９]+(?:st|nd|rd|th)\b|第[0-9０-９]+名|第[一二三四五六七八九十]{1,3}名/,
});
/** `2026-11-03` (examples, `period`). */
export const DateLiteral = createToken({ name: 'DateLiteral', pattern: /[0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9])/ });
/** `09:30` (example events). */
export const TimeLiteral = createToken({ name: 'TimeLiteral', pattern: /[0-9]{1,2}:[0-9]{2}(?![0-9])/ });
/** `×3` (example events; `x3` is a name the grammar reads the same way). */
export const Repeat = createToken({ name: 'Repeat', pattern: /×[0-9０-９]+/ });
/** Numbers and percentages: ASCII or full-width digits, signs and point (`－２`, `１２.５％`). */
export const Percent = createToken({ name: 'Percent', pattern: /[+\-＋－]?[0-9０-９]+(?:[.．][0-9０-９]+)?[%％]/ });
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /[+\-＋－]?[0-9０-９]+(?:[.．][0-9０-９]+)?/ });
export const Arrow = createToken({ name: 'Arrow', pattern: /=>|⇒|＝＞/ });
export const DotDot = createToken({ name: 'DotDot', pattern: /\.\.|…|～|~/ });
export const Gte = createToken({ name: 'Gte', pattern: />=|≥|＞＝|≧/ });
export const Lte = createToken({ name: 'Lte', pattern: /<=|≤|＜＝|≦/ });
export const Neq = createToken({ name: 'Neq', pattern: /!=|≠|！＝/ });
export const Gt = createToken({ name: 'Gt', pattern: />|＞/ });
export const Lt = createToken({ name: 'Lt', pattern: /<|＜/ });
export const Eq = createToken({ name: 'Eq', pattern: /=|＝/ });
export const Colon = createToken({ name: 'Colon', pattern: /[:：]/ });
export const Semi = createToken({ name: 'Semi', pattern: /[;；]/ });
export const Comma = createToken({ name: 'Comma', pattern: /[,，、]/ });
export const LParen = createToken({ name: 'LParen', pattern: /[(（]/ });
export const RParen = createToken({ name: 'RParen', pattern: /[)）]/ });
export const Slash = createToken({ name: 'Slash', pattern: /[/／]/ });
/**
 * Any other character (one UTF-16 unit): reported as `bad-character`. A token
 * rather than a lexer error, because Chevrotain's error path costs ~10 µs a
 * character (a file of 10,000 stray `-` took 75 ms to lex).
 */
export const BadChar = createToken({
  name: 'BadChar',
  pattern: ((text, offset) => (offset < text.length ? [text[offset]] : null)) as CustomPatternMatcherFunc,
  line_breaks: false,
  // any character: every Latin-1 code and one per bucket above it (as for Identifier), so that
  // Chevrotain keeps its first-character optimisation (a `/[^]/` pattern would turn it off)
  start_chars_hint: [
    ...Array.from({ length: 256 }, (_, k) => String.fromCharCode(k)),
    ...Array.from({ length: 256 }, (_, k) => String.fromCharCode(Math.min(0xffff, 256 + k * 255))).filter((c, i, a) => a.indexOf(c) === i),
  ],
});
/** An unterminated string: reported, never silently dropped. */
export const BadString = createToken({ name: 'BadString', pattern: /"(?:[^"\\\n\r]|\\[^\n\r])*/ });

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
  Lead,
  For,
  Every,
  Everyone,
  Grace,
  Pay,
  Daily,
  Workdays,
  Quarter,
  Year,
  Ever,
  Running,
  Sum,
  Avg,
  Awards,
  Target,
  Unless,
  By,
  Top,
  Minus,
  Plus,
  Over,
  AtLeast,
  Under,
  AtMost,
  OrMore,
  OrLess,
  Times,
  True,
  False,
  Example,
  Given,
  Expect,
  Period,
  At,
  Money,
  No,
];

/** Order matters: the first pattern that matches wins (longer_alt aside). */
export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  StringLiteral,
  BadString,
  Ordinal,
  DateLiteral,
  TimeLiteral,
  Repeat,
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
  BadChar,
];

/** The lexer's tokens and options (`lexer` skips Chevrotain's checks of them; a test builds one that runs them). */
export const LEXER_TOKENS = allTokens.filter((t) => t.PATTERN !== Lexer.NA);
export const LEXER_CONFIG = { positionTracking: 'full', ensureOptimizations: false } as const;

export const lexer = new Lexer(LEXER_TOKENS, { ...LEXER_CONFIG, skipValidations: true });

export interface LexResult {
  tokens: IToken[];
  comments: IToken[];
  errors: { offset: number; line: number; column: number; length: number }[];
}

const phraseBySpelling = new Map(PHRASES.map((p) => [p.spelling, p.parts.map(([text, k]) => [text, tokenByKeyword(k)] as const)]));

function tokenByKeyword(canonical: string): TokenType {
  const t = keywordBySpelling.get(canonical);
  if (!t) throw new Error(`no keyword ${canonical}`);
  return t;
}

/** Splits a rulebook's source into tokens (comments apart). */
export function lex(source: string): LexResult {
  const result = lexer.tokenize(source);
  let tokens = result.tokens;
  let phrases = false;
  // stray characters: one error per run of them (as the lexer's own errors were)
  const errors: LexResult['errors'] = result.errors.map((e) => ({
    offset: e.offset,
    line: e.line ?? 1,
    column: e.column ?? 1,
    length: e.length,
  }));
  let bad = 0;
  for (const token of tokens) {
    if (token.tokenTypeIdx !== BadChar.tokenTypeIdx) continue;
    bad++;
    const last = errors[errors.length - 1];
    if (last && last.offset + last.length === token.startOffset && !/[\r\n]/.test(token.image)) last.length += token.image.length;
    else if (!/[\r\n]/.test(token.image))
      errors.push({ offset: token.startOffset, line: token.startLine ?? 1, column: token.startColumn ?? 1, length: token.image.length });
  }
  if (bad) tokens = tokens.filter((t) => t.tokenTypeIdx !== BadChar.tokenTypeIdx);
  for (const token of tokens) {
    if (token.tokenTypeIdx !== Identifier.tokenTypeIdx) continue;
    const kw = keywordBySpelling.get(token.image);
    if (kw) {
      token.tokenType = kw;
      token.tokenTypeIdx = kw.tokenTypeIdx as number;
    } else if (phraseBySpelling.has(token.image)) phrases = true;
  }
  if (phrases) {
    // `每天` → `每` `天`: one token per part, on the same line, each with its own columns
    const out: IToken[] = [];
    for (const token of tokens) {
      const parts = token.tokenTypeIdx === Identifier.tokenTypeIdx ? phraseBySpelling.get(token.image) : undefined;
      if (!parts) {
        out.push(token);
        continue;
      }
      let at = 0;
      for (const [text, type] of parts) {
        const start = token.startOffset + at;
        const column = (token.startColumn ?? 1) + at;
        out.push({
          ...token,
          image: text,
          startOffset: start,
          endOffset: start + text.length - 1,
          startColumn: column,
          endColumn: column + text.length - 1,
          tokenType: type,
          tokenTypeIdx: type.tokenTypeIdx as number,
        });
        at += text.length;
      }
    }
    tokens = out;
  }
  return {
    tokens,
    comments: result.groups.comments ?? [],
    errors: errors.sort((a, b) => a.offset - b.offset),
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
    else if (type === NumberLiteral || type === Ordinal || type === DateLiteral || type === TimeLiteral || type === Repeat) kind = 'number';
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
