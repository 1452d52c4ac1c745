// Over 500 lines because about 90 of them are the element's documented API (attributes, events, parts, CSS properties) that the
// custom-elements manifest is generated from; the behaviour itself lives in the modules beside it (publish, panels, codemirror…).
/**
 * `<rulecard-editor>`: the rulebook editor element (see the class's doc comment).
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { Task, initialState } from '@lit/task';
import { compile } from '@rulecard/dsl';
import type { Diagnostic, v2 } from '@rulecard/dsl';

type CompileResult = v2.CompileResult;
type CompiledRulebook = v2.CompiledRulebook;
import type { RulebookDraft, RulecardStore } from '@rulecard/store';
import type { DraftConflict } from './draft-conflict.js';
import { AutosaveController } from '../shared/autosave.js';
import { RulecardElement } from '../shared/base.js';
import { LocaleController, extendCatalog } from '../shared/i18n.js';
import { LiveController } from '../shared/live.js';
import { sharedCatalog } from '../shared/messages/index.js';
import { dateInZone } from '@rulecard/dsl/calendar';
import { errorText, storeErrorOf } from '../shared/store.js';
import { tablist } from '../shared/tabs.js';
import { themeStyles } from '../shared/theme.js';
import { editorCatalog } from './messages/index.js';
import { namesOf, rulebookCompletion, type RulebookNames } from './language.js';
import { ruleTable } from './rule-table.js';
import { HistoryPanel, WhatIfPanel } from './panels.js';
import { NewRulePanel } from './new-rule.js';
import { CodeMirrorController } from './codemirror.js';
import { SplitController } from './splitter.js';
import { afterFrame, CheckCost, countProblems } from './setup.js';
import { editorStyles } from './styles.js';
import { statusView, toolbarView, type PublishStatus } from './toolbar.js';
import { PublishConfirm } from './publish.js';

declare module '../shared/events.js' {
  interface RulecardEventMap {
    /** The number of errors or warnings in the editor changed. */
    'rulecard-diagnostics': { errors: number; warnings: number };
  }
}
/** Tabs of the side panel. */
export const EditorTab = { table: 'table', whatIf: 'what-if', history: 'history' } as const;
export type EditorTab = (typeof EditorTab)[keyof typeof EditorTab];
const TABS: EditorTab[] = [EditorTab.table, EditorTab.whatIf, EditorTab.history];

const catalog = extendCatalog(sharedCatalog, editorCatalog);

