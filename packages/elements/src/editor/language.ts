/**
 * CodeMirror 6 support for the rulebook language — an adapter over
 * `@rulecard/dsl`, never a second implementation of it:
 *
 * - highlighting: `tokenize()` of the visible lines (cached per line text),
 *   turned into mark decorations styled by `--rulecard-editor-token-*`;
 * - lint: `compile()` diagnostics (in the editor's locale) with their
 *   suggested fixes as one-click actions;
 * - completion: the `KEYWORDS` table (English and Chinese spellings) and the
 *   names the last compiled rulebook declares (rules, event types, flags);
 * - folding of indented continuation lines and `#` line comments.
 *
 * @example
 * ```ts
 * import { EditorView } from '@codemirror/view';
 * import { rulebookLanguage } from './language.js';
 *
 * new EditorView({
 *   doc: 'rude_attitude: -8 per; >2 => personal -12, team -12',
 *   extensions: rulebookLanguage({ locale: 'en', onCompiled: (result) => console.log(result.diagnostics) }),
 *   parent: document.body,
 * });
 * ```
 */
import { compile, tokenize, KEYWORDS } from '@rulecard/dsl';
import type { Diagnostic as DslDiagnostic, ExampleRun, HighlightToken, Locale, v2 } from '@rulecard/dsl';
import { Compartment, EditorState, Facet, RangeSetBuilder, type Extension, type Range, type Text } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { linter, type Action, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import { rulebookHover } from './hover.js';
import { exampleDiagnostics, exampleGutter, exampleMarks, runRulebookExamples, setExampleMarks } from './examples.js';

/** The locale the checker speaks in this editor state (diagnostic messages, fix titles). */
export const editorLocale = Facet.define<Locale, Locale>({
  combine: (values) => values[values.length - 1] ?? 'zh-CN',
});

// ---------------------------------------------------------------- highlighting

const markCache = new Map<string, Decoration>();
function markFor(kind: string): Decoration {
  let mark = markCache.get(kind);
  if (!mark) {
    mark = Decoration.mark({ class: `rc-tok rc-tok-${kind}` });
    markCache.set(kind, mark);
  }
  return mark;
}

/**
 * Tokens of one line, cached by the line's text: every token of the language
 * is line-local (comments run to the end of their line, strings do not span
 * lines), so a line lexes the same wherever it stands.
 */
const lineTokenCache = new Map<string, HighlightToken[]>();
const LINE_CACHE_LIMIT = 20_000;

function lineTokens(text: string): HighlightToken[] {
  let tokens = lineTokenCache.get(text);
  if (!tokens) {
    tokens = tokenize(text).filter((token) => token.kind !== 'identifier' && token.end > token.start);
    if (lineTokenCache.size >= LINE_CACHE_LIMIT) lineTokenCache.clear();
    lineTokenCache.set(text, tokens);
  }
  return tokens;
}

/** Adds the marks of line `n` to `add` (in document order). */
function lineMarks(doc: Text, n: number, add: (from: number, to: number, mark: Decoration) => void): void {
  const line = doc.line(n);
  let end = 0;
  for (const token of lineTokens(line.text)) {
    if (token.start < end) continue; // overlapping tokens are never expected; skip rather than throw
    end = Math.min(token.end, line.length);
    add(line.from + token.start, line.from + end, markFor(token.kind));
  }
}

/** Whole lines of the document: from the first one's start to the last one's end. */
interface LineSpan {
  from: number;
  to: number;
}

/** The visible lines, in order and apart. */
function visibleLines(view: EditorView): LineSpan[] {
  const { doc } = view.state;
  const spans: LineSpan[] = [];
  let nextLine = 1;
  for (const { from, to } of view.visibleRanges) {
    const first = Math.max(doc.lineAt(from).number, nextLine);
    const last = doc.lineAt(to).number;
    if (first <= last) spans.push({ from: doc.line(first).from, to: doc.line(last).to });
    nextLine = last + 1;
  }
  return spans;
}

/**
 * Marks for the visible lines only, from the line cache: the highlighting of
 * one screen, whatever the rulebook's size.
 */
function highlightVisible(view: EditorView, lines: LineSpan[]): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  const add = (from: number, to: number, mark: Decoration) => builder.add(from, to, mark);
  const { doc } = view.state;
  for (const { from, to } of lines) {
    for (let n = doc.lineAt(from).number, last = doc.lineAt(to).number; n <= last; n++) lineMarks(doc, n, add);
  }
  return builder.finish();
}

