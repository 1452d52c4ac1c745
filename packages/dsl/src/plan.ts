/**
 * What a compiled program needs of an evaluator: the version-2 features it
 * uses, and the order its rules run in (LANGUAGE.md §9.10, §9.15 "Gate
 * cycles"). Shared by the compiler (`gate-cycle`, the format tag), the CLI
 * and the evaluator, so there is one definition of each.
 */
import type { CompiledRule, CompiledRulebook } from './program.js';

/** A version-2 feature a program uses, and in which rule (absent: a setting). */
export interface FeatureUse {
  feature: Feature;
  rule?: number;
}

/** Stable names of the version-2 features (LANGUAGE.md §9). */
export type Feature =
  | 'lead'
  | 'for'
  | 'every'
  | 'grace'
  | 'pay'
  | 'workdays'
  | 'quarter'
  | 'year'
  | 'ever'
  | 'running'
  | 'several-types'
  | 'sum'
  | 'avg'
  | 'awards'
  | 'target'
  | 'ratio-filter'
  | 'unless'
  | 'rank-measure'
  | 'rank-by-team'
  | 'top';

/** Every version-2 feature the program uses, in source order; empty for a version-1 program. */
export function featuresOf(program: CompiledRulebook): FeatureUse[] {
  const out: FeatureUse[] = [];
  const add = (feature: Feature, rule?: number) => {
    if (!out.some((u) => u.feature === feature && u.rule === rule)) out.push(rule === undefined ? { feature } : { feature, rule });
  };
  if (program.window === 'quarter' || program.window === 'year') add(program.window);
  if (program.pay?.length) add('pay');
  if (program.workdays !== undefined) add('workdays');
  if (program.graceMonths !== undefined) add('grace');
  program.rules.forEach((rule, i) => {
    if (rule.for?.length) add('for', i);
    if (rule.unless?.length) add('unless', i);
    if (rule.eventTypes && rule.eventTypes.length > 1) add('several-types', i);
    const m = rule.measure;
    if (m.kind === 'sum' || m.kind === 'avg' || m.kind === 'every') add(m.kind, i);
    if (m.kind === 'ledger' && m.quantity === 'awards') add('awards', i);
    if (m.kind === 'ratio' && (m.numeratorWhere?.length || m.denominatorWhere?.length)) add('ratio-filter', i);
    if (m.kind === 'rank' && m.by !== 'count' && m.by !== 'points') add('rank-measure', i);
    if (m.kind === 'rank' && m.byTeam) add('rank-by-team', i);
    for (const e of rule.effects) {
      if (e.target === 'lead') add('lead', i);
      if (e.kind === 'pay') add('pay', i);
    }
    for (const c of rule.clauses) {
      if (c.window === 'quarter' || c.window === 'year' || c.window === 'ever') add(c.window, i);
      if (c.running !== undefined) add('running', i);
      if (c.test.kind === 'target') add('target', i);
      for (const e of c.effects) {
        if (e.target === 'lead') add('lead', i);
        if (e.kind === 'pay') add('pay', i);
        if (e.top !== undefined) add('top', i);
      }
    }
  });
  return out;
}

/** True when a rule produces points (per event or in a clause): what ledger measures read. */
export function producesPoints(rule: CompiledRule): boolean {
  return (
    rule.effects.some((e) => e.kind === 'points' && e.value !== 0) ||
    rule.clauses.some((c) => c.effects.some((e) => e.kind === 'points' && e.value !== 0))
  );
}

/** A rule that reads ledger measures while it is not a ledger rule: a ranking by points or awards. */
function ranksByLedger(rule: CompiledRule): boolean {
  return rule.measure.kind === 'rank' && (rule.measure.by === 'points' || rule.measure.by === 'awards');
}

/**
 * Which rules each rule must run after (LANGUAGE.md §9.15 "Gate cycles"):
 * a rule gated by `unless flag F` after every rule that can raise F (itself
 * included); a ledger rule after every non-ledger rule producing points; a
 * ranking by points or awards after every other non-ledger rule producing
 * points except such rankings (those run in source order, as in version 1).
 */
