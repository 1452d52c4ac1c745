/**
 * Rulebook versions (immutable, numbered, with an effective date) and
 * editors' autosaved drafts; which version is in effect on which day.
 *
 * Rule: on a day `d`, the version in effect is the *highest version number*
 * whose `effectiveFrom` is on or before `d` — a later publication supersedes
 * earlier ones from its effective date on, even if it is backdated.
 *
 * @module
 */
import type { RULEBOOK_FORMAT } from '@rulecard/dsl';
import type { StoreAdapter } from './adapter.js';
import { isRecordId } from './call-log-rules.js';
import { compileSource, sameProgram } from './compiler.js';
import { StoreError, fieldError, type FieldError } from './errors.js';
import { addDays, isDate, nowIso } from './time.js';
import type { PublishInput, RulebookDraft, RulebookVersion } from './types.js';

/** The compiled-program format this store accepts (mirrors the DSL's `RULEBOOK_FORMAT`). */
export const ACCEPTED_FORMAT: typeof RULEBOOK_FORMAT = 'rulecard/1';

export const DEFAULT_RULEBOOK = 'default';

/** Field errors of a compiled rulebook (shape only; the compiler already checked semantics). */
export function validateCompiled(compiled: unknown, field = 'compiled'): FieldError[] {
  if (typeof compiled !== 'object' || compiled === null) return [fieldError(field, 'required')];
  const c = compiled as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (c.format !== ACCEPTED_FORMAT) errors.push(fieldError(`${field}.format`, 'rulebook-format'));
  if (typeof c.pointFen !== 'number' || !Number.isInteger(c.pointFen)) errors.push(fieldError(`${field}.pointFen`, 'type'));
  if (!['day', 'week', 'month'].includes(c.window as string)) errors.push(fieldError(`${field}.window`, 'enum'));
  if (typeof c.timezone !== 'string') errors.push(fieldError(`${field}.timezone`, 'type'));
  if (!Array.isArray(c.rules)) errors.push(fieldError(`${field}.rules`, 'type'));
  return errors;
}

/** Field errors of a stored version (used by import). */
export function validateVersion(v: unknown): FieldError[] {
  if (typeof v !== 'object' || v === null) return [fieldError('(record)', 'type')];
  const r = v as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (!isRecordId(r.rulebookId)) errors.push(fieldError('rulebookId', 'id'));
  if (typeof r.version !== 'number' || !Number.isSafeInteger(r.version) || r.version < 1) errors.push(fieldError('version', 'type'));
  if (typeof r.source !== 'string') errors.push(fieldError('source', 'required'));
  if (typeof r.author !== 'string' || !r.author) errors.push(fieldError('author', 'required'));
  if (typeof r.publishedAt !== 'string' || Number.isNaN(Date.parse(r.publishedAt))) errors.push(fieldError('publishedAt', 'instant'));
  if (!isDate(r.effectiveFrom)) errors.push(fieldError('effectiveFrom', 'date'));
  if (r.note !== undefined && typeof r.note !== 'string') errors.push(fieldError('note', 'type'));
  errors.push(...validateCompiled(r.compiled));
  return errors;
}

export async function listVersions(adapter: StoreAdapter, rulebookId: string): Promise<RulebookVersion[]> {
  return adapter.query('rulebookVersions', { lower: [rulebookId, 0], upper: [rulebookId, Number.MAX_SAFE_INTEGER] });
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
export async function publish(adapter: StoreAdapter, input: PublishInput): Promise<RulebookVersion> {
  if (typeof input !== 'object' || input === null) throw new StoreError('validation', { fields: [fieldError('(record)', 'type')] });
  const rulebookId = input.rulebookId ?? DEFAULT_RULEBOOK;
  const errors: FieldError[] = [];
  if (!isRecordId(rulebookId)) errors.push(fieldError('rulebookId', 'id'));
  if (typeof input.source !== 'string' || input.source.trim() === '') errors.push(fieldError('source', 'required'));
  if (typeof input.author !== 'string' || input.author.trim() === '') errors.push(fieldError('author', 'required'));
  if (!isDate(input.effectiveFrom)) errors.push(fieldError('effectiveFrom', 'date'));
  if (input.note !== undefined && typeof input.note !== 'string') errors.push(fieldError('note', 'type'));
  if (errors.length) throw new StoreError('validation', { fields: errors });
  const compiled = await compileSource(input.source);
  if (input.compiled !== undefined && !sameProgram(input.compiled, compiled)) {
    throw new StoreError('validation', { fields: [fieldError('compiled', 'compiled-mismatch')] });
  }
  // Two managers publishing at once: the second `add` of the same number is a duplicate; retry with the next number.
  for (let attempt = 0; ; attempt++) {
    const existing = await listVersions(adapter, rulebookId);
    const version: RulebookVersion = {
      rulebookId,
      version: (existing.at(-1)?.version ?? 0) + 1,
      source: input.source,
      compiled,
      author: input.author,
      publishedAt: nowIso(),
      effectiveFrom: input.effectiveFrom,
    };
    if (input.note) version.note = input.note;
    try {
      await adapter.commit([{ kind: 'rulebookVersions', op: 'put', record: version, expectRev: null }]);
      return version;
    } catch (e) {
      if (!(e instanceof StoreError && e.code === 'duplicate') || attempt >= 3) throw e;
    }
  }
}

/** The version in effect on `day` (see module doc). */
export function inEffect(versions: RulebookVersion[], day: string): RulebookVersion | undefined {
  let best: RulebookVersion | undefined;
  for (const v of versions) if (v.effectiveFrom <= day && (!best || v.version > best.version)) best = v;
  return best;
}

/** Consecutive day ranges of `[from, to]` and the version in effect on each (`null`: none). */
export function timeline(
  versions: RulebookVersion[],
  from: string,
  to: string,
): { version: RulebookVersion | null; from: string; to: string }[] {
  // Change points: effective dates inside the period.
  const points = [...new Set(versions.map((v) => v.effectiveFrom).filter((d) => d > from && d <= to))].sort();
  const starts = [from, ...points];
  const out: { version: RulebookVersion | null; from: string; to: string }[] = [];
  for (let i = 0; i < starts.length; i++) {
    const segFrom = starts[i];
    const segTo = i + 1 < starts.length ? addDays(starts[i + 1], -1) : to;
    const v = inEffect(versions, segFrom) ?? null;
    const last = out.at(-1);
    if (last && last.version === v) last.to = segTo;
    else out.push({ version: v, from: segFrom, to: segTo });
  }
  return out;
}

export async function saveDraft(
  adapter: StoreAdapter,
  draft: { rulebookId?: string; editor: string; source: string; effectiveFrom?: string; expectedRev?: number },
): Promise<RulebookDraft> {
  const rulebookId = draft.rulebookId ?? DEFAULT_RULEBOOK;
  const errors: FieldError[] = [];
  if (!isRecordId(rulebookId)) errors.push(fieldError('rulebookId', 'id'));
  if (typeof draft.editor !== 'string' || !draft.editor) errors.push(fieldError('editor', 'required'));
  if (typeof draft.source !== 'string') errors.push(fieldError('source', 'type'));
  if (draft.effectiveFrom !== undefined && !isDate(draft.effectiveFrom)) errors.push(fieldError('effectiveFrom', 'date'));
  if (errors.length) throw new StoreError('validation', { fields: errors });
  const record: RulebookDraft = {
    rulebookId,
    editor: draft.editor,
    source: draft.source,
    updatedAt: nowIso(),
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
