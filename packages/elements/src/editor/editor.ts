/**
 * `<rulecard-editor>`: the rulebook editor element (see the class's doc comment).
 * @module
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { Task, initialState } from '@lit/task';
import { compile } from '@rulecard/dsl';
import type { CompileResult, CompiledRulebook, Diagnostic, Locale } from '@rulecard/dsl';
import { isStoreError, type RulebookVersion, type RulecardStore } from '@rulecard/store';
import { Annotation, Compartment, EditorState, type Extension, type Transaction } from '@codemirror/state';
import {
  EditorView,
  crosshairCursor,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  rectangularSelection,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { foldGutter, foldKeymap } from '@codemirror/language';
import { linter, lintGutter, lintKeymap } from '@codemirror/lint';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { RulecardElement } from '../shared/base.js';
import { LocaleController, extendCatalog } from '../shared/i18n.js';
import { LiveController } from '../shared/live.js';
import { sharedCatalog } from '../shared/messages/index.js';
import { dateInZone, formatDateTime } from '../shared/format.js';
import { tablist } from '../shared/tabs.js';
import { themeStyles } from '../shared/theme.js';
import { editorCatalog } from './messages/index.js';
import { codemirrorPhrases } from './phrases.js';
import {
  editorLocale,
  indentFolding,
  lineComments,
  namesOf,
  rulebookCompletion,
  rulebookLinter,
  tokenHighlighter,
  type RulebookNames,
} from './language.js';
import { ruleTable } from './rule-table.js';
import { scoreWhatIf, whatIfView } from './what-if.js';
import { historyView, type VersionKey } from './history.js';
import { codemirrorTheme, editorStyles } from './styles.js';

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

/** Marks a change that did not come from the user (loading): it is not autosaved. */
const programmatic = Annotation.define<boolean>();

const catalog = extendCatalog(sharedCatalog, editorCatalog);

/**
 * The share of a 16 ms frame (60 Hz) a check may take and still run on every
 * keystroke; the rest is for the transaction, highlighting and rendering.
 */
const CHECK_BUDGET_MS = 10;
/** The debounce used while checks exceed their budget. */
const SLOW_CHECK_DELAY_MS = 250;
/**
 * The rule table follows a check once the browser is idle (or after this
 * many milliseconds at the latest), not in the keystroke's frame.
 */
const TABLE_REFRESH_TIMEOUT_MS = 200;

/** Runs `callback` when the main thread is idle (after the current frame), where the browser can tell. */
function afterFrame(callback: () => void, timeout: number): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(callback, { timeout });
  else setTimeout(callback, 16);
}

type DraftStatus =
  { kind: 'idle' } | { kind: 'restored' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'failed'; reason: string };

