import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { yuanOf } from '@rulecard/dsl/money';
import { hasLeft, recordableEventTypes, type RecordableEventType } from '@rulecard/store/roster-rules';
import type { StoredEvent } from '@rulecard/store';
import { errorText, storeErrorOf } from '../shared/store.js';
import { RulecardElement } from '../shared/base.js';
import { isSupervisor } from '../shared/context.js';
import { FirstRunController } from '../shared/first-run.js';
import { formatDateTime, parseYuanToFen } from '../shared/format.js';
import { eventTypeName, labelsOf, memberName, ruleName, ruleNamesOf } from '../shared/labels.js';
import { formatEventEffects } from './effects.js';
import { extendCatalog, LocaleController } from '../shared/i18n.js';
import { LiveController } from '../shared/live.js';
import { sharedCatalog } from '../shared/messages/index.js';
import { instantToLocal, localToInstant, wallClock } from '@rulecard/dsl/calendar';
import { zhCN } from './messages/zh-CN.js';
import { incidentStyles } from './styles.js';

const catalog = extendCatalog(sharedCatalog, { 'zh-CN': zhCN, en: () => import('./messages/en.js').then((m) => m.en) });

/** One choice of the picker: an event type of the published rulebook, with the rules bound to it (the store's rule). */
export type EventTypeChoice = RecordableEventType;

/** What the picker needs to say what a rule costs: the rulebook's point value and its pay items' labels. */
interface RuleCosts {
  pointFen: number;
  payLabels: ReadonlyMap<string, string>;
}

type Field = 'type' | 'consultant' | 'at' | 'amount' | 'note';

/**
 * `<rulecard-incident>` — leads and managers record an infraction, a praise, a
 * spot-check result, attendance… : an event type of the published rulebook
 * (picker, with the rule text it will trigger), the consultant, the time and a
 * note. Saved events reach every `<rulecard-scorecard>` at once (same tab or
 * another one).
 *
 * @example
 * ```html
 * <script type="module" src="/rulecard/incident.js"></script>
 * <rulecard-incident consultant="m01" role="manager"></rulecard-incident>
 * ```
 *
 * @attr consultant - Roster id of the signed-in user (recorded as `recordedBy`).
 * @attr role - must be `lead` or `manager`; consultants see a notice instead of the form.
 * @attr rulebook - Rulebook id (default `default`).
 * @attr database - IndexedDB database name when no store is provided (default `rulecard`).
 * @attr lang - `en` for English; zh-CN otherwise (inherits the closest ancestor's `lang`).
 *
 * @fires rulecard-saved - `{ kind: 'incident', id }` after the event is stored.
 * @fires rulecard-error - `{ kind: 'incident', message }` when the store refused it.
 * @fires rulecard-setup - `{ step: 'roster' | 'rulebook' }`: on first run (no consultants or no rulebook in effect), a manager
 *   asked to open that setup step.
 *
 * @csspart form - the form.
 * @csspart field - each label + control + error group.
 * @csspart error - the error text under a field.
 * @csspart effect - the rule text the chosen type triggers.
 * @csspart save-button - the submit button.
 * @csspart recent - the list of events recorded in this session.
 * @csspart first-run - the setup steps shown instead of the form while the store has no roster or no rulebook in effect.
 * @csspart button - the first-run step buttons.
 *
 * @cssprop --rulecard-color-accent - the save button and focus ring (default #0b5cad).
 * @cssprop --rulecard-color-danger - required marks and errors (default #b42318).
 * @cssprop --rulecard-color-text - text (default #1f2328).
 * @cssprop --rulecard-color-surface - background (default #ffffff).
 * @cssprop --rulecard-font - font stack.
 */
export class RulecardIncident extends RulecardElement {
  static override styles = incidentStyles;

  /** Rulebook id. */
  @property() rulebook = 'default';

  private readonly i18n = new LocaleController(this, catalog);
  @state() private type = '';
  @state() private target = '';
  @state() private at = '';
  @state() private amount = '';
  @state() private note = '';
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private notice = '';
  @state() private summary = '';
  @state() private busy = false;
  @state() private recent: StoredEvent[] = [];
  @state() private version = 0;

  private readonly live = new LiveController(this, (change) => {
    if (change.type === 'changed' && change.kinds.some((k) => k === 'rulebookVersions' || k === 'members')) this.version++;
  });
  /** Nothing to record on before there are consultants and a rulebook: what to set up, or whom to ask. */
  private readonly firstRun = new FirstRunController(this, {
    needs: ['roster', 'rulebook'],
    locale: () => this.i18n.locale,
    rulebook: () => this.rulebook,
    emit: (detail) => this.emit('rulecard-setup', detail),
  });

