/**
 * The rulebook compiler, loaded on demand: only publishing and a what-if of a
 * rulebook's source text need it (`import('@rulecard/dsl')` brings the parser),
 * so an element that only reads, writes and scores never downloads it.
 *
 * @module
 */
import type { Diagnostic, v2 } from '@rulecard/dsl';
import { StoreError } from './errors.js';
import { fieldError } from './field-reasons.js';

/**
 * The program of a rulebook's source as `rulecard check` sees it (the whole
 * language, version 2 included, and the rulebook's own `example` blocks run):
 * the compiled program, or a `validation` StoreError whose field `field` has
 * reason `rulebook-errors` and whose `details.diagnostics` lists the error
 * diagnostics (stable `code`, zh-CN `message`, `range`) — a failing example
 * (`example-failed`) among them: a rulebook whose own examples fail is not
 * published.
 */
export async function compileSource(source: string, field = 'source'): Promise<v2.CompiledRulebook> {
  const { checkRulebook } = await import('@rulecard/dsl');
  const { compiled, diagnostics } = checkRulebook(source, { locale: 'zh-CN' });
  const errors: Diagnostic[] = diagnostics.filter((d) => d.severity === 'error');
  if (compiled.rulebook && !errors.length) return compiled.rulebook;
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
export function sameProgram(a: unknown, b: v2.CompiledRulebook): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
