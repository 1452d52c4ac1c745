/**
 * Publishing, withdrawing and drafting rulebook versions (see `rulebooks.ts` for which version is in effect),
 * and the shape checks of a compiled program. Loaded with the store's write methods, and by scoring for the
 * shape check: a page that only reads does not download it.
 *
 * @module
 */
import type { v2 } from '@rulecard/dsl';
import type { StoreAdapter, WriteOp } from './adapter.js';
import { isRecordId } from './call-log-rules.js';
import { compileSource, sameProgram } from './compiler.js';
import { StoreError, type FieldError } from './errors.js';
import { setupError } from './setup-reasons.js';
import { dateInZone, isDate, isInstant } from '@rulecard/dsl/calendar';
import { notFound } from './internal.js';
import { requireManager } from './actor.js';
import { DEFAULT_RULEBOOK, listVersions } from './rulebooks.js';
import type { Actor, PublishInput, RulebookDraft, RulebookVersion } from './types.js';

/** Longest version note or withdrawal reason. */
export const MAX_NOTE = 500;

/** The store's clock and zone: what "today" is when publishing or withdrawing. */
export interface RulebookClock {
  now: () => Date;
  timezone: string;
}

/** The compiled-program formats this store accepts: both versions of the language (the DSL's `v2.Format`). */
export const ACCEPTED_FORMATS: readonly v2.Format[] = ['rulecard/1', 'rulecard/2'];

/** Field errors of a compiled rulebook (shape only; the compiler already checked semantics). */
export function validateCompiled(compiled: unknown, field = 'compiled'): FieldError[] {
  if (typeof compiled !== 'object' || compiled === null) return [setupError(field, 'required')];
  const c = compiled as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (!ACCEPTED_FORMATS.includes(c.format as v2.Format)) errors.push(setupError(`${field}.format`, 'rulebook-format'));
  if (typeof c.pointFen !== 'number' || !Number.isInteger(c.pointFen)) errors.push(setupError(`${field}.pointFen`, 'type'));
  if (!['day', 'week', 'month'].includes(c.window as string)) errors.push(setupError(`${field}.window`, 'enum'));
  if (typeof c.timezone !== 'string') errors.push(setupError(`${field}.timezone`, 'type'));
  if (!Array.isArray(c.rules)) errors.push(setupError(`${field}.rules`, 'type'));
  return errors;
}

/** Field errors of a stored version (used by import). */
export function validateVersion(v: unknown): FieldError[] {
  if (typeof v !== 'object' || v === null) return [setupError('(record)', 'type')];
  const r = v as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (!isRecordId(r.rulebookId)) errors.push(setupError('rulebookId', 'id'));
  if (typeof r.version !== 'number' || !Number.isSafeInteger(r.version) || r.version < 1) errors.push(setupError('version', 'type'));
  if (typeof r.source !== 'string') errors.push(setupError('source', 'required'));
  if (typeof r.author !== 'string' || !r.author) errors.push(setupError('author', 'required'));
  if (!isInstant(r.publishedAt)) errors.push(setupError('publishedAt', 'instant'));
  if (!isDate(r.effectiveFrom)) errors.push(setupError('effectiveFrom', 'date'));
  if (r.note !== undefined && typeof r.note !== 'string') errors.push(setupError('note', 'type'));
  if (r.withdrawn !== undefined) {
    const w = r.withdrawn as Record<string, unknown> | null;
    const ok =
      typeof w === 'object' &&
      w !== null &&
      Object.keys(w).every((k) => k === 'at' || k === 'by' || k === 'reason') &&
      isInstant(w.at) &&
      typeof w.by === 'string' &&
      w.by !== '' &&
      typeof w.reason === 'string';
    if (!ok) errors.push(setupError('withdrawn', 'type'));
  }
  errors.push(...validateCompiled(r.compiled));
  return errors;
}

/**
 * Publish a new version: the store compiles `input.source` itself (the
 * compiler is loaded on demand) and stores its own program. A program the
 * client sent (`input.compiled`) is never stored; when it differs from the
 * store's compile the publication is refused (`validation`, field
 * `compiled`, reason `compiled-mismatch`): what was reviewed is what gets
 * published. A source with errors: `validation`, field `source`, reason
 * `rulebook-errors`, `details.diagnostics`.
 */
