/**
 * The roster's add/edit forms (a team; a person with role, dates, pay items
 * and targets) as a controller: what is typed, the field errors (the
 * element's own for amounts it cannot read, the store's for everything
 * else), saving through `putTeam` / `putMember`, and deleting a person or a
 * team added by mistake (`removeMember` / `removeTeam`). Focus moves into a
 * form when it opens and back to the button that opened it when it closes.
 *
 * @example
 * ```ts
 * private readonly form = new RosterForm(this);
 * html`<button @click=${(e) => this.form.openMember(undefined, e.currentTarget)}>…</button> ${this.form.render(teams, members)}`;
 * ```
 */
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { MemberInput, MemberRecord, Role, TeamInput, TeamRecord } from '@rulecard/store';
import { formatFen as fenText } from '@rulecard/dsl/money';
import { ROLES } from '../shared/context.js';
import { formatFen, parseYuanToFen } from '../shared/format.js';
import { errorText, storeErrorOf } from '../shared/store.js';
import type { RosterHost } from './host.js';

/** One pay item or target as typed: its name and its value (yuan for pay). */
export interface ItemRow {
  key: string;
  value: string;
}

interface TeamDraft {
  id: string;
  name: string;
  lead: string;
}

interface MemberDraft {
  id: string;
  name: string;
  teamId: string;
  role: Role | '';
  joinedOn: string;
  leftOn: string;
  pay: ItemRow[];
  targets: ItemRow[];
}

type Editing = { kind: 'team'; draft: TeamDraft; record?: TeamRecord } | { kind: 'member'; draft: MemberDraft; record?: MemberRecord };

/** Field path → message: `name`, `pay.0.value`, `targets.1.key`… */
type Errors = Record<string, string>;

/** A pay amount in fen as the form shows it: `1200.50` (no currency sign, no grouping: the field is typed in). */
function fenToField(fen: number): string {
  return fenText(fen);
}

export class RosterForm implements ReactiveController {
  private readonly host: RosterHost;
  editing: Editing | null = null;
  private errors: Errors = {};
  private summary = '';
  private busy = false;
  private confirmingRemove = false;
  /** The button that opened the form (focus returns there). */
  private opener?: HTMLElement;

  constructor(host: RosterHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  openTeam(record: TeamRecord | undefined, opener: EventTarget | null): void {
    this.open({ kind: 'team', record, draft: { id: record?.id ?? '', name: record?.name ?? '', lead: record?.lead ?? '' } }, opener);
  }

  openMember(record: MemberRecord | undefined, opener: EventTarget | null, teamId = ''): void {
    const rows = (map: Record<string, number> | undefined, pay: boolean): ItemRow[] =>
      Object.entries(map ?? {}).map(([key, v]) => ({ key, value: pay ? fenToField(v) : String(v) }));
    this.open(
      {
        kind: 'member',
        record,
        draft: {
          id: record?.id ?? '',
          name: record?.name ?? '',
          teamId: record?.teamId ?? teamId,
          role: record?.role ?? 'consultant',
          joinedOn: record?.joinedOn ?? '',
          leftOn: record?.leftOn ?? '',
          pay: rows(record?.payFen, true),
          targets: rows(record?.targets, false),
        },
      },
      opener,
    );
  }

  private async open(editing: Editing, opener: EventTarget | null): Promise<void> {
    this.editing = editing;
    this.errors = {};
    this.summary = '';
    this.confirmingRemove = false;
    this.opener = opener instanceof HTMLElement ? opener : undefined;
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>(editing.record ? '#rf-name' : '#rf-id')?.focus();
  }

  async close(): Promise<void> {
    this.editing = null;
    this.host.requestUpdate();
    await this.host.updateComplete;
    const back = this.opener?.isConnected ? this.opener : this.host.renderRoot.querySelector<HTMLElement>('[data-action="add-member"]');
    back?.focus();
  }

  private set(field: string, value: string): void {
    const e = this.editing;
    if (!e) return;
    const [list, index, part] = field.split('.');
    if (e.kind === 'member' && (list === 'pay' || list === 'targets')) {
      const rows = [...e.draft[list]];
      rows[Number(index)] = { ...rows[Number(index)], [part]: value };
      e.draft[list] = rows;
    } else (e.draft as unknown as Record<string, string>)[field] = value;
    if (this.errors[field]) this.errors = { ...this.errors, [field]: '' };
    this.host.requestUpdate();
  }

  private addRow(list: 'pay' | 'targets'): void {
    const e = this.editing;
    if (e?.kind !== 'member') return;
    e.draft[list] = [...e.draft[list], { key: '', value: '' }];
    this.host.requestUpdate();
    void this.host.updateComplete.then(() =>
      this.host.renderRoot.querySelector<HTMLElement>(`#rf-${list}-${(e.draft[list].length - 1).toString()}-key`)?.focus(),
    );
  }

  private removeRow(list: 'pay' | 'targets', index: number): void {
    const e = this.editing;
    if (e?.kind !== 'member') return;
    e.draft[list] = e.draft[list].filter((_, i) => i !== index);
    this.errors = {};
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>(`[data-add="${list}"]`)?.focus());
  }

