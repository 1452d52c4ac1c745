/**
 * Publishing you cannot get wrong, as a controller of `<rulecard-editor>`:
 * the publish button first checks the effective date (empty or not a date:
 * an error on the field, nothing else happens), then opens a confirmation
 * that shows the date (and, when it is before today, asks to confirm the
 * backdating), takes the version note, and shows the what-if summary of the
 * month (the draft against the published rulebook, through `store.score`
 * as the what-if panel computes it). Only "publish" there publishes. The
 * store checks the date again (`past-date` without the confirmation).
 *
 * @example
 * ```ts
 * private readonly publishing = new PublishConfirm(this, { … });
 * html`<button @click=${() => this.publishing.request()}>…</button> ${this.publishing.render()}`;
 * ```
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { Task, initialState } from '@lit/task';
import type { v2 } from '@rulecard/dsl';

type CompiledRulebook = v2.CompiledRulebook;
import { isDate } from '@rulecard/dsl/calendar';
import type { RulecardStore } from '@rulecard/store';
import { dateInZone } from '@rulecard/dsl/calendar';
import { formatCentipoints, formatFen, formatWindow } from '../shared/format.js';
import type { LocaleController } from '../shared/i18n.js';
import type { SharedMessages } from '../shared/messages/index.js';
import { errorText } from '../shared/store.js';
import type { EditorMessages } from './messages/index.js';

/** What the confirmation reads from the editor. */
export interface PublishHost extends ReactiveControllerHost {
  readonly activeStore: RulecardStore | undefined;
  readonly rulebookId: string;
  readonly timeZone: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface PublishSource {
  /** The effective date typed. */
  effectiveFrom: () => string;
  /** The draft's program (null while it has errors). */
  draft: () => CompiledRulebook | null;
  /** Publishes with the note and the backdating confirmation; resolves when done (or failed: the status line says why). */
  publish: (options: { note: string; confirmPastDate: boolean }) => Promise<boolean>;
}

/** The what-if in one line: how many consultants change, and the sum of the differences. */
export interface WhatIfSummary {
  month: string;
  published: boolean;
  consultants: number;
  changed: number;
  /** Sum of the point differences. */
  centipoints: number;
  /** Sum of the money differences, integer fen. */
  fen: number;
}

type Msg = SharedMessages & EditorMessages;

export class PublishConfirm implements ReactiveController {
  private readonly host: PublishHost;
  private readonly i18n: LocaleController<Msg>;
  private readonly source: PublishSource;
  /** The error shown under the effective date. */
  dateError = '';
  /** The confirmation is open. */
  open = false;
  private note = '';
  private confirmPast = false;
  private busy = false;
  private nextVersion = 1;
  private readonly summary;

  constructor(host: PublishHost, i18n: LocaleController<Msg>, source: PublishSource) {
    this.host = host;
    this.i18n = i18n;
    this.source = source;
    host.addController(this);
    this.summary = new Task(host, {
      autoRun: false,
      args: () => [host.activeStore, source.draft(), this.month, host.rulebookId] as const,
      task: async ([store, draft, month, rulebookId]) => {
        if (!store || !draft) return initialState;
        // The what-if code loads with the first confirmation (it is not part of the editor's first load).
        const { scoreWhatIf } = await import('./what-if.js');
        const comparison = await scoreWhatIf(store, { draft, month, rulebookId });
        const rows = comparison.consultants;
        const changed = rows.filter((r) => r.delta.centipoints !== 0 || r.delta.fen !== 0);
        return {
          month,
          published: comparison.publishedVersion !== null,
          consultants: rows.length,
          changed: changed.length,
          centipoints: changed.reduce((n, r) => n + r.delta.centipoints, 0),
          fen: changed.reduce((n, r) => n + r.delta.fen, 0),
        };
      },
    });
  }

  hostConnected(): void {}

  /** Today in the store's zone. */
  private get today(): string {
    return dateInZone(new Date(), this.host.timeZone);
  }

