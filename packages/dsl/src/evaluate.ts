/**
 * evaluate(): a compiled rulebook over a period's events → a ledger per
 * consultant and per team, every line naming its rule, window and events.
 *
 * The program is data; evaluation runs tables and closures built from it
 * (no eval). Points are kept in integer hundredths and money in integer fen
 * until the very end, so nothing drifts.
 *
 * Order: event rules (per-event effects, thresholds, tiers, `all`, ratios,
 * rank by count) → rank by points → ledger rules (`deductions`, `points`),
 * each ledger rule seeing only the lines of non-ledger rules.
 */
import { warningText, type WarningCode } from './warnings.js';
import { percentOfFenExact, percentRational, toHundredths, yuanToFen } from './money.js';
import { RULEBOOK_FORMAT } from './types.js';
import type {
  Clause,
  ClauseEffect,
  CompiledRule,
  CompiledRulebook,
  Condition,
  EvaluateInput,
  Ledger,
  RuleEvent,
  Scorecards,
  ScoreLine,
  Test,
  Warning,
} from './types.js';
import { buildCalendar, dayIndex, parseInstant, windowsOf, type Calendar, type WindowSpan } from './windows.js';

/** Largest |amount| in yuan kept exact to the fen through percentages (fen × percent stays a safe integer). */
const MAX_AMOUNT = 1e11;

/** A line while it is built: points in hundredths, money in fen. */
interface Draft {
  rule: CompiledRule;
  window?: string;
  /** Day index the line's window starts at (inside the period), for ledger/rank windows. */
  day: number;
  count: number;
  centi: number;
  /** The negative part of `centi` (a rule may give −8 and +6 per event): what `deductions` sums. */
  neg: number;
  fen: number;
  events: string[];
  flag?: string;
  range: Clause['range'] | CompiledRule['range'];
}

interface Book {
  drafts: Draft[];
  /**
   * Positions in `drafts` of each day's lines (by the day a line's window
   * starts), ascending: a ledger measure reads only its window's days.
   * Filled by addLine, the one way lines are added.
   */
  byDay: (number[] | undefined)[];
}

/** Appends a line to a book and to its day index. */
function addLine(book: Book, draft: Draft): void {
  const at = book.drafts.length;
  book.drafts.push(draft);
  const list = book.byDay[draft.day];
  if (list) list.push(at);
  else book.byDay[draft.day] = [at];
}

type EventFilter = (e: RuleEvent) => boolean;

function compare(a: string | number | boolean, op: Condition['op'], b: string | number | boolean): boolean {
  if (typeof a !== typeof b) {
    // numbers written as strings in attrs ("30") still compare as numbers
    if (typeof b === 'number' && typeof a === 'string' && a.trim() !== '' && !Number.isNaN(Number(a))) a = Number(a);
    else return op === '!=';
  }
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
  }
}

/** One condition as a closure: the comparison is chosen once, not per event. */
function conditionTest(c: Condition): EventFilter {
  const { field, op, value } = c;
  const kind = typeof value;
  const same: (v: string | number | boolean) => boolean =
    op === '='
      ? (v) => v === value
      : op === '!='
        ? (v) => v !== value
        : op === '>'
          ? (v) => v > value
          : op === '>='
            ? (v) => v >= value
            : op === '<'
              ? (v) => v < value
              : (v) => v <= value;
  const test = (v: string | number | boolean | undefined | null) => {
    if (v === undefined || v === null) return false;
    return typeof v === kind ? same(v) : compare(v, op, value);
  };
  return field === 'amount' ? (e) => test(e.amount) : (e) => test(e.attrs?.[field]);
}

function filterOf(where: Condition[]): EventFilter | undefined {
  if (!where.length) return undefined;
  const tests = where.map(conditionTest);
  if (tests.length === 1) return tests[0];
  if (tests.length === 2) {
    const [a, b] = tests;
    return (e) => a(e) && b(e);
  }
  return (e) => {
    for (const t of tests) if (!t(e)) return false;
    return true;
  };
}

