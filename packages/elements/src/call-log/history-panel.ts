/**
 * An entry's edit history: who changed which field from what to what, and
 * when. A reactive controller of `<rulecard-call-log>` with its own read;
 * the view (`history-view.ts`) loads when a history is first opened.
 *
 * @example
 * ```ts
 * private readonly history = new EntryHistory(this);
 * this.history.show(id);
 * render() { return this.history.render(); }
 * ```
 */
import { nothing, type ReactiveController, type TemplateResult } from 'lit';
import { Task } from '@lit/task';
import type { CallLogHost } from './host.js';

export class EntryHistory implements ReactiveController {
  private readonly host: CallLogHost;
  /** The entry whose history is shown, if any. */
  private entry?: string;
  private readonly task;
  private view?: typeof import('./history-view.js');

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
    if (id && !this.view) void import('./history-view.js').then((view) => ((this.view = view), this.host.requestUpdate()));
  }

  render(): TemplateResult | typeof nothing {
    if (!this.entry || !this.view) return nothing;
    return this.view.historyView(
      this.host,
      this.entry,
      (r) => this.task.render(r),
      () => this.show(undefined),
    );
  }
}
