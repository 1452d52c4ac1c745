/**
 * Two tabs of the editor's side panel as reactive controllers, each with its
 * own reads: what-if (score a month with the draft and with the published
 * rulebook, `what-if.ts`) and the version history with its diff
 * (`history.ts`).
 *
 * @example
 * ```ts
 * private readonly whatIf = new WhatIfPanel(this, this.i18n, () => this.result?.rulebook ?? null);
 * render() { return this.whatIf.render(); }
 * ```
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { Task, initialState } from '@lit/task';
import type { v2 } from '@rulecard/dsl';

type CompiledRulebook = v2.CompiledRulebook;
import type { RulebookHistory, RulebookVersion, RulecardStore } from '@rulecard/store';
import type { LocaleController } from '../shared/i18n.js';
import type { SharedMessages } from '../shared/messages/index.js';
import { errorText } from '../shared/store.js';
import { historyView, type VersionKey } from './history.js';
import type { EditorMessages } from './messages/index.js';
import type { ToExample, WhatIfComparison } from './what-if.js';

/** What the panels read from `<rulecard-editor>`. */
export interface PanelHost extends ReactiveControllerHost {
  readonly activeStore: RulecardStore | undefined;
  readonly rulebookId: string;
  readonly timeZone: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

type I18n = LocaleController<SharedMessages & EditorMessages>;

/** What-if: a month picker, a run button, and the comparison of the draft with the published rulebook. */
export class WhatIfPanel implements ReactiveController {
  private readonly host: PanelHost;
  private readonly i18n: I18n;
  private readonly draft: () => CompiledRulebook | null;
  /** `YYYY-MM`: the month compared (set to the current month when the text loads). */
  month = '';
  /** The consultant whose card under the draft is previewed (one at a time), or `null`. */
  private previewOf: string | null = null;
  private readonly preview = {
    toggle: (consultant: string, open: boolean): void => {
      const next = open ? consultant : this.previewOf === consultant ? null : this.previewOf;
      if (next === this.previewOf) return;
      this.previewOf = next;
      this.host.requestUpdate();
    },
  };
  private readonly task;
  /** The tables' view, loaded with the what-if code on the first run. */
  private view: typeof import('./what-if.js').whatIfView | undefined;

  constructor(
    host: PanelHost,
    i18n: I18n,
    draft: () => CompiledRulebook | null,
    /** Appends a text to the draft (a line made into an example); `undefined` when the user may not edit. */
    private readonly append?: () => ((text: string) => void) | undefined,
  ) {
    this.host = host;
    this.i18n = i18n;
    this.draft = draft;
    host.addController(this);
    this.task = new Task(host, {
      autoRun: false,
      args: () => [host.activeStore, this.draft(), this.month, host.rulebookId] as const,
      task: async ([store, rulebook, month, rulebookId]) => {
        if (!store || !rulebook) return initialState;
        this.previewOf = null;
        // The what-if code (scoring both ways, the tables, the card under the draft) loads with the first run.
        const whatIf = await import('./what-if.js');
        this.view = whatIf.whatIfView;
        return whatIf.scoreWhatIf(store, { draft: rulebook, month, rulebookId });
      },
    });
  }

  hostConnected(): void {}

  render(): TemplateResult {
    const { msg, locale } = this.i18n;
    const store = this.host.activeStore;
    const draft = this.draft();
    return html`<div class="compare">
        <label>
          ${msg.whatIfMonth}
          <input type="month" .value=${this.month} @change=${(e: Event) => this.setMonth((e.target as HTMLInputElement).value)} />
        </label>
        <button type="button" class="primary" ?disabled=${!draft || !store || !this.month} @click=${() => void this.task.run()}>
          ${msg.whatIfRun}
        </button>
      </div>
      ${draft ? nothing : html`<p class="note warning" part="note">${msg.whatIfNeedsDraft}</p>`}
      ${this.task.render({
        pending: () => html`<p class="status" role="status">${msg.loading}</p>`,
        error: (error) => html`<p class="error" role="alert">${msg.loadFailed(errorText(error, locale))}</p>`,
        // Only a new comparison or language changes the tables (not the keystrokes that re-render the element).
        complete: (comparison) =>
          guard([comparison, msg, locale, this.previewOf], () =>
            this.view?.(comparison, msg, locale, { consultant: this.previewOf, toggle: this.preview.toggle }, this.toExample(comparison)),
          ),
      })}`;
  }

  /** One click on a line of a card under the draft: the line as a rulebook example, appended to the draft. */
  private toExample(comparison: WhatIfComparison): ToExample | undefined {
    const append = this.append?.();
    const program = comparison.draft;
    if (!append || !program) return undefined;
    // The example writer loads with the first click (it is not part of the editor's first load).
    return (row, line) => {
      void import('./line-example.js').then(({ lineExample }) =>
        append(
          lineExample({
            program,
            line,
            member: row.id,
            memberName: row.name,
            events: comparison.events ?? new Map(),
            period: comparison.period,
            locale: this.i18n.locale,
          }),
        ),
      );
    };
  }

