/**
 * The view of an entry's edit history (`history-panel.ts` loads it when a
 * history is first opened): each edit with who and when, and each changed
 * field from what to what in people's words.
 *
 * @example
 * ```ts
 * historyView(host, id, (r) => task.render(r), () => close());
 * ```
 */
import { html, type TemplateResult } from 'lit';
import type { StatusRenderer } from '@lit/task';
import type { CallChannel, CallLogRevision } from '@rulecard/store';
import { formatDateTime, formatFen } from '../shared/format.js';
import { errorText } from '../shared/store.js';
import type { CallLogHost } from './host.js';

/** Fields that hold an instant (ISO text in the store). */
const INSTANTS = new Set(['bookingAt', 'followUpDoneAt', 'visitedAt']);

export function historyView(
  host: CallLogHost,
  entry: string,
  renderTask: (r: StatusRenderer<CallLogRevision[] | undefined>) => unknown,
  close: () => void,
): TemplateResult {
  const { msg: m, locale } = host.i18n;
  const timeZone = host.timeZone;
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
    <h2 id="history-title">${m.history} · ${entry}</h2>
    ${renderTask({
      pending: () => html`<p class="status" role="status">${m.loading}</p>`,
      error: (e) => html`<p class="error" role="alert">${m.loadFailed(errorText(e, locale))}</p>`,
      complete: (revs: CallLogRevision[] | undefined) =>
        revs?.length
          ? html`<ol class="history">
              ${revs.map(
                (r) =>
                  html`<li>
                    ${m.historyEntry(host.nameOf(r.by), formatDateTime(r.at, locale, timeZone))}
                    <ul>
                      ${r.changes.map((c) => html`<li>${m.fieldChanged(label(c.field), show(c.field, c.before), show(c.field, c.after))}</li>`)}
                    </ul>
                  </li>`,
              )}
            </ol>`
          : html`<p class="status">${m.noHistory}</p>`,
    })}
    <button type="button" @click=${close}>${m.close}</button>
  </section>`;
}
