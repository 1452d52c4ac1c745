/**
 * compile(): source → diagnostics and, when there is no error, the plain-JSON
 * program. Never throws.
 */
import type { IToken } from 'chevrotain';
import type { ExampleAst, RuleAst, RulebookAst, SettingAst } from './ast.js';
import { check } from './check.js';
import { DiagnosticSink, LineMap, MAX_DIAGNOSTICS } from './diagnostics.js';
import { message } from './messages.js';
import { reportSyntax } from './syntax.js';
import { toExamples, toProgram } from './emit.js';
import { featuresOf, gateCycles } from './plan.js';
import type * as v2 from './program.js';
import { SOFT_RULE_IDS, parseStatement, splitStatements } from './parser.js';
import { toAst, tokenRange } from './to-ast.js';
import * as T from './tokens.js';
import type { CompileOptions, CompileResult, CompiledRulebook, Diagnostic, Locale, Position } from './types.js';

/** Parses the whole source into an AST, reporting lexing and syntax errors. */
/**
 * Limits (issue 14 item 17): beyond them a rulebook is refused with the error
 * `too-large` rather than parsed for seconds. The department's real rulebook
 * is about 12,000 characters, 50 rules, at most 5 clauses per rule.
 */
export const RULEBOOK_LIMITS = {
  /** Characters in a rulebook. */
  characters: 200_000,
  /** Statements (settings, rules, examples) in a rulebook. */
  statements: 5_000,
  /** Clauses (tiers included) of one rule: `;`-separated parts after its head. */
  clauses: 500,
  /** Tokens (words, numbers, signs) in one statement: a statement is parsed in about 3 µs a token. */
  statementTokens: 4_000,
  /** Errors reported before the rest of the file is left unchecked (`too-many-errors`). */
  errors: 500,
} as const;

const LIMIT_TEXT = {
  characters: { whatZh: '规则集的字符数', whatEn: 'the length of the rulebook in characters' },
  statements: { whatZh: '规则集的规则与设置数', whatEn: 'the number of rules, settings and examples' },
  clauses: { whatZh: '一条规则的条件(档位)数', whatEn: 'the number of clauses (tiers) of a rule' },
  statementTokens: { whatZh: '一条规则的长度(词数)', whatEn: 'the length of a rule in words' },
};

const clauseCount = (statement: IToken[]) => {
  let n = 1;
  for (const t of statement) if (t.tokenTypeIdx === T.Semi.tokenTypeIdx) n++;
  return n;
};

