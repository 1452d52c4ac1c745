// The grammar corpus (grammar/corpus/): reading a file with its directives
// and checking it as `rulecard check` does. Shared by corpus.test.ts and
// scripts/grammar.mjs (which quotes each code's corpus message in KEYWORDS.md).
//
// Directives in a file's leading comments: `# corpus: version 1` compiles with
// the default (version-1) compiler; `# corpus: roster FILE.json` checks with
// that roster (as `rulecard check --roster`); `# corpus: with CODE` tolerates a
// second code that the file's code cannot come without.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../../dist/compile.js';
import { checkRulebook } from '../../dist/examples.js';

export const corpusDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../grammar/corpus');

/** The `.rules` files of a corpus folder (`valid`, or `invalid/<code>`), sorted. */
export function rulesIn(dir) {
  return readdirSync(path.join(corpusDir, dir))
    .filter((f) => f.endsWith('.rules'))
    .sort();
}

/** Checks a corpus file; `tolerated` is its `# corpus: with` code, if any. */
export function checkCorpusFile(file, locale = 'en') {
  const source = readFileSync(file, 'utf8');
  const tolerated = /^# corpus: with (\S+)/m.exec(source)?.[1];
  const rosterName = /^# corpus: roster (\S+)/m.exec(source)?.[1];
  const roster = rosterName ? JSON.parse(readFileSync(path.join(path.dirname(file), rosterName), 'utf8')) : undefined;
  if (/^# corpus: version 1$/m.test(source))
    return { source, tolerated, diagnostics: compile(source, { locale }).diagnostics, statuses: [] };
  const r = checkRulebook(source, { locale, roster });
  return {
    source,
    tolerated,
    diagnostics: r.diagnostics,
    statuses: r.run?.results.map((x) => x.status) ?? [],
    format: r.compiled.rulebook?.format,
  };
}
