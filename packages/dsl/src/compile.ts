/**
 * compile(): source → diagnostics and, when there is no error, the plain-JSON
 * program. Never throws.
 */
import type { IToken, IRecognitionException } from 'chevrotain';
import type { RuleAst, RulebookAst, SettingAst, ClauseAst } from './ast.js';
import { check, firstMeasuredClause, ruleMeasure } from './check.js';
import { DiagnosticSink, LineMap, closest } from './diagnostics.js';
import { decimalToHundredths } from './money.js';
import { parseStatement, splitStatements } from './parser.js';
import { toAst, tokenRange } from './to-ast.js';
import * as T from './tokens.js';
import {
  RULEBOOK_FORMAT,
  type Clause,
  type ClauseEffect,
  type CompileOptions,
  type Diagnostic,
  type CompileResult,
  type CompiledRule,
  type CompiledRulebook,
  type EventEffect,
  type Locale,
  type Measure,
  type Position,
  type SourceRange,
  type Test,
  type WindowUnit,
} from './types.js';

/** Parses the whole source into an AST, reporting lexing and syntax errors. */
export function parseRulebook(source: string, sink: DiagnosticSink): RulebookAst {
  const lines = new LineMap(source);
  const { tokens, errors } = T.lex(source);
  for (const e of errors) {
    const text = source.slice(e.offset, e.offset + e.length);
    sink.error('bad-character', lines.range(e.offset, e.offset + e.length), { text: text.length > 12 ? `${text.slice(0, 12)}…` : text });
  }
  const good = tokens.filter((t) => {
    if (t.tokenType !== T.BadString) return true;
    sink.error('unterminated-string', lines.range(t.startOffset, t.startOffset + t.image.length));
    return false;
  });
  const ast: RulebookAst = { settings: [], rules: [] };
  const used = new Set<ParsedOne>();
  for (const statement of splitStatements(good)) {
    const first = statement[0];
    const last = statement[statement.length - 1];
    const text = source.slice(first.startOffset, (last.endOffset ?? last.startOffset) + 1);
    const key = `${sink.locale}\u0000${first.startColumn}\u0000${text}`;
    let parsed = statementCache.get(key);
    if (!parsed) {
      parsed = parseOne(statement, lines, sink.locale);
      if (statementCache.size >= STATEMENT_CACHE_SIZE) statementCache.clear();
      statementCache.set(key, parsed);
    }
    // A cached statement seen at another place: move its ranges here. The
    // entry moves in place (its last place is not needed any more) unless this
    // compile already used it (the same text twice in one book).
    const dl = (first.startLine ?? 1) - parsed.line;
    const doff = first.startOffset - parsed.offset;
    let node = parsed.node;
    if (used.has(parsed)) {
      node = node && shifted(node, dl, doff);
      for (const d of parsed.diagnostics) sink.list.push(shifted(d, dl, doff));
    } else {
      used.add(parsed);
      if (dl || doff) {
        for (const p of parsed.positions) {
          p.line += dl;
          p.offset += doff;
        }
        parsed.line += dl;
        parsed.offset += doff;
      }
      for (const d of parsed.diagnostics) sink.list.push(shifted(d, 0, 0));
    }
    if (!node) continue;
    if ('id' in node) ast.rules.push(node);
    else ast.settings.push(node);
  }
  return ast;
}

interface ParsedOne {
  line: number;
  offset: number;
  node: RuleAst | SettingAst | undefined;
  diagnostics: Diagnostic[];
  /**
   * Every position object inside `node` and `diagnostics`, each once (ranges
   * share them): moving the entry is one pass over this list instead of a
   * walk of the tree on every compile that shifts it.
   */
  positions: Position[];
}

/**
 * Statements are parsed once per text: an editor re-checking a long book on
 * every keystroke re-parses only the rule being typed. Entries hold ranges
 * of where the text was first seen; `shifted` moves them.
 */
const statementCache = new Map<string, ParsedOne>();
const STATEMENT_CACHE_SIZE = 20000;

/** Forgets every cached statement (benchmarks of cold compiles, tests). */
export function clearStatementCache(): void {
  statementCache.clear();
}

function parseOne(statement: IToken[], lines: LineMap, locale: Locale): ParsedOne {
  const first = statement[0];
  const last = statement[statement.length - 1];
  const local = new DiagnosticSink(locale);
  const parsed = parseStatement(statement);
  reportSyntax(parsed.errors, statement, lines, local);
  const node = !parsed.cst || (parsed.errors.length && !hasRuleHead(statement)) ? undefined : toAst(parsed.cst, tokenRange(first, last));
  const positions: Position[] = [];
  collectPositions([node, local.list], positions, new Set());
  return { line: first.startLine ?? 1, offset: first.startOffset, node, diagnostics: local.list, positions };
}

