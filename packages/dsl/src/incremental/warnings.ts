/**
 * The warnings of a roster scored in parts, put back in the order one
 * evaluation gives them: the scan's (per event, in the events' order), the
 * evaluator's own (`no-team`, `missing-pay` …, once each), then the data
 * warnings (§9.13): `unused-event-type` with the counts of all parts, types
 * in the order of their first event; `where-type-mismatch` per check of the
 * program, kinds in the order of their first event.
 */
import { parseInstant } from '../calendar/instants.js';
import type { CompiledRulebook } from '../program.js';
import type { CompiledRulebook as ProgramV1, Condition, RuleEvent, Warning } from '../types.js';
import { warningEnV2 } from '../warnings-v2.js';

const SCAN = new Set(['bad-event-time', 'not-on-roster', 'bad-event-amount']);
const DATA = new Set(['unused-event-type', 'where-type-mismatch']);

/** A part's warnings, sorted out. */
export interface PartWarnings {
  /** Scan warnings with the position of their event. */
  scan: { seq: number; w: Warning }[];
  /** The evaluator's own, with the position of the rule that gave each (in the order rules run) and of its person. */
  once: { w: Warning; rule: number; who: number }[];
  /** Unused types: count and the position of the first event counted. */
  unused: Map<string, { count: number; first: number }>;
  /** Mismatches by check key (`rule\0field\0want`): kinds and the position of the first event of each. */
  mismatch: Map<string, { got: string; first: number }[]>;
}

export interface Check {
  key: string;
  rule: string;
  field: string;
  want: string;
  types: Set<string>;
}

/** The data checks of a program in the order `watchData` reports them (data-warnings.ts). */
export function checksOf(program: CompiledRulebook | ProgramV1): Check[] {
  const byType = new Map<string, Check[]>();
  const all: Check[] = [];
  const addChecks = (rule: string, types: string[], where: Condition[] | undefined) => {
    for (const c of where ?? []) {
      if (c.field === 'amount') continue;
      const check: Check = {
        key: `${rule}\0${c.field}\0${typeof c.value}`,
        rule,
        field: c.field,
        want: typeof c.value,
        types: new Set(types),
      };
      all.push(check);
      for (const t of types) {
        const list = byType.get(t);
        if (list) list.push(check);
        else byType.set(t, [check]);
      }
    }
  };
  for (const rule of program.rules as CompiledRulebook['rules']) {
    addChecks(rule.id, rule.eventTypes ?? (rule.eventType !== undefined ? [rule.eventType] : []), rule.where);
    const m = rule.measure;
    if (m.kind === 'ratio') {
      addChecks(rule.id, [m.numerator], m.numeratorWhere);
      addChecks(rule.id, [m.denominator], m.denominatorWhere);
    }
  }
  const out: Check[] = [];
  const done = new Set<Check>();
  for (const list of byType.values())
    for (const check of list) {
      if (done.has(check)) continue;
      done.add(check);
      out.push(check);
    }
  return out;
}

export function mismatches(e: RuleEvent, field: string, want: string, got: string): boolean {
  const attrs = e.attrs;
  if (attrs == null || !Object.hasOwn(attrs, field)) return false;
  const v = attrs[field];
  if (typeof v !== got) return false;
  return !(got === want || (got === 'string' && want === 'number' && String(v).trim() !== '' && !Number.isNaN(Number(v))));
}

/**
 * Sorts a part's warnings. `events`: the part's events in order with their positions;
 * `inPeriod`: whether an instant is in the period (what `unused-event-type` counts).
 */
