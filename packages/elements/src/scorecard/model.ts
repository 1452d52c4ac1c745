/**
 * From what the store returns to what the scorecard shows: lines grouped by
 * rule (with the rule's text), appeal corrections listed, a daily trend.
 * Pure functions over plain data.
 *
 * Totals are the store's, always: the store puts every accepted appeal on the
 * ledger itself, as a line of rule `rulecard_correction` whose first event is
 * the correction's id, and a closed month's snapshot is never changed here. A
 * correction that is not on the ledger (accepted after the month was closed)
 * is listed as pending: payroll counts it in the next open month's
 * `adjustment` line.
 */
import type { Ledger, Period, ScoreLine } from '@rulecard/dsl';
import type { StoredEvent } from '@rulecard/store';
import { yuanToFen } from '../shared/format.js';
import { addDays } from '../shared/time.js';
import { APPEAL_TYPE, appealOf, CORRECTION_TYPE, correctionOf, type Appeal, type Correction } from './appeals.js';

export interface RuleInfo {
  label?: string;
  text: string;
}

export interface RuleGroup {
  rule: string;
  label: string;
  text?: string;
  points: number;
  /** Integer fen. */
  fen: number;
  lines: ScoreLine[];
}

/** A correction line of the ledger, with its correction event once the events are loaded. */
export interface CorrectionRow {
  line: ScoreLine;
  /** The correction's id (the line's first event). */
  id: string;
  correction?: Correction;
}

export interface ScorecardModel {
  points: number;
  fen: number;
  flags: string[];
  groups: RuleGroup[];
  /** Corrections on the ledger (counted in the totals). */
  corrections: CorrectionRow[];
  /**
   * Corrections of the subject in the period that are not on the ledger: on a
   * closed month, accepted after it was closed (counted in the next month's
   * adjustment, not in these totals).
   */
  pending: Correction[];
  /** Appeals of the subject in the period; `undefined` until the events are loaded. */
  appeals?: Appeal[];
  /** Scored events by id (appeals and corrections excluded); empty until the events are loaded. */
  events: Map<string, StoredEvent>;
  /** True once the events (appeals, corrections, events behind lines) are loaded. */
  eventsLoaded: boolean;
  /**
   * One entry per day of the period: net points that day and cumulative.
   * `undefined` while some line needs its events' days (week/month windows) and the events are not loaded.
   */
  trend?: { day: string; points: number; cumulative: number }[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Splits the subject's events into scored events, appeals and corrections. */
export function splitEvents(all: StoredEvent[]): { events: Map<string, StoredEvent>; appeals: Appeal[]; corrections: Correction[] } {
  const events = new Map<string, StoredEvent>();
  const appeals: Appeal[] = [];
  const corrections: Correction[] = [];
  for (const ev of all) {
    if (ev.type === APPEAL_TYPE) appeals.push(appealOf(ev));
    else if (ev.type === CORRECTION_TYPE) corrections.push(correctionOf(ev));
    else events.set(ev.id, ev);
  }
  return { events, appeals, corrections };
}

/**
 * The scorecard of one ledger. `all`: the subject's events in the period
 * (`undefined` while they load: the totals, lines and corrections come from
 * the ledger alone). `correctionsFor` says whose corrections are the
 * subject's (team view: none, corrections are personal).
 */
export function buildModel(
  ledger: Ledger,
  all: StoredEvent[] | undefined,
  rules: Map<string, RuleInfo>,
  period: Period,
  correctionsFor: (c: Correction) => boolean,
): ScorecardModel {
  const split = all ? splitEvents(all) : undefined;
  const events = split?.events ?? new Map<string, StoredEvent>();
  const byId = new Map((split?.corrections ?? []).filter(correctionsFor).map((c) => [c.id, c]));
  const corrections: CorrectionRow[] = [];
  const byRule = new Map<string, RuleGroup>();
  for (const line of ledger.lines) {
    if (line.rule === CORRECTION_TYPE) {
      const id = line.events[0] ?? '';
      corrections.push({ line, id, correction: byId.get(id) });
      byId.delete(id);
      continue;
    }
    let g = byRule.get(line.rule);
    if (!g) {
      const info = rules.get(line.rule);
      g = { rule: line.rule, label: line.label ?? info?.label ?? line.rule, text: info?.text, points: 0, fen: 0, lines: [] };
      byRule.set(line.rule, g);
    }
    g.points += line.points;
    g.fen += yuanToFen(line.money);
    g.lines.push(line);
  }
  const groups = [...byRule.values()].sort(
    (a, b) => Math.abs(b.points) - Math.abs(a.points) || b.fen - a.fen || a.rule.localeCompare(b.rule),
  );
  return {
    points: ledger.points,
    fen: yuanToFen(ledger.money),
    flags: ledger.flags,
    groups,
    corrections,
    pending: [...byId.values()],
    appeals: split?.appeals,
    events,
    eventsLoaded: !!split,
    trend: trendOf(ledger.lines, split ? events : undefined, period),
  };
}

/** True when the trend needs the days of some line's events: a line with points and a week or month window (or none). */
export function trendNeedsEvents(lines: readonly ScoreLine[]): boolean {
  return lines.some((l) => l.points !== 0 && !(l.window && DAY.test(l.window)));
}

/**
 * Daily net points over the period: day-window lines (per-event lines and
 * corrections carry their day) on that day, other lines on their events' last
 * day. `undefined` when some line needs its events' days and `events` is not given.
 */
export function trendOf(lines: ScoreLine[], events: Map<string, StoredEvent> | undefined, period: Period): ScorecardModel['trend'] {
  const perDay = new Map<string, number>();
  const add = (day: string, pts: number) => perDay.set(day, (perDay.get(day) ?? 0) + pts);
  for (const line of lines) {
    if (!line.points) continue;
    if (line.window && DAY.test(line.window)) {
      add(line.window, line.points);
      continue;
    }
    if (!events) return undefined;
    if (!line.window && line.events.length) {
      const each = line.points / line.events.length;
      for (const id of line.events) add(events.get(id)?.day ?? period.to, each);
    } else {
      let last = '';
      for (const id of line.events) {
        const d = events.get(id)?.day ?? '';
        if (d > last) last = d;
      }
      add(last || period.to, line.points);
    }
  }
  const out: NonNullable<ScorecardModel['trend']> = [];
  let cumulative = 0;
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) {
    const pts = Math.round((perDay.get(day) ?? 0) * 100) / 100;
    cumulative = Math.round((cumulative + pts) * 100) / 100;
    out.push({ day, points: pts, cumulative });
  }
  return out;
}