export function parseRulebook(source: string, sink: DiagnosticSink): RulebookAst {
  const lines = new LineMap(source);
  const { tokens, errors } = T.lex(source);
  for (const e of errors.slice(0, RULEBOOK_LIMITS.errors)) {
    const text = source.slice(e.offset, e.offset + e.length);
    sink.error('bad-character', lines.range(e.offset, e.offset + e.length), { text: text.length > 12 ? `${text.slice(0, 12)}…` : text });
  }
  const badStrings: number[] = [];
  const good = tokens.filter((t) => {
    if (t.tokenType !== T.BadString) return true;
    sink.error('unterminated-string', lines.range(t.startOffset, t.startOffset + t.image.length));
    badStrings.push(t.startOffset);
    return false;
  });
  const ast: RulebookAst = { settings: [], rules: [], examples: [] };
  if (errors.length > RULEBOOK_LIMITS.errors) {
    const next = errors[RULEBOOK_LIMITS.errors];
    sink.error('too-many-errors', lines.range(next.offset, next.offset), { limit: RULEBOOK_LIMITS.errors });
    return ast;
  }
  const used = new Set<ParsedOne>();
  const statements = splitStatements(good);
  if (statements.length > RULEBOOK_LIMITS.statements) {
    const extra = statements[RULEBOOK_LIMITS.statements][0];
    sink.error('too-large', tokenRange(extra), { ...LIMIT_TEXT.statements, limit: RULEBOOK_LIMITS.statements, actual: statements.length });
    statements.length = RULEBOOK_LIMITS.statements;
  }
  let stopped = false;
  let copiedErrors = 0; // errors of statements taken from the cache (pushed to the list, not through the sink)
  statements.forEach((statement, si) => {
    const first = statement[0];
    if (stopped) return;
    if (sink.errors + copiedErrors >= RULEBOOK_LIMITS.errors) {
      // the rest of a file this broken is not worth checking: say where checking stopped
      stopped = true;
      sink.error('too-many-errors', tokenRange(first), { limit: RULEBOOK_LIMITS.errors });
      return;
    }
    if (statement.length > RULEBOOK_LIMITS.statementTokens || clauseCount(statement) > RULEBOOK_LIMITS.clauses) {
      const clauses = clauseCount(statement);
      const what = clauses > RULEBOOK_LIMITS.clauses ? 'clauses' : 'statementTokens';
      sink.error('too-large', tokenRange(first), {
        ...LIMIT_TEXT[what],
        limit: RULEBOOK_LIMITS[what],
        actual: what === 'clauses' ? clauses : statement.length,
      });
      return;
    }
    const last = statement[statement.length - 1];
    const text = source.slice(first.startOffset, (last.endOffset ?? last.startOffset) + 1);
    // A statement with an unterminated string: the rest of its line is in the string, so its
    // syntax errors only repeat `unterminated-string`.
    const next = statements[si + 1]?.[0].startOffset ?? Number.POSITIVE_INFINITY;
    const quiet = badStrings.some((o) => o >= first.startOffset && o < next);
    const key = `${sink.locale}\u0000${first.startColumn}\u0000${quiet ? 'q' : ''}\u0000${text}`;
    let parsed = statementCache.get(key);
    if (!parsed) {
      parsed = parseOne(statement, lines, sink.locale, quiet);
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
      copiedErrors += parsed.errors;
    } else {
      used.add(parsed);
      if (dl || doff) {
        parsed.positions ??= positionsOf(parsed);
        for (const p of parsed.positions) {
          p.line += dl;
          p.offset += doff;
        }
        parsed.line += dl;
        parsed.offset += doff;
      }
      for (const d of parsed.diagnostics) sink.list.push(shifted(d, 0, 0));
      copiedErrors += parsed.errors;
    }
    if (!node) return;
    if ('clauses' in node) ast.rules.push(node);
    else if ('given' in node) ast.examples.push(node);
    else ast.settings.push(node);
  });
  return ast;
}

interface ParsedOne {
  line: number;
  offset: number;
  node: RuleAst | SettingAst | ExampleAst | undefined;
  diagnostics: Diagnostic[];
  /** How many of `diagnostics` are errors. */
  errors: number;
  /**
   * Every position object inside `node` and `diagnostics`, each once (ranges
   * share them): moving the entry is one pass over this list instead of a
   * walk of the tree on every compile that shifts it. Gathered the first time
   * the entry moves (a cold compile moves nothing).
   */
  positions?: Position[];
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

function parseOne(statement: IToken[], lines: LineMap, locale: Locale, quiet: boolean): ParsedOne {
  const first = statement[0];
  const last = statement[statement.length - 1];
  const local = new DiagnosticSink(locale);
  const parsed = parseStatement(statement);
  if (!quiet) reportSyntax(parsed.errors, statement, lines, local);
  const node = !parsed.cst || (parsed.errors.length && !hasRuleHead(statement)) ? undefined : toAst(parsed.cst, tokenRange(first, last));
  // a rule rebuilt by recovery: its head is checked (duplicates…), but what recovery dropped is not "missing"
  if (node && 'clauses' in node && parsed.errors.length) node.recovered = true;
  return { line: first.startLine ?? 1, offset: first.startOffset, node, diagnostics: local.list, errors: local.errors };
}

function positionsOf(parsed: ParsedOne): Position[] {
  const positions: Position[] = [];
  collectPositions([parsed.node, parsed.diagnostics], positions, new Set());
  return positions;
}

function isPosition(v: Record<string, unknown>): boolean {
  return typeof v.line === 'number' && typeof v.column === 'number' && typeof v.offset === 'number';
}

/** A deep copy with every position moved by `dl` lines and `doff` characters (columns stay). */
function shifted<T>(value: T, dl: number, doff: number): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = shifted(value[i] as unknown, dl, doff);
    return out as T;
  }
  const o = value as Record<string, unknown>;
  if (isPosition(o)) return { line: (o.line as number) + dl, column: o.column, offset: (o.offset as number) + doff } as T;
  const out: Record<string, unknown> = {};
  for (const k in o) out[k] = shifted(o[k], dl, doff);
  return out as T;
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

