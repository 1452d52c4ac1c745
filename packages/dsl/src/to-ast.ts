// Over 500 lines because the CST visitor must be one class with a method per grammar rule (validateVisitor checks
// it at start-up); each method is short and follows the parser's order.
/**
 * CST → AST. The visitor keeps no state, so one instance serves every compile;
 * `validateVisitor()` makes a grammar rule without a method fail at start-up.
 */
import type { CstNode, IToken, CstElement } from 'chevrotain';
import { parser } from './parser.js';
import type {
  ClauseAst,
  ClauseEffectAst,
  ConditionAst,
  EffectAst,
  ExampleAst,
  ExpectAst,
  GivenAst,
  NameAst,
  NumberAst,
  PercentBaseAst,
  RankAst,
  RatioSideAst,
  RuleAst,
  SettingAst,
  SubjectAst,
  TestAst,
} from './ast.js';
import type { ClauseWindow, Target } from './program.js';
import type { Comparator, SourceRange } from './types.js';

type Children = Record<string, CstElement[] | undefined>;

function isToken(e: CstElement | undefined): e is IToken {
  return !!e && 'image' in e;
}

function tok(children: Children, name: string, index = 0): IToken | undefined {
  const e = children[name]?.[index];
  return isToken(e) && !e.isInsertedInRecovery ? e : undefined;
}

function node(children: Children, name: string, index = 0): CstNode | undefined {
  const e = children[name]?.[index];
  return e && !isToken(e) ? e : undefined;
}

function nodes(children: Children, name: string): CstNode[] {
  return (children[name] ?? []).filter((e): e is CstNode => !isToken(e));
}

export function tokenRange(first: IToken, last: IToken = first): SourceRange {
  return {
    start: { line: first.startLine ?? 1, column: first.startColumn ?? 1, offset: first.startOffset },
    end: {
      line: last.endLine ?? last.startLine ?? 1,
      column: (last.endColumn ?? last.startColumn ?? 0) + 1,
      offset: (last.endOffset ?? last.startOffset + last.image.length - 1) + 1,
    },
  };
}

/** Every real (not recovery-inserted) token below a CST node, in order. */
function tokensOf(n: CstNode): IToken[] {
  const out: IToken[] = [];
  const walk = (c: CstNode) => {
    for (const list of Object.values(c.children))
      for (const e of list) {
        if (isToken(e)) {
          if (!e.isInsertedInRecovery && !Number.isNaN(e.startOffset)) out.push(e);
        } else walk(e);
      }
  };
  walk(n);
  return out.sort((a, b) => a.startOffset - b.startOffset);
}

/** A node's range from Chevrotain's location tracking; falls back to its tokens after recovery. */
function locatedRange(n: CstNode | undefined): SourceRange | undefined {
  const l = n?.location;
  if (l && Number.isFinite(l.startOffset) && Number.isFinite(l.endOffset) && l.startLine !== undefined && l.endColumn !== undefined) {
    return {
      start: { line: l.startLine, column: l.startColumn ?? 1, offset: l.startOffset },
      end: { line: l.endLine ?? l.startLine, column: l.endColumn + 1, offset: (l.endOffset ?? l.startOffset) + 1 },
    };
  }
  return n ? nodeRange(n) : undefined;
}

export function nodeRange(n: CstNode): SourceRange | undefined {
  const ts = tokensOf(n);
  return ts.length ? tokenRange(ts[0], ts[ts.length - 1]) : undefined;
}

/** The range of a node given by its children (a rule's own tokens and sub-nodes). */
function childrenRange(c: Children): SourceRange | undefined {
  return nodeRange({ name: '', children: c as CstNode['children'] });
}

