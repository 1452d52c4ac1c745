/**
 * The compiled program of version 2 of the rulebook language (LANGUAGE.md §9),
 * format `rulecard/2`: what `compile(source, { version: 2 })` returns and what
 * an evaluator of version 2 runs. Types only (exported as the namespace `v2`).
 *
 * Compatibility: every version-1 program (`types.ts`, format `rulecard/1`) is
 * a valid program of this type, with the same meaning — each field added here
 * is optional and its absence means what version 1 did, and every union only
 * grew. The compiler writes `format: 'rulecard/1'` exactly when the source
 * uses no version-2 semantics (the program is then byte for byte what
 * version 1 compiled, Chinese phrasings such as `扣 5 分` included), and
 * `'rulecard/2'` otherwise. An evaluator that only knows version 1 must refuse
 * `rulecard/2` (the public `evaluate` does, until it implements §9).
 *
 * Plain JSON: `JSON.parse(JSON.stringify(program))` evaluates identically.
 * Money is integer fen, points are decimal numbers with at most two decimals,
 * percentages are decimal numbers of percent (`12.5` is 12.5 %).
 */
import type { Comparator, Condition, Diagnostic, Period, SourceRange } from './types.js';

/** `rulecard/1`: only version-1 forms; `rulecard/2`: some version-2 form (see `Features` for which). */
export type Format = 'rulecard/1' | 'rulecard/2';

/**
 * A counting window, cut in the rulebook's time zone: `day` (named
 * `2026-11-03`), ISO `week` from Monday (`2026-W45`), `month` (`2026-11`),
 * `quarter` (`2026-Q4`), `year` (`2026`). As in version 1 a window that
 * straddles the period counts only its days inside the period (LANGUAGE.md
 * §9.15 "Windows and the period").
 */
export type WindowUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';

/**
 * A clause's window: a `WindowUnit`, or `ever` (`累计`): every event of the
 * member up to and including the window's day, events before the period
 * included (§9.5). An `ever` clause is evaluated day by day: once (no `each`)
 * on the first day its comparison holds — the day the count first satisfies
 * it, never again — and with `each` once on the day of each event counted
 * beyond the bound (`>= 2 per ever each` fires on the 2nd, 3rd … event's
 * day). Its lines carry the day's name (`2026-11-03`) and are written only
 * when that day lies inside the period. The checker allows `ever` only on
 * count and `sum` measures, never with `<`/`<=`, tiers or `running`.
 */
export type ClauseWindow = WindowUnit | 'ever';

/**
 * Whose ledger an effect goes to: the member's (`personal`), the member's
 * team (`team`), or the lead of the member's team (`lead`, §9.2; a team
 * without a lead: the effect is not applied, warning `no-lead`; a member in
 * no team: not applied, warning `no-team`). For a clause on a team ledger
 * (`team deductions`) "the member's team" is that team and `personal`
 * effects go to the team ledger, as in version 1.
 */
export type Target = 'personal' | 'team' | 'lead';

/** A pay item declared by `pay NAME ["label"]` (§9.4); members' amounts come from the roster's `pay` map (yuan per month). */
export interface PayItem {
  name: string;
  label?: string;
}

/**
 * A `for` condition on a member (§9.3, §9.15): `role` (free text), `team`
 * (the team id), `joined` / `left` (dates `YYYY-MM-DD`, compared as strings,
 * which orders ISO dates correctly). A member without the field (no `role`,
 * `left` null, in no team) fails the condition, `!=` included.
 */
export interface MemberCondition {
  field: 'role' | 'team' | 'joined' | 'left';
  op: Comparator;
  value: string;
}

/**
 * What an amount of money is: fen, a percentage of the event's `amount`, or
 * a percentage of a pay item (§9.4).
 *
 * - `points`: `value` points (decimal, two decimals at most);
 * - `fen`: `value` fen;
 * - `percent`: `value` percent of the event's `amount` (yuan), rounded half
 *   away from zero to the fen per event (per-event effects only);
 * - `pay`: `value` percent of the receiving member's monthly amount of the
 *   pay item `pay` — or, with `daily`, of its daily amount: the monthly
 *   amount divided by the rulebook's `workdays`, rounded half away from zero
 *   to the fen first. The percentage is rounded half away from zero to the
 *   fen once per application (a clause firing 3 times: 3 × the rounded
 *   amount). "The receiving member" is the owner of the ledger the effect
 *   lands on (`lead 10% of bonus`: the lead's bonus). A member without that
 *   pay item: the effect is 0 and warning `missing-pay` names member and item.
 *   Never with the `team` target (the checker's `team-pay-item`).
 */
export type AmountKind = 'points' | 'fen' | 'percent' | 'pay';

/** A per-event effect (§4.1, §9.2, §9.4): applied once per matching event, on the event's day. */
export interface EventEffect {
  target: Target;
  kind: AmountKind;
  /** Points, fen, or percent (`percent`, `pay`); negative for deductions. */
  value: number;
  /** `pay`: the pay item's name (declared in `CompiledRulebook.pay`). */
  pay?: string;
  /** `pay`: of the daily amount (`daily base`, `日 base`) rather than the monthly one. */
  daily?: boolean;
}

