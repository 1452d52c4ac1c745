/**
 * The call-log form's edit conflict: the user's edit was refused because the
 * entry was saved meanwhile (another tab, another person). The edit stays in
 * the form; this view puts, field by field, what was saved meanwhile next to
 * what the user typed, and offers to apply the edit again on the newest
 * version or to discard it. Which fields each side changed is the store's
 * answer (the conflict's `details.yourFields` / `changedFields`). Loaded on
 * demand (with its strings in both languages) when a conflict happens.
 *
 * @example
 * ```ts
 * ${s.conflict ? conflictView(s.conflict, s.form, handlers, msg) : nothing}
 * ```
 */
import { html, type TemplateResult } from 'lit';
import type { Locale } from '../shared/i18n.js';
import type { CallLogForm, FormField } from './form.js';
import type { CallLogText } from './messages/index.js';

const zhCN = {
  summary: '您编辑期间该登记已被他人修改，本次修改未保存。您的修改仍在表单中：请对照下表，在最新内容上重新应用或放弃。',
  title: '与他人的修改对照',
  field: '字段',
  theirs: '他人已保存',
  mine: '您的修改',
  both: '双方都改了',
  theirsOnly: '他人修改（保留）',
  mineOnly: '您修改',
  reapply: '在最新内容上重新应用我的修改',
  discard: '放弃我的修改',
  discarded: '已放弃您的修改，表单中为最新内容',
};

const en: typeof zhCN = {
  summary:
    'Someone else changed this entry while you were editing it; your change was not saved. It is still in the form: compare it below, then apply it again on the latest version or discard it.',
  title: 'Your edit and the other change',
  field: 'Field',
  theirs: 'Saved meanwhile',
  mine: 'Your edit',
  both: 'Changed by both',
  theirsOnly: 'Changed by someone else (kept)',
  mineOnly: 'Changed by you',
  reapply: 'Apply my edit again on top',
  discard: 'Discard mine',
  discarded: 'Your edit was discarded; the form shows the latest version',
};

/** The conflict's strings in a locale. */
export const CONFLICT_TEXT: Record<Locale, typeof zhCN> = { 'zh-CN': zhCN, en };

/** An edit the store refused as a conflict, kept with the entry as it is now. */
export interface EditConflict {
  id: string;
  /** The newest revision of the entry and its values in the form's terms. */
  rev: number;
  theirs: CallLogForm;
  /** Form fields the user's edit changes, and those the others changed since the user loaded the entry. */
  yours: FormField[];
  others: FormField[];
}

/** What the conflict's buttons do: apply the kept edit again on top (`true`) or discard it (`false`). */
export type ConflictHandler = (reapply: boolean) => void;

/** `field` typed while the conflict shows: part of the user's edit too. */
export function typed(c: EditConflict, field: FormField): EditConflict {
  return c.yours.includes(field) ? c : { ...c, yours: [...c.yours, field] };
}

/** The form's fields in its order. */
const fieldsOf = (form: CallLogForm): FormField[] => Object.keys(form) as FormField[];

/**
 * The conflict of the edit `mine` (the form as submitted) with `latest` (the entry as it is now, `theirs` in the
 * form's terms), from the store's `details`: what the edit changes (`yourFields`; a store that does not say: every
 * field that differs) and what the others changed (`changedFields`). `fieldOf`: store field → form field.
 */
export function editConflict(
  latest: { id: string; rev: number },
  theirs: CallLogForm,
  details: Record<string, unknown>,
  mine: CallLogForm,
  fieldOf: (storeField: string) => FormField | undefined,
): EditConflict {
  const formFields = (v: unknown): FormField[] =>
    Array.isArray(v) ? [...new Set(v.flatMap((f) => (typeof f === 'string' ? (fieldOf(f) ?? []) : [])))] : [];
  return {
    id: latest.id,
    rev: latest.rev,
    theirs,
    yours: Array.isArray(details.yourFields) ? formFields(details.yourFields) : fieldsOf(theirs).filter((f) => theirs[f] !== mine[f]),
    others: formFields(details.changedFields),
  };
}

/** The edit applied again on the newest version: the user's fields over the entry as it is now. */
export function rebased(c: EditConflict, mine: CallLogForm): CallLogForm {
  const form: Record<FormField, unknown> = { ...c.theirs };
  for (const f of c.yours) form[f] = mine[f];
  return form as unknown as CallLogForm;
}

/** The fields to compare: changed by either side and different now, in the form's order. */
export function conflictRows(c: EditConflict, mine: CallLogForm): FormField[] {
  return fieldsOf(c.theirs).filter((f) => (c.yours.includes(f) || c.others.includes(f)) && c.theirs[f] !== mine[f]);
}

function valueText(form: CallLogForm, f: FormField, m: CallLogText): string {
  const v = form[f];
  if (typeof v === 'boolean') return v ? m.yes : m.no;
  if (v === '') return m.emptyValue;
  if (f === 'channel') return m.channels[v as keyof CallLogText['channels']] ?? v;
  // datetime-local values: 2026-11-05T10:00 → 2026-11-05 10:00
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) ? v.replace('T', ' ') : v;
}

export function conflictView(
  c: EditConflict,
  mine: CallLogForm,
  h: ConflictHandler,
  busy: boolean,
  m: CallLogText,
  locale: Locale,
): TemplateResult {
  const t = CONFLICT_TEXT[locale];
  const status = (f: FormField): string => (c.yours.includes(f) ? (c.others.includes(f) ? t.both : t.mineOnly) : t.theirsOnly);
  return html`<section class="conflict" part="conflict" aria-labelledby="conflict-title">
    <h3 id="conflict-title">${t.title}</h3>
    <table>
      <thead>
        <tr>
          <th scope="col">${t.field}</th>
          <th scope="col">${t.theirs}</th>
          <th scope="col">${t.mine}</th>
          <th scope="col"></th>
        </tr>
      </thead>
      <tbody>
        ${conflictRows(c, mine).map(
          (f) =>
            html`<tr data-field=${f}>
              <th scope="row">${f === 'surgeryFee' ? m.fields.surgeryFee : m.fields[f]}</th>
              <td class="theirs">${valueText(c.theirs, f, m)}</td>
              <td class="mine">${valueText(mine, f, m)}</td>
              <td class="status">${status(f)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <div class="actions">
      <button class="primary" type="button" data-action="reapply" ?disabled=${busy} @click=${() => h(true)}>${t.reapply}</button>
      <button type="button" data-action="discard" ?disabled=${busy} @click=${() => h(false)}>${t.discard}</button>
    </div>
  </section>`;
}
