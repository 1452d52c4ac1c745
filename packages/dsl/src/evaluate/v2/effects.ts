/**
 * Where version-2 effects land (LANGUAGE.md §9.2, §9.4, §9.10, §9.15): the
 * books of people and teams, the three targets (`personal`, `team`, `lead`),
 * money as a share of a pay item (`P% of bonus`, `daily base`), and the days
 * each flag is held — what `unless flag` gates read.
 */
import { percentOfFenExact, percentRational, toHundredths } from '../../money.js';
import { dailyFen, timesRational } from './rational.js';
import type { ClauseEffect, CompiledRule, EventEffect, Target } from '../../program.js';
import type { GatedLine, PayShare, CompiledRule as V1Rule, SourceRange } from '../../types.js';
import { addLine, newBook, type Book, type Draft } from '../lines.js';
import type { Setup, Span } from './setup.js';

export interface Books {
  personal: Book[];
  team: Book[];
  /** Days each flag is held, by person: `held.get(flag)[pi][day]`. */
  held: Map<string, (Uint8Array | undefined)[]>;
  /** Days each flag is held by a team ledger itself (gates of `team deductions` rules). */
  heldTeam: Map<string, (Uint8Array | undefined)[]>;
  /** Who raised each flag held (`held`, `heldTeam`): by flag, `p<person>` or `t<team>`, the rule and its days. */
  raisedBy: Map<string, Map<string, { rule: string; from: number; to: number }[]>>;
  /** Rules a closed `unless flag` gate kept from applying, by person and by team (§9.10; `Ledger.gated`). */
  gatedPersonal: GatedLine[][];
  gatedTeam: GatedLine[][];
}

/** A line's draft with what version 2 says about it besides (copied onto the `ScoreLine` at the end). */
export interface DraftV2 extends Draft {
  pay?: PayShare[];
  streak?: string[];
}

export function newBooks(setup: Setup): Books {
  return {
    personal: setup.people.map(() => newBook(setup.nDays)),
    team: setup.teams.map(() => newBook(setup.nDays)),
    held: new Map(),
    heldTeam: new Map(),
    raisedBy: new Map(),
    gatedPersonal: setup.people.map(() => []),
    gatedTeam: setup.teams.map(() => []),
  };
}

/** Marks days [from, to] as holding `flag` for `who` in `map`. */
function hold(map: Books['held'], flag: string, who: number, size: number, nDays: number, from: number, to: number): void {
  let list = map.get(flag);
  if (!list) map.set(flag, (list = new Array<Uint8Array | undefined>(size)));
  const days = (list[who] ??= new Uint8Array(nDays));
  days.fill(1, Math.max(0, from), Math.min(nDays - 1, to) + 1);
}

/** Notes that `rule` raised `flag` for `key` (`p3`, `t0`) over days [from, to]. */
function raised(books: Books, flag: string, key: string, rule: string, from: number, to: number): void {
  let byWho = books.raisedBy.get(flag);
  if (!byWho) books.raisedBy.set(flag, (byWho = new Map()));
  const list = byWho.get(key);
  if (!list) byWho.set(key, [{ rule, from, to }]);
  else if (!list.some((r) => r.rule === rule && r.from === from && r.to === to)) list.push({ rule, from, to });
}

/**
 * A gate (§9.10) closed for a person (or a team, `team: true`) on some day of [from, to]: the flags of `flags`
 * held then and the rules that raised them; undefined when the gate is open.
 */
export function closedBy(
  books: Books,
  flags: string[] | undefined,
  who: number,
  from: number,
  to: number,
  team = false,
): { flags: string[]; by: string[] } | undefined {
  if (!holds(books, flags, who, from, to, team)) return undefined;
  const out = { flags: [] as string[], by: [] as string[] };
  for (const flag of flags ?? []) {
    if (!holds(books, [flag], who, from, to, team)) continue;
    out.flags.push(flag);
    for (const r of books.raisedBy.get(flag)?.get(`${team ? 't' : 'p'}${who}`) ?? [])
      if (r.from <= to && r.to >= from && !out.by.includes(r.rule)) out.by.push(r.rule);
  }
  return out;
}

