/**
 * Styles of `<rulecard-editor>`: layout, side panel, diff, and the colours
 * of the language's tokens. Everything themable is a `--rulecard-*` custom
 * property (see the element's `@cssprop` list) with an AA-contrast default.
 */
import { css } from 'lit';
import { EditorView } from '@codemirror/view';

export const editorStyles = css`
  :host {
    --_editor-height: var(--rulecard-editor-height, 28rem);
    --_tok-keyword: var(--rulecard-editor-token-keyword, #8250df);
    --_tok-number: var(--rulecard-editor-token-number, #0550ae);
    --_tok-percent: var(--rulecard-editor-token-number, #0550ae);
    --_tok-string: var(--rulecard-editor-token-string, #0a3069);
    --_tok-comment: var(--rulecard-editor-token-comment, #57606a);
    --_tok-operator: var(--rulecard-editor-token-operator, #953800);
    --_tok-punctuation: var(--rulecard-editor-token-punctuation, #57606a);
    --_tok-error: var(--rulecard-color-danger, #b42318);
    --_added: var(--rulecard-editor-diff-added, #dafbe1);
    --_removed: var(--rulecard-editor-diff-removed, #ffebe9);
  }

  /* The editor and its side panel side by side, split where the manager puts the splitter (--_split, set by
     splitter.ts); one above the other when the element is narrow. */
  .frame {
    container-type: inline-size;
  }
  .layout {
    display: flex;
    gap: calc(var(--_space) / 2);
    align-items: flex-start;
  }
  .main {
    flex: 0 1 var(--_split, 60%);
    min-width: 0;
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  .side {
    /* Layout and paint of the (possibly 500-row) table stay inside the panel. */
    contain: content;
    flex: 1 1 0;
    min-width: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    background: var(--_surface);
  }

  .splitter {
    flex: none;
    align-self: stretch;
    width: 12px;
    cursor: col-resize;
    touch-action: none;
    border-radius: var(--_radius);
    /* a grip line, 3:1 against the surface */
    background: linear-gradient(var(--_muted), var(--_muted)) center / 2px 3rem no-repeat;
  }
  .splitter:hover,
  .splitter:focus-visible {
    background-color: var(--_surface-alt);
  }
  @container (max-width: 48rem) {
    .layout {
      flex-direction: column;
      align-items: stretch;
    }
    .main {
      flex: none;
    }
    .splitter {
      display: none;
    }
  }

  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .toolbar label {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) / 2);
  }
  .toolbar .grow {
    flex: 1;
  }

  .cm-host {
    contain: content;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  .cm-host .cm-editor {
    height: var(--_editor-height);
  }

  .statusbar {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 2);
    color: var(--_muted);
    font-size: 13px;
  }
  .statusbar .has-errors {
    color: var(--_danger);
  }

  /* tokens, from the DSL's lexer */
  .rc-tok-keyword {
    color: var(--_tok-keyword);
    font-weight: 600;
  }
  .rc-tok-number {
    color: var(--_tok-number);
  }
  .rc-tok-percent {
    color: var(--_tok-percent);
  }
  .rc-tok-string {
    color: var(--_tok-string);
  }
  .rc-tok-comment {
    color: var(--_tok-comment);
    font-style: italic;
  }
  .rc-tok-operator {
    color: var(--_tok-operator);
  }
  .rc-tok-punctuation {
    color: var(--_tok-punctuation);
  }
  .rc-tok-error {
    color: var(--_tok-error);
    text-decoration: underline wavy var(--_tok-error);
  }

  /* side panel */
  [role='tablist'] {
    display: flex;
    gap: calc(var(--_space) / 2);
    border-bottom: 1px solid var(--_border);
    margin-bottom: var(--_space);
  }
  [role='tab'] {
    border: none;
    border-bottom: 3px solid transparent;
    border-radius: 0;
    background: none;
  }
  [role='tab'][aria-selected='true'] {
    border-bottom-color: var(--_accent);
    color: var(--_accent);
    font-weight: 600;
  }
  [role='tabpanel'] {
    max-height: var(--_editor-height);
    overflow: auto;
  }

  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 13px;
  }
  /* The rule table scrolls inside the panel instead of being clipped (keyboard: focus it, arrow keys);
     its own height keeps the horizontal scrollbar in view. */
  .table-scroll {
    overflow: auto;
    max-width: 100%;
    max-height: calc(var(--_editor-height) - 6rem);
  }
  .table-scroll thead th {
    position: sticky;
    top: 0;
    background: var(--_surface);
  }
  .table-scroll > .rule-table {
    min-width: 40rem;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: calc(var(--_space) / 2);
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 4px 6px;
    border-bottom: 1px solid var(--_surface-alt);
  }
  thead th {
    border-bottom: 1px solid var(--_border);
    color: var(--_muted);
    font-weight: 600;
  }
  td.num,
  th.num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .label {
    color: var(--_muted);
    font-weight: normal;
  }
  button.link {
    border: none;
    background: none;
    padding: 0;
    min-height: 0;
    color: var(--_accent);
    text-decoration: underline;
    font-weight: 600;
    text-align: start;
  }
  .clauses {
    margin: 0;
    padding-inline-start: 1.2em;
  }
  .tiers {
    color: var(--_muted);
  }
  .note {
    color: var(--_muted);
    margin: 0 0 var(--_space);
  }
  .note.warning {
    color: var(--_danger);
  }
  .settings {
    margin: 0 0 var(--_space);
    color: var(--_muted);
  }

  /* history */
  .versions {
    list-style: none;
    margin: 0 0 var(--_space);
    padding: 0;
  }
  .versions li {
    display: flex;
    gap: var(--_space);
    align-items: baseline;
    flex-wrap: wrap;
    padding: 4px 0;
    border-bottom: 1px solid var(--_surface-alt);
  }
  .mark {
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    padding: 0 6px;
    font-size: 0.85em;
  }
  .mark-in-force {
    color: var(--_positive);
  }
  .mark-scheduled {
    color: var(--_accent);
  }
  .mark-withdrawn {
    color: var(--_muted);
  }
  .versions li[data-state='withdrawn'] > strong {
    text-decoration: line-through;
  }
  .version-note {
    flex-basis: 100%;
  }
  .versions .confirm {
    color: var(--_danger);
  }
  .withdraw-form {
    display: inline-flex;
    gap: var(--_space);
    flex-wrap: wrap;
    align-items: end;
  }
  /* new rule from a template */
  .new-rule {
    margin: 4px 0;
  }
  .new-rule > summary {
    cursor: pointer;
  }
  .new-rule-form {
    display: grid;
    gap: 4px;
    justify-items: start;
    padding: 4px 0;
  }
  .new-rule-form input[type='text'] {
    min-width: min(32rem, 100%);
  }
  /* what-if: a row's differences by rule and the card under the draft */
  .row-detail > td {
    padding-top: 0;
  }
  .row-detail summary {
    cursor: pointer;
    color: var(--_muted);
  }
  .rule-deltas {
    margin: 4px 0 var(--_space);
  }
  .compare {
    display: flex;
    gap: var(--_space);
    flex-wrap: wrap;
    margin-bottom: var(--_space);
  }

  /* publishing: the confirmation; first run: the starter rulebook */
  .publish-confirm,
  .draft-conflict {
    display: grid;
    gap: 4px;
    justify-items: start;
    margin: 0 0 var(--_space);
    padding: calc(var(--_space) / 2) var(--_space);
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
  }
  .draft-conflict p {
    margin: 0;
  }
  .draft-conflict .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
  }
  .starter {
    display: grid;
    gap: 4px;
    justify-items: start;
    margin: var(--_space) 0;
    padding: var(--_space) calc(var(--_space) * 2);
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  .publish-confirm h3,
  .starter h3 {
    margin: 0;
    font-size: 1em;
  }
  .publish-confirm textarea {
    width: 100%;
    min-height: 3em;
    box-sizing: border-box;
  }
  .publish-confirm .warning {
    color: var(--_danger);
    margin: 0;
  }
  .publish-confirm .check {
    display: inline-flex;
    gap: 4px;
    align-items: center;
  }
  .publish-confirm .what-if-summary {
    display: grid;
  }
  .publish-confirm .actions,
  .starter .actions {
    display: flex;
    gap: var(--_space);
    flex-wrap: wrap;
  }
  .diff {
    font-family: var(--rulecard-editor-font, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
    font-size: 12px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .diff li {
    white-space: pre-wrap;
    padding: 0 4px;
  }
  .diff .added {
    background: var(--_added);
  }
  .diff .removed {
    background: var(--_removed);
  }
  .diff .skipped {
    color: var(--_muted);
    font-style: italic;
  }
  .diff .gutter {
    display: inline-block;
    min-width: 2.5em;
    color: var(--_muted);
    user-select: none;
  }
`;

