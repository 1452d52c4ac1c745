import type { Catalog } from '../../shared/i18n.js';
import { boardEn } from './board-en.js';
import { boardZhCN, type BoardMessages } from './board-zh-CN.js';

export type { BoardMessages };
/** The board's own strings per locale (the board takes the locale, and the shared strings, from the element). */
export const boardCatalog: Catalog<BoardMessages> = { 'zh-CN': boardZhCN, en: boardEn };