/**
 * `<rulecard-editor>` — managers edit the rulebook.
 *
 * A CodeMirror 6 editor in the shadow root with the language's highlighting,
 * the checker's diagnostics as inline lint (in the user's locale) with
 * one-click fixes, completion of keywords (English and Chinese), rule names,
 * event types and flags, folding and `#` comments (Mod-/). Beside it, a panel
 * with the compiled rulebook as a table, a what-if comparison of the current
 * month (draft vs published) and the version history with a line diff.
 * The table follows a check once the browser is idle after the keystroke's
 * frame (`updateComplete` waits for it), so typing stays within a frame.
 * The draft autosaves to the store per (rulebook, editor) and is restored on
 * the next visit. Publishing checks the effective date (a valid date; one
 * before today only when confirmed), then asks for confirmation with the
 * date, a version note and the what-if summary of the month. The history
 * marks the version in force today and the scheduled ones, shows their
 * notes, withdraws a scheduled version (with a reason), and asks before
 * loading a version over a draft that was never published. On first run (no
 * version yet) it offers the starter rulebook (the clinic's, in Chinese or
 * English keywords) to start from.
 *
 * Roles: `lead` and `manager` edit (and autosave drafts, run what-if);
 * only `manager` publishes; anyone else sees the rulebook read-only.
 *
 * @example
 * ```html
 * <script type="module" src="rulecard-editor.js"></script>
 * <rulecard-editor consultant="m01" role="manager" lang="en"></rulecard-editor>
 * <script>
 *   document.addEventListener('rulecard-published', (e) => console.log(e.detail.version, e.detail.effectiveFrom));
 * </script>
 * ```
 *
 * @element rulecard-editor
 *
 * @attr consultant - Roster id of the signed-in user (the draft is theirs).
 * @attr role - `consultant` | `lead` | `manager`.
 * @attr lang - `en` for English; anything else (or nothing) is zh-CN.
 * @attr database - IndexedDB database name when no store is provided (default `rulecard`).
 * @attr rulebook-id - Which rulebook to edit (default `default`).
 * @attr lint-delay - Milliseconds after a keystroke before re-checking (default: 0, or 250 while a check takes over 10 ms).
 * @attr autosave-delay - Milliseconds after a keystroke before the draft is saved (default 400).
 *
 * @fires rulecard-draft-saved - `{ kind: 'rulebook', key }` after the draft was written to the store.
 * @fires rulecard-published - `{ rulebookId, version, effectiveFrom }` after a version was published.
 * @fires rulecard-diagnostics - `{ errors, warnings }` when the number of problems changes.
 * @fires rulecard-error - `{ kind, message }` when saving or publishing failed (the message is shown too).
 * @fires rulecard-setup - `{ step: 'roster' }` on first run, when the manager asks to add the roster before the rulebook.
 *
 * @csspart toolbar - The bar with the effective date and the publish button.
 * @csspart effective-date - The effective date input.
 * @csspart publish-button - The publish button.
 * @csspart editor - The box around CodeMirror.
 * @csspart status - The status line (problems, draft state).
 * @csspart side-panel - The panel beside the editor.
 * @csspart splitter - The bar between the editor and the side panel (drag it, or focus it and use the arrow keys).
 * @csspart tab - Each tab of the side panel.
 * @csspart rule-table - The compiled rulebook table.
 * @csspart what-if - The what-if panel.
 * @csspart what-if-table - The what-if tables (consultants, teams).
 * @csspart new-rule - The "new rule" templates (a `<details>`): a sentence, the kind of rule, the keywords, the rule to insert.
 * @csspart what-if-row - Under each row: its differences by rule (a `<details>`, one click to open).
 * @csspart what-if-rules - The table of a row's differences by rule.
 * @csspart what-if-preview - Under a consultant's row: their card under the draft (a `<details>`; only the open one renders its card).
 * @csspart what-if-card - The card under the draft: totals and every line by rule; each line's "转为示例 / Make an
 *   example" button appends the line to the draft as a rulebook example (its events, what the draft gives for them).
 * @csspart draft-conflict - The notice when the draft was saved meanwhile in another tab (keep the text here, or load the other tab's).
 * @csspart history - The history panel.
 * @csspart compare-select - The two version pickers of the diff.
 * @csspart diff - The line diff.
 * @csspart note - Explanatory notes (stale table, empty states).
 * @csspart effective-date-error - Why the effective date cannot be published (empty, not a date).
 * @csspart publish-confirm - The confirmation before publishing: the date, the backdating check, the note, the what-if summary.
 * @csspart publish-note - The version note field.
 * @csspart publish-summary - The what-if summary in the confirmation.
 * @csspart confirm-publish - The button that publishes.
 * @csspart version-mark - "In force" / "Scheduled" / "Withdrawn" on a version of the history.
 * @csspart starter - First run: the offer to start from the starter rulebook.
 *
 * @cssprop --rulecard-editor-height - Height of the editor and the side panel (default `28rem`).
 * @cssprop --rulecard-editor-font - Monospace font of the editor and the diff.
 * @cssprop --rulecard-editor-token-keyword - Keyword colour (default `#8250df`).
 * @cssprop --rulecard-editor-token-number - Number and percent colour (default `#0550ae`).
 * @cssprop --rulecard-editor-token-string - String colour (default `#0a3069`).
 * @cssprop --rulecard-editor-token-comment - Comment colour (default `#57606a`).
 * @cssprop --rulecard-editor-token-operator - Operator colour (default `#953800`).
 * @cssprop --rulecard-editor-token-punctuation - Punctuation colour (default `#57606a`).
 * @cssprop --rulecard-editor-active-line - Background of the active line (default `#f0f6ff`).
 * @cssprop --rulecard-editor-diff-added - Background of added lines (default `#dafbe1`).
 * @cssprop --rulecard-editor-diff-removed - Background of removed lines (default `#ffebe9`).
 * @cssprop --rulecard-color-accent - And the other shared `--rulecard-*` theme tokens.
 */