function isPosition(v: Record<string, unknown>): boolean {
  return typeof v.line === 'number' && typeof v.column === 'number' && typeof v.offset === 'number';
}

/** A deep copy with every position moved by `dl` lines and `doff` characters (columns stay). */
function shifted<T>(value: T, dl: number, doff: number): T {
  if (Array.isArray(value)) return value.map((v) => shifted(v, dl, doff)) as T;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (isPosition(o)) return { line: (o.line as number) + dl, column: o.column, offset: (o.offset as number) + doff } as T;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o)) out[k] = shifted(o[k], dl, doff);
    return out as T;
  }
  return value;
}

/** Gathers every position object inside `value` into `out`, each once (ranges share them). */
function collectPositions(value: unknown, out: Position[], seen: Set<object>): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const v of value) collectPositions(v, out, seen);
    return;
  }
  const o = value as Record<string, unknown>;
  if (isPosition(o)) {
    out.push(o as unknown as Position);
    return;
  }
  for (const k in o) collectPositions(o[k], out, seen);
}

function hasRuleHead(statement: IToken[]): boolean {
  return statement[0]?.tokenType === T.Identifier;
}

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
};

function expectedText(e: IRecognitionException, locale: Locale): string {
  const names = new Set<string>();
  for (const m of e.message.matchAll(/-->\s*(\w+)\s*<--|\[(\w+)/g)) names.add(m[1] ?? m[2]);
  const words: string[] = [];
  for (const n of names) {
    // keyword tokens are named after their canonical spelling, capitalised (tokens.ts keyword())
    const kw = T.KEYWORDS.find((k) => k.canonical[0].toUpperCase() + k.canonical.slice(1) === n);
    if (kw) words.push(locale === 'en' ? `\`${kw.canonical}\`` : kw.aliases[0]);
    else if (['Gte', 'Lte', 'Neq', 'Lt', 'Eq'].includes(n)) words.push(TOKEN_DISPLAY.Gt[locale]);
    else if (TOKEN_DISPLAY[n]) words.push(TOKEN_DISPLAY[n][locale]);
  }
  const unique = [...new Set(words)].slice(0, 5);
  return unique.join(locale === 'en' ? ', ' : '、');
}

const ALL_SPELLINGS = T.allKeywordSpellings();
const TARGET_SPELLINGS = ['personal', '个人', 'team', '集体', 'flag', '标记'];

/** A run like `元每次` that is only keywords written together. */
function splitKeywords(word: string): string[] | undefined {
  const spellings = ALL_SPELLINGS.filter((s) => word.includes(s)).sort((a, b) => b.length - a.length);
  const go = (rest: string): string[] | undefined => {
    if (!rest) return [];
    for (const s of spellings)
      if (rest.startsWith(s)) {
        const tail = go(rest.slice(s.length));
        if (tail) return [s, ...tail];
      }
    return undefined;
  };
  const parts = go(word);
  return parts && parts.length > 1 ? parts : undefined;
}

const NAME_BEFORE = new Set([T.On, T.Where, T.And, T.Flag, T.LParen, T.Slash, T.Gte, T.Lte, T.Neq, T.Gt, T.Lt, T.Eq, T.StringLiteral]);

/**
 * When no alternative fits, Chevrotain blames the first token of the choice;
 * a misspelled keyword later on is usually the real cause.
 */
function misspeltKeywordAfter(statement: IToken[], from: IToken | undefined): IToken | undefined {
  const start = from ? Math.max(1, statement.indexOf(from)) : 1;
  for (let i = start; i < statement.length; i++) {
    const t = statement[i];
    if (t.tokenType !== T.Identifier || NAME_BEFORE.has(statement[i - 1].tokenType)) continue;
    if (splitKeywords(t.image) || closest(t.image, ALL_SPELLINGS)) return t;
  }
  return undefined;
}

const SETTING_SPELLINGS = T.KEYWORDS.filter((k) => ['rulebook', 'point', 'window', 'timezone'].includes(k.canonical)).flatMap((k) => [
  k.canonical,
  ...k.aliases,
]);
const RULE_HEAD_NEXT = new Set([T.Colon, T.StringLiteral, T.On, T.Where]);

function reportSyntax(errors: IRecognitionException[], statement: IToken[], lines: LineMap, sink: DiagnosticSink): void {
  if (!errors.length) return;
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

/** Compiles a rulebook. `rulebook` is null exactly when some diagnostic is an error. */
export function compile(source: string, options: CompileOptions = {}): CompileResult {
  const sink = new DiagnosticSink(options.locale ?? 'zh-CN');
  let rulebook: CompiledRulebook | null = null;
  try {
    const text = typeof source === 'string' ? source : String(source ?? '');
    const ast = parseRulebook(text, sink);
    check(ast, sink);
    rulebook = sink.hasErrors ? null : toProgram(ast, text);
  } catch (err) {
    // compile never throws: an internal failure is reported as a diagnostic.
    const at = { line: 1, column: 1, offset: 0 };
    sink.list.push({
      code: 'internal',
      severity: 'error',
      message: `${sink.locale === 'en' ? 'internal compiler error' : '编译器内部错误'}: ${err instanceof Error ? err.message : String(err)}`,
      range: { start: at, end: at },
    });
    rulebook = null;
  }
  sink.list.sort((a, b) => a.range.start.offset - b.range.start.offset);
  return { rulebook, diagnostics: sink.list };
}

function toProgram(ast: RulebookAst, source: string): CompiledRulebook {
  let pointFen = 100;
  let window: WindowUnit = 'day';
  let timezone = 'Asia/Shanghai';
  let title: string | undefined;
  for (const s of ast.settings) {
    if (s.kind === 'point') pointFen = decimalToHundredths(s.value.text) ?? 100;
    else if (s.kind === 'window') window = s.value;
    else if (s.kind === 'timezone') timezone = s.value;
    else title = s.value;
  }
  const program: CompiledRulebook = { format: RULEBOOK_FORMAT, pointFen, window, timezone, rules: [] };
  if (title !== undefined) program.title = title;
  program.rules = ast.rules.map((r) => toRule(r, window, source));
  return program;
}

function toRule(rule: RuleAst, defaultWindow: WindowUnit, source: string): CompiledRule {
  const kind = ruleMeasure(rule);
  const first = firstMeasuredClause(rule);
  let measure: Measure;
  if (kind === 'ledger' && first?.subject?.kind === 'ledger')
    measure = { kind: 'ledger', ledger: first.subject.ledger, quantity: first.subject.quantity };
  else if (kind === 'ratio' && first?.subject?.kind === 'ratio')
    measure = { kind: 'ratio', numerator: first.subject.numerator, denominator: first.subject.denominator };
  else if (kind === 'rank') measure = { kind: 'rank', by: first?.rank?.by ?? 'count' };
  else if (kind === 'all') measure = { kind: 'all' };
  else measure = { kind: 'count' };
  const typed = kind === 'count' || kind === 'all' || (measure.kind === 'rank' && (measure.by === 'count' || !!rule.eventType));
  const out: CompiledRule = {
    id: rule.id,
    where: rule.where.map((c) => ({ field: c.field, op: c.op, value: c.value })),
    effects: rule.effects.filter((e) => e.value.value !== 0).map(toEventEffect),
    measure,
    tiers: !!rule.tiers,
    clauses: rule.clauses.map((c) => toClause(c, rule.tiers?.window ?? defaultWindow)),
    range: copyRange(rule.range),
    text: source.slice(rule.range.start.offset, rule.range.end.offset),
  };
  if (rule.label !== undefined) out.label = rule.label;
  if (typed) out.eventType = rule.eventType ?? rule.id;
  return out;
}

function copyRange(r: SourceRange): SourceRange {
  return { start: { ...r.start }, end: { ...r.end } };
}

function toEventEffect(e: RuleAst['effects'][number]): EventEffect {
  if (e.kind === 'percent') return { target: e.target, kind: 'percent', value: e.value.value };
  if (e.kind === 'yuan') return { target: e.target, kind: 'fen', value: decimalToHundredths(e.value.text) ?? 0 };
  return { target: e.target, kind: 'points', value: e.value.value };
}

function toClause(c: ClauseAst, defaultWindow: WindowUnit): Clause {
  let test: Test;
  if (c.test.kind === 'cmp') test = { kind: 'cmp', op: c.test.op, value: c.test.value.value };
  else if (c.test.kind === 'range') test = { kind: 'range', low: c.test.low.value, high: c.test.high.value };
  else test = { kind: 'else' };
  const clause: Clause = {
    test,
    window: c.window ?? defaultWindow,
    each: c.each,
    effects: c.effects.map((e): ClauseEffect => {
      const out: ClauseEffect =
        e.kind === 'flag'
          ? { target: e.target, kind: 'flag', value: 0, flag: e.flag }
          : e.kind === 'yuan'
            ? { target: e.target, kind: 'fen', value: decimalToHundredths(e.value?.text ?? '0') ?? 0 }
            : { target: e.target, kind: 'points', value: e.value?.value ?? 0 };
      if (e.perCount) out.perCount = true;
      if (e.place !== undefined) out.place = e.place;
      return out;
    }),
    range: copyRange(c.range),
  };
  if (c.eachStep) clause.eachStep = c.eachStep.value;
  return clause;
}