  /** The month tried: the effective date's, or this month when that is later (a future month has no data yet). */
  private get month(): string {
    const date = this.source.effectiveFrom();
    const month = (isDate(date) ? date : this.today).slice(0, 7);
    const current = this.today.slice(0, 7);
    return month < current ? month : current;
  }

  /** The publish button: checks the date, then opens the confirmation (focus moves into it). */
  async request(): Promise<void> {
    const m = this.i18n.msg;
    const date = this.source.effectiveFrom();
    this.dateError = date === '' ? m.dateRequired : isDate(date) ? '' : m.dateInvalid;
    if (this.dateError) {
      this.host.requestUpdate();
      await this.host.updateComplete;
      this.host.renderRoot.querySelector<HTMLElement>('[part="effective-date"]')?.focus();
      return;
    }
    const store = this.host.activeStore;
    const versions = store ? await store.listRulebookVersions(this.host.rulebookId) : [];
    this.nextVersion = (versions.at(-1)?.version ?? 0) + 1;
    this.open = true;
    this.confirmPast = false;
    void this.summary.run();
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('#publish-note')?.focus();
  }

  /** The date was edited: its error goes until the next check. */
  dateChanged(): void {
    if (this.dateError) this.dateError = '';
  }

  async close(): Promise<void> {
    this.open = false;
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('[part="publish-button"]')?.focus();
  }

  private async confirm(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.host.requestUpdate();
    const ok = await this.source.publish({ note: this.note.trim(), confirmPastDate: this.confirmPast });
    this.busy = false;
    if (ok) {
      this.note = '';
      await this.close();
    } else this.host.requestUpdate();
  }

  render(): TemplateResult | typeof nothing {
    if (!this.open) return nothing;
    const { msg: m, locale } = this.i18n;
    const date = this.source.effectiveFrom();
    const today = this.today;
    const past = date < today;
    return html`<section
      class="publish-confirm"
      part="publish-confirm"
      role="dialog"
      aria-labelledby="publish-title"
      @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'Escape') void this.close();
      }}
    >
      <h3 id="publish-title">${m.confirmTitle(this.nextVersion)}</h3>
      <p class="confirm-date"><strong>${m.confirmDate(date)}</strong>${date === today ? m.confirmToday : ''}</p>
      ${
        past
          ? html`<p class="warning" role="alert">${m.confirmPast(date, today)}</p>
              <label class="check"
                ><input
                  type="checkbox"
                  id="confirm-past"
                  .checked=${this.confirmPast}
                  @change=${(e: Event) => {
                    this.confirmPast = (e.target as HTMLInputElement).checked;
                    this.host.requestUpdate();
                  }}
                />${m.confirmPastCheck}</label
              >`
          : date > today
            ? html`<p class="muted">${m.confirmFuture(date)}</p>`
            : nothing
      }
      <label for="publish-note">${m.noteLabel}</label>
      <textarea
        id="publish-note"
        part="publish-note"
        maxlength="500"
        aria-describedby="publish-note-hint"
        .value=${this.note}
        @input=${(e: Event) => (this.note = (e.target as HTMLTextAreaElement).value)}
      ></textarea>
      <span class="muted" id="publish-note-hint">${m.noteHint}</span>
      <div class="what-if-summary" part="publish-summary" role="status">
        ${this.summary.render({
          initial: () => m.summaryLoading,
          pending: () => m.summaryLoading,
          error: (e) => m.summaryFailed(errorText(e, locale)),
          complete: (s) =>
            html`<strong>${m.summaryTitle(formatWindow(s.month, locale))}</strong>
              <span
                >${s.published ? m.summaryLine(s.changed, s.consultants, formatCentipoints(s.centipoints, locale), formatFen(s.fen, locale, true)) : m.summaryNone}</span
              >`,
        })}
      </div>
      <div class="actions">
        <button
          type="button"
          class="primary"
          part="confirm-publish"
          ?disabled=${this.busy || (past && !this.confirmPast)}
          @click=${() => void this.confirm()}
        >
          ${this.busy ? m.publishing : m.confirmPublish}
        </button>
        <button type="button" @click=${() => void this.close()}>${m.cancel}</button>
      </div>
    </section>`;
  }
}
