import { extendCatalog, type LazyCatalog } from '../../shared/i18n.js';
import { sharedCatalog, type SharedMessages } from '../../shared/messages/index.js';
import { zhCN, type RosterMessages } from './zh-CN.js';

export type { RosterMessages };
/** The roster's strings with the shared ones, per locale (English loaded on demand). */
export const rosterCatalog: LazyCatalog<SharedMessages & RosterMessages> = extendCatalog(sharedCatalog, {
  'zh-CN': zhCN,
  en: () => import('./en.js').then((m) => m.en),
});
/** The messages of one locale. */
export type RosterText = (typeof rosterCatalog)['zh-CN'];
