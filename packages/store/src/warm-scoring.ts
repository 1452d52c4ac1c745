/**
 * Warm scoring: the store keeps one incremental evaluation
 * (`@rulecard/dsl/incremental`) per rulebook version, period and roster, and
 * brings it up to date with the events a score reads — the call logs, their
 * derived events (those derived on read too: a follow-up turns overdue with
 * the clock, without a write) and the incidents saved, edited or deleted since
 * the last score — instead of scoring the whole period again. Only the parts of
 * the roster an event touches are scored again (see the dsl's module).
 *
 * Comparing the events read with the evaluation's costs one pass of field
 * comparisons (no parsing, no serialising); the scoring itself is the changed
 * events' parts. An evaluation that would need more than a quarter of its
 * events (and over 64) changed is built again. At most `MAX_WARM` evaluations per store.
 *
 * Loaded on demand (with the incremental evaluator) and used for a `rulecard/2` rulebook scored by one version over the period
 * (score.ts, scoring.ts); version 1 and periods split between versions are
 * scored in full, as before.
 */
import type { EvaluateOptions, Ledger, Period, Roster, RuleEvent, Scorecards } from '@rulecard/dsl';
import { dayOf } from '@rulecard/dsl/calendar';
import { createEvaluation, type Evaluation } from '@rulecard/dsl/incremental';
import { evaluate } from '@rulecard/dsl/evaluate-v2';
import type { Evaluate } from './scoring.js';
import type { RulebookVersion } from './types.js';

const MAX_WARM = 8;

interface Warm {
  evaluation: Evaluation;
  roster: string;
  /** The events as last read, by id. */
  byId: Map<string, RuleEvent>;
}

const stores = new WeakMap<object, WarmScoring>();

/** The warm evaluations of a store (its core). */
export function warmScoringOf(core: object): WarmScoring {
  let w = stores.get(core);
  if (!w) stores.set(core, (w = new WarmScoring()));
  return w;
}

/** The store's evaluator of both versions (scoring.ts `Evaluate`): a period scored by one version, by its warm evaluation. */
export function warmEvaluate(core: object): Evaluate {
  const warm = warmScoringOf(core);
  return (program, input, options, version) => (version ? warm.score(version, input, options) : evaluate(program, input, options));
}

export interface WarmStats {
  /** Whether the last score was warm (an evaluation brought up to date) rather than built. */
  warm: boolean;
  /** Events added, replaced and removed to bring it up to date. */
  changed: number;
}

function sameAttrs(a: RuleEvent['attrs'], b: RuleEvent['attrs']): boolean {
  if (a === b) return true;
  if (a == null || b == null) return false;
  let n = 0;
  for (const k in a) {
    if (!Object.hasOwn(a, k)) continue;
    if (!Object.hasOwn(b, k) || a[k] !== b[k]) return false;
    n++;
  }
  for (const k in b) if (Object.hasOwn(b, k)) n--;
  return n === 0;
}

/** Whether two reads of an event are the same to the evaluator. */
function sameEvent(a: RuleEvent, b: RuleEvent): boolean {
  return a.type === b.type && a.consultant === b.consultant && a.at === b.at && a.amount === b.amount && sameAttrs(a.attrs, b.attrs);
}

/** The caller's own ledgers (the store adds correction and adjustment lines to them): the evaluation keeps its own. */
function own(sc: Scorecards): Scorecards {
  const copy = (rec: Record<string, Ledger>) => {
    const out: Record<string, Ledger> = Object.create(null);
    for (const id in rec) {
      const l = rec[id];
      out[id] = { ...l, flags: [...l.flags], lines: [...l.lines], ...(l.projected ? { projected: { ...l.projected } } : {}) };
    }
    return out;
  };
  return { consultants: copy(sc.consultants), teams: copy(sc.teams), warnings: [...sc.warnings] };
}

/** One store's warm evaluations. */
export class WarmScoring {
  private readonly warm = new Map<string, Warm>();
  last: WarmStats = { warm: false, changed: 0 };

  /** What `evaluate(version.compiled, { events, roster, period }, options)` returns, from a warm evaluation when there is one. */
  score(version: RulebookVersion, input: { events: RuleEvent[]; roster: Roster; period: Period }, options?: EvaluateOptions): Scorecards {
    const program = version.compiled;
    // `asOf` decides which windows have ended: instants of one local day decide the same (as-of.ts)
    const asOfDay = options?.asOf === undefined ? '' : dayOf(options.asOf, program.timezone);
    const roster = JSON.stringify(input.roster);
    // one per version, period and roster (a team's scorecard scores its team)
    const key = [
      version.rulebookId,
      version.version,
      version.publishedAt,
      version.author,
      input.period.from,
      input.period.to,
      asOfDay,
      roster,
    ].join('\u0000');
    const had = this.warm.get(key);
    if (had && had.roster === roster && this.update(had, input.events)) {
      // most recently used last
      this.warm.delete(key);
      this.warm.set(key, had);
      return own(had.evaluation.result());
    }
    const evaluation = createEvaluation(program, input, options);
    this.warm.delete(key);
    this.warm.set(key, { evaluation, roster, byId: new Map(input.events.map((e) => [e.id, e])) });
    while (this.warm.size > MAX_WARM) this.warm.delete(this.warm.keys().next().value as string);
    this.last = { warm: false, changed: input.events.length };
    return own(evaluation.result());
  }

  /** Brings an evaluation to `events`; false when too much changed (or ids repeat) and it is better built again. */
  private update(w: Warm, events: RuleEvent[]): boolean {
    const now = new Map<string, RuleEvent>();
    const added: RuleEvent[] = [];
    const replaced: RuleEvent[] = [];
    for (const e of events) {
      if (now.has(e.id)) return false;
      now.set(e.id, e);
      const before = w.byId.get(e.id);
      if (!before) added.push(e);
      else if (!sameEvent(before, e)) replaced.push(e);
    }
    const removed: string[] = [];
    if (now.size - added.length !== w.byId.size) for (const id of w.byId.keys()) if (!now.has(id)) removed.push(id);
    const changed = added.length + replaced.length + removed.length;
    if (changed > 64 && changed * 4 > events.length) return false;
    for (const id of removed) w.evaluation.remove(id);
    for (const e of replaced) w.evaluation.replace(e.id, e);
    for (const e of added) w.evaluation.add(e);
    w.byId = now;
    this.last = { warm: true, changed };
    return true;
  }
}
