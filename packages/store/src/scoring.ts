/**
 * Scoring a period with the rulebook versions in effect on each day.
 *
 * Rule changes inside a period (documented in the README):
 * - Per-event lines and day-window lines: each day is scored by the version
 *   in effect on that day (a change on the 15th scores the 1st–14th by the
 *   old book).
 * - Week, month, quarter and year windows (thresholds, tiers, team-wide,
 *   ledger, rank and ratio clauses per week/month…): the whole window is decided by the version
 *   in effect on the window's **first day** (or, when no version was in
 *   effect yet, the first day of the window inside the period), over all of
 *   the window's events. A mid-month change of tiers therefore applies from
 *   the next month: never retroactive, and a month-to-date view does not
 *   change its tiers when the new version takes effect.
 * - The ledgers are merged: integer fen and centipoints summed, lines
 *   concatenated, flags united.
 *
 * @module
 */
import { evaluate } from '@rulecard/dsl/evaluate';
import type {
  CompiledRulebook as ProgramV1,
  EvaluateInput,
  EvaluateOptions,
  Ledger,
  Period,
  Roster,
  RuleEvent,
  ScoreLine,
  Scorecards,
  Warning,
} from '@rulecard/dsl';
import { inEffect, timeline } from './rulebooks.js';
import { addDays, windowKey, windowStart, type CalendarUnit } from '@rulecard/dsl/calendar';
import { addToLedger, emptyLedger, storeLine } from './money.js';
import { CORRECTION_RULE, CORRECTION_TYPE, correctionOf } from './line-rules.js';
import type { Appeal, CompiledRulebook, RulebookVersion, StoredEvent, VersionUse } from './types.js';

export { ADJUSTMENT_RULE, CORRECTION_RULE, CORRECTION_TYPE } from './line-rules.js';

/** An evaluator: version 1's or the one of both versions (`@rulecard/dsl/evaluate-v2`). */
export type Evaluate = (
  rulebook: CompiledRulebook,
  input: EvaluateInput,
  options?: EvaluateOptions,
  /** The version, when it scores the whole period (a warm evaluation may then score it: warm-scoring.ts). */
  version?: RulebookVersion,
) => Scorecards;

/** Version 1's evaluator, for a stored program that is `rulecard/1` (the only kind a caller passes it: see `scoreWithVersions`). */
const evaluateV1: Evaluate = (program, input, options) => evaluate(program as ProgramV1, input, options);

export interface ScoringInput {
  /** Every version of the rulebook. */
  versions: RulebookVersion[];
  events: RuleEvent[];
  roster: Roster;
  period: Period;
  /** The instant scored at (LANGUAGE.md §9.16): lines of windows not ended by then that could still change are projected. */
  asOf?: string;
}

export interface Scored {
  scorecards: Scorecards;
  versions: VersionUse[];
}

function lineUnit(line: Pick<ScoreLine, 'window'>): 'event' | CalendarUnit {
  if (!line.window) return 'event';
  return windowStart(line.window)?.unit ?? 'day';
}

/** True when a compiled rulebook ranks consultants (its lines depend on everyone's events). */
export function ranksConsultants(rb: CompiledRulebook): boolean {
  return rb.rules.some((r) => r.measure.kind === 'rank');
}

/**
 * Score `input.period` with the versions in effect (see module doc). Returns `null` when no version covers any day.
 * `evaluateWith`: the evaluator (default: version 1's, `@rulecard/dsl/evaluate`; a caller holding a `rulecard/2`
 * program passes `@rulecard/dsl/evaluate-v2`'s, loaded on demand).
 */
