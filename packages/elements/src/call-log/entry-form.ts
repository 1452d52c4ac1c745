/**
 * The call log's registration form: what is typed (kept as a draft on every
 * keystroke and restored on the next visit), its validation (`form.ts`),
 * saving a new entry or the entry being edited, and the notices after a
 * save. A reactive controller of `<rulecard-call-log>`; the view is
 * `form-view.ts`.
 *
 * @example
 * ```ts
 * private readonly entryForm = new EntryForm(this);
 * render() { return this.entryForm.render(); }
 * ```
 */
import type { ReactiveController, TemplateResult } from 'lit';
import { DraftBox, tabDraftId } from '../shared/drafts.js';
import { fire } from '../shared/events.js';
import { errorText, storeErrorOf, type RulecardStore, type StoreError } from '../shared/store.js';
import { wallClock } from '@rulecard/dsl/calendar';
import type { EditConflict } from './conflict-view.js';
type ConflictModule = typeof import('./conflict-view.js');
import {
  emptyForm,
  formErrors,
  formFieldOf,
  fromLog,
  missingFields,
  toInput,
  validate,
  type CallLogForm,
  type FormErrors,
  type FormField,
} from './form.js';
import { formView } from './form-view.js';
import type { CallLogHost } from './host.js';

/** What the draft keeps: the form as typed and the entry being edited, if any. */
interface Draft {
  form: CallLogForm;
  editing?: { id: string; rev: number };
}

export class EntryForm implements ReactiveController {
  private readonly host: CallLogHost;
  private form: CallLogForm = emptyForm('', '', '');
  private errors: FormErrors = {};
  private editing?: { id: string; rev: number };
  private notice = '';
  private summary = '';
  /** Fields the user has left (focus moved away) since the form was reset: their "missing" warnings show. */
  private touched: ReadonlySet<FormField> = new Set();
  /** Something was typed or chosen since the form was reset (a pristine form shows no "missing" warnings). */
  private dirty = false;
  /** A pointer is pressed: fields left meanwhile are marked once it is released (see `onFocusOut`). */
  private pressed = false;
  private leftWhilePressed = new Set<FormField>();
  /** The entry just saved with registration fields missing (the notice offers to complete it). */
  private savedIncomplete?: { id: string; missing: FormField[] };
  private busy = false;
  /** The user's edit refused because the entry was saved meanwhile: kept in the form, compared with the newest version. */
  private conflict?: EditConflict;
  /** Its view and strings, loaded with the first conflict. */
  private conflictModule?: ConflictModule;
  private draft?: DraftBox<Draft>;
  /** Which store and user the draft box is for. */
  private draftFor?: { store: object; key: string };
  private draftReady?: Promise<void>;
  /** Resolves a `restored` asked for before the store was there. */
  private draftWaiting?: () => void;

  constructor(host: CallLogHost) {
    this.host = host;
    host.addController(this);
  }

  /** The entry being edited, if any (the form's title names it). */
  get editingId(): string | undefined {
    return this.editing?.id;
  }

  /** Resolves when the draft (if any) has been restored into the form. */
  get restored(): Promise<void> {
    if (this.draftReady) return this.draftReady;
    return new Promise((resolve) => {
      const before = this.draftWaiting;
      this.draftWaiting = () => {
        before?.();
        resolve();
      };
    });
  }

  hostConnected(): void {
    for (const type of ['pointerdown', 'mousedown']) window.addEventListener(type, this.onPress, true);
    for (const type of ['pointerup', 'mouseup', 'pointercancel', 'dragend']) window.addEventListener(type, this.onRelease, true);
  }

  hostDisconnected(): void {
    for (const type of ['pointerdown', 'mousedown']) window.removeEventListener(type, this.onPress, true);
    for (const type of ['pointerup', 'mouseup', 'pointercancel', 'dragend']) window.removeEventListener(type, this.onRelease, true);
  }

  /**
   * Opens this tab's draft box for the signed-in user (and restores the draft) when the store, the user or the
   * database changes. One draft per tab: two tabs never overwrite or delete each other's.
   */
  hostUpdate(): void {
    const user = this.host.user;
    const store = this.host.activeStore;
    const key = user ? `${this.host.database}|${user.consultant}` : undefined;
    if (store && user && key && (this.draftFor?.store !== store || this.draftFor.key !== key)) {
      this.draftFor = { store, key };
      const owner = user.consultant;
      this.draft = new DraftBox<Draft>(store, { id: `call-log:${owner}:${tabDraftId()}`, form: 'call-log', owner });
      const waiting = this.draftWaiting;
      this.draftWaiting = undefined;
      this.draftReady = this.restoreDraft(this.draft).finally(() => waiting?.());
    }
  }

