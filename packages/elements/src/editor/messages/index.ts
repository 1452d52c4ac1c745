import type { LazyCatalog } from '../../shared/i18n.js';
import { zhCN, type EditorMessages } from './zh-CN.js';

export type { EditorMessages };
/** The editor's own catalog; the element merges it with the shared one. */
export const editorCatalog: LazyCatalog<EditorMessages> = { 'zh-CN': zhCN, en: () => import('./en.js').then((m) => m.en) };
