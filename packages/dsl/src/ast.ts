/**
 * The plain AST the CST visitor produces: what the text says, with ranges,
 * before any checking. Numbers keep their source text so money stays exact.
 */
import type { ClauseWindow, Target, WindowUnit } from './program.js';
import type { Comparator, SourceRange } from './types.js';

export interface NumberAst {
  /** Sign included, in ASCII (full-width digits and signs normalised): `-8`, `0.5`, `12.5` (percent sign stripped). */
  text: string;
  value: number;
  percent: boolean;
  range: SourceRange;
  /** `扣 -5`: a sign word and a sign on the number (reported by the checker). */
  signConflict?: boolean;
}

export type SettingAst =
  | { kind: 'title'; value: string; range: SourceRange }
  | { kind: 'point'; value: NumberAst; range: SourceRange }
  | { kind: 'window'; value: ClauseWindow; range: SourceRange }
  | { kind: 'timezone'; value: string; valueRange: SourceRange; range: SourceRange }
  | { kind: 'pay'; name: string; label?: string; nameRange: SourceRange; range: SourceRange }
  | { kind: 'workdays'; value: NumberAst; range: SourceRange }
  | { kind: 'grace'; value: NumberAst; range: SourceRange };

export interface ConditionAst {
  field: string;
  fieldRange: SourceRange;
  op: Comparator;
  value: string | number | boolean;
  valueKind: 'number' | 'string' | 'identifier' | 'boolean' | 'date';
  valueRange: SourceRange;
  range: SourceRange;
}

/** A name with where it stands. */
export interface NameAst {
  name: string;
  range: SourceRange;
}

/** What `P% of …` takes its percentage of. */
export type PercentBaseAst = { kind: 'amount'; range: SourceRange } | { kind: 'pay'; name: string; daily: boolean; range: SourceRange };

export interface EffectAst {
  target: Target;
  kind: 'points' | 'yuan' | 'percent';
  value: NumberAst;
  /** `percent` effects: what the percentage is of. */
  base?: PercentBaseAst;
  range: SourceRange;
}

export interface ClauseEffectAst {
  target: Target;
  kind: 'points' | 'yuan' | 'flag' | 'percent';
  value?: NumberAst;
  flag?: string;
  flagRange?: SourceRange;
  base?: PercentBaseAst;
  perCount: boolean;
  /** Where `per` (or `/次`) stands, when written. */
  perRange?: SourceRange;
  /** Rank clauses: the place (1-based) this effect belongs to … */
  place?: number;
  /** … or the share of the ranked members (`top 10%`). */
  top?: NumberAst;
  range: SourceRange;
}

export interface RatioSideAst {
  type: string;
  where: ConditionAst[];
  range: SourceRange;
}

export type SubjectAst =
  | { kind: 'all'; range: SourceRange }
  | { kind: 'ledger'; ledger: 'personal' | 'team'; quantity: 'deductions' | 'points' | 'awards'; range: SourceRange }
  | { kind: 'ratio'; numerator: RatioSideAst; denominator: RatioSideAst; range: SourceRange }
  | { kind: 'aggregate'; fn: 'sum' | 'avg'; field: string; fieldRange: SourceRange; range: SourceRange };

export type TestAst =
  | { kind: 'cmp'; op: Comparator; value: NumberAst; range: SourceRange }
  | { kind: 'target'; op: Comparator; target: string; targetRange: SourceRange; range: SourceRange }
  | { kind: 'range'; low: NumberAst; high: NumberAst; range: SourceRange }
  | { kind: 'else'; range: SourceRange };

export interface RankAst {
  by: 'count' | 'points' | 'awards' | 'sum' | 'avg';
  field?: string;
  fieldRange?: SourceRange;
  byTeam: boolean;
}

export interface ClauseAst {
  /** null: the rule's own event count. */
  subject: SubjectAst | null;
  rank?: RankAst;
  /** `every WINDOW =>` or a bare `per WINDOW =>`: fires once per member and window. */
  every?: boolean;
  test: TestAst;
  window?: ClauseWindow;
  windowRange?: SourceRange;
  /** Both `per WINDOW` positions were used (`per month > 2 per week`). */
  twoWindows?: SourceRange;
  running?: NumberAst;
  runningRange?: SourceRange;
  each: boolean;
  eachRange?: SourceRange;
  eachStep?: NumberAst;
  /** Where `每人` (`everyone`) stands, when written. */
  everyone?: SourceRange;
  effects: ClauseEffectAst[];
  /** A clause with no comparison where one is needed (`deductions per month => …`). */
  missingTest?: boolean;
  range: SourceRange;
}

export interface RuleAst {
  id: string;
  idRange: SourceRange;
  label?: string;
  /** Labels in other languages after the label (`en "Rude attitude"`), as written: the checker knows the languages. */
  labels?: { locale: string; label: string; localeRange: SourceRange }[];
  /** `on A, B, C`; empty: the rule's id is its event type. */
  eventTypes: NameAst[];
  for: ConditionAst[];
  where: ConditionAst[];
  unless: NameAst[];
  effects: EffectAst[];
  tiers?: { window?: WindowUnit | 'ever'; range: SourceRange };
  clauses: ClauseAst[];
  /** Rebuilt by the parser's recovery after a syntax error (reported): not checked for what recovery dropped. */
  recovered?: boolean;
  range: SourceRange;
}

export interface GivenAst {
  type: string;
  /** `x3`, `×3`, `3 次`; 1 when not written. */
  repeat: number;
  repeatRange?: SourceRange;
  /** A name that should have been `xN` (`given rude three on …`). */
  badRepeat?: SourceRange;
  date: string;
  dateRange: SourceRange;
  time?: string;
  timeRange?: SourceRange;
  member: string;
  memberRange: SourceRange;
  amount?: NumberAst;
  attrs: { field: string; value: string | number | boolean }[];
  range: SourceRange;
}

export interface ExpectAst {
  /** Undefined: the subject of the previous expectation of the line (`expect c01 points -36, money -360`). */
  subject?: { kind: 'member'; id: string } | { kind: 'team'; id?: string };
  what: 'points' | 'money' | 'flag' | 'no-flag';
  value?: NumberAst;
  flag?: string;
  range: SourceRange;
}

export interface ExampleAst {
  name: string;
  nameRange: SourceRange;
  given: GivenAst[];
  expect: ExpectAst[];
  period?: { from: string; to: string; range: SourceRange };
  range: SourceRange;
}

export interface RulebookAst {
  settings: SettingAst[];
  rules: RuleAst[];
  examples: ExampleAst[];
}