type PublishStatus =
  { kind: 'idle' } | { kind: 'publishing' } | { kind: 'done'; version: number; effectiveFrom: string } | { kind: 'failed'; reason: string };

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
 * the next visit; publishing stores a new version with an effective date.
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
 *
 * @csspart toolbar - The bar with the effective date and the publish button.
 * @csspart effective-date - The effective date input.
 * @csspart publish-button - The publish button.
 * @csspart editor - The box around CodeMirror.
 * @csspart status - The status line (problems, draft state).
 * @csspart side-panel - The panel beside the editor.
 * @csspart tab - Each tab of the side panel.
 * @csspart rule-table - The compiled rulebook table.
 * @csspart what-if - The what-if panel.
 * @csspart what-if-table - The what-if tables (consultants, teams).
 * @csspart history - The history panel.
 * @csspart compare-select - The two version pickers of the diff.
 * @csspart diff - The line diff.
 * @csspart note - Explanatory notes (stale table, empty states).
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
  @state() private draftStatus: DraftStatus = { kind: 'idle' };
  @state() private publishStatus: PublishStatus = { kind: 'idle' };
  @state() private effectiveFrom = '';
  @state() private compare: { from: VersionKey; to: VersionKey } | null = null;
  @state() private whatIfMonth = '';
  /** Bumped to re-read the version list. */
  @state() private versionsRev = 0;
  /** The text has been loaded from the store (editing is allowed from then on). */
  @state() private loaded = false;

  private readonly i18n = new LocaleController(this, catalog);
  /** Another tab (or this one) published: refresh the history. */
  private readonly live = new LiveController(this, (change) => {
    if (change.type === 'changed' && change.kinds.includes('rulebookVersions')) this.versionsRev++;
  });
  private view?: EditorView;
  private readonly localeConf = new Compartment();
  private readonly editableConf = new Compartment();
  private readonly lintDelayConf = new Compartment();
  /** Moving average of the check's duration (ms). */
  private checkMs: number | undefined;
  private appliedLintDelay = 0;
  private pendingSource: string | null = null;
  private appliedLocale?: Locale;
  private appliedEditable?: boolean;
  private draftRev: number | undefined;
  /** Where the text in the editor came from, so its draft is saved there. */
  private loadedFor?: { store: RulecardStore; rulebookId: string; editor: string };
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private saveChain: Promise<void> = Promise.resolve();
  private names: RulebookNames = namesOf(null);
  private readonly completionSource = rulebookCompletion(() => this.names);
  private lastCounts = '';
  /** Settles when the pending rule table refresh has been applied. */
  private tableRefresh: Promise<void> | undefined;

  // ------------------------------------------------------------------ public API

  /** The rulebook text. Setting it replaces the text without autosaving it. */
  get value(): string {
    return this.view ? this.view.state.doc.toString() : (this.pendingSource ?? '');
  }
  set value(source: string) {
    this.replaceText(source, true);
  }

  /** The checker's diagnostics of the current text (as of the last check). */
  get diagnostics(): readonly Diagnostic[] {
    return this.result?.diagnostics ?? [];
  }

  /** The compiled rulebook of the current text, or `null` while it has errors. */
  get rulebook(): CompiledRulebook | null {
    return this.result?.rulebook ?? null;
  }

  /** Writes the draft now if an autosave is pending; resolves when every save has settled. */
  async flushDraft(): Promise<void> {
    if (this.saveTimer !== undefined) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      this.queueSave();
    }
    await this.saveChain;
  }

  /** Checks the text now (instead of after `lint-delay`) and returns the result. */
  check(): CompileResult {
    const source = this.value;
    const start = performance.now();
    const result = compile(source, { locale: this.i18n.locale });
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
      let draft, versions;
      try {
        [draft, versions] = await Promise.all([
          editor ? store.getDraft(editor, rulebookId) : Promise.resolve(undefined),
          store.listRulebookVersions(rulebookId),
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
      if (!this.whatIfMonth) this.whatIfMonth = today.slice(0, 7);
      this.replaceText(draft?.source ?? latest?.source ?? '', true);
      this.draftStatus = draft ? { kind: 'restored' } : { kind: 'idle' };
      this.loadedFor = editor ? { store, rulebookId, editor } : undefined;
      this.loaded = true;
      return { restored: Boolean(draft) };
    },
  });

  private readonly versionsTask = new Task(this, {
    args: () => [this.activeStore, this.rulebookId, this.versionsRev] as const,
    task: async ([store, rulebookId]) => (store ? store.listRulebookVersions(rulebookId) : initialState),
  });

  private readonly whatIfTask = new Task(this, {
    autoRun: false,
    args: () => [this.activeStore, this.draftRulebook(), this.whatIfMonth, this.rulebookId] as const,
    task: async ([store, draft, month, rulebookId]) => {
      if (!store || !draft) return initialState;
      return scoreWhatIf(store, { draft, month, rulebookId });
    },
  });

  /** The current text's rulebook, `null` while it has errors. */
  private draftRulebook(): CompiledRulebook | null {
    return this.result?.rulebook ?? null;
  }

  // ------------------------------------------------------------------ lifecycle

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('pagehide', this.onPageHide);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pagehide', this.onPageHide);
    void this.flushDraft();
  }

  private readonly onPageHide = () => void this.flushDraft();

  /** Also waits for the rule table to show the last check (it refreshes after the check's frame). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.tableRefresh) {
      await this.tableRefresh;
      complete = (await super.getUpdateComplete()) && complete;
    }
    return complete;
  }

  protected override firstUpdated(): void {
    const parent = this.renderRoot.querySelector<HTMLElement>('.cm-host');
    if (!parent) return;
    this.appliedLocale = this.i18n.locale;
    this.appliedEditable = this.canEdit;
    this.view = new EditorView({
      root: this.shadowRoot ?? undefined,
      parent,
      state: EditorState.create({ doc: this.pendingSource ?? '', extensions: this.extensions() }),
    });
    this.pendingSource = null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const view = this.view;
    if (!view) return;
    const effects = [];
    if (this.appliedLocale !== this.i18n.locale) {
      this.appliedLocale = this.i18n.locale;
      effects.push(this.localeConf.reconfigure(this.localeExtension()));
    }
    if (this.appliedEditable !== this.canEdit) {
      this.appliedEditable = this.canEdit;
      effects.push(this.editableConf.reconfigure(this.editableExtension()));
    }
    if (effects.length) view.dispatch({ effects });
  }

  private get canEdit(): boolean {
    return this.loaded && (this.userRole === 'manager' || this.userRole === 'lead');
  }

  private get canPublish(): boolean {
    return this.loaded && this.userRole === 'manager';
  }

  // ------------------------------------------------------------------ CodeMirror

  private extensions(): Extension[] {
    return [
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightSpecialChars(),
      history(),
      foldGutter(),
      lintGutter(),
      drawSelection(),
      EditorState.allowMultipleSelections.of(true),
      closeBrackets(),
      autocompletion(),
      rectangularSelection(),
      crosshairCursor(),
      highlightActiveLine(),
      highlightSelectionMatches(),
      keymap.of([
        ...closeBracketsKeymap,
        ...defaultKeymap,
        ...searchKeymap,
        ...historyKeymap,
        ...foldKeymap,
        ...completionKeymap,
        ...lintKeymap,
      ]),
      tokenHighlighter,
      rulebookLinter({ delay: 0, onCompiled: (result, _source, ms) => this.onCompiled(result, ms) }),
      this.lintDelayConf.of(linter(null, { delay: (this.appliedLintDelay = this.wantedLintDelay()) })),
      // One source for the editor's life: CodeMirror matches results to sources by identity.
      EditorState.languageData.of(() => [{ autocomplete: this.completionSource }]),
      indentFolding,
      lineComments,
      codemirrorTheme,
      this.localeConf.of(this.localeExtension()),
      this.editableConf.of(this.editableExtension()),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged) return;
        this.checking = true;
        if (update.transactions.some((tr: Transaction) => !tr.annotation(programmatic))) this.scheduleSave();
      }),
    ];
  }

  private localeExtension(): Extension {
    const locale = this.i18n.locale;
    return [
      editorLocale.of(locale),
      EditorState.phrases.of(codemirrorPhrases[locale]),
      EditorView.contentAttributes.of({ 'aria-label': this.i18n.msg.editorLabel, lang: locale }),
    ];
  }

  private editableExtension(): Extension {
    const readOnly = !this.canEdit;
    return [EditorState.readOnly.of(readOnly), EditorView.contentAttributes.of({ 'aria-readonly': String(readOnly) })];
  }

  private replaceText(source: string, isProgrammatic: boolean): void {
    const view = this.view;
    if (!view) {
      this.pendingSource = source;
      return;
    }
    view.dispatch({
      changes: { from: 0, to: view.state.doc.length, insert: source },
      annotations: isProgrammatic ? [programmatic.of(true)] : [],
      userEvent: isProgrammatic ? undefined : 'input.load',
    });
  }

  /** The debounce the check needs: the attribute if set, else 0 or 250 ms by the check's measured cost. */
  private wantedLintDelay(): number {
    if (this.lintDelay !== undefined && this.lintDelay !== null && Number.isFinite(this.lintDelay)) return Math.max(0, this.lintDelay);
    return this.checkMs !== undefined && this.checkMs > CHECK_BUDGET_MS ? SLOW_CHECK_DELAY_MS : 0;
  }

  private onCompiled(result: CompileResult, ms: number): void {
    this.checkMs = this.checkMs === undefined ? ms : 0.7 * this.checkMs + 0.3 * ms;
    const delay = this.wantedLintDelay();
    if (delay !== this.appliedLintDelay && this.view) {
      this.appliedLintDelay = delay;
      const view = this.view;
      // Not from inside the linter's run: reconfigure once it has returned.
      queueMicrotask(() => view.dispatch({ effects: this.lintDelayConf.reconfigure(linter(null, { delay })) }));
    }
    this.result = result;
    this.checking = false;
    if (result.rulebook) {
      this.lastGood = result.rulebook;
      this.names = namesOf(result.rulebook);
    }
    this.scheduleTableRefresh();
    let errors = 0;
    let warnings = 0;
    for (const d of result.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
    }
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
      }, TABLE_REFRESH_TIMEOUT_MS),
    );
  }

  private readonly selectRule = (ruleId: string) => this.goToRule(ruleId);

  private goToRule(ruleId: string): void {
    const view = this.view;
    const rule = (this.result?.rulebook ?? this.lastGood)?.rules.find((r) => r.id === ruleId);
    if (!view || !rule) return;
    const at = Math.min(rule.range.start.offset, view.state.doc.length);
    view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
    view.focus();
  }

  // ------------------------------------------------------------------ draft

  private scheduleSave(): void {
    if (!this.loaded || !this.canEdit) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.queueSave();
    }, this.autosaveDelay);
  }

  /** Saves run one after the other, so each names the rev the previous one produced. */
  private queueSave(): void {
    this.saveChain = this.saveChain.then(() => this.saveDraft());
  }

  private async saveDraft(): Promise<void> {
    if (!this.loadedFor || !this.view) return;
    const { store, rulebookId, editor } = this.loadedFor;
    const input = {
      rulebookId,
      editor,
      source: this.view.state.doc.toString(),
      effectiveFrom: this.effectiveFrom || undefined,
    };
    this.draftStatus = { kind: 'saving' };
    try {
      let draft;
      try {
        draft = await store.saveDraft({ ...input, expectedRev: this.draftRev });
      } catch (error) {
        // Another tab of the same editor saved in between: this tab's text is the newer one.
        if (!isStoreError(error, 'conflict') && !isStoreError(error, 'duplicate')) throw error;
        const current = await store.getDraft(editor, rulebookId);
        draft = await store.saveDraft({ ...input, expectedRev: current?.rev });
      }
      this.draftRev = draft.rev;
      this.draftStatus = { kind: 'saved', at: draft.updatedAt };
      this.emit('rulecard-draft-saved', { kind: 'rulebook', key: `${rulebookId}:${editor}` });
    } catch (error) {
      const reason = this.errorText(error);
      this.draftStatus = { kind: 'failed', reason };
      this.emit('rulecard-error', { kind: 'draft', message: reason });
    }
  }

  private errorText(error: unknown): string {
    if (isStoreError(error)) return error.text(this.i18n.locale);
    return error instanceof Error ? error.message : String(error);
  }

  // ------------------------------------------------------------------ publish

  private async publish(): Promise<void> {
    const store = this.activeStore;
    const author = this.user?.consultant;
    if (!store || !author || !this.canPublish || !this.view) return;
    // The text as checked now: typing while the pending autosave settles is not published.
    const source = this.value;
    const result = this.check();
    if (!result.rulebook) return;
    this.publishStatus = { kind: 'publishing' };
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    await this.saveChain;
    try {
      const version = await store.publishRulebook({
        rulebookId: this.rulebookId,
        source,
        compiled: result.rulebook,
        author,
        effectiveFrom: this.effectiveFrom || dateInZone(new Date(), store.timezone),
      });
      // The draft is now published; a later edit starts a new draft.
      await store.deleteDraft(author, this.rulebookId);
      this.draftRev = undefined;
      this.draftStatus = { kind: 'idle' };
      this.publishStatus = { kind: 'done', version: version.version, effectiveFrom: version.effectiveFrom };
      this.versionsRev++;
      this.emit('rulecard-published', {
        rulebookId: version.rulebookId,
        version: version.version,
        effectiveFrom: version.effectiveFrom,
      });
    } catch (error) {
      const reason = this.errorText(error);
      this.publishStatus = { kind: 'failed', reason };
      this.emit('rulecard-error', { kind: 'publish', message: reason });
    }
  }

  private onEffectiveDate(e: Event): void {
    this.effectiveFrom = (e.target as HTMLInputElement).value;
    this.scheduleSave();
  }

  // ------------------------------------------------------------------ render

  protected override render(): TemplateResult {
    const msg = this.i18n.msg;
    return html`
      <div class="layout">
        <section class="main" aria-label=${msg.editorLabel}>
          ${this.renderToolbar()}
          <div class="cm-host" part="editor"></div>
          ${this.renderStatus()}
        </section>
        <section class="side" part="side-panel" aria-label=${msg.sidePanel}>${this.renderSidePanel()}</section>
      </div>
    `;
  }

  private renderToolbar(): TemplateResult {
    const msg = this.i18n.msg;
    const hasErrors = !this.result || this.result.rulebook === null;
    const publishing = this.publishStatus.kind === 'publishing';
    const blockedReason = !this.canPublish ? msg.publishNotAllowed : hasErrors ? msg.publishBlocked : '';
    return html`<div class="toolbar" part="toolbar">
      ${this.loaded && !this.canEdit ? html`<span class="muted">${msg.readOnly}</span>` : nothing}
      <span class="grow"></span>
      ${this.canEdit && !this.canPublish ? html`<span class="muted" id="publish-note">${msg.publishNotAllowed}</span>` : nothing}
      ${
        this.canEdit
          ? html`<label>
                ${msg.effectiveDate}
                <input
                  type="date"
                  part="effective-date"
                  .value=${this.effectiveFrom}
                  ?disabled=${!this.canPublish}
                  @change=${this.onEffectiveDate}
                />
              </label>
              <button
                type="button"
                class="primary"
                part="publish-button"
                ?disabled=${Boolean(blockedReason) || publishing || this.checking}
                title=${blockedReason || nothing}
                aria-describedby=${this.canPublish ? nothing : 'publish-note'}
                @click=${() => void this.publish()}
              >
                ${publishing ? msg.publishing : msg.publish}
              </button>`
          : nothing
      }
    </div>`;
  }

  private renderStatus(): TemplateResult {
    const msg = this.i18n.msg;
    const store = this.activeStore;
    let errors = 0;
    let warnings = 0;
    for (const d of this.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
    }
    const problems = this.checking ? msg.checking : errors + warnings === 0 ? msg.noProblems : msg.problems(errors, warnings);
    const draft = this.draftStatus;
    const draftText =
      draft.kind === 'saving'
        ? msg.draftSaving
        : draft.kind === 'saved'
          ? msg.draftSaved(formatDateTime(draft.at, this.i18n.locale, store?.timezone))
          : draft.kind === 'restored'
            ? msg.draftRestored
            : draft.kind === 'failed'
              ? msg.draftSaveFailed(draft.reason)
              : '';
    const publish = this.publishStatus;
    const publishText =
      publish.kind === 'done'
        ? msg.published(publish.version, publish.effectiveFrom)
        : publish.kind === 'failed'
          ? msg.publishFailed(publish.reason)
          : '';
    const loading = this.loadTask.render({
      pending: () => msg.loading,
      error: (error) => msg.loadFailed(this.errorText(error)),
      complete: () => '',
      initial: () => (store ? '' : msg.loading),
    });
    return html`<div class="statusbar" part="status">
      <span class="problems ${errors ? 'has-errors' : ''}" role="status">${problems}</span>
      <span class="draft ${draft.kind === 'failed' ? 'error' : ''}" role="status">${draftText}</span>
      <span class="publish ${publish.kind === 'failed' ? 'error' : ''}" role="status">${publishText}</span>
      <span class="loading" role="status">${loading}</span>
    </div>`;
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
        ${this.tab === EditorTab.table ? this.renderTable() : this.tab === EditorTab.whatIf ? this.renderWhatIf() : this.renderHistory()}
      </div>
    `;
  }

  private renderTable(): unknown {
    const { rulebook, stale } = this.tableShows;
    const { msg, locale } = this.i18n;
    // Renders of the rest of the element (a keystroke's status) skip the table.
    return guard([rulebook, stale, msg, locale], () => ruleTable({ rulebook, msg, locale, stale, onSelect: this.selectRule }));
  }

  private renderWhatIf(): TemplateResult {
    const { msg, locale } = this.i18n;
    const store = this.activeStore;
    const draft = this.result?.rulebook ?? null;
    return html`<div class="compare">
        <label>
          ${msg.whatIfMonth}
          <input
            type="month"
            .value=${this.whatIfMonth}
            @change=${(e: Event) => (this.whatIfMonth = (e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="button" class="primary" ?disabled=${!draft || !store || !this.whatIfMonth} @click=${() => void this.whatIfTask.run()}>
          ${msg.whatIfRun}
        </button>
      </div>
      ${draft ? nothing : html`<p class="note warning" part="note">${msg.whatIfNeedsDraft}</p>`}
      ${this.whatIfTask.render({
        pending: () => html`<p class="status" role="status">${msg.loading}</p>`,
        error: (error) => html`<p class="error" role="alert">${msg.loadFailed(this.errorText(error))}</p>`,
        // Only a new comparison or language changes the tables (not the keystrokes that re-render the element).
        complete: (comparison) => guard([comparison, msg, locale], () => whatIfView(comparison, msg, locale)),
      })}`;
  }

  private renderHistory(): unknown {
    const { msg, locale } = this.i18n;
    return this.versionsTask.render({
      initial: () => html`<p class="status">${msg.loading}</p>`,
      pending: () => html`<p class="status" role="status">${msg.loading}</p>`,
      error: (error) => html`<p class="error" role="alert">${msg.loadFailed(this.errorText(error))}</p>`,
      complete: (versions: RulebookVersion[]) => {
        const latest = versions.length ? (`v${versions[versions.length - 1].version}` as VersionKey) : 'draft';
        const { from, to } = this.compare ?? { from: latest, to: 'draft' as VersionKey };
        const timezone = this.activeStore?.timezone ?? 'Asia/Shanghai';
        const canEdit = this.canEdit;
        // The diff is redone only when the text (an immutable CodeMirror document, or the
        // text waiting for the view), the versions, the comparison, the language, the time
        // zone or the right to load a version changed — not on every render of the element.
        return guard([versions, this.view?.state.doc, this.pendingSource, from, to, msg, locale, timezone, canEdit], () =>
          historyView({
            versions,
            draft: this.value,
            from,
            to,
            msg,
            locale,
            timezone,
            onCompare: (from, to) => (this.compare = { from, to }),
            onLoad: canEdit ? (version) => this.replaceText(version.source, false) : undefined,
          }),
        );
      },
    });
  }
}