  /** The rows as a map (fen for pay), or the errors of the rows this form can tell by itself. */
  private readRows(list: 'pay' | 'targets', rows: ItemRow[], errors: Errors): Record<string, number> | undefined {
    const m = this.host.i18n.msg.errors;
    const out: Record<string, number> = {};
    rows.forEach((row, i) => {
      const key = row.key.trim();
      const text = row.value.trim();
      if (!key && !text) return;
      if (!key) errors[`${list}.${i}.key`] = m.required;
      else if (key in out) errors[`${list}.${i}.key`] = m.duplicateItem;
      const value = list === 'pay' ? parseYuanToFen(text) : text === '' ? null : Number(text);
      if (value === null || Number.isNaN(value) || (list === 'pay' && value < 0))
        errors[`${list}.${i}.value`] = list === 'pay' ? m.amount : m.number;
      else if (key) out[key] = value;
    });
    return Object.keys(out).length ? out : undefined;
  }

  /** The store's field errors on this form's fields (`payFen.bonus` → the row of `bonus`). */
  private mapStoreFields(fields: { field: string; reason: string; message: { 'zh-CN': string; en: string } }[]): Errors {
    const e = this.editing;
    const locale = this.host.i18n.locale;
    const out: Errors = {};
    for (const f of fields) {
      const dot = f.field.indexOf('.');
      if (e?.kind === 'member' && dot > 0) {
        const list = f.field.slice(0, dot) === 'payFen' ? 'pay' : 'targets';
        const key = f.field.slice(dot + 1);
        const i = e.draft[list].findIndex((r) => r.key.trim() === key);
        out[`${list}.${Math.max(i, 0)}.${f.reason === 'roster-key' || f.reason === 'reserved-key' ? 'key' : 'value'}`] = f.message[locale];
      } else out[f.field] = f.message[locale];
    }
    return out;
  }

