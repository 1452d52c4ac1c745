import { extendCatalog, type Catalog, type Locale } from '../../shared/i18n.js';
import { sharedCatalog, type SharedMessages } from '../../shared/messages/index.js';
import { en } from './en.js';
import { zhCN, type CallLogMessages } from './zh-CN.js';

export type { CallLogMessages };
/** The call log's strings with the shared ones, per locale. */
export const callLogCatalog: Catalog<SharedMessages & CallLogMessages> = extendCatalog(sharedCatalog, { 'zh-CN': zhCN, en });
/** The messages of one locale, as the call log's views take them. */
export type CallLogText = (typeof callLogCatalog)[Locale];
