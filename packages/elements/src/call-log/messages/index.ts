import { extendCatalog, type LazyCatalog } from '../../shared/i18n.js';
import { sharedCatalog, type SharedMessages } from '../../shared/messages/index.js';
import { zhCN, type CallLogMessages } from './zh-CN.js';

export type { CallLogMessages };
/** The call log's strings with the shared ones, per locale (English loaded on demand). */
export const callLogCatalog: LazyCatalog<SharedMessages & CallLogMessages> = extendCatalog(sharedCatalog, {
  'zh-CN': zhCN,
  en: () => import('./en.js').then((m) => m.en),
});
/** The messages of one locale, as the call log's views take them. */
export type CallLogText = (typeof callLogCatalog)['zh-CN'];