  private readonly setup = new Task(this, {
    task: async ([store, rulebook]) => {
      if (!store) return undefined;
      const today = wallClock(new Date(), store.timezone).date;
      const [version, members] = await Promise.all([store.rulebookInEffect(today, rulebook), store.listMembers()]);
      return {
        choices: version ? recordableEventTypes(version.compiled.rules) : undefined,
        pointFen: version?.compiled.pointFen ?? 100,
        payLabels: new Map((version?.compiled.pay ?? []).map((p) => [p.name, p.label ?? p.name])),
        members: members.filter((m) => !hasLeft(m, today)),
        names: new Map(members.map((m) => [m.id, m.name])),
        rules: ruleNamesOf(version?.compiled),
      };
    },
    args: () => [this.activeStore, this.rulebook, this.version] as const,
  });

  private onInput(e: Event): void {
    const el = e.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    const field = el.dataset.field as Field;
    this[field === 'consultant' ? 'target' : field] = el.value;
    if (this.errors[field]) this.errors = { ...this.errors, [field]: undefined };
    this.notice = '';
  }

  private async onSubmit(e: Event, choices: EventTypeChoice[]): Promise<void> {
    e.preventDefault();
    const store = this.activeStore;
    const user = this.user;
    if (!store || !user || this.busy) return;
    const m = this.i18n.msg.errors;
    const errors: Partial<Record<Field, string>> = {};
    const choice = choices.find((c) => c.type === this.type);
    if (!choice) errors.type = m.required;
    if (!this.target) errors.consultant = m.required;
    const atLocal = this.at || instantToLocal(new Date().toISOString(), this.timeZone);
    const at = localToInstant(atLocal, this.timeZone);
    if (!at) errors.at = m.time; // a time later than now: the store refuses it (`in-the-future`)
    let amount: number | undefined;
    if (this.amount.trim()) {
      const fen = parseYuanToFen(this.amount);
      if (fen === null) errors.amount = m.amount;
      else amount = yuanOf(fen);
    } else if (choice?.needsAmount) errors.amount = m.required;
    const bad = Object.values(errors).filter(Boolean).length;
    this.errors = errors;
    if (bad) {
      this.summary = m.summary(bad);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this.busy = true;
    try {
      const ev = await store.recordEvent(
        { type: this.type, consultant: this.target, at: at as string, amount, note: this.note.trim() || undefined },
        { by: user.consultant },
      );
      this.recent = [ev, ...this.recent].slice(0, 10);
      this.notice = this.i18n.msg.saved(choice ? this.choiceName(choice) : this.type, this.nameOf(this.target));
      this.summary = '';
      this.note = '';
      this.amount = '';
      this.at = '';
      this.emit('rulecard-saved', { kind: 'incident', id: ev.id });
    } catch (err) {
      const locale = this.i18n.locale;
      const invalid = storeErrorOf(err, 'validation');
      if (invalid) {
        const mapped: Partial<Record<Field, string>> = {};
        const m = this.i18n.msg.errors;
        for (const f of invalid.fields)
          if (f.field === 'type' || f.field === 'consultant' || f.field === 'at' || f.field === 'amount' || f.field === 'note')
            mapped[f.field] = f.reason === 'in-the-future' ? m.future : f.message[locale];
        this.errors = mapped;
      }
      this.summary = errorText(err, locale);
      this.emit('rulecard-error', { kind: 'incident', message: this.summary });
    } finally {
      this.busy = false;
    }
  }

  override render(): TemplateResult {
    const m = this.i18n.msg;
    if (!this.user || !isSupervisor(this.user)) return html`<p class="status" role="alert">${m.notAllowed}</p>`;
    if (this.firstRun.blocking) return html`${this.firstRun.render()}`;
    return html`<h2 id="title">${m.title}</h2>
      ${this.setup.render({
        initial: () => html`<p class="status" role="status">${m.loading}</p>`,
        pending: () => html`<p class="status" role="status">${m.loading}</p>`,
        error: (e) => html`<p class="error" role="alert">${m.loadFailed(errorText(e, this.i18n.locale))}</p>`,
        complete: (s) =>
          !s
            ? html`<p class="status" role="status">${m.loading}</p>`
            : !s.choices
              ? html`<p class="status" role="alert">${m.noRulebook}</p>`
              : !s.members.length
                ? html`<p class="status" role="alert">${m.noMembers}</p>`
                : this.renderForm(s.choices, s.members, s),
      })}
      ${this.renderRecent()}`;
  }

  private field(name: Field, label: string, control: TemplateResult, required: boolean, wide = false): TemplateResult {
    return html`<div class="field ${wide ? 'wide' : ''}" part="field">
      <label for="f-${name}"
        >${label}${required ? html`<span class="req" aria-hidden="true"> *</span><span class="visually-hidden">${this.i18n.msg.requiredMark}</span>` : nothing}</label
      >
      ${control}
      <span id="e-${name}" class="field-error" part="error">${this.errors[name] ?? nothing}</span>
    </div>`;
  }

  private aria(name: Field) {
    return this.errors[name] ? 'true' : 'false';
  }

  private nameOf(id: string): string {
    return memberName(id, this.setup.value?.names);
  }

  /** The picker's text: the rule's name, and the event type id when it differs. */
  private optionLabel(c: EventTypeChoice): string {
    const name = this.choiceName(c);
    return name === c.type ? c.type : `${name} (${c.type})`;
  }

  /** A choice's name in the user's language (an English view of a Chinese-labelled rulebook shows the id as words). */
  private choiceName(c: EventTypeChoice): string {
    return ruleName(c.type, labelsOf(c.label, c.rules[0]?.labels?.en), this.i18n.locale).text;
  }

  private renderEffect(choice: EventTypeChoice | undefined, costs: RuleCosts): TemplateResult {
    const locale = this.i18n.locale;
    const m = this.i18n.msg;
    return html`<div id="effect" class="effect" part="effect" ?hidden=${!choice}>
      ${(choice?.rules ?? []).map((r) => {
        const name = ruleName(r.id, labelsOf(r.label, r.labels?.en), locale);
        const cost = formatEventEffects(r.effects, costs, m, locale);
        return html`<div class="effect-rule" data-rule=${r.id}>
          <p class="effect-cost">
            <strong title=${name.title ?? nothing}>${name.text}</strong>${cost ? html`<span data-cost>${cost}</span>` : nothing}
          </p>
          <pre class="effect-text" role="figure" aria-label=${m.ruleTextLabel}>${r.text}</pre>
        </div>`;
      })}
    </div>`;
  }

  private renderForm(choices: EventTypeChoice[], members: { id: string; name: string }[], costs: RuleCosts): TemplateResult {
    const m = this.i18n.msg;
    const choice = choices.find((c) => c.type === this.type);
    const atValue = this.at || instantToLocal(new Date().toISOString(), this.timeZone);
    return html`<form part="form" novalidate aria-labelledby="title" @submit=${(e: Event) => this.onSubmit(e, choices)}>
      ${this.summary ? html`<div class="summary" role="alert">${this.summary}</div>` : nothing}
      ${this.notice ? html`<div class="notice" role="status">${this.notice}</div>` : nothing}
      ${this.field(
        'type',
        m.type,
        html`<select
          id="f-type"
          data-field="type"
          aria-required="true"
          aria-invalid=${this.aria('type')}
          aria-describedby="e-type effect"
          @change=${this.onInput}
        >
          <option value="" ?selected=${!this.type}>${m.chooseType}</option>
          ${choices.map((c) => html`<option value=${c.type} ?selected=${this.type === c.type}>${this.optionLabel(c)}</option>`)}
        </select>`,
        true,
      )}
      ${this.field(
        'consultant',
        m.consultant,
        html`<select
          id="f-consultant"
          data-field="consultant"
          aria-required="true"
          aria-invalid=${this.aria('consultant')}
          aria-describedby="e-consultant"
          @change=${this.onInput}
        >
          <option value="" ?selected=${!this.target}>${m.chooseConsultant}</option>
          ${members.map((p) => html`<option value=${p.id} ?selected=${this.target === p.id}>${p.name} (${p.id})</option>`)}
        </select>`,
        true,
      )}
      ${this.field(
        'at',
        m.at,
        html`<input
          id="f-at"
          data-field="at"
          type="datetime-local"
          .value=${atValue}
          aria-required="true"
          aria-invalid=${this.aria('at')}
          aria-describedby="e-at"
          @input=${this.onInput}
        />`,
        true,
      )}
      ${
        choice?.needsAmount || this.amount
          ? this.field(
              'amount',
              m.amount,
              html`<input
                id="f-amount"
                data-field="amount"
                inputmode="decimal"
                .value=${this.amount}
                aria-invalid=${this.aria('amount')}
                aria-describedby="e-amount"
                @input=${this.onInput}
              />`,
              !!choice?.needsAmount,
            )
          : nothing
      }
      ${this.field(
        'note',
        m.note,
        html`<textarea id="f-note" data-field="note" .value=${this.note} aria-describedby="e-note" @input=${this.onInput}></textarea>`,
        false,
        true,
      )}
      ${this.renderEffect(choice, costs)}
      <div class="actions"><button class="primary" type="submit" part="save-button" ?disabled=${this.busy}>${m.save}</button></div>
    </form>`;
  }

  private renderRecent(): TemplateResult {
    const m = this.i18n.msg;
    if (!this.recent.length) return html``;
    return html`<h3>${m.recent}</h3>
      <ul part="recent">
        ${this.recent.map((ev) => html`<li>${formatDateTime(ev.at, this.i18n.locale, this.timeZone)} · ${this.nameOf(ev.consultant)} · ${eventTypeName(ev.type, this.setup.value?.rules, this.i18n.locale).text}${ev.note ? html` · ${ev.note}` : nothing}</li>`)}
      </ul>`;
  }
}