/** A targeted effect of a clause (§4.2): points, money, a share of a pay item, or a flag. */
export interface ClauseEffect {
  target: Target;
  kind: Exclude<AmountKind, 'percent'> | 'flag';
  /** Points, fen or percent (`pay`); 0 for a flag. */
  value: number;
  /** `flag`: its name. A flag on a team ledger is held by every member of the team and by its lead (§9.15). */
  flag?: string;
  /** `pay`: the pay item's name. */
  pay?: string;
  /** `pay`: of the daily amount. */
  daily?: boolean;
  /**
   * `X yuan per` / `X per` / `P% of NAME per`: multiplied by the clause's
   * measured value — the window's count for counts and tiers, the measure's
   * value for `sum`/`avg`/ledger measures (§9.8: `awards > 0 per year => 10
   * yuan per` pays each award point as 10 yuan) — instead of by the number
   * of firings.
   */
  perCount?: boolean;
  /** Rank clauses: the place (1-based) this effect belongs to (`1st`, `第一名`). */
  place?: number;
  /**
   * Rank clauses: instead of a place, the share `top` percent (`top 10%`):
   * members whose place ≤ ceil(top / 100 × number ranked in the ranking).
   * A rank clause's places are tried in the order of `effects`; a member gets
   * the effects of the first place (or share) that matches, only those.
   */
  top?: number;
}

/**
 * How a clause compares its measure. `else` matches anything (tiers' last
 * tier, `every` clauses and rank clauses carry it). `target`: the bound is
 * the member's `targets[target]` from the roster — for a ratio a percentage
 * (`60` is 60 %) — compared exactly; a member without that target: the
 * clause does not fire for them (warning `missing-target`). A range is
 * inclusive at both ends.
 */
export type Test =
  | { kind: 'cmp'; op: Comparator; value: number }
  | { kind: 'target'; op: Comparator; target: string }
  | { kind: 'range'; low: number; high: number }
  | { kind: 'else' };

export interface Clause {
  test: Test;
  window: ClauseWindow;
  /**
   * `each`: fire once per unit beyond (or missing below) the bound: for a
   * count as in version 1; for a measure `x` (§9.15) `> N` ⌊x − N⌋ times,
   * `>= N` ⌊x − N⌋ + 1, `< N` ⌊N − x⌋, `<= N` ⌊N − x⌋ + 1; for an `ever`
   * clause see `ClauseWindow`. For ratios, `eachStep` is the step in percent.
   */
  each: boolean;
  eachStep?: number;
  /**
   * `running N` (§9.6): the clause fires in window `w` when its comparison
   * holds in `w` and in each of the N − 1 windows before it (sliding: three
   * windows in a row with `running 2` fire in the 2nd and 3rd). Windows
   * before the period are evaluated from the input's earlier events (a `<`
   * clause on an empty earlier window holds); effects land only in windows
   * inside the period. A window where the member is not scored (before
   * `joined`, after `left`, graced) breaks the streak. Never with `each`,
   * tiers or `ever`. Absent: 1 (no streak).
   */
  running?: number;
  effects: ClauseEffect[];
  range: SourceRange;
}

/** A ledger measure (§4.5, §9.8): `deductions` (sum of |negative points|), `awards` (sum of positive points), `points` (net). */
export type LedgerQuantity = 'deductions' | 'points' | 'awards';

/**
 * What a rule measures per (member, window); see LANGUAGE.md §4, §9.3, §9.8.
 *
 * - `count`: its matching events (threshold clauses, tiers);
 * - `sum` / `avg`: of the matching events' `field` (`amount` or an attribute).
 *   Events without the field, or with a non-numeric value, are left out (not
 *   counted as 0); a `sum` over no events is 0 (so `<` fires); an `avg` over
 *   no events does not fire. Averages compare exactly, as rationals;
 * - `all`: every member of a team satisfies the test on their count;
 * - `every`: nothing is measured: each clause (test `else`) fires once per
 *   scored member and window, no events needed (fixed pay, §9.3). Personal
 *   effects go to each member; `team` and `lead` effects once per team and
 *   window, as for `all`. Such a rule has no `eventType` and no per-event effect;
 * - `ledger`: a ledger measure of the member (`personal`) or the team;
 *   it reads only lines that carry points, and only lines of non-ledger rules;
 * - `rank`: ranks members by `by` (`count` of matching events, net `points`,
 *   `awards`, or `sum`/`avg` of `field`); only members whose value is above 0
 *   are ranked; ties share the better place (1, 1, 3). `byTeam`: within each
 *   team separately (`by team`, `各组`);
 * - `ratio`: count of `numerator` events over `denominator` events; each side
 *   filtered by its own conditions (`numeratorWhere`, `denominatorWhere`,
 *   §9.9; absent: no filter). A ratio rule has no rule-level `where`.
 */
