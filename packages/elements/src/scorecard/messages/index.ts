import { extendCatalog, type LazyCatalog } from '../../shared/i18n.js';
import { sharedCatalog, type SharedMessages } from '../../shared/messages/index.js';
import { zhCN, type ScorecardMessages } from './zh-CN.js';

export type { ScorecardMessages };
/** The scorecard's strings with the shared ones, per locale (English loaded on demand). */
export const scorecardCatalog: LazyCatalog<SharedMessages & ScorecardMessages> = extendCatalog(sharedCatalog, {
  'zh-CN': zhCN,
  en: () => import('./en.js').then((m) => m.en),
});
/** The messages of one locale, as the scorecard's views take them. */
export type ScorecardText = (typeof scorecardCatalog)['zh-CN'];