/** How many times a count clause fires for a count (0 = not at all). */
export function firings(test: Test, each: boolean, count: number): number {
  if (test.kind === 'else') return 1;
  if (test.kind === 'range') return count >= test.low && count <= test.high ? 1 : 0;
  const n = test.value;
  const holds = compare(count, test.op, n);
  if (!holds) return 0;
  if (!each) return 1;
  switch (test.op) {
    case '>':
      return Math.max(0, Math.ceil(count - n));
    case '>=':
      return Math.max(0, Math.floor(count - n) + 1);
    case '<':
      return Math.max(0, Math.ceil(n - count));
    case '<=':
      return Math.max(0, Math.floor(n - count) + 1);
    default:
      return 1;
  }
}

/** sign(num/den − p%) computed exactly. */
function cmpRatio(num: number, den: number, percent: number): number {
  const [pn, pd] = percentRational(percent);
  const diff = num * 100 * pd - pn * den;
  return Math.sign(diff);
}

/** How many times a ratio clause fires for num/den (den > 0). */
export function ratioFirings(test: Test, each: boolean, step: number | undefined, num: number, den: number): number {
  if (test.kind === 'else') return 1;
  if (test.kind === 'range') return cmpRatio(num, den, test.low) >= 0 && cmpRatio(num, den, test.high) <= 0 ? 1 : 0;
  const s = cmpRatio(num, den, test.value);
  const holds =
    test.op === '='
      ? s === 0
      : test.op === '!='
        ? s !== 0
        : test.op === '>'
          ? s > 0
          : test.op === '>='
            ? s >= 0
            : test.op === '<'
              ? s < 0
              : s <= 0;
  if (!holds) return 0;
  if (!each || step === undefined) return 1;
  const [pn, pd] = percentRational(test.value);
  const [sn, sd] = percentRational(step);
  const a = Math.abs(num * 100 * pd - pn * den);
  // floor(|ratio − bound| / step), exactly, in integers
  const top = BigInt(a) * BigInt(sd);
  const bottom = BigInt(pd) * BigInt(den) * BigInt(sn);
  return Number(top / bottom);
}