export function sortWarnings(
  warnings: Warning[],
  /** For the k-th of the evaluator's own warnings: the position of the rule that gave it, and of its person. */
  onceKey: (k: number, w: Warning) => { rule: number; who: number },
  events: readonly { seq: number; e: RuleEvent }[],
  seqOf: (id: string) => number | undefined,
  checks: Map<string, Check>,
  inPeriod: (at: number) => boolean,
  skip: string,
): PartWarnings {
  const out: PartWarnings = { scan: [], once: [], unused: new Map(), mismatch: new Map() };
  for (const w of warnings) {
    if (SCAN.has(w.code)) {
      if (w.event === skip) continue;
      out.scan.push({ seq: seqOf(w.event ?? '') ?? Infinity, w });
    } else if (!DATA.has(w.code)) out.once.push({ w, ...onceKey(out.once.length, w) });
    else if (w.code === 'unused-event-type') {
      const type = w.params?.type ?? '';
      let first = Infinity;
      for (const { seq, e } of events)
        if (e.type === type && inPeriod(parseInstant(e.at))) {
          first = seq;
          break;
        }
      out.unused.set(type, { count: Number(w.params?.count ?? 0), first });
    } else {
      const p = w.params ?? {};
      const key = `${p.rule}\0${p.field}\0${p.want}`;
      const got = p.got ?? '';
      let list = out.mismatch.get(key);
      if (!list) out.mismatch.set(key, (list = []));
      // the same check twice (two conditions on one field) reports its kinds twice: keep them once
      if (list.some((x) => x.got === got)) continue;
      const check = checks.get(key);
      let first = Infinity;
      for (const { seq, e } of events)
        if ((!check || check.types.has(e.type)) && mismatches(e, p.field ?? '', p.want ?? '', got)) {
          first = seq;
          break;
        }
      list.push({ got, first });
    }
  }
  return out;
}

/** All parts' warnings in the order of one evaluation; `head`: their scan and evaluator's warnings (`headWarnings`), when known. */
export function mergeWarnings(parts: readonly PartWarnings[], checks: readonly Check[], head: Warning[] = headWarnings(parts)): Warning[] {
  return head.concat(dataWarnings(parts, checks));
}

/** The scan's warnings (in the events' order) and the evaluator's own (once each) of all parts. */
export function headWarnings(parts: readonly PartWarnings[]): Warning[] {
  const scan: { seq: number; w: Warning }[] = [];
  for (const p of parts) for (const s of p.scan) scan.push(s);
  scan.sort((a, b) => a.seq - b.seq);
  const out: Warning[] = scan.map((s) => s.w);
  // once each, in the order the rules ran, then of the people (each part's own order kept for the rest)
  const once = new Map<string, { w: Warning; rule: number; who: number; k: number }>();
  let k = 0;
  for (const p of parts)
    for (const o of p.once) {
      const had = once.get(o.w.message);
      if (!had || o.rule < had.rule || (o.rule === had.rule && o.who < had.who)) once.set(o.w.message, { ...o, k: had?.k ?? k });
      k++;
    }
  for (const o of [...once.values()].sort((a, b) => a.rule - b.rule || a.who - b.who || a.k - b.k)) out.push(o.w);
  return out;
}

/** The data warnings (§9.13) of all parts. */
function dataWarnings(parts: readonly PartWarnings[], checks: readonly Check[]): Warning[] {
  const out: Warning[] = [];
  const unused = new Map<string, { count: number; first: number }>();
  for (const p of parts)
    for (const [type, u] of p.unused) {
      const had = unused.get(type);
      if (had) {
        had.count += u.count;
        had.first = Math.min(had.first, u.first);
      } else unused.set(type, { ...u });
    }
  for (const [type, u] of [...unused].sort((a, b) => a[1].first - b[1].first))
    out.push({
      code: 'unused-event-type',
      message: warningEnV2('unused-event-type', { type, count: String(u.count) }),
      params: { type, count: String(u.count) },
    });
  const gotsOf = new Map<string, string[]>();
  for (const check of checks) {
    let gots = gotsOf.get(check.key);
    if (!gots) {
      const all: { got: string; first: number }[] = [];
      for (const p of parts)
        for (const x of p.mismatch.get(check.key) ?? []) {
          const had = all.find((y) => y.got === x.got);
          if (had) had.first = Math.min(had.first, x.first);
          else all.push({ ...x });
        }
      gots = all.sort((a, b) => a.first - b.first).map((x) => x.got);
      gotsOf.set(check.key, gots);
    }
    for (const got of gots) {
      const params = { rule: check.rule, field: check.field, want: check.want, got };
      out.push({ code: 'where-type-mismatch', message: warningEnV2('where-type-mismatch', params), params });
    }
  }
  return out;
}