/**
 * Whether the rule's gate is closed for a person (a team: `team`) in a window; a closed gate in a window of
 * the period is written down on the ledger's `gated` list, with what the rule would have counted.
 */
export function gated(
  setup: Setup,
  books: Books,
  rule: CompiledRule,
  who: number,
  window: { key: string; first: number; last: number; inPeriod: boolean },
  count: number,
  events: () => string[],
  team = false,
  range: SourceRange = rule.range,
): boolean {
  const closed = closedBy(books, rule.unless, who, window.first, window.last, team);
  if (!closed) return false;
  if (!window.inPeriod) return true;
  const line: GatedLine = { rule: rule.id, window: window.key, count, events: events(), flags: closed.flags, by: closed.by, range };
  if (rule.label !== undefined) line.label = rule.label;
  (team ? books.gatedTeam : books.gatedPersonal)[who].push(line);
  return true;
}

/** Whether a person (or a team, `team: true`) holds any of `flags` on some day of [from, to]. */
export function holds(books: Books, flags: string[] | undefined, who: number, from: number, to: number, team = false): boolean {
  if (!flags?.length) return false;
  for (const flag of flags) {
    const days = (team ? books.heldTeam : books.held).get(flag)?.[who];
    if (!days) continue;
    for (let d = from; d <= to; d++) if (days[d]) return true;
  }
  return false;
}

/** Who receives an effect aimed at `target` from person `pi` (or team `ti` when pi < 0): a book, and whose pay it reads. */
export interface Receiver {
  book: Book;
  /** Person whose pay items a `pay` effect reads (−1: a team ledger, none). */
  payer: number;
  /** A team ledger: its flags are held by every member and the lead. */
  team?: number;
}

export function receiverOf(setup: Setup, books: Books, rule: CompiledRule, target: Target, pi: number, ti: number): Receiver | undefined {
  if (target === 'personal') return pi >= 0 ? { book: books.personal[pi], payer: pi } : { book: books.team[ti], payer: -1, team: ti };
  if (ti < 0) {
    setup.warnOnce('no-team', { member: setup.people[pi].id, rule: rule.id });
    return undefined;
  }
  if (target === 'team') return { book: books.team[ti], payer: -1, team: ti };
  const lead = setup.leads[ti];
  if (lead < 0) {
    setup.warnOnce('no-lead', { team: setup.teams[ti].id, rule: rule.id });
    return undefined;
  }
  return { book: books.personal[lead], payer: lead };
}

/** `value` % of the payer's pay item (monthly, or daily), rounded half away from zero to the fen; 0 (warned) when missing. */
export function payShare(setup: Setup, eff: { value: number; pay?: string; daily?: boolean }, payer: number): number {
  return payShareOf(setup, eff, payer)?.fen ?? 0;
}

/** The share of `payShare` explained (which item, which share, of which amount; `times` 1); undefined when missing (warned). */
export function payShareOf(setup: Setup, eff: { value: number; pay?: string; daily?: boolean }, payer: number): PayShare | undefined {
  const item = eff.pay ?? '';
  const monthly = payer >= 0 ? setup.people[payer].payFen.get(item) : undefined;
  if (monthly === undefined) {
    if (payer >= 0) setup.warnOnce('missing-pay', { member: setup.people[payer].id, pay: item });
    return undefined;
  }
  const base = eff.daily ? dailyFen(monthly, setup.program.workdays ?? 21.75) : monthly;
  const [num, den] = percentRational(eff.value);
  const share: PayShare = {
    item,
    percent: eff.value,
    monthlyFen: monthly,
    baseFen: base,
    fen: percentOfFenExact(base, num, den),
    times: 1,
  };
  const label = setup.program.pay?.find((p) => p.name === item)?.label;
  if (label !== undefined) share.label = label;
  if (eff.daily) share.daily = true;
  return share;
}

/** How a clause's firing is counted: `times` firings, and the measured value num/den for `X per` effects. */
export interface Firing {
  times: number;
  /** The measured value as a rational (a count: count/1). */
  num: number;
  den: number;
  /** The line's `count`. */
  count: number;
}

/**
 * Applies a clause's effects for one firing to the receivers of person `pi`
 * (or team `ti`, pi < 0); `teamOnce` false leaves out `team` and `lead`
 * targets (an `all` or `every` clause applies those once per team).
 * Flags are held over [holdFrom, holdTo].
 */
