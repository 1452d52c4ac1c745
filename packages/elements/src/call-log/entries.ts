/**
 * The call log's list of entries: today, this week or this month (a keyboard
 * tablist), a search, and per entry its incomplete and follow-up marks, "mark
 * the follow-up done", edit and history. A reactive controller of
 * `<rulecard-call-log>` with its own read.
 *
 * @example
 * ```ts
 * private readonly entries = new EntryList(this);
 * render() { return this.entries.render(); }
 * ```
 */
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { Task } from '@lit/task';
import type { CallLogView } from '@rulecard/store';
import { fire } from '../shared/events.js';
import { formatDateTime } from '../shared/format.js';
import type { Locale } from '../shared/i18n.js';
import { errorText } from '../shared/store.js';
import { tablist } from '../shared/tabs.js';
import { storeThenValues } from '../shared/task-args.js';
import { addDays, monthSoFar, weekSoFar } from '../shared/time.js';
import { missingFields } from './form.js';
import type { CallLogHost } from './host.js';
import type { CallLogText } from './messages/index.js';

type Range = 'today' | 'week' | 'month';
const RANGES: readonly Range[] = ['today', 'week', 'month'];
/** The list's input while no list is loaded (one array, so the list's `guard` sees no change). */
const NO_LOGS: CallLogView[] = [];

export class EntryList implements ReactiveController {
  private readonly host: CallLogHost;
  private range: Range = 'today';
  private query = '';
  /** The list as shown: a loaded list filtered by a search and sorted, kept until either changes. */
  private shown?: { all: CallLogView[]; q: string; logs: CallLogView[] };
  private readonly task;

  constructor(host: CallLogHost) {
    this.host = host;
    host.addController(this);
    this.task = new Task(host, {
      task: async ([store, subject, range, today]) => {
        if (!store || !subject) return undefined;
        const span = range === 'today' ? { from: today, to: today } : range === 'week' ? weekSoFar(today) : monthSoFar(today);
        // The day before stays listed while its promised follow-up is open: a callback
        // promised at 23:50 falls due after midnight and must not vanish from the list.
        const logs = await store.listCallLogs(subject, { from: addDays(span.from, -1), to: span.to });
        return logs.filter((l) => l.date >= span.from || (l.followUpPromised && !l.followUpDoneAt));
      },
      args: () => [host.activeStore, host.subject, this.range, host.today, host.revision] as const,
      argsEqual: storeThenValues,
    });
  }

  hostConnected(): void {}

  render(): TemplateResult {
    const host = this.host;
    const { msg: m, locale } = host.i18n;
    return html`<div class="toolbar">
        ${tablist({
          label: m.list,
          tabs: RANGES,
          selected: this.range,
          text: (r) => m.ranges[r],
          controls: () => 'entries',
          onSelect: (r) => this.set({ range: r }),
          updated: () => host.updateComplete,
        })}
        <label class="visually-hidden" for="search">${m.search}</label>
        <input
          id="search"
          type="search"
          placeholder=${m.search}
          .value=${this.query}
          @input=${(e: Event) => this.set({ query: (e.target as HTMLInputElement).value })}
        />
      </div>
      <div id="entries" role="tabpanel" aria-labelledby="tab-${this.range}">
        ${this.task.render({
          pending: () => (this.task.value ? this.entries(this.task.value) : html`<p class="status" role="status">${m.loading}</p>`),
          error: (e) => html`<p class="error" role="alert">${m.loadFailed(errorText(e, locale))}</p>`,
          complete: (logs) => this.entries(logs ?? NO_LOGS),
        })}
      </div>`;
  }

  private set(change: { range?: Range; query?: string }): void {
    if (change.range !== undefined) this.range = change.range;
    if (change.query !== undefined) this.query = change.query;
    this.host.requestUpdate();
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

  private entries(all: CallLogView[]): unknown {
    const host = this.host;
    const { msg: m, locale } = host.i18n;
    const q = this.query.trim().toLowerCase();
    const timeZone = host.timeZone;
    const nowMs = host.now.getTime();
    // A keystroke in the form re-renders the element; the list is rebuilt only when
    // something it shows changed: the loaded list, the search, the minute (overdue
    // marks), the language or the time zone. Rows read nothing else of the element.
    return guard([all, q, nowMs, m, locale, timeZone], () => this.rows(this.shownOf(all, q), m, locale, timeZone, nowMs));
  }

  private rows(logs: CallLogView[], m: CallLogText, locale: Locale, timeZone: string, nowMs: number): TemplateResult {
    if (!logs.length) return html`<p class="status">${m.noEntries}</p>`;
    const host = this.host;
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
                    ? html`<span class="badge warn" data-incomplete title=${m.incompleteTitle(host.fieldList(missing))}
                        >${m.incompleteBadge}<span class="visually-hidden"> (${m.incompleteTitle(host.fieldList(missing))})</span></span
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
                <button type="button" aria-label="${m.edit} ${l.id}" @click=${() => host.edit(l.id)}>${m.edit}</button>
                <button type="button" aria-label="${m.history} ${l.id}" @click=${() => host.showHistory(l.id)}>${m.history}</button>
              </td>
            </tr>`;
          })}
        </tbody>
      </table>`;
  }

  private async markFollowUpDone(log: CallLogView): Promise<void> {
    const store = this.host.activeStore;
    const user = this.host.user;
    if (!store || !user) return;
    const followUpDoneAt = new Date().toISOString();
    await store.updateCallLog(log.id, { followUpDoneAt }, { by: user.consultant, expectedRev: log.rev });
    fire(this.host, 'rulecard-saved', { kind: 'call-log', id: log.id });
  }
}
