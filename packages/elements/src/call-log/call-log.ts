import { html, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { Subject } from '@rulecard/store';
import { RulecardElement } from '../shared/base.js';
import { isSupervisor } from '../shared/context.js';
import { FirstRunController } from '../shared/first-run.js';
import { LocaleController } from '../shared/i18n.js';
import { LiveController } from '../shared/live.js';
import { wallClock } from '@rulecard/dsl/calendar';
import { ClockController } from './clock.js';
import { EntryList } from './entries.js';
import { EntryForm } from './entry-form.js';
import type { FormField } from './form.js';
import { EntryHistory } from './history-panel.js';
import type { CallLogHost } from './host.js';
import { callLogCatalog } from './messages/index.js';
import { StatsPanel } from './stats-panel.js';
import { callLogStyles } from './styles.js';

/**
 * `<rulecard-call-log>` — the consultation log (电话/网络咨询登记表): a form a
 * consultant fills right after each consultation, the list of their entries
 * (today / this week / this month) with search, editing and edit history, and
 * the weekly and monthly statistics (by age band, content, region, source).
 *
 * What is typed is kept as a draft in IndexedDB on every keystroke; a reload
 * restores it. A promised follow-up shows its 30-minute deadline; overdue
 * follow-ups are flagged in the list (and become events in the store).
 *
 * @example
 * ```html
 * <script type="module" src="/rulecard/call-log.js"></script>
 * <rulecard-call-log consultant="c01" role="consultant"></rulecard-call-log>
 * <rulecard-call-log consultant="m01" role="manager" lang="en"></rulecard-call-log>
 * ```
 *
 * @attr consultant - Roster id of the signed-in user; entries are registered under it.
 * @attr role - `consultant` (default; sees only their own entries), `lead` or `manager` (see everyone's).
 * @attr database - IndexedDB database name when no store is provided (default `rulecard`).
 * @attr lang - `en` for English; zh-CN otherwise (inherits the closest ancestor's `lang`).
 *
 * @fires rulecard-saved - `{ kind: 'call-log', id }` after an entry is created or changed.
 * @fires rulecard-draft-saved - `{ kind: 'call-log', key }` after the draft was written.
 * @fires rulecard-error - `{ kind: 'call-log', message }` when the store refused a save.
 * @fires rulecard-setup - `{ step: 'roster' | 'rulebook' }`: on first run (no consultants on the roster), a manager asked
 *   to open that setup step.
 *
 * @csspart form - the registration form.
 * @csspart field - each label + control + error group.
 * @csspart error - the error text under a field (a value that blocks the save).
 * @csspart warning - "not filled in" next to an empty registration field, and the form's incomplete summary
 *   (the entry can still be saved; it then counts as a `call_not_fully_registered` event).
 * @csspart reminder - the follow-up reminder.
 * @csspart save-button - the submit button.
 * @csspart conflict - after an edit lost to a save made meanwhile: the newest values next to the user's, field by field,
 *   with "apply my edit again on top" and "discard mine".
 * @csspart list - the entries table.
 * @csspart stats - the statistics section.
 * @csspart history - the edit-history list.
 * @csspart first-run - shown instead of the form while the roster is empty or the signed-in consultant is not on it.
 * @csspart button - the first-run step buttons.
 *
 * @cssprop --rulecard-color-accent - buttons, selected tab, focus ring (default #0b5cad).
 * @cssprop --rulecard-color-danger - required marks and errors (default #b42318).
 * @cssprop --rulecard-color-warning - the edge of "not fully registered" warnings (default #9a6700).
 * @cssprop --rulecard-color-text - text (default #1f2328).
 * @cssprop --rulecard-color-surface - background (default #ffffff).
 * @cssprop --rulecard-color-border - field borders (default #8c959f).
 * @cssprop --rulecard-font - font stack.
 * @cssprop --rulecard-radius - corner radius (default 6px).
 */
export class RulecardCallLog extends RulecardElement implements CallLogHost {
  static override styles = callLogStyles;

  /** @internal */
  readonly i18n = new LocaleController(this, callLogCatalog);
  /** @internal Bumped on every committed call-log write. */
  @state() revision = 0;

  private readonly clock = new ClockController(this);
  private readonly entryForm = new EntryForm(this);
  private readonly entries = new EntryList(this);
  private readonly history = new EntryHistory(this);
  private readonly stats = new StatsPanel(this);
  /** Entries are registered under a consultant on the roster: without a roster (or without the signed-in one on it), what to do. */
  private readonly firstRun = new FirstRunController(this, {
    needs: ['roster', 'person'],
    locale: () => this.i18n.locale,
    emit: (detail) => this.emit('rulecard-setup', detail),
  });

  /**
   * Every committed call-log write — this element's own saves included (the
   * store notifies its listeners before the write's promise resolves), other
   * elements' and other tabs' — re-runs the list, statistics, names and history.
   */
  private readonly live = new LiveController(this, (change) => {
    if (change.type === 'changed' && change.kinds.includes('callLogs')) this.revision++;
  });

  /** Member id → display name (the form's consultant, who edited an entry). */
  private readonly names = new Task(this, {
    task: async ([store]) => new Map((store ? await store.listMembers() : []).map((x) => [x.id, x.name])),
    args: () => [this.activeStore, this.revision] as const,
  });

  /** @internal */
  get now(): Date {
    return this.clock.now;
  }

  /** @internal */
  get today(): string {
    return wallClock(this.clock.now, this.timeZone).date;
  }

  /** @internal Whose entries: the consultant's own, or everyone's for leads and managers. */
  get subject(): Subject | undefined {
    const user = this.user;
    if (!user) return undefined;
    return isSupervisor(user) ? { all: true } : { consultant: user.consultant };
  }

  /** Resolves when the draft (if any) has been restored into the form. For tests and portals. */
  get draftRestored(): Promise<void> {
    return this.entryForm.restored;
  }

  /** @internal */
  nameOf(id: string): string {
    return this.names.value?.get(id) ?? id;
  }

  /** @internal */
  fieldList(fields: readonly FormField[]): string {
    const m = this.i18n.msg;
    return fields.map((f) => m.short[f] ?? m.fields[f]).join(m.listSeparator);
  }

  /** @internal */
  edit(id: string): Promise<void> {
    return this.entryForm.edit(id);
  }

  /** @internal */
  showHistory(id: string): void {
    this.history.show(id);
  }

  override render(): TemplateResult {
    const m = this.i18n.msg;
    if (!this.user) return html`<p class="status" role="status">${m.signIn}</p>`;
    if (this.firstRun.blocking) return html`${this.firstRun.render()}`;
    const editing = this.entryForm.editingId;
    return html`
      <section aria-labelledby="form-title">
        <h2 id="form-title">${editing ? m.editing(editing) : m.title}</h2>
        ${this.entryForm.render()}
      </section>
      <section aria-labelledby="list-title">
        <h2 id="list-title">${isSupervisor(this.user) ? m.listAll : m.list}</h2>
        ${this.entries.render()}
      </section>
      ${this.history.render()}
      <section aria-labelledby="stats-title" part="stats">
        <h2 id="stats-title">${m.stats}</h2>
        ${this.stats.render()}
      </section>
    `;
  }
}
