/**
 * `<rulecard-roster>`: the roster element (see the class's doc comment).
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { MemberRecord, SetupStatus, TeamRecord } from '@rulecard/store';
import { hasLeft } from '@rulecard/store/roster-rules';
import { RulecardElement } from '../shared/base.js';
import { isSupervisor } from '../shared/context.js';
import type { RulecardEventMap, RulecardEventName } from '../shared/events.js';
import { LocaleController } from '../shared/i18n.js';
import { LiveController } from '../shared/live.js';
import { errorText } from '../shared/store.js';
import { storeThenValues } from '../shared/task-args.js';
import { RosterForm, payText, targetText } from './forms.js';
import type { RosterHost } from './host.js';
import { RosterImport } from './import.js';
import { rosterCatalog } from './messages/index.js';
import { rosterStyles } from './styles.js';

/** What `<input type="file">` offers: Excel workbooks and CSV files. */
const ACCEPT = '.xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * `<rulecard-roster>` — managers keep the roster: teams and their leads,
 * people with their role, join and leave dates, pay items (yuan per month,
 * kept in fen) and targets, as the rulebook's `pay` and `target` rules read
 * them. Add and edit with field errors (the store's validation, in the
 * user's language), delete a person or team added by mistake, import a
 * whole list from Excel (`.xlsx`) or CSV all or nothing (each bad row and
 * column named), download the list as CSV (the import template). Leads see
 * the roster read-only; consultants do not see it. Once the roster has
 * people and no rulebook is in effect, it points to the next step.
 *
 * @example
 * ```html
 * <script type="module" src="/rulecard/roster.js"></script>
 * <rulecard-roster consultant="m01" role="manager"></rulecard-roster>
 * <script>
 *   document.addEventListener('rulecard-setup', (e) => e.detail.step === 'rulebook' && openRulebookPage());
 * </script>
 * ```
 *
 * @element rulecard-roster
 *
 * @attr consultant - Roster id of the signed-in user (recorded with each change).
 * @attr role - `manager` edits; `lead` reads; `consultant` sees a notice.
 * @attr database - IndexedDB database name when no store is provided (default `rulecard`).
 * @attr lang - `en` for English; zh-CN otherwise (inherits the closest ancestor's `lang`).
 *
 * @fires rulecard-saved - `{ kind: 'team' | 'member', id }` after a save; `{ kind: 'roster-import', id: fileName }` after an import.
 * @fires rulecard-error - `{ kind: 'roster' | 'roster-import', message }` when the store refused a change or an import.
 * @fires rulecard-setup - `{ step: 'rulebook' }` when the manager asks to go on to the rulebook (none in effect yet).
 *
 * @csspart toolbar - The bar with the add, import and download actions.
 * @csspart teams - The teams table.
 * @csspart members - The people table.
 * @csspart form - The add/edit form.
 * @csspart field - Each label + control + error group of the form (and each pay-item / target group).
 * @csspart error - The error text of a field.
 * @csspart save-button - The form's save button.
 * @csspart import - The import file picker and its hint.
 * @csspart import-errors - The rows and columns an import refused.
 * @csspart next-step - The pointer to the next setup step.
 * @csspart button - Every other button.
 *
 * @cssprop --rulecard-color-accent - Buttons and focus ring (default #0b5cad).
 * @cssprop --rulecard-color-danger - Errors, required marks, delete (default #b42318).
 * @cssprop --rulecard-color-text - Text (default #1f2328).
 * @cssprop --rulecard-color-muted - Hints and secondary text (default #57606a).
 * @cssprop --rulecard-color-surface - Background (default #ffffff).
 * @cssprop --rulecard-color-surface-alt - The form's background (default #f6f8fa).
 * @cssprop --rulecard-color-border - Borders (default #8c959f).
 * @cssprop --rulecard-font - Font stack.
 * @cssprop --rulecard-radius - Corner radius (default 6px).
 */
export class RulecardRoster extends RulecardElement implements RosterHost {
  static override styles = rosterStyles;

  /** @internal */
  readonly i18n = new LocaleController(this, rosterCatalog);
  /** Bumped by every committed roster or rulebook change (this tab or another). */
  @state() private revision = 0;
  @state() private showLeft = false;
  @state() private notice = '';

  private readonly live = new LiveController(this, (change) => {
    if (change.type === 'closed' || change.kinds.some((k) => k === 'teams' || k === 'members' || k === 'rulebookVersions')) this.revision++;
  });
  private readonly form = new RosterForm(this);
  private readonly importer = new RosterImport(this);

  private readonly data = new Task(this, {
    task: async ([store]) => {
      if (!store) return undefined;
      const [teams, members, setup] = await Promise.all([store.listTeams(), store.listMembers(), store.setupStatus()]);
      return { teams, members, setup };
    },
    args: () => [this.activeStore, this.revision] as const,
    argsEqual: storeThenValues,
  });

  /** @internal Only a manager edits the roster. */
  get canEdit(): boolean {
    return this.userRole === 'manager';
  }

  /** @internal */
  fire<K extends RulecardEventName>(type: K, detail: RulecardEventMap[K]): void {
    this.emit(type, detail);
  }

  /** @internal */
  announce(text: string): void {
    this.notice = text;
  }

  /** Imports a roster file (`.xlsx` or `.csv`) as the file picker does; resolves when the result is shown. */
  importFile(file: File): Promise<void> {
    return this.importer.importFile(file);
  }

  override render(): TemplateResult {
    const m = this.i18n.msg;
    if (!this.user || !isSupervisor(this.user)) return html`<p class="status" role="alert">${m.notAllowed}</p>`;
    const loading = html`<p class="status" role="status">${m.loading}</p>`;
    return html`<h2 id="title">${m.title}</h2>
      ${this.data.render({
        initial: () => loading,
        pending: () => (this.data.value ? this.renderRoster(this.data.value) : loading),
        error: (e) => html`<p class="error" role="alert">${m.loadFailed(errorText(e, this.i18n.locale))}</p>`,
        complete: (d) => (d ? this.renderRoster(d) : loading),
      })}`;
  }

  private renderRoster(d: { teams: TeamRecord[]; members: MemberRecord[]; setup: SetupStatus }): TemplateResult {
    const m = this.i18n.msg;
    const today = d.setup.today;
    const current = d.members.filter((p) => !hasLeft(p, today));
    const left = d.members.length - current.length;
    const shown = this.showLeft ? d.members : current;
    return html`<p class="muted">${m.summary(d.teams.length, d.setup.scored, left)}</p>
      ${this.canEdit ? nothing : html`<p class="muted">${m.readOnly}</p>`}
      <p class="notice" role="status">${this.notice}</p>
      ${this.canEdit && d.setup.scored > 0 && !d.setup.rulebook ? this.nextStep() : nothing}
      ${this.canEdit ? this.toolbar(today, d.teams.length > 0) : nothing} ${this.canEdit ? this.form.render(d.teams, d.members) : nothing}
      <section aria-labelledby="teams-title">
        <h3 id="teams-title">${m.teams}</h3>
        ${d.teams.length ? this.teamsTable(d.teams, d.members, today) : html`<p class="muted">${m.noTeams}</p>`}
      </section>
      <section aria-labelledby="members-title">
        <h3 id="members-title">${m.members}</h3>
        <label class="check"
          ><input
            type="checkbox"
            .checked=${this.showLeft}
            @change=${(e: Event) => (this.showLeft = (e.target as HTMLInputElement).checked)}
          />${m.showLeft}</label
        >
        ${shown.length ? this.membersTable(shown, d.teams) : html`<p class="muted">${m.noMembers}</p>`}
      </section>`;
  }

  private nextStep(): TemplateResult {
    const m = this.i18n.msg;
    return html`<p class="next-step" part="next-step">
      <span>${m.nextRulebook}</span>
      <button type="button" class="primary" part="button" @click=${() => this.emit('rulecard-setup', { step: 'rulebook' })}>
        ${m.nextRulebookAction}
      </button>
    </p>`;
  }

  private toolbar(today: string, hasTeams: boolean): TemplateResult {
    const m = this.i18n.msg;
    return html`<div class="toolbar" part="toolbar">
      <button type="button" part="button" data-action="add-team" @click=${(e: Event) => this.form.openTeam(undefined, e.currentTarget)}>
        ${m.addTeam}
      </button>
      <button
        type="button"
        part="button"
        data-action="add-member"
        ?disabled=${!hasTeams}
        @click=${(e: Event) => this.form.openMember(undefined, e.currentTarget)}
      >
        ${m.addMember}
      </button>
      <button type="button" part="button" data-action="download" @click=${() => void this.importer.download(today)}>${m.exportFile}</button>
      ${this.importer.render(ACCEPT)}
    </div>`;
  }

  /** A row's last cell for a manager: its edit button (named after the row), which opens the form. */
  private editCell(label: string, open: (opener: EventTarget | null) => void): TemplateResult | typeof nothing {
    if (!this.canEdit) return nothing;
    return html`<td>
      <button type="button" part="button" aria-label=${label} @click=${(e: Event) => open(e.currentTarget)}>${this.i18n.msg.edit}</button>
    </td>`;
  }

  private teamsTable(teams: TeamRecord[], members: MemberRecord[], today: string): TemplateResult {
    const m = this.i18n.msg;
    const name = new Map(members.map((p) => [p.id, p.name]));
    return html`<table part="teams">
      <thead>
        <tr>
          <th scope="col">${m.colTeam}</th>
          <th scope="col">${m.colTeamId}</th>
          <th scope="col">${m.colLead}</th>
          <th scope="col" class="num">${m.colCount}</th>
          ${this.canEdit ? html`<th scope="col"><span class="visually-hidden">${m.colActions}</span></th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${teams.map(
          (t) =>
            html`<tr data-team=${t.id}>
              <th scope="row">${t.name}</th>
              <td>${t.id}</td>
              <td>${t.lead ? (name.get(t.lead) ?? t.lead) : html`<span class="muted">${m.noLead}</span>`}</td>
              <td class="num">${members.filter((p) => p.teamId === t.id && p.role !== 'manager' && !hasLeft(p, today)).length}</td>
              ${this.editCell(m.editTeamLabel(t.name), (opener) => this.form.openTeam(t, opener))}
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private membersTable(members: MemberRecord[], teams: TeamRecord[]): TemplateResult {
    const m = this.i18n.msg;
    const locale = this.i18n.locale;
    const teamName = new Map(teams.map((t) => [t.id, t.name]));
    const sorted = [...members].sort((a, b) => a.teamId.localeCompare(b.teamId) || a.id.localeCompare(b.id));
    return html`<div class="scroll">
      <table part="members">
        <thead>
          <tr>
            <th scope="col">${m.colId}</th>
            <th scope="col">${m.colName}</th>
            <th scope="col">${m.colTeam}</th>
            <th scope="col">${m.colRole}</th>
            <th scope="col">${m.colJoined}</th>
            <th scope="col">${m.colLeft}</th>
            <th scope="col">${m.colPay}</th>
            <th scope="col">${m.colTargets}</th>
            ${this.canEdit ? html`<th scope="col"><span class="visually-hidden">${m.colActions}</span></th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${sorted.map(
            (p) =>
              html`<tr data-member=${p.id}>
                <td>${p.id}</td>
                <th scope="row">${p.name}</th>
                <td>${teamName.get(p.teamId) ?? p.teamId}</td>
                <td>${m.roles[p.role]}</td>
                <td>${p.joinedOn}</td>
                <td>${p.leftOn ?? ''}</td>
                <td data-pay>${payText(p.payFen, locale)}</td>
                <td data-targets>${targetText(p.targets, locale)}</td>
                ${this.editCell(m.editMemberLabel(p.name), (opener) => this.form.openMember(p, opener))}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}
