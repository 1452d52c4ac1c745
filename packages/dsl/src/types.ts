/**
 * Public data types of the rulebook language (LANGUAGE.md §7).
 *
 * Everything here is plain JSON: a `CompiledRulebook` survives
 * `JSON.parse(JSON.stringify(rb))` and evaluates identically.
 */

export type Locale = 'zh-CN' | 'en';

/** A counting window: cut in the rulebook's time zone; weeks start on Monday. */
export type WindowUnit = 'day' | 'week' | 'month';

export type Comparator = '=' | '!=' | '>' | '>=' | '<' | '<=';

// ---------------------------------------------------------------- diagnostics

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column (in UTF-16 code units, as editors count). */
  column: number;
  /** 0-based offset into the source. */
  offset: number;
}

export interface SourceRange {
  start: Position;
  /** Exclusive end. */
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

/** A suggested replacement an editor can offer as a one-click fix. */
export interface Fix {
  /** Text shown on the action, in the diagnostic's locale. */
  title: string;
  range: SourceRange;
  replacement: string;
}

export interface Diagnostic {
  /** Stable code, listed in `grammar/README.md` (e.g. `syntax`, `unknown-keyword`). */
  code: string;
  severity: Severity;
  message: string;
  range: SourceRange;
  fix?: Fix;
}

// ---------------------------------------------------------------- compiled program

/** Format tag of the compiled program; bumped on any incompatible change. */
export const RULEBOOK_FORMAT = 'rulecard/1' as const;

export interface CompiledRulebook {
  format: typeof RULEBOOK_FORMAT;
  title?: string;
  /** Money value of one point, in fen (1 yuan = 100 fen). */
  pointFen: number;
  /** Default counting window. */
  window: WindowUnit;
  /** IANA time zone used to cut windows. */
  timezone: string;
  rules: CompiledRule[];
}

/** A filter on an event: `amount` or one of its `attrs`. */
export interface Condition {
  field: string;
  op: Comparator;
  value: string | number | boolean;
}

/** A per-event effect (§4.1). */
export interface EventEffect {
  target: Target;
  /**
   * `points`: `value` points; `fen`: `value` fen;
   * `percent`: `value` percent of the event's amount (e.g. 2 or 12.5), rounded half-up to the fen per event.
   */
  kind: 'points' | 'fen' | 'percent';
  value: number;
}

export type Target = 'personal' | 'team';

/** A targeted effect of a clause (§4.2): points, money or a flag. */
export interface ClauseEffect {
  target: Target;
  kind: 'points' | 'fen' | 'flag';
  /** Points or fen; 0 for a flag. */
  value: number;
  flag?: string;
  /** `X yuan per` / `X per`: multiplied by the window's count (tiers). */
  perCount?: boolean;
  /** Rank clauses: the place (1-based) this effect belongs to. */
  place?: number;
}

/** How a clause compares its measure. `else` matches anything. */
export type Test = { kind: 'cmp'; op: Comparator; value: number } | { kind: 'range'; low: number; high: number } | { kind: 'else' };

export interface Clause {
  test: Test;
  window: WindowUnit;
  /**
   * `each`: fire once per event beyond (or missing below) the bound.
   * For ratios, `eachStep` is the step in percent (`each 5%`).
   */
  each: boolean;
  eachStep?: number;
  effects: ClauseEffect[];
  range: SourceRange;
}

/**
 * What a rule counts:
 * - `count`: its matching events per consultant (threshold clauses, tiers);
 * - `all`: every member of a team satisfies the test;
 * - `ledger`: a ledger measure (`deductions`, `points`) of the consultant or team;
 * - `rank`: ranking of consultants by count or net points;
 * - `ratio`: count of `numerator` over `denominator` events.
 */
export type Measure =
  | { kind: 'count' }
  | { kind: 'all' }
  | { kind: 'ledger'; ledger: Target; quantity: 'deductions' | 'points' }
  | { kind: 'rank'; by: 'count' | 'points' }
  | { kind: 'ratio'; numerator: string; denominator: string };

export interface CompiledRule {
  id: string;
  label?: string;
  /**
   * The label in other languages (`rude_attitude "态度无礼" en "Rude attitude"`):
   * presentation only — evaluators ignore it, and it does not make a program
   * version 2. Absent: the label alone.
   */
  labels?: { en?: string };
  /** The event type it matches (`on` or its id); absent for ledger and ratio rules. */
  eventType?: string;
  where: Condition[];
  effects: EventEffect[];
  measure: Measure;
  /** `tiers`: only the first clause that matches applies. */
  tiers: boolean;
  clauses: Clause[];
  /** Where the rule stands in the source. */
  range: SourceRange;
  /** The rule's own source text, shown next to the lines it produced. */
  text: string;
}

// ---------------------------------------------------------------- evaluation

export interface RuleEvent {
  id: string;
  type: string;
  consultant: string;
  /** ISO 8601 with offset. */
  at: string;
  amount?: number;
  attrs?: Record<string, string | number | boolean>;
}

export interface Team {
  id: string;
  name?: string;
  members: string[];
  /** v2 (LANGUAGE.md §9.1): the team's lead, one of its members or a person on `Roster.members`. */
  lead?: string;
}

/** A person on the roster (LANGUAGE.md §9.1, v2): role, dates, pay and targets. */
export interface Member {
  id: string;
  name?: string;
  /** Free text: `consultant`, `lead`, `manager` … */
  role?: string;
  /** `YYYY-MM-DD`; null or absent: not known / still there. */
  joined?: string | null;
  left?: string | null;
  /**
   * Pay items in yuan per month, at most two decimals, as the roster file
   * (LANGUAGE.md §9.1) writes them: exact in fen with `decimalToHundredths`.
   */
  pay?: Record<string, number>;
  /** Targets by name: a sales figure in yuan, a count, a percentage for a ratio. */
  targets?: Record<string, number>;
}

export interface Roster {
  teams: Team[];
  /** v2: the people, with roles, dates, pay and targets (a v1 roster has none; a lead may be here only). */
  members?: Member[];
}

/** Inclusive dates, `YYYY-MM-DD`, in the rulebook's time zone. */
export interface Period {
  from: string;
  to: string;
}

export interface EvaluateInput {
  events: RuleEvent[];
  roster: Roster;
  period: Period;
}

/**
 * Ledgers and lines carry money and points twice: as exact integers (`fen`,
 * `centipoints`) and as the documented floats (`money` in yuan, `points`;
 * LANGUAGE.md §7), derived from the integers in one place (money.ts).
 *
 * Consumers compute with `fen` and `centipoints` — sums, differences,
 * corrections, comparisons — and make yuan only when formatting. `money` and
 * `points` are for display and for the documented JSON (the CLI's `--json`
 * prints them and leaves the integers out, as §7 documents it).
 *
 * Lines other packages build (the store's corrections and adjustments) carry
 * them too, with `money` and `points` derived by `yuanOf` and `pointsOf`.
 */
export interface ScoreLine {
  rule: string;
  label?: string;
  /** The window: `2026-11-03`, `2026-W45` or `2026-11`. Per-event lines carry the day their events happened on. */
  window?: string;
  /** How many times the line applies (events, or clause firings). */
  count: number;
  /** `centipoints / 100`: for display; compute with `centipoints`. */
  points: number;
  /** Yuan, `fen / 100`: for display; compute with `fen`. */
  money: number;
  /** Ids of the events behind the line. */
  events: string[];
  flag?: string;
  /** Source range of the rule (or clause) that produced the line. */
  range?: SourceRange;
  /** The line's points in integer hundredths of a point (−8 points = −800). */
  centipoints: number;
  /** The line's money in integer fen: its yuan effects plus its points × the point value, rounded half away from zero. */
  fen: number;
  /**
   * Scored with `asOf` (§9.16): the line's window had not ended and its
   * clause could still change — "if the window ended now". Not in the
   * ledger's totals but in its `projected` ones. Absent: confirmed.
   */
  projected?: true;
  /**
   * Version 2 (§9.4): the pay-item shares behind the line's money — which
   * pay item, which share, and the amount it was taken from. Absent: none.
   */
  pay?: PayShare[];
  /**
   * Version 2 (§9.6): a `running N` line names the N windows in a row whose
   * comparison held (`["2026-10", "2026-11"]`), the line's own window last.
   */
  streak?: string[];
}

/** One pay-item share of a line's money (`-50% of bonus`, `-40% of daily base`, §9.4). */
export interface PayShare {
  /** The pay item (`bonus`), and its label as declared (`pay bonus "月度绩效奖金"`). */
  item: string;
  label?: string;
  /** The share in percent, signed as the effect: −50 takes half of the amount away. */
  percent: number;
  /** A share of the daily amount (`daily base`): the monthly amount ÷ `workdays`, rounded to the fen. */
  daily?: true;
  /** The member's monthly amount of the item (roster `pay`), in integer fen. */
  monthlyFen: number;
  /** The amount the share is taken from, in fen: the monthly amount, or the daily one. */
  baseFen: number;
  /** One application of the share, in fen (rounded half away from zero). */
  fen: number;
  /** How many times it applies on the line (events, firings, or the measured value of an `X per` clause). */
  times: number;
}

/**
 * Version 2 (§9.10): a rule that did not apply to the ledger because a
 * `unless flag` gate was closed — the window, what it would have counted,
 * the flags held and the rules that raised them.
 */
export interface GatedLine {
  rule: string;
  label?: string;
  /** The window (a day for per-event effects). */
  window: string;
  count: number;
  events: string[];
  /** The gate's flags the member (or team) held in the window. */
  flags: string[];
  /** The rules that raised those flags for the member or their team, in the window. */
  by: string[];
  range?: SourceRange;
}

/** Totals of a ledger's projected lines (§9.16): integers to compute with, yuan and points to show. */
export interface ProjectedTotals {
  points: number;
  money: number;
  centipoints: number;
  fen: number;
}

export interface Ledger {
  /** `centipoints / 100`: for display; compute with `centipoints`. */
  points: number;
  /** Yuan, `fen / 100`: points × point value + all yuan effects, for display; compute with `fen`. */
  money: number;
  /** Distinct flag names raised in the period. */
  flags: string[];
  lines: ScoreLine[];
  /** Net points in integer hundredths of a point: the sum of the lines' `centipoints`. */
  centipoints: number;
  /**
   * Money in integer fen: all yuan effects + points × point value, the latter
   * rounded once on the total (so it may differ by a fen from the sum of the
   * lines' `fen` when points have decimals).
   */
  fen: number;
  /**
   * Scored with `asOf` (§9.16) and some line projected: those lines' totals,
   * kept apart — `points`, `money`, `centipoints` and `fen` above are the
   * confirmed lines' only. Absent: every line is confirmed.
   */
  projected?: ProjectedTotals;
  /** Version 2 (§9.10): rules that did not apply because a `unless flag` gate was closed. Absent: none. */
  gated?: GatedLine[];
}

export interface Warning {
  code: string;
  /** English text; re-render in any locale from `code` and `params` (`warningText`). */
  message: string;
  event?: string;
  params?: Record<string, string>;
}

export interface Scorecards {
  consultants: Record<string, Ledger>;
  teams: Record<string, Ledger>;
  warnings: Warning[];
}

export interface CompileOptions {
  locale?: Locale;
}

export interface CompileResult {
  /** `null` exactly when some diagnostic is an error. */
  rulebook: CompiledRulebook | null;
  diagnostics: Diagnostic[];
}