/**
 * Whether an edit left the same lines visible: the spans before it, moved
 * through the changes, are the spans after it (CodeMirror reports such an
 * edit as a viewport change too, since the viewport's end moves).
 */
function sameLines(before: LineSpan[], after: LineSpan[], update: ViewUpdate): boolean {
  const { doc } = update.state;
  return (
    before.length === after.length &&
    before.every(
      (span, i) =>
        doc.lineAt(update.changes.mapPos(span.from, -1)).from === after[i].from &&
        doc.lineAt(update.changes.mapPos(span.to, 1)).to === after[i].to,
    )
  );
}

/**
 * After an edit that leaves the same lines visible: the old marks mapped
 * through the changes, with the changed lines' marks rebuilt (lexing only
 * those lines), so a keystroke neither rebuilds nor re-compares the marks of
 * the whole screen. The result equals `highlightVisible`.
 */
function highlightChanged(decorations: DecorationSet, update: ViewUpdate, visible: LineSpan[]): DecorationSet {
  const { doc } = update.state;
  let result = decorations.map(update.changes);
  update.changes.iterChangedRanges((_fromA, _toA, fromB, toB) => {
    const first = doc.lineAt(fromB);
    const last = doc.lineAt(toB);
    const add: Range<Decoration>[] = [];
    const push = (from: number, to: number, mark: Decoration) => add.push(mark.range(from, to));
    for (let n = first.number; n <= last.number; n++) {
      const line = n === first.number ? first : n === last.number ? last : doc.line(n);
      if (visible.some((span) => span.from <= line.from && line.to <= span.to)) lineMarks(doc, n, push);
    }
    result = result.update({ filterFrom: first.from, filterTo: last.to, filter: () => false, add });
  });
  return result;
}

/** The marks of the visible lines built from scratch: what {@link tokenHighlighter} must hold after any edit (tests compare). */
export function fullHighlight(view: EditorView): DecorationSet {
  return highlightVisible(view, visibleLines(view));
}

