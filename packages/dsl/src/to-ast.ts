/**
 * CST → AST. The visitor keeps no state, so one instance serves every compile;
 * `validateVisitor()` makes a grammar rule without a method fail at start-up.
 */
import type { CstNode, IToken, CstElement } from 'chevrotain';
import { parser } from './parser.js';
import type { ClauseAst, ClauseEffectAst, ConditionAst, EffectAst, NumberAst, RuleAst, SettingAst, SubjectAst, TestAst } from './ast.js';
import type { Comparator, SourceRange, Target, WindowUnit } from './types.js';

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

function unquote(image: string): string {
  return image.slice(1, -1).replace(/\\(["\\])/g, '$1');
}

function numberAst(t: IToken): NumberAst {
  const percent = /[%％]$/.test(t.image);
  const text = (percent ? t.image.slice(0, -1) : t.image).replace(/^\+/, '');
  return { text, value: Number(text), percent, range: tokenRange(t) };
}

const COMPARATORS: Record<string, Comparator> = {
  Gte: '>=',
  Lte: '<=',
  Neq: '!=',
  Gt: '>',
  Lt: '<',
  Eq: '=',
};

const BaseVisitor = parser.getBaseCstVisitorConstructor();

/** Turns one statement's CST into a setting or a rule (or nothing, when recovery left too little). */
class AstBuilder extends BaseVisitor {
  constructor() {
    super();
    this.validateVisitor();
  }

  statement(c: Children): SettingAst | RuleAst | undefined {
    const s = node(c, 'setting');
    if (s) return this.visit(s) as SettingAst | undefined;
    const r = node(c, 'rule');
    return r ? (this.visit(r) as RuleAst | undefined) : undefined;
  }

  setting(c: Children): SettingAst | undefined {
    const all = Object.values(c).flat().filter(isToken);
    const first = all.sort((a, b) => a.startOffset - b.startOffset)[0];
    if (!first) return undefined;
    const last = all[all.length - 1];
    const range = tokenRange(first, last);
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
      const unit = w ? (this.visit(w) as WindowUnit | undefined) : undefined;
      return unit ? { kind: 'window', value: unit, range } : undefined;
    }
    const s = tok(c, 'StringLiteral', 0) ?? tok(c, 'StringLiteral', 1);
    return s ? { kind: 'timezone', value: unquote(s.image), valueRange: tokenRange(s), range } : undefined;
  }

  rule(c: Children, param: { range: SourceRange }): RuleAst | undefined {
    const id = tok(c, 'id');
    if (!id) return undefined;
    const label = tok(c, 'label');
    const eventType = tok(c, 'eventType');
    const where = nodes(c, 'condition')
      .map((n) => this.visit(n) as ConditionAst | undefined)
      .filter((x): x is ConditionAst => !!x);
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
        window: wsNode ? (this.visit(wsNode) as WindowUnit | undefined) : undefined,
        range: nodeRange(tiersNode) ?? tokenRange(id),
      };
    }
    return {
      id: id.image,
      idRange: tokenRange(id),
      label: label ? unquote(label.image) : undefined,
      eventType: eventType?.image,
      eventTypeRange: eventType ? tokenRange(eventType) : undefined,
      where,
      effects,
      tiers,
      clauses,
      range: param?.range ?? tokenRange(id),
    };
  }

  condition(c: Children): ConditionAst | undefined {
    const field = tok(c, 'field');
    const cmp = node(c, 'comparator');
    const value = tok(c, 'value');
    if (!field || !cmp || !value) return undefined;
    const op = this.visit(cmp) as Comparator | undefined;
    if (!op) return undefined;
    const kind = value.tokenType.name;
    const isBool = kind === 'Identifier' && (value.image === 'true' || value.image === 'false');
    const valueKind = kind === 'NumberLiteral' ? 'number' : kind === 'StringLiteral' ? 'string' : isBool ? 'boolean' : 'identifier';
    return {
      field: field.tokenType.name === 'Amount' ? 'amount' : field.image,
      op,
      value:
        valueKind === 'number'
          ? Number(value.image)
          : valueKind === 'string'
            ? unquote(value.image)
            : valueKind === 'boolean'
              ? value.image === 'true'
              : value.image,
      valueKind,
      range: tokenRange(field, value),
    };
  }

  comparator(c: Children): Comparator | undefined {
    for (const [name, op] of Object.entries(COMPARATORS)) if (tok(c, name)) return op;
    return undefined;
  }

  effects(c: Children): EffectAst[] {
    return nodes(c, 'effect')
      .map((n) => this.visit(n, n) as EffectAst | undefined)
      .filter((x): x is EffectAst => !!x);
  }

  effect(c: Children, self?: CstNode): EffectAst | undefined {
    const targetNode = node(c, 'target');
    const target: Target = targetNode ? ((this.visit(targetNode) as Target | undefined) ?? 'personal') : 'personal';
    const value = tok(c, 'value');
    const percent = tok(c, 'percent');
    const range = locatedRange(self);
    if (!range) return undefined;
    if (percent) return { target, kind: 'percent', value: numberAst(percent), range };
    if (!value) return undefined;
    const unitNode = node(c, 'unit');
    const unit = unitNode ? (this.visit(unitNode) as 'yuan' | 'points' | undefined) : undefined;
    return { target, kind: unit === 'yuan' ? 'yuan' : 'points', value: numberAst(value), range };
  }

  target(c: Children): Target | undefined {
    return tok(c, 'Team') ? 'team' : tok(c, 'Personal') ? 'personal' : undefined;
  }

  unit(c: Children): 'yuan' | 'points' | undefined {
    return tok(c, 'Yuan') ? 'yuan' : tok(c, 'Points') ? 'points' : undefined;
  }

  windowUnit(c: Children): WindowUnit | undefined {
    return tok(c, 'Day') ? 'day' : tok(c, 'Week') ? 'week' : tok(c, 'Month') ? 'month' : undefined;
  }

  windowSpec(c: Children): WindowUnit | undefined {
    const w = node(c, 'windowUnit');
    return w ? (this.visit(w) as WindowUnit | undefined) : undefined;
  }

  tiersHead(): undefined {
    return undefined; // read by `rule`
  }

  clause(c: Children, self?: CstNode): ClauseAst | undefined {
    const range = locatedRange(self);
    if (!range) return undefined;
    const windowNode = node(c, 'windowSpec') ?? node(c, 'subjectWindow');
    const window = windowNode ? (this.visit(windowNode) as WindowUnit | undefined) : undefined;
    if (tok(c, 'Else')) {
      const effNode = node(c, 'clauseEffects');
      return {
        subject: null,
        test: { kind: 'else', range: tokenRange(tok(c, 'Else') as IToken) },
        each: false,
        effects: effNode ? ((this.visit(effNode) as ClauseEffectAst[] | undefined) ?? []) : [],
        range,
      };
    }
    if (tok(c, 'Rank')) {
      const rankTok = tok(c, 'Rank') as IToken;
      const effects = nodes(c, 'placeEffect').flatMap((n) => (this.visit(n) as ClauseEffectAst[] | undefined) ?? []);
      return {
        subject: null,
        rank: { by: tok(c, 'byPoints') ? 'points' : 'count' },
        test: { kind: 'else', range: tokenRange(rankTok) },
        window,
        each: false,
        effects,
        range,
      };
    }
    const testNode = node(c, 'test');
    const test = testNode ? (this.visit(testNode) as TestAst | undefined) : undefined;
    if (!test) return undefined;
    const subjectNode = node(c, 'subject');
    const step = tok(c, 'step');
    const effNode = node(c, 'clauseEffects');
    return {
      subject: subjectNode ? ((this.visit(subjectNode) as SubjectAst | undefined) ?? null) : null,
      test,
      window,
      each: !!tok(c, 'Each'),
      eachStep: step ? numberAst(step) : undefined,
      effects: effNode ? ((this.visit(effNode) as ClauseEffectAst[] | undefined) ?? []) : [],
      range,
    };
  }

  subject(c: Children): SubjectAst | undefined {
    const ts = Object.values(c)
      .flat()
      .filter(isToken)
      .filter((t) => !t.isInsertedInRecovery);
    ts.sort((a, b) => a.startOffset - b.startOffset);
    if (!ts.length) return undefined;
    const range = tokenRange(ts[0], ts[ts.length - 1]);
    if (tok(c, 'All')) return { kind: 'all', range };
    if (tok(c, 'Ratio')) {
      const n = tok(c, 'numerator');
      const d = tok(c, 'denominator');
      return n && d ? { kind: 'ratio', numerator: n.image, denominator: d.image, range } : undefined;
    }
    return {
      kind: 'ledger',
      ledger: tok(c, 'Team') ? 'team' : 'personal',
      quantity: tok(c, 'Deductions') ? 'deductions' : 'points',
      range,
    };
  }

  test(c: Children): TestAst | undefined {
    const low = node(c, 'low');
    const high = node(c, 'high');
    const cmpNode = node(c, 'comparator');
    if (cmpNode) {
      const op = this.visit(cmpNode) as Comparator | undefined;
      const q = node(c, 'quantity');
      const value = q ? (this.visit(q) as NumberAst | undefined) : undefined;
      if (!op || !value) return undefined;
      return { kind: 'cmp', op, value, range: nodeRange({ name: 'test', children: c as CstNode['children'] }) ?? value.range };
    }
    const l = low ? (this.visit(low) as NumberAst | undefined) : undefined;
    const h = high ? (this.visit(high) as NumberAst | undefined) : undefined;
    if (!l || !h) return undefined;
    return { kind: 'range', low: l, high: h, range: { start: l.range.start, end: h.range.end } };
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
    const targetNode = node(c, 'target');
    const target: Target = targetNode ? ((this.visit(targetNode) as Target | undefined) ?? 'personal') : 'personal';
    const flagName = tok(c, 'flagName');
    if (tok(c, 'Flag')) {
      if (!flagName) return undefined;
      return { target, kind: 'flag', flag: flagName.image, flagRange: tokenRange(flagName), perCount: false, range };
    }
    const value = tok(c, 'value');
    if (!value) return undefined;
    const unitNode = node(c, 'unit');
    const unit = unitNode ? (this.visit(unitNode) as 'yuan' | 'points' | undefined) : undefined;
    return { target, kind: unit === 'yuan' ? 'yuan' : 'points', value: numberAst(value), perCount: !!tok(c, 'Per'), range };
  }

  placeEffect(c: Children): ClauseEffectAst[] {
    const ord = tok(c, 'Ordinal');
    if (!ord) return [];
    const place = Number(/\d+/.exec(ord.image)?.[0] ?? '0');
    return nodes(c, 'clauseEffect')
      .map((n) => this.visit(n, n) as ClauseEffectAst | undefined)
      .filter((x): x is ClauseEffectAst => !!x)
      .map((e) => ({ ...e, place, range: { start: tokenRange(ord).start, end: e.range.end } }));
  }
}

export const astBuilder = new AstBuilder();

/** Converts a parsed statement; `range` is the statement's whole source range. */
export function toAst(cst: CstNode, range: SourceRange): SettingAst | RuleAst | undefined {
  const inner = (cst.children.rule?.[0] ?? cst.children.setting?.[0]) as CstNode | undefined;
  if (!inner) return undefined;
  if (inner.name === 'rule') return astBuilder.visit(inner, { range }) as RuleAst | undefined;
  return astBuilder.visit(inner) as SettingAst | undefined;
}
