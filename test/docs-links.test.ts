// Issue 12 problem 9: every link between the repository's documents works. Each Markdown file the repository
// tracks (and the embedding examples' HTML) is read for its links — `[text](path)`, `![alt](path)`, `href="…"`,
// `src="…"` — and for relative paths written as code (`../x/y.md`); each must name a file or folder inside the
// repository that exists (anchors and queries aside; a vite page's public/ folder counts as its root). Web
// addresses are not fetched.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const documents = execFileSync('git', ['ls-files', '*.md', 'examples/*/index.html'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f && !f.includes('node_modules/'));

/** The local targets a document names: Markdown links and images, HTML href/src, relative paths in code spans. */
export function localTargets(text: string): string[] {
  const found: string[] = [];
  const prose = text.replace(/^\s*```[\s\S]*?^\s*```/gm, ''); // code blocks show commands and snippets, not links
  for (const m of prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) found.push(m[1]);
  for (const m of text.matchAll(/\b(?:href|src)="([^"]+)"/g)) found.push(m[1]);
  for (const m of prose.matchAll(/`(\.\.?\/[^`\s]+)`/g)) found.push(m[1]);
  return found.filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('#') && !t.startsWith('/') && !t.startsWith('data:'));
}

describe('links inside the repository', () => {
  it('finds the documents', () => {
    expect(documents).toContain('README.md');
    expect(documents).toContain('grammar/README.md');
  });

  it('every local link of every document names a file inside the repository that exists', () => {
    const broken: string[] = [];
    for (const doc of documents) {
      const text = readFileSync(path.join(root, doc), 'utf8');
      for (const target of localTargets(text)) {
        const file = path.resolve(path.dirname(path.join(root, doc)), decodeURIComponent(target.replace(/[#?].*$/, '')));
        const inside = file === root || file.startsWith(root + path.sep);
        if (!inside) broken.push(`${doc}: ${target} (outside the repository)`);
        // A vite page (the demo portal) also serves its public/ folder at its root.
        else if (!existsSync(file) && !existsSync(path.join(path.dirname(path.join(root, doc)), 'public', target)))
          broken.push(`${doc}: ${target} (no such file)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("the README's embed guide loads one module per element, not the single bundle", () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const guide = readme.slice(readme.indexOf('## Embed it'), readme.indexOf('## The language'));
    const blocks = [...guide.matchAll(/^\s*```html\n([\s\S]*?)^\s*```/gm)].map((m) => m[1]);
    const scripts = blocks.flatMap((b) => [...b.matchAll(/<script type="module" src="([^"]+)"/g)].map((m) => m[1]));
    expect(scripts).toEqual(['/rulecard/call-log.js', '/rulecard/scorecard.js']);
    expect(guide).toContain('packages/elements/dist/');
    expect(guide).toContain('<rulecard-roster');
  });

  it('reads links the way a Markdown reader does', () => {
    expect(localTargets('[a](docs/x.md#part) ![b](../img.png) [c](https://example.com) `../../shared/x.md` <a href="y.html">')).toEqual([
      'docs/x.md#part',
      '../img.png',
      'y.html',
      '../../shared/x.md',
    ]);
  });
});
