/**
 * A line diff between two rulebook texts: longest common subsequence of
 * lines, after trimming the common head and tail (a typical edit touches a
 * few rules of a long book, so the table that is filled stays small).
 *
 * @example
 * ```ts
 * diffLines('a\nb\nc', 'a\nB\nc');
 * // [{ kind: 'same', text: 'a', oldLine: 1, newLine: 1 },
 * //  { kind: 'removed', text: 'b', oldLine: 2 }, { kind: 'added', text: 'B', newLine: 2 },
 * //  { kind: 'same', text: 'c', oldLine: 3, newLine: 3 }]
 * ```
 */

export const DiffKind = { same: 'same', added: 'added', removed: 'removed' } as const;
export type DiffKind = (typeof DiffKind)[keyof typeof DiffKind];

export interface DiffLine {
  kind: DiffKind;
  text: string;
  /** 1-based line in the old text (`same`, `removed`). */
  oldLine?: number;
  /** 1-based line in the new text (`same`, `added`). */
  newLine?: number;
}

/**
 * Above this many table cells (old × new changed lines) the middle is shown
 * as removed-then-added instead of aligned: still correct, only coarser.
 */
const MAX_CELLS = 4_000_000;

export function diffLines(oldText: string, newText: string): DiffLine[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;

  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ kind: 'same', text: a[i], oldLine: i + 1, newLine: i + 1 });

  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const n = midA.length;
  const m = midB.length;
  if (n * m > MAX_CELLS) {
    midA.forEach((text, i) => out.push({ kind: 'removed', text, oldLine: head + i + 1 }));
    midB.forEach((text, j) => out.push({ kind: 'added', text, newLine: head + j + 1 }));
  } else {
    // lcs[i][j] = LCS length of midA[i..] and midB[j..], row-major in one array.
    const width = m + 1;
    const lcs = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] =
          midA[i] === midB[j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        out.push({ kind: 'same', text: midA[i], oldLine: head + i + 1, newLine: head + j + 1 });
        i++;
        j++;
      } else if (j >= m || (i < n && lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])) {
        out.push({ kind: 'removed', text: midA[i], oldLine: head + i + 1 });
        i++;
      } else {
        out.push({ kind: 'added', text: midB[j], newLine: head + j + 1 });
        j++;
      }
    }
  }

  for (let k = tail; k > 0; k--) {
    out.push({ kind: 'same', text: a[a.length - k], oldLine: a.length - k + 1, newLine: b.length - k + 1 });
  }
  return out;
}

function splitLines(text: string): string[] {
  return text === '' ? [] : text.replace(/\r\n?/g, '\n').split('\n');
}

/** A run of the diff to show: changed lines with `context` unchanged lines around them. */
export interface DiffHunk {
  lines: DiffLine[];
  /** Unchanged lines hidden before this hunk. */
  skippedBefore: number;
}

/** Groups a diff into hunks, hiding unchanged runs longer than 2 × `context`. */
export function hunks(diff: DiffLine[], context = 3): DiffHunk[] {
  const changed = diff.map((line) => line.kind !== 'same');
  const keep = diff.map((_, index) => {
    for (let k = Math.max(0, index - context); k <= Math.min(diff.length - 1, index + context); k++) {
      if (changed[k]) return true;
    }
    return false;
  });
  const result: DiffHunk[] = [];
  let skipped = 0;
  let current: DiffHunk | null = null;
  diff.forEach((line, index) => {
    if (!keep[index]) {
      skipped++;
      current = null;
      return;
    }
    if (!current) {
      current = { lines: [], skippedBefore: skipped };
      result.push(current);
      skipped = 0;
    }
    current.lines.push(line);
  });
  return result;
}
