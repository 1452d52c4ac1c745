/** Entry point of `<rulecard-sync-status>`: importing it registers the element. */
import { RulecardSyncStatus } from './sync-status.js';

export { RulecardSyncStatus };
if (!customElements.get('rulecard-sync-status')) customElements.define('rulecard-sync-status', RulecardSyncStatus);

declare global {
  interface HTMLElementTagNameMap {
    'rulecard-sync-status': RulecardSyncStatus;
  }
}