export class RulecardEditor extends RulecardElement {
  static override styles = [themeStyles, editorStyles];

  /** Which rulebook to edit. */
  @property({ attribute: 'rulebook-id' }) rulebookId = 'default';

  /**
   * Milliseconds after a keystroke before re-checking. Unset (default): 0 while
   * a check takes under 10 ms (its share of a 16 ms frame), else 250 — so
   * typing in a long rulebook stays fluid and the check runs once the typist
   * pauses.
   */
  @property({ type: Number, attribute: 'lint-delay' }) lintDelay?: number;

  /** Milliseconds after a keystroke before the draft is saved. */
  @property({ type: Number, attribute: 'autosave-delay' }) autosaveDelay = 400;

  /** The last compile of the text (`null` before the first check). */
  @state() private result: CompileResult | null = null;
  /** The diagnostics of the rulebook's examples as last run (`example-failed`, `example-not-run`). */
  @state() private exampleProblems: readonly Diagnostic[] = [];
  /** The last rulebook that compiled without errors (for the table and completion). */
  @state() private lastGood: CompiledRulebook | null = null;
  /**
   * What the rule table shows: the last check's rulebook (or the last good
   * one, `stale`). Refreshed after the frame of the check that changed it,
   * so a keystroke does not re-render and re-lay out a 500-row table.
   */
  @state() private tableShows: { rulebook: CompiledRulebook | null; stale: boolean } = { rulebook: null, stale: false };
  @state() private checking = true;
  @state() private tab: EditorTab = EditorTab.table;
  /** The draft shown was restored from the store (until it is saved again or published). */
  @state() private restored = false;
  @state() private publishStatus: PublishStatus = { kind: 'idle' };
  @state() private effectiveFrom = '';
  /** The text has been loaded from the store (editing is allowed from then on). */
  @state() private loaded = false;
  /** First run: nothing published yet (and how many consultants the roster has), so the starter rulebook is offered. */
  @state() private firstRun: { scored: number } | null = null;

  private readonly i18n = new LocaleController(this, catalog);
  /** The split between the editor and the side panel (the editor's share, in percent). */
  private readonly split = new SplitController(this, { min: 30, max: 80, initial: 60, step: 5 });
  private readonly whatIf = new WhatIfPanel(
    this,
    this.i18n,
    () => this.result?.rulebook ?? null,
    // a line of the what-if card made into an example (line-example.ts): appended to the text, as a new rule is
    () =>
      this.canEdit ? (text) => this.replaceText(`${this.value.trimEnd()}${this.value.trim() ? '\n\n' : ''}${text}`, false) : undefined,
  );
  private readonly history = new HistoryPanel(this, this.i18n, {
    revision: () => this.cm.revision,
    text: () => this.value,
    load: () => (this.canEdit ? (version) => this.replaceText(version.source, false) : undefined),
    withdrawer: () => (this.canPublish && this.user ? { by: this.user.consultant, role: 'manager' } : undefined),
  });
  /** "New rule" templates, filled from a Chinese sentence (new-rule.ts): inserted at the end of the text. */
  private readonly newRule = new NewRulePanel(this, this.i18n, (text) =>
    this.replaceText(`${this.value.trimEnd()}${this.value.trim() ? '\n' : ''}${text}\n`, false),
  );
  /** Another tab (or this one) published: refresh the history. */
  private readonly live = new LiveController(this, (change) => {
    if (change.type === 'changed' && change.kinds.includes('rulebookVersions')) this.history.refresh();
  });
  /** The publish button's date check and confirmation (date, note, what-if summary). */
  private readonly publishing = new PublishConfirm(this, this.i18n, {
    effectiveFrom: () => this.effectiveFrom,
    draft: () => this.result?.rulebook ?? null,
    publish: (options) => this.publish(options),
  });
  /** The checks' measured cost. */
  private readonly checkCost = new CheckCost();
  private draftRev: number | undefined;
  /** The latest version this manager has seen (loaded, published, or been told of): what a publish expects to follow. */
  private seenVersion = 0;
  /** The draft changed in another tab: kept here and there, and the manager chooses (draft-conflict.ts, loaded then). */
  private conflict: DraftConflict | undefined;
  /** Where the text in the editor came from, so its draft is saved there. */
  private loadedFor?: { store: RulecardStore; rulebookId: string; editor: string };
  /** Saves the draft a moment after the last keystroke (flushed on pagehide and disconnect). */
  private readonly autosave = new AutosaveController(this, {
    delay: () => this.autosaveDelay,
    save: () => this.saveDraft(),
    onError: (error) => this.emit('rulecard-error', { kind: 'draft', message: this.errorText(error) }),
  });
  private names: RulebookNames = namesOf(null);
  /** CodeMirror in `.cm-host`, created after the first render. */
  private readonly cm = new CodeMirrorController(this, {
    parent: () => this.renderRoot.querySelector<HTMLElement>('.cm-host'),
    root: () => this.shadowRoot,
    locale: () => this.i18n.locale,
    label: () => this.i18n.msg.editorLabel,
    editable: () => this.canEdit,
    lintDelay: () => this.checkCost.delay(this.lintDelay),
    completion: rulebookCompletion(() => this.names),
    names: () => this.names,
    onCompiled: (result, ms) => this.onCompiled(result, ms),
    onExamples: (run) => {
      this.exampleProblems = run?.diagnostics ?? [];
      this.emitCounts();
    },
    onChange: (byUser) => {
      this.checking = true;
      if (byUser) this.scheduleSave();
    },
  });
  private lastCounts = '';
  /** Settles when the pending rule table refresh has been applied. */
  private tableRefresh: Promise<void> | undefined;

