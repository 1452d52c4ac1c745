/** Entry point of `<rulecard-scorecard>`: importing it registers the element. */
import { RulecardScorecard } from './scorecard.js';

export { RulecardScorecard };
if (!customElements.get('rulecard-scorecard')) customElements.define('rulecard-scorecard', RulecardScorecard);

declare global {
  interface HTMLElementTagNameMap {
    'rulecard-scorecard': RulecardScorecard;
  }
}
