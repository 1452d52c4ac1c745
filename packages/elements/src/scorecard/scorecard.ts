import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { Ledger, Period } from '@rulecard/dsl';
import type { RulebookVersion, RulecardStore, ScoreResult, StoredEvent, Subject } from '@rulecard/store';
import { deepEquals } from '@lit/task/deep-equals.js';
import { RulecardElement } from '../shared/base.js';
import { canSee, isSupervisor } from '../shared/context.js';
import { FirstRunController } from '../shared/first-run.js';
import { LocaleController } from '../shared/i18n.js';
import { LiveController } from '../shared/live.js';
import { errorText, storeErrorOf } from '../shared/store.js';
import { storeThenValues } from '../shared/task-args.js';
import { dateInZone, periodOf } from '@rulecard/dsl/calendar';
import type { Appeal } from './appeals.js';
import { AppealsController } from './appeals-panel.js';
import type { BoardController } from './board.js';
import { cardView, unreadLineEvents, type CardData } from './card.js';
import type { ScorecardHost } from './host.js';
import { scorecardCatalog } from './messages/index.js';
import { buildModel, trendNeedsEvents, type RuleInfo, type ScorecardModel } from './model.js';
import { ruleTexts } from './rule-info.js';
import { scorecardStyles } from './styles.js';

const EMPTY_LEDGER: Ledger = { points: 0, money: 0, flags: [], lines: [], centipoints: 0, fen: 0 };

/** Events read for the expanded lines of one score read. */
interface LineEvents {
  data: CardData | undefined;
  events: ReadonlyMap<string, StoredEvent>;
}
type LineEventsArgs = readonly [RulecardStore | undefined, CardData | undefined, string[]];

/**
 * `<rulecard-scorecard>` — a consultant's or a team's points and money for a
 * day or a month, straight from the store: totals, flags, every line grouped
 * by the rule that produced it (with the rule's text), each expandable to the
 * events behind it; a month trend (SVG); for leads and managers a leaderboard
 * and the open appeals. Updates live when anything is saved in any tab.
 * Runs the compiled rulebook only: no parser, no editor in its bundle.
 *
 * Consultants see only their own scorecard and may appeal (申诉) any line with a
 * reason; leads and managers accept (the line is reversed by a recorded
 * correction event) or reject with a reason; both see the history.
 *
 * @example
 * ```html
 * <script type="module" src="/rulecard/scorecard.js"></script>
 * <rulecard-scorecard consultant="c01" role="consultant" month="2026-11"></rulecard-scorecard>
 * <rulecard-scorecard consultant="m01" role="manager" team="t1" day="2026-11-03" lang="en"></rulecard-scorecard>
 * ```
 *
 * @attr consultant - Roster id of the signed-in user (their own scorecard unless `for-consultant` or `team`).
 * @attr role - `consultant` (default), `lead` or `manager`.
 * @attr for-consultant - Leads and managers: the consultant to show.
 * @attr team - Leads and managers: the team to show.
 * @attr month - `YYYY-MM` (default: the current month).
 * @attr day - `YYYY-MM-DD`: show one day instead of a month.
 * @attr rulebook - Rulebook id (default `default`).
 * @attr database - IndexedDB database name when no store is provided (default `rulecard`).
 * @attr lang - `en` for English; zh-CN otherwise (inherits the closest ancestor's `lang`).
 *
 * @fires rulecard-appeal - `{ action: 'opened' | 'accepted' | 'rejected', appealId, rule, consultant }`.
 * @fires rulecard-saved - `{ kind: 'appeal', id }` after an appeal or a decision is stored.
 * @fires rulecard-export - `{ kind: 'score-csv', filename, csv, period, team? }` when a manager exports the lines for
 *   payroll; cancelable: `preventDefault()` keeps the CSV for the page, no download.
 * @fires rulecard-month - `{ action: 'closed' | 'reopened', month }` when a manager closes (结账) or reopens a month.
 * @fires rulecard-error - `{ kind: 'scorecard', message }` when a write or an export failed.
 * @fires rulecard-setup - `{ step: 'roster' | 'rulebook' }`: on first run (no consultants or no rulebook in effect), a manager
 *   asked to open that setup step.
 *
 * @csspart header - title and totals.
 * @csspart totals - the points / money / flags list.
 * @csspart month-so-far - "本月进度 / Month so far": targets of windows not yet ended (progress, what they would do if the
 *   window ended today) and the totals confirmed and projected; only while some line is projected.
 * @csspart rule-group - one `<details>` per rule.
 * @csspart line - a score line row.
 * @csspart events - the table of events behind a line.
 * @csspart explain - a version-2 line in words: its pay-item share, its streak's windows, or the flag that kept a rule from
 *   applying (the rules not applied are listed in their own `rule-group`, `data-rule="gated"`).
 * @csspart trend - the SVG chart.
 * @csspart trend-axis - the chart's axis labels (the dates under it, 0 at the zero line).
 * @csspart leaderboard - the leaderboard table.
 * @csspart appeals - the appeals section.
 * @csspart closing - the month-closing section (managers).
 * @csspart button - every button.
 * @csspart first-run - the setup steps (managers) or what to ask for (others), shown instead of the card while the
 *   store has no roster, no rulebook in effect today, or the signed-in consultant is not on the roster.
 *
 * @cssprop --rulecard-chart-positive - bars of days with net gains (default: `--rulecard-color-positive`, #1a7f37).
 * @cssprop --rulecard-chart-negative - bars of days with net losses (default: `--rulecard-color-danger`, #b42318).
 * @cssprop --rulecard-chart-line - the cumulative line (default: `--rulecard-color-accent`, #0b5cad).
 * @cssprop --rulecard-chart-height - height of the trend chart (default 160px; it always fills the width).
 * @cssprop --rulecard-color-text - text (default #1f2328).
 * @cssprop --rulecard-color-muted - secondary text (default #57606a).
 * @cssprop --rulecard-color-surface - background (default #ffffff).
 * @cssprop --rulecard-color-border - borders (default #8c959f).
 * @cssprop --rulecard-font - font stack.
 * @cssprop --rulecard-radius - corner radius (default 6px).
 */