export function scoreWithVersions(input: ScoringInput, evaluateWith: Evaluate = evaluateV1): Scored | null {
  const { versions, events, roster, period } = input;
  const options = input.asOf === undefined ? undefined : { asOf: input.asOf };
  const segments = timeline(versions, period.from, period.to);
  const covered = segments.filter((s): s is { version: RulebookVersion; from: string; to: string } => s.version !== null);
  if (covered.length === 0) return null;
  const uncovered = segments.filter((s) => s.version === null);

  if (covered.length === 1 && uncovered.length === 0) {
    const v = covered[0].version;
    const sc = evaluateWith(v.compiled, { events, roster, period }, options, v);
    const windows = new Set<string>();
    for (const l of allLines(sc)) if (l.window && lineUnit(l) !== 'day') windows.add(l.window);
    return {
      scorecards: sc,
      versions: [
        { rulebookId: v.rulebookId, version: v.version, effectiveFrom: v.effectiveFrom, days: { ...period }, windows: [...windows].sort() },
      ],
    };
  }

  const kept: { sc: Scorecards; keep: (l: Pick<ScoreLine, 'window'>) => boolean }[] = [];
  const uses = new Map<number, VersionUse>();
  const use = (v: RulebookVersion): VersionUse => {
    let u = uses.get(v.version);
    if (!u) {
      u = { rulebookId: v.rulebookId, version: v.version, effectiveFrom: v.effectiveFrom, days: null, windows: [] };
      uses.set(v.version, u);
    }
    return u;
  };

  // Per-event and day-window lines: each segment by its version.
  for (const seg of covered) {
    const u = use(seg.version);
    u.days = u.days ? { from: u.days.from, to: seg.to } : { from: seg.from, to: seg.to };
    const sc = evaluateWith(seg.version.compiled, { events, roster, period: { from: seg.from, to: seg.to } }, options);
    kept.push({ sc, keep: (l) => lineUnit(l) === 'event' || lineUnit(l) === 'day' });
  }

  // Week/month/quarter/year windows: the version in effect on the window's first day decides the whole window.
  const versionOn = (first: string): RulebookVersion =>
    inEffect(versions, first) ?? inEffect(versions, first < period.from ? period.from : first) ?? covered[0].version;
  const candidates = new Map<number, RulebookVersion>();
  for (const first of windowFirstDays(period)) {
    const v = versionOn(first);
    candidates.set(v.version, v);
  }
  for (const v of [...candidates.values()].sort((a, b) => a.version - b.version)) {
    const sc = evaluateWith(v.compiled, { events, roster, period }, options);
    const decided = new Set<string>();
    const keep = (l: Pick<ScoreLine, 'window'>): boolean => {
      const unit = lineUnit(l);
      if (unit === 'event' || unit === 'day' || !l.window) return false;
      if (versionOn(windowStart(l.window)?.first ?? period.from).version !== v.version) return false;
      decided.add(l.window);
      return true;
    };
    kept.push({ sc, keep });
    // Mark windows now so VersionUse lists them even when this version wins none of the lines.
    for (const l of allLines(sc)) keep(l);
    if (decided.size) use(v).windows = [...decided].sort();
  }

  const merged: Scorecards = { consultants: {}, teams: {}, warnings: [] };
  const warningKeys = new Set<string>();
  for (const { sc, keep } of kept) {
    mergeInto(merged.consultants, sc.consultants, keep);
    mergeInto(merged.teams, sc.teams, keep);
    for (const w of sc.warnings) addWarning(merged.warnings, warningKeys, w);
  }
  for (const s of uncovered) {
    addWarning(merged.warnings, warningKeys, {
      code: 'no-rulebook',
      message: `No rulebook version in effect from ${s.from} to ${s.to}; those days are not scored / ${s.from} 至 ${s.to} 无生效规则，未计分`,
    });
  }
  return { scorecards: merged, versions: [...uses.values()].sort((a, b) => a.version - b.version) };
}

const LONGER_UNITS: readonly CalendarUnit[] = ['week', 'month', 'quarter', 'year'];

/** First days of every window longer than a day (week, month, quarter, year) overlapping the period. */
function windowFirstDays(period: Period): Set<string> {
  const firsts = new Set<string>();
  for (let d = period.from; d <= period.to; d = addDays(d, 1))
    for (const unit of LONGER_UNITS) firsts.add(windowStart(windowKey(unit, d))?.first ?? d);
  return firsts;
}