  // ------------------------------------------------------------------ public API

  /** The rulebook text. Setting it replaces the text without autosaving it. */
  get value(): string {
    return this.cm.text;
  }
  set value(source: string) {
    this.replaceText(source, true);
  }

  /** The checker's diagnostics of the current text (as of the last check). */
  get diagnostics(): readonly Diagnostic[] {
    return [...(this.result?.diagnostics ?? []), ...this.exampleProblems];
  }

  /** The compiled rulebook of the current text, or `null` while it has errors. */
  get rulebook(): CompiledRulebook | null {
    return this.result?.rulebook ?? null;
  }

  /** Writes the draft now if an autosave is pending; resolves when every save has settled. */
  async flushDraft(): Promise<void> {
    await this.autosave.flush();
  }

  /** Checks the text now (instead of after `lint-delay`) and returns the result. */
  check(): CompileResult {
    const source = this.value;
    const start = performance.now();
    const result = compile(source, { locale: this.i18n.locale, version: 2 });
    this.onCompiled(result, performance.now() - start);
    return result;
  }

  // ------------------------------------------------------------------ loading

  private readonly loadTask = new Task(this, {
    args: () => [this.activeStore, this.rulebookId, this.user?.consultant] as const,
    task: async ([store, rulebookId, editor]) => {
      if (!store) return initialState;
      // Typing not yet saved belongs to the rulebook/editor it was loaded for.
      await this.flushDraft();
      this.loaded = false;
      let draft, versions, setup;
      try {
        [draft, versions, setup] = await Promise.all([
          editor ? store.getDraft(editor, rulebookId) : Promise.resolve(undefined),
          store.listRulebookVersions(rulebookId),
          store.setupStatus({ rulebookId }),
        ]);
      } catch (error) {
        // Still let the manager type (the status shows why nothing loads or saves).
        this.loaded = true;
        throw error;
      }
      const latest = versions.length ? versions[versions.length - 1] : undefined;
      this.draftRev = draft?.rev;
      const today = dateInZone(new Date(), store.timezone);
      this.effectiveFrom = draft?.effectiveFrom ?? today;
      if (!this.whatIf.month) this.whatIf.month = today.slice(0, 7);
      this.replaceText(draft?.source ?? latest?.source ?? '', true);
      this.autosave.reset();
      this.restored = Boolean(draft);
      this.seenVersion = latest?.version ?? 0;
      this.loadedFor = editor ? { store, rulebookId, editor } : undefined;
      // A copy this tab kept of a draft changed in another tab (reloaded before choosing): back, with the notice.
      this.conflict?.reset();
      if (this.loadedFor && (await store.listFormDrafts(this.loadedFor.editor, 'rulebook-draft').catch(() => [])).length)
        await (await this.conflicts()).restore(this.loadedFor, draft);
      this.firstRun = versions.length === 0 ? { scored: setup.scored } : null;
      this.loaded = true;
      return { restored: Boolean(draft) };
    },
  });