export function dependencies(program: CompiledRulebook): number[][] {
  const rules = program.rules;
  const raisers = new Map<string, number[]>();
  rules.forEach((rule, i) => {
    for (const c of rule.clauses)
      for (const e of c.effects)
        if (e.kind === 'flag' && e.flag) {
          const list = raisers.get(e.flag) ?? [];
          if (!list.includes(i)) list.push(i);
          raisers.set(e.flag, list);
        }
  });
  const pointRules = rules.map((r, i) => (r.measure.kind !== 'ledger' && producesPoints(r) ? i : -1)).filter((i) => i >= 0);
  return rules.map((rule, i) => {
    const deps = new Set<number>();
    for (const f of rule.unless ?? []) for (const r of raisers.get(f) ?? []) deps.add(r);
    if (rule.measure.kind === 'ledger') for (const r of pointRules) deps.add(r);
    else if (ranksByLedger(rule)) for (const r of pointRules) if (r !== i && !ranksByLedger(rules[r])) deps.add(r);
    return [...deps].sort((a, b) => a - b);
  });
}

/**
 * The phase a rule prefers (LANGUAGE.md §9.15 and `grammar/README.md`
 * "Evaluation order"): 0 event rules (counts, sums, averages, `all`,
 * `every`, ratios, rankings by a count or a sum), 1 rankings by points or
 * awards, 2 ledger rules, 3 streaks (rules with a `running` clause).
 */
export function phaseOf(rule: CompiledRule): number {
  if (rule.clauses.some((c) => c.running !== undefined)) return 3;
  if (rule.measure.kind === 'ledger') return 2;
  if (ranksByLedger(rule)) return 1;
  return 0;
}

/** Each cycle among the rules' dependencies (a rule gated by its own flag is one), as lists of rule indexes. */
export function gateCycles(program: CompiledRulebook): number[][] {
  const deps = dependencies(program);
  // Tarjan's strongly connected components, iteratively.
  const n = deps.length;
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const cycles: number[][] = [];
  let next = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] >= 0) continue;
    const work: [number, number][] = [[root, 0]];
    while (work.length) {
      const top = work[work.length - 1];
      const [v, k] = top;
      if (k === 0) {
        index[v] = low[v] = next++;
        stack.push(v);
        onStack[v] = true;
      }
      if (k < deps[v].length) {
        top[1]++;
        const w = deps[v][k];
        if (index[w] < 0) work.push([w, 0]);
        else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === index[v]) {
        const scc: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = false;
          scc.push(w);
        } while (w !== v);
        if (scc.length > 1 || deps[v].includes(v)) cycles.push(scc.sort((a, b) => a - b));
      }
    }
  }
  return cycles.sort((a, b) => a[0] - b[0]);
}

/**
 * The order an evaluator runs the rules in: every rule after the rules it
 * depends on (`dependencies`), otherwise by phase (`phaseOf`), then source
 * order. For a version-1 program this is exactly version 1's order. Rules
 * caught in a cycle (a program with `gate-cycle` does not compile) come
 * last, by phase and source order.
 */
export function evaluationOrder(program: CompiledRulebook): number[] {
  const deps = dependencies(program);
  const n = deps.length;
  const phase = program.rules.map(phaseOf);
  const waiting = deps.map((d, i) => d.filter((j) => j !== i).length);
  const dependents: number[][] = deps.map(() => []);
  deps.forEach((d, i) => d.forEach((j) => j !== i && dependents[j].push(i)));
  const key = (i: number) => phase[i] * n + i;
  const ready = new MinHeap();
  deps.forEach((_, i) => waiting[i] === 0 && ready.push(key(i)));
  const out: number[] = [];
  const done = new Array<boolean>(n).fill(false);
  while (ready.size) {
    const i = (ready.pop() as number) % n;
    done[i] = true;
    out.push(i);
    for (const d of dependents[i]) if (--waiting[d] === 0) ready.push(key(d));
  }
  const rest = deps.map((_, i) => i).filter((i) => !done[i]);
  return out.concat(rest.sort((a, b) => key(a) - key(b)));
}

/** A binary min-heap of numbers. */
class MinHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(x: number): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= a[i]) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }

  pop(): number | undefined {
    const a = this.items;
    if (!a.length) return undefined;
    const top = a[0];
    const last = a.pop() as number;
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l] < a[m]) m = l;
        if (r < a.length && a[r] < a[m]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}
