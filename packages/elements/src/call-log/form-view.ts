/**
 * The call log's registration form as a view: every field with its label,
 * its error and its "not filled in" warning, the follow-up reminder, the
 * notices and the actions. The state and the actions are the form
 * controller's (`entry-form.ts`).
 *
 * @example
 * ```ts
 * render() { return formView(state, handlers, msg); }
 * ```
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { CallChannel } from '@rulecard/store';
import { CALL_CHANNELS, followUpDueAt } from '@rulecard/store/call-log-rules';
import { missingFields, REQUIRED, type CallLogForm, type FormErrors, type FormField } from './form.js';
import type { CallLogText } from './messages/index.js';

const CHANNELS: readonly CallChannel[] = CALL_CHANNELS.map((c) => c.id);
const TEXT_FIELDS = ['customerName', 'contact', 'age', 'region', 'source', 'project'] as const;

/** What the form shows. */
export interface FormViewState {
  form: CallLogForm;
  errors: FormErrors;
  /** Fields the user has left (focus moved away) since the form was reset: their "missing" warnings show. */
  touched: ReadonlySet<FormField>;
  editing: { id: string; rev: number } | undefined;
  /** A notice after a save or a restore; `savedIncomplete` when the entry saved lacks registration fields. */
  notice: string;
  savedIncomplete: { id: string; missing: FormField[] } | undefined;
  /** The error summary (a blocked save, a store error), or ''. */
  summary: string;
  busy: boolean;
  /** The user's edit refused because the entry was saved meanwhile, compared with the newest version (`conflict-view.ts`), if any. */
  conflictPanel: TemplateResult | undefined;
  /** The signed-in consultant: roster id and name. */
  consultant: { id: string; name: string };
  /** The store's time zone (the follow-up deadline is shown in it). */
  timeZone: string;
}

/** What the form does. */
export interface FormViewHandlers {
  onSubmit: (e: Event) => void;
  onInput: (e: Event) => void;
  onFocusOut: (e: FocusEvent) => void;
  /** Opens the entry just saved to complete it. */
  onComplete: (id: string) => void;
  onCancelEdit: () => void;
  onClear: () => void;
  /** Short names of `fields`, as one list. */
  fieldList: (fields: readonly FormField[]) => string;
}

export function formView(s: FormViewState, h: FormViewHandlers, m: CallLogText): TemplateResult {
  const f = s.form;
  const missing = missingFields(f);
  const a = attrs(s, 'channel');
  const field = (name: FormField, control: TemplateResult, opts: FieldOptions = {}) => fieldView(s, m, missing, name, control, opts);
  const input = (name: FormField, type = 'text', extra: InputExtras = {}) => inputView(s, h, name, type, extra);
  // once the user has worked on the form: what is still missing, and what saving it now means
  const showIncomplete = missing.length > 0 && s.touched.size > 0;
  return html`<form part="form" novalidate aria-labelledby="form-title" @submit=${h.onSubmit} @focusout=${h.onFocusOut}>
    ${s.summary ? html`<div class="summary" role="alert">${s.summary}</div>` : nothing} ${s.conflictPanel ?? nothing} ${noticeView(s, h, m)}
    <fieldset>
      <legend>${m.sections.consultation}</legend>
      ${field('date', input('date', 'date'))} ${field('time', input('time', 'time'))}
      ${field(
        'channel',
        html`<select
          id="f-channel"
          data-field="channel"
          .value=${f.channel}
          aria-invalid=${a.invalid}
          aria-required="true"
          aria-describedby="e-channel"
          @change=${h.onInput}
        >
          <option value="" ?selected=${f.channel === ''}>${m.chooseChannel}</option>
          ${CHANNELS.map((c) => html`<option value=${c} ?selected=${f.channel === c}>${m.channels[c]}</option>`)}
        </select>`,
      )}
      <div class="field" part="field">
        <span id="consultant-label">${m.fields.consultant}</span
        ><output aria-labelledby="consultant-label" title=${s.consultant.id}>${s.consultant.name}</output>
      </div>
    </fieldset>
    <fieldset>
      <legend>${m.sections.customer}</legend>
      ${TEXT_FIELDS.map((n) => field(n, input(n, 'text', n === 'age' ? { inputmode: 'numeric' } : n === 'contact' ? { inputmode: 'tel' } : {})))}
    </fieldset>
    <fieldset>
      <legend>${m.sections.content}</legend>
      ${field('question', textareaView(s, h, 'question'), { wide: true })} ${field('answer', textareaView(s, h, 'answer'), { wide: true })}
    </fieldset>
    <fieldset>
      <legend>${m.sections.booking}</legend>
      ${field('booked', checkboxView(s, h, 'booked'), { check: true, required: false })}
      ${
        f.booked
          ? html`${field('bookingAt', input('bookingAt', 'datetime-local'), { required: true })}
            ${field('bookingExpert', input('bookingExpert'), { required: true })}`
          : nothing
      }
      ${field('followUpPromised', checkboxView(s, h, 'followUpPromised'), { check: true, required: false })}
      ${f.followUpPromised ? html`${reminderView(f, s.timeZone, m)} ${field('followUpDoneAt', input('followUpDoneAt', 'datetime-local'))}` : nothing}
    </fieldset>
    <fieldset>
      <legend>${m.sections.outcome}</legend>
      ${field('visitedAt', input('visitedAt', 'datetime-local'))}
      ${field('surgeryFee', input('surgeryFee', 'text', { inputmode: 'decimal' }))} ${field('recordingRef', input('recordingRef'))}
      ${field('note', textareaView(s, h, 'note'), { wide: true })}
    </fieldset>
    <p class="incomplete ${showIncomplete ? '' : 'idle'}" part="warning" role="status">
      ${showIncomplete ? m.incompleteSummary(missing.length, h.fieldList(missing)) : nothing}
    </p>
    <div class="actions">
      <button class="primary" type="submit" part="save-button" ?disabled=${s.busy}>${s.editing ? m.saveChanges : m.save}</button>
      ${
        s.editing
          ? html`<button type="button" @click=${h.onCancelEdit}>${m.cancelEdit}</button>`
          : html`<button type="button" @click=${h.onClear}>${m.clear}</button>`
      }
    </div>
  </form>`;
}