  render(): TemplateResult {
    const host = this.host;
    const consultant = host.user?.consultant ?? '';
    return formView(
      {
        form: this.form,
        errors: this.errors,
        touched: this.touched,
        editing: this.editing,
        notice: this.notice,
        savedIncomplete: this.savedIncomplete,
        summary: this.summary,
        busy: this.busy,
        conflictPanel:
          this.conflict && this.conflictModule
            ? this.conflictModule.conflictView(
                this.conflict,
                this.form,
                (reapply) => void this.endConflict(reapply),
                this.busy,
                host.i18n.msg,
                host.i18n.locale,
              )
            : undefined,
        consultant: { id: consultant, name: host.nameOf(consultant) },
        timeZone: host.timeZone,
      },
      {
        onSubmit: (e) => void this.submit(e),
        onInput: (e) => this.onInput(e),
        onFocusOut: (e) => this.onFocusOut(e),
        onComplete: (id) => void this.edit(id),
        onCancelEdit: () => void this.cancelEdit(),
        onClear: () => void this.draft?.clear().then(() => this.resetForm()),
        fieldList: (fields) => host.fieldList(fields),
      },
      host.i18n.msg,
    );
  }

  /** Opens the entry `id` for editing (an incomplete one with its missing fields marked). */
  async edit(id: string): Promise<void> {
    const host = this.host;
    const log = await host.activeStore?.getCallLogUnmasked(id);
    if (!log) return;
    this.form = fromLog(log, host.timeZone);
    this.editing = { id: log.id, rev: log.rev };
    this.conflict = undefined;
    this.errors = {};
    this.summary = '';
    this.notice = '';
    this.savedIncomplete = undefined;
    // an incomplete entry opened for completion: show what is missing right away
    this.touched = new Set(missingFields(this.form));
    host.requestUpdate();
    await host.updateComplete;
    host.renderRoot.querySelector<HTMLElement>('#f-date')?.focus();
  }

  private async restoreDraft(draft: DraftBox<Draft>): Promise<void> {
    const saved = await draft.load().catch(() => undefined);
    if (this.draft !== draft) return;
    if (saved) {
      this.form = saved.form;
      this.editing = saved.editing;
      this.dirty = true;
      this.notice = this.host.i18n.msg.draftRestored;
      this.host.requestUpdate();
    } else {
      this.resetForm();
    }
  }

  /**
   * A new entry: now, and nothing else. 咨询方式 (the channel) is chosen for each entry: carried over from the
   * previous one, a phone call was saved as WeChat and fed the phone/online rules and the statistics.
   */
  private resetForm(): void {
    const now = wallClock(new Date(), this.host.timeZone);
    this.form = emptyForm(now.date, now.time, '');
    this.editing = undefined;
    this.conflict = undefined;
    this.errors = {};
    this.summary = '';
    this.touched = new Set();
    this.dirty = false;
    this.host.requestUpdate();
  }

  /**
   * A field left: its "not filled in" warning may show — not on a pristine form (nothing typed since it was
   * reset: leaving the empty form after a save says nothing), and not while a pointer is pressed. A press
   * elsewhere (编辑 in the list) moves the focus out of the form before the release: a warning shown then
   * would move what is under the pointer and the click would be lost. It shows once the pointer is released,
   * after the click.
   */
  private onFocusOut(e: FocusEvent): void {
    const field = (e.target as HTMLElement | null)?.dataset?.field as FormField | undefined;
    if (!field || !this.dirty || this.touched.has(field)) return;
    if (this.pressed) this.leftWhilePressed.add(field);
    else this.touch([field]);
  }

  private touch(fields: Iterable<FormField>): void {
    this.touched = new Set([...this.touched, ...fields]);
    this.host.requestUpdate();
  }

  private readonly onPress = (): void => {
    this.pressed = true;
  };

  /** The click that follows a release is dispatched in the same task: the fields left show their warnings after it. */
  private readonly onRelease = (): void => {
    this.pressed = false;
    if (this.leftWhilePressed.size === 0) return;
    setTimeout(() => {
      if (this.pressed || this.leftWhilePressed.size === 0) return;
      const left = [...this.leftWhilePressed];
      this.leftWhilePressed.clear();
      if (this.dirty) this.touch(left);
    });
  };

  private onInput(e: Event): void {
    const el = e.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    const field = el.dataset.field as FormField | undefined;
    if (!field) return;
    const value = el instanceof HTMLInputElement && el.type === 'checkbox' ? el.checked : el.value;
    this.form = { ...this.form, [field]: value };
    this.dirty = true;
    // typed while a conflict is shown: this field is the user's edit too
    if (this.conflict) this.conflict = this.conflictModule?.typed(this.conflict, field);
    this.notice = '';
    this.savedIncomplete = undefined;
    if (this.errors[field]) {
      const again = this.validateNow();
      this.errors = { ...this.errors, [field]: again[field] };
    }
    this.host.requestUpdate();
    void this.saveDraft();
  }

