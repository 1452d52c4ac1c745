/** The history's line diff (LCS) and its hunks. */
import { expect } from '@esm-bundle/chai';
import { diffLines, hunks, type DiffLine } from '../src/editor/line-diff.js';

function render(diff: DiffLine[]): string[] {
  return diff.map((l) => `${l.kind === 'same' ? ' ' : l.kind === 'added' ? '+' : '-'}${l.text}`);
}

/** Applying the diff to the old text gives the new one, and the kept lines give the old. */
function checkConsistent(oldText: string, newText: string): DiffLine[] {
  const diff = diffLines(oldText, newText);
  const split = (t: string) => (t === '' ? [] : t.split('\n'));
  expect(diff.filter((l) => l.kind !== 'added').map((l) => l.text)).to.deep.equal(split(oldText));
  expect(diff.filter((l) => l.kind !== 'removed').map((l) => l.text)).to.deep.equal(split(newText));
  for (const l of diff) {
    if (l.oldLine !== undefined) expect(split(oldText)[l.oldLine - 1]).to.equal(l.text);
    if (l.newLine !== undefined) expect(split(newText)[l.newLine - 1]).to.equal(l.text);
  }
  return diff;
}

describe('editor line diff', () => {
  it('marks a changed line as removed then added, between unchanged ones', () => {
    expect(render(checkConsistent('a\nb\nc', 'a\nB\nc'))).to.deep.equal([' a', '-b', '+B', ' c']);
  });

  it('handles additions and removals at either end and empty texts', () => {
    expect(render(checkConsistent('', 'x\ny'))).to.deep.equal(['+x', '+y']);
    expect(render(checkConsistent('x\ny', ''))).to.deep.equal(['-x', '-y']);
    expect(render(checkConsistent('b\nc', 'a\nb\nc\nd'))).to.deep.equal(['+a', ' b', ' c', '+d']);
    expect(checkConsistent('same\ntext', 'same\ntext').every((l) => l.kind === 'same')).to.equal(true);
  });

  it('finds a longest common subsequence (moved rule)', () => {
    const diff = checkConsistent('r1\nr2\nr3\nr4', 'r2\nr3\nr4\nr1');
    expect(diff.filter((l) => l.kind === 'same')).to.have.length(3);
  });

  it('is consistent on random edits of a long rulebook', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const base = Array.from({ length: 300 }, (_, i) => `rule_${i}: -${i % 9} per`);
    for (let round = 0; round < 20; round++) {
      const edited = base.slice();
      for (let k = 0; k < 10; k++) {
        const at = Math.floor(random() * edited.length);
        const op = random();
        if (op < 0.33) edited.splice(at, 1);
        else if (op < 0.66) edited.splice(at, 0, `new_${round}_${k}: +1 per`);
        else edited[at] = `${edited[at]} # changed`;
      }
      checkConsistent(base.join('\n'), edited.join('\n'));
    }
  });

  it('groups changes into hunks with context and counts hidden lines', () => {
    const old = Array.from({ length: 20 }, (_, i) => `l${i}`);
    const next = old.slice();
    next[2] = 'changed2';
    next[15] = 'changed15';
    const parts = hunks(diffLines(old.join('\n'), next.join('\n')), 2);
    expect(parts).to.have.length(2);
    expect(parts[0].skippedBefore).to.equal(0);
    expect(parts[0].lines.map((l) => l.text)).to.deep.equal(['l0', 'l1', 'l2', 'changed2', 'l3', 'l4']);
    expect(parts[1].skippedBefore).to.equal(8);
    expect(parts[1].lines.map((l) => l.text)).to.deep.equal(['l13', 'l14', 'l15', 'changed15', 'l16', 'l17']);
    expect(hunks(diffLines('a\nb', 'a\nb'))).to.deep.equal([]);
  });
});
