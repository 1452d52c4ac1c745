/** Entry point of `<rulecard-call-log>`: importing it registers the element. */
import { RulecardCallLog } from './call-log.js';

export { RulecardCallLog };
if (!customElements.get('rulecard-call-log')) customElements.define('rulecard-call-log', RulecardCallLog);

declare global {
  interface HTMLElementTagNameMap {
    'rulecard-call-log': RulecardCallLog;
  }
}