  // ------------------------------------------------------------------ lifecycle

  /** Also waits for the rule table to show the last check (it refreshes after the check's frame). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.tableRefresh) {
      await this.tableRefresh;
      complete = (await super.getUpdateComplete()) && complete;
    }
    return complete;
  }

  private get canEdit(): boolean {
    return this.loaded && (this.userRole === 'manager' || this.userRole === 'lead');
  }

  private get canPublish(): boolean {
    return this.loaded && this.userRole === 'manager';
  }

  private replaceText(source: string, isProgrammatic: boolean): void {
    this.cm.setText(source, isProgrammatic);
  }

  private onCompiled(result: CompileResult, ms: number): void {
    this.checkCost.record(ms);
    this.cm.setLintDelay(this.checkCost.delay(this.lintDelay));
    this.result = result;
    this.checking = false;
    if (result.rulebook) {
      this.lastGood = result.rulebook;
      this.names = namesOf(result.rulebook);
    }
    // examples run after a compile without errors (their diagnostics come with `onExamples`)
    if (!result.rulebook || !result.examples.length) this.exampleProblems = [];
    this.scheduleTableRefresh();
    this.emitCounts();
  }

  /** Tells the page when the number of errors or warnings changed (`rulecard-diagnostics`). */
  private emitCounts(): void {
    const { errors, warnings } = countProblems(this.diagnostics);
    const counts = `${errors}/${warnings}`;
    if (counts !== this.lastCounts) {
      this.lastCounts = counts;
      this.emit('rulecard-diagnostics', { errors, warnings });
    }
  }

  /** Brings the rule table up to the last check once the keystroke's frame is done (one refresh for a burst of checks). */
  private scheduleTableRefresh(): void {
    if (this.tableRefresh) return;
    this.tableRefresh = new Promise((resolve) =>
      afterFrame(() => {
        this.tableRefresh = undefined;
        const current = this.result?.rulebook ?? null;
        const rulebook = current ?? this.lastGood;
        const stale = current === null && this.lastGood !== null;
        if (rulebook !== this.tableShows.rulebook || stale !== this.tableShows.stale) this.tableShows = { rulebook, stale };
        resolve();
      }),
    );
  }

  private readonly selectRule = (ruleId: string) => this.goToRule(ruleId);

  private goToRule(ruleId: string): void {
    const rule = (this.result?.rulebook ?? this.lastGood)?.rules.find((r) => r.id === ruleId);
    if (rule) this.cm.goTo(rule.range.start.offset);
  }

  // ------------------------------------------------------------------ draft

  private scheduleSave(): void {
    if (!this.loaded || !this.canEdit) return;
    this.autosave.schedule();
  }

  /** Writes the draft of the text in the editor where it was loaded from; `undefined` when there is nowhere to save it. */
  private async saveDraft(): Promise<RulebookDraft | undefined> {
    if (!this.loadedFor || !this.cm.ready) return undefined;
    const { store, rulebookId, editor } = this.loadedFor;
    const input = {
      rulebookId,
      editor,
      source: this.cm.text,
      effectiveFrom: this.effectiveFrom || undefined,
    };
    // The other tab's draft is waiting for the manager's choice: what is typed here goes to this tab's copy.
    if (this.conflict?.open) {
      await this.conflict.saveCopy(input.source, input.effectiveFrom);
      return undefined;
    }
    let draft;
    try {
      draft = await store.saveDraft({ ...input, expectedRev: this.draftRev });
    } catch (error) {
      if (!storeErrorOf(error, 'conflict') && !storeErrorOf(error, 'duplicate') && !storeErrorOf(error, 'not-found')) throw error;
      // Another tab of the same editor saved (or published) in between: never overwrite its text silently.
      const current = await store.getDraft(editor, rulebookId);
      if (current && current.source !== input.source) {
        await (await this.conflicts()).conflict(this.loadedFor, current, input.source, input.effectiveFrom);
        return undefined;
      }
      // Gone (published there) or the same text: nothing of the other tab's is lost.
      draft = await store.saveDraft({ ...input, expectedRev: current?.rev });
    }
    this.draftRev = draft.rev;
    this.restored = false;
    this.emit('rulecard-draft-saved', { kind: 'rulebook', key: `${rulebookId}:${editor}` });
    return draft;
  }

