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
 * - in the element, one keystroke as the browser runs it: in the keystroke's
 *   frame, the CodeMirror transaction with our extensions, the check
 *   (compile + state), the element's Lit update and the style + layout it
 *   leaves; after the frame (when idle), the refresh of the side panel's
 *   500-row rule table, its Lit update and its style + layout. Layout is
 *   forced and timed right after each update, so it is counted where it
 *   happens (not in the next keystroke's transaction).
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

    // Every Lit update of the element, with the style + layout it leaves (forced
    // and timed here, as the browser would do it before painting).
    const updates: { render: number; layout: number }[] = [];
    const host = el as unknown as { performUpdate(): void };
    const performUpdate = host.performUpdate.bind(el);
    const side = el.shadowRoot!.querySelector<HTMLElement>('.side')!;
    host.performUpdate = () => {
      const start = performance.now();
      performUpdate();
      const rendered = performance.now();
      void side.offsetHeight;
      updates.push({ render: rendered - start, layout: performance.now() - rendered });
    };

    const transaction: number[] = [];
    const check: number[] = [];
    const render: number[] = [];
    const layout: number[] = [];
    const frame: number[] = [];
    const deferredRender: number[] = [];
    const deferredLayout: number[] = [];
    const deferredTotal: number[] = [];
    const total: number[] = [];
    let deferredUpdates = 0;
    for (let i = 0; i < RUNS + 5; i++) {
      const typed = i % 2 === 0 ? 'x' : '';
      updates.length = 0;
      const start = performance.now();
      view.dispatch({ changes: typed ? { from: at, insert: typed } : { from: at, to: at + 1 }, userEvent: 'input.type' });
      const afterTransaction = performance.now();
      el.check();
      const afterCheck = performance.now();
      // The check's update runs in this task (a microtask); the table's refresh after the frame.
      await el.updateComplete;
      if (i < 5) continue; // warm-up
      const [inFrame = { render: 0, layout: 0 }, ...later] = updates;
      transaction.push(afterTransaction - start);
      check.push(afterCheck - afterTransaction);
      render.push(inFrame.render);
      layout.push(inFrame.layout);
      frame.push(afterCheck - start + inFrame.render + inFrame.layout);
      const laterRender = later.reduce((sum, u) => sum + u.render, 0);
      const laterLayout = later.reduce((sum, u) => sum + u.layout, 0);
      deferredUpdates += later.length;
      deferredRender.push(laterRender);
      deferredLayout.push(laterLayout);
      deferredTotal.push(laterRender + laterLayout);
      total.push(afterCheck - start + inFrame.render + inFrame.layout + laterRender + laterLayout);
    }
    console.log(`keystroke: CodeMirror transaction + highlight: ${stats(transaction)}`);
    console.log(`keystroke: check (compile + state): ${stats(check)}`);
    console.log(`keystroke: Lit update in the keystroke's frame: ${stats(render)}`);
    console.log(`keystroke: style + layout after it: ${stats(layout)}`);
    console.log(`keystroke: total in the keystroke's frame: ${stats(frame)}`);
    console.log(
      `after the frame (idle; ${deferredUpdates} updates in ${RUNS} keystrokes): Lit re-render of the 500-row rule table: ${stats(deferredRender)}`,
    );
    console.log(`after the frame: style + layout of the table: ${stats(deferredLayout)}`);
    console.log(`after the frame: total: ${stats(deferredTotal)}`);
    console.log(`keystroke: total main-thread (in frame + after it): ${stats(total)}`);
    el.remove();
  });
});