export function evaluate(rulebook: CompiledRulebook, input: EvaluateInput): Scorecards {
  // Guard (front end, until version 2 is evaluated): a `rulecard/2` program would be mis-scored here.
  const format: unknown = rulebook.format;
  if (format !== undefined && format !== RULEBOOK_FORMAT) throw new RangeError(`evaluate: cannot score a ${String(format)} program yet`);
  const calendar = buildCalendar(rulebook.timezone, input.period);
  const nDays = calendar.days.length;
  const pointFen = rulebook.pointFen;
  const warnings: Warning[] = [];

  const warn = (code: WarningCode, e: RuleEvent, params: Record<string, string>) =>
    warnings.push({ code, message: warningText(code, 'en', params), event: e.id, params });

  // roster
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
  const nC = consultants.length;
  const newBook = (): Book => ({ drafts: [], byDay: new Array<number[] | undefined>(nDays) });
  const personal: Book[] = consultants.map(() => newBook());
  const teamBooks: Book[] = teams.map(() => newBook());

  // tables: which rules see which event types
  const rules = rulebook.rules;
  const filters = rules.map((r) => filterOf(r.where));
  /** Percent effects of each rule as exact rationals: [target team?, num, den]. */
  const pctOf = rules.map((r) =>
    r.effects.filter((e) => e.kind === 'percent').map((e) => [e.target === 'team' ? 1 : 0, ...percentRational(e.value)] as const),
  );
  const byType = new Map<string, number[]>();
  const listen = (type: string, slot: number) => {
    const list = byType.get(type);
    if (list) {
      if (!list.includes(slot)) list.push(slot);
    } else byType.set(type, [slot]);
  };
  // A slot is one stream of matching events: (event type, where). Rules that
  // count the same stream — and the two sides of a ratio — share a slot.
  const slotKeys = new Map<string, number>();
  const slotFilter: (EventFilter | undefined)[] = [];
  const slotFor = (type: string, ri: number): number => {
    const key = `${type}\u0000${JSON.stringify(rules[ri].where)}`;
    let slot = slotKeys.get(key);
    if (slot === undefined) {
      slot = slotKeys.size;
      slotKeys.set(key, slot);
      slotFilter[slot] = filters[ri];
      listen(type, slot);
    }
    return slot;
  };
  const slotOf: number[] = rules.map((r, ri) => (r.eventType !== undefined ? slotFor(r.eventType, ri) : -1));
  const ratioSlots = new Map<number, [number, number]>();
  rules.forEach((r, ri) => {
    if (r.measure.kind === 'ratio') ratioSlots.set(ri, [slotFor(r.measure.numerator, ri), slotFor(r.measure.denominator, ri)]);
  });
  const nSlots = slotKeys.size;
  /** Rules with percent effects, by slot. */
  const pctRules: number[][] = Array.from({ length: nSlots }, () => []);
  rules.forEach((_, ri) => {
    if (pctOf[ri].length && slotOf[ri] >= 0) pctRules[slotOf[ri]].push(ri);
  });

  // One pass over the events (see scanEvents): each match is recorded as
  // (slot, bucket, event); bucket = consultant × nDays + day, so a
  // consultant's days are contiguous.
  const nB = nC * nDays;
  const events = input.events;
  const pctFen: Float64Array[][] = rules.map((_, ri) => (pctOf[ri].length ? [new Float64Array(nB), new Float64Array(nB)] : []));
  const { counts, mSlot, mBucket, mEvent, nMatches, eventAt, eventId, inOrder } = scanEvents(
    events,
    { byType, consultantIndex, calendar, nDays, nSlots, nB, slotFilter, pctRules, pctOf, pctFen },
    warn,
  );
  const { offsets, ids: memberIds } = groupMatches(eventId, counts, mSlot, mBucket, mEvent, nMatches, eventAt, nB, inOrder);

  const windowCache = new Map<string, WindowSpan[]>();
  const spans = (unit: Clause['window']) => {
    let s = windowCache.get(unit);
    if (!s) windowCache.set(unit, (s = windowsOf(calendar, unit)));
    return s;
  };
  /** Ids of a slot's events in buckets [from, to), in time order. */
  const idsOfBuckets = (slot: number, from: number, to: number): string[] => {
    const off = offsets[slot];
    return memberIds[slot].slice(off[from], off[to]);
  };
  const countIn = (slot: number, ci: number, span: WindowSpan) => {
    const off = offsets[slot];
    const base = ci * nDays;
    return off[base + span.last + 1] - off[base + span.first];
  };
  /**
   * Ids of one (slot, bucket) — a consultant's events of one day — cached: the
   * per-event line of that day and every day-window clause line over the same
   * stream share one array (lines never mutate it), and measureBook can then
   * skip an array it has already taken in.
   */
  const dayIds = new Map<number, string[]>();
  const idsOfDay = (slot: number, bucket: number) => {
    const key = slot * nB + bucket;
    let ids = dayIds.get(key);
    if (!ids) dayIds.set(key, (ids = idsOfBuckets(slot, bucket, bucket + 1)));
    return ids;
  };
  const idsCache = new Map<string, string[]>();
  /** Ids of a consultant's events of a slot in a window (one shared array per window: lines never mutate it). */
  const idsIn = (slot: number, ci: number, span: WindowSpan) => {
    if (span.first === span.last) return idsOfDay(slot, ci * nDays + span.first);
    const key = `${slot}:${ci}:${span.first}:${span.last}`;
    let ids = idsCache.get(key);
    if (!ids) idsCache.set(key, (ids = idsOfBuckets(slot, ci * nDays + span.first, ci * nDays + span.last + 1)));
    return ids;
  };

  /** Applies a clause's effects `times` times; personal targets to `ci` (or the team when ci < 0). */
  const apply = (
    rule: CompiledRule,
    clause: Clause,
    effects: ClauseEffect[],
    span: WindowSpan,
    times: number,
    count: number,
    events: string[],
    ci: number,
    ti: number,
    teamOnce = true,
  ) => {
    for (const eff of effects) {
      const toTeam = eff.target === 'team' || ci < 0;
      if (toTeam && !teamOnce) continue;
      const book = toTeam ? teamBooks[ti] : personal[ci];
      if (!book) continue;
      const mult = eff.perCount ? count : times;
      if (mult === 0 && eff.kind !== 'flag') continue;
      const draft: Draft = {
        rule,
        window: span.key,
        day: span.first,
        count: eff.perCount ? count : times,
        centi: 0,
        neg: 0,
        fen: 0,
        events,
        range: clause.range,
      };
      if (eff.kind === 'flag') draft.flag = eff.flag;
      else if (eff.kind === 'points') {
        draft.centi = toHundredths(eff.value) * mult;
        draft.neg = Math.min(0, draft.centi);
      } else draft.fen = eff.value * mult;
      addLine(book, draft);
    }
  };

  const consultantIds = consultants.map((_, ci) => ci);
  const teamIds = teams.map((_, ti) => ti);
  /**
   * Runs a rule's clauses over its windows and entities (consultants or teams).
   * `fire` applies a clause and says whether it did; with `tiers` only the
   * first clause that applies counts, in the tiers' window.
   */
  const runClauses = (rule: CompiledRule, entities: number[], fire: (clause: Clause, span: WindowSpan, entity: number) => boolean) => {
    if (rule.tiers) {
      for (const span of spans(rule.clauses[0].window))
        for (const x of entities) for (const clause of rule.clauses) if (fire(clause, span, x)) break;
      return;
    }
    for (const clause of rule.clauses) for (const span of spans(clause.window)) for (const x of entities) fire(clause, span, x);
  };

  // 1. per-event effects
  rules.forEach((rule, ri) => {
    if (rule.eventType === undefined || !rule.effects.length) return;
    const pct = pctFen[ri];
    let pCenti = 0;
    let pFen = 0;
    let tCenti = 0;
    let tFen = 0;
    let pNeg = 0;
    let tNeg = 0;
    for (const eff of rule.effects) {
      const team = eff.target === 'team';
      if (eff.kind === 'points') {
        const c = toHundredths(eff.value);
        if (team) {
          tCenti += c;
          tNeg += Math.min(0, c);
        } else {
          pCenti += c;
          pNeg += Math.min(0, c);
        }
      } else if (eff.kind === 'fen') team ? (tFen += eff.value) : (pFen += eff.value);
    }
    const hasPersonal = rule.effects.some((e) => e.target !== 'team');
    const hasTeam = rule.effects.some((e) => e.target === 'team');
    const slot = slotOf[ri];
    const off = offsets[slot];
    const slotIds = memberIds[slot];
    for (let ti = 0; ti < teams.length; ti++) {
      for (let d = 0; d < nDays; d++) {
        let teamN = 0;
        let teamPct = 0;
        for (const ci of teamMembers[ti]) {
          if (teamOf[ci] !== ti) continue;
          const bucket = ci * nDays + d;
          const n = off[bucket + 1] - off[bucket];
          if (n === 0) continue;
          if (hasPersonal) {
            addLine(personal[ci], {
              rule,
              window: calendar.days[d].date,
              day: d,
              count: n,
              centi: pCenti * n,
              neg: pNeg * n,
              fen: pFen * n + (pct.length ? pct[0][bucket] : 0),
              events: idsOfDay(slot, bucket),
              range: rule.range,
            });
          }
          if (hasTeam) {
            teamN += n;
            if (pct.length) teamPct += pct[1][bucket];
          }
        }
        if (teamN > 0) {
          // The team's line names its members' events of the day, member by
          // member: filled in place at its final size (no growing, no spread).
          const teamIds = new Array<string>(teamN);
          let j = 0;
          for (const ci of teamMembers[ti]) {
            if (teamOf[ci] !== ti) continue;
            const bucket = ci * nDays + d;
            for (let k = off[bucket]; k < off[bucket + 1]; k++) teamIds[j++] = slotIds[k];
          }
          addLine(teamBooks[ti], {
            rule,
            window: calendar.days[d].date,
            day: d,
            count: teamN,
            centi: tCenti * teamN,
            neg: tNeg * teamN,
            fen: tFen * teamN + teamPct,
            events: teamIds,
            range: rule.range,
          });
        }
      }
    }
  });

  // 2. clauses on counts, tiers, `all`, ratios, rank by count
  const rankByPoints: number[] = [];
  const ledgerRules: number[] = [];
  rules.forEach((rule, ri) => {
    const m = rule.measure;
    if (m.kind === 'ledger') return void ledgerRules.push(ri);
    if (m.kind === 'rank' && m.by === 'points') return void rankByPoints.push(ri);
    if (!rule.clauses.length) return;
    const slot = slotOf[ri];
    if (m.kind === 'count' && rule.eventType !== undefined) {
      runClauses(rule, consultantIds, (clause, span, ci) => {
        const count = countIn(slot, ci, span);
        const times = firings(clause.test, clause.each && !rule.tiers, count);
        if (times > 0) apply(rule, clause, clause.effects, span, times, count, idsIn(slot, ci, span), ci, teamOf[ci]);
        return times > 0;
      });
    } else if (m.kind === 'all' && rule.eventType !== undefined) {
      runClauses(rule, teamIds, (clause, span, ti) => {
        const members = teamMembers[ti];
        if (!members.length || !members.every((ci) => firings(clause.test, false, countIn(slot, ci, span)) > 0)) return false;
        members.forEach((ci, k) =>
          apply(rule, clause, clause.effects, span, 1, countIn(slot, ci, span), idsIn(slot, ci, span), ci, ti, k === 0),
        );
        return true;
      });
    } else if (m.kind === 'ratio') {
      const [a, b] = ratioSlots.get(ri) ?? [-1, -1];
      runClauses(rule, consultantIds, (clause, span, ci) => {
        const den = countIn(b, ci, span);
        if (den === 0) return false;
        const num = countIn(a, ci, span);
        const times = ratioFirings(clause.test, clause.each && !rule.tiers, clause.eachStep, num, den);
        if (times > 0) apply(rule, clause, clause.effects, span, times, num, idsIn(a, ci, span).concat(idsIn(b, ci, span)), ci, teamOf[ci]);
        return times > 0;
      });
    } else if (m.kind === 'rank' && rule.eventType !== undefined) {
      for (const clause of rule.clauses) {
        for (const span of spans(clause.window)) {
          const scores = consultants.map((_, ci) => countIn(slotOf[ri], ci, span));
          rankAndApply(rule, clause, span, scores, (ci) => idsIn(slotOf[ri], ci, span));
        }
      }
    }
  });

  function rankAndApply(rule: CompiledRule, clause: Clause, span: WindowSpan, scores: number[], eventsOf: (ci: number) => string[]) {
    const ranked = scores
      .map((score, ci) => ({ score, ci }))
      .filter((x) => x.score > 0)
      .sort((x, y) => y.score - x.score || x.ci - y.ci);
    let place = 0;
    ranked.forEach((x, k) => {
      if (k === 0 || ranked[k - 1].score !== x.score) place = k + 1;
      const effects = clause.effects.filter((e) => e.place === place);
      if (effects.length) apply(rule, clause, effects, span, 1, x.score, eventsOf(x.ci), x.ci, teamOf[x.ci]);
    });
  }

  /** Sum of a book's drafts in a window (by the day each draft's window starts), excluding ledger rules. */
  const measureBook = (book: Book, span: WindowSpan, quantity: 'deductions' | 'points', exclude: Set<CompiledRule>) => {
    let total = 0;
    const events = new Set<string>();
    // Lines often share one ids array (a day's per-event line and its threshold
    // line): an array already taken in adds nothing new, so it is skipped.
    const taken = new Set<string[]>();
    // The window's lines in book order: its days' positions, merged.
    let positions = book.byDay[span.first] ?? [];
    if (span.last > span.first) {
      positions = [];
      let days = 0;
      for (let day = span.first; day <= span.last; day++) {
        const list = book.byDay[day];
        if (!list) continue;
        days++;
        for (const at of list) positions.push(at);
      }
      if (days > 1) positions.sort((a, b) => a - b);
    }
    for (const at of positions) {
      const d = book.drafts[at];
      if (exclude.has(d.rule)) continue;
      if (quantity === 'deductions' && d.neg === 0) continue;
      total += quantity === 'deductions' ? -d.neg : d.centi;
      if (taken.has(d.events)) continue;
      taken.add(d.events);
      for (const id of d.events) events.add(id);
    }
    return { total, events: Array.from(events) };
  };

  // 3. rank by points
  const ledgerSet = new Set(ledgerRules.map((ri) => rules[ri]));
  for (const ri of rankByPoints) {
    const rule = rules[ri];
    for (const clause of rule.clauses) {
      for (const span of spans(clause.window)) {
        const measured = personal.map((book) => measureBook(book, span, 'points', ledgerSet));
        rankAndApply(
          rule,
          clause,
          span,
          measured.map((x) => x.total),
          (ci) => measured[ci].events,
        );
      }
    }
  }

  // 4. ledger rules, each over the lines of the other (non-ledger) rules
  for (const ri of ledgerRules) {
    const rule = rules[ri];
    const m = rule.measure;
    if (m.kind !== 'ledger') continue;
    const book = (x: number) => (m.ledger === 'team' ? teamBooks[x] : personal[x]);
    runClauses(rule, m.ledger === 'team' ? teamIds : consultantIds, (clause, span, x) => {
      const { total, events } = measureBook(book(x), span, m.quantity, ledgerSet);
      const times = firings(clause.test, clause.each && !rule.tiers, total / 100);
      if (times > 0) {
        if (m.ledger === 'team') apply(rule, clause, clause.effects, span, times, total / 100, events, -1, x);
        else apply(rule, clause, clause.effects, span, times, total / 100, events, x, teamOf[x]);
      }
      return times > 0;
    });
  }

  /** Points (hundredths) × point value (fen) → fen, rounded half away from zero: pointFen % of centi. */
  const pointsToFen = (centi: number) => percentOfFenExact(centi, pointFen, 1);
  const toLedger = (book: Book): Ledger => {
    let centi = 0;
    let fen = 0;
    const flags: string[] = [];
    const lines: ScoreLine[] = book.drafts.map((d) => {
      centi += d.centi;
      fen += d.fen;
      if (d.flag && !flags.includes(d.flag)) flags.push(d.flag);
      const line: ScoreLine = {
        rule: d.rule.id,
        count: d.count,
        points: d.centi / 100,
        money: (d.fen + pointsToFen(d.centi)) / 100,
        events: d.events,
      };
      if (d.rule.label !== undefined) line.label = d.rule.label;
      if (d.window !== undefined) line.window = d.window;
      if (d.flag !== undefined) line.flag = d.flag;
      line.range = d.range;
      return line;
    });
    // money = points × point value + yuan effects, on the totals (a line's money is rounded on its own)
    return { points: centi / 100, money: (fen + pointsToFen(centi)) / 100, flags, lines };
  };

  const out: Scorecards = { consultants: {}, teams: {}, warnings };
  consultants.forEach((id, ci) => (out.consultants[id] = toLedger(personal[ci])));
  teams.forEach((team, ti) => (out.teams[team.id] = toLedger(teamBooks[ti])));
  return out;
}