function addWarning(into: Warning[], seen: Set<string>, w: Warning): void {
  const key = `${w.code}|${w.event ?? ''}|${w.message}`;
  if (seen.has(key)) return;
  seen.add(key);
  into.push(w);
}

function* allLines(sc: Scorecards): Iterable<ScoreLine> {
  for (const l of Object.values(sc.consultants)) yield* l.lines;
  for (const l of Object.values(sc.teams)) yield* l.lines;
}

function mergeInto(into: Record<string, Ledger>, from: Record<string, Ledger>, keep: (l: Pick<ScoreLine, 'window'>) => boolean): void {
  for (const [id, ledger] of Object.entries(from)) {
    const target = (into[id] ??= emptyLedger());
    for (const line of ledger.lines) {
      if (!keep(line)) continue;
      addLine(into, id, line);
      if (line.flag && !target.flags.includes(line.flag)) target.flags.push(line.flag);
    }
    // rules a closed `unless flag` gate kept from applying (version 2): kept like the lines of their window
    for (const g of ledger.gated ?? []) if (keep(g)) (target.gated ??= []).push(g);
  }
}

/** Keep only some consultants' and teams' ledgers. */
export function selectLedgers(sc: Scorecards, consultants: Set<string> | null, teams: Set<string> | null): Scorecards {
  const pick = (rec: Record<string, Ledger>, ids: Set<string> | null): Record<string, Ledger> =>
    ids ? Object.fromEntries(Object.entries(rec).filter(([k]) => ids.has(k))) : rec;
  return { consultants: pick(sc.consultants, consultants), teams: pick(sc.teams, teams), warnings: sc.warnings };
}

/** Add a line to a ledger (creating the ledger if needed), keeping totals exact. */
export function addLine(rec: Record<string, Ledger>, id: string, line: ScoreLine): void {
  addToLedger((rec[id] ??= emptyLedger()), line);
}

/** Legacy corrections recorded as plain events listed their appealed events comma-joined in `attrs.events`. */
const legacyIdList = (v: string | number | boolean | undefined): string[] =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

/**
 * The explained line of one `rulecard_correction` event (read by
 * `correctionOf`): rule {@link CORRECTION_RULE}, window = the event's day,
 * count 1, its centipoints and fen, events = the correction's id then the
 * appealed line's event ids (from its appeal in `appeals`; a legacy
 * correction without one: its own `attrs.events`).
 */
export function correctionLine(ev: StoredEvent, appeals: ReadonlyMap<string, Appeal> = new Map()): ScoreLine {
  const c = correctionOf(ev);
  const appeal = c.appeal ? appeals.get(c.appeal) : undefined;
  const appealed = appeal ? appeal.events : legacyIdList(ev.attrs?.events);
  return storeLine({
    rule: CORRECTION_RULE,
    label: c.label ? `更正：${c.label} / Correction: ${c.label}` : '更正 / Correction',
    window: ev.day,
    count: 1,
    centipoints: c.centipoints,
    fen: c.fen,
    events: [...new Set([ev.id, ...appealed])],
  });
}

/** The `rulecard_correction` events whose day is inside `period`, in day then id order. */
export function correctionsIn(events: readonly StoredEvent[], period: Period): StoredEvent[] {
  return events
    .filter((e) => e.type === CORRECTION_TYPE && e.day >= period.from && e.day <= period.to)
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Add a correction line (see {@link correctionLine}) to the consultant's
 * ledger for every correction of `corrections`, keeping totals exact.
 * Corrections are personal: team ledgers are unchanged.
 */
export function applyCorrections(into: Scorecards, corrections: readonly StoredEvent[], appeals: ReadonlyMap<string, Appeal>): void {
  for (const ev of corrections) addLine(into.consultants, ev.consultant, correctionLine(ev, appeals));
}
