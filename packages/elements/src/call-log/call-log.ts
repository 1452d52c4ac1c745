import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { Task } from '@lit/task';
import type { CallChannel, CallLogRevision, CallLogView, Subject } from '@rulecard/store';
import { CALL_CHANNELS, followUpDueAt } from '@rulecard/store/call-log-rules';
import { errorText, storeErrorOf } from '../shared/store.js';
import { RulecardElement } from '../shared/base.js';
import { isSupervisor } from '../shared/context.js';
import { DraftBox, tabDraftId } from '../shared/drafts.js';
import { formatDateTime, formatWindow } from '../shared/format.js';
import { extendCatalog, LocaleController, type Locale } from '../shared/i18n.js';
import { LiveController } from '../shared/live.js';
import { sharedCatalog } from '../shared/messages/index.js';
import { addDays, lastMonth, lastWeek, monthSoFar, wallClock, weekSoFar } from '../shared/time.js';
import {
  emptyForm,
  formFieldOf,
  fromLog,
  missingFields,
  REQUIRED,
  toInput,
  validate,
  type CallLogForm,
  type FormErrors,
  type FormField,
} from './form.js';
import { en } from './messages/en.js';
import { zhCN } from './messages/zh-CN.js';
import { AGE_BANDS, callLogStats, type CallLogStats } from './stats.js';
import { callLogStyles } from './styles.js';

const catalog = extendCatalog(sharedCatalog, { 'zh-CN': zhCN, en });
type Messages = (typeof catalog)[Locale];
const CHANNELS: readonly CallChannel[] = CALL_CHANNELS.map((c) => c.id);
type Range = 'today' | 'week' | 'month';
const RANGES: readonly Range[] = ['today', 'week', 'month'];
type StatsSpan = 'this' | 'last';
const STATS_SPANS: readonly StatsSpan[] = ['this', 'last'];
const TEXT_FIELDS = ['customerName', 'contact', 'age', 'region', 'source', 'project'] as const;
/** The list's input while no list is loaded (one array, so the list's `guard` sees no change). */
const NO_LOGS: CallLogView[] = [];

function subjectOf(key: string): Subject {
  return key === '*' ? { all: true } : { consultant: key };
}

interface Draft {
  form: CallLogForm;
  editing?: { id: string; rev: number };
}