  /** The draft-conflict controller, loaded and added on first need (most sessions never meet another tab's save). */
  private async conflicts(): Promise<DraftConflict> {
    if (this.conflict) return this.conflict;
    const { DraftConflict } = await import('./draft-conflict.js');
    this.conflict ??= new DraftConflict(this, this.i18n, {
      text: () => this.value,
      effectiveFrom: () => this.effectiveFrom,
      load: (source, rev, effectiveFrom) => {
        this.autosave.cancel();
        this.replaceText(source, true);
        this.draftRev = rev;
        if (effectiveFrom) this.effectiveFrom = effectiveFrom;
      },
      type: (source) => {
        this.replaceText(source, false);
        this.scheduleSave();
      },
      saved: (draft) => {
        this.draftRev = draft.rev;
        this.restored = false;
      },
    });
    return this.conflict;
  }

  private errorText(error: unknown): string {
    return errorText(error, this.i18n.locale);
  }

  // ------------------------------------------------------------------ publish

  /** Publishes the text as checked now, with the confirmation's note; `false` when nothing was published. */
  private async publish(options: { note: string; confirmPastDate: boolean }): Promise<boolean> {
    const store = this.activeStore;
    const author = this.user?.consultant;
    if (!store || !author || !this.canPublish || !this.cm.ready) return false;
    // The text as checked now: typing while the pending autosave settles is not published.
    const source = this.value;
    const result = this.check();
    if (!result.rulebook) return false;
    this.publishStatus = { kind: 'publishing' };
    this.autosave.cancel();
    await this.autosave.settled;
    try {
      const version = await store.publishRulebook({
        rulebookId: this.rulebookId,
        source,
        compiled: result.rulebook,
        author,
        effectiveFrom: this.effectiveFrom,
        note: options.note || undefined,
        confirmPastDate: options.confirmPastDate || undefined,
        // The draft goes with the publish (one transaction), unless another tab has saved a newer one since.
        ...(this.draftRev === undefined ? {} : { draftRev: this.draftRev }),
        // Refused when another publish happened since the version this manager saw (another tab, another manager).
        expectedVersion: this.seenVersion,
      });
      this.seenVersion = version.version;
      this.conflict?.reset();
      // The draft is now published; a later edit starts a new draft.
      this.draftRev = undefined;
      this.autosave.reset();
      this.restored = false;
      this.publishStatus = { kind: 'done', version: version.version, effectiveFrom: version.effectiveFrom };
      this.firstRun = null;
      this.history.refresh();
      this.emit('rulecard-published', {
        rulebookId: version.rulebookId,
        version: version.version,
        effectiveFrom: version.effectiveFrom,
      });
      return true;
    } catch (error) {
      const reason = this.errorText(error);
      const meanwhile = storeErrorOf(error, 'conflict');
      if (meanwhile?.details.kind === 'rulebookVersions') {
        // Now the manager has been told of it: the history shows it, and publishing again follows it.
        this.seenVersion = (meanwhile.details.current as { version?: number } | undefined)?.version ?? this.seenVersion;
        this.history.refresh();
      }
      this.publishStatus = { kind: 'failed', reason };
      this.emit('rulecard-error', { kind: 'publish', message: reason });
      return false;
    }
  }

  private onEffectiveDate(e: Event): void {
    this.effectiveFrom = (e.target as HTMLInputElement).value;
    this.publishing.dateChanged();
    this.scheduleSave();
  }

  // ------------------------------------------------------------------ render

