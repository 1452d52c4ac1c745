/**
 * The rulebook's own examples in the editor (LANGUAGE.md §9.14): after each
 * check that compiled, the examples are run with the real evaluator (loaded
 * on demand, only when the text has an `example` block) and each example's
 * first line gets a gutter mark — passed, failed, or not run — whose hover
 * text gives every expectation with its expected and actual value. A failing
 * expectation is also an `example-failed` error at its `expect` line (the
 * checker's own diagnostic, in the editor's locale), as `rulecard check`
 * reports it.
 *
 * @example
 * ```ts
 * new EditorView({ extensions: [exampleGutter, rulebookLinter()] });
 * ```
 */
import type { Diagnostic, ExampleResult, ExampleRun, Locale, v2 } from '@rulecard/dsl';
import { RangeSet, StateEffect, StateField, type Extension, type Text } from '@codemirror/state';
import { EditorView, GutterMarker, gutter } from '@codemirror/view';

/** One example's outcome where it stands: its first line (1-based), its status, what its mark says. */
export interface ExampleMark {
  line: number;
  status: ExampleResult['status'];
  title: string;
}

const WORDS = {
  'zh-CN': {
    pass: (name: string) => `示例「${name}」通过`,
    fail: (name: string) => `示例「${name}」未通过`,
    notRun: (name: string, why: string) => `示例「${name}」未运行${why ? `：${why}` : ''}`,
    item: (ok: boolean, expected: string, actual: string) => `${ok ? '✓' : '✗'} 预期 ${expected}，实际 ${actual}`,
  },
  en: {
    pass: (name: string) => `Example “${name}” passes`,
    fail: (name: string) => `Example “${name}” fails`,
    notRun: (name: string, why: string) => `Example “${name}” was not run${why ? `: ${why}` : ''}`,
    item: (ok: boolean, expected: string, actual: string) => `${ok ? '✓' : '✗'} expected ${expected}, actual ${actual}`,
  },
} as const;

/** The gutter marks of a run, in the locale its texts were made in. */
export function exampleMarks(run: ExampleRun, locale: Locale): ExampleMark[] {
  const w = WORDS[locale];
  return run.results.map((r) => {
    const name = r.example.name;
    const head = r.status === 'pass' ? w.pass(name) : r.status === 'fail' ? w.fail(name) : w.notRun(name, r.reason?.[locale] ?? '');
    const items = r.results.map((x) => w.item(x.pass, x.expected, x.actual));
    return { line: r.example.range.start.line, status: r.status, title: [head, ...items].join('\n') };
  });
}

/**
 * Runs a compiled rulebook's examples (the evaluator loaded on first use).
 * Resolves to no run when there is no example.
 */
export async function runRulebookExamples(
  rulebook: v2.CompiledRulebook,
  examples: v2.Example[],
  locale: Locale,
): Promise<ExampleRun | undefined> {
  if (!examples.length) return undefined;
  const { runExamples } = await import('@rulecard/dsl');
  return runExamples(rulebook, examples, { locale });
}

/** Replaces the gutter's marks (an empty list clears them). */
export const setExampleMarks = StateEffect.define<ExampleMark[]>();

const GLYPH: Record<ExampleResult['status'], string> = { pass: '✓', fail: '✗', 'not-run': '–' };

class ExampleMarker extends GutterMarker {
  constructor(
    readonly status: ExampleResult['status'],
    readonly title: string,
  ) {
    super();
  }
  override eq(other: GutterMarker): boolean {
    return other instanceof ExampleMarker && other.status === this.status && other.title === this.title;
  }
  override toDOM(): Node {
    const span = document.createElement('span');
    span.className = `rc-example rc-example-${this.status}`;
    span.textContent = GLYPH[this.status];
    span.title = this.title;
    span.setAttribute('role', 'img');
    span.setAttribute('aria-label', this.title);
    return span;
  }
}

function markerSet(doc: Text, marks: readonly ExampleMark[]): RangeSet<GutterMarker> {
  const ranges = marks
    .filter((m) => m.line >= 1 && m.line <= doc.lines)
    .map((m) => new ExampleMarker(m.status, m.title).range(doc.line(m.line).from))
    .sort((a, b) => a.from - b.from);
  return RangeSet.of(ranges);
}

const marksField = StateField.define<RangeSet<GutterMarker>>({
  create: () => RangeSet.empty,
  update(set, tr) {
    let next = set.map(tr.changes);
    for (const effect of tr.effects) if (effect.is(setExampleMarks)) next = markerSet(tr.state.doc, effect.value);
    return next;
  },
});

/** The marks the gutter shows now, in document order (for tests and the status line). */
export function shownExampleMarks(view: EditorView): { line: number; status: string; title: string }[] {
  const out: { line: number; status: string; title: string }[] = [];
  const cursor = view.state.field(marksField).iter();
  for (; cursor.value; cursor.next()) {
    const marker = cursor.value as ExampleMarker;
    out.push({ line: view.state.doc.lineAt(cursor.from).number, status: marker.status, title: marker.title });
  }
  return out;
}

/** The examples' gutter (left of the line numbers' lint marks). */
export const exampleGutter: Extension = [
  marksField,
  gutter({ class: 'rc-example-gutter', markers: (view) => view.state.field(marksField) }),
];

/** The run's `example-failed` / `example-not-run` diagnostics (already in the run's locale). */
export function exampleDiagnostics(run: ExampleRun | undefined): Diagnostic[] {
  return run?.diagnostics ?? [];
}
