/**
 * From what the store returns to what the scorecard shows: lines grouped by
 * rule (with the rule's text), appeal corrections applied, a daily trend,
 * a leaderboard. Pure functions over plain data.
 */
import type { Ledger, Period, ScoreLine } from '@rulecard/dsl';
import type { StoredEvent } from '@rulecard/store';
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

export interface ScorecardModel {
  points: number;
  fen: number;
  flags: string[];
  groups: RuleGroup[];
  corrections: Correction[];
  appeals: Appeal[];
  /** Scored events by id (appeals and corrections excluded). */
  events: Map<string, StoredEvent>;
  /** One entry per day of the period: net points that day and cumulative. */
  trend: { day: string; points: number; cumulative: number }[];
}

const fenOf = (yuan: number): number => Math.round(yuan * 100);

/**
 * Newer stores put accepted appeals on the ledger themselves, as lines of rule
 * `rulecard_correction` whose first event is the correction's id. Those lines
 * are shown in the corrections section (not as a rule group), and their
 * corrections are not added a second time. Ids of the corrections already in `ledger`.
 */
function correctionsInLedger(ledger: Ledger): Set<string> {
  return new Set(ledger.lines.filter((l) => l.rule === CORRECTION_TYPE && l.events.length).map((l) => l.events[0]));
}

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

export function buildModel(
  ledger: Ledger,
  all: StoredEvent[],
  rules: Map<string, RuleInfo>,
  period: Period,
  /** Whose corrections apply: one consultant, or every member (team view: none, corrections are personal). */
  correctionsFor: (c: Correction) => boolean,
): ScorecardModel {
  const { events, appeals, corrections: allCorrections } = splitEvents(all);
  const corrections = allCorrections.filter(correctionsFor);
  const inLedger = correctionsInLedger(ledger);
  const lines = ledger.lines.filter((l) => l.rule !== CORRECTION_TYPE);
  const byRule = new Map<string, RuleGroup>();
  for (const line of lines) {
    let g = byRule.get(line.rule);
    if (!g) {
      const info = rules.get(line.rule);
      g = { rule: line.rule, label: line.label ?? info?.label ?? line.rule, text: info?.text, points: 0, fen: 0, lines: [] };
      byRule.set(line.rule, g);
    }
    g.points += line.points;
    g.fen += fenOf(line.money);
    g.lines.push(line);
  }
  const groups = [...byRule.values()].sort(
    (a, b) => Math.abs(b.points) - Math.abs(a.points) || b.fen - a.fen || a.rule.localeCompare(b.rule),
  );
  let points = ledger.points;
  let fen = fenOf(ledger.money);
  for (const c of corrections) {
    if (inLedger.has(c.id)) continue;
    points += c.points;
    fen += c.fen;
  }
  return {
    points,
    fen,
    flags: ledger.flags,
    groups,
    corrections,
    appeals,
    events,
    trend: trendOf(lines, events, corrections, period),
  };
}

/** Daily net points over the period, per-event lines spread over their events' days, window lines on their window's last event day. */
export function trendOf(
  lines: ScoreLine[],
  events: Map<string, StoredEvent>,
  corrections: Correction[],
  period: Period,
): ScorecardModel['trend'] {
  const perDay = new Map<string, number>();
  const add = (day: string, pts: number) => perDay.set(day, (perDay.get(day) ?? 0) + pts);
  for (const line of lines) {
    if (!line.points) continue;
    if (line.window && /^\d{4}-\d{2}-\d{2}$/.test(line.window)) {
      add(line.window, line.points);
    } else if (!line.window && line.events.length) {
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
  for (const c of corrections) add(period.to, c.points);
  const out: ScorecardModel['trend'] = [];
  let cumulative = 0;
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) {
    const pts = Math.round((perDay.get(day) ?? 0) * 100) / 100;
    cumulative = Math.round((cumulative + pts) * 100) / 100;
    out.push({ day, points: pts, cumulative });
  }
  return out;
}

export interface LeaderRow {
  consultant: string;
  name: string;
  points: number;
  fen: number;
  flags: string[];
}

/** Consultants by net points (then money), highest first. */
export function leaderboard(consultants: Record<string, Ledger>, names: Map<string, string>, corrections: Correction[]): LeaderRow[] {
  const rows = Object.entries(consultants).map(([id, l]) => {
    let points = l.points;
    let fen = fenOf(l.money);
    const inLedger = correctionsInLedger(l);
    for (const c of corrections)
      if (c.consultant === id && !inLedger.has(c.id)) {
        points += c.points;
        fen += c.fen;
      }
    return { consultant: id, name: names.get(id) ?? id, points, fen, flags: l.flags };
  });
  return rows.sort((a, b) => b.points - a.points || b.fen - a.fen || a.consultant.localeCompare(b.consultant));
}
