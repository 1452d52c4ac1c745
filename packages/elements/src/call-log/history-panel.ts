/**
 * An entry's edit history: who changed which field from what to what, and
 * when. A reactive controller of `<rulecard-call-log>` with its own read.
 *
 * @example
 * ```ts
 * private readonly history = new EntryHistory(this);
 * this.history.show(id);
 * render() { return this.history.render(); }
 * ```
 */
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { Task } from '@lit/task';
import type { CallChannel, CallLogRevision } from '@rulecard/store';
import { formatDateTime, formatFen } from '../shared/format.js';
import { errorText } from '../shared/store.js';
import type { CallLogHost } from './host.js';

/** Fields that hold an instant (ISO text in the store). */
const INSTANTS = new Set(['bookingAt', 'followUpDoneAt', 'visitedAt']);

export class EntryHistory implements ReactiveController {
  private readonly host: CallLogHost;
  /** The entry whose history is shown, if any. */
  private entry?: string;
  private readonly task;

  constructor(host: CallLogHost) {
    this.host = host;
    host.addController(this);
    this.task = new Task(host, {
      task: async ([store, id]) => (store && id ? store.callLogHistory(id) : undefined),
      args: () => [host.activeStore, this.entry, host.revision] as const,
    });
  }

  hostConnected(): void {}

  show(id: string | undefined): void {
    this.entry = id;
    this.host.requestUpdate();
  }

  render(): TemplateResult | typeof nothing {
    if (!this.entry) return nothing;
    const { msg: m, locale } = this.host.i18n;
    const timeZone = this.host.timeZone;
    /** A stored value as people read it: the channel's name, yuan, a local date and time, yes / no. */
    const show = (field: string, v: unknown): string => {
      if (v === undefined || v === null || v === '') return m.emptyValue;
      if (typeof v === 'boolean') return v ? m.yes : m.no;
      if (field === 'channel' && typeof v === 'string' && v in m.channels) return m.channels[v as CallChannel];
      if (field === 'surgeryFeeFen' && typeof v === 'number') return formatFen(v, locale);
      if (INSTANTS.has(field) && typeof v === 'string') return formatDateTime(v, locale, timeZone);
      return String(v);
    };
    const label = (f: string): string => (f === 'surgeryFeeFen' ? m.fields.surgeryFee : ((m.fields as Record<string, string>)[f] ?? f));
    return html`<section aria-labelledby="history-title" part="history">
      <h2 id="history-title">${m.history} · ${this.entry}</h2>
      ${this.task.render({
        pending: () => html`<p class="status" role="status">${m.loading}</p>`,
        error: (e) => html`<p class="error" role="alert">${m.loadFailed(errorText(e, locale))}</p>`,
        complete: (revs: CallLogRevision[] | undefined) =>
          revs?.length
            ? html`<ol class="history">
                ${revs.map(
                  (r) =>
                    html`<li>
                      ${m.historyEntry(this.host.nameOf(r.by), formatDateTime(r.at, locale, timeZone))}
                      <ul>
                        ${r.changes.map((c) => html`<li>${m.fieldChanged(label(c.field), show(c.field, c.before), show(c.field, c.after))}</li>`)}
                      </ul>
                    </li>`,
                )}
              </ol>`
            : html`<p class="status">${m.noHistory}</p>`,
      })}
      <button type="button" @click=${() => this.show(undefined)}>${m.close}</button>
    </section>`;
  }
}