interface FieldOptions {
  wide?: boolean;
  check?: boolean;
  required?: boolean;
}

interface InputExtras {
  inputmode?: string;
  autocomplete?: string;
  min?: string;
  max?: string;
}

function fieldView(
  s: FormViewState,
  m: CallLogText,
  missing: readonly FormField[],
  name: FormField,
  control: TemplateResult,
  opts: FieldOptions,
): TemplateResult {
  const label = name === 'surgeryFee' ? m.fields.surgeryFee : m.fields[name];
  const required = opts.required ?? REQUIRED.includes(name);
  const error = s.errors[name];
  const warn = !error && s.touched.has(name) && missing.includes(name);
  const labelEl = html`<label for="f-${name}"
    >${label}${required ? html`<span class="req" aria-hidden="true"> *</span><span class="visually-hidden">${m.requiredMark}</span>` : nothing}</label
  >`;
  return html`<div class="field ${opts.wide ? 'wide' : ''} ${opts.check ? 'check' : ''}" part="field">
    ${opts.check ? html`${control}${labelEl}` : html`${labelEl}${control}`}
    <span id="e-${name}" class="field-error" part="error">${error ?? nothing}</span>
    ${warn ? html`<span id="w-${name}" class="field-warning" part="warning">${m.missingWarning}</span>` : nothing}
  </div>`;
}

function attrs(s: FormViewState, name: FormField): { invalid: 'true' | 'false'; required: 'true' | 'false'; describedby: string } {
  return {
    invalid: s.errors[name] ? 'true' : 'false',
    required: REQUIRED.includes(name) ? 'true' : 'false',
    describedby: s.touched.has(name) ? `e-${name} w-${name}` : `e-${name}`,
  };
}

function inputView(s: FormViewState, h: FormViewHandlers, name: FormField, type: string, extra: InputExtras): TemplateResult {
  const a = attrs(s, name);
  const v = s.form[name];
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
    @input=${h.onInput}
  />`;
}

function textareaView(s: FormViewState, h: FormViewHandlers, name: FormField): TemplateResult {
  const a = attrs(s, name);
  const v = s.form[name];
  return html`<textarea
    id="f-${name}"
    data-field=${name}
    .value=${typeof v === 'string' ? v : ''}
    aria-invalid=${a.invalid}
    aria-required=${a.required}
    aria-describedby=${a.describedby}
    @input=${h.onInput}
    @keydown=${(e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) (e.currentTarget as HTMLTextAreaElement).form?.requestSubmit();
    }}
  ></textarea>`;
}

function checkboxView(s: FormViewState, h: FormViewHandlers, name: 'booked' | 'followUpPromised'): TemplateResult {
  return html`<input id="f-${name}" data-field=${name} type="checkbox" .checked=${s.form[name]} @change=${h.onInput} />`;
}

function noticeView(s: FormViewState, h: FormViewHandlers, m: CallLogText): TemplateResult | typeof nothing {
  if (!s.notice) return nothing;
  const incomplete = s.savedIncomplete;
  if (!incomplete) return html`<div class="notice" role="status">${s.notice}</div>`;
  return html`<div class="notice warn" role="status">
    <span>${s.notice}</span>
    <button type="button" data-complete=${incomplete.id} @click=${() => h.onComplete(incomplete.id)}>${m.complete}</button>
  </div>`;
}

function reminderView(f: CallLogForm, timeZone: string, m: CallLogText): TemplateResult | typeof nothing {
  if (f.followUpDoneAt) return html`<p class="reminder wide" part="reminder">${m.followUpDone}</p>`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.date) || !/^\d{2}:\d{2}$/.test(f.time)) return nothing;
  // The store's deadline, written in the zone's offset: its local time is characters 11–16.
  const due = followUpDueAt({ date: f.date, time: f.time }, timeZone).slice(11, 16);
  return html`<p class="reminder" part="reminder" role="note">${m.followUpReminder(due)}</p>`;
}