  private async saveDraft(): Promise<void> {
    const draft = this.draft;
    if (!draft) return;
    try {
      await draft.save({ form: this.form, editing: this.editing });
      fire(this.host, 'rulecard-draft-saved', { kind: 'call-log', key: draft.id });
    } catch (err) {
      // Storage full (`quota-exceeded`): the draft saved before is kept; say so.
      this.summary = errorText(err, this.host.i18n.locale);
      this.host.requestUpdate();
      fire(this.host, 'rulecard-error', { kind: 'call-log', message: this.summary });
    }
  }

  private validateNow(): FormErrors {
    const { msg, locale } = this.host.i18n;
    return validate(this.form, msg.errors, { now: new Date(), timeZone: this.host.timeZone, isNew: !this.editing, locale });
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    await this.save();
  }

  private async save(): Promise<void> {
    const host = this.host;
    const store = host.activeStore;
    const user = host.user;
    if (!store || !user || this.busy) return;
    const errors = this.validateNow();
    const bad = Object.keys(errors).filter((k) => errors[k as FormField]);
    if (bad.length) return this.showErrors(errors);
    this.busy = true;
    host.requestUpdate();
    try {
      const input = toInput(
        this.form,
        this.editing ? ((await store.getCallLog(this.editing.id))?.consultant ?? user.consultant) : user.consultant,
      );
      // The draft is deleted in the transaction of the save (a reload can never restore a saved entry).
      const draftId = await this.draft?.release();
      const saved = this.editing
        ? await store.updateCallLog(this.editing.id, input, { by: user.consultant, expectedRev: this.editing.rev }, { draftId })
        : await store.createCallLog(input, { by: user.consultant }, { draftId });
      const missing = missingFields(this.form);
      this.resetForm();
      this.savedIncomplete = missing.length ? { id: saved.id, missing } : undefined;
      this.notice = missing.length ? host.i18n.msg.savedIncomplete(host.fieldList(missing)) : host.i18n.msg.saved;
      fire(host, 'rulecard-saved', { kind: 'call-log', id: saved.id });
      host.renderRoot.querySelector<HTMLElement>('#f-customerName')?.focus();
    } catch (err) {
      const locale = host.i18n.locale;
      const invalid = storeErrorOf(err, 'validation');
      if (invalid) {
        const mapped = formErrors(invalid.fields, host.i18n.msg.errors, locale);
        void this.showErrors(mapped, Object.keys(mapped).length ? undefined : invalid.text(locale));
        void this.saveDraft();
      } else if (storeErrorOf(err, 'conflict') && this.editing) {
        await this.keepConflict(storeErrorOf(err, 'conflict')!, store, this.editing.id);
      } else {
        this.summary = errorText(err, locale);
      }
      fire(host, 'rulecard-error', { kind: 'call-log', message: this.summary });
    } finally {
      this.busy = false;
      host.requestUpdate();
    }
  }

  /**
   * The edit lost to a save made meanwhile: it stays in the form (and in the draft: a reload keeps it), and the
   * newest version is kept beside it with the fields each side changed (the store's `details`).
   */
  private async keepConflict(err: StoreError, store: RulecardStore, id: string): Promise<void> {
    const module = (this.conflictModule ??= await import('./conflict-view.js'));
    const latest = await store.getCallLogUnmasked(id);
    if (!latest) {
      this.summary = errorText(err, this.host.i18n.locale);
      return;
    }
    this.conflict = module.editConflict(latest, fromLog(latest, this.host.timeZone), err.details, this.form, formFieldOf);
    this.summary = module.CONFLICT_TEXT[this.host.i18n.locale].summary;
    void this.saveDraft();
  }

  /**
   * Ends a conflict: `reapply` saves the kept edit again on the newest version (its values over the entry as it is
   * now, on that revision); otherwise the edit is dropped and the form shows the newest version, to edit again.
   */
  private async endConflict(reapply: boolean): Promise<void> {
    const c = this.conflict;
    const module = this.conflictModule;
    if (!c || !module || this.busy) return;
    this.form = reapply ? module.rebased(c, this.form) : c.theirs;
    this.editing = { id: c.id, rev: c.rev };
    this.conflict = undefined;
    this.errors = {};
    this.summary = '';
    if (reapply) return this.save();
    this.notice = module.CONFLICT_TEXT[this.host.i18n.locale].discarded;
    this.host.requestUpdate();
    void this.saveDraft();
  }

  private async showErrors(errors: FormErrors, message?: string): Promise<void> {
    const host = this.host;
    this.errors = errors;
    const fields = Object.keys(errors) as FormField[];
    this.summary = message ?? host.i18n.msg.errors.summary(fields.length);
    host.requestUpdate();
    await host.updateComplete;
    host.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  private async cancelEdit(): Promise<void> {
    await this.draft?.clear();
    this.resetForm();
  }
}