export type Measure =
  | { kind: 'count' }
  | { kind: 'sum'; field: string }
  | { kind: 'avg'; field: string }
  | { kind: 'all' }
  | { kind: 'every' }
  | { kind: 'ledger'; ledger: 'personal' | 'team'; quantity: LedgerQuantity }
  | { kind: 'rank'; by: 'count' | 'points' | 'awards' | 'sum' | 'avg'; field?: string; byTeam?: boolean }
  | { kind: 'ratio'; numerator: string; denominator: string; numeratorWhere?: Condition[]; denominatorWhere?: Condition[] };

export interface CompiledRule {
  id: string;
  label?: string;
  /** The label in other languages (`en "Rude attitude"`): presentation only, not a version-2 feature; absent: the label alone. */
  labels?: { en?: string };
  /**
   * The event type it matches (`on` or its id); absent for `every`, ledger
   * and ratio rules. With `eventTypes`, the first of them.
   */
  eventType?: string;
  /**
   * `on A, B, C` (§9.7): every type the rule binds, in source order (present
   * only when there are two or more). An event matches when its type is any
   * of them; they share one count (and one `sum`/`avg`).
   */
  eventTypes?: string[];
  /**
   * `for` (§9.3): the rule scores only members passing every condition; team
   * and lead effects of its clauses still go to their team and lead. Absent:
   * every member. Evaluated on the roster as given (not per window).
   */
  for?: MemberCondition[];
  /** Filter on the event (`amount` or `attrs`), all must hold. */
  where: Condition[];
  /**
   * `unless flag F, G` (§9.10): for a member holding any of these flags on
   * any day of a clause's window, the rule's clauses produce nothing in that
   * window (and the member is not ranked there); a per-event effect is gated
   * when the member holds one on the event's day; an `ever` firing when the
   * member holds one on the day it fires (the firing is lost, not deferred).
   * Gates suppress effects only: counts, measures, `all` checks and streaks
   * are computed as if there were no gate. Which days a flag is held: see
   * LANGUAGE.md §9.15 "Flags as gates". Rules are evaluated in `evaluationOrder()`.
   */
  unless?: string[];
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

export interface CompiledRulebook {
  format: Format;
  title?: string;
  /** Money value of one point, in fen (1 yuan = 100 fen). */
  pointFen: number;
  /** Default counting window (`window` setting). */
  window: WindowUnit;
  /** IANA time zone used to cut windows. */
  timezone: string;
  /** Declared pay items (§9.4), in source order; absent: none. */
  pay?: PayItem[];
  /** `workdays` (§9.4): paid days per month for `daily` pay items; absent: 21.75. At most two decimals. */
  workdays?: number;
  /**
   * `grace N month(s)` (§9.3): a member is not scored at all in windows that
   * start before the first day of the month N months after the month of
   * their `joined` date. Absent: 0. See LANGUAGE.md §9.15 "Who is scored when"
   * for what "not scored" means (no lines, no flags, not ranked, not counted
   * in `all`, events count for no rule, streaks broken, `ever` skips them).
   */
  graceMonths?: number;
  rules: CompiledRule[];
}

// ---------------------------------------------------------------- examples (§9.14)

/** One `given` item: `count` events of `type` on `date` (at `time`, default 12:00 local) by `member`. */
export interface ExampleEvent {
  type: string;
  count: number;
  /** `YYYY-MM-DD`, in the rulebook's time zone. */
  date: string;
  /** `HH:MM` local time; absent: 12:00. */
  time?: string;
  member: string;
  /** Yuan. */
  amount?: number;
  attrs?: Record<string, string | number | boolean>;
  range: SourceRange;
}

/** Whom an expectation is about: a member, a team by id, or (`id` absent) the team of the members the example names. */
export type ExampleSubject = { kind: 'member'; id: string } | { kind: 'team'; id?: string };

/** One `expect` item. `points`/`money` (yuan) compare to the ledger's totals over the example's period. */
export interface Expectation {
  subject: ExampleSubject;
  what: 'points' | 'money' | 'flag' | 'no-flag';
  /** `points` / `money`: the expected value. */
  value?: number;
  /** `flag` / `no-flag`: the flag's name. */
  flag?: string;
  /** The expect item's range: where `example-failed` is reported. */
  range: SourceRange;
}

/**
 * An `example "NAME":` block (§9.14). Examples are not part of the program:
 * they never affect scoring.
 */
export interface Example {
  name: string;
  given: ExampleEvent[];
  expect: Expectation[];
  /** `period A..B`; absent: the whole months that contain the `given` events. */
  period?: Period;
  range: SourceRange;
}

/** The result of `compile(source, { version: 2 })`. */
export interface CompileResult {
  /** `null` exactly when some diagnostic is an error. */
  rulebook: CompiledRulebook | null;
  diagnostics: Diagnostic[];
  /** The rulebook's examples (parsed even when the rules have errors, when they parse). */
  examples: Example[];
}