export class RulecardScorecard extends RulecardElement implements ScorecardHost {
  static override styles = scorecardStyles;

  /** Leads and managers: the consultant to show. */
  @property({ attribute: 'for-consultant' }) forConsultant = '';
  /** Leads and managers: the team to show. */
  @property() team = '';
  /** `YYYY-MM`; default the current month. */
  @property() month = '';
  /** `YYYY-MM-DD`; when set, one day is shown. */
  @property() day = '';
  /** Rulebook id. */
  @property() rulebook = 'default';

  /** @internal */
  readonly i18n = new LocaleController(this, scorecardCatalog);
  /** @internal Bumped on every store change that can change a score. */
  @state() revision = 0;
  /** @internal The last failed action's message. */
  @state() failure = '';
  /** Line key → how many of its events are shown. */
  @state() private expanded = new Map<string, number>();

  private readonly appeals = new AppealsController(this);
  /** No consultants, no rulebook in effect, or the signed-in consultant not on the roster: what to set up, or whom to ask. */
  private readonly firstRun = new FirstRunController(this, {
    needs: ['roster', 'rulebook', 'person'],
    locale: () => this.i18n.locale,
    rulebook: () => this.rulebook,
    emit: (detail) => this.emit('rulecard-setup', detail),
  });
  /** The leads' and managers' board, loaded on demand (`board.ts`). */
  @state() private board?: BoardController;
  @state() private boardFailed?: unknown;
  private boardLoading?: Promise<void>;

  private readonly live = new LiveController(this, (change) => {
    if (
      change.type === 'closed' ||
      change.kinds.some(
        (k) => k === 'events' || k === 'appeals' || k === 'callLogs' || k === 'rulebookVersions' || k === 'members' || k === 'periods',
      )
    ) {
      this.revision++;
    }
  });

  /** The period shown. */
  get period(): Period {
    if (this.day) return periodOf(this.day);
    return periodOf(this.month || dateInZone(new Date(), this.timeZone).slice(0, 7));
  }

  /** What the signed-in user asked to see, `'forbidden'`, or `undefined` (no user, or a supervisor who named nobody). */
  private get subject(): Subject | 'forbidden' | undefined {
    const user = this.user;
    if (!user) return undefined;
    if (!isSupervisor(user)) {
      if (this.team || (this.forConsultant && !canSee(user, this.forConsultant))) return 'forbidden';
      return { consultant: user.consultant };
    }
    if (this.team) return { team: this.team };
    if (this.forConsultant) return { consultant: this.forConsultant };
    return undefined;
  }