function unquote(image: string): string {
  return image.slice(1, -1).replace(/\\(["\\])/g, '$1');
}

const FULL_WIDTH: Record<string, string> = { '＋': '+', '－': '-', '．': '.', '％': '%' };

/** Full-width digits, signs and point → ASCII (`－２` → `-2`). */
export function asciiDigits(text: string): string {
  return text.replace(/[０-９＋－．％]/g, (ch) => FULL_WIDTH[ch] ?? String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

function numberAst(t: IToken): NumberAst {
  const image = asciiDigits(t.image);
  const percent = image.endsWith('%');
  const text = (percent ? image.slice(0, -1) : image).replace(/^\+/, '');
  return { text, value: Number(text), percent, range: tokenRange(t) };
}

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** `十` 10, `十二` 12, `二十` 20, `二十三` 23; NaN when not a numeral. */
export function chineseNumber(text: string): number {
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || (!m[2] && m[1] && m[3])) return Number.NaN;
  if (!m[2]) return CHINESE_DIGITS[m[1] ?? m[3] ?? ''] ?? Number.NaN;
  return (m[1] ? CHINESE_DIGITS[m[1]] : 1) * 10 + (m[3] ? CHINESE_DIGITS[m[3]] : 0);
}

/** The place an ordinal names: `3rd` 3, `第3名` 3, `第三名` 3. */
export function ordinalPlace(image: string): number {
  const ascii = asciiDigits(image);
  const digits = /\d+/.exec(ascii);
  if (digits) return Number(digits[0]);
  return chineseNumber(image.slice(1, -1));
}

const COMPARATORS: Record<string, Comparator> = {
  Gte: '>=',
  Lte: '<=',
  Neq: '!=',
  Gt: '>',
  Lt: '<',
  Eq: '=',
};

const WORD_COMPARATORS: Record<string, Comparator> = { Over: '>', AtLeast: '>=', Under: '<', AtMost: '<=' };

const BaseVisitor = parser.getBaseCstVisitorConstructor();

/** Turns one statement's CST into a setting, a rule or an example (or nothing, when recovery left too little). */
class AstBuilder extends BaseVisitor {
  constructor() {
    super();
    this.validateVisitor();
  }

  statement(c: Children): SettingAst | RuleAst | ExampleAst | undefined {
    const s = node(c, 'setting');
    if (s) return this.visit(s) as SettingAst | undefined;
    const e = node(c, 'example');
    if (e) return this.visit(e, e) as ExampleAst | undefined;
    const r = node(c, 'rule');
    return r ? (this.visit(r) as RuleAst | undefined) : undefined;
  }

  /** The token of a one-token sub-node (`name`, `ruleId`, `value`). */
  private nameToken(n: CstNode | undefined): IToken | undefined {
    if (!n) return undefined;
    for (const list of Object.values(n.children)) for (const e of list) if (isToken(e) && !e.isInsertedInRecovery) return e;
    return undefined;
  }

  private nameAst(n: CstNode | undefined): NameAst | undefined {
    const t = this.nameToken(n);
    return t ? { name: t.image, range: tokenRange(t) } : undefined;
  }

  setting(c: Children): SettingAst | undefined {
    const range = childrenRange(c);
    if (!range) return undefined;
    if (tok(c, 'Rulebook')) {
      const s = tok(c, 'StringLiteral');
      return s ? { kind: 'title', value: unquote(s.image), range } : undefined;
    }
    if (tok(c, 'Point')) {
      const n = tok(c, 'NumberLiteral');
      return n ? { kind: 'point', value: numberAst(n), range } : undefined;
    }
    if (tok(c, 'Window')) {
      const w = node(c, 'windowUnit');
      const unit = w ? (this.visit(w) as ClauseWindow | undefined) : undefined;
      return unit ? { kind: 'window', value: unit, range } : undefined;
    }
    if (tok(c, 'Pay')) {
      const name = this.nameAst(node(c, 'payName'));
      const label = tok(c, 'payLabel');
      if (!name) return undefined;
      const out: SettingAst = { kind: 'pay', name: name.name, nameRange: name.range, range };
      if (label) out.label = unquote(label.image);
      return out;
    }
    if (tok(c, 'Workdays')) {
      const n = tok(c, 'workdays');
      return n ? { kind: 'workdays', value: numberAst(n), range } : undefined;
    }
    if (tok(c, 'Grace')) {
      const n = tok(c, 'grace');
      return n ? { kind: 'grace', value: numberAst(n), range } : undefined;
    }
    const s = tok(c, 'StringLiteral', 0) ?? tok(c, 'StringLiteral', 1);
    return s ? { kind: 'timezone', value: unquote(s.image), valueRange: tokenRange(s), range } : undefined;
  }

  name(): undefined {
    return undefined; // read through nameToken
  }

  ruleId(): undefined {
    return undefined; // read through nameToken
  }

  rule(c: Children, param: { range: SourceRange }): RuleAst | undefined {
    const id = this.nameToken(node(c, 'id'));
    if (!id) return undefined;
    const label = tok(c, 'label');
    const conditions = (name: string) =>
      nodes(c, name)
        .map((n) => this.visit(n) as ConditionAst | undefined)
        .filter((x): x is ConditionAst => !!x);
    const names = (name: string) =>
      nodes(c, name)
        .map((n) => this.nameAst(n))
        .filter((x): x is NameAst => !!x);
    const effectsNode = node(c, 'effects');
    const effects = effectsNode ? ((this.visit(effectsNode) as EffectAst[] | undefined) ?? []) : [];
    const tiersNode = node(c, 'tiersHead');
    const clauses = nodes(c, 'clause')
      .map((n) => this.visit(n, n) as ClauseAst | undefined)
      .filter((x): x is ClauseAst => !!x);
    let tiers: RuleAst['tiers'];
    if (tiersNode) {
      const wsNode = node(tiersNode.children, 'windowSpec');
      tiers = {
        window: wsNode ? (this.visit(wsNode) as ClauseWindow | undefined) : undefined,
        range: nodeRange(tiersNode) ?? tokenRange(id),
      };
    }
    const out: RuleAst = {
      id: id.image,
      idRange: tokenRange(id),
      eventTypes: names('eventType'),
      for: conditions('forCondition'),
      where: conditions('condition'),
      unless: names('unlessFlag'),
      effects,
      tiers,
      clauses,
      range: param?.range ?? tokenRange(id),
    };
    if (label) out.label = unquote(label.image);
    const labels = (c.labelLocale ?? []).flatMap((_, i) => {
      const locale = tok(c, 'labelLocale', i);
      const text = tok(c, 'localeLabel', i);
      return locale && text ? [{ locale: locale.image, label: unquote(text.image), localeRange: tokenRange(locale) }] : [];
    });
    if (labels.length) out.labels = labels;
    return out;
  }

  value(): undefined {
    return undefined; // read through nameToken
  }

  condition(c: Children): ConditionAst | undefined {
    const fieldNode = node(c, 'field');
    const field = fieldNode ? this.nameToken(fieldNode) : tok(c, 'field');
    const cmp = node(c, 'comparator');
    const value = this.nameToken(node(c, 'value'));
    if (!field || !cmp || !value) return undefined;
    const op = this.visit(cmp) as Comparator | undefined;
    if (!op) return undefined;
    const kind = value.tokenType.name;
    const isBool = kind === 'True' || kind === 'False' || (kind === 'Identifier' && (value.image === 'true' || value.image === 'false'));
    const valueKind: ConditionAst['valueKind'] =
      kind === 'NumberLiteral'
        ? 'number'
        : kind === 'StringLiteral'
          ? 'string'
          : kind === 'DateLiteral'
            ? 'date'
            : isBool
              ? 'boolean'
              : 'identifier';
    const fieldName = field.tokenType.name === 'Amount' ? 'amount' : field.tokenType.name === 'Team' ? 'team' : field.image;
    return {
      field: fieldName,
      fieldRange: tokenRange(field),
      op,
      value:
        valueKind === 'number'
          ? Number(asciiDigits(value.image))
          : valueKind === 'string'
            ? unquote(value.image)
            : valueKind === 'boolean'
              ? kind === 'True' || value.image === 'true'
              : value.image,
      valueKind,
      valueRange: tokenRange(value),
      range: tokenRange(field, value),
    };
  }

  comparator(c: Children): Comparator | undefined {
    for (const [name, op] of Object.entries(COMPARATORS)) if (tok(c, name)) return op;
    return undefined;
  }

  wordComparator(c: Children): Comparator | undefined {
    for (const [name, op] of Object.entries(WORD_COMPARATORS)) if (tok(c, name)) return op;
    return undefined;
  }

  effects(c: Children): EffectAst[] {
    return nodes(c, 'effect')
      .map((n) => this.visit(n, n) as EffectAst | undefined)
      .filter((x): x is EffectAst => !!x);
  }

  effect(c: Children, self?: CstNode): EffectAst | undefined {
    const target = this.targetOf(c);
    const range = locatedRange(self);
    if (!range) return undefined;
    const percent = tok(c, 'percent');
    if (percent) {
      const baseNode = node(c, 'percentBase');
      const base = baseNode ? (this.visit(baseNode) as PercentBaseAst | undefined) : undefined;
      if (!base) return undefined;
      return { target, kind: 'percent', value: numberAst(percent), base, range };
    }
    const numNode = node(c, 'signedNumber');
    const value = numNode ? (this.visit(numNode) as NumberAst | undefined) : undefined;
    if (!value) return undefined;
    return { target, kind: this.unitOf(c) === 'yuan' ? 'yuan' : 'points', value, range };
  }

  private targetOf(c: Children): Target {
    const targetNode = node(c, 'target');
    return targetNode ? ((this.visit(targetNode) as Target | undefined) ?? 'personal') : 'personal';
  }

  private unitOf(c: Children): 'yuan' | 'points' | undefined {
    const unitNode = node(c, 'unit');
    return unitNode ? (this.visit(unitNode) as 'yuan' | 'points' | undefined) : undefined;
  }

  perMark(c: Children): SourceRange | undefined {
    return childrenRange(c);
  }

  signedNumber(c: Children): NumberAst | undefined {
    const v = tok(c, 'value');
    if (!v) return undefined;
    const n = numberAst(v);
    const word = tok(c, 'Minus') ?? tok(c, 'Plus');
    if (!word) return n;
    const signed = /^[+-]/.test(asciiDigits(v.image));
    const negative = !!tok(c, 'Minus');
    const text = negative ? (n.text.startsWith('-') ? n.text : `-${n.text}`) : n.text;
    const out: NumberAst = { text, value: Number(text), percent: false, range: tokenRange(word, v) };
    if (signed) out.signConflict = true;
    return out;
  }

  percentBase(c: Children): PercentBaseAst | undefined {
    const amount = tok(c, 'Amount');
    if (amount) return { kind: 'amount', range: tokenRange(amount) };
    const pay = this.nameAst(node(c, 'pay'));
    if (!pay) return undefined;
    return { kind: 'pay', name: pay.name, daily: !!(tok(c, 'Daily') ?? tok(c, 'Day')), range: pay.range };
  }

  target(c: Children): Target | undefined {
    return tok(c, 'Team') ? 'team' : tok(c, 'Lead') ? 'lead' : tok(c, 'Personal') ? 'personal' : undefined;
  }

  unit(c: Children): 'yuan' | 'points' | undefined {
    return tok(c, 'Yuan') ? 'yuan' : tok(c, 'Points') ? 'points' : undefined;
  }

  windowUnit(c: Children): ClauseWindow | undefined {
    for (const [name, unit] of [
      ['Day', 'day'],
      ['Week', 'week'],
      ['Month', 'month'],
      ['Quarter', 'quarter'],
      ['Year', 'year'],
      ['Ever', 'ever'],
    ] as const)
      if (tok(c, name)) return unit;
    return undefined;
  }

  windowSpec(c: Children): ClauseWindow | undefined {
    const w = node(c, 'windowUnit');
    return w ? (this.visit(w) as ClauseWindow | undefined) : undefined;
  }

  tiersHead(): undefined {
    return undefined; // read by `rule`
  }

  byTeam(): undefined {
    return undefined; // read by `clause`
  }

  clause(c: Children, self?: CstNode): ClauseAst | undefined {
    const range = locatedRange(self);
    if (!range) return undefined;
    const effNode = node(c, 'clauseEffects');
    const effectsOf = () => (effNode ? ((this.visit(effNode) as ClauseEffectAst[] | undefined) ?? []) : []);
    const everyone = effNode ? tok(effNode.children, 'Everyone') : undefined;
    const withEveryone = (clause: ClauseAst): ClauseAst => {
      if (everyone) clause.everyone = tokenRange(everyone);
      return clause;
    };
    const subjectWindowNode = node(c, 'subjectWindow');
    const windowNode = node(c, 'windowSpec') ?? subjectWindowNode;
    const window = windowNode ? (this.visit(windowNode) as ClauseWindow | undefined) : undefined;
    const windowRange = windowNode ? nodeRange(windowNode) : undefined;
    const elseTok = tok(c, 'Else');
    if (elseTok)
      return withEveryone({ subject: null, test: { kind: 'else', range: tokenRange(elseTok) }, each: false, effects: effectsOf(), range });
    const rankTok = tok(c, 'Rank');
    if (rankTok) {
      const byNode = node(c, 'rankBy');
      const rank: RankAst = byNode
        ? ((this.visit(byNode) as RankAst | undefined) ?? { by: 'count', byTeam: false })
        : { by: 'count', byTeam: false };
      rank.byTeam = !!node(c, 'byTeam');
      const effects = nodes(c, 'placeEffect').flatMap((n) => (this.visit(n) as ClauseEffectAst[] | undefined) ?? []);
      return { subject: null, rank, test: { kind: 'else', range: tokenRange(rankTok) }, window, windowRange, each: false, effects, range };
    }
    const everyTok = tok(c, 'Every');
    if (everyTok) {
      const w = node(c, 'everyWindow');
      const everyWindow = w ? (this.visit(w) as ClauseWindow | undefined) : undefined;
      return withEveryone({
        subject: null,
        every: true,
        test: { kind: 'else', range: tokenRange(everyTok) },
        window: everyWindow,
        windowRange: w ? nodeRange(w) : undefined,
        each: false,
        effects: effectsOf(),
        range,
      });
    }
    const testNode = node(c, 'test');
    const test = testNode ? (this.visit(testNode) as TestAst | undefined) : undefined;
    const subjectNode = node(c, 'subject');
    const subject = subjectNode ? ((this.visit(subjectNode) as SubjectAst | undefined) ?? null) : null;
    const runningTok = tok(c, 'running');
    const eachTok = tok(c, 'Each');
    const step = tok(c, 'step');
    if (!test) {
      // `per month => 500 yuan`: a clause that is only a window is `every month`.
      if (!testNode && !subjectNode && window && !runningTok && !eachTok)
        return withEveryone({
          subject: null,
          every: true,
          test: { kind: 'else', range: windowRange ?? range },
          window,
          windowRange,
          each: false,
          effects: effectsOf(),
          range,
        });
      if (testNode) return undefined;
      // No comparison: reported by the checker (`missing-test`), with what was written.
      return withEveryone({
        subject,
        test: { kind: 'else', range },
        window,
        windowRange,
        each: !!eachTok,
        effects: effectsOf(),
        missingTest: true,
        range,
      });
    }
    const out: ClauseAst = {
      subject,
      test,
      window,
      windowRange,
      each: !!eachTok,
      effects: effectsOf(),
      range,
    };
    if (subjectWindowNode && node(c, 'windowSpec')) out.twoWindows = nodeRange(node(c, 'windowSpec') as CstNode);
    if (runningTok) {
      out.running = numberAst(runningTok);
      out.runningRange = tokenRange(tok(c, 'Running') ?? runningTok, runningTok);
    }
    if (eachTok) out.eachRange = tokenRange(eachTok, step ?? eachTok);
    if (step) out.eachStep = numberAst(step);
    return withEveryone(out);
  }

  rankBy(c: Children): RankAst | undefined {
    if (tok(c, 'Points')) return { by: 'points', byTeam: false };
    if (tok(c, 'Awards')) return { by: 'awards', byTeam: false };
    const agg = node(c, 'aggregate');
    const a = agg ? (this.visit(agg) as Extract<SubjectAst, { kind: 'aggregate' }> | undefined) : undefined;
    return a ? { by: a.fn, field: a.field, fieldRange: a.fieldRange, byTeam: false } : undefined;
  }

  aggregate(c: Children): Extract<SubjectAst, { kind: 'aggregate' }> | undefined {
    const range = childrenRange(c);
    const fieldNode = node(c, 'field');
    const field = fieldNode ? this.nameToken(fieldNode) : tok(c, 'field');
    if (!range || !field) return undefined;
    return {
      kind: 'aggregate',
      fn: tok(c, 'Avg') ? 'avg' : 'sum',
      field: field.tokenType.name === 'Amount' ? 'amount' : field.image,
      fieldRange: tokenRange(field),
      range,
    };
  }

  subject(c: Children): SubjectAst | undefined {
    const range = childrenRange(c);
    if (!range) return undefined;
    if (tok(c, 'All')) return { kind: 'all', range };
    if (tok(c, 'Ratio')) {
      const n = node(c, 'numerator');
      const d = node(c, 'denominator');
      const numerator = n ? (this.visit(n) as RatioSideAst | undefined) : undefined;
      const denominator = d ? (this.visit(d) as RatioSideAst | undefined) : undefined;
      return numerator && denominator ? { kind: 'ratio', numerator, denominator, range } : undefined;
    }
    const agg = node(c, 'aggregate');
    if (agg) return this.visit(agg) as SubjectAst | undefined;
    return {
      kind: 'ledger',
      ledger: tok(c, 'Team') ? 'team' : 'personal',
      quantity: tok(c, 'Deductions') ? 'deductions' : tok(c, 'Awards') ? 'awards' : 'points',
      range,
    };
  }

  ratioSide(c: Children): RatioSideAst | undefined {
    const type = this.nameAst(node(c, 'type'));
    const range = childrenRange(c);
    if (!type || !range) return undefined;
    const where = nodes(c, 'condition')
      .map((n) => this.visit(n) as ConditionAst | undefined)
      .filter((x): x is ConditionAst => !!x);
    return { type: type.name, where, range };
  }

  test(c: Children): TestAst | undefined {
    const range = childrenRange(c);
    if (!range) return undefined;
    const cmpNode = node(c, 'comparator') ?? node(c, 'wordComparator');
    if (cmpNode) {
      const op = this.visit(cmpNode) as Comparator | undefined;
      const b = node(c, 'bound');
      const bound = b ? (this.visit(b) as NumberAst | NameAst | undefined) : undefined;
      if (!op || !bound) return undefined;
      if ('name' in bound) return { kind: 'target', op, target: bound.name, targetRange: bound.range, range };
      return { kind: 'cmp', op, value: bound, range };
    }
    const post = node(c, 'postfixed');
    if (post) {
      const value = this.visit(post) as NumberAst | undefined;
      if (!value) return undefined;
      return { kind: 'cmp', op: tok(c, 'OrMore') ? '>=' : '<=', value, range };
    }
    const low = node(c, 'low');
    const high = node(c, 'high');
    const l = low ? (this.visit(low) as NumberAst | undefined) : undefined;
    const h = high ? (this.visit(high) as NumberAst | undefined) : undefined;
    if (!l || !h) return undefined;
    return { kind: 'range', low: l, high: h, range: { start: l.range.start, end: h.range.end } };
  }

  bound(c: Children): NumberAst | NameAst | undefined {
    const q = node(c, 'quantity');
    if (q) return this.visit(q) as NumberAst | undefined;
    return this.nameAst(node(c, 'targetName'));
  }

  quantity(c: Children): NumberAst | undefined {
    const t = tok(c, 'NumberLiteral') ?? tok(c, 'Percent');
    return t ? numberAst(t) : undefined;
  }

  clauseEffects(c: Children): ClauseEffectAst[] {
    return nodes(c, 'clauseEffect')
      .map((n) => this.visit(n, n) as ClauseEffectAst | undefined)
      .filter((x): x is ClauseEffectAst => !!x);
  }

  clauseEffect(c: Children, self?: CstNode): ClauseEffectAst | undefined {
    const range = locatedRange(self);
    if (!range) return undefined;
    const target = this.targetOf(c);
    if (tok(c, 'Flag')) {
      const flagName = this.nameAst(node(c, 'flagName'));
      if (!flagName) return undefined;
      return { target, kind: 'flag', flag: flagName.name, flagRange: flagName.range, perCount: false, range };
    }
    const perNode = node(c, 'perMark');
    const perRange = perNode ? (this.visit(perNode) as SourceRange | undefined) : undefined;
    const withPer = (e: ClauseEffectAst): ClauseEffectAst => {
      if (perRange) e.perRange = perRange;
      return e;
    };
    const percent = tok(c, 'percent');
    if (percent) {
      const baseNode = node(c, 'percentBase');
      const base = baseNode ? (this.visit(baseNode) as PercentBaseAst | undefined) : undefined;
      if (!base) return undefined;
      return withPer({ target, kind: 'percent', value: numberAst(percent), base, perCount: !!perNode, range });
    }
    const numNode = node(c, 'signedNumber');
    const value = numNode ? (this.visit(numNode) as NumberAst | undefined) : undefined;
    if (!value) return undefined;
    return withPer({ target, kind: this.unitOf(c) === 'yuan' ? 'yuan' : 'points', value, perCount: !!perNode, range });
  }

  placeEffect(c: Children): ClauseEffectAst[] {
    const ord = tok(c, 'Ordinal');
    const top = tok(c, 'top');
    const first = ord ?? tok(c, 'Top') ?? top;
    const place = ord ? ordinalPlace(ord.image) : undefined;
    const share = top ? numberAst(top) : undefined;
    return nodes(c, 'clauseEffect')
      .map((n) => this.visit(n, n) as ClauseEffectAst | undefined)
      .filter((x): x is ClauseEffectAst => !!x)
      .map((e) => {
        const out: ClauseEffectAst = first ? { ...e, range: { start: tokenRange(first).start, end: e.range.end } } : e;
        if (place !== undefined) out.place = place;
        if (share) out.top = share;
        return out;
      });
  }

  // ---------------------------------------------------------------- examples

  example(c: Children, self?: CstNode): ExampleAst | undefined {
    const name = tok(c, 'exampleName');
    const range = locatedRange(self) ?? childrenRange(c);
    if (!name || !range) return undefined;
    const given = nodes(c, 'givenEvent')
      .map((n) => this.visit(n, n) as GivenAst | undefined)
      .filter((x): x is GivenAst => !!x);
    // expectations, each with its subject carried over within its `expect` line
    const expect: ExpectAst[] = [];
    const expectToks = (c.Expect ?? []).filter(isToken).map((t) => t.startOffset);
    let line = -1;
    let subject: ExpectAst['subject'];
    for (const n of nodes(c, 'expectation')) {
      const e = this.visit(n, n) as ExpectAst | undefined;
      if (!e) continue;
      const owner = expectToks.filter((o) => o < e.range.start.offset).length;
      if (owner !== line) {
        line = owner;
        subject = undefined;
      }
      if (e.subject) subject = e.subject;
      else if (subject) e.subject = subject;
      expect.push(e);
    }
    const out: ExampleAst = { name: unquote(name.image), nameRange: tokenRange(name), given, expect, range };
    const periodNode = node(c, 'examplePeriod');
    if (periodNode) {
      const p = this.visit(periodNode, periodNode) as ExampleAst['period'];
      if (p) out.period = p;
    }
    return out;
  }

  examplePeriod(c: Children, self?: CstNode): ExampleAst['period'] {
    const from = tok(c, 'from');
    const to = tok(c, 'to');
    const range = locatedRange(self);
    return from && to && range ? { from: from.image, to: to.image, range } : undefined;
  }

  givenEvent(c: Children, self?: CstNode): GivenAst | undefined {
    const range = locatedRange(self);
    const type = this.nameAst(node(c, 'type'));
    const date = tok(c, 'date');
    const memberNode = node(c, 'member');
    const member = memberNode ? (this.visit(memberNode) as NameAst | undefined) : undefined;
    if (!range || !type || !date || !member) return undefined;
    const out: GivenAst = {
      type: type.name,
      repeat: 1,
      date: date.image,
      dateRange: tokenRange(date),
      member: member.name,
      memberRange: member.range,
      attrs: [],
      range,
    };
    const repeat = tok(c, 'repeat');
    if (repeat) {
      const n = /^[x×]?([0-9０-９]+)$/.exec(repeat.image);
      if (n) {
        out.repeat = Number(asciiDigits(n[1]));
        out.repeatRange = tokenRange(repeat, tok(c, 'Times') ?? repeat);
      } else out.badRepeat = tokenRange(repeat);
    }
    const time = tok(c, 'time');
    if (time) {
      out.time = time.image.padStart(5, '0');
      out.timeRange = tokenRange(time);
    }
    const amount = tok(c, 'amount');
    if (amount) out.amount = numberAst(amount);
    for (const a of nodes(c, 'givenAttr')) {
      const attr = this.visit(a) as GivenAst['attrs'][number] | undefined;
      if (attr) out.attrs.push(attr);
    }
    return out;
  }

  givenAttr(c: Children): GivenAst['attrs'][number] | undefined {
    const field = this.nameToken(node(c, 'field'));
    const value = this.nameToken(node(c, 'value'));
    if (!field || !value) return undefined;
    const kind = value.tokenType.name;
    const v =
      kind === 'NumberLiteral'
        ? Number(asciiDigits(value.image))
        : kind === 'StringLiteral'
          ? unquote(value.image)
          : kind === 'True' || value.image === 'true'
            ? true
            : kind === 'False' || value.image === 'false'
              ? false
              : value.image;
    return { field: field.image, value: v };
  }

  member(c: Children): NameAst | undefined {
    const t = tok(c, 'Identifier') ?? tok(c, 'StringLiteral') ?? tok(c, 'NumberLiteral');
    if (!t) return undefined;
    return { name: t.tokenType.name === 'StringLiteral' ? unquote(t.image) : asciiDigits(t.image), range: tokenRange(t) };
  }

  expectation(c: Children, self?: CstNode): ExpectAst | undefined {
    const range = locatedRange(self);
    if (!range) return undefined;
    let subject: ExpectAst['subject'];
    const memberNode = node(c, 'member');
    if (memberNode) {
      const m = this.visit(memberNode) as NameAst | undefined;
      if (m) subject = { kind: 'member', id: m.name };
    } else if (tok(c, 'Team')) {
      const idNode = node(c, 'teamId');
      const id = idNode ? (this.visit(idNode) as NameAst | undefined) : undefined;
      subject = id ? { kind: 'team', id: id.name } : { kind: 'team' };
    }
    const out: ExpectAst = { what: 'points', range };
    if (subject) out.subject = subject;
    if (tok(c, 'Flag')) {
      const flag = this.nameToken(node(c, 'flagName'));
      if (!flag) return undefined;
      out.what = tok(c, 'No') ? 'no-flag' : 'flag';
      out.flag = flag.image;
      return out;
    }
    const what = tok(c, 'what');
    const numNode = node(c, 'signedNumber');
    const value = numNode ? (this.visit(numNode) as NumberAst | undefined) : undefined;
    if (!what || !value) return undefined;
    out.what = what.tokenType.name === 'Points' ? 'points' : 'money';
    out.value = value;
    return out;
  }
}

export const astBuilder = new AstBuilder();

/** Converts a parsed statement; `range` is the statement's whole source range. */
export function toAst(cst: CstNode, range: SourceRange): SettingAst | RuleAst | ExampleAst | undefined {
  const inner = (cst.children.rule?.[0] ?? cst.children.setting?.[0] ?? cst.children.example?.[0]) as CstNode | undefined;
  if (!inner) return undefined;
  if (inner.name === 'rule') return astBuilder.visit(inner, { range }) as RuleAst | undefined;
  if (inner.name === 'example') return astBuilder.visit(inner, inner) as ExampleAst | undefined;
  return astBuilder.visit(inner) as SettingAst | undefined;
}