export async function publish(adapter: StoreAdapter, input: PublishInput, clock: RulebookClock): Promise<RulebookVersion> {
  if (typeof input !== 'object' || input === null) throw new StoreError('validation', { fields: [setupError('(record)', 'type')] });
  const rulebookId = input.rulebookId ?? DEFAULT_RULEBOOK;
  const errors: FieldError[] = [];
  if (!isRecordId(rulebookId)) errors.push(setupError('rulebookId', 'id'));
  if (typeof input.source !== 'string' || input.source.trim() === '') errors.push(setupError('source', 'required'));
  if (typeof input.author !== 'string' || input.author.trim() === '') errors.push(setupError('author', 'required'));
  const now = clock.now();
  if (!isDate(input.effectiveFrom))
    errors.push(setupError('effectiveFrom', input.effectiveFrom === undefined || input.effectiveFrom === '' ? 'required' : 'date'));
  else if (input.effectiveFrom < dateInZone(now, clock.timezone) && input.confirmPastDate !== true)
    errors.push(setupError('effectiveFrom', 'past-date'));
  if (input.confirmPastDate !== undefined && typeof input.confirmPastDate !== 'boolean') errors.push(setupError('confirmPastDate', 'type'));
  errors.push(...noteErrors('note', input.note));
  if (input.draftRev !== undefined && !Number.isSafeInteger(input.draftRev)) errors.push(setupError('draftRev', 'type'));
  const expected = input.expectedVersion;
  if (expected !== undefined && !(Number.isSafeInteger(expected) && expected >= 0)) errors.push(setupError('expectedVersion', 'type'));
  if (errors.length) throw new StoreError('validation', { fields: errors });
  const compiled = await compileSource(input.source);
  if (input.compiled !== undefined && !sameProgram(input.compiled, compiled)) {
    throw new StoreError('validation', { fields: [setupError('compiled', 'compiled-mismatch')] });
  }
  // The draft this publish completes goes with it, while it is still at `draftRev` (else it is newer: kept).
  let draftRev = input.draftRev;
  // Two managers publishing at once: the second `add` of the same number is a duplicate; retry with the next number
  // — unless the publish names the version it expects to follow (`expectedVersion`): then it is refused.
  for (let attempt = 0; ; attempt++) {
    const existing = await listVersions(adapter, rulebookId);
    const latest = existing.at(-1);
    if (expected !== undefined && (latest?.version ?? 0) !== expected) throw publishedMeanwhile(latest);
    const version: RulebookVersion = {
      rulebookId,
      version: (latest?.version ?? 0) + 1,
      source: input.source,
      compiled,
      author: input.author,
      publishedAt: now.toISOString(),
      effectiveFrom: input.effectiveFrom,
    };
    if (input.note?.trim()) version.note = input.note.trim();
    const ops: WriteOp[] = [{ kind: 'rulebookVersions', op: 'put', record: version, expectRev: null }];
    if (draftRev !== undefined) ops.push({ kind: 'drafts', op: 'delete', key: [rulebookId, input.author], expectRev: draftRev });
    try {
      await adapter.commit(ops);
      return version;
    } catch (e) {
      if (attempt >= 3) throw e;
      // The draft changed (or went) since the editor saved it: publish, keep the draft.
      if (e instanceof StoreError && (e.code === 'conflict' || e.code === 'not-found') && e.details.kind === 'drafts') draftRev = undefined;
      else if (!(e instanceof StoreError && e.code === 'duplicate')) throw e;
      // The number after the expected one was taken in between (the add failed in the version's own transaction).
      else if (expected !== undefined) throw publishedMeanwhile((await listVersions(adapter, rulebookId)).at(-1));
    }
  }
}

