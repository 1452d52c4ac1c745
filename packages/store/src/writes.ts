/**
 * The store's write paths, loaded with the first write (`store.ts` imports this module with `import()`): call
 * logs, events, appeals, form drafts, closing months, publishing rulebooks and the roster's edits, with their
 * validation and its messages. A page that only reads (a scorecard: open, list, score) does not download them;
 * `node packages/elements/scripts/size.mjs` shows what each element's page loads.
 *
 * @module
 */
export { createCallLogs, updateCallLog, deleteCallLog, markFollowUpDone, refreshOverdueFollowUps } from './call-logs.js';
export { recordEvent, updateEvent, deleteEvent } from './events.js';
export { openAppeal, decideAppeal } from './appeals.js';
export { saveFormDraft, getFormDraft, listFormDrafts, deleteFormDraft } from './form-drafts.js';
export { canCloseMonth, closeMonth, reopenMonth } from './periods.js';
export { publish, withdraw, saveDraft } from './rulebook-writes.js';
export { putTeam, putMember, removeMember, removeTeam } from './roster-writes.js';
