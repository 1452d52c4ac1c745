/**
 * Building diagnostics: ranges from offsets, and did-you-mean suggestions.
 */
import { message, type MessageCode } from './messages.js';
import type { Diagnostic, Fix, Locale, Position, Severity, SourceRange } from './types.js';

type Params = Record<string, string | number>;

/** Diagnostics kept for one file: beyond them a file is reported as `too-many-errors`. */
export const MAX_DIAGNOSTICS = 1000;

export class DiagnosticSink {
  readonly list: Diagnostic[] = [];
  constructor(readonly locale: Locale) {}

  /** `fixRange`: what the fix replaces when it is not the diagnostic's own range. */
  add(code: MessageCode, severity: Severity, at: SourceRange, params: Params = {}, replacement?: string, fixRange: SourceRange = at): void {
    if (severity === 'error') this.errors++;
    if (this.list.length >= MAX_DIAGNOSTICS) {
      // a file this broken: count what is left out, say where (compile reports `too-many-errors`)
      this.dropped ??= { start: { ...at.start }, end: { ...at.start } };
      return;
    }
    // ranges may come from cached ASTs that move later: keep a copy
    const range = { start: { ...at.start }, end: { ...at.end } };
    const d: Diagnostic = { code, severity, message: message(code, this.locale, params), range };
    if (replacement !== undefined) {
      const fix: Fix = {
        title: message('fix-replace', this.locale, { text: replacement }),
        range: { start: { ...fixRange.start }, end: { ...fixRange.end } },
        replacement,
      };
      d.fix = fix;
    }
    this.list.push(d);
  }

  /** Errors added through `add` (diagnostics pushed to `list` directly are not counted). */
  errors = 0;
  /** Where the first diagnostic left out (beyond `MAX_DIAGNOSTICS`) would have been. */
  dropped?: SourceRange;

  error(code: MessageCode, range: SourceRange, params?: Params, replacement?: string): void {
    this.add(code, 'error', range, params, replacement);
  }

  warning(code: MessageCode, range: SourceRange, params?: Params, replacement?: string): void {
    this.add(code, 'warning', range, params, replacement);
  }

  get hasErrors(): boolean {
    return this.list.some((d) => d.severity === 'error');
  }
}

/**
 * Maps offsets to 1-based line/column positions. Lines end at `\n`, `\r\n`
 * or a lone `\r` — exactly as the lexer counts them (Chevrotain's line
 * terminators) and as editors show them, so a position from a token and a
 * position from this map always agree (issue 14 item 16).
 */
export class LineMap {
  private readonly starts: number[] = [0];
  constructor(private readonly source: string) {
    for (let i = 0; i < source.length; i++) {
      const c = source.charCodeAt(i);
      if (c === 10 || (c === 13 && source.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.source.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo] + 1, offset: o };
  }

  range(start: number, end: number): SourceRange {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** The source between two offsets. */
  slice(start: number, end: number): string {
    return this.source.slice(start, end);
  }
}

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/**
 * Edit distance counting a swap of two neighbours as one edit (`pre` → `per`),
 * bounded: returns `max + 1` as soon as it is exceeded. Allocation-free.
 */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (b.length + 1 > rowA.length) {
    rowA = new Int32Array(b.length + 1);
    rowB = new Int32Array(b.length + 1);
    rowC = new Int32Array(b.length + 1);
  }
  let before = rowC; // the row before `prev`, for transpositions
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, before[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = before;
    before = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length];
}

/** The closest candidate within a distance that grows with the word's length, if any. */
export function closest(word: string, candidates: Iterable<string>, limit?: number): string | undefined {
  const max = limit ?? (word.length <= 3 ? 1 : word.length <= 6 ? 2 : 3);
  let best: string | undefined;
  let bestD = max + 1;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    if (c === word || Math.abs(c.length - word.length) > max) continue;
    const d = editDistance(lower, c.toLowerCase(), max);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}
