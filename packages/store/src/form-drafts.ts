/**
 * Form drafts: what a form instance (a call-log form in one tab) has typed
 * and not saved, kept through the store's adapter like every other record
 * (so they live wherever the store lives). One draft per form instance: the
 * instance chooses the id, so two tabs never overwrite, or delete, each
 * other's draft. The save of the record deletes its draft in the same
 * transaction (`createCallLog(…, { draftId })`).
 *
 * A draft save that does not fit in the browser's storage fails with
 * `quota-exceeded` and writes nothing: the draft saved before is kept.
 *
 * @module
 */
import { isRecordId } from './call-log-rules.js';
import { StoreError, type FieldError } from './errors.js';
import { fieldError } from './field-reasons.js';
import { type StoreCore } from './internal.js';
import { requireActor } from './actor.js';
import { nowIso } from '@rulecard/dsl/calendar';
import type { Actor, FormDraft, FormDraftInput, JsonValue } from './types.js';

/** The largest draft value, as JSON text (a form is a few KB). */
export const MAX_DRAFT_CHARS = 200_000;

/** Field errors of a draft, as saved or as imported. */
export function validateFormDraft(r: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  if (!isRecordId(r.id)) errors.push(fieldError('id', r.id === undefined ? 'required' : 'id'));
  if (!isRecordId(r.form)) errors.push(fieldError('form', r.form === undefined || r.form === '' ? 'required' : 'id'));
  let text: string | undefined;
  try {
    text = JSON.stringify(r.value);
  } catch {
    text = undefined;
  }
  if (text === undefined) errors.push(fieldError('value', 'type'));
  else if (text.length > MAX_DRAFT_CHARS) errors.push(fieldError('value', 'too-long'));
  if (r.target !== undefined) {
    const t = r.target as { id?: unknown; rev?: unknown } | null;
    if (typeof t !== 'object' || t === null || !isRecordId(t.id) || !Number.isSafeInteger(t.rev)) errors.push(fieldError('target', 'type'));
  }
  return errors;
}

/** Save (create or replace) the draft `input.id` of the actor. */
export async function saveFormDraft(core: StoreCore, input: FormDraftInput, actor: Actor): Promise<FormDraft> {
  requireActor(actor);
  if (typeof input !== 'object' || input === null) throw new StoreError('validation', { fields: [fieldError('(record)', 'type')] });
  const errors = validateFormDraft(input as unknown as Record<string, unknown>);
  if (errors.length) throw new StoreError('validation', { fields: errors });
  const draft: FormDraft = {
    id: input.id,
    form: input.form,
    owner: actor.by,
    // A copy made of JSON: what is stored is exactly what a reload gets back.
    value: JSON.parse(JSON.stringify(input.value)) as JsonValue,
    savedAt: nowIso(),
  };
  if (input.target) draft.target = { id: input.target.id, rev: input.target.rev };
  await core.adapter.commit([{ kind: 'formDrafts', op: 'put', record: draft }]);
  return draft;
}

export function getFormDraft(core: StoreCore, id: string): Promise<FormDraft | undefined> {
  return core.adapter.get('formDrafts', id);
}

/** The drafts of one user (of one form), oldest save first: drafts left by closed tabs, to offer or discard. */
export async function listFormDrafts(core: StoreCore, owner: string, form?: string): Promise<FormDraft[]> {
  const drafts = form
    ? await core.adapter.query('formDrafts', { index: 'by-owner-form', only: [owner, form] })
    : await core.adapter.query('formDrafts', { index: 'by-owner-form', lower: [owner, ''], upper: [owner, '\uffff'] });
  return drafts.sort((a, b) => (a.savedAt < b.savedAt ? -1 : a.savedAt > b.savedAt ? 1 : a.id < b.id ? -1 : 1));
}

/** Discard a draft (nothing happens when there is none). */
export async function deleteFormDraft(core: StoreCore, id: string, actor: Actor): Promise<void> {
  requireActor(actor);
  if (!isRecordId(id)) throw new StoreError('validation', { fields: [fieldError('id', 'id')] });
  await core.adapter.commit([{ kind: 'formDrafts', op: 'delete', key: id }]);
}
