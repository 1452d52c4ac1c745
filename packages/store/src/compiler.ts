/**
 * The rulebook compiler, loaded on demand: only publishing and a what-if of a
 * rulebook's source text need it (`import('@rulecard/dsl')` brings the parser),
 * so an element that only reads, writes and scores never downloads it.
 *
 * @module
 */
import type { CompiledRulebook, Diagnostic } from '@rulecard/dsl';
import { StoreError, fieldError } from './errors.js';

/**
 * `compile(source)` of `@rulecard/dsl`, or a `validation` StoreError whose
 * field `field` has reason `rulebook-errors` and whose `details.diagnostics`
 * lists the error diagnostics (stable `code`, zh-CN `message`, `range`).
 */
export async function compileSource(source: string, field = 'source'): Promise<CompiledRulebook> {
  const { compile } = await import('@rulecard/dsl');
  const { rulebook, diagnostics } = compile(source, { locale: 'zh-CN' });
  if (rulebook) return rulebook;
  const errors: Diagnostic[] = diagnostics.filter((d) => d.severity === 'error');
  throw new StoreError('validation', { fields: [fieldError(field, 'rulebook-errors')], details: { diagnostics: errors } });
}

/** JSON with object keys sorted and `undefined` members dropped: equal programs compare equal as text. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = canonical(v);
  }
  return out;
}

/** True when two compiled programs are the same program (whatever their key order). */
export function sameProgram(a: unknown, b: CompiledRulebook): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
