import { extendCatalog, type Catalog, type Locale } from '../../shared/i18n.js';
import { sharedCatalog, type SharedMessages } from '../../shared/messages/index.js';
import { en } from './en.js';
import { zhCN, type ScorecardMessages } from './zh-CN.js';

export type { ScorecardMessages };
/** The scorecard's strings with the shared ones, per locale. */
export const scorecardCatalog: Catalog<SharedMessages & ScorecardMessages> = extendCatalog(sharedCatalog, { 'zh-CN': zhCN, en });
/** The messages of one locale, as the scorecard's views take them. */
export type ScorecardText = (typeof scorecardCatalog)[Locale];
