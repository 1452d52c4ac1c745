/**
 * The parts of `<rulecard-editor>`'s CodeMirror setup that hold no element
 * state: the standard extensions and keymaps, how long checks may take
 * before they are debounced, when the rule table follows a check.
 *
 * @example
 * ```ts
 * EditorState.create({ doc, extensions: [...baseSetup(), tokenHighlighter, rulebookLinter(…)] });
 * ```
 */
import type { Diagnostic } from '@rulecard/dsl';
import { EditorState, type Extension } from '@codemirror/state';
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
import { lintGutter, lintKeymap } from '@codemirror/lint';

/**
 * Line numbers, lint gutter and its keymap; long lines wrap. The editing commands and their keymap, undo
 * history, folding, completion, closing brackets and search come with the typing aids (`interactive.ts`),
 * loaded once the view shows.
 */
export function baseSetup(): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    lintGutter(),
    drawSelection(),
    EditorState.allowMultipleSelections.of(true),
    rectangularSelection(),
    crosshairCursor(),
    highlightActiveLine(),
    // A rule is one line, often longer than the pane: wrapped, it stays readable without scrolling sideways.
    EditorView.lineWrapping,
    keymap.of(lintKeymap),
  ];
}

/**
 * The share of a 16 ms frame (60 Hz) a check may take and still run on every
 * keystroke; the rest is for the transaction, highlighting and rendering.
 */
const CHECK_BUDGET_MS = 10;
/** The debounce used while checks exceed their budget. */
const SLOW_CHECK_DELAY_MS = 250;

/** The checks' measured cost (a moving average), and the debounce it calls for. */
export class CheckCost {
  private ms: number | undefined;

  /** Records one check's duration. */
  record(ms: number): void {
    this.ms = this.ms === undefined ? ms : 0.7 * this.ms + 0.3 * ms;
  }

  /** The debounce the check needs: `configured` if set (the `lint-delay` attribute), else 0 or 250 ms by the measured cost. */
  delay(configured: number | null | undefined): number {
    if (configured !== undefined && configured !== null && Number.isFinite(configured)) return Math.max(0, configured);
    return this.ms !== undefined && this.ms > CHECK_BUDGET_MS ? SLOW_CHECK_DELAY_MS : 0;
  }
}

/**
 * The rule table follows a check once the browser is idle (or after this
 * many milliseconds at the latest), not in the keystroke's frame.
 */
const TABLE_REFRESH_TIMEOUT_MS = 200;

/** Runs `callback` when the main thread is idle after the current frame (at the latest after 200 ms), where the browser can tell. */
export function afterFrame(callback: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(callback, { timeout: TABLE_REFRESH_TIMEOUT_MS });
  else setTimeout(callback, 16);
}

/** Errors and warnings among `diagnostics`. */
export function countProblems(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}