  /**
   * First paint: the score with the subject's events (appeals, corrections, the
   * events behind a line — the store returns those it read for the score), the
   * rule texts and the names, read in parallel. A page's own store that returns
   * no events with the score gets them read afterwards by `details`.
   */
  private readonly data = new Task(this, {
    task: async ([store, subject, period, rulebook]): Promise<CardData | undefined> => {
      if (!store || !subject || subject === 'forbidden') return undefined;
      const [result, inEffect, members, teamList, trend] = await Promise.all([
        // As of now: targets of windows not yet ended come back projected ("month so far", not in the totals).
        store.score(subject, period, { rulebookId: rulebook, events: true, asOf: new Date().toISOString() }),
        store.rulebookInEffect(period.to, rulebook),
        store.listMembers(),
        'team' in subject ? store.listTeams() : [],
        import('./trend.js'),
      ]);
      trend.adoptTrendStyles(this.renderRoot);
      const data: CardData = {
        subject,
        period,
        result,
        rules: await ruleTexts(store, result, inEffect),
        names: new Map(members.map((x) => [x.id, x.name])),
        teams: new Map(teamList.map((t) => [t.id, t.name])),
        trend,
        soFar:
          Object.values(result.scorecards.consultants).some((l) => l.projected) ||
          Object.values(result.scorecards.teams).some((l) => l.projected)
            ? await import('./so-far.js')
            : undefined,
      };
      // version 2: pay items, streaks, gates in words (a version-1 card never loads it)
      const shown = ledgerOf(data);
      if (shown.gated || shown.lines.some((x) => x.pay || x.streak)) data.explain = await import('./explain.js');
      return data;
    },
    args: () => [this.activeStore, this.subject, this.period, this.rulebook, this.revision] as const,
    argsEqual: storeThenValues,
  });

  /** After the first paint: the subject's events in the period (appeals, corrections, the events behind the lines). */
  private readonly details = new Task(this, {
    task: async ([store, data]) => {
      if (!store || !data) return undefined;
      // Without events from the score (a page's own store): a team's card shows no appeals or corrections (they
      // are personal), so its events are read only when the trend needs their days (week/month windows); the
      // events behind a line are read when it is expanded.
      if (data.result.events !== undefined || ('team' in data.subject && !trendNeedsEvents(ledgerOf(data).lines))) return undefined;
      const subject = data.subject;
      const [events, appeals] = await Promise.all([
        store.listEvents(subject, data.period),
        'consultant' in subject ? store.listAppeals(subject, data.period) : undefined,
      ]);
      return { data, events, appeals };
    },
    // `data` changes once per score read (mount, live update): the events are read after the score, never alongside it.
    args: () => [this.activeStore, this.data.value] as const,
  });

  /**
   * Events read one by one for the expanded lines of a card that read no events with its score (a team's), kept
   * until the score is read again.
   */
  private readonly lineEvents: Task<LineEventsArgs, LineEvents> = new Task(this, {
    task: async ([store, data, ids]): Promise<LineEvents> => {
      const previous = this.lineEvents.value;
      const known = previous && previous.data === data ? previous.events : new Map<string, StoredEvent>();
      if (!store || !data || ids.length === 0) return { data, events: known };
      const found = await Promise.all(ids.map((id) => store.getEvent(id)));
      const events = new Map(known);
      for (const ev of found) if (ev) events.set(ev.id, ev);
      return { data, events };
    },
    args: () => [this.activeStore, this.data.value, this.unreadLineEvents()] as const,
    argsEqual: (a, b) => a[0] === b[0] && a[1] === b[1] && deepEquals(a[2], b[2]),
  });

  /** The call-log entries behind the derived events the expanded lines show (log-detail.ts, loaded with the first). */
  private readonly logNotes = new Task(this, {
    task: async ([store, events, locale]) =>
      store && events.length ? (await import('./log-detail.js')).logDetails(store, events, locale, this.timeZone) : undefined,
    args: () => [this.activeStore, this.shownDerived(), this.i18n.locale] as const,
    argsEqual: (a, b) => a[0] === b[0] && a[2] === b[2] && deepEquals(a[1], b[1]),
  });

  /** The events derived from call logs that the expanded lines show. */
  private shownDerived(): StoredEvent[] {
    const data = this.data.value;
    if (!data || this.expanded.size === 0) return [];
    const model = this.modelOf(data);
    const known = this.lineEvents.value?.events;
    const out: StoredEvent[] = [];
    for (const g of model.groups)
      g.lines.forEach((line, i) => {
        for (const id of line.events.slice(0, this.expanded.get(`${g.rule}#${i}`) ?? 0)) {
          const ev = model.events.get(id) ?? known?.get(id);
          if (ev?.sourceId) out.push(ev);
        }
      });
    return out;
  }

  private modelCache?: { data: CardData; events: StoredEvent[] | undefined; appeals: Appeal[] | undefined; model: ScorecardModel };

