/**
 * The scorecard's appeals (申诉): a consultant opens one on a line of their own
 * card with a reason; leads and managers accept (the line is reversed by a
 * recorded correction) or reject with a reason (`decisions.ts`, loaded with
 * their board); both see the history.
 *
 * A reactive controller of `<rulecard-scorecard>`: it keeps which line's form
 * is open, writes through `appeals.ts`, and renders the line's appeal button,
 * its form, and the appeals section.
 *
 * @example
 * ```ts
 * private readonly appeals = new AppealsController(this);
 * render() { return html`${this.appeals.listView(model.appeals, names, rules)}`; }
 * ```
 */
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { ScoreLine } from '@rulecard/dsl';
import { fire } from '../shared/events.js';
import { formatDateTime, formatPoints, formatWindow } from '../shared/format.js';
import { memberName, type RuleNames } from '../shared/labels.js';
import { errorText } from '../shared/store.js';
import { openAppeal, type Appeal } from './appeals.js';
import type { ScorecardHost } from './host.js';
import { reasonForm, reasonOf, ruleText, ruleView } from './parts.js';

export class AppealsController implements ReactiveController {
  private readonly host: ScorecardHost;
  /** The key of the line whose appeal form is open, or ''. */
  private appealing = '';

  constructor(host: ScorecardHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  /** The "申诉" button of a line of the consultant's own card (none once the line is appealed: its status instead). */
  lineAction(key: string, appeal: Appeal | undefined): TemplateResult {
    const m = this.host.i18n.msg;
    if (appeal) return html`<span class="muted">${m.appealStatus[appeal.status]}</span>`;
    return html`<button part="button" @click=${() => this.open(key)}>${m.appeal}</button>`;
  }

  /** The appeal form of the line `key` (a table row), while it is open. */
  lineForm(key: string, consultant: string, line: ScoreLine, rules?: RuleNames): TemplateResult | typeof nothing {
    if (this.appealing !== key) return nothing;
    const m = this.host.i18n.msg;
    return html`<tr>
      <td colspan="5">
        ${reasonForm({
          id: 'appeal',
          label: `${m.appealLine(ruleText(line.rule, line.label, this.host.i18n.locale, rules))} · ${m.appealReason}`,
          error: this.host.failure,
          submit: m.submitAppeal,
          cancel: m.cancel,
          onSubmit: (e) => this.submit(e, consultant, line),
          onCancel: () => this.close(),
        })}
      </td>
    </tr>`;
  }

  /**
   * The appeals section: the consultant's own, or the board's with `decision` (leads and managers: the form under
   * each open appeal, and where its error shows; `decisions.ts`, loaded with the board).
   */
  listView(
    appeals: Appeal[],
    names: ReadonlyMap<string, string>,
    rules: RuleNames,
    decision?: { form: (appeal: Appeal) => TemplateResult; error: string },
  ): TemplateResult {
    const decide = !!decision;
    const { msg: m, locale } = this.host.i18n;
    const timeZone = this.host.timeZone;
    const who = (id: string): string => memberName(id, names);
    const when = (iso?: string) => (iso ? formatDateTime(iso, locale, timeZone) : '');
    const open = appeals.filter((a) => a.status === 'open').length;
    return html`<section part="appeals" aria-labelledby="appeals-${decide ? 'all' : 'own'}">
      <h3 id="appeals-${decide ? 'all' : 'own'}">${m.appeals}${open ? html` · ${m.openAppeals(open)}` : nothing}</h3>
      ${appeals.length ? nothing : html`<p class="status">${m.noAppeals}</p>`}
      ${appeals.map(
        (a) =>
          html`<article class="appeal" data-appeal=${a.id} data-status=${a.status}>
            <p>
              <strong>${ruleView(a.rule, a.label, locale, rules)}</strong>${a.window ? html` · ${formatWindow(a.window, locale)}` : nothing}
              · ${who(a.consultant)} · ${formatPoints(a.points, locale)} · <span>${m.appealStatus[a.status]}</span>
            </p>
            <p>${m.appealOpened(who(a.openedBy), when(a.openedAt))}</p>
            <p>${m.reasonLabel(a.reason)}</p>
            ${
              a.decidedAt
                ? html`<p>${m.appealDecided(a.decidedBy ? who(a.decidedBy) : '', when(a.decidedAt))}</p>
                    ${a.note ? html`<p>${m.decisionLabel(a.note)}</p>` : nothing}`
                : nothing
            }
            ${decision && a.status === 'open' ? decision.form(a) : nothing}
          </article>`,
      )}
      ${decision ? html`<p id="decision-error" class="error" role="alert">${decision.error}</p>` : nothing}
    </section>`;
  }

  private open(key: string): void {
    this.appealing = key;
    this.host.failure = '';
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>('#appeal-reason')?.focus());
  }

  private close(): void {
    this.appealing = '';
    this.host.requestUpdate();
  }

  private async submit(e: Event, consultant: string, line: ScoreLine): Promise<void> {
    e.preventDefault();
    const host = this.host;
    const store = host.activeStore;
    const user = host.user;
    const reason = reasonOf(e);
    if (!store || !user) return;
    if (!reason) {
      host.failure = host.i18n.msg.reasonRequired;
      await host.updateComplete;
      host.renderRoot.querySelector<HTMLElement>('#appeal-reason')?.focus();
      return;
    }
    try {
      // The store finds the line in its own score of the period and files the appeal on the line's last event.
      const appeal = await openAppeal(store, { consultant, line, period: host.period, reason, by: user.consultant, role: user.role });
      this.close();
      host.failure = '';
      fire(host, 'rulecard-appeal', { action: 'opened', appealId: appeal.id, rule: appeal.rule, consultant });
      fire(host, 'rulecard-saved', { kind: 'appeal', id: appeal.id });
    } catch (err) {
      this.fail(err);
    }
  }

  /** Shows `err` on the card and next to the forms, and reports it (`rulecard-error`). */
  fail(err: unknown): void {
    const message = errorText(err, this.host.i18n.locale);
    this.host.failure = message;
    fire(this.host, 'rulecard-error', { kind: 'scorecard', message });
  }
}
