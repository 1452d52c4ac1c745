import type { Catalog } from '../i18n.js';
import { en } from './en.js';
import { zhCN, type SharedMessages } from './zh-CN.js';

export type { SharedMessages };
/** The shared catalog, for `new LocaleController(this, sharedCatalog)`. */
export const sharedCatalog: Catalog<SharedMessages> = { 'zh-CN': zhCN, en };