/** The refusal of a publish that expected another latest version: says which version was published meanwhile. */
function publishedMeanwhile(latest: RulebookVersion | undefined): StoreError {
  const texts = latest && {
    'zh-CN': `已有人发布了第 ${latest.version} 版（${latest.effectiveFrom} 起生效），本次未发布：请先查看该版本再发布。`,
    en: `Version ${latest.version} (effective ${latest.effectiveFrom}) was published meanwhile; nothing was published. Review it, then publish again.`,
  };
  return new StoreError('conflict', { texts, details: { kind: 'rulebookVersions', current: latest } });
}

function noteErrors(field: string, note: unknown, required = false): FieldError[] {
  if (note === undefined || note === '') return required ? [setupError(field, 'required')] : [];
  if (typeof note !== 'string') return [setupError(field, 'type')];
  if (required && note.trim() === '') return [setupError(field, 'required')];
  return note.length > MAX_NOTE ? [setupError(field, 'too-long')] : [];
}

/**
 * Withdraw a published version that is not in effect yet (its effective
 * date is after today in the store's zone): it stays in the history with
 * who withdrew it, when and why, and is never in effect. A version already
 * in effect (today or earlier): `validation`, `version`/`in-effect` —
 * publish a new version instead. Withdrawn before: `validation`,
 * `version`/`withdrawn`. Only a manager (when the actor names a role).
 */
export async function withdraw(
  adapter: StoreAdapter,
  rulebookId: string,
  version: number,
  input: { reason: string },
  actor: Actor,
  clock: RulebookClock,
): Promise<RulebookVersion> {
  requireManager(actor);
  const errors: FieldError[] = [];
  if (typeof actor !== 'object' || actor === null || typeof actor.by !== 'string' || !actor.by.trim())
    errors.push(setupError('by', 'required'));
  errors.push(...noteErrors('reason', (input as { reason?: unknown } | null)?.reason, true));
  if (errors.length) throw new StoreError('validation', { fields: errors });
  const current = await adapter.get('rulebookVersions', [rulebookId, version]);
  if (!current) throw notFound('rulebookVersions', `${rulebookId}@${version}`);
  if (current.withdrawn) throw new StoreError('validation', { fields: [setupError('version', 'withdrawn')] });
  const now = clock.now();
  if (current.effectiveFrom <= dateInZone(now, clock.timezone))
    throw new StoreError('validation', { fields: [setupError('version', 'in-effect')] });
  const record: RulebookVersion = { ...current, withdrawn: { at: now.toISOString(), by: actor.by, reason: input.reason.trim() } };
  await adapter.commit([{ kind: 'rulebookVersions', op: 'put', record }]);
  return record;
}

export async function saveDraft(
  adapter: StoreAdapter,
  draft: { rulebookId?: string; editor: string; source: string; effectiveFrom?: string; expectedRev?: number },
): Promise<RulebookDraft> {
  const rulebookId = draft.rulebookId ?? DEFAULT_RULEBOOK;
  const errors: FieldError[] = [];
  if (!isRecordId(rulebookId)) errors.push(setupError('rulebookId', 'id'));
  if (typeof draft.editor !== 'string' || !draft.editor) errors.push(setupError('editor', 'required'));
  if (typeof draft.source !== 'string') errors.push(setupError('source', 'type'));
  if (draft.effectiveFrom !== undefined && !isDate(draft.effectiveFrom)) errors.push(setupError('effectiveFrom', 'date'));
  if (errors.length) throw new StoreError('validation', { fields: errors });
  const record: RulebookDraft = {
    rulebookId,
    editor: draft.editor,
    source: draft.source,
    updatedAt: new Date().toISOString(),
    rev: (draft.expectedRev ?? 0) + 1,
  };
  if (draft.effectiveFrom) record.effectiveFrom = draft.effectiveFrom;
  try {
    await adapter.commit([{ kind: 'drafts', op: 'put', record, expectRev: draft.expectedRev === undefined ? null : draft.expectedRev }]);
  } catch (e) {
    // Another tab of the same editor saved first: tell this one, never overwrite.
    if (e instanceof StoreError && e.code === 'duplicate') {
      throw new StoreError('conflict', { details: { kind: 'drafts', current: await adapter.get('drafts', [rulebookId, draft.editor]) } });
    }
    throw e;
  }
  return record;
}
