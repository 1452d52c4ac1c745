/** Types of corpus.mjs (plain JS over the built package, shared with scripts/grammar.mjs). */
import type { Diagnostic, Locale } from '../../src/index.js';

export const corpusDir: string;
export function rulesIn(dir: string): string[];
export function checkCorpusFile(
  file: string,
  locale?: Locale,
): { source: string; tolerated?: string; diagnostics: Diagnostic[]; statuses: string[]; format?: string };
