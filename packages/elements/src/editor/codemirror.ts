/**
 * `CodeMirrorController`: the editor's CodeMirror 6 view in the host's shadow
 * root, with the rulebook language (highlighting, lint through the real
 * compiler, completion, folding, comments) and three settings that follow the
 * host: the language (`lang`), whether the text is editable, and the check's
 * debounce.
 *
 * The view is created after the host's first render, in the element matched by
 * `parent`; text set before that waits and becomes the first document.
 *
 * @example
 * ```ts
 * private readonly cm = new CodeMirrorController(this, {
 *   parent: () => this.renderRoot.querySelector('.cm-host'),
 *   …
 * });
 * this.cm.setText(source, true);
 * ```
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ExampleRun, Locale, v2 } from '@rulecard/dsl';
import type { CompletionSource } from '@codemirror/autocomplete';
import { Annotation, Compartment, EditorState, type Extension, type Text, type Transaction } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { linter } from '@codemirror/lint';
import { exampleGutter } from './examples.js';
import { rulebookHover } from './hover.js';
import { editorLocale, lineComments, rulebookLinter, tokenHighlighter, type RulebookNames } from './language.js';
import { codemirrorPhrases } from './phrases.js';
import { afterFrame, baseSetup } from './setup.js';
import { codemirrorTheme } from './styles.js';

/** Marks a change that did not come from the user (loading). */
const programmatic = Annotation.define<boolean>();

export interface CodeMirrorOptions {
  /** The element the view goes in (looked up after the host's first render). */
  parent: () => HTMLElement | null;
  /** The host's shadow root (CodeMirror puts its styles there). */
  root: () => ShadowRoot | null;
  locale: () => Locale;
  /** The text area's accessible name. */
  label: () => string;
  editable: () => boolean;
  /** The check's debounce in ms when the view is created (later: `setLintDelay`). */
  lintDelay: () => number;
  /** Completion of keywords and the rulebook's names (one source for the view's life). */
  completion: CompletionSource;
  /** The names the last good compile declares (hover help). */
  names: () => RulebookNames;
  /** Every check of the text (its result and how long it took). */
  onCompiled: (result: v2.CompileResult, ms: number) => void;
  /** The examples of the last check that compiled were run (no run: no example). */
  onExamples: (run: ExampleRun | undefined) => void;
  /** The text changed; `byUser` is false for loading (`setText(…, true)`). */
  onChange: (byUser: boolean) => void;
}

export class CodeMirrorController implements ReactiveController {
  private readonly options: CodeMirrorOptions;
  private view?: EditorView;
  private pending: string | null = null;
  private readonly localeConf = new Compartment();
  private readonly editableConf = new Compartment();
  private readonly lintDelayConf = new Compartment();
  /** The typing aids (`interactive.ts`: editing commands, history, folding, completion, brackets, search), loaded once the view shows. */
  private readonly typingConf = new Compartment();
  private appliedLocale?: Locale;
  private appliedEditable?: boolean;
  private appliedLintDelay = 0;

  constructor(host: ReactiveControllerHost, options: CodeMirrorOptions) {
    this.options = options;
    host.addController(this);
  }

  /** The text (the view's, or the text waiting for it). */
  get text(): string {
    return this.view ? this.view.state.doc.toString() : (this.pending ?? '');
  }

  /** Changes (by identity) whenever the text changes: the immutable CodeMirror document, or the text waiting for the view. */
  get revision(): Text | string | null {
    return this.view?.state.doc ?? this.pending;
  }

  /** True once the view exists. */
  get ready(): boolean {
    return this.view !== undefined;
  }

  /** Replaces the text; a `programmatic` change (loading) is reported with `byUser` false. */
  setText(source: string, isProgrammatic: boolean): void {
    const view = this.view;
    if (!view) {
      this.pending = source;
      return;
    }
    view.dispatch({
      changes: { from: 0, to: view.state.doc.length, insert: source },
      annotations: isProgrammatic ? [programmatic.of(true)] : [],
      userEvent: isProgrammatic ? undefined : 'input.load',
    });
  }

  /** Uses `delay` ms as the check's debounce from now on. */
  setLintDelay(delay: number): void {
    const view = this.view;
    if (delay === this.appliedLintDelay || !view) return;
    this.appliedLintDelay = delay;
    // Not from inside the linter's run: reconfigure once it has returned.
    queueMicrotask(() => view.dispatch({ effects: this.lintDelayConf.reconfigure(linter(null, { delay })) }));
  }

  /** Puts the cursor at `offset`, scrolls it into view and focuses the text. */
  goTo(offset: number): void {
    const view = this.view;
    if (!view) return;
    view.dispatch({ selection: { anchor: Math.min(offset, view.state.doc.length) }, scrollIntoView: true });
    view.focus();
  }

  hostUpdated(): void {
    if (!this.view) {
      this.create();
      return;
    }
    const effects = [];
    if (this.appliedLocale !== this.options.locale()) effects.push(this.localeConf.reconfigure(this.localeExtension()));
    if (this.appliedEditable !== this.options.editable()) effects.push(this.editableConf.reconfigure(this.editableExtension()));
    if (effects.length) this.view.dispatch({ effects });
  }

  private create(): void {
    const parent = this.options.parent();
    if (!parent) return;
    this.view = new EditorView({
      root: this.options.root() ?? undefined,
      parent,
      state: EditorState.create({ doc: this.pending ?? '', extensions: this.extensions() }),
    });
    this.pending = null;
    const view = this.view;
    afterFrame(() => {
      import('./interactive.js').then(
        ({ typingAids }) => view.dispatch({ effects: this.typingConf.reconfigure(typingAids()) }),
        () => undefined, // offline: the editor works without them
      );
    });
  }

  private extensions(): Extension[] {
    const o = this.options;
    return [
      this.typingConf.of([]),
      ...baseSetup(),
      tokenHighlighter,
      exampleGutter,
      rulebookHover(o.names),
      rulebookLinter({ delay: 0, onCompiled: (result, _source, ms) => o.onCompiled(result, ms), onExamples: o.onExamples }),
      this.lintDelayConf.of(linter(null, { delay: (this.appliedLintDelay = o.lintDelay()) })),
      // One source for the editor's life: CodeMirror matches results to sources by identity.
      EditorState.languageData.of(() => [{ autocomplete: o.completion }]),
      lineComments,
      codemirrorTheme,
      this.localeConf.of(this.localeExtension()),
      this.editableConf.of(this.editableExtension()),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) o.onChange(update.transactions.some((tr: Transaction) => !tr.annotation(programmatic)));
      }),
    ];
  }

  private localeExtension(): Extension {
    const locale = (this.appliedLocale = this.options.locale());
    return [
      editorLocale.of(locale),
      EditorState.phrases.of(codemirrorPhrases[locale]),
      EditorView.contentAttributes.of({ 'aria-label': this.options.label(), lang: locale }),
    ];
  }

  private editableExtension(): Extension {
    const readOnly = !(this.appliedEditable = this.options.editable());
    return [EditorState.readOnly.of(readOnly), EditorView.contentAttributes.of({ 'aria-readonly': String(readOnly) })];
  }
}
