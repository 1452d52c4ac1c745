/**
 * Registers `<rulecard-editor>`. Import this module once (it is the editor's
 * bundle entry); registering twice is harmless.
 *
 * @example
 * ```html
 * <script type="module">import '@rulecard/elements/editor';</script>
 * <rulecard-editor consultant="m01" role="manager"></rulecard-editor>
 * ```
 */
import { RulecardEditor } from './editor.js';

export { RulecardEditor, EditorTab } from './editor.js';
export { diffLines, hunks, type DiffLine, type DiffHunk } from './line-diff.js';
export { rulebookLanguage, type RulebookLanguageOptions } from './language.js';

if (!customElements.get('rulecard-editor')) customElements.define('rulecard-editor', RulecardEditor);

declare global {
  interface HTMLElementTagNameMap {
    'rulecard-editor': RulecardEditor;
  }
}
