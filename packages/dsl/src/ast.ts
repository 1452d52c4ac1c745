/**
 * The plain AST the CST visitor produces: what the text says, with ranges,
 * before any checking. Numbers keep their source text so money stays exact.
 */
import type { Comparator, SourceRange, Target, WindowUnit } from './types.js';

export interface NumberAst {
  /** As written, sign included: `-8`, `0.5`, `12.5` (percent sign stripped). */
  text: string;
  value: number;
  percent: boolean;
  range: SourceRange;
}

export type SettingAst =
  | { kind: 'title'; value: string; range: SourceRange }
  | { kind: 'point'; value: NumberAst; range: SourceRange }
  | { kind: 'window'; value: WindowUnit; range: SourceRange }
  | { kind: 'timezone'; value: string; valueRange: SourceRange; range: SourceRange };

export interface ConditionAst {
  field: string;
  op: Comparator;
  value: string | number | boolean;
  valueKind: 'number' | 'string' | 'identifier' | 'boolean';
  range: SourceRange;
}

export interface EffectAst {
  target: Target;
  kind: 'points' | 'yuan' | 'percent';
  value: NumberAst;
  range: SourceRange;
}

export interface ClauseEffectAst {
  target: Target;
  kind: 'points' | 'yuan' | 'flag';
  value?: NumberAst;
  flag?: string;
  flagRange?: SourceRange;
  perCount: boolean;
  place?: number;
  range: SourceRange;
}

export type SubjectAst =
  | { kind: 'all'; range: SourceRange }
  | { kind: 'ledger'; ledger: Target; quantity: 'deductions' | 'points'; range: SourceRange }
  | { kind: 'ratio'; numerator: string; denominator: string; range: SourceRange };

export type TestAst =
  | { kind: 'cmp'; op: Comparator; value: NumberAst; range: SourceRange }
  | { kind: 'range'; low: NumberAst; high: NumberAst; range: SourceRange }
  | { kind: 'else'; range: SourceRange };

export interface ClauseAst {
  /** null: the rule's own event count. */
  subject: SubjectAst | null;
  rank?: { by: 'count' | 'points' };
  test: TestAst;
  window?: WindowUnit;
  each: boolean;
  eachStep?: NumberAst;
  effects: ClauseEffectAst[];
  range: SourceRange;
}

export interface RuleAst {
  id: string;
  idRange: SourceRange;
  label?: string;
  eventType?: string;
  eventTypeRange?: SourceRange;
  where: ConditionAst[];
  effects: EffectAst[];
  tiers?: { window?: WindowUnit; range: SourceRange };
  clauses: ClauseAst[];
  range: SourceRange;
}

export interface RulebookAst {
  settings: SettingAst[];
  rules: RuleAst[];
}
