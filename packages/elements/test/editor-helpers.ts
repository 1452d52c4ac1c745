/**
 * The editor suites' shared set-up: mount `<rulecard-editor>` on a real
 * IndexedDB, reach its CodeMirror view, wait for a check.
 */
import { EditorView } from '@codemirror/view';
import { forEachDiagnostic, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { openStore, type RulecardStore } from '@rulecard/store';
import { sendKeys } from '@web/test-runner-commands';
import '../src/editor/index.js';
import type { RulecardEditor } from '../src/editor/index.js';

export const opened: RulecardStore[] = [];
export const mounted: HTMLElement[] = [];

export function uniqueDb(): string {
  return `editor-test-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
}

export async function until<T>(probe: () => T | undefined | null | false, what: string | (() => string), timeout = 8000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function mount(attrs: Record<string, string>, store?: RulecardStore): Promise<RulecardEditor> {
  const el = document.createElement('rulecard-editor');
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  if (store) el.store = store;
  document.body.append(el);
  mounted.push(el);
  await el.updateComplete;
  if (attrs.role === 'manager' || attrs.role === 'lead') {
    await until(() => content(el).getAttribute('aria-readonly') === 'false', 'the text to load');
  }
  return el;
}

export function content(el: RulecardEditor): HTMLElement {
  const node = el.shadowRoot?.querySelector<HTMLElement>('.cm-content');
  if (!node) throw new Error('no CodeMirror content in the shadow root');
  return node;
}

export function viewOf(el: RulecardEditor): EditorView {
  const view = EditorView.findFromDOM(content(el));
  if (!view) throw new Error('no EditorView');
  return view;
}

export async function typeInto(el: RulecardEditor, text: string): Promise<void> {
  content(el).focus();
  await sendKeys({ type: text });
}

/** Waits until the editor has checked exactly its current text. */
export async function checked(el: RulecardEditor): Promise<void> {
  await el.updateComplete; // the status now says "checking" until the linter has run
  await until(() => !el.shadowRoot?.querySelector('.problems')?.textContent?.match(/检查中|Checking/), 'the check');
  await el.updateComplete;
}

export function editorDiagnostics(view: EditorView): CmDiagnostic[] {
  const found: CmDiagnostic[] = [];
  forEachDiagnostic(view.state, (d) => found.push(d));
  return found;
}

export async function openStoreFor(name: string): Promise<RulecardStore> {
  const store = await openStore({ name });
  opened.push(store);
  return store;
}

afterEach(() => {
  for (const el of mounted.splice(0)) el.remove();
});

after(() => {
  for (const store of opened.splice(0)) store.close();
});