  /** The model of `data`, with the events once `details` has read them for that same score. */
  private modelOf(data: CardData): ScorecardModel {
    // Until the events of a new score arrive, those of the previous one (same subject and period) stand in: no flicker on live updates.
    const d = this.details.value;
    const same = d && deepEquals([d.data.subject, d.data.period], [data.subject, data.period]);
    const events = data.result.events ?? (same ? d.events : undefined);
    const appeals = data.result.appeals ?? (same ? d.appeals : undefined);
    const c = this.modelCache;
    if (c && c.data === data && c.events === events && c.appeals === appeals) return c.model;
    const subject = data.subject;
    const model = buildModel(ledgerOf(data), events, appeals, data.rules, data.result.period, (x) =>
      'consultant' in subject ? x.consultant === subject.consultant : false,
    );
    this.modelCache = { data, events, appeals, model };
    return model;
  }

  /** The ids of the events the expanded lines show that no read has brought yet. */
  private unreadLineEvents(): string[] {
    const data = this.data.value;
    if (!data || this.expanded.size === 0) return [];
    const known = this.lineEvents.value;
    return unreadLineEvents(this.modelOf(data), this.expanded, known && known.data === data ? known.events : new Map());
  }

  /** @internal */
  async cardScore(subject: Subject, period: Period): Promise<ScoreResult | undefined> {
    try {
      await this.data.taskComplete;
    } catch {
      return undefined;
    }
    const data = this.data.value;
    return data && deepEquals([data.subject, data.period], [subject, period]) ? data.result : undefined;
  }

  /** @internal */
  ruleTexts(store: RulecardStore, result: ScoreResult, inEffect: RulebookVersion | undefined): Promise<Map<string, RuleInfo>> {
    return ruleTexts(store, result, inEffect);
  }

  /** @internal */
  teamName(team: string): string | undefined {
    return this.data.value?.teams.get(team);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Leads and managers: the board's code is loaded once, on demand.
    if (!this.boardLoading && this.user && isSupervisor(this.user)) {
      this.boardLoading = import('./board.js').then(
        (m) => {
          this.board = new m.BoardController(this, this.appeals);
        },
        (e: unknown) => {
          this.boardFailed = e;
        },
      );
    }
  }

  private expand(key: string, count: number): void {
    const next = new Map(this.expanded);
    if (count) next.set(key, count);
    else next.delete(key);
    this.expanded = next;
  }

  // ------------------------------------------------------------------ render

  override render(): TemplateResult {
    const m = this.i18n.msg;
    const subject = this.subject;
    if (subject === 'forbidden') return html`<p class="status" role="alert">${m.notAllowed}</p>`;
    if (this.firstRun.blocking) return html`${this.firstRun.render()}`;
    const loading = html`<p class="status" role="status">${m.loading}</p>`;
    return html`
      ${
        subject
          ? this.data.render({
              initial: () => loading,
              // keep showing the last result while a live update reloads (no flicker, focus kept)
              pending: () => (this.data.value ? this.renderCard(this.data.value) : loading),
              error: (e) =>
                html`<p class="error" role="alert">
                    ${storeErrorOf(e, 'no-rulebook') ? m.noRulebook : m.loadFailed(errorText(e, this.i18n.locale))}
                  </p>
                  <button part="button" @click=${() => this.revision++}>${m.retry}</button>`,
              complete: (d) => (d ? this.renderCard(d) : loading),
            })
          : html`<p class="status">${m.chooseSubject}</p>`
      }
      ${this.renderBoard(loading)}
    `;
  }

  private renderCard(data: CardData): TemplateResult {
    const { msg, locale } = this.i18n;
    const user = this.user;
    const subject = data.subject;
    return cardView({
      data,
      model: this.modelOf(data),
      shown: this.day || this.period.from.slice(0, 7),
      mine: !!user && 'consultant' in subject && subject.consultant === user.consultant && !isSupervisor(user),
      day: !!this.day,
      expanded: this.expanded,
      lineEvents: this.lineEvents.value?.data === data ? this.lineEvents.value.events : new Map(),
      logNotes: this.logNotes.value,
      failure: this.failure,
      msg,
      locale,
      timeZone: this.timeZone,
      appeals: this.appeals,
      onExpand: (key, count) => this.expand(key, count),
    });
  }

  private renderBoard(loading: TemplateResult): unknown {
    if (!this.user || !isSupervisor(this.user)) return nothing;
    if (this.boardFailed)
      return html`<p class="error" role="alert">${this.i18n.msg.loadFailed(errorText(this.boardFailed, this.i18n.locale))}</p>`;
    return this.board ? this.board.render() : loading;
  }
}

/** The ledger the card shows: the subject's. */
function ledgerOf(data: CardData): Ledger {
  const { subject, result } = data;
  if ('team' in subject) return result.scorecards.teams[subject.team] ?? EMPTY_LEDGER;
  return ('consultant' in subject ? result.scorecards.consultants[subject.consultant] : undefined) ?? EMPTY_LEDGER;
}
