/**
 * Month closing (结账), managers only: closing freezes the month's scores as
 * paid (later changes become adjustment lines of the next open month);
 * reopening needs a reason. Both are recorded by the store, which also says
 * when a month may be closed (`store.canCloseMonth`: from its last day on).
 *
 * A reactive controller of `<rulecard-scorecard>`, loaded with the manager's
 * board (`board.ts`), never by a consultant's scorecard.
 *
 * @example
 * ```ts
 * private readonly closing = new ClosingController(host);
 * render() { return this.closing.view({ month: '2026-10', record }, names); }
 * ```
 */
import { html, type ReactiveController, type TemplateResult } from 'lit';
import type { MonthClosable, PeriodRecord } from '@rulecard/store';
import { fire } from '../shared/events.js';
import { formatDateTime, formatWindow } from '../shared/format.js';
import { memberName } from '../shared/labels.js';
import { errorText } from '../shared/store.js';
import type { ScorecardHost } from './host.js';
import { boardCatalog } from './messages/board.js';
import { reasonForm, reasonOf } from './parts.js';

/** A month shown on the board, its closing record (if any) and whether it may be closed now (the store's). */
export interface MonthShown {
  month: string;
  record: PeriodRecord | undefined;
  closable: MonthClosable;
}

export class ClosingController implements ReactiveController {
  private readonly host: ScorecardHost;
  /** The form being shown: close or reopen. */
  private form: 'close' | 'reopen' | '' = '';
  private error = '';

  constructor(host: ScorecardHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  /** The closing section (managers only; nothing for leads). */
  view(shown: MonthShown, names: ReadonlyMap<string, string>): TemplateResult {
    const host = this.host;
    if (host.user?.role !== 'manager') return html``;
    const { msg: m, locale } = host.i18n;
    const b = boardCatalog[locale];
    const { month, record } = shown;
    const label = formatWindow(month, locale);
    const closed = record?.status === 'closed' ? record.snapshot : undefined;
    const canClose = shown.closable.closable;
    const form = this.form;
    return html`<section part="closing" aria-labelledby="closing-title">
      <h3 id="closing-title">${b.closingTitle}</h3>
      <p data-month-status=${closed ? 'closed' : 'open'}>
        ${
          closed
            ? b.monthClosed(label, formatDateTime(closed.closedAt, locale, host.timeZone), memberName(closed.closedBy, names))
            : canClose
              ? b.monthOpen(label)
              : b.monthNotOver(label, formatWindow(shown.closable.from, locale))
        }
      </p>
      ${
        form
          ? reasonForm({
              id: 'closing',
              label: form === 'close' ? b.closeNote : b.reopenReason,
              error: this.error,
              submit: form === 'close' ? b.confirmClose(label) : b.confirmReopen(label),
              cancel: m.cancel,
              onSubmit: (e) => this.submit(e, month),
              onCancel: () => this.show(''),
            })
          : closed
            ? html`<button part="button" data-action="reopen" @click=${() => this.open('reopen')}>${b.reopenMonth}</button>`
            : html`<button part="button" data-action="close" ?disabled=${!canClose} @click=${() => this.open('close')}>
                ${b.closeMonth}
              </button>`
      }
    </section>`;
  }

  private show(form: 'close' | 'reopen' | '', error = ''): void {
    this.form = form;
    this.error = error;
    this.host.requestUpdate();
  }

  private async focusReason(): Promise<void> {
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('#closing-reason')?.focus();
  }

  private open(form: 'close' | 'reopen'): void {
    this.show(form);
    void this.focusReason();
  }

  private async submit(e: Event, month: string): Promise<void> {
    e.preventDefault();
    const host = this.host;
    const store = host.activeStore;
    const user = host.user;
    if (!store || !user) return;
    const reason = reasonOf(e);
    const action = this.form;
    if (action === 'reopen' && !reason) {
      this.show(action, boardCatalog[host.i18n.locale].reopenNeedsReason);
      await this.focusReason();
      return;
    }
    try {
      if (action === 'close') await store.closeMonth(month, { by: user.consultant, ...(reason ? { reason } : {}) });
      else await store.reopenMonth(month, { by: user.consultant, reason });
      this.show('');
      fire(host, 'rulecard-month', { action: action === 'close' ? 'closed' : 'reopened', month });
    } catch (err) {
      this.show(action, errorText(err, host.i18n.locale));
      fire(host, 'rulecard-error', { kind: 'scorecard', message: this.error });
    }
  }
}
