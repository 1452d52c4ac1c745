/**
 * The editor's typing aids: the editing commands (the default keymap), undo history, folding, completion
 * (keywords, the rulebook's names), closing brackets and search, with their keymaps. Loaded after the view is created (`codemirror.ts`: once the browser is idle after its first frame), so
 * the editor shows and checks its rulebook without downloading them first.
 *
 * @example
 * ```ts
 * view.dispatch({ effects: compartment.reconfigure((await import('./interactive.js')).typingAids()) });
 * ```
 */
import { Prec, type Extension } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { foldGutter, foldKeymap } from '@codemirror/language';
import { indentFolding } from './fold.js';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';

/** History, folding, completion, closing brackets, selection matches, search; their keymaps before the base ones. */
export function typingAids(): Extension {
  return [
    history(),
    indentFolding,
    foldGutter(),
    closeBrackets(),
    autocompletion(),
    highlightSelectionMatches(),
    Prec.high(keymap.of([...closeBracketsKeymap, ...completionKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap])),
  ];
}
