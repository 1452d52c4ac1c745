/**
 * The call log's statistics: this week and this month so far (or the whole
 * week and month before), counted by age band, content, region, source and
 * channel (`stats.ts`). A reactive controller of `<rulecard-call-log>` with
 * its own read.
 *
 * @example
 * ```ts
 * private readonly stats = new StatsPanel(this);
 * render() { return this.stats.render(); }
 * ```
 */
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { Task } from '@lit/task';
import type { CallChannel } from '@rulecard/store';
import { formatWindow } from '../shared/format.js';
import { errorText } from '../shared/store.js';
import { storeThenValues } from '../shared/task-args.js';
import { lastMonth, lastWeek, monthSoFar, weekSoFar } from '../shared/time.js';
import type { CallLogHost } from './host.js';
import { AGE_BANDS, callLogStats, type CallLogStats } from './stats.js';

/** The current week or month so far, or the whole one before. */
type StatsSpan = 'this' | 'last';
const STATS_SPANS: readonly StatsSpan[] = ['this', 'last'];

type Span = { from: string; to: string };
interface Counted {
  week: CallLogStats;
  weekSpan: Span;
  month: CallLogStats;
  monthSpan: Span;
}

export class StatsPanel implements ReactiveController {
  private readonly host: CallLogHost;
  private week: StatsSpan = 'this';
  private month: StatsSpan = 'this';
  private readonly task;

  constructor(host: CallLogHost) {
    this.host = host;
    host.addController(this);
    this.task = new Task(host, {
      task: async ([store, subject, today, weekOf, monthOf]): Promise<Counted | undefined> => {
        if (!store || !subject) return undefined;
        const weekSpan = weekOf === 'this' ? weekSoFar(today) : lastWeek(today);
        const monthSpan = monthOf === 'this' ? monthSoFar(today) : lastMonth(today);
        const [week, month] = await Promise.all([store.listCallLogs(subject, weekSpan), store.listCallLogs(subject, monthSpan)]);
        return { week: callLogStats(week), weekSpan, month: callLogStats(month), monthSpan };
      },
      args: () => [host.activeStore, host.subject, host.today, this.week, this.month, host.revision] as const,
      argsEqual: storeThenValues,
    });
  }

  hostConnected(): void {}

  render(): unknown {
    const { msg: m, locale } = this.host.i18n;
    return this.task.render({
      pending: () => (this.task.value ? this.counted(this.task.value) : html`<p class="status" role="status">${m.loading}</p>`),
      error: (e) => html`<p class="error" role="alert">${m.loadFailed(errorText(e, locale))}</p>`,
      complete: (s) => (s ? this.counted(s) : nothing),
    });
  }

  private choose(which: 'week' | 'month', span: StatsSpan): void {
    this[which] = span;
    this.host.requestUpdate();
  }

  private counted(s: Counted): TemplateResult {
    const { msg: m, locale } = this.host.i18n;
    const span = ({ from, to }: Span) => m.statsSpan(formatWindow(from, locale), formatWindow(to, locale));
    /** This / last (week or month): two toggle buttons. */
    const choose = (id: string, label: string, names: Record<StatsSpan, string>, which: 'week' | 'month') =>
      html`<div class="stats-head">
        <h3 id="${id}-title">${label}</h3>
        <div role="group" aria-labelledby="${id}-title" class="segmented">
          ${STATS_SPANS.map(
            (v) =>
              html`<button
                type="button"
                part="button"
                data-span=${v}
                aria-pressed=${v === this[which] ? 'true' : 'false'}
                @click=${() => this.choose(which, v)}
              >
                ${names[v]}
              </button>`,
          )}
        </div>
      </div>`;
    return html`${choose('w', m.statsWeek, m.statsWeekSpans, 'week')}
      <p class="muted" id="w-span">${span(s.weekSpan)}</p>
      ${this.tables(s.week, 'w')} ${choose('m', m.statsMonth, m.statsMonthSpans, 'month')}
      <p class="muted" id="m-span">${span(s.monthSpan)}</p>
      ${this.tables(s.month, 'm')}`;
  }

  private tables(s: CallLogStats, id: string): TemplateResult {
    const m = this.host.i18n.msg;
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
