/**
 * From what the store returns to what the scorecard shows: lines grouped by
 * rule (with the rule's text), appeal corrections listed, a daily trend.
 * Pure functions over plain data: presentation only.
 *
 * Totals are the store's, always, and so is which corrections are on the
 * ledger and which are pending (`correctionsOfLedger` of
 * `@rulecard/store/line-rules`): a closed month's snapshot is never changed
 * here.
 */
import type { GatedLine, Ledger, Period, ScoreLine, v2 } from '@rulecard/dsl';
import type { StoredEvent } from '@rulecard/store';
import { addDays } from '@rulecard/dsl/calendar';
import {
  CORRECTION_RULE,
  CORRECTION_TYPE,
  correctionOf,
  correctionsOfLedger,
  type Correction,
  type CorrectionOnLedger,
} from '@rulecard/store/line-rules';
import type { Appeal } from './appeals.js';

export interface RuleInfo {
  label?: string;
  /** The rule's English label (`en "…"`): a `RuleInfo` map is the card's `RuleNames` (`shared/labels.ts`). */
  en?: string;
  text: string;
  /** The compiled rule (its clauses' bounds: a target's progress in "month so far"). */
  compiled?: v2.CompiledRule;
}

export interface RuleGroup {
  rule: string;
  label: string;
  /** The rule's English label (`en "…"` in the rulebook), shown to English readers. */
  labelEn?: string;
  text?: string;
  /** Integer hundredths of a point. */
  centipoints: number;
  /** Integer fen. */
  fen: number;
  lines: ScoreLine[];
}

export interface ScorecardModel {
  /** The ledger's integers: hundredths of a point, fen. */
  centipoints: number;
  fen: number;
  flags: string[];
  groups: RuleGroup[];
  /**
   * Projected lines (scored as of now, LANGUAGE.md §9.16): windows not ended
   * whose outcome can still change — "month so far", not in the totals.
   */
  projected: ScoreLine[];
  /** The ledger's projected totals (absent: nothing projected). */
  projectedTotals?: { centipoints: number; fen: number };
  /** Rules a closed `unless flag` gate kept from applying (version 2, `Ledger.gated`). */
  gated?: GatedLine[];
  /** Corrections on the ledger (counted in the totals). */
  corrections: CorrectionOnLedger[];
  /**
   * Corrections of the subject in the period that are not on the ledger: on a
   * closed month, accepted after it was closed (counted in the next month's
   * adjustment, not in these totals).
   */
  pending: Correction[];
  /** Appeals of the subject in the period (`store.listAppeals`); `undefined` until they are loaded. */
  appeals?: Appeal[];
  /** Scored events by id (appeals and corrections excluded); empty until the events are loaded. */
  events: Map<string, StoredEvent>;
  /** True once the events (appeals, corrections, events behind lines) are loaded. */
  eventsLoaded: boolean;
  /**
   * One entry per day of the period: net centipoints that day and cumulative.
   * `undefined` while some line needs its events' days (week/month windows) and the events are not loaded.
   */
  trend?: { day: string; centipoints: number; cumulative: number }[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Splits the subject's events into scored events and corrections. */
export function splitEvents(all: StoredEvent[]): { events: Map<string, StoredEvent>; corrections: Correction[] } {
  const events = new Map<string, StoredEvent>();
  const corrections: Correction[] = [];
  for (const ev of all) {
    if (ev.type === CORRECTION_TYPE) corrections.push(correctionOf(ev));
    else events.set(ev.id, ev);
  }
  return { events, corrections };
}

/**
 * The scorecard of one ledger. `all`: the subject's events in the period
 * (`undefined` while they load: the totals, lines and corrections come from
 * the ledger alone); `appeals`: the subject's appeals in the period. `correctionsFor` says whose corrections are the
 * subject's (team view: none, corrections are personal).
 */
export function buildModel(
  ledger: Ledger,
  all: StoredEvent[] | undefined,
  appeals: Appeal[] | undefined,
  rules: Map<string, RuleInfo>,
  period: Period,
  correctionsFor: (c: Correction) => boolean,
): ScorecardModel {
  const split = all ? splitEvents(all) : undefined;
  const events = split?.events ?? new Map<string, StoredEvent>();
  const { onLedger, pending } = correctionsOfLedger(ledger.lines, (split?.corrections ?? []).filter(correctionsFor));
  const byRule = new Map<string, RuleGroup>();
  const projected: ScoreLine[] = [];
  const confirmed: ScoreLine[] = [];
  for (const line of ledger.lines) {
    if (line.projected) {
      projected.push(line);
      continue;
    }
    confirmed.push(line);
    if (line.rule === CORRECTION_RULE) continue;
    let g = byRule.get(line.rule);
    if (!g) {
      const info = rules.get(line.rule);
      g = {
        rule: line.rule,
        label: line.label ?? info?.label ?? line.rule,
        labelEn: info?.compiled?.labels?.en,
        text: info?.text,
        centipoints: 0,
        fen: 0,
        lines: [],
      };
      byRule.set(line.rule, g);
    }
    g.centipoints += line.centipoints;
    g.fen += line.fen;
    g.lines.push(line);
  }
  const groups = [...byRule.values()].sort(
    (a, b) => Math.abs(b.centipoints) - Math.abs(a.centipoints) || b.fen - a.fen || a.rule.localeCompare(b.rule),
  );
  return {
    centipoints: ledger.centipoints,
    fen: ledger.fen,
    flags: ledger.flags,
    groups,
    projected,
    projectedTotals: ledger.projected,
    gated: ledger.gated,
    corrections: onLedger,
    pending,
    appeals,
    events,
    eventsLoaded: !!split,
    trend: trendOf(confirmed, split ? events : undefined, period),
  };
}

/** True when the trend needs the days of some line's events: a line with points and a week or month window (or none). */
export function trendNeedsEvents(lines: readonly ScoreLine[]): boolean {
  return lines.some((l) => l.centipoints !== 0 && !(l.window && DAY.test(l.window)));
}

/**
 * Daily net centipoints over the period: day-window lines (per-event lines and
 * corrections carry their day) on that day, other lines on their events' last
 * day (a line without a window: shared out over its events' days, the
 * remainder on the first ones). `undefined` when some line needs its events'
 * days and `events` is not given.
 */
export function trendOf(lines: ScoreLine[], events: Map<string, StoredEvent> | undefined, period: Period): ScorecardModel['trend'] {
  const perDay = new Map<string, number>();
  const add = (day: string, centipoints: number) => perDay.set(day, (perDay.get(day) ?? 0) + centipoints);
  for (const line of lines) {
    if (!line.centipoints) continue;
    if (line.window && DAY.test(line.window)) {
      add(line.window, line.centipoints);
      continue;
    }
    if (!events) return undefined;
    if (!line.window && line.events.length) {
      const n = line.events.length;
      const each = Math.trunc(line.centipoints / n);
      const rest = line.centipoints - each * n;
      line.events.forEach((id, i) => add(events.get(id)?.day ?? period.to, each + (i < Math.abs(rest) ? Math.sign(rest) : 0)));
    } else {
      let last = '';
      for (const id of line.events) {
        const d = events.get(id)?.day ?? '';
        if (d > last) last = d;
      }
      add(last || period.to, line.centipoints);
    }
  }
  const out: NonNullable<ScorecardModel['trend']> = [];
  let cumulative = 0;
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) {
    const centipoints = perDay.get(day) ?? 0;
    cumulative += centipoints;
    out.push({ day, centipoints, cumulative });
  }
  return out;
}
