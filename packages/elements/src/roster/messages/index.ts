import { extendCatalog, type Catalog, type Locale } from '../../shared/i18n.js';
import { sharedCatalog, type SharedMessages } from '../../shared/messages/index.js';
import { en } from './en.js';
import { zhCN, type RosterMessages } from './zh-CN.js';

export type { RosterMessages };
/** The roster's strings with the shared ones, per locale. */
export const rosterCatalog: Catalog<SharedMessages & RosterMessages> = extendCatalog(sharedCatalog, { 'zh-CN': zhCN, en });
/** The messages of one locale. */
export type RosterText = (typeof rosterCatalog)[Locale];