/**
 * `<rulecard-call-log>` — the consultation log (电话/网络咨询登记表): a form a
 * consultant fills right after each consultation, the list of their entries
 * (today / this week / this month) with search, editing and edit history, and
 * the weekly and monthly statistics (by age band, content, region, source).
 *
 * What is typed is kept as a draft in the store on every keystroke (one per
 * tab, so two tabs never overwrite each other's); a reload of the tab restores
 * it, and saving the entry deletes it in the same transaction. A promised follow-up shows its 30-minute deadline; overdue
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
 *
 * @csspart form - the registration form.
 * @csspart field - each label + control + error group.
 * @csspart error - the error text under a field (a value that blocks the save).
 * @csspart warning - "not filled in" next to an empty registration field, and the form's incomplete summary
 *   (the entry can still be saved; it then counts as a `call_not_fully_registered` event).
 * @csspart reminder - the follow-up reminder.
 * @csspart save-button - the submit button.
 * @csspart list - the entries table.
 * @csspart stats - the statistics section.
 * @csspart history - the edit-history list.
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
export class RulecardCallLog extends RulecardElement {
  static override styles = callLogStyles;

  private readonly i18n = new LocaleController(this, catalog);

  @state() private form: CallLogForm = emptyForm('', '', 'phone');
  @state() private errors: FormErrors = {};
  @state() private editing?: { id: string; rev: number };
  @state() private notice = '';
  @state() private summary = '';
  /** Fields the user has left (focus moved away) since the form was reset: their "missing" warnings show. */
  @state() private touched: ReadonlySet<FormField> = new Set();
  /** The entry just saved with registration fields missing (the notice offers to complete it). */
  @state() private savedIncomplete?: { id: string; missing: FormField[] };
  @state() private range: Range = 'today';
  /** Which week and month the statistics count: the current one so far, or the whole one before. */
  @state() private statsWeek: StatsSpan = 'this';
  @state() private statsMonth: StatsSpan = 'this';
  @state() private query = '';
  @state() private historyOf?: string;
  @state() private version = 0;
  @state() private busy = false;
  @state() private now = new Date();

  private draft?: DraftBox<Draft>;
  private lastChannel?: DraftBox<CallChannel>;
  /** Which store and user the draft boxes are for. */
  private draftFor?: { store: object; key: string };
  private draftReady?: Promise<void>;
  /** Resolves a `draftRestored` asked for before the store was there. */
  private draftWaiting?: () => void;
  private timer?: ReturnType<typeof setInterval>;
  /** The list as shown: a loaded list filtered by a search and sorted, kept until either changes. */
  private shown?: { all: CallLogView[]; q: string; logs: CallLogView[] };

  /**
   * Every committed call-log write — this element's own saves included (the
   * store notifies its listeners before the write's promise resolves), other
   * elements' and other tabs' — re-runs the list, statistics, names and history.
   */
  private readonly live = new LiveController(this, (change) => {
    if (change.type === 'changed' && change.kinds.includes('callLogs')) this.version++;
  });

  private get today(): string {
    return wallClock(this.now, this.timeZone).date;
  }

  /** Whose entries: a primitive key (Task args compare by identity). `*` = everyone. */
  private get subjectKey(): string {
    const user = this.user;
    if (!user) return '';
    return isSupervisor(user) ? '*' : user.consultant;
  }

  private readonly listTask = new Task(this, {
    task: async ([store, key, range, today]) => {
      if (!store || !key) return undefined;
      const subject = subjectOf(key);
      const span = range === 'today' ? { from: today, to: today } : range === 'week' ? weekSoFar(today) : monthSoFar(today);
      // The day before stays listed while its promised follow-up is open: a callback
      // promised at 23:50 falls due after midnight and must not vanish from the list.
      const logs = await store.listCallLogs(subject, { from: addDays(span.from, -1), to: span.to });
      return logs.filter((l) => l.date >= span.from || (l.followUpPromised && !l.followUpDoneAt));
    },
    args: () => [this.activeStore, this.subjectKey, this.range, this.today, this.version] as const,
  });

  private readonly statsTask = new Task(this, {
    task: async ([store, key, today, weekOf, monthOf]) => {
      if (!store || !key) return undefined;
      const subject = subjectOf(key);
      const weekSpan = weekOf === 'this' ? weekSoFar(today) : lastWeek(today);
      const monthSpan = monthOf === 'this' ? monthSoFar(today) : lastMonth(today);
      const [week, month] = await Promise.all([store.listCallLogs(subject, weekSpan), store.listCallLogs(subject, monthSpan)]);
      return { week: callLogStats(week), weekSpan, month: callLogStats(month), monthSpan };
    },
    args: () => [this.activeStore, this.subjectKey, this.today, this.statsWeek, this.statsMonth, this.version] as const,
  });

  /** Member id → display name (the form's consultant, who edited an entry). */
  private readonly namesTask = new Task(this, {
    task: async ([store]) => new Map((store ? await store.listMembers() : []).map((x) => [x.id, x.name])),
    args: () => [this.activeStore, this.version] as const,
  });

  private nameOf(id: string): string {
    return this.namesTask.value?.get(id) ?? id;
  }

  private readonly historyTask = new Task(this, {
    task: async ([store, id]) => (store && id ? store.callLogHistory(id) : undefined),
    args: () => [this.activeStore, this.historyOf, this.version] as const,
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => {
      this.now = new Date();
      void this.activeStore?.refreshOverdueFollowUps(this.now).catch(() => undefined);
    }, 60_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const user = this.user;
    const store = this.activeStore;
    const key = user ? `${this.database}|${user.consultant}` : undefined;
    if (store && user && key && (this.draftFor?.store !== store || this.draftFor.key !== key)) {
      this.draftFor = { store, key };
      const owner = user.consultant;
      this.draft = new DraftBox<Draft>(store, { id: `call-log:${owner}:${tabDraftId()}`, form: 'call-log', owner });
      this.lastChannel = new DraftBox<CallChannel>(store, { id: `call-log:${owner}:last-channel`, form: 'call-log-channel', owner });
      const waiting = this.draftWaiting;
      this.draftWaiting = undefined;
      this.draftReady = this.restoreDraft(this.draft, this.lastChannel).finally(() => waiting?.());
    }
  }

  /** Resolves when the draft (if any) has been restored into the form. For tests and portals. */
  get draftRestored(): Promise<void> {
    if (this.draftReady) return this.draftReady;
    return new Promise((resolve) => {
      const before = this.draftWaiting;
      this.draftWaiting = () => {
        before?.();
        resolve();
      };
    });
  }

  private async restoreDraft(draft: DraftBox<Draft>, lastChannel: DraftBox<CallChannel>): Promise<void> {
    const [saved, channel] = await Promise.all([draft.load(), lastChannel.load()]).catch(() => [undefined, undefined] as const);
    if (this.draft !== draft) return;
    if (saved) {
      this.form = saved.form;
      this.editing = saved.editing;
      this.notice = this.i18n.msg.draftRestored;
    } else {
      this.resetForm(channel ?? 'phone');
    }
  }

  private resetForm(channel: CallChannel | ''): void {
    const now = wallClock(new Date(), this.timeZone);
    this.form = emptyForm(now.date, now.time, channel);
    this.editing = undefined;
    this.errors = {};
    this.summary = '';
    this.touched = new Set();
  }

  /** Short names of `fields`, as one list in the user's language. */
  private fieldList(fields: readonly FormField[]): string {
    const m = this.i18n.msg;
    return fields.map((f) => m.short[f] ?? m.fields[f]).join(m.listSeparator);
  }

  private onFocusOut(e: FocusEvent): void {
    const field = (e.target as HTMLElement | null)?.dataset?.field as FormField | undefined;
    if (field && !this.touched.has(field)) this.touched = new Set([...this.touched, field]);
  }

  // ------------------------------------------------------------------ input

  private onInput(e: Event): void {
    const el = e.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    const field = el.dataset.field as FormField | undefined;
    if (!field) return;
    const value = el instanceof HTMLInputElement && el.type === 'checkbox' ? el.checked : el.value;
    this.form = { ...this.form, [field]: value };
    this.notice = '';
    this.savedIncomplete = undefined;
    if (this.errors[field]) {
      const again = this.validateNow();
      this.errors = { ...this.errors, [field]: again[field] };
    }
    void this.saveDraft();
  }

  private async saveDraft(): Promise<void> {
    const draft = this.draft;
    if (!draft) return;
    try {
      await draft.save({ form: this.form, editing: this.editing });
      this.emit('rulecard-draft-saved', { kind: 'call-log', key: draft.id });
    } catch (err) {
      // Storage full (`quota-exceeded`): the draft saved before is kept; say so.
      this.summary = errorText(err, this.i18n.locale);
      this.emit('rulecard-error', { kind: 'call-log', message: this.summary });
    }
  }

  private validateNow(): FormErrors {
    return validate(this.form, this.i18n.msg.errors, { now: new Date(), timeZone: this.timeZone, isNew: !this.editing });
  }

  private async onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    const store = this.activeStore;
    const user = this.user;
    if (!store || !user || this.busy) return;
    const errors = this.validateNow();
    const bad = Object.keys(errors).filter((k) => errors[k as FormField]);
    if (bad.length) return this.showErrors(errors);
    this.busy = true;
    try {
      const input = toInput(
        this.form,
        this.editing ? ((await store.getCallLog(this.editing.id))?.consultant ?? user.consultant) : user.consultant,
        this.timeZone,
      );
      // The draft is deleted in the transaction of the save (a reload can never restore a saved entry).
      const draftId = await this.draft?.release();
      const saved = this.editing
        ? await store.updateCallLog(this.editing.id, input, { by: user.consultant, expectedRev: this.editing.rev }, { draftId })
        : await store.createCallLog(input, { by: user.consultant }, { draftId });
      const missing = missingFields(this.form);
      await this.lastChannel?.save(input.channel);
      this.resetForm(input.channel);
      this.savedIncomplete = missing.length ? { id: saved.id, missing } : undefined;
      this.notice = missing.length ? this.i18n.msg.savedIncomplete(this.fieldList(missing)) : this.i18n.msg.saved;
      this.emit('rulecard-saved', { kind: 'call-log', id: saved.id });
      this.renderRoot.querySelector<HTMLElement>('#f-customerName')?.focus();
    } catch (err) {
      const locale = this.i18n.locale;
      const invalid = storeErrorOf(err, 'validation');
      if (invalid) {
        const mapped: FormErrors = {};
        for (const f of invalid.fields) {
          const field = formFieldOf(f.field);
          if (field) mapped[field] = f.message[locale];
        }
        this.showErrors(mapped, Object.keys(mapped).length ? undefined : invalid.text(locale));
        void this.saveDraft();
      } else if (storeErrorOf(err, 'conflict') && this.editing) {
        const latest = await store.getCallLogUnmasked(this.editing.id);
        if (latest) {
          this.form = fromLog(latest, this.timeZone);
          this.editing = { id: latest.id, rev: latest.rev };
        }
        this.summary = this.i18n.msg.errors.conflict;
      } else {
        this.summary = errorText(err, locale);
      }
      this.emit('rulecard-error', { kind: 'call-log', message: this.summary });
    } finally {
      this.busy = false;
    }
  }

  private async showErrors(errors: FormErrors, message?: string): Promise<void> {
    this.errors = errors;
    const fields = Object.keys(errors) as FormField[];
    this.summary = message ?? this.i18n.msg.errors.summary(fields.length);
    await this.updateComplete;
    const first = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]');
    first?.focus();
  }

  private async edit(id: string): Promise<void> {
    const log = await this.activeStore?.getCallLogUnmasked(id);
    if (!log) return;
    this.form = fromLog(log, this.timeZone);
    this.editing = { id: log.id, rev: log.rev };
    this.errors = {};
    this.summary = '';
    this.notice = '';
    this.savedIncomplete = undefined;
    // an incomplete entry opened for completion: show what is missing right away
    this.touched = new Set(missingFields(this.form));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#f-date')?.focus();
  }

  private async cancelEdit(): Promise<void> {
    await this.draft?.clear();
    this.resetForm(this.form.channel);
  }

  private async markFollowUpDone(log: CallLogView): Promise<void> {
    const store = this.activeStore;
    const user = this.user;
    if (!store || !user) return;
    try {
      await store.markFollowUpDone(log.id, { expectedRev: log.rev }, { by: user.consultant, role: user.role });
      this.emit('rulecard-saved', { kind: 'call-log', id: log.id });
    } catch (err) {
      // Done meanwhile in another tab (`conflict`): say so; the list reloads with the store's notification.
      this.summary = storeErrorOf(err, 'conflict') ? this.i18n.msg.errors.conflict : errorText(err, this.i18n.locale);
      this.emit('rulecard-error', { kind: 'call-log', message: this.summary });
    }
  }

  private onRangeKey(e: KeyboardEvent): void {
    const i = RANGES.indexOf(this.range);
    let next = i;
    if (e.key === 'ArrowRight') next = (i + 1) % RANGES.length;
    else if (e.key === 'ArrowLeft') next = (i + RANGES.length - 1) % RANGES.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = RANGES.length - 1;
    else return;
    e.preventDefault();
    this.range = RANGES[next];
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${this.range}`)?.focus());
  }

  // ------------------------------------------------------------------ render

  override render(): TemplateResult {
    const m = this.i18n.msg;
    if (!this.user) return html`<p class="status" role="status">${m.signIn}</p>`;
    return html`
      <section aria-labelledby="form-title">
        <h2 id="form-title">${this.editing ? m.editing(this.editing.id) : m.title}</h2>
        ${this.renderForm()}
      </section>
      <section aria-labelledby="list-title">
        <h2 id="list-title">${isSupervisor(this.user) ? m.listAll : m.list}</h2>
        ${this.renderList()}
      </section>
      ${this.historyOf ? this.renderHistory() : nothing}
      <section aria-labelledby="stats-title" part="stats">
        <h2 id="stats-title">${m.stats}</h2>
        ${this.statsTask.render({
          pending: () =>
            this.statsTask.value ? this.renderAllStats(this.statsTask.value) : html`<p class="status" role="status">${m.loading}</p>`,
          error: (e) => html`<p class="error" role="alert">${m.loadFailed(String(e))}</p>`,
          complete: (s) => (s ? this.renderAllStats(s) : nothing),
        })}
      </section>
    `;
  }

  private renderField(
    name: FormField,
    control: TemplateResult,
    opts: { wide?: boolean; check?: boolean; required?: boolean } = {},
  ): TemplateResult {
    const m = this.i18n.msg;
    const label = name === 'surgeryFee' ? m.fields.surgeryFee : m.fields[name];
    const required = opts.required ?? REQUIRED.includes(name);
    const error = this.errors[name];
    const warn = !error && this.touched.has(name) && missingFields(this.form).includes(name);
    const labelEl = html`<label for="f-${name}"
      >${label}${required ? html`<span class="req" aria-hidden="true"> *</span><span class="visually-hidden">${m.requiredMark}</span>` : nothing}</label
    >`;
    return html`<div class="field ${opts.wide ? 'wide' : ''} ${opts.check ? 'check' : ''}" part="field">
      ${opts.check ? html`${control}${labelEl}` : html`${labelEl}${control}`}
      <span id="e-${name}" class="field-error" part="error">${error ?? nothing}</span>
      ${warn ? html`<span id="w-${name}" class="field-warning" part="warning">${m.missingWarning}</span>` : nothing}
    </div>`;
  }

  private attrs(name: FormField): { invalid: 'true' | 'false'; required: 'true' | 'false'; describedby: string } {
    return {
      invalid: this.errors[name] ? 'true' : 'false',
      required: REQUIRED.includes(name) ? 'true' : 'false',
      describedby: this.touched.has(name) ? `e-${name} w-${name}` : `e-${name}`,
    };
  }

  private input(
    name: FormField,
    type = 'text',
    extra: { inputmode?: string; autocomplete?: string; min?: string; max?: string } = {},
  ): TemplateResult {
    const a = this.attrs(name);
    const v = this.form[name];
    return html`<input
      id="f-${name}"
      data-field=${name}
      type=${type}
      .value=${typeof v === 'string' ? v : ''}
      inputmode=${extra.inputmode ?? nothing}
      autocomplete=${extra.autocomplete ?? 'off'}
      min=${extra.min ?? nothing}
      max=${extra.max ?? nothing}
      aria-invalid=${a.invalid}
      aria-required=${a.required}
      aria-describedby=${a.describedby}
      @input=${this.onInput}
    />`;
  }

  private textarea(name: FormField): TemplateResult {
    const a = this.attrs(name);
    const v = this.form[name];
    return html`<textarea
      id="f-${name}"
      data-field=${name}
      .value=${typeof v === 'string' ? v : ''}
      aria-invalid=${a.invalid}
      aria-required=${a.required}
      aria-describedby=${a.describedby}
      @input=${this.onInput}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) (e.currentTarget as HTMLTextAreaElement).form?.requestSubmit();
      }}
    ></textarea>`;
  }

  private checkbox(name: 'booked' | 'followUpPromised'): TemplateResult {
    return html`<input id="f-${name}" data-field=${name} type="checkbox" .checked=${this.form[name]} @change=${this.onInput} />`;
  }

  private renderForm(): TemplateResult {
    const m = this.i18n.msg;
    const f = this.form;
    const a = this.attrs('channel');
    const missing = missingFields(f);
    // once the user has worked on the form: what is still missing, and what saving it now means
    const showIncomplete = missing.length > 0 && this.touched.size > 0;
    return html`<form part="form" novalidate aria-labelledby="form-title" @submit=${this.onSubmit} @focusout=${this.onFocusOut}>
      ${this.summary ? html`<div class="summary" role="alert">${this.summary}</div>` : nothing} ${this.renderNotice()}
      <fieldset>
        <legend>${m.sections.consultation}</legend>
        ${this.renderField('date', this.input('date', 'date'))} ${this.renderField('time', this.input('time', 'time'))}
        ${this.renderField(
          'channel',
          html`<select
            id="f-channel"
            data-field="channel"
            .value=${f.channel}
            aria-invalid=${a.invalid}
            aria-required="true"
            aria-describedby="e-channel"
            @change=${this.onInput}
          >
            ${CHANNELS.map((c) => html`<option value=${c} ?selected=${f.channel === c}>${m.channels[c]}</option>`)}
          </select>`,
        )}
        <div class="field" part="field">
          <span id="consultant-label">${m.fields.consultant}</span
          ><output aria-labelledby="consultant-label" title=${this.user?.consultant ?? ''}
            >${this.nameOf(this.user?.consultant ?? '')}</output
          >
        </div>
      </fieldset>
      <fieldset>
        <legend>${m.sections.customer}</legend>
        ${TEXT_FIELDS.map((n) =>
          this.renderField(n, this.input(n, 'text', n === 'age' ? { inputmode: 'numeric' } : n === 'contact' ? { inputmode: 'tel' } : {})),
        )}
      </fieldset>
      <fieldset>
        <legend>${m.sections.content}</legend>
        ${this.renderField('question', this.textarea('question'), { wide: true })}
        ${this.renderField('answer', this.textarea('answer'), { wide: true })}
      </fieldset>
      <fieldset>
        <legend>${m.sections.booking}</legend>
        ${this.renderField('booked', this.checkbox('booked'), { check: true, required: false })}
        ${
          f.booked
            ? html`${this.renderField('bookingAt', this.input('bookingAt', 'datetime-local'), { required: true })}
              ${this.renderField('bookingExpert', this.input('bookingExpert'), { required: true })}`
            : nothing
        }
        ${this.renderField('followUpPromised', this.checkbox('followUpPromised'), { check: true, required: false })}
        ${f.followUpPromised ? html`${this.renderReminder()} ${this.renderField('followUpDoneAt', this.input('followUpDoneAt', 'datetime-local'))}` : nothing}
      </fieldset>
      <fieldset>
        <legend>${m.sections.outcome}</legend>
        ${this.renderField('visitedAt', this.input('visitedAt', 'datetime-local'))}
        ${this.renderField('surgeryFee', this.input('surgeryFee', 'text', { inputmode: 'decimal' }))}
        ${this.renderField('recordingRef', this.input('recordingRef'))} ${this.renderField('note', this.textarea('note'), { wide: true })}
      </fieldset>
      <p class="incomplete ${showIncomplete ? '' : 'idle'}" part="warning" role="status">
        ${showIncomplete ? m.incompleteSummary(missing.length, this.fieldList(missing)) : nothing}
      </p>
      <div class="actions">
        <button class="primary" type="submit" part="save-button" ?disabled=${this.busy}>${this.editing ? m.saveChanges : m.save}</button>
        ${
          this.editing
            ? html`<button type="button" @click=${this.cancelEdit}>${m.cancelEdit}</button>`
            : html`<button type="button" @click=${() => this.draft?.clear().then(() => this.resetForm(this.form.channel))}>
                ${m.clear}
              </button>`
        }
      </div>
    </form>`;
  }

  private renderNotice(): TemplateResult | typeof nothing {
    if (!this.notice) return nothing;
    const incomplete = this.savedIncomplete;
    if (!incomplete) return html`<div class="notice" role="status">${this.notice}</div>`;
    return html`<div class="notice warn" role="status">
      <span>${this.notice}</span>
      <button type="button" data-complete=${incomplete.id} @click=${() => this.edit(incomplete.id)}>${this.i18n.msg.complete}</button>
    </div>`;
  }

  private renderReminder(): TemplateResult | typeof nothing {
    const m = this.i18n.msg;
    const f = this.form;
    if (f.followUpDoneAt) return html`<p class="reminder wide" part="reminder">${m.followUpDone}</p>`;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(f.date) || !/^\d{2}:\d{2}$/.test(f.time)) return nothing;
    // The store's deadline, written in the zone's offset: its local time is characters 11–16.
    const due = followUpDueAt({ date: f.date, time: f.time }, this.timeZone).slice(11, 16);
    return html`<p class="reminder" part="reminder" role="note">${m.followUpReminder(due)}</p>`;
  }

  private renderList(): TemplateResult {
    const m = this.i18n.msg;
    return html`<div class="toolbar">
        <div role="tablist" aria-label=${m.list} @keydown=${this.onRangeKey}>
          ${RANGES.map(
            (r) =>
              html`<button
                type="button"
                role="tab"
                id="tab-${r}"
                aria-selected=${this.range === r ? 'true' : 'false'}
                aria-controls="entries"
                tabindex=${this.range === r ? '0' : '-1'}
                @click=${() => (this.range = r)}
              >
                ${m.ranges[r]}
              </button>`,
          )}
        </div>
        <label class="visually-hidden" for="search">${m.search}</label>
        <input
          id="search"
          type="search"
          placeholder=${m.search}
          .value=${this.query}
          @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
        />
      </div>
      <div id="entries" role="tabpanel" aria-labelledby="tab-${this.range}">
        ${this.listTask.render({
          pending: () =>
            this.listTask.value ? this.renderEntries(this.listTask.value) : html`<p class="status" role="status">${m.loading}</p>`,
          error: (e) => html`<p class="error" role="alert">${m.loadFailed(String(e))}</p>`,
          complete: (logs) => this.renderEntries(logs ?? NO_LOGS),
        })}
      </div>`;
  }

  /** `all` matching the search `q` (trimmed, lower-case), newest first; recomputed only for a new list or search. */
  private shownOf(all: CallLogView[], q: string): CallLogView[] {
    const memo = this.shown;
    if (memo && memo.all === all && memo.q === q) return memo.logs;
    const logs = (
      q
        ? all.filter((l) =>
            [l.customerName, l.project, l.question, l.answer, l.region, l.source, l.note].some((v) => v?.toLowerCase().includes(q)),
          )
        : all
    )
      .slice()
      .sort((a, b) => b.at.localeCompare(a.at));
    this.shown = { all, q, logs };
    return logs;
  }

  private renderEntries(all: CallLogView[]): unknown {
    const { msg: m, locale } = this.i18n;
    const q = this.query.trim().toLowerCase();
    const timeZone = this.timeZone;
    const nowMs = this.now.getTime();
    // A keystroke in the form re-renders the element; the list is rebuilt only when
    // something it shows changed: the loaded list, the search, the minute (overdue
    // marks), the language or the time zone. Rows read nothing else of the element.
    return guard([all, q, nowMs, m, locale, timeZone], () => this.renderRows(this.shownOf(all, q), m, locale, timeZone, nowMs));
  }

  private renderRows(logs: CallLogView[], m: Messages, locale: Locale, timeZone: string, nowMs: number): TemplateResult {
    if (!logs.length) return html`<p class="status">${m.noEntries}</p>`;
    return html`<p class="muted" role="status">${m.results(logs.length)}</p>
      <table part="list">
        <thead>
          <tr>
            <th scope="col">${m.columns.when}</th>
            <th scope="col">${m.columns.customer}</th>
            <th scope="col">${m.columns.contact}</th>
            <th scope="col">${m.columns.channel}</th>
            <th scope="col">${m.columns.project}</th>
            <th scope="col">${m.columns.booked}</th>
            <th scope="col">${m.columns.actions}</th>
          </tr>
        </thead>
        <tbody>
          ${logs.map((l) => {
            const overdue = l.followUpPromised && !l.followUpDoneAt && l.followUpDueAt && Date.parse(l.followUpDueAt) < nowMs;
            const pending = l.followUpPromised && !l.followUpDoneAt;
            const missing = missingFields(l);
            return html`<tr>
              <td>${l.date} ${l.time}</td>
              <td class="customer">${l.customerName ?? ''}</td>
              <td>${l.contact ?? ''}</td>
              <td>${m.channels[l.channel]}</td>
              <td>${l.project ?? ''}</td>
              <td>${l.booked ? m.yes : m.no}</td>
              <td>
                ${
                  missing.length
                    ? html`<span class="badge warn" data-incomplete title=${m.incompleteTitle(this.fieldList(missing))}
                        >${m.incompleteBadge}<span class="visually-hidden"> (${m.incompleteTitle(this.fieldList(missing))})</span></span
                      >`
                    : nothing
                }
                ${
                  pending
                    ? html`<span class="badge ${overdue ? 'neg' : ''}"
                          >${
                            overdue
                              ? m.followUpOverdue(formatDateTime(l.followUpDueAt ?? l.at, locale, timeZone))
                              : m.followUpReminder(formatDateTime(l.followUpDueAt ?? l.at, locale, timeZone))
                          }</span
                        >
                        <button type="button" @click=${() => this.markFollowUpDone(l)}>${m.markFollowUpDone}</button>`
                    : nothing
                }
                <button type="button" aria-label="${m.edit} ${l.id}" @click=${() => this.edit(l.id)}>${m.edit}</button>
                <button type="button" aria-label="${m.history} ${l.id}" @click=${() => (this.historyOf = l.id)}>${m.history}</button>
              </td>
            </tr>`;
          })}
        </tbody>
      </table>`;
  }

  private renderHistory(): TemplateResult {
    const m = this.i18n.msg;
    const show = (v: unknown): string =>
      v === undefined || v === null || v === '' ? m.emptyValue : typeof v === 'boolean' ? (v ? m.yes : m.no) : String(v);
    const label = (f: string): string => (f === 'surgeryFeeFen' ? m.fields.surgeryFee : ((m.fields as Record<string, string>)[f] ?? f));
    return html`<section aria-labelledby="history-title" part="history">
      <h2 id="history-title">${m.history} · ${this.historyOf}</h2>
      ${this.historyTask.render({
        pending: () => html`<p class="status" role="status">${m.loading}</p>`,
        error: (e) => html`<p class="error" role="alert">${m.loadFailed(String(e))}</p>`,
        complete: (revs: CallLogRevision[] | undefined) =>
          revs?.length
            ? html`<ol class="history">
                ${revs.map(
                  (r) =>
                    html`<li>
                      ${m.historyEntry(this.nameOf(r.by), formatDateTime(r.at, this.i18n.locale, this.timeZone))}
                      <ul>
                        ${r.changes.map((c) => html`<li>${m.fieldChanged(label(c.field), show(c.before), show(c.after))}</li>`)}
                      </ul>
                    </li>`,
                )}
              </ol>`
            : html`<p class="status">${m.noHistory}</p>`,
      })}
      <button type="button" @click=${() => (this.historyOf = undefined)}>${m.close}</button>
    </section>`;
  }

  private renderAllStats(s: {
    week: CallLogStats;
    weekSpan: { from: string; to: string };
    month: CallLogStats;
    monthSpan: { from: string; to: string };
  }): TemplateResult {
    const m = this.i18n.msg;
    const locale = this.i18n.locale;
    const span = ({ from, to }: { from: string; to: string }) => m.statsSpan(formatWindow(from, locale), formatWindow(to, locale));
    /** This / last (week or month): two toggle buttons. */
    const choose = (id: string, label: string, names: Record<StatsSpan, string>, current: StatsSpan, set: (v: StatsSpan) => void) =>
      html`<div class="stats-head">
        <h3 id="${id}-title">${label}</h3>
        <div role="group" aria-labelledby="${id}-title" class="segmented">
          ${STATS_SPANS.map(
            (v) =>
              html`<button
                type="button"
                part="button"
                data-span=${v}
                aria-pressed=${v === current ? 'true' : 'false'}
                @click=${() => set(v)}
              >
                ${names[v]}
              </button>`,
          )}
        </div>
      </div>`;
    return html`${choose('w', m.statsWeek, m.statsWeekSpans, this.statsWeek, (v) => (this.statsWeek = v))}
      <p class="muted" id="w-span">${span(s.weekSpan)}</p>
      ${this.renderStats(s.week, 'w')} ${choose('m', m.statsMonth, m.statsMonthSpans, this.statsMonth, (v) => (this.statsMonth = v))}
      <p class="muted" id="m-span">${span(s.monthSpan)}</p>
      ${this.renderStats(s.month, 'm')}`;
  }

  private renderStats(s: CallLogStats, id: string): TemplateResult {
    const m = this.i18n.msg;
    const table = (key: string, caption: string, rows: [string, number][]) =>
      html`<table aria-describedby="${id}-total">
        <caption>
          ${caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">${caption}</th>
            <th scope="col">${m.count}</th>
          </tr>
        </thead>
        <tbody data-stat=${key}>
          ${rows.map(
            ([k, n]) =>
              html`<tr>
                <th scope="row">${k || m.unknownValue}</th>
                <td>${n}</td>
              </tr>`,
          )}
        </tbody>
      </table>`;
    return html`<p id="${id}-total">${m.statsTotal(s.total)}</p>
      <div class="stats">
        ${table(
          'age',
          m.statsBy.age,
          AGE_BANDS.map((b) => [m.ageBands[b], s.age.get(b) ?? 0] as [string, number]),
        )}
        ${table('project', m.statsBy.project, s.project)} ${table('region', m.statsBy.region, s.region)}
        ${table('source', m.statsBy.source, s.source)}
        ${table(
          'channel',
          m.statsBy.channel,
          s.channel.map(([c, n]) => [m.channels[c as CallChannel] ?? c, n] as [string, number]),
        )}
      </div>`;
  }
}
