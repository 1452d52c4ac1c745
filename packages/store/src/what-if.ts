/**
 * The unpublished rulebook of a what-if (`score(…, { rulebook })`), checked and compiled: loaded by `score.ts`
 * only for a what-if, so a scorecard's scoring does not download the compiled program's shape checks.
 *
 * @module
 */
import type { Period } from '@rulecard/dsl';
import type { WhatIfRulebook } from './api.js';
import { compileSource } from './compiler.js';
import { StoreError } from './errors.js';
import { fieldError } from './field-reasons.js';
import { validateCompiled } from './rulebook-writes.js';
import { isDate, nowIso } from '@rulecard/dsl/calendar';
import type { CompiledRulebook, RulebookVersion } from './types.js';

/** Author of the unpublished version a what-if scores with. */
export const WHAT_IF_AUTHOR = 'what-if';

/**
 * The unpublished rulebook of a what-if as the next version of `rulebookId`
 * (number: the last published + 1), effective from `effectiveFrom` (default:
 * the period's first day): scored exactly as it would be once published.
 */
export async function draftVersion(
  rulebook: WhatIfRulebook,
  rulebookId: string,
  published: RulebookVersion[],
  period: Period,
): Promise<RulebookVersion> {
  if (typeof rulebook !== 'object' || rulebook === null) throw new StoreError('validation', { fields: [fieldError('rulebook', 'type')] });
  let compiled: CompiledRulebook;
  if ('source' in rulebook) {
    if (typeof rulebook.source !== 'string') throw new StoreError('validation', { fields: [fieldError('rulebook.source', 'type')] });
    compiled = await compileSource(rulebook.source, 'rulebook.source');
  } else {
    const errors = validateCompiled(rulebook.compiled, 'rulebook.compiled');
    if (errors.length) throw new StoreError('validation', { fields: errors });
    compiled = rulebook.compiled;
  }
  const effectiveFrom = rulebook.effectiveFrom ?? period.from;
  if (!isDate(effectiveFrom)) throw new StoreError('validation', { fields: [fieldError('rulebook.effectiveFrom', 'date')] });
  return {
    rulebookId,
    version: (published.at(-1)?.version ?? 0) + 1,
    source: 'source' in rulebook ? rulebook.source : '',
    compiled,
    author: WHAT_IF_AUTHOR,
    publishedAt: nowIso(),
    effectiveFrom,
  };
}
