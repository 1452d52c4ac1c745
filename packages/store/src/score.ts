/**
 * Scoring — loaded on demand by `score()` (it brings the evaluator): a period
 * scored straight from the store with the rulebook versions in effect,
 * corrections of accepted appeals applied; frozen snapshots of closed months;
 * the adjustment lines that changes to a closed month add to the next open
 * month; what-if scoring with an unpublished rulebook through the very same
 * path (its draft version is made in `what-if.ts`, loaded only for a what-if).
 *
 * @module
 */
import type { Ledger, Period, Scorecards } from '@rulecard/dsl';
import type { ScoreOptions, Subject } from './api.js';
import { appealsOf } from './appeal-reads.js';
import { StoreError, readFieldError } from './errors.js';
import { monthPeriod, validRange, type StoreCore } from './internal.js';
import { APPEAL_TYPE, CORRECTION_TYPE, DERIVED_TYPES, appealIdOf } from './line-rules.js';
import { storeLine, withSnapshotIntegers } from './money.js';
import { DEFAULT_RULEBOOK, listVersions } from './rulebooks.js';
import { subjectMemberIds, toRoster } from './roster.js';
import {
  ADJUSTMENT_RULE,
  addLine,
  applyCorrections,
  correctionsIn,
  ranksConsultants,
  scoreWithVersions,
  selectLedgers,
  type Evaluate,
} from './scoring.js';
import { addDays, firstDayOfMonth, isInstant, nextMonth, wholeMonthOf } from '@rulecard/dsl/calendar';
import type { MemberRecord, PeriodRecord, RulebookVersion, ScoreResult, StoredEvent, TeamRecord } from './types.js';

/** Event types the store writes itself: derived from call logs, appeals and their corrections. */
const STORE_TYPES: ReadonlySet<string> = new Set<string>([...DERIVED_TYPES, APPEAL_TYPE, CORRECTION_TYPE]);

/**
 * What scoring does not read of a stored event (a hint to the adapter: the server's reads a million events of a
 * branch-month without them). Kept: the evaluator's fields (`id`, `type`, `consultant`, `at`, `amount`, `attrs`), `day`, and `origin` and `sourceId`
 * (corrections name their appeal with them).
 */
const BOOKKEEPING: readonly string[] = ['rev', 'recordedBy', 'createdAt', 'updatedAt', 'note'];

/**
 * Live scoring of `period` for the teams in `scope` (null: everyone), corrections applied. `narrow`: the events read
 * may lack their bookkeeping (when the caller does not hand them out).
 */
export async function scoreLive(
  core: StoreCore,
  scope: Set<string> | null,
  period: Period,
  versions: RulebookVersion[],
  teams: TeamRecord[],
  members: MemberRecord[],
  asOf?: string,
  narrow = false,
): Promise<(NonNullable<ReturnType<typeof scoreWithVersions>> & { stored: StoredEvent[]; read: string[] }) | null> {
  const scopedTeams = scope ? teams.filter((t) => scope.has(t.id)) : teams;
  const roster = toRoster(scopedTeams, members, period.from, period.to);
  // A version-2 rulebook (LANGUAGE.md §9): its evaluator is loaded only then (a version-1 scorecard stays small).
  const v2 = versions.some((v) => v.compiled.format === 'rulecard/2');
  const v2Module = v2 ? await import('@rulecard/dsl/evaluate-v2') : undefined;
  // One day of margin each side: the rulebook may cut days in another time zone; the evaluator drops what is outside.
  // Before the period, as far back as a version-2 program looks (`running N` streaks, `ever`: §9.5, §9.6).
  const from = addDays(
    v2Module
      ? v2Module.lookbackFrom(
          versions.map((v) => v.compiled),
          period.from,
        )
      : period.from,
    -1,
  );
  const to = addDays(period.to, 1);
  // The teams' members, and the people listed only in `members` (a lead who is a manager of another team).
  const read = [...new Set([...roster.teams.flatMap((t) => t.members), ...(roster.members ?? []).map((m) => m.id)])];
  const stored = await core.eventsOf(read, from, to, narrow ? BOOKKEEPING : undefined);
  // Its scoring is incremental (unless the store was made without): a period scored by one version, by the store's warm evaluation of it (warm-scoring.ts).
  const evaluateWith: Evaluate | undefined = !v2Module
    ? undefined
    : core.incremental
      ? (await import('./warm-scoring.js')).warmEvaluate(core)
      : (program, input, options) => v2Module.evaluate(program, input, options);
  // Stored events as they are (a `StoredEvent` is a `RuleEvent`; the evaluator reads its fields and keeps none of
  // the records): a million copies were a tenth of a branch-month's score on the server.
  const scored = scoreWithVersions({ versions, events: stored, roster, period, asOf }, evaluateWith);
  if (!scored) return null;
  // "No rule binds this type: a typo in the data?" (LANGUAGE.md §9.13) is for data typed in, not for the types the store
  // writes itself (a consultation per call log, appeals, corrections): a rulebook need not score those.
  scored.scorecards.warnings = scored.scorecards.warnings.filter(
    (w) => !(w.code === 'unused-event-type' && STORE_TYPES.has(w.params?.type ?? '')),
  );
  // Accepted appeals: explained correction lines on the consultants' ledgers (payroll = what the scorecard shows).
  const corrections = correctionsIn(stored, period);
  if (corrections.length) {
    const ids = [...new Set(corrections.map(appealIdOf).filter((id): id is string => id !== undefined))];
    const appeals = await core.adapter.queryMany(
      'appeals',
      ids.map((only) => ({ only })),
    );
    applyCorrections(scored.scorecards, corrections, new Map(appeals.map((a) => [a.id, a])));
  }
  return { ...scored, stored, read };
}

