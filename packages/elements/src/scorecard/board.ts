/**
 * The board of leads and managers under the card: the team's (or everyone's)
 * leaderboard with the payroll CSV export, the appeals to decide, and (managers,
 * a month view) the month's closing.
 *
 * Loaded on demand (`import('./board.js')`) by `<rulecard-scorecard>` when the
 * signed-in user is a lead or a manager, so a consultant's scorecard never
 * downloads it.
 *
 * @example
 * ```ts
 * const { BoardController } = await import('./board.js');
 * this.board = new BoardController(this, this.appeals);
 * render() { return this.board?.render(); }
 * ```
 */
import { css, html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { Task } from '@lit/task';
import type { Period } from '@rulecard/dsl';
import type { RulecardStore, ScoreResult, Subject } from '@rulecard/store';
import { isSupervisor } from '../shared/context.js';
import { fire } from '../shared/events.js';
import { wholeMonthOf } from '@rulecard/dsl/calendar';
import { errorText, storeErrorOf } from '../shared/store.js';
import { storeThenValues } from '../shared/task-args.js';
import type { Appeal } from './appeals.js';
import type { AppealsController } from './appeals-panel.js';
import { ClosingController, type MonthShown } from './closing.js';
import { decisionForm } from './decisions.js';
import type { ScorecardHost } from './host.js';
import { leaderboard, leaderboardView, type LeaderRow } from './leaderboard.js';
import type { RuleNames } from '../shared/labels.js';
import { boardCatalog } from './messages/board.js';

/** The board's own styles, added to the element's shadow root when the board loads (a consultant's card never carries them). */
const boardStyles = css`
  .decision {
    display: grid;
    gap: 4px;
    margin: 4px 0 var(--_space);
    max-width: 36em;
  }
  .board-head {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: baseline;
    justify-content: space-between;
  }
  .board-head h3 {
    margin-bottom: 0;
  }
  .closing-form {
    display: grid;
    gap: calc(var(--_space) / 2);
    max-width: 40em;
  }
`;

/** The board's data: the team's (or everyone's) score, its leaderboard and appeals. */
interface Board {
  result: ScoreResult;
  /** The team shown, or undefined for everyone. */
  team: string | undefined;
  rows: LeaderRow[];
  appeals: Appeal[];
  names: Map<string, string>;
  /** The rules' labels (English ones too) of the versions scored: the appeals' rule names. */
  rules: RuleNames;
  /** The month shown (a month view only) and its closing record, if any. */
  month?: MonthShown;
}

/** The board task's arguments: store, supervisor, team, period, rulebook id, store revision. */
type BoardArgs = readonly [RulecardStore | undefined, boolean, string, Period, string, number];

export class BoardController implements ReactiveController {
  private readonly host: ScorecardHost;
  private readonly appeals: AppealsController;
  private readonly closing: ClosingController;

  private readonly data: Task<BoardArgs, Board | undefined>;

  constructor(host: ScorecardHost, appeals: AppealsController) {
    this.host = host;
    this.appeals = appeals;
    this.closing = new ClosingController(host);
    host.addController(this);
    this.data = new Task(host, {
      task: async ([store, supervisor, team, period, rulebook]): Promise<Board | undefined> => {
        if (!store || !supervisor) return undefined;
        const subject: Subject = team ? { team } : { all: true };
        const month = wholeMonthOf(period);
        // A team's board is the card's own score: take it rather than scoring the team a second time.
        const card = team ? await host.cardScore({ team }, period) : undefined;
        const [result, everyone, record, closable, inEffect] = await Promise.all([
          // As of now, as the card: the leaderboard's totals and the payroll export are the ended windows'.
          card ?? store.score(subject, period, { rulebookId: rulebook, events: true, asOf: new Date().toISOString() }),
          store.listMembers(),
          month ? store.getMonth(month) : undefined,
          month ? store.canCloseMonth(month) : undefined,
          store.rulebookInEffect(period.to, rulebook),
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
          rules: await host.ruleTexts(store, result, inEffect),
          ...(month && closable ? { month: { month, record, closable } } : {}),
        };
      },
      args: () => [host.activeStore, !!host.user && isSupervisor(host.user), host.team, host.period, host.rulebook, host.revision] as const,
      argsEqual: storeThenValues,
    });
  }

  hostConnected(): void {
    const root = this.host.renderRoot;
    const sheet = boardStyles.styleSheet;
    if (root instanceof ShadowRoot && sheet && !root.adoptedStyleSheets.includes(sheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  render(): unknown {
    const host = this.host;
    const { msg: m, locale } = host.i18n;
    const text = boardCatalog[locale];
    const decision = { form: (a: Appeal) => decisionForm(host, this.appeals, a), error: host.failure };
    const board = (b: Board | undefined) =>
      b
        ? html`${leaderboardView(b.rows, m, text, locale, () => void this.exportCsv(b))}
          ${this.appeals.listView(b.appeals, b.names, b.rules, decision)} ${b.month ? this.closing.view(b.month, b.names) : nothing}`
        : nothing;
    return this.data.render({
      pending: () => (this.data.value ? board(this.data.value) : html`<p class="status" role="status">${m.loading}</p>`),
      error: (e): TemplateResult | typeof nothing =>
        storeErrorOf(e, 'no-rulebook') ? nothing : html`<p class="error" role="alert">${m.loadFailed(errorText(e, locale))}</p>`,
      complete: board,
    });
  }

  /**
   * The board's score (the team's or everyone's, all lines of every ledger, as the store's CSV writes them) as a
   * file: UTF-8 with BOM for Excel. The page may take the CSV instead (`rulecard-export`, cancelable).
   */
  private async exportCsv(b: Board): Promise<void> {
    const host = this.host;
    const store = host.activeStore;
    if (!store) return;
    const locale = host.i18n.locale;
    const m = boardCatalog[locale];
    try {
      const csv = await store.exportScoreCsv(b.result, { locale });
      const { from, to } = b.result.period;
      const span = host.day || (from.slice(0, 7) === to.slice(0, 7) ? from.slice(0, 7) : `${from}_${to}`);
      const filename = m.exportFile(b.team ? (host.teamName(b.team) ?? b.team) : m.everyone, span);
      const detail = { kind: 'score-csv' as const, filename, csv, period: { from, to }, ...(b.team ? { team: b.team } : {}) };
      if (!fire(host, 'rulecard-export', detail, true)) return;
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      const message = m.exportFailed(errorText(err, locale));
      host.failure = message;
      fire(host, 'rulecard-error', { kind: 'scorecard', message });
    }
  }
}
