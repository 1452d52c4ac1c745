/** Entry point of `<rulecard-roster>`: importing it registers the element. */
import { RulecardRoster } from './roster.js';

export { RulecardRoster };
if (!customElements.get('rulecard-roster')) customElements.define('rulecard-roster', RulecardRoster);

declare global {
  interface HTMLElementTagNameMap {
    'rulecard-roster': RulecardRoster;
  }
}
