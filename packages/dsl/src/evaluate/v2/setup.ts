/**
 * What the version-2 evaluator knows before it scores (LANGUAGE.md §9): the
 * people (team members and the roster's `members`, with role, dates, pay and
 * targets), each team's lead, who is scored on which days and in which
 * windows (§9.3, §9.15 "Who is scored when"), and the calendar — the period
 * extended backwards as far as `running N` clauses look back and `ever`
 * clauses count (§9.5, §9.6), with each unit's windows marked in or before
 * the period.
 */
import { buildCalendar, type Calendar, type CalendarDay } from '../../calendar.js';
import { addDays, addMonths, daysBetween, firstDayOfMonth, monthOf } from '../../calendar/dates.js';
import { windowKey, windowRange } from '../../calendar/windows.js';
import { dayOf, parseInstant } from '../../calendar/instants.js';
import { yuanToFen } from '../../money.js';
import type { Clause, ClauseWindow, CompiledRule, CompiledRulebook, MemberCondition, WindowUnit } from '../../program.js';
import { couldChange, type EvaluateOptions } from '../as-of.js';
import type { EvaluateInput, Member, Team, Warning } from '../../types.js';
import { warningEnV2, type WarningCodeV2 } from '../../warnings-v2.js';
import { compare } from '../compare.js';

/** A window of the extended calendar. */
export interface Span {
  /** `2026-11`, `2026-Q4` … (a day's date for `ever` and day windows). */
  key: string;
  /** Day indexes [first, last] of the extended calendar inside the window (a window straddling the period's start: its days in the period). */
  first: number;
  last: number;
  /** The window's own first and last dates (not cut by the period). */
  start: string;
  end: string;
  /** In the period (its lines are kept) rather than before it (only read by streaks and ledger measures of earlier windows). */
  inPeriod: boolean;
}

/** Longest look-back, in days, before the period (older events are not read by `ever`). */
export const MAX_LOOKBACK_DAYS = 3660;

export interface Person {
  id: string;
  member?: Member;
  /** Index of the person's team (the first that lists them), −1: in no team. */
  team: number;
  /** Scored days: [lo, hi] day indexes (lo > hi: never). */
  lo: number;
  hi: number;
  /** Pay items in fen, from the roster. */
  payFen: Map<string, number>;
  /** First date of the first month the grace leaves scored; '' without grace. */
  graceFrom: string;
}

export interface Setup {
  readonly program: CompiledRulebook;
  readonly calendar: Calendar;
  readonly nDays: number;
  /** Index of the period's first day in the extended calendar. */
  readonly p0: number;
  readonly people: Person[];
  readonly index: Map<string, number>;
  readonly teams: Team[];
  /** Each team's members (people indexes). */
  readonly teamMembers: number[][];
  /** Each team's lead (people index), −1: none. */
  readonly leads: number[];
  readonly warnings: Warning[];
  /** A data warning, once per distinct message. */
  warnOnce(code: WarningCodeV2, params: Record<string, string>): void;
  /** The windows of a unit over the extended calendar, in order. */
  spans(unit: WindowUnit): Span[];
  /** Whether the person is scored in a window (§9.15): it ends on or after `joined`, starts on or before `left` and is not graced. */
  scoredIn(pi: number, span: Span): boolean;
  /** With `asOf` (§9.16, as-of.ts): whether a clause's line in a window ending with day `last` is projected. */
  readonly projected?: (rule: CompiledRule, clause: Clause, last: number) => boolean;
  /** Whether a rule's `for` conditions let it score the person. */
  applies(rule: CompiledRule, pi: number): boolean;
}

/**
 * The first day whose events a program may read when it scores a period
 * starting on `from` (LANGUAGE.md §9.5, §9.6, §9.15 "Windows and the
 * period"): the first day of the earliest window a `running N` clause looks
 * back on, and, with an `ever` clause, `MAX_LOOKBACK_DAYS` before `from`
 * (`ever` counts every earlier event). `from` itself when the program reads
 * nothing before the period (a quarter or year window straddling the period
 * counts only its days inside it). Several programs (the versions a store
 * scores a period with): the earliest. A store reads the events of this span
 * (`store.score`); the evaluator ignores older ones.
 */
