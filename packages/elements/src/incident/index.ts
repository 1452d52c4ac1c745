/** Entry point of `<rulecard-incident>`: importing it registers the element. */
import { RulecardIncident } from './incident.js';

export { RulecardIncident };
if (!customElements.get('rulecard-incident')) customElements.define('rulecard-incident', RulecardIncident);

declare global {
  interface HTMLElementTagNameMap {
    'rulecard-incident': RulecardIncident;
  }
}