  protected override render(): TemplateResult {
    const msg = this.i18n.msg;
    return html`
      <div class="frame">
        <div class="layout" ${this.split.layout()}>
          <section class="main" id="editor-main" aria-label=${msg.editorLabel}>
            ${this.renderToolbar()} ${this.publishing.render()} ${this.conflict?.render() ?? nothing} ${this.renderStarter()}
            ${this.canEdit ? this.newRule.render() : nothing}
            <div class="cm-host" part="editor"></div>
            ${this.renderStatus()}
          </section>
          ${this.split.separator({ label: msg.resizePanes, controls: 'editor-main' })}
          <section class="side" part="side-panel" aria-label=${msg.sidePanel}>${this.renderSidePanel()}</section>
        </div>
      </div>
    `;
  }

  private renderToolbar(): TemplateResult {
    return toolbarView({
      msg: this.i18n.msg,
      loaded: this.loaded,
      canEdit: this.canEdit,
      canPublish: this.canPublish,
      hasErrors: !this.result || this.result.rulebook === null,
      checking: this.checking,
      publish: this.publishStatus,
      effectiveFrom: this.effectiveFrom,
      dateError: this.publishing.dateError,
      onEffectiveDate: (e) => this.onEffectiveDate(e),
      onPublish: () => void this.publishing.request(),
    });
  }

  /** First run: nothing published yet and the editor empty — start from the clinic's rulebook (and add the roster first). */
  private renderStarter(): TemplateResult | typeof nothing {
    if (!this.firstRun || !this.canEdit || this.value.trim() !== '') return nothing;
    const msg = this.i18n.msg;
    const load = async (locale: 'zh-CN' | 'en') => {
      const { STARTER_RULEBOOKS } = await import('./starter.js');
      this.replaceText(STARTER_RULEBOOKS[locale], false);
      this.requestUpdate();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.cm-content')?.focus();
    };
    return html`<section class="starter" part="starter" aria-labelledby="starter-title">
      <h3 id="starter-title">${msg.starterTitle}</h3>
      <p>${msg.starterIntro}</p>
      <div class="actions">
        <button type="button" class="primary" data-starter="zh-CN" @click=${() => void load('zh-CN')}>${msg.starterZh}</button>
        <button type="button" data-starter="en" @click=${() => void load('en')}>${msg.starterEn}</button>
      </div>
      ${
        this.firstRun.scored === 0
          ? html`<p class="muted">
              ${msg.starterRoster}
              <button type="button" @click=${() => this.emit('rulecard-setup', { step: 'roster' })}>${msg.starterRosterAction}</button>
            </p>`
          : nothing
      }
    </section>`;
  }

  private renderStatus(): TemplateResult {
    const { msg, locale } = this.i18n;
    const store = this.activeStore;
    return statusView({
      msg,
      locale,
      timeZone: this.timeZone,
      checking: this.checking,
      problems: countProblems(this.diagnostics),
      draft: this.autosave.status,
      restored: this.restored,
      publish: this.publishStatus,
      loading: this.loadTask.render({
        pending: () => msg.loading,
        error: (error) => msg.loadFailed(this.errorText(error)),
        complete: () => '',
        initial: () => (store ? '' : msg.loading),
      }),
      errorText: (error) => this.errorText(error),
    });
  }

  private renderSidePanel(): TemplateResult {
    const msg = this.i18n.msg;
    const labels: Record<EditorTab, string> = { table: msg.tabTable, 'what-if': msg.tabWhatIf, history: msg.tabHistory };
    return html`
      ${tablist({
        label: msg.sidePanel,
        tabs: TABS,
        selected: this.tab,
        text: (tab) => labels[tab],
        controls: (tab) => `panel-${tab}`,
        onSelect: (tab) => (this.tab = tab),
        updated: () => this.updateComplete,
        part: 'tab',
      })}
      <div
        role="tabpanel"
        id="panel-${this.tab}"
        aria-labelledby="tab-${this.tab}"
        tabindex="0"
        part=${this.tab === 'table' ? nothing : this.tab}
      >
        ${this.tab === EditorTab.table ? this.renderTable() : this.tab === EditorTab.whatIf ? this.whatIf.render() : this.history.render()}
      </div>
    `;
  }

  private renderTable(): unknown {
    const { rulebook, stale } = this.tableShows;
    const { msg, locale } = this.i18n;
    // Renders of the rest of the element (a keystroke's status) skip the table.
    return guard([rulebook, stale, msg, locale], () => ruleTable({ rulebook, msg, locale, stale, onSelect: this.selectRule }));
  }
}
