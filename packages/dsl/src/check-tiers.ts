/**
 * The tier checks of the checker (`check.ts`): overlapping, unreachable and
 * missing tiers of a `tiers` rule.
 */
import type { ClauseAst, RuleAst } from './ast.js';
import type { DiagnosticSink } from './diagnostics.js';
import { interval } from './check.js';

/**
 * Overlapping, unreachable and missing tiers, in O(n log n) (issue 14 item 17:
 * 30,000 tiers took 20 s with a pairwise check). Tiers are painted in order on
 * a segment tree over their bounds; before painting a tier, the smallest
 * painted index in its interval is the first earlier tier it overlaps, and an
 * interval with nothing left unpainted is covered by the earlier tiers.
 */
export function checkTiers(rule: RuleAst, sink: DiagnosticSink): void {
  const tiers: { iv: [number, number]; n: number; clause: ClauseAst }[] = [];
  let hasElse = false;
  rule.clauses.forEach((clause, i) => {
    if (clause.test.kind === 'else') {
      hasElse = true;
      return;
    }
    const iv = interval(clause.test);
    if (iv && iv[0] <= iv[1]) tiers.push({ iv, n: i + 1, clause });
  });
  if (!tiers.length) return;
  // elementary segments [bounds[k], bounds[k + 1]) between every tier's low and high + 1
  const bounds = [...new Set(tiers.flatMap((t) => [t.iv[0], t.iv[1] + 1]))].sort((a, b) => a - b);
  const segment = (x: number) => {
    let lo = 0;
    let hi = bounds.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bounds[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const painted = new PaintTree(Math.max(1, bounds.length - 1));
  tiers.forEach((t, k) => {
    const from = segment(t.iv[0]);
    const to = segment(t.iv[1] + 1) - 1;
    const [first, last] = painted.query(from, to);
    if (first !== NONE) {
      const prev = tiers[first];
      if (last !== NONE) sink.warning('tier-unreachable', t.clause.range, { n: t.n });
      else sink.warning('tier-overlap', t.clause.test.range, { value: Math.max(prev.iv[0], t.iv[0]), a: prev.n, b: t.n });
    }
    painted.paint(from, to, k);
  });
  if (!hasElse) {
    const gap = firstGap(tiers.map((s) => s.iv));
    if (gap !== undefined) sink.warning('tier-gap', rule.tiers?.range ?? rule.idRange, { value: gap });
  }
}

const NONE = Number.MAX_SAFE_INTEGER;

/**
 * Segments painted with the index of the first tier covering them: `paint`
 * keeps the smaller index (a range chmin); `query` gives the smallest and the
 * largest index over a range (NONE when some segment is unpainted).
 */
class PaintTree {
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  private readonly tag: Float64Array;

  constructor(private readonly size: number) {
    this.min = new Float64Array(4 * size).fill(NONE);
    this.max = new Float64Array(4 * size).fill(NONE);
    this.tag = new Float64Array(4 * size).fill(NONE);
  }

  private apply(node: number, v: number): void {
    if (v < this.min[node]) this.min[node] = v;
    if (v < this.max[node]) this.max[node] = v;
    if (v < this.tag[node]) this.tag[node] = v;
  }

  private push(node: number): void {
    if (this.tag[node] === NONE) return;
    this.apply(2 * node, this.tag[node]);
    this.apply(2 * node + 1, this.tag[node]);
    this.tag[node] = NONE;
  }

  paint(from: number, to: number, v: number, node = 1, lo = 0, hi = this.size - 1): void {
    if (to < lo || hi < from) return;
    if (from <= lo && hi <= to) return this.apply(node, v);
    this.push(node);
    const mid = (lo + hi) >> 1;
    this.paint(from, to, v, 2 * node, lo, mid);
    this.paint(from, to, v, 2 * node + 1, mid + 1, hi);
    this.min[node] = Math.min(this.min[2 * node], this.min[2 * node + 1]);
    this.max[node] = Math.max(this.max[2 * node], this.max[2 * node + 1]);
  }

  query(from: number, to: number, node = 1, lo = 0, hi = this.size - 1): [min: number, max: number] {
    if (to < lo || hi < from) return [NONE, -1];
    if (from <= lo && hi <= to) return [this.min[node], this.max[node]];
    this.push(node);
    const mid = (lo + hi) >> 1;
    const a = this.query(from, to, 2 * node, lo, mid);
    const b = this.query(from, to, 2 * node + 1, mid + 1, hi);
    return [Math.min(a[0], b[0]), Math.max(a[1], b[1])];
  }
}

function firstGap(ivs: [number, number][]): number | undefined {
  let next = 0;
  for (const iv of [...ivs].sort((a, b) => a[0] - b[0])) {
    if (iv[0] > next) return next;
    next = Math.max(next, iv[1] + 1);
    if (next === Number.POSITIVE_INFINITY) return undefined;
  }
  return next === Number.POSITIVE_INFINITY ? undefined : next;
}