/** Closed months (with a snapshot), by month, whose next open month starts inside `period`: adjustment lines may apply. */
function adjustableMonths(periods: PeriodRecord[], period: Period): PeriodRecord[] {
  const closed = periods.filter((p) => p.status === 'closed' && p.snapshot).sort((a, b) => (a.month < b.month ? -1 : 1));
  const closedSet = new Set(closed.map((p) => p.month));
  return closed.filter((p) => {
    let next = nextMonth(p.month);
    while (closedSet.has(next)) next = nextMonth(next);
    const first = firstDayOfMonth(next);
    return first >= period.from && first <= period.to;
  });
}

export async function score(core: StoreCore, subject: Subject, period: Period, options: ScoreOptions = {}): Promise<ScoreResult> {
  validRange(period);
  if (options.asOf !== undefined && !isInstant(options.asOf))
    throw new StoreError('validation', { fields: [readFieldError('asOf', 'instant')] });
  const rulebookId = options.rulebookId ?? DEFAULT_RULEBOOK;
  const [published, teams, members, periods] = await Promise.all([
    listVersions(core.adapter, rulebookId),
    core.adapter.getAll('teams'),
    core.adapter.getAll('members'),
    core.adapter.getAll('periods').then((all) => all.map(withSnapshotIntegers)),
  ]);
  const draft =
    options.rulebook === undefined
      ? undefined
      : await (await import('./what-if.js')).draftVersion(options.rulebook, rulebookId, published, period);
  const versions = draft ? [...published, draft] : published;
  if (versions.length === 0) throw new StoreError('no-rulebook');

  // Whom to show, and whom to score with them.
  let showConsultants: Set<string> | null = null;
  let showTeams: Set<string> | null = null;
  let scope: Set<string> | null = null;
  if ('consultant' in subject) {
    const m = members.find((x) => x.id === subject.consultant);
    showConsultants = new Set([subject.consultant]);
    showTeams = new Set(m ? [m.teamId] : []);
    scope = new Set(showTeams);
  } else if ('team' in subject) {
    showTeams = new Set([subject.team]);
    showConsultants = new Set(members.filter((m) => m.teamId === subject.team).map((m) => m.id));
    scope = new Set(showTeams);
  }
  // Rank rules compare consultants across the whole roster: score everyone then.
  if (scope && versions.some((v) => ranksConsultants(v.compiled))) scope = null;

  // A closed month asked for exactly: its frozen snapshot.
  const month = wholeMonthOf(period);
  const closed = month === undefined ? undefined : periods.find((p) => p.month === month && p.status === 'closed');
  if (closed?.snapshot) {
    const result: ScoreResult = {
      period: { ...period },
      scorecards: selectLedgers(structuredClone(closed.snapshot.scorecards), showConsultants, showTeams),
      versions: closed.snapshot.versions,
      frozen: true,
      adjustedMonths: [],
    };
    if (options.events) {
      const who = subjectMemberIds(subject, members, period);
      [result.events, result.appeals] = await Promise.all([core.eventsOf(who, period.from, period.to), appealsOf(core, who, period)]);
    }
    return result;
  }

  const live = await scoreLive(core, scope, period, versions, teams, members, options.asOf, !options.events);
  if (!live) throw new StoreError('no-rulebook');
  const adjustedMonths =
    options.adjustments === false || adjustableMonths(periods, period).length === 0
      ? []
      : await addAdjustments(core, live.scorecards, period, periods, scope, versions, teams, members);
  const result: ScoreResult = {
    period: { ...period },
    scorecards: selectLedgers(live.scorecards, showConsultants, showTeams),
    versions: draft ? live.versions.map((u) => (u.version === draft.version ? { ...u, draft: true as const } : u)) : live.versions,
    frozen: false,
    adjustedMonths,
  };
  if (options.events) {
    // The events read for the score (its scope, a day of margin each side), narrowed to what `listEvents` returns.
    // On-read derived events fall on their log's day, so the day filter matches `listEvents` exactly.
    const who = subjectMemberIds(subject, members, period);
    const read = new Set(live.read);
    const wanted = new Set(who);
    const events = live.stored.filter((e) => wanted.has(e.consultant) && e.day >= period.from && e.day <= period.to);
    // Subject members the score did not read (not on the period's roster: a former member, a non-scored role).
    const unread = who.filter((m) => !read.has(m));
    if (unread.length) events.push(...(await core.eventsOf(unread, period.from, period.to)));
    result.events = events;
    result.appeals = await appealsOf(core, who, period);
  }
  return result;
}

