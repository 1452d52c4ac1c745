import type { Catalog } from '../../shared/i18n.js';
import { en } from './en.js';
import { zhCN, type EditorMessages } from './zh-CN.js';

export type { EditorMessages };
/** The editor's own catalog; the element merges it with the shared one. */
export const editorCatalog: Catalog<EditorMessages> = { 'zh-CN': zhCN, en };