/** What the single pass over the events needs: the tables built from the rulebook and roster. */
interface ScanTables {
  byType: Map<string, number[]>;
  consultantIndex: Map<string, number>;
  calendar: Calendar;
  nDays: number;
  nSlots: number;
  nB: number;
  slotFilter: (EventFilter | undefined)[];
  pctRules: number[][];
  pctOf: (readonly [number, number, number])[][];
  pctFen: Float64Array[][];
}

/**
 * The one pass over the events. It is a function of its own (not inline in
 * evaluate) so that everything it touches per event is a local the compiler
 * keeps in registers, rather than a slot of evaluate's closure context that
 * the later helpers capture.
 */
function scanEvents(events: RuleEvent[], t: ScanTables, warn: (code: WarningCode, e: RuleEvent, params: Record<string, string>) => void) {
  const { byType, consultantIndex, calendar, nDays, nSlots, nB, slotFilter, pctRules, pctOf, pctFen } = t;
  const counts: Int32Array[] = Array.from({ length: nSlots }, () => new Int32Array(nB + 1));
  let cap = events.length + 1024; // most events match one or two streams: at most a couple of regrowths
  let mSlot = new Int32Array(cap);
  let mBucket = new Int32Array(cap);
  let mEvent = new Int32Array(cap);
  let nMatches = 0;
  /** Epoch ms of each event, for ordering a line's events by time. */
  const eventAt = new Float64Array(events.length);
  /** Ids of matched events, read once (events come in many shapes; this array has one). */
  const eventId: string[] = new Array<string>(events.length);
  // Whether the events kept so far come in time order (ties by id), as
  // exports usually do: then so does every bucket — a subsequence of them —
  // and groupMatches has nothing to check or sort. String ids only, so that
  // the order is a total one.
  let inOrder = true;
  let lastAt = -Infinity;
  let lastId = '';
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const slots = byType.get(e.type);
    const ci = consultantIndex.get(e.consultant);
    // Events no rule counts are skipped unread — unless their consultant is not on the roster (warned about).
    if (!slots && ci !== undefined) continue;
    const at = parseInstant(e.at);
    if (Number.isNaN(at)) {
      warn('bad-event-time', e, { event: e.id, at: String(e.at) });
      continue;
    }
    const day = dayIndex(calendar, at);
    if (day < 0) continue;
    if (ci === undefined) {
      warn('not-on-roster', e, { event: e.id, consultant: String(e.consultant) });
      continue;
    }
    if (!slots) continue;
    const amount = e.amount;
    if (amount !== undefined && !(typeof amount === 'number' && Math.abs(amount) <= MAX_AMOUNT)) {
      warn('bad-event-amount', e, { event: e.id, amount: String(amount) });
      continue;
    }
    // valid now: undefined or a finite number of yuan; in fen once, for every stream's percentages
    const fen = amount === undefined ? 0 : yuanToFen(amount);
    eventAt[i] = at;
    const id = e.id;
    eventId[i] = id;
    if (inOrder && (typeof id !== 'string' || at < lastAt || (at === lastAt && lastId > id))) inOrder = false;
    lastAt = at;
    lastId = id;
    const bucket = ci * nDays + day;
    for (let k = 0; k < slots.length; k++) {
      const slot = slots[k];
      const f = slotFilter[slot];
      if (f !== undefined && !f(e)) continue;
      if (nMatches === cap) {
        cap *= 2;
        mSlot = grow(mSlot, cap);
        mBucket = grow(mBucket, cap);
        mEvent = grow(mEvent, cap);
      }
      mSlot[nMatches] = slot;
      mBucket[nMatches] = bucket;
      mEvent[nMatches++] = i;
      counts[slot][bucket + 1]++;
      const withPct = pctRules[slot];
      if (withPct.length) {
        for (let r = 0; r < withPct.length; r++) {
          const ri = withPct[r];
          const pcts = pctOf[ri];
          for (let q = 0; q < pcts.length; q++) {
            const p = pcts[q];
            pctFen[ri][p[0]][bucket] += percentOfFenExact(fen, p[1], p[2]);
          }
        }
      }
    }
  }
  return { counts, mSlot, mBucket, mEvent, nMatches, eventAt, eventId, inOrder };
}