/**
 * Adjustment lines: for each closed month M whose next open month starts
 * inside `period`, the difference between M scored now and M's snapshot
 * (less adjustments to M already frozen in months closed since).
 */
export async function addAdjustments(
  core: StoreCore,
  into: Scorecards,
  period: Period,
  periods: PeriodRecord[],
  scope: Set<string> | null,
  versions: RulebookVersion[],
  teams: TeamRecord[],
  members: MemberRecord[],
): Promise<string[]> {
  const months = adjustableMonths(periods, period);
  if (months.length === 0) return [];
  const closed = periods.filter((p) => p.status === 'closed' && p.snapshot);
  const teamOf = new Map(members.map((x) => [x.id, x.teamId]));
  const adjusted: string[] = [];
  for (const m of months) {
    const snap = m.snapshot!;
    const changes = (await core.adapter.query('changes', { index: 'by-month', only: m.month })).filter((c) => c.at >= snap.closedAt);
    if (changes.length === 0) continue;
    const now = await scoreLive(core, scope, monthPeriod(m.month), versions, teams, members, undefined, true);
    if (!now) continue;
    // Adjustments to M frozen in snapshots of months closed after M's (latest) close.
    const frozen = new Map<string, Sums>();
    for (const c of closed) {
      if (!c.snapshot || c.snapshot.closedAt <= snap.closedAt) continue;
      for (const [kind, rec] of [
        ['c', c.snapshot.scorecards.consultants],
        ['t', c.snapshot.scorecards.teams],
      ] as const) {
        for (const [id, ledger] of Object.entries(rec)) {
          for (const l of ledger.lines) {
            if (l.rule !== ADJUSTMENT_RULE || l.window !== m.month) continue;
            const f = frozen.get(`${kind}:${id}`) ?? { centipoints: 0, fen: 0 };
            f.centipoints += l.centipoints;
            f.fen += l.fen;
            frozen.set(`${kind}:${id}`, f);
          }
        }
      }
    }
    let any = false;
    const emit = (
      kind: 'c' | 't',
      id: string,
      nowLedger: Ledger | undefined,
      snapLedger: Ledger | undefined,
      target: Record<string, Ledger>,
    ): void => {
      const snapBase = withoutAdjustments(snapLedger);
      const f = frozen.get(`${kind}:${id}`) ?? { centipoints: 0, fen: 0 };
      const centipoints = (nowLedger?.centipoints ?? 0) - snapBase.centipoints - f.centipoints;
      const fen = (nowLedger?.fen ?? 0) - snapBase.fen - f.fen;
      if (centipoints === 0 && fen === 0) return;
      const ids = [
        ...new Set(
          changes
            .filter((c) => (kind === 'c' ? c.consultant === id : c.consultant !== undefined && teamOf.get(c.consultant) === id))
            .map((c) => c.recordId),
        ),
      ];
      const line = storeLine({
        rule: ADJUSTMENT_RULE,
        label: `调整 ${m.month} / Adjustment to ${m.month}`,
        window: m.month,
        count: ids.length,
        centipoints,
        fen,
        events: ids,
      });
      addLine(target, id, line);
      any = true;
    };
    for (const id of new Set([...Object.keys(now.scorecards.consultants), ...Object.keys(snap.scorecards.consultants)])) {
      if (scope && !scope.has(teamOf.get(id) ?? '')) continue;
      emit('c', id, now.scorecards.consultants[id], snap.scorecards.consultants[id], into.consultants);
    }
    for (const id of new Set([...Object.keys(now.scorecards.teams), ...Object.keys(snap.scorecards.teams)])) {
      if (scope && !scope.has(id)) continue;
      emit('t', id, now.scorecards.teams[id], snap.scorecards.teams[id], into.teams);
    }
    if (any) adjusted.push(m.month);
  }
  return adjusted;
}

/** Points and money of a ledger or a sum of lines, as integers. */
interface Sums {
  centipoints: number;
  fen: number;
}

function withoutAdjustments(ledger: Ledger | undefined): Sums {
  if (!ledger) return { centipoints: 0, fen: 0 };
  let { centipoints, fen } = ledger;
  for (const l of ledger.lines) {
    if (l.rule !== ADJUSTMENT_RULE) continue;
    centipoints -= l.centipoints;
    fen -= l.fen;
  }
  return { centipoints, fen };
}