/** CodeMirror's own theme, in the same tokens. */
export const codemirrorTheme = EditorView.theme({
  '&': {
    backgroundColor: 'var(--_surface)',
    color: 'var(--_text)',
    fontSize: '14px',
  },
  '&.cm-focused': { outline: 'var(--_focus)', outlineOffset: '-2px' },
  '.cm-scroller': {
    fontFamily: "var(--rulecard-editor-font, ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'PingFang SC', 'Microsoft YaHei', monospace)",
    lineHeight: '1.6',
  },
  '.cm-gutters': {
    backgroundColor: 'var(--_surface-alt)',
    color: 'var(--_muted)',
    borderRight: '1px solid var(--_border)',
  },
  '.cm-activeLine': { backgroundColor: 'var(--rulecard-editor-active-line, #f0f6ff)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--rulecard-editor-active-line, #f0f6ff)' },
  '.cm-content': { caretColor: 'var(--_text)' },
  // the rulebook's examples (§9.14): passed, failed, not run
  '.rc-example-gutter .cm-gutterElement': { padding: '0 4px', cursor: 'default' },
  '.rc-example-pass': { color: 'var(--rulecard-editor-example-pass, #1a7f37)' },
  '.rc-example-fail': { color: 'var(--_danger, #b42318)', fontWeight: '700' },
  '.rc-example-not-run': { color: 'var(--_muted)' },
  '.rc-hover': { padding: '4px 8px', maxWidth: '28em', whiteSpace: 'pre-line' },
  '.rc-hover p': { margin: '2px 0 0' },
  '.cm-tooltip': {
    backgroundColor: 'var(--_surface)',
    color: 'var(--_text)',
    border: '1px solid var(--_border)',
    borderRadius: 'var(--_radius)',
  },
  '.cm-diagnosticAction': {
    backgroundColor: 'var(--_accent)',
    color: 'var(--_on-accent)',
    // outlined, so the button stays visible on a selected (accent) row of the lint panel
    border: '1px solid var(--_on-accent)',
    borderRadius: 'var(--_radius)',
    padding: '2px 8px',
  },
  // CodeMirror fades the source to 70% opacity, below AA on a selected row
  '.cm-diagnosticSource': { opacity: '1' },
  // the lint panel (Ctrl-Shift-M): the focused selection in the theme's colours, not the system's Highlight
  '.cm-panel.cm-panel-lint ul:focus [aria-selected]': {
    backgroundColor: 'var(--_accent)',
    color: 'var(--_on-accent)',
  },
  // its close button (×) at least 24 × 24 px (WCAG 2.2 target size)
  '.cm-panel.cm-panel-lint [name=close]': { minWidth: '24px', minHeight: '24px' },
});
