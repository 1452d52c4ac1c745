/**
 * `@rulecard/elements` — every rulecard custom element, registered on import,
 * plus the shared building blocks (contexts, events, i18n, theme, formatting).
 *
 * For smaller pages import one element's entry instead
 * (`@rulecard/elements/scorecard`, `…/call-log`, `…/incident`, `…/roster`, `…/sync-status`, `…/editor`).
 *
 * @example
 * ```html
 * <script type="module">import '@rulecard/elements';</script>
 * <rulecard-scorecard consultant="c01" role="consultant"></rulecard-scorecard>
 * ```
 */
export { RulecardScorecard } from './scorecard/index.js';
export { RulecardCallLog } from './call-log/index.js';
export { RulecardIncident } from './incident/index.js';
export { RulecardRoster } from './roster/index.js';
export { RulecardSyncStatus } from './sync-status/index.js';
export * from './editor/index.js';

export { RulecardElement } from './shared/base.js';
export { storeContext, userContext, toRole, canSee, isSupervisor, ROLES, type Role, type SignedInUser } from './shared/context.js';
export { fire, type RulecardEventMap, type RulecardEventName, type RulecardEvent, type SavedKind } from './shared/events.js';
export {
  LocaleController,
  extendCatalog,
  loadMessages,
  messagesOf,
  toLocale,
  langOf,
  DEFAULT_LOCALE,
  type AnyCatalog,
  type Catalog,
  type LazyCatalog,
  type Locale,
} from './shared/i18n.js';
export { themeStyles } from './shared/theme.js';
export {
  formatFen,
  formatYuan,
  formatPoints,
  formatCentipoints,
  formatWindow,
  formatDateTime,
  maskContact,
  parseYuanToFen,
} from './shared/format.js';
export { openDefaultStore, type RulecardStore } from './shared/store.js';
export { APPEAL_TYPE, CORRECTION_TYPE, type Appeal, type AppealStatus } from './scorecard/appeals.js';