export function applyClause(
  setup: Setup,
  books: Books,
  rule: CompiledRule,
  range: SourceRange,
  effects: ClauseEffect[],
  span: Span,
  firing: Firing,
  events: string[],
  pi: number,
  ti: number,
  teamOnce = true,
  holdTo = span.last,
  streak?: string[],
): void {
  // month-to-date: the clause's lines are projected while its window is open and could still change (as-of.ts)
  const clause = setup.projected ? rule.clauses.find((c) => c.range === range) : undefined;
  const projected = clause !== undefined && setup.projected!(rule, clause, span.last);
  for (const eff of effects) {
    if (eff.target !== 'personal' && !teamOnce) continue;
    if (eff.target === 'personal' && pi < 0 && !teamOnce) continue;
    const to = receiverOf(setup, books, rule, eff.target, pi, ti);
    if (!to) continue;
    const per = eff.perCount === true;
    let centi = 0;
    let fen = 0;
    let pay: PayShare | undefined;
    if (eff.kind === 'flag') {
      const flag = eff.flag ?? '';
      const holdFor = (map: Books['held'], who: number, key: string, size: number) => {
        hold(map, flag, who, size, setup.nDays, span.first, holdTo);
        raised(books, flag, key, rule.id, span.first, holdTo);
      };
      if (to.team !== undefined) {
        holdFor(books.heldTeam, to.team, `t${to.team}`, setup.teams.length);
        for (const m of setup.teamMembers[to.team]) holdFor(books.held, m, `p${m}`, setup.people.length);
        const lead = setup.leads[to.team];
        if (lead >= 0) holdFor(books.held, lead, `p${lead}`, setup.people.length);
      } else holdFor(books.held, to.payer, `p${to.payer}`, setup.people.length);
    } else {
      if (eff.kind === 'pay') pay = payShareOf(setup, eff, to.payer);
      const unit = eff.kind === 'points' ? toHundredths(eff.value) : eff.kind === 'fen' ? eff.value : (pay?.fen ?? 0);
      if (per ? firing.num === 0 : firing.times === 0) continue;
      const amount = per ? timesRational(unit, firing.num, firing.den) : unit * firing.times;
      if (pay) pay.times = per ? firing.num / firing.den : firing.times;
      if (eff.kind === 'points') centi = amount;
      else fen = amount;
    }
    const draft: DraftV2 = {
      rule: rule as unknown as V1Rule,
      window: span.key,
      day: span.first,
      count: per ? firing.count : firing.times,
      centi,
      neg: Math.min(0, centi),
      fen,
      events,
      flag: eff.kind === 'flag' ? eff.flag : undefined,
      range,
      ...(projected ? { projected: true } : {}),
    };
    if (pay) draft.pay = [pay];
    if (streak) draft.streak = streak;
    addLine(to.book, draft);
  }
}

/** The pay-item shares of a rule's per-event effects aimed at `target`, for a line of `n` events (§9.4). */
export function perEventPay(setup: Setup, effects: EventEffect[], target: Target, payer: number, n: number): PayShare[] | undefined {
  let out: PayShare[] | undefined;
  for (const eff of effects) {
    if (eff.target !== target || eff.kind !== 'pay') continue;
    const share = payShareOf(setup, eff, payer);
    if (!share) continue;
    share.times = n;
    (out ??= []).push(share);
  }
  return out;
}

/** The per-event part of a rule's effects for `n` events: points and fen (without percentages of the event's amount), by target. */
export function perEventUnit(
  setup: Setup,
  effects: EventEffect[],
  target: Target,
  payer: number,
): { centi: number; neg: number; fen: number } {
  let centi = 0;
  let neg = 0;
  let fen = 0;
  for (const eff of effects) {
    if (eff.target !== target) continue;
    if (eff.kind === 'points') {
      const c = toHundredths(eff.value);
      centi += c;
      neg += Math.min(0, c);
    } else if (eff.kind === 'fen') fen += eff.value;
    else if (eff.kind === 'pay') fen += payShare(setup, eff, payer);
  }
  return { centi, neg, fen };
}