export function lookbackFrom(program: CompiledRulebook | readonly CompiledRulebook[], from: string): string {
  let start = from;
  for (const p of ([] as CompiledRulebook[]).concat(program)) {
    const first = p.rules.some((rule) => rule.clauses.some((c) => c.window === 'ever'))
      ? addDays(from, -MAX_LOOKBACK_DAYS)
      : runningStart(p, from);
    if (first < start) start = first;
  }
  return start;
}

/** The first day of the earliest window a `running N` clause looks back on (`from` without one). */
function runningStart(program: CompiledRulebook, from: string): string {
  let start = from;
  for (const rule of program.rules)
    for (const clause of rule.clauses) {
      if ((clause.running ?? 1) > 1 && clause.window !== 'ever') {
        let date = from;
        for (let k = 1; k < (clause.running ?? 1); k++) date = addDays(windowStartOf(clause.window, date), -1);
        const first = windowStartOf(clause.window, date);
        if (first < start) start = first;
      }
    }
  return start;
}

/** How far back the rules read: the first date of the extended calendar. */
function lookbackStart(program: CompiledRulebook, input: EvaluateInput): string {
  let start = runningStart(program, input.period.from);
  let ever = false;
  const everTypes = new Set<string>();
  for (const rule of program.rules)
    for (const clause of rule.clauses)
      if (clause.window === 'ever') {
        ever = true;
        for (const t of rule.eventTypes ?? (rule.eventType !== undefined ? [rule.eventType] : [])) everTypes.add(t);
      }
  if (ever) {
    const periodStart = input.period.from;
    // An instant's own date (its first ten characters) is within two days of its date in any zone (its offset
    // and the zone's are each under a day): an event dated two days after the earliest so far cannot be earlier,
    // and is not parsed.
    let low = start < periodStart ? start : periodStart;
    let skipFrom = addDays(low, 2);
    for (const e of input.events) {
      if (!everTypes.has(e.type)) continue;
      if (typeof e.at === 'string' && e.at.length > 10 && e.at.slice(0, 10) >= skipFrom) continue;
      const at = parseInstant(e.at);
      if (Number.isNaN(at)) continue;
      const date = dayOf(e.at, program.timezone);
      if (date < start && date < periodStart) start = date;
      if (start < low) skipFrom = addDays((low = start), 2);
    }
  }
  const earliest = addDays(input.period.from, -MAX_LOOKBACK_DAYS);
  return start < earliest ? earliest : start;
}

function windowStartOf(unit: ClauseWindow, date: string): string {
  if (unit === 'ever') return date;
  return (windowRange(windowKey(unit, date)) as { from: string }).from;
}

/** A calendar from `from` to `to`, built a year at a time (one calendar holds at most a year). */
function longCalendar(timezone: string, from: string, to: string): Calendar {
  const days: CalendarDay[] = [];
  const starts: number[] = [];
  let cursor = from;
  for (;;) {
    const chunkEnd = daysBetween(cursor, to) > 300 ? addDays(cursor, 300) : to;
    const part = buildCalendar(timezone, { from: cursor, to: chunkEnd });
    for (const d of part.days) days.push(d);
    for (let i = 0; i < part.days.length; i++) starts.push(part.starts[i]);
    if (chunkEnd === to) {
      starts.push(part.starts[part.starts.length - 1]);
      break;
    }
    cursor = addDays(chunkEnd, 1);
  }
  return { timezone, days, starts };
}

/**
 * The extended calendar, remembered (a few): a pure function of the zone and the dates, asked for again by every
 * evaluation of the period (incremental scoring scores a roster's parts one by one). Read only once built.
 */
const calendars = new Map<string, Calendar>();
function calendarOf(timezone: string, from: string, period: EvaluateInput['period']): Calendar {
  const key = `${timezone}|${from}|${period.from}|${period.to}`;
  let calendar = calendars.get(key);
  if (!calendar) {
    calendar = from === period.from ? buildCalendar(timezone, period) : longCalendar(timezone, from, period.to);
    if (calendars.size >= 16) calendars.clear();
    calendars.set(key, calendar);
  }
  return calendar;
}

function test(c: MemberCondition, value: string | undefined): boolean {
  return value !== undefined && compare(value, c.op, c.value);
}

/**
 * Whether a line of a clause whose window's days end (inside the period) with calendar day `last` is projected at
 * `asOf` — the version-2 form of as-of.ts's `projectionOf` (its calendar may reach back before the period).
 * Undefined without `asOf`.
 */
