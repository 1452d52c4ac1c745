/**
 * Folding of the rulebook's text: a rule spanning several lines folds at its first line. Loaded once the view shows
 * (with the editor's typing aids, or by `rulebookLanguage()`'s `lazyFolding`): `@codemirror/language` is needed by
 * nothing else the editor shows first.
 */
import { foldService } from '@codemirror/language';

/**
 * A rule spanning several lines folds at its first line: the following
 * lines indented deeper than it (blank lines included) are its body.
 */
export const indentFolding = foldService.of((state, lineStart, lineEnd) => {
  const line = state.doc.lineAt(lineStart);
  const indent = indentOf(line.text);
  if (indent < 0) return null;
  let last = line.number;
  for (let n = line.number + 1; n <= state.doc.lines; n++) {
    const next = state.doc.line(n);
    const nextIndent = indentOf(next.text);
    if (nextIndent < 0) continue;
    if (nextIndent <= indent) break;
    last = n;
  }
  if (last === line.number) return null;
  return { from: lineEnd, to: state.doc.line(last).to };
});

/** Columns of leading whitespace, or −1 for a blank line. */
function indentOf(text: string): number {
  const match = /^[ \t]*/.exec(text);
  const width = match ? match[0].length : 0;
  return width === text.length ? -1 : width;
}