const HEADS = new Set<unknown>([T.Identifier, T.Example, ...SOFT_RULE_IDS]);

/** A statement that begins like a rule or an example: worth an AST even after recovery. */
function hasRuleHead(statement: IToken[]): boolean {
  return HEADS.has(statement[0]?.tokenType);
}

/**
 * Compiles a rulebook. `rulebook` is null exactly when some diagnostic is an
 * error. Version 1 (the default, LANGUAGE.md §1–§8) returns a version-1
 * program (`rulecard/1`) and reports every version-2 form the program would
 * need as `needs-version-2`; `{ version: 2 }` accepts the whole language of
 * §9 and returns a `v2.CompiledRulebook` (`rulecard/1` when it uses no
 * version-2 semantics, else `rulecard/2`) and the rulebook's examples.
 * The Chinese phrasings of §9.12 and `example` blocks compile in both.
 */
export function compile(source: string, options?: CompileOptions & { version?: 1 }): CompileResult;
export function compile(source: string, options: CompileOptions & { version: 2 }): v2.CompileResult;
export function compile(source: string, options: CompileOptions & { version?: 1 | 2 } = {}): CompileResult | v2.CompileResult {
  const sink = new DiagnosticSink(options.locale ?? 'zh-CN');
  let rulebook: v2.CompiledRulebook | null = null;
  let examples: v2.Example[] = [];
  try {
    const text = typeof source === 'string' ? source : String(source ?? '');
    if (text.length > RULEBOOK_LIMITS.characters) {
      const at = { line: 1, column: 1, offset: 0 };
      sink.error('too-large', { start: at, end: at }, { ...LIMIT_TEXT.characters, limit: RULEBOOK_LIMITS.characters, actual: text.length });
      sink.list.sort((a, b) => a.range.start.offset - b.range.start.offset);
      return options.version === 2 ? { rulebook: null, diagnostics: sink.list, examples: [] } : { rulebook: null, diagnostics: sink.list };
    }
    const ast = parseRulebook(text, sink);
    check(ast, sink, text);
    examples = toExamples(ast);
    if (!sink.hasErrors) {
      const program = toProgram(ast, text);
      for (const cycle of gateCycles(program)) {
        const names = cycle.map((i) => program.rules[i].id);
        for (const i of cycle) sink.error('gate-cycle', program.rules[i].range, { rules: names.join(' → ') });
      }
      if (options.version !== 2)
        for (const use of featuresOf(program)) {
          const range = use.rule === undefined ? settingRange(ast, use.feature) : program.rules[use.rule].range;
          sink.error('needs-version-2', range, { feature: use.feature });
        }
      rulebook = sink.hasErrors ? null : program;
    }
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
  if (sink.dropped) {
    rulebook = null;
    sink.list.push({
      code: 'too-many-errors',
      severity: 'error',
      message: message('too-many-errors', sink.locale, { limit: MAX_DIAGNOSTICS }),
      range: sink.dropped,
    });
  }
  sink.list.sort((a, b) => a.range.start.offset - b.range.start.offset);
  if (options.version === 2) return { rulebook, diagnostics: sink.list, examples };
  // version 1: the program is a version-1 program (any version-2 feature was an error above)
  return { rulebook: rulebook as CompiledRulebook | null, diagnostics: sink.list };
}

/** Where the setting that makes a program need version 2 stands. */
function settingRange(ast: RulebookAst, feature: string): SettingAst['range'] {
  const kind = feature === 'grace' ? 'grace' : feature === 'workdays' ? 'workdays' : feature === 'pay' ? 'pay' : 'window';
  const s = ast.settings.find((x) => x.kind === kind) ?? ast.settings[0];
  return s.range;
}
