/**
 * Benchmark (not a test: it asserts nothing about time): the cost of one
 * keystroke in `<rulecard-editor>` on a 500-rule rulebook, in the real
 * browser. Run:
 *
 *   cd /work/main && WTR_FILES='packages/elements/src/editor/bench/relint.browser-bench.ts' npx web-test-runner
 *
 * Prints medians / p95 / max (ms) of:
 * - `compile()` of the whole book (what the linter runs after a keystroke);
 * - `tokenize()` of one screen of lines (the highlighter lexes only changed
 *   visible lines, cached by text);
 * - a bare CodeMirror transaction on the same text (baseline of the machine);
 * - in the element: the CodeMirror transaction with our extensions, the check
 *   (compile + state), and Lit re-rendering the side panel's table.
 * The machine is shared: read the figures against the baseline.
 */
import { EditorView } from '@codemirror/view';
import { compile, tokenize } from '@rulecard/dsl';
import '../index.js';
import type { RulecardEditor } from '../editor.js';
import { bigRulebook } from './big-rulebook.js';

const RULES = 500;
const RUNS = 40;

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${sorted[sorted.length - 1].toFixed(2)} ms (n=${sorted.length})`;
}

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

describe(`relint benchmark, ${RULES} rules`, () => {
  const source = bigRulebook(RULES);

  it('compile() and tokenize()', () => {
    const lines = source.split('\n').length;
    const result = compile(source, { locale: 'zh-CN' });
    console.log(
      `book: ${RULES} rules, ${lines} lines, ${source.length} chars; ${result.diagnostics.length} diagnostics; compiled: ${result.rulebook !== null}`,
    );
    for (let i = 0; i < 5; i++) compile(source, { locale: 'zh-CN' });
    const compileTimes = Array.from({ length: RUNS }, () => time(() => compile(source, { locale: 'zh-CN' })));
    console.log(`compile(500 rules): ${stats(compileTimes)}`);
    const screen = source.split('\n').slice(200, 250).join('\n');
    const tokenizeTimes = Array.from({ length: RUNS }, () => time(() => tokenize(screen)));
    console.log(`tokenize(50 visible lines): ${stats(tokenizeTimes)}`);
    const fullTokenize = Array.from({ length: 10 }, () => time(() => tokenize(source)));
    console.log(`tokenize(whole book, not done per keystroke): ${stats(fullTokenize)}`);
  });

  it('baseline: a keystroke in a bare CodeMirror (no extensions) of the same text', async () => {
    const parent = document.createElement('div');
    parent.style.height = '448px';
    parent.style.overflow = 'hidden';
    document.body.append(parent);
    const view = new EditorView({ doc: source, parent });
    view.dom.style.height = '448px';
    await new Promise((r) => requestAnimationFrame(r));
    const at = source.indexOf('rude_7') + 'rude_7'.length;
    const samples: number[] = [];
    for (let i = 0; i < RUNS + 5; i++) {
      const typed = i % 2 === 0 ? 'x' : '';
      const start = performance.now();
      view.dispatch({ changes: typed ? { from: at, insert: typed } : { from: at, to: at + 1 }, userEvent: 'input.type' });
      if (i >= 5) samples.push(performance.now() - start);
    }
    console.log(`baseline: bare CodeMirror transaction: ${stats(samples)}`);
    view.destroy();
    parent.remove();
  });

  it('one keystroke in the element (transaction + check + side panel render)', async () => {
    const el = document.createElement('rulecard-editor') as RulecardEditor;
    el.setAttribute('consultant', 'bench');
    el.setAttribute('role', 'manager');
    el.setAttribute('database', `editor-bench-${Date.now()}`);
    el.setAttribute('lint-delay', '100000'); // the bench drives the check itself
    document.body.append(el);
    await el.updateComplete;
    const content = el.shadowRoot!.querySelector<HTMLElement>('.cm-content')!;
    for (let i = 0; i < 200 && content.getAttribute('aria-readonly') !== 'false'; i++) await new Promise((r) => setTimeout(r, 25));
    el.value = source;
    el.check();
    await el.updateComplete;
    const view = EditorView.findFromDOM(content)!;
    await new Promise((r) => requestAnimationFrame(r));
    console.log(
      `rendered lines: ${el.shadowRoot!.querySelectorAll('.cm-line').length} of ${view.state.doc.lines}; editor height ${view.dom.getBoundingClientRect().height}px`,
    );
    const at = source.indexOf('rude_7') + 'rude_7'.length;

    const bare: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      view.dispatch({ changes: i % 2 === 0 ? { from: at, insert: 'x' } : { from: at, to: at + 1 }, userEvent: 'input.type' });
      bare.push(performance.now() - start);
    }
    console.log(`keystroke: CodeMirror transaction alone, back to back (no render between): ${stats(bare)}`);
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-tab="what-if"]')!.click();
    await el.updateComplete;
    const small: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      view.dispatch({ changes: i % 2 === 0 ? { from: at, insert: 'x' } : { from: at, to: at + 1 }, userEvent: 'input.type' });
      small.push(performance.now() - start);
    }
    console.log(`keystroke: CodeMirror transaction alone, rule table hidden: ${stats(small)}`);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-tab="table"]')!.click();
    await el.updateComplete;

    const transaction: number[] = [];
    const check: number[] = [];
    const render: number[] = [];
    const total: number[] = [];
    for (let i = 0; i < RUNS + 5; i++) {
      const typed = i % 2 === 0 ? 'x' : '';
      const start = performance.now();
      view.dispatch({ changes: typed ? { from: at, insert: typed } : { from: at, to: at + 1 }, userEvent: 'input.type' });
      const afterTransaction = performance.now();
      el.check();
      const afterCheck = performance.now();
      await el.updateComplete;
      const end = performance.now();
      if (i < 5) continue; // warm-up
      transaction.push(afterTransaction - start);
      check.push(afterCheck - afterTransaction);
      render.push(end - afterCheck);
      total.push(end - start);
    }
    console.log(`keystroke: CodeMirror transaction + highlight: ${stats(transaction)}`);
    console.log(`keystroke: check (compile + state): ${stats(check)}`);
    console.log(`keystroke: Lit re-render (500-row rule table): ${stats(render)}`);
    console.log(`keystroke: total main-thread: ${stats(total)}`);
    el.remove();
  });
});
