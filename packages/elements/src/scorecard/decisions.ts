/**
 * Deciding an appeal (leads and managers): the decision note and the accept /
 * reject buttons under an open appeal; accepting records the reversing
 * correction, rejecting needs a reason. Loaded with the board (`board.ts`),
 * never by a consultant's scorecard.
 *
 * @example
 * ```ts
 * appeals.listView(list, names, rules, { form: (a) => decisionForm(host, appeals, a), error: host.failure });
 * ```
 */
import { html, type TemplateResult } from 'lit';
import { fire } from '../shared/events.js';
import { decideAppeal, type Appeal } from './appeals.js';
import type { AppealsController } from './appeals-panel.js';
import type { ScorecardHost } from './host.js';
import { boardCatalog } from './messages/board.js';
import { cssId } from './parts.js';

/** The decision note and the buttons under the open appeal `appeal`. */
export function decisionForm(host: ScorecardHost, appeals: AppealsController, appeal: Appeal): TemplateResult {
  const b = boardCatalog[host.i18n.locale];
  return html`<div class="decision">
    <label for="decision-${cssId(appeal.id)}">${b.decisionReason}</label>
    <textarea id="decision-${cssId(appeal.id)}" aria-describedby="decision-error"></textarea>
    <div class="row-actions">
      <button part="button" class="primary" @click=${() => decide(host, appeals, appeal, true)}>${b.accept}</button>
      <button part="button" @click=${() => decide(host, appeals, appeal, false)}>${b.reject}</button>
    </div>
  </div>`;
}

async function decide(host: ScorecardHost, appeals: AppealsController, appeal: Appeal, accept: boolean): Promise<void> {
  const store = host.activeStore;
  const user = host.user;
  if (!store || !user) return;
  const box = host.renderRoot.querySelector<HTMLTextAreaElement>(`#decision-${cssId(appeal.id)}`);
  const reason = box?.value.trim() ?? '';
  if (!accept && !reason) {
    host.failure = boardCatalog[host.i18n.locale].rejectNeedsReason;
    box?.setAttribute('aria-invalid', 'true');
    box?.focus();
    return;
  }
  try {
    const done = await decideAppeal(store, appeal, { accept, reason, by: user.consultant, role: user.role });
    host.failure = '';
    fire(host, 'rulecard-appeal', {
      action: accept ? 'accepted' : 'rejected',
      appealId: done.id,
      rule: done.rule,
      consultant: done.consultant,
    });
    fire(host, 'rulecard-saved', { kind: 'appeal', id: done.id });
  } catch (err) {
    appeals.fail(err);
  }
}
