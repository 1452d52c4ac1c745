// The example rulebooks (examples/rulebooks/): the Chinese-keyword and English-keyword clinic books are one program —
// the same rules, event types, conditions, numbers and settings — apart from labels, source text and source ranges.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const read = (file: string) => readFileSync(path.join(root, 'examples/rulebooks', file), 'utf8');

/** The program without what may differ between the two languages. */
function meaning(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(meaning);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (!['label', 'text', 'range', 'title'].includes(key)) out[key] = meaning(v);
  return out;
}

describe('examples/rulebooks', () => {
  it('clinic.rules and clinic-en.rules compile (version 2) to the same program apart from labels and text', () => {
    const zh = compile(read('clinic.rules'), { version: 2 });
    const en = compile(read('clinic-en.rules'), { version: 2, locale: 'en' });
    expect(zh.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(en.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(zh.rulebook?.format).toBe('rulecard/2');
    expect(meaning(en.rulebook)).toEqual(meaning(zh.rulebook));
    expect(meaning(en.examples.map((e) => ({ ...e, name: '' })))).toEqual(meaning(zh.examples.map((e) => ({ ...e, name: '' }))));
  });

  it('every rule of center.rules stands under a comment quoting the seed (rules of one sentence share it)', () => {
    const source = read('center.rules');
    const { rulebook, diagnostics } = compile(source, { version: 2 });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const lines = source.split('\n');
    for (const rule of rulebook!.rules) {
      let n = rule.range.start.line - 2; // the line above the rule (0-based); other rules of the same sentence may stand between
      while (n >= 0 && lines[n].trim() !== '' && !lines[n].startsWith('#')) n--;
      expect(lines[n]?.startsWith('#'), `${rule.id} has a comment above it`).toBe(true);
    }
  });
});