/** Highlighting driven by the DSL's own lexer (identifiers keep the default colour). */
export const tokenHighlighter = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    /** The lines the marks are for. */
    lines: LineSpan[];
    constructor(view: EditorView) {
      this.lines = visibleLines(view);
      this.decorations = highlightVisible(view, this.lines);
    }
    update(update: ViewUpdate): void {
      if (!update.docChanged && !update.viewportChanged) return;
      const lines = visibleLines(update.view);
      this.decorations =
        update.docChanged && sameLines(this.lines, lines, update)
          ? highlightChanged(this.decorations, update, lines)
          : highlightVisible(update.view, lines);
      this.lines = lines;
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

// ---------------------------------------------------------------- lint

/** Maps one checker diagnostic onto CodeMirror's, with the fix as an action. */
export function toEditorDiagnostic(diagnostic: DslDiagnostic, docLength: number): CmDiagnostic {
  let from = clamp(diagnostic.range.start.offset, 0, docLength);
  let to = clamp(diagnostic.range.end.offset, from, docLength);
  // A zero-width range has no squiggle: widen it to the neighbouring character.
  if (to === from) {
    if (to < docLength) to += 1;
    else if (from > 0) from -= 1;
  }
  const result: CmDiagnostic = {
    from,
    to,
    severity: diagnostic.severity,
    message: diagnostic.message,
    source: diagnostic.code,
  };
  const { fix } = diagnostic;
  if (fix) {
    // Fix offsets are relative to the diagnostic so they follow later edits
    // (CodeMirror maps `from`/`to` through changes, not our numbers).
    const startDelta = fix.range.start.offset - from;
    const length = fix.range.end.offset - fix.range.start.offset;
    const action: Action = {
      name: fix.title,
      apply(view, mappedFrom) {
        const start = clamp(mappedFrom + startDelta, 0, view.state.doc.length);
        const end = clamp(start + length, start, view.state.doc.length);
        view.dispatch({
          changes: { from: start, to: end, insert: fix.replacement },
          selection: { anchor: start + fix.replacement.length },
          userEvent: 'input.fix',
        });
      },
    };
    result.actions = [action];
  }
  return result;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

export interface LintOptions {
  /**
   * Milliseconds to wait after a keystroke before re-checking. Default: 0
   * (next task). Another `linter(null, { delay })` in the editor raises it
   * (CodeMirror keeps the largest), which is how `<rulecard-editor>` debounces
   * when a check costs more than a frame.
   */
  delay?: number;
  /** Called with every compile result and how long `compile()` took (ms), e.g. to refresh a rule table. Default: none. */
  onCompiled?: (result: v2.CompileResult, source: string, milliseconds: number) => void;
  /** Called after the examples of a check that compiled were run (no run: the text has no example), if the text is unchanged. */
  onExamples?: (run: ExampleRun | undefined) => void;
}

/**
 * Lint from `compile()` of the whole language (version 2): squiggles, gutter
 * markers, hover text in the editor's locale; then the rulebook's examples
 * are run (the evaluator loaded on demand) and their outcome goes to the
 * examples' gutter (`exampleGutter`) and their failures to the lint.
 */
export function rulebookLinter(options: LintOptions = {}): Extension {
  return linter(
    async (view) => {
      const source = view.state.doc.toString();
      const locale = view.state.facet(editorLocale);
      const start = performance.now();
      const result = compile(source, { locale, version: 2 });
      options.onCompiled?.(result, source, performance.now() - start);
      const run = result.rulebook ? await runRulebookExamples(result.rulebook, result.examples, locale) : undefined;
      // Marks only for the text they were run on: a keystroke while the evaluator loaded makes them stale.
      if (view.state.doc.toString() === source) {
        view.dispatch({ effects: setExampleMarks.of(run ? exampleMarks(run, locale) : []) });
        options.onExamples?.(run);
      }
      return [...result.diagnostics, ...exampleDiagnostics(run)].map((d) => toEditorDiagnostic(d, source.length));
    },
    {
      delay: options.delay ?? 0,
      needsRefresh: (update) => update.startState.facet(editorLocale) !== update.state.facet(editorLocale),
    },
  );
}

// ---------------------------------------------------------------- completion

/** Names a rulebook declares, offered by completion. */
export interface RulebookNames {
  rules: { id: string; label?: string }[];
  eventTypes: string[];
  flags: string[];
  /** Pay items the rulebook declares (`pay NAME "label"`, §9.4). */
  payItems: { name: string; label?: string }[];
  /** Targets its clauses compare with (`< target visits`, §9.8). */
  targets: string[];
}

/** No names: before the first good compile. */
export function noNames(): RulebookNames {
  return { rules: [], eventTypes: [], flags: [], payItems: [], targets: [] };
}

/** The rule ids, event types, flags, pay items and targets of a compiled rulebook. */
export function namesOf(rulebook: v2.CompiledRulebook | null): RulebookNames {
  const names = noNames();
  if (!rulebook) return names;
  const eventTypes = new Set<string>();
  const flags = new Set<string>();
  const targets = new Set<string>();
  for (const rule of rulebook.rules) {
    names.rules.push(rule.label ? { id: rule.id, label: rule.label } : { id: rule.id });
    for (const type of rule.eventTypes ?? (rule.eventType ? [rule.eventType] : [])) eventTypes.add(type);
    if (rule.measure.kind === 'ratio') {
      eventTypes.add(rule.measure.numerator);
      eventTypes.add(rule.measure.denominator);
    }
    for (const flag of rule.unless ?? []) flags.add(flag);
    for (const clause of rule.clauses) {
      if (clause.test.kind === 'target') targets.add(clause.test.target);
      for (const effect of clause.effects) if (effect.flag) flags.add(effect.flag);
    }
  }
  names.eventTypes = [...eventTypes];
  names.flags = [...flags];
  names.targets = [...targets];
  names.payItems = (rulebook.pay ?? []).map((p) => (p.label ? { name: p.name, label: p.label } : { name: p.name }));
  return names;
}

const WORD = /[\p{L}\p{N}_]+$/u;
const FLAG_WORDS = new Set(['flag', 'unless']);
const EVENT_WORDS = new Set(['on']);
const PAY_WORDS = new Set(['of', 'daily']);
const TARGET_WORDS = new Set(['target']);
for (const keyword of KEYWORDS) {
  const add = (set: Set<string>) => keyword.aliases.forEach((alias) => set.add(alias));
  if (FLAG_WORDS.has(keyword.canonical)) add(FLAG_WORDS);
  if (keyword.canonical === 'on') add(EVENT_WORDS);
  if (PAY_WORDS.has(keyword.canonical)) add(PAY_WORDS);
  if (keyword.canonical === 'target') add(TARGET_WORDS);
}

function keywordOptions(locale: Locale): Completion[] {
  const options: Completion[] = [];
  for (const { canonical, aliases, doc } of KEYWORDS) {
    const info = doc?.[locale];
    options.push({
      label: canonical,
      detail: aliases.join(' · '),
      info,
      type: 'keyword',
      boost: locale === 'en' ? 1 : 0,
    });
    for (const alias of aliases) {
      options.push({ label: alias, detail: canonical, info, type: 'keyword', boost: locale === 'en' ? 0 : 1 });
    }
  }
  return options;
}

/**
 * Completion of keywords (both languages), rule names, event types and
 * flags. `names()` is read at each request (the last good compile).
 */
export function rulebookCompletion(names: () => RulebookNames): CompletionSource {
  const cache = new Map<Locale, Completion[]>();
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(WORD);
    if (!word && !context.explicit) return null;
    const from = word ? word.from : context.pos;
    const locale = context.state.facet(editorLocale);
    let keywords = cache.get(locale);
    if (!keywords) cache.set(locale, (keywords = keywordOptions(locale)));

    // The word before the one being typed decides what is most likely.
    const before = context.state.sliceDoc(Math.max(0, from - 40), from).match(/([\p{L}\p{N}_]+)\s+$/u)?.[1] ?? '';
    const wantFlag = FLAG_WORDS.has(before);
    const wantEvent = EVENT_WORDS.has(before);
    const wantPay = PAY_WORDS.has(before);
    const wantTarget = TARGET_WORDS.has(before);
    const { rules, eventTypes, flags, payItems, targets } = names();
    // A name equal to the word being typed may be that very word (the last compile saw it): not a suggestion.
    const typed = word?.text ?? '';
    const options: Completion[] = [
      ...payItems
        .filter((item) => item.name !== typed)
        .map((item) => ({ label: item.name, type: 'property', detail: item.label ?? 'pay', boost: wantPay ? 5 : -1 })),
      ...targets
        .filter((target) => target !== typed)
        .map((target) => ({ label: target, type: 'property', detail: 'target', boost: wantTarget ? 5 : -1 })),
      ...flags
        .filter((flag) => flag !== typed)
        .map((flag) => ({ label: flag, type: 'constant', detail: 'flag', boost: wantFlag ? 5 : -1 })),
      ...eventTypes
        .filter((type) => type !== typed)
        .map((type) => ({ label: type, type: 'type', detail: 'event', boost: wantEvent ? 5 : -1 })),
      ...rules
        .filter((rule) => rule.id !== typed)
        .map((rule) => ({
          label: rule.id,
          type: 'variable',
          detail: rule.label ?? 'rule',
          boost: wantEvent ? 4 : -2,
        })),
      ...(wantFlag ? [] : keywords),
    ];
    return { from, options: dedupe(options), validFor: /^[\p{L}\p{N}_]*$/u };
  };
}

function dedupe(options: Completion[]): Completion[] {
  const seen = new Set<string>();
  return options.filter((option) => {
    const key = `${option.type}:${option.label}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------- folding, comments

/**
 * Folding (`fold.ts`: a rule spanning several lines folds at its first line), loaded once a view shows: the
 * folding service and what it needs (`@codemirror/language`, Lezer) stay out of the editor's entry.
 */
export function lazyFolding(): Extension {
  const folding = new Compartment();
  return [
    folding.of([]),
    ViewPlugin.define((view) => {
      import('./fold.js').then(
        ({ indentFolding }) => view.dispatch({ effects: folding.reconfigure(indentFolding) }),
        () => undefined, // offline: no folding
      );
      return {};
    }),
  ];
}

/** `#` comments for toggleComment (Mod-/). */
export const lineComments = EditorState.languageData.of(() => [{ commentTokens: { line: '#' } }]);

// ---------------------------------------------------------------- bundle

export interface RulebookLanguageOptions extends LintOptions {
  /** Locale of diagnostics. Default: `zh-CN`. */
  locale?: Locale;
  /** Names for completion. Default: none beyond the keywords. */
  names?: () => RulebookNames;
}

/** Everything above in one extension. */
export function rulebookLanguage(options: RulebookLanguageOptions = {}): Extension {
  const names = options.names ?? noNames;
  const complete = rulebookCompletion(names); // one instance: CodeMirror matches results to sources by identity
  return [
    editorLocale.of(options.locale ?? 'zh-CN'),
    tokenHighlighter,
    exampleGutter,
    rulebookLinter(options),
    rulebookHover(names),
    EditorState.languageData.of(() => [{ autocomplete: complete }]),
    lazyFolding(),
    lineComments,
  ];
}