  private async save(ev: Event): Promise<void> {
    ev.preventDefault();
    const e = this.editing;
    const store = this.host.activeStore;
    const user = this.host.user;
    if (!e || !store || !user || this.busy) return;
    const m = this.host.i18n.msg;
    const errors: Errors = {};
    const check = { by: user.consultant, role: user.role, expectedRev: e.record?.rev };
    let input: TeamInput | MemberInput;
    if (e.kind === 'team') {
      input = { id: e.draft.id.trim(), name: e.draft.name };
      if (e.draft.lead) input.lead = e.draft.lead;
    } else {
      const d = e.draft;
      const member: MemberInput = { id: d.id.trim(), name: d.name, teamId: d.teamId, role: d.role as Role, joinedOn: d.joinedOn };
      if (d.leftOn) member.leftOn = d.leftOn;
      const payFen = this.readRows('pay', d.pay, errors);
      const targets = this.readRows('targets', d.targets, errors);
      if (payFen) member.payFen = payFen;
      if (targets) member.targets = targets;
      input = member;
    }
    if (Object.keys(errors).length) return this.showErrors(errors);
    this.busy = true;
    this.host.requestUpdate();
    try {
      const saved = e.kind === 'team' ? await store.putTeam(input as TeamInput, check) : await store.putMember(input as MemberInput, check);
      this.host.announce(e.kind === 'team' ? m.savedTeam(saved.name) : m.savedMember(saved.name));
      this.host.fire('rulecard-saved', { kind: e.kind, id: saved.id });
      await this.close();
    } catch (err) {
      const invalid = storeErrorOf(err, 'validation');
      if (invalid) await this.showErrors(this.mapStoreFields(invalid.fields));
      else {
        this.summary = errorText(err, this.host.i18n.locale);
        this.host.fire('rulecard-error', { kind: 'roster', message: this.summary });
      }
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  private async showErrors(errors: Errors): Promise<void> {
    this.errors = errors;
    this.summary = this.host.i18n.msg.errors.summary(Object.keys(errors).length);
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus();
  }

  private async remove(): Promise<void> {
    const e = this.editing;
    const store = this.host.activeStore;
    const user = this.host.user;
    if (!e?.record || !store || !user) return;
    const check = { by: user.consultant, role: user.role, expectedRev: e.record.rev };
    try {
      if (e.kind === 'team') await store.removeTeam(e.record.id, check);
      else await store.removeMember(e.record.id, check);
      this.host.announce(this.host.i18n.msg.removed(e.record.name));
      this.opener = undefined;
      await this.close();
    } catch (err) {
      this.confirmingRemove = false;
      this.summary = errorText(err, this.host.i18n.locale);
      this.host.requestUpdate();
      this.host.fire('rulecard-error', { kind: 'roster', message: this.summary });
    }
  }

  // ------------------------------------------------------------------ views

  render(teams: TeamRecord[], members: MemberRecord[]): TemplateResult | typeof nothing {
    const e = this.editing;
    if (!e) return nothing;
    const m = this.host.i18n.msg;
    const title =
      e.kind === 'team' ? (e.record ? m.editTeam(e.record.name) : m.newTeam) : e.record ? m.editMember(e.record.name) : m.newMember;
    return html`<form
      class="roster-form"
      part="form"
      novalidate
      aria-labelledby="rf-title"
      @submit=${(ev: Event) => void this.save(ev)}
      @keydown=${(ev: KeyboardEvent) => {
        if (ev.key === 'Escape') void this.close();
      }}
    >
      <h3 id="rf-title">${title}</h3>
      ${this.summary ? html`<p class="summary error" role="alert">${this.summary}</p>` : nothing}
      <div class="fields">
        ${e.kind === 'team' ? this.teamFields(e.draft, !!e.record, members) : this.memberFields(e.draft, !!e.record, teams)}
      </div>
      <div class="actions">
        <button type="submit" class="primary" part="save-button" ?disabled=${this.busy}>
          ${this.busy ? m.saving : e.kind === 'team' ? m.saveTeam : m.saveMember}
        </button>
        <button type="button" part="button" @click=${() => void this.close()}>${m.cancel}</button>
        <span class="grow"></span>
        ${e.record ? this.removeControls(e.kind === 'team' ? m.removeTeam : m.removeMember, e.record.name) : nothing}
      </div>
    </form>`;
  }

  private removeControls(label: string, name: string): TemplateResult {
    const m = this.host.i18n.msg;
    if (!this.confirmingRemove)
      return html`<button
        type="button"
        part="button"
        class="danger"
        @click=${() => {
          this.confirmingRemove = true;
          this.host.requestUpdate();
          void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>('#rf-remove-confirm')?.focus());
        }}
      >
        ${label}
      </button>`;
    return html`<span role="alert" class="confirm">${m.confirmRemove(name)}</span>
      <button type="button" part="button" class="danger" id="rf-remove-confirm" @click=${() => void this.remove()}>${label}</button>
      <button
        type="button"
        part="button"
        @click=${() => {
          this.confirmingRemove = false;
          this.host.requestUpdate();
        }}
      >
        ${m.cancel}
      </button>`;
  }

  /** A labelled control with its error (and hint) tied to it. */
  private field(
    name: string,
    label: string,
    control: (describedBy: string, invalid: boolean) => TemplateResult,
    hint = '',
    required = false,
  ): TemplateResult {
    const error = this.errors[name] ?? '';
    const describedBy = [hint ? `rf-${name}-hint` : '', `rf-${name}-error`].filter(Boolean).join(' ');
    return html`<div class="field" part="field">
      <label for="rf-${name}"
        >${label}${required ? html`<span class="req" aria-hidden="true"> *</span><span class="visually-hidden">${this.host.i18n.msg.requiredMark}</span>` : nothing}</label
      >
      ${control(describedBy, !!error)} ${hint ? html`<span class="hint muted" id="rf-${name}-hint">${hint}</span>` : nothing}
      <span class="field-error" part="error" id="rf-${name}-error">${error}</span>
    </div>`;
  }

  private input(name: string, value: string, type = 'text', disabled = false, required = false) {
    return (describedBy: string, invalid: boolean) =>
      html`<input
        id="rf-${name}"
        type=${type}
        .value=${value}
        ?disabled=${disabled}
        aria-required=${required ? 'true' : 'false'}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${describedBy}
        @input=${(ev: Event) => this.set(name, (ev.target as HTMLInputElement).value)}
      />`;
  }

  private select(name: string, value: string, options: { value: string; text: string }[], required = false) {
    return (describedBy: string, invalid: boolean) =>
      html`<select
        id="rf-${name}"
        aria-required=${required ? 'true' : 'false'}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${describedBy}
        @change=${(ev: Event) => this.set(name, (ev.target as HTMLSelectElement).value)}
      >
        ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.text}</option>`)}
      </select>`;
  }

  private teamFields(d: TeamDraft, existing: boolean, members: MemberRecord[]): TemplateResult {
    const m = this.host.i18n.msg;
    const leads = [{ value: '', text: m.chooseLead }, ...members.map((p) => ({ value: p.id, text: `${p.name} (${p.id})` }))];
    return html`${this.field('id', m.fieldId, this.input('id', d.id, 'text', existing, true), '', true)}
    ${this.field('name', m.fieldName, this.input('name', d.name, 'text', false, true), '', true)}
    ${this.field('lead', m.fieldLead, this.select('lead', d.lead, leads))}`;
  }

  private memberFields(d: MemberDraft, existing: boolean, teams: TeamRecord[]): TemplateResult {
    const m = this.host.i18n.msg;
    const teamOptions = [{ value: '', text: m.chooseTeam }, ...teams.map((t) => ({ value: t.id, text: t.name }))];
    const roleOptions = ROLES.map((r) => ({ value: r, text: m.roles[r] }));
    return html`${this.field('id', m.fieldMemberId, this.input('id', d.id, 'text', existing, true), existing ? '' : m.idHint, true)}
    ${this.field('name', m.fieldMemberName, this.input('name', d.name, 'text', false, true), '', true)}
    ${this.field('teamId', m.fieldTeam, this.select('teamId', d.teamId, teamOptions, true), '', true)}
    ${this.field('role', m.fieldRole, this.select('role', d.role, roleOptions, true), '', true)}
    ${this.field('joinedOn', m.fieldJoined, this.input('joinedOn', d.joinedOn, 'date', false, true), '', true)}
    ${this.field('leftOn', m.fieldLeft, this.input('leftOn', d.leftOn, 'date'), m.leftHint)}
    ${this.items('pay', m.payItems, m.payHint, m.itemAmount, m.addPay, d.pay)}
    ${this.items('targets', m.targets, m.targetsHint, m.itemValue, m.addTarget, d.targets)}`;
  }

  /** Pay items or targets: a row per item (name, value, remove), and a button that adds a row. */
  private items(
    list: 'pay' | 'targets',
    caption: string,
    hint: string,
    valueLabel: string,
    addLabel: string,
    rows: ItemRow[],
  ): TemplateResult {
    const m = this.host.i18n.msg;
    return html`<fieldset class="items wide" part="field">
      <legend>${caption}</legend>
      <p class="hint muted">${hint}</p>
      ${rows.map((row, i) => {
        const keyError = this.errors[`${list}.${i}.key`] ?? '';
        const valueError = this.errors[`${list}.${i}.value`] ?? '';
        return html`<div class="item-row" data-row=${`${list}-${i}`}>
          <label
            >${m.itemName}
            <input
              id="rf-${list}-${i}-key"
              .value=${row.key}
              aria-invalid=${keyError ? 'true' : 'false'}
              aria-describedby="rf-${list}-${i}-key-error"
              @input=${(ev: Event) => this.set(`${list}.${i}.key`, (ev.target as HTMLInputElement).value)}
          /></label>
          <label
            >${valueLabel}
            <input
              id="rf-${list}-${i}-value"
              inputmode="decimal"
              .value=${row.value}
              aria-invalid=${valueError ? 'true' : 'false'}
              aria-describedby="rf-${list}-${i}-value-error"
              @input=${(ev: Event) => this.set(`${list}.${i}.value`, (ev.target as HTMLInputElement).value)}
          /></label>
          <button type="button" part="button" aria-label=${m.removeItem(row.key)} @click=${() => this.removeRow(list, i)}>×</button>
          <span class="field-error" part="error" id="rf-${list}-${i}-key-error">${keyError}</span>
          <span class="field-error" part="error" id="rf-${list}-${i}-value-error">${valueError}</span>
        </div>`;
      })}
      <button type="button" part="button" data-add=${list} @click=${() => this.addRow(list)}>${addLabel}</button>
    </fieldset>`;
  }
}

/** Pay items of a person as the list shows them: `bonus ¥1,200.50 · base ¥3,500.00`. */
export function payText(payFen: Record<string, number> | undefined, locale: 'zh-CN' | 'en'): string {
  return Object.entries(payFen ?? {})
    .map(([k, fen]) => `${k} ${formatFen(fen, locale)}`)
    .join(' · ');
}

/** Targets as the list shows them: `visits 25 · sales 50,000`. */
export function targetText(targets: Record<string, number> | undefined, locale: 'zh-CN' | 'en'): string {
  const n = new Intl.NumberFormat(locale);
  return Object.entries(targets ?? {})
    .map(([k, v]) => `${k} ${n.format(v)}`)
    .join(' · ');
}
