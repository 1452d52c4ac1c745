import type { LazyCatalog } from '../i18n.js';
import { zhCN, type SharedMessages } from './zh-CN.js';

export type { SharedMessages };
/** The shared catalog, for `new LocaleController(this, sharedCatalog)`. */
export const sharedCatalog: LazyCatalog<SharedMessages> = { 'zh-CN': zhCN, en: () => import('./en.js').then((m) => m.en) };