  private setMonth(month: string): void {
    this.month = month;
    this.host.requestUpdate();
  }
}

/** What the history compares the versions with, and how it loads one into the editor. */
export interface HistorySource {
  /** Changes (by identity) whenever the text changes: the CodeMirror document, or the text waiting for the view. */
  revision: () => unknown;
  /** The editor's current text. */
  text: () => string;
  /** Loads a version's text into the editor; `undefined` when the user may not edit. */
  load: () => ((version: RulebookVersion) => void) | undefined;
  /** The signed-in user when they may withdraw a scheduled version (a manager), else `undefined`. */
  withdrawer: () => { by: string; role: 'manager' } | undefined;
}

/**
 * The version history: the published versions (newest first) marked in force,
 * scheduled or withdrawn, with their notes; a diff of any two of them or the
 * draft; loading a version into the editor (asking first when that replaces a
 * draft that was never published); withdrawing a scheduled version with a
 * reason (managers).
 */
export class HistoryPanel implements ReactiveController {
  private readonly host: PanelHost;
  private readonly i18n: I18n;
  private readonly source: HistorySource;
  private compare: { from: VersionKey; to: VersionKey } | null = null;
  /** Bumped to re-read the version list. */
  private revision = 0;
  /** The version waiting for "replace the draft". */
  private confirmLoad?: number;
  private withdrawing?: number;
  private reason = '';
  private message = '';
  private readonly task;

  constructor(host: PanelHost, i18n: I18n, source: HistorySource) {
    this.host = host;
    this.i18n = i18n;
    this.source = source;
    host.addController(this);
    this.task = new Task(host, {
      args: () => [host.activeStore, host.rulebookId, this.revision] as const,
      task: async ([store, rulebookId]) => (store ? store.rulebookHistory(rulebookId) : initialState),
    });
  }

  hostConnected(): void {}

  /** Reads the version list again (a version was published here or elsewhere). */
  refresh(): void {
    this.revision++;
    this.host.requestUpdate();
  }

  private update(change: () => void): void {
    change();
    this.host.requestUpdate();
  }

  /** Loads `version`, or asks first when the editor holds text that no version has (an unpublished draft). */
  private requestLoad(version: RulebookVersion, versions: RulebookVersion[], load: (version: RulebookVersion) => void): void {
    const text = this.source.text();
    const unpublished = text.trim() !== '' && !versions.some((v) => v.source === text);
    if (!unpublished || text === version.source) return this.update(() => load(version));
    this.update(() => (this.confirmLoad = version.version));
    void this.host.updateComplete.then(() => this.focus('[data-confirm-load]'));
  }

  private focus(selector: string): void {
    this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private async withdraw(version: number): Promise<void> {
    const store = this.host.activeStore;
    const actor = this.source.withdrawer();
    if (!store || !actor) return;
    const { msg, locale } = this.i18n;
    try {
      await store.withdrawRulebook(this.host.rulebookId, version, { reason: this.reason }, actor);
      this.message = msg.withdrawDone(version);
      this.withdrawing = undefined;
      this.reason = '';
      this.refresh();
    } catch (error) {
      this.update(() => (this.message = msg.withdrawFailed(errorText(error, locale))));
    }
  }

  render(): unknown {
    const { msg, locale } = this.i18n;
    return this.task.render({
      initial: () => html`<p class="status">${msg.loading}</p>`,
      pending: () => html`<p class="status" role="status">${msg.loading}</p>`,
      error: (error) => html`<p class="error" role="alert">${msg.loadFailed(errorText(error, locale))}</p>`,
      complete: (history: RulebookHistory) => {
        const versions = history.versions.map((v) => v.version);
        const states = new Map(history.versions.map((v) => [v.version.version, v.state]));
        const latest = versions.length ? (`v${versions[versions.length - 1].version}` as VersionKey) : 'draft';
        const { from, to } = this.compare ?? { from: latest, to: 'draft' as VersionKey };
        const timezone = this.host.timeZone;
        const load = this.source.load();
        const withdrawer = this.source.withdrawer();
        // The diff is redone only when the text, the versions, the comparison, the language, the time
        // zone, the rights or the open confirmations changed — not on every render of the element.
        return guard(
          [
            history,
            this.source.revision(),
            from,
            to,
            msg,
            locale,
            timezone,
            !!load,
            !!withdrawer,
            this.confirmLoad,
            this.withdrawing,
            this.reason,
            this.message,
          ],
          () =>
            historyView({
              versions,
              states,
              draft: this.source.text(),
              from,
              to,
              msg,
              locale,
              timezone,
              onCompare: (from, to) => this.update(() => (this.compare = { from, to })),
              onLoad: load && ((version) => this.requestLoad(version, versions, load)),
              confirmLoad: this.confirmLoad,
              onConfirmLoad: (version) =>
                this.update(() => {
                  this.confirmLoad = undefined;
                  load?.(version);
                }),
              onCancelLoad: () => this.update(() => (this.confirmLoad = undefined)),
              withdraw: withdrawer && {
                open: this.withdrawing,
                reason: this.reason,
                message: this.message,
                onOpen: (version) => {
                  this.update(() => {
                    this.withdrawing = version;
                    this.reason = '';
                    this.message = '';
                  });
                  void this.host.updateComplete.then(() => this.focus('#withdraw-reason'));
                },
                onReason: (text) => this.update(() => (this.reason = text)),
                onConfirm: (version) => void this.withdraw(version),
                onCancel: () => this.update(() => (this.withdrawing = undefined)),
              },
            }),
        );
      },
    });
  }
}
