/**
 * The evaluation context every step shares: the calendar and its windows,
 * who is scored (consultants and teams by index), the books lines go to, the
 * streams of events, the warnings — and the `Step` contract of the pipeline.
 *
 * A step is one feature of the language (per-event effects, a measure, a
 * ranking…). Before the scan it *plans* each rule: declares the streams the
 * rule reads and returns the task that scores it; after the scan the tasks
 * run by stage, rules in source order within a stage. A new feature is one
 * more step in its own module:
 *
 * - a measure (`sum(amount)`, `avg`, `awards`): a step whose plan declares
 *   its streams (and bucket sums on the registry) and whose task runs the
 *   clauses with `runClauses`/`applyEffects` (clauses.ts);
 * - streaks (`running N`), gates (`unless flag`), other targets and pay
 *   items: in `runClauses` / `applyEffects`, which every measure goes through;
 * - windows (`quarter`, `year`, `ever`): `spans(unit)` from the calendar;
 * - an order other than stages (gates: a rule after the rules raising its
 *   flags): the sort of the tasks in index.ts.
 */
import type { CompiledRule, CompiledRulebook, EvaluateInput, RuleEvent, Team, Warning, WindowUnit } from '../types.js';
import { warningEn, type WarningCodeV1 } from '../warnings.js';
import { buildCalendar, windowsOf, type Calendar, type WindowSpan } from '../calendar.js';
import { newBook, type Book, type Ids } from './lines.js';
import { StreamRegistry, type Streams } from './scan.js';
import { projectionOf, type EvaluateOptions, type Projection } from './as-of.js';

export type Warn = (code: WarningCodeV1, e: RuleEvent, params: Record<string, string>) => void;

/** What every step can read before and after the scan. */
export interface Setup {
  readonly rulebook: CompiledRulebook;
  readonly rules: CompiledRule[];
  readonly calendar: Calendar;
  /** Days of the period (`calendar.days.length`). */
  readonly nDays: number;
  /** Consultant ids by index, in the roster's order of first appearance. */
  readonly consultants: string[];
  readonly consultantIndex: Map<string, number>;
  /** Each consultant's team (the first that lists them): their team effects go there. */
  readonly teamOf: number[];
  readonly teams: Team[];
  /** Each team's members, as consultant indexes (a consultant listed twice is in both). */
  readonly teamMembers: number[][];
  /** 0 … consultants − 1 and 0 … teams − 1, to iterate over. */
  readonly consultantIds: number[];
  readonly teamIds: number[];
  /** Books by consultant index and by team index; a line's events are resolved when the ledger's lines are read. */
  readonly personal: Book<Ids>[];
  readonly teamBooks: Book<Ids>[];
  /** Rules whose lines ledger measures (and rank by points) do not read: the ledger rules. */
  readonly unmeasured: Set<CompiledRule>;
  /** Where steps declare the streams they read. */
  readonly registry: StreamRegistry;
  readonly warnings: Warning[];
  readonly warn: Warn;
  /** The windows of a unit that meet the period (cached). */
  spans(unit: WindowUnit): WindowSpan[];
  /** With `asOf`: which clause lines are projected (as-of.ts); undefined: none. */
  readonly projected?: Projection;
}

/** The context after the scan. */
export interface EvalContext extends Setup {
  readonly streams: Streams;
}

/** What scores one rule after the scan. */
export type Task = (ctx: EvalContext) => void;

/** One feature of the language in the pipeline (see the top of this module). */
export interface Step {
  /** Every task of a lower stage runs before any of a higher one; within a stage, rules in source order. */
  readonly stage: number;
  /** For a rule this step scores: declares its streams on `setup.registry` and returns its task; otherwise undefined. */
  plan(rule: CompiledRule, ri: number, setup: Setup): Task | undefined;
}

export function createSetup(rulebook: CompiledRulebook, input: EvaluateInput, options?: EvaluateOptions): Setup {
  const calendar = buildCalendar(rulebook.timezone, input.period);
  const projected = projectionOf(calendar, options);
  const nDays = calendar.days.length;
  const warnings: Warning[] = [];
  const warn: Warn = (code, e, params) => warnings.push({ code, message: warningEn(code, params), event: e.id, params });

  const consultants: string[] = [];
  const consultantIndex = new Map<string, number>();
  const teamOf: number[] = [];
  const teams = input.roster.teams;
  const teamMembers: number[][] = teams.map(() => []);
  teams.forEach((team, ti) => {
    for (const member of team.members) {
      let ci = consultantIndex.get(member);
      if (ci === undefined) {
        ci = consultants.length;
        consultants.push(member);
        consultantIndex.set(member, ci);
        teamOf.push(ti);
      }
      teamMembers[ti].push(ci);
    }
  });
  const rules = rulebook.rules;
  const spanCache = new Map<WindowUnit, WindowSpan[]>();
  return {
    rulebook,
    rules,
    calendar,
    nDays,
    consultants,
    consultantIndex,
    teamOf,
    teams,
    teamMembers,
    consultantIds: consultants.map((_, ci) => ci),
    teamIds: teams.map((_, ti) => ti),
    personal: consultants.map(() => newBook<Ids>(nDays)),
    teamBooks: teams.map(() => newBook<Ids>(nDays)),
    unmeasured: new Set(rules.filter((r) => r.measure.kind === 'ledger')),
    registry: new StreamRegistry(consultants.length * nDays),
    warnings,
    warn,
    spans(unit) {
      let s = spanCache.get(unit);
      if (!s) spanCache.set(unit, (s = windowsOf(calendar, unit)));
      return s;
    },
    projected,
  };
}
