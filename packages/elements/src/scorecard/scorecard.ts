import { html, nothing, svg, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { Ledger, Period, ScoreLine } from '@rulecard/dsl';
import type { PeriodRecord, RulebookVersion, RulecardStore, ScoreResult, StoredEvent, Subject } from '@rulecard/store';
import { errorText, storeErrorOf } from '../shared/store.js';
import { RulecardElement } from '../shared/base.js';
import { canSee, isSupervisor } from '../shared/context.js';
import { flagLabel, formatDateTime, formatFen, formatPoints, formatWindow, periodOf, ruleLabel } from '../shared/format.js';
import { extendCatalog, LocaleController } from '../shared/i18n.js';
import { LiveController } from '../shared/live.js';
import { sharedCatalog } from '../shared/messages/index.js';
import { wallClock } from '../shared/time.js';
import { decideAppeal, lineKey, openAppeal, type Appeal } from './appeals.js';
import { buildModel, leaderboard, trendNeedsEvents, type RuleInfo, type ScorecardModel } from './model.js';
import { en } from './messages/en.js';
import { zhCN } from './messages/zh-CN.js';
import { scorecardStyles } from './styles.js';
import { TREND_VIEWBOX, trendSvg } from './trend.js';

const catalog = extendCatalog(sharedCatalog, { 'zh-CN': zhCN, en });
const EVENTS_PAGE = 100;

/** What the first paint needs: the score, the rule texts and the names in the title. */
interface Loaded {
  /** Subject and period: `c:<id>|from|to` or `t:<id>|from|to`. */
  key: string;
  result: ScoreResult;
  ledger: Ledger;
  rules: Map<string, RuleInfo>;
  /** Member id → name: everyone on the roster (the consultant shown, who opened and decided appeals). */
  names: Map<string, string>;
  /** Team id → name (the team shown). */
  teams: Map<string, string>;
}

const EMPTY_LEDGER: Ledger = { points: 0, money: 0, flags: [], lines: [] };

/** The manager's board: the team's (or everyone's) score, its leaderboard and open appeals. */
interface Board {
  result: ScoreResult;
  /** The team shown, or undefined for everyone. */
  team: string | undefined;
  rows: ReturnType<typeof leaderboard>;
  appeals: Appeal[];
  names: Map<string, string>;
  /** The month shown (a month view only) and its closing record, if any. */
  month?: { month: string; record: PeriodRecord | undefined };
}

/**
 * `<rulecard-scorecard>` — a consultant's or a team's points and money for a
 * day or a month, straight from the store: totals, flags, every line grouped
 * by the rule that produced it (with the rule's text), each expandable to the
 * events behind it; a month trend (SVG); for leads and managers a leaderboard
 * and the open appeals. Updates live when anything is saved in any tab.
 * Runs the compiled rulebook only: no parser, no editor in its bundle.
 *
 * Consultants see only their own scorecard and may appeal (申诉) any line with a
 * reason; leads and managers accept (the store reverses the line with a
 * correction in the same commit) or reject with a reason; both see the history.
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
 *
 * @csspart header - title and totals.
 * @csspart totals - the points / money / flags list.
 * @csspart rule-group - one `<details>` per rule.
 * @csspart line - a score line row.
 * @csspart events - the table of events behind a line.
 * @csspart trend - the SVG chart.
 * @csspart leaderboard - the leaderboard table.
 * @csspart appeals - the appeals section.
 * @csspart closing - the month-closing section (managers).
 * @csspart button - every button.
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
export class RulecardScorecard extends RulecardElement {
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

  private readonly i18n = new LocaleController(this, catalog);
  @state() private version = 0;
  @state() private expanded = new Map<string, number>();
  @state() private appealing = '';
  @state() private formError = '';
  /** The month-closing form being shown (managers): close or reopen. */
  @state() private closing: 'close' | 'reopen' | '' = '';
  @state() private closingError = '';

  private readonly live = new LiveController(this, (change) => {
    if (
      change.type === 'closed' ||
      change.kinds.some(
        (k) => k === 'events' || k === 'appeals' || k === 'callLogs' || k === 'rulebookVersions' || k === 'members' || k === 'periods',
      )
    ) {
      this.version++;
    }
  });

  /** The period shown. */
  get period(): Period {
    if (this.day) return periodOf(this.day);
    return periodOf(this.month || wallClock(new Date(), this.timeZone).date.slice(0, 7));
  }

  /** What the signed-in user asked to see, or `'forbidden'`. */
  private get subject(): Subject | 'forbidden' | undefined {
    const key = this.subjectKey;
    if (key === 'forbidden') return 'forbidden';
    if (!key) return undefined;
    return key.startsWith('t:') ? { team: key.slice(2) } : { consultant: key.slice(2) };
  }

  /** The subject as a primitive (Task args compare by identity): `c:<id>`, `t:<id>`, `forbidden` or ''. */
  private get subjectKey(): string {
    const user = this.user;
    if (!user) return '';
    if (!isSupervisor(user)) {
      if (this.team || (this.forConsultant && !canSee(user, this.forConsultant))) return 'forbidden';
      return `c:${user.consultant}`;
    }
    if (this.team) return `t:${this.team}`;
    if (this.forConsultant) return `c:${this.forConsultant}`;
    return '';
  }

  /**
   * First paint: the score with the subject's events (appeals, corrections, the
   * events behind a line — the store returns those it read for the score), the
   * rule texts and the names, read in parallel. A page's own store that returns
   * no events with the score gets them read afterwards by `details`.
   */
  private readonly data = new Task(this, {
    task: async ([store, key, from, to, rulebook]): Promise<Loaded | undefined> => {
      if (!store || !key || key === 'forbidden') return undefined;
      const subject: Subject = key.startsWith('t:') ? { team: key.slice(2) } : { consultant: key.slice(2) };
      const period = { from, to };
      const [result, inEffect, members, teamList] = await Promise.all([
        store.score(subject, period, { rulebookId: rulebook, events: true }),
        store.rulebookInEffect(to, rulebook),
        store.listMembers(),
        'team' in subject ? store.listTeams() : [],
      ]);
      const rules = await ruleTexts(store, result, inEffect);
      this.lineEvents = new Map(); // read again, as they are now, when an expanded line renders
      const ledger =
        ('team' in subject ? result.scorecards.teams[subject.team] : result.scorecards.consultants[subject.consultant]) ?? EMPTY_LEDGER;
      return {
        key: `${key}|${from}|${to}`,
        result,
        ledger,
        rules,
        names: new Map(members.map((x) => [x.id, x.name])),
        teams: new Map(teamList.map((t) => [t.id, t.name])),
      };
    },
    args: () => [this.activeStore, this.subjectKey, this.period.from, this.period.to, this.rulebook, this.version] as const,
  });

  /** After the first paint: the subject's events in the period (appeals, corrections, the events behind the lines). */
  private readonly details = new Task(this, {
    task: async ([store, loaded, key, from, to]) => {
      if (!store || !loaded || !key || key === 'forbidden') return undefined;
      const subject: Subject = key.startsWith('t:') ? { team: key.slice(2) } : { consultant: key.slice(2) };
      // Without events from the score (a page's own store): a team's card shows no appeals or corrections (they
      // are personal), so its events are read only when the trend needs their days (week/month windows); the
      // events behind a line are read when it is expanded.
      if (loaded.result.events !== undefined || (key.startsWith('t:') && !trendNeedsEvents(loaded.ledger.lines))) return undefined;
      const [events, appeals] = await Promise.all([
        store.listEvents(subject, { from, to }),
        'consultant' in subject ? store.listAppeals(subject, { from, to }) : undefined,
      ]);
      return { key: loaded.key, events, appeals };
    },
    // `loaded` changes once per score read (mount, live update): the events are read after the score, never alongside it.
    args: () => [this.activeStore, this.data.value, this.subjectKey, this.period.from, this.period.to] as const,
  });

  private modelCache?: { loaded: Loaded; events: StoredEvent[] | undefined; appeals: Appeal[] | undefined; model: ScorecardModel };

  /** The model of `loaded`, with the events once `details` has read them for that same score. */
  private modelOf(loaded: Loaded, subject: Subject): ScorecardModel {
    // Until the events of a new score arrive, those of the previous one (same subject and period) stand in: no flicker on live updates.
    const d = this.details.value;
    const events = loaded.result.events ?? (d && d.key === loaded.key ? d.events : undefined);
    const appeals = loaded.result.appeals ?? (d && d.key === loaded.key ? d.appeals : undefined);
    const c = this.modelCache;
    if (c && c.loaded === loaded && c.events === events && c.appeals === appeals) return c.model;
    const model = buildModel(loaded.ledger, events, appeals, loaded.rules, loaded.result.period, (x) =>
      'consultant' in subject ? x.consultant === subject.consultant : false,
    );
    this.modelCache = { loaded, events, appeals, model };
    return model;
  }

  private readonly board = new Task(this, {
    task: async ([store, supervisor, team, from, to, rulebook]): Promise<Board | undefined> => {
      if (!store || !supervisor) return undefined;
      const period = { from, to };
      const subject: Subject = team ? { team } : { all: true };
      const month = isWholeMonth(period) ? from.slice(0, 7) : undefined;
      // A team's board is the card's own score: take it rather than scoring the team a second time.
      const card = team ? await this.cardScore(`t:${team}|${from}|${to}`) : undefined;
      const [result, everyone, record] = await Promise.all([
        card ?? store.score(subject, period, { rulebookId: rulebook, events: true }),
        store.listMembers(),
        month ? store.getMonth(month) : undefined,
      ]);
      // The appeals come with the score (a page's own store may not return them: read them then).
      const appeals = result.appeals ?? (await store.listAppeals(subject, period));
      const names = new Map(everyone.map((x) => [x.id, x.name]));
      return {
        result,
        team: team || undefined,
        rows: leaderboard(result.scorecards.consultants, names),
        appeals,
        names,
        ...(month ? { month: { month, record } } : {}),
      };
    },
    args: () =>
      [
        this.activeStore,
        this.user && isSupervisor(this.user),
        this.team,
        this.period.from,
        this.period.to,
        this.rulebook,
        this.version,
      ] as const,
  });

  /** The card's score once its current read is done, if it is the one for `key` (`t:<team>|from|to`). */
  private async cardScore(key: string): Promise<ScoreResult | undefined> {
    try {
      await this.data.taskComplete;
    } catch {
      return undefined;
    }
    const loaded = this.data.value;
    return loaded?.key === key ? loaded.result : undefined;
  }

  // ------------------------------------------------------------------ actions

  private toggle(key: string): void {
    const next = new Map(this.expanded);
    if (next.has(key)) next.delete(key);
    else next.set(key, EVENTS_PAGE);
    this.expanded = next;
  }

  /** Events read one by one for expanded lines whose events were not read with the card (team view). */
  @state() private lineEvents = new Map<string, StoredEvent>();
  private readonly reading = new Set<string>();

  /** Reads the events of `ids` that neither the card nor an earlier expansion has read. */
  private async readLineEvents(ids: string[], model: ScorecardModel): Promise<void> {
    const store = this.activeStore;
    const missing = ids.filter((id) => !model.events.has(id) && !this.lineEvents.has(id) && !this.reading.has(id));
    if (!store || missing.length === 0) return;
    for (const id of missing) this.reading.add(id);
    try {
      const found = await Promise.all(missing.map((id) => store.getEvent(id)));
      const next = new Map(this.lineEvents);
      for (const ev of found) if (ev) next.set(ev.id, ev);
      this.lineEvents = next;
    } finally {
      for (const id of missing) this.reading.delete(id);
    }
  }

  private async submitAppeal(e: Event, consultant: string, line: ScoreLine): Promise<void> {
    e.preventDefault();
    const store = this.activeStore;
    const user = this.user;
    const form = e.currentTarget as HTMLFormElement;
    const reason = (form.elements.namedItem('reason') as HTMLTextAreaElement).value.trim();
    if (!store || !user) return;
    if (!reason) {
      this.formError = this.i18n.msg.reasonRequired;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#appeal-reason')?.focus();
      return;
    }
    try {
      const appeal = await openAppeal(store, { consultant, line, period: this.period, reason, by: user.consultant, role: user.role });
      this.appealing = '';
      this.formError = '';
      this.emit('rulecard-appeal', { action: 'opened', appealId: appeal.id, rule: appeal.rule, consultant });
      this.emit('rulecard-saved', { kind: 'appeal', id: appeal.id });
    } catch (err) {
      this.fail(err);
    }
  }

  private async decide(appeal: Appeal, accept: boolean): Promise<void> {
    const store = this.activeStore;
    const user = this.user;
    if (!store || !user) return;
    const box = this.renderRoot.querySelector<HTMLTextAreaElement>(`#decision-${cssId(appeal.id)}`);
    const reason = box?.value.trim() ?? '';
    if (!accept && !reason) {
      this.formError = this.i18n.msg.rejectNeedsReason;
      box?.setAttribute('aria-invalid', 'true');
      box?.focus();
      return;
    }
    try {
      const done = await decideAppeal(store, appeal, { accept, reason, by: user.consultant, role: user.role });
      this.formError = '';
      this.emit('rulecard-appeal', {
        action: accept ? 'accepted' : 'rejected',
        appealId: done.id,
        rule: done.rule,
        consultant: done.consultant,
      });
      this.emit('rulecard-saved', { kind: 'appeal', id: done.id });
    } catch (err) {
      this.fail(err);
    }
  }

  private fail(err: unknown): void {
    const message = errorText(err, this.i18n.locale);
    this.formError = message;
    this.emit('rulecard-error', { kind: 'scorecard', message });
  }

  // ------------------------------------------------------------------ render

  override render(): TemplateResult {
    const m = this.i18n.msg;
    const subject = this.subject;
    if (subject === 'forbidden') return html`<p class="status" role="alert">${m.notAllowed}</p>`;
    const supervisor = !!this.user && isSupervisor(this.user);
    return html`
      ${
        subject
          ? this.data.render({
              initial: () => html`<p class="status" role="status">${m.loading}</p>`,
              // keep showing the last result while a live update reloads (no flicker, focus kept)
              pending: () =>
                this.data.value ? this.renderCard(this.data.value, subject) : html`<p class="status" role="status">${m.loading}</p>`,
              error: (e) =>
                html`<p class="error" role="alert">
                    ${storeErrorOf(e, 'no-rulebook') ? m.noRulebook : m.loadFailed(errorText(e, this.i18n.locale))}
                  </p>
                  <button part="button" @click=${() => this.version++}>${m.retry}</button>`,
              complete: (d) => (d ? this.renderCard(d, subject) : html`<p class="status" role="status">${m.loading}</p>`),
            })
          : html`<p class="status">${m.chooseSubject}</p>`
      }
      ${supervisor ? this.renderBoard() : nothing}
    `;
  }

  private renderCard(d: Loaded, subject: Subject): TemplateResult {
    const m = this.i18n.msg;
    const locale = this.i18n.locale;
    const { names, teams } = d;
    const model = this.modelOf(d, subject);
    const periodLabel = formatWindow(this.day || this.period.from.slice(0, 7), locale);
    const consultant = 'consultant' in subject ? subject.consultant : '';
    const title =
      'team' in subject
        ? m.teamTitle(teams.get(subject.team) ?? subject.team, periodLabel)
        : m.title(names.get(consultant) ?? consultant, periodLabel);
    const mine = !!this.user && consultant === this.user.consultant && !isSupervisor(this.user);
    const appealByLine = new Map((model.appeals ?? []).map((a) => [lineKey(a.consultant, a.rule, a.window || undefined), a]));
    return html`
      <header part="header">
        <h2>${title}</h2>
        ${d.result.frozen ? html`<p class="muted">${m.frozen}</p>` : nothing}
        <dl class="totals" part="totals">
          <div>
            <dt>${m.points}</dt>
            <dd class=${model.points < 0 ? 'neg' : ''} data-total="points">${formatPoints(model.points, locale)}</dd>
          </div>
          <div>
            <dt>${m.money}</dt>
            <dd class=${model.fen < 0 ? 'neg' : ''} data-total="money">${formatFen(model.fen, locale)}</dd>
          </div>
          <div>
            <dt>${m.flags}</dt>
            <dd data-total="flags">${model.flags.length ? model.flags.map((f) => this.renderFlag(f)) : m.noFlags}</dd>
          </div>
        </dl>
      </header>
      ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
      <h3>${m.lines}</h3>
      ${model.groups.length || model.corrections.length || model.pending.length ? nothing : html`<p class="status">${m.noLines}</p>`}
      ${model.groups.map(
        (g) =>
          html`<details part="rule-group" data-rule=${g.rule}>
            <summary>
              ${this.renderRule(g.rule, g.label)} ${this.renderPoints(g.points, g.fen, 'span')}
              <span class="num money">${formatFen(g.fen, locale, true)}</span>
            </summary>
            ${g.text ? html`<pre class="rule-text" role="figure" aria-label=${m.ruleText}>${g.text}</pre>` : nothing}
            <table>
              <thead>
                <tr>
                  <th scope="col">${m.windowLabel}</th>
                  <th scope="col" class="num">${m.count}</th>
                  <th scope="col" class="num">${m.points}</th>
                  <th scope="col" class="num">${m.money}</th>
                  <th scope="col"><span class="visually-hidden">${m.appeal}</span></th>
                </tr>
              </thead>
              <tbody>
                ${g.lines.map((line, i) => this.renderLine(line, `${g.rule}#${i}`, consultant, mine, appealByLine, model))}
              </tbody>
            </table>
          </details>`,
      )}
      ${
        model.corrections.length || model.pending.length
          ? html`<details part="rule-group" data-rule="correction" open>
              <summary><span class="rule">${m.correction}</span></summary>
              <table>
                <tbody>
                  ${model.corrections.map(({ line, id, correction: c }) =>
                    this.renderCorrection(
                      id,
                      c ? m.correctionLine(this.ruleText(c.rule, c.label)) : localizedLabel(line.label ?? m.correction, locale),
                      c?.window || line.window,
                      line.points,
                      Math.round(line.money * 100),
                    ),
                  )}
                  ${model.pending.map((c) =>
                    this.renderCorrection(c.id, m.correctionLine(this.ruleText(c.rule, c.label)), c.window, c.points, c.fen, true),
                  )}
                </tbody>
              </table>
            </details>`
          : nothing
      }
      ${this.day ? nothing : this.renderTrend(model)}
      ${mine && model.appeals ? this.renderAppeals(model.appeals, false, names) : nothing /* supervisors decide in the board section */}
    `;
  }

  private renderLine(
    line: ScoreLine,
    key: string,
    consultant: string,
    mine: boolean,
    appeals: Map<string, Appeal>,
    model: ScorecardModel,
  ): TemplateResult {
    const m = this.i18n.msg;
    const locale = this.i18n.locale;
    const shown = this.expanded.get(key);
    // team view: the card read no events; read those of an expanded line (after this render)
    if (shown && !consultant && !model.eventsLoaded)
      void Promise.resolve().then(() => this.readLineEvents(line.events.slice(0, shown), model));
    const appeal = consultant ? appeals.get(lineKey(consultant, line.rule, line.window)) : undefined;
    const eventsId = `ev-${cssId(key)}`;
    return html`<tr part="line">
        <td>
          ${line.window ? formatWindow(line.window, locale) : m.perEvent}${line.flag ? html` ${this.renderFlag(line.flag)}` : nothing}
        </td>
        <td class="num">${line.count}</td>
        ${this.renderPoints(line.points, Math.round(line.money * 100), 'td')}
        <td class="num">${formatFen(Math.round(line.money * 100), locale, true)}</td>
        <td>
          <div class="row-actions">
            ${
              line.events.length
                ? html`<button
                    part="button"
                    aria-expanded=${shown ? 'true' : 'false'}
                    aria-controls=${eventsId}
                    @click=${() => this.toggle(key)}
                  >
                    ${shown ? m.hideEvents : m.showEvents(line.events.length)}
                  </button>`
                : nothing
            }
            ${
              mine && model.appeals && !appeal && consultant
                ? html`<button
                    part="button"
                    @click=${() => {
                      this.appealing = key;
                      this.formError = '';
                      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#appeal-reason')?.focus());
                    }}
                  >
                    ${m.appeal}
                  </button>`
                : nothing
            }
            ${appeal ? html`<span class="muted">${m.appealStatus[appeal.status]}</span>` : nothing}
          </div>
        </td>
      </tr>
      ${
        this.appealing === key
          ? html`<tr>
              <td colspan="5">
                ${reasonForm({
                  id: 'appeal',
                  label: `${m.appealLine(this.ruleText(line.rule, line.label))} · ${m.appealReason}`,
                  error: this.formError,
                  submit: m.submitAppeal,
                  cancel: m.cancel,
                  onSubmit: (e) => this.submitAppeal(e, consultant, line),
                  onCancel: () => (this.appealing = ''),
                })}
              </td>
            </tr>`
          : nothing
      }
      ${
        shown
          ? html`<tr>
              <td colspan="5">
                <table class="events" id=${eventsId} part="events" aria-label=${m.eventsOf(this.ruleText(line.rule, line.label))}>
                  <thead>
                    <tr>
                      <th scope="col">${m.eventCols.at}</th>
                      <th scope="col">${m.eventCols.type}</th>
                      <th scope="col">${m.eventCols.detail}</th>
                      <th scope="col">${m.eventCols.by}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${line.events.slice(0, shown).map((id) => {
                      const ev = model.events.get(id) ?? this.lineEvents.get(id);
                      return html`<tr>
                        <td>${ev ? formatDateTime(ev.at, locale, this.timeZone) : ''}</td>
                        <td>${ev?.type ?? id}</td>
                        <td>
                          ${ev?.note ?? ''}${ev?.amount !== undefined ? html` ${formatFen(Math.round(ev.amount * 100), locale)}` : nothing}
                        </td>
                        <td>${ev?.recordedBy ?? ''}</td>
                      </tr>`;
                    })}
                  </tbody>
                </table>
                ${
                  line.events.length > shown
                    ? html`<p class="muted">
                        ${m.moreEvents(line.events.length - shown)}
                        <button
                          part="button"
                          @click=${() => {
                            const n = new Map(this.expanded);
                            n.set(key, shown + EVENTS_PAGE);
                            this.expanded = n;
                          }}
                        >
                          ${m.showMore}
                        </button>
                      </p>`
                    : nothing
                }
              </td>
            </tr>`
          : nothing
      }`;
  }

  /**
   * One correction row. `pending`: accepted after its month was closed — not in
   * these (frozen) totals; payroll counts it in the next open month's adjustment.
   */
  private renderCorrection(id: string, text: string, window: string | undefined, points: number, fen: number, pending = false) {
    const m = this.i18n.msg;
    const locale = this.i18n.locale;
    return html`<tr part="line" data-correction=${id} class=${pending ? 'pending' : ''}>
      <td>
        ${text}${window ? html` · ${formatWindow(window, locale)}` : nothing}
        ${pending ? html`<p class="muted note" data-note="pending-correction">${m.correctionPending}</p>` : nothing}
      </td>
      <td class="num ${points < 0 ? 'neg' : ''}">${formatPoints(points, locale)}</td>
      <td class="num">${formatFen(fen, locale, true)}</td>
    </tr>`;
  }

  /** A rule's name in the user's language (see `ruleLabel`); `label` equal to the id counts as none. */
  private ruleText(id: string, label: string | undefined): string {
    return ruleLabel(id, label === id ? undefined : label, this.i18n.locale).text;
  }

  private renderRule(id: string, label: string | undefined): TemplateResult {
    const r = ruleLabel(id, label === id ? undefined : label, this.i18n.locale);
    return html`<span class="rule" title=${r.title ?? nothing}>${r.text}</span>`;
  }

  private renderFlag(flag: string): TemplateResult {
    const f = flagLabel(flag, this.i18n.locale);
    return html`<span class="flag" title=${f.title} data-flag=${flag}>${f.text}</span>`;
  }

  /**
   * Points of a line or a group. A money-only line (0 points, some money) shows a dash
   * in the points column, read out as "no points", so the columns stay aligned.
   */
  private renderPoints(points: number, fen: number, tag: 'td' | 'span'): TemplateResult {
    const locale = this.i18n.locale;
    const cls = `num points ${points < 0 ? 'neg' : ''}`;
    const content =
      points === 0 && fen !== 0
        ? html`<span aria-hidden="true">—</span><span class="visually-hidden">${this.i18n.msg.noPoints}</span>`
        : formatPoints(points, locale);
    return tag === 'td' ? html`<td class=${cls}>${content}</td>` : html`<span class=${cls}>${content}</span>`;
  }

  private renderTrend(model: ScorecardModel): TemplateResult {
    const m = this.i18n.msg;
    const locale = this.i18n.locale;
    const trend = model.trend;
    if (!trend)
      return html`<h3 id="trend-title">${m.trend}</h3>
        <p class="status" role="status">${m.loading}</p>`;
    const last = trend[trend.length - 1]?.cumulative ?? 0;
    return html`<h3 id="trend-title">${m.trend}</h3>
      <svg
        part="trend"
        viewBox=${TREND_VIEWBOX}
        width="100%"
        role="img"
        aria-labelledby="trend-svg-title trend-desc"
        preserveAspectRatio="none"
      >
        ${svg`<title id="trend-svg-title">${m.trend}</title><desc id="trend-desc">${m.trendLabel(trend.length, formatPoints(last, locale))}</desc>`}
        ${trendSvg(trend)}
      </svg>
      <table class="visually-hidden">
        <caption>
          ${m.trendTable}
        </caption>
        <thead>
          <tr>
            <th scope="col">${m.day}</th>
            <th scope="col">${m.daily}</th>
            <th scope="col">${m.cumulative}</th>
          </tr>
        </thead>
        <tbody>
          ${trend
            .filter((t) => t.points)
            .map(
              (t) =>
                html`<tr>
                  <td>${t.day}</td>
                  <td>${formatPoints(t.points, locale)}</td>
                  <td>${formatPoints(t.cumulative, locale)}</td>
                </tr>`,
            )}
        </tbody>
      </table>`;
  }

  private renderAppeals(appeals: Appeal[], decide: boolean, names: ReadonlyMap<string, string>): TemplateResult {
    const m = this.i18n.msg;
    const who = (id: string): string => names.get(id) ?? id;
    const locale = this.i18n.locale;
    const when = (iso?: string) => (iso ? formatDateTime(iso, locale, this.timeZone) : '');
    const open = appeals.filter((a) => a.status === 'open').length;
    return html`<section part="appeals" aria-labelledby="appeals-${decide ? 'all' : 'own'}">
      <h3 id="appeals-${decide ? 'all' : 'own'}">${m.appeals}${open ? html` · ${m.openAppeals(open)}` : nothing}</h3>
      ${appeals.length ? nothing : html`<p class="status">${m.noAppeals}</p>`}
      ${appeals.map(
        (a) =>
          html`<article class="appeal" data-appeal=${a.id} data-status=${a.status}>
            <p>
              <strong>${this.renderRule(a.rule, a.label)}</strong>${a.window ? html` · ${formatWindow(a.window, locale)}` : nothing} ·
              ${who(a.consultant)} · ${formatPoints(a.points, locale)} · <span>${m.appealStatus[a.status]}</span>
            </p>
            <p>${m.appealOpened(who(a.openedBy), when(a.openedAt))}</p>
            <p>${m.reasonLabel(a.reason)}</p>
            ${
              a.decidedAt
                ? html`<p>${m.appealDecided(a.decidedBy ? who(a.decidedBy) : '', when(a.decidedAt))}</p>
                    ${a.note ? html`<p>${m.decisionLabel(a.note)}</p>` : nothing}`
                : nothing
            }
            ${
              decide && a.status === 'open'
                ? html`<div class="decision">
                    <label for="decision-${cssId(a.id)}">${m.decisionReason}</label>
                    <textarea id="decision-${cssId(a.id)}" aria-describedby="decision-error"></textarea>
                    <div class="row-actions">
                      <button part="button" class="primary" @click=${() => this.decide(a, true)}>${m.accept}</button>
                      <button part="button" @click=${() => this.decide(a, false)}>${m.reject}</button>
                    </div>
                  </div>`
                : nothing
            }
          </article>`,
      )}
      ${decide ? html`<p id="decision-error" class="error" role="alert">${this.formError}</p>` : nothing}
    </section>`;
  }

  /**
   * The board's score (the team's or everyone's, all lines of every ledger, as the store's CSV writes them) as a
   * file: UTF-8 with BOM for Excel. The page may take the CSV instead (`rulecard-export`, cancelable).
   */
  private async exportCsv(b: Board): Promise<void> {
    const store = this.activeStore;
    if (!store) return;
    const m = this.i18n.msg;
    const locale = this.i18n.locale;
    try {
      const csv = await store.exportScoreCsv(b.result, { locale });
      const { from, to } = b.result.period;
      const span = this.day || (from.slice(0, 7) === to.slice(0, 7) ? from.slice(0, 7) : `${from}_${to}`);
      const filename = m.exportFile(b.team ? (this.teamName(b.team) ?? b.team) : m.everyone, span);
      const detail = { kind: 'score-csv' as const, filename, csv, period: { from, to }, ...(b.team ? { team: b.team } : {}) };
      if (!this.emit('rulecard-export', detail, true)) return;
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      const message = m.exportFailed(errorText(err, locale));
      this.formError = message;
      this.emit('rulecard-error', { kind: 'scorecard', message });
    }
  }

  /** A team's name from the card's data, when the card shows that team. */
  private teamName(team: string): string | undefined {
    return this.data.value?.teams.get(team);
  }

  /**
   * Month closing (结账), managers only: closing freezes the month's scores as paid (later changes
   * become adjustment lines of the next open month); reopening needs a reason. Both are recorded.
   */
  private renderClosing(shown: { month: string; record: PeriodRecord | undefined }, names: ReadonlyMap<string, string>): TemplateResult {
    if (this.user?.role !== 'manager') return html``;
    const m = this.i18n.msg;
    const locale = this.i18n.locale;
    const { month, record } = shown;
    const label = formatWindow(month, locale);
    const closed = record?.status === 'closed' ? record.snapshot : undefined;
    const lastDay = periodOf(month).to;
    const canClose = wallClock(new Date(), this.timeZone).date >= lastDay;
    const form = this.closing;
    return html`<section part="closing" aria-labelledby="closing-title">
      <h3 id="closing-title">${m.closingTitle}</h3>
      <p data-month-status=${closed ? 'closed' : 'open'}>
        ${
          closed
            ? m.monthClosed(label, formatDateTime(closed.closedAt, locale, this.timeZone), names.get(closed.closedBy) ?? closed.closedBy)
            : canClose
              ? m.monthOpen(label)
              : m.monthNotOver(label, formatWindow(lastDay, locale))
        }
      </p>
      ${
        form
          ? reasonForm({
              id: 'closing',
              label: form === 'close' ? m.closeNote : m.reopenReason,
              error: this.closingError,
              submit: form === 'close' ? m.confirmClose(label) : m.confirmReopen(label),
              cancel: m.cancel,
              onSubmit: (e) => this.submitClosing(e, month),
              onCancel: () => ((this.closing = ''), (this.closingError = '')),
            })
          : closed
            ? html`<button part="button" data-action="reopen" @click=${() => this.openClosing('reopen')}>${m.reopenMonth}</button>`
            : html`<button part="button" data-action="close" ?disabled=${!canClose} @click=${() => this.openClosing('close')}>
                ${m.closeMonth}
              </button>`
      }
    </section>`;
  }

  private openClosing(form: 'close' | 'reopen'): void {
    this.closing = form;
    this.closingError = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#closing-reason')?.focus());
  }

  private async submitClosing(e: Event, month: string): Promise<void> {
    e.preventDefault();
    const store = this.activeStore;
    const user = this.user;
    if (!store || !user) return;
    const m = this.i18n.msg;
    const reason = ((e.currentTarget as HTMLFormElement).elements.namedItem('reason') as HTMLTextAreaElement).value.trim();
    const action = this.closing;
    if (action === 'reopen' && !reason) {
      this.closingError = m.reopenNeedsReason;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#closing-reason')?.focus();
      return;
    }
    try {
      if (action === 'close') await store.closeMonth(month, { by: user.consultant, ...(reason ? { reason } : {}) });
      else await store.reopenMonth(month, { by: user.consultant, reason });
      this.closing = '';
      this.closingError = '';
      this.emit('rulecard-month', { action: action === 'close' ? 'closed' : 'reopened', month });
    } catch (err) {
      this.closingError = errorText(err, this.i18n.locale);
      this.emit('rulecard-error', { kind: 'scorecard', message: this.closingError });
    }
  }

  private renderBoard(): TemplateResult {
    const m = this.i18n.msg;
    const locale = this.i18n.locale;
    const board = (b: Board | undefined) =>
      b
        ? html`<div class="board-head">
              <h3 id="board-title">${m.leaderboard}</h3>
              <button part="button" data-action="export" @click=${() => this.exportCsv(b)}>${m.exportCsv}</button>
            </div>
            <table part="leaderboard" aria-labelledby="board-title">
              <thead>
                <tr>
                  <th scope="col" class="num">${m.rank}</th>
                  <th scope="col">${m.consultant}</th>
                  <th scope="col" class="num">${m.points}</th>
                  <th scope="col" class="num">${m.money}</th>
                  <th scope="col">${m.flags}</th>
                </tr>
              </thead>
              <tbody>
                ${b.rows.map(
                  (r, i) =>
                    html`<tr data-consultant=${r.consultant}>
                      <td class="num">${i + 1}</td>
                      <td>${r.name}</td>
                      <td class="num ${r.points < 0 ? 'neg' : ''}">${formatPoints(r.points, locale)}</td>
                      <td class="num">${formatFen(r.fen, locale)}</td>
                      <td>${r.flags.map((f) => this.renderFlag(f))}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
            ${this.renderAppeals(b.appeals, true, b.names)} ${b.month ? this.renderClosing(b.month, b.names) : nothing}`
        : nothing;
    return html`${this.board.render({
      pending: () => (this.board.value ? board(this.board.value) : html`<p class="status" role="status">${m.loading}</p>`),
      error: (e) =>
        storeErrorOf(e, 'no-rulebook') ? nothing : html`<p class="error" role="alert">${m.loadFailed(errorText(e, locale))}</p>`,
      complete: board,
    })}`;
  }
}

/**
 * Rule id → label and source text, from every rulebook version the score used
 * (or the one in effect). `inEffect`, read alongside the score, is usually the
 * only one; any other version is read afterwards.
 */
async function ruleTexts(store: RulecardStore, result: ScoreResult, inEffect: RulebookVersion | undefined): Promise<Map<string, RuleInfo>> {
  const out = new Map<string, RuleInfo>();
  const versions = await Promise.all(
    result.versions.length
      ? result.versions.map((v) =>
          inEffect && inEffect.rulebookId === v.rulebookId && inEffect.version === v.version
            ? inEffect
            : store.getRulebookVersion(v.rulebookId, v.version),
        )
      : [inEffect],
  );
  for (const v of versions) for (const r of v?.compiled.rules ?? []) if (!out.has(r.id)) out.set(r.id, { label: r.label, text: r.text });
  return out;
}

/** A store label written `中文 / English` (correction and adjustment lines) in the user's language; other labels as they are. */
function localizedLabel(label: string, locale: 'zh-CN' | 'en'): string {
  const i = label.indexOf(' / ');
  if (i < 0) return label;
  return locale === 'en' ? label.slice(i + 3) : label.slice(0, i);
}

function cssId(s: string): string {
  return s.replace(/[^a-zA-Z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`);
}

/**
 * A reason form (an appeal, a month's closing): the textarea `#<id>-reason`
 * named `reason`, its error `#<id>-error` tied to it, submit and cancel.
 */
function reasonForm(f: {
  id: string;
  label: string;
  error: string;
  submit: string;
  cancel: string;
  onSubmit: (e: Event) => void;
  onCancel: () => void;
}): TemplateResult {
  return html`<form class="${f.id}-form" @submit=${f.onSubmit}>
    <label for="${f.id}-reason">${f.label}</label>
    <textarea id="${f.id}-reason" name="reason" aria-describedby="${f.id}-error" aria-invalid=${f.error ? 'true' : 'false'}></textarea>
    <span id="${f.id}-error" class="error">${f.error}</span>
    <div class="row-actions">
      <button part="button" class="primary" type="submit">${f.submit}</button>
      <button part="button" type="button" @click=${f.onCancel}>${f.cancel}</button>
    </div>
  </form>`;
}

/** True when `period` is exactly one calendar month. */
function isWholeMonth(period: Period): boolean {
  const month = period.from.slice(0, 7);
  const whole = periodOf(month);
  return period.from === whole.from && period.to === whole.to;
}