function projectionByDay(
  calendar: Calendar,
  options: EvaluateOptions | undefined,
): ((rule: CompiledRule, clause: Clause, last: number) => boolean) | undefined {
  const asOf = options?.asOf;
  if (asOf === undefined) return undefined;
  const at = parseInstant(asOf);
  if (Number.isNaN(at)) throw new RangeError(`asOf must be an ISO 8601 instant with an offset: ${String(asOf)}`);
  return (rule, clause, last) => couldChange(rule, clause) && calendar.starts[last + 1] > at;
}

export function createSetup(program: CompiledRulebook, input: EvaluateInput, options?: EvaluateOptions): Setup {
  const from = lookbackStart(program, input);
  const calendar = calendarOf(program.timezone, from, input.period);
  const nDays = calendar.days.length;
  const p0 = daysBetween(from, input.period.from);
  const warnings: Warning[] = [];
  const seen = new Set<string>();
  const warnOnce = (code: WarningCodeV2, params: Record<string, string>) => {
    const message = warningEnV2(code, params);
    if (seen.has(message)) return;
    seen.add(message);
    warnings.push({ code, message, params });
  };

  const people: Person[] = [];
  const index = new Map<string, number>();
  const teams = input.roster.teams;
  const teamMembers: number[][] = teams.map(() => []);
  const add = (id: string, team: number) => {
    let pi = index.get(id);
    if (pi === undefined) {
      pi = people.length;
      index.set(id, pi);
      people.push({ id, team, lo: 0, hi: nDays - 1, payFen: new Map(), graceFrom: '' });
    }
    return pi;
  };
  teams.forEach((team, ti) => team.members.forEach((m) => teamMembers[ti].push(add(m, ti))));
  for (const m of input.roster.members ?? []) people[add(m.id, -1)].member = m;
  const leads = teams.map((t) => (t.lead !== undefined && t.lead !== null ? add(t.lead, -1) : -1));

  const dayOfDate = (date: string) => daysBetween(from, date);
  const grace = program.graceMonths ?? 0;
  for (const p of people) {
    const m = p.member;
    if (!m) continue;
    for (const [item, yuan] of Object.entries(m.pay ?? {})) p.payFen.set(item, yuanToFen(yuan));
    if (m.joined) {
      p.lo = Math.max(p.lo, dayOfDate(m.joined));
      if (grace > 0) {
        p.graceFrom = firstDayOfMonth(addMonths(monthOf(m.joined), grace));
        p.lo = Math.max(p.lo, dayOfDate(p.graceFrom));
      }
    }
    if (m.left) p.hi = Math.min(p.hi, dayOfDate(m.left));
  }

  const spanCache = new Map<WindowUnit, Span[]>();
  const spans = (unit: WindowUnit): Span[] => {
    let list = spanCache.get(unit);
    if (list) return list;
    list = [];
    for (let i = 0; i < nDays; i++) {
      const date = calendar.days[i].date;
      const key = unit === 'day' ? date : windowKey(unit, date);
      const prev = list[list.length - 1];
      // a window straddling the period's start: its days in the period are the window (as in version 1)
      if (prev && prev.key === key && !(i === p0 && prev.first < p0)) prev.last = i;
      else {
        if (prev && prev.key === key) list.pop(); // the part before the period is no window of its own
        const r = unit === 'day' ? { from: date, to: date } : (windowRange(key) as { from: string; to: string });
        list.push({ key, first: i, last: i, start: r.from, end: r.to, inPeriod: i >= p0 });
      }
    }
    spanCache.set(unit, list);
    return list;
  };

  return {
    projected: projectionByDay(calendar, options),
    program,
    calendar,
    nDays,
    p0,
    people,
    index,
    teams,
    teamMembers,
    leads,
    warnings,
    warnOnce,
    spans,
    scoredIn(pi, span) {
      const m = people[pi].member;
      if (!m) return true;
      if (m.joined && span.end < m.joined) return false;
      if (m.left && span.start > m.left) return false;
      const g = people[pi].graceFrom;
      return !(g && span.start < g);
    },
    applies(rule, pi) {
      if (!rule.for?.length) return true;
      const p = people[pi];
      const m = p.member;
      for (const c of rule.for) {
        const value =
          c.field === 'team'
            ? p.team >= 0
              ? teams[p.team].id
              : undefined
            : c.field === 'role'
              ? (m?.role ?? undefined)
              : (m?.[c.field] ?? undefined);
        if (!test(c, value)) return false;
      }
      return true;
    },
  };
}