function grow(a: Int32Array<ArrayBuffer>, cap: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

/**
 * Groups the matches by (slot, bucket) — CSR: `offsets[slot][bucket]` is where
 * the bucket starts in `ids[slot]` — with each bucket in time order. A
 * function of its own for the same reason as scanEvents.
 */
function groupMatches(
  eventId: string[],
  counts: Int32Array[],
  mSlot: Int32Array,
  mBucket: Int32Array,
  mEvent: Int32Array,
  nMatches: number,
  eventAt: Float64Array,
  nB: number,
  inOrder: boolean,
) {
  // counts → offsets (prefix sums), then members grouped by (slot, bucket)
  const offsets = counts;
  for (const off of offsets) for (let b = 1; b <= nB; b++) off[b] += off[b - 1];
  /**
   * The ids of each (slot, bucket), read here in event order (one pass through
   * eventId), so that a line's ids are later one contiguous slice rather than
   * a gather from all over eventId.
   */
  const ids: string[][] = offsets.map((off) => new Array<string>(off[nB]));
  const cursor: Int32Array[] = offsets.map((off) => off.slice(0, nB));
  if (inOrder) {
    // Events came in time order: so does every bucket (see scanEvents).
    for (let m = 0; m < nMatches; m++) ids[mSlot[m]][cursor[mSlot[m]][mBucket[m]]++] = eventId[mEvent[m]];
    return { offsets, ids };
  }
  // Otherwise the events' indexes too, to put each bucket in order.
  const members: Int32Array[] = offsets.map((off) => new Int32Array(off[nB]));
  for (let m = 0; m < nMatches; m++) {
    const slot = mSlot[m];
    const at = cursor[slot][mBucket[m]]++;
    const i = mEvent[m];
    members[slot][at] = i;
    ids[slot][at] = eventId[i];
  }
  // Each bucket in time order (ties by id): a window's events are then the
  // concatenation of its days — the same whatever order the input came in.
  const byTime = (a: number, b: number) => eventAt[a] - eventAt[b] || (eventId[a] < eventId[b] ? -1 : eventId[a] > eventId[b] ? 1 : 0);
  for (let slot = 0; slot < offsets.length; slot++) {
    const off = offsets[slot];
    const list = members[slot];
    for (let b = 0; b < nB; b++) {
      const from = off[b];
      const to = off[b + 1];
      if (to - from < 2) continue;
      let sorted = true;
      for (let k = from + 1; k < to && sorted; k++) {
        const a = eventAt[list[k - 1]];
        const b = eventAt[list[k]];
        sorted = a < b || (a === b && byTime(list[k - 1], list[k]) <= 0);
      }
      if (sorted) continue;
      if (to - from <= 16) {
        for (let k = from + 1; k < to; k++) {
          const x = list[k];
          let j = k - 1;
          while (j >= from && byTime(list[j], x) > 0) {
            list[j + 1] = list[j];
            j--;
          }
          list[j + 1] = x;
        }
      } else list.subarray(from, to).sort(byTime);
      const idList = ids[slot];
      for (let k = from; k < to; k++) idList[k] = eventId[list[k]];
    }
  }
  return { offsets, ids };
}

export type { Calendar };
