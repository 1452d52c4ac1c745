/**
 * Which rules an event can change, and whether a person can be scored alone
 * for them (incremental scoring below a team, evaluation.ts).
 *
 * An event of type T changes the rules that read T (their streams: the
 * types they bind, both sides of a ratio) and, from there, every rule that
 * reads what those give: a gate (`unless F`) reads the rules raising F; a
 * ledger measure (`deductions`, `awards`, `points`, mine or my team's) and
 * a rank by points or awards read the lines of every rule that can put such
 * a line in a book. That closure is the event's *changed* rules.
 *
 * The changed rules are *personal* when each measures one person at a time
 * (a count, a sum or an average, a ratio, a personal ledger measure — not
 * `all`, `every`, a rank or a team ledger measure) and every effect of theirs
 * is the person's own (no `team` or `lead` target): then what they give is
 * the person's own ledger lines, and nothing anyone else reads. A person's
 * lines of those rules are then those of the person scored alone, with the
 * rules they read (their *inputs*: the raisers of their gates' flags, the
 * rules whose lines their ledger measures read, and so on) — provided each
 * input, too, measures one person at a time and raises its gate flags on the
 * person only (a team's flag is held by all its members), and, when a ledger
 * measure is among them, the person leads no team (a lead's book holds lines
 * of the team's members).
 */
import type { ClauseEffect, CompiledRule, CompiledRulebook, EventEffect, LedgerQuantity } from '../program.js';

interface RuleFacts {
  /** Event types it reads. */
  types: string[];
  /** Flags raised (any target), and whether each is raised on someone other than the person (a team or lead target). */
  raises: Map<string, boolean>;
  /** Measures one person at a time. */
  perPerson: boolean;
  /** Every effect is the person's own. */
  ownOnly: boolean;
  /** Lines with points (what `deductions` and `awards` read); any line at all (what `points` reads). */
  pointLines: boolean;
  anyLines: boolean;
  /** The ledger quantity it reads (a ledger measure, a rank by points or awards), and whose. */
  reads?: { quantity: LedgerQuantity; team: boolean };
}

export interface Locality {
  /** The rules an event of this type changes (rule indexes), and whether they are personal. */
  changed(type: string): { rules: Set<number>; personal: boolean };
  /** The rules a personal scoring of `changed` runs (the changed rules and their inputs); undefined when it cannot be done alone. */
  inputs(changed: Set<number>, leads: boolean): Set<number> | undefined;
}

function effectsOf(rule: CompiledRule): (EventEffect | ClauseEffect)[] {
  const out: (EventEffect | ClauseEffect)[] = [...rule.effects];
  for (const c of rule.clauses) for (const e of c.effects) out.push(e);
  return out;
}

export function localityOf(program: CompiledRulebook): Locality {
  const rules = program.rules;
  const facts: RuleFacts[] = rules.map((rule) => {
    const m = rule.measure;
    const types = [...(rule.eventTypes ?? (rule.eventType !== undefined ? [rule.eventType] : []))];
    if (m.kind === 'ratio') types.push(m.numerator, m.denominator);
    const effects = effectsOf(rule);
    const raises = new Map<string, boolean>();
    for (const e of effects)
      if (e.kind === 'flag') {
        const flag = (e as ClauseEffect).flag ?? '';
        raises.set(flag, (raises.get(flag) ?? false) || e.target !== 'personal' || (m.kind === 'ledger' && m.ledger === 'team'));
      }
    const perPerson = !(m.kind === 'all' || m.kind === 'every' || m.kind === 'rank' || (m.kind === 'ledger' && m.ledger === 'team'));
    const reads =
      m.kind === 'ledger'
        ? { quantity: m.quantity, team: m.ledger === 'team' }
        : m.kind === 'rank' && (m.by === 'points' || m.by === 'awards')
          ? { quantity: m.by, team: false }
          : undefined;
    return {
      types: [...new Set(types)],
      raises,
      perPerson,
      ownOnly: effects.every((e) => e.target === 'personal'),
      pointLines: effects.some((e) => e.kind === 'points'),
      anyLines: effects.length > 0,
      reads,
    };
  });
  const isLedger = (ri: number) => rules[ri].measure.kind === 'ledger';
  /** Whether rule `w`'s lines are read by rule `r`'s ledger measure (ledger rules' own lines are not read). */
  const feeds = (w: number, r: number): boolean => {
    const q = facts[r].reads?.quantity;
    if (q === undefined || isLedger(w)) return false;
    return q === 'points' ? facts[w].anyLines : facts[w].pointLines;
  };
  const readsFlagOf = (r: number, w: number): boolean => (rules[r].unless ?? []).some((f) => facts[w].raises.has(f));

  const byType = new Map<string, { rules: Set<number>; personal: boolean }>();
  return {
    changed(type) {
      let out = byType.get(type);
      if (out) return out;
      const set = new Set<number>();
      facts.forEach((f, ri) => f.types.includes(type) && set.add(ri));
      // the closure: gates on flags they raise, ledger measures reading their lines
      for (let grew = true; grew;) {
        grew = false;
        for (let r = 0; r < rules.length; r++) {
          if (set.has(r)) continue;
          for (const w of set)
            if (readsFlagOf(r, w) || feeds(w, r)) {
              set.add(r);
              grew = true;
              break;
            }
        }
      }
      const personal = [...set].every((ri) => facts[ri].perPerson && facts[ri].ownOnly);
      out = { rules: set, personal };
      byType.set(type, out);
      return out;
    },
    inputs(changed, leads) {
      const set = new Set(changed);
      const todo = [...changed];
      while (todo.length) {
        const r = todo.pop() as number;
        for (let w = 0; w < rules.length; w++) {
          if (set.has(w)) continue;
          const flag = readsFlagOf(r, w);
          if (flag || feeds(w, r)) {
            set.add(w);
            todo.push(w);
          }
        }
      }
      for (const ri of set) {
        const f = facts[ri];
        if (!f.perPerson) return undefined;
        if (f.reads && leads) return undefined;
        // a gate's flag raised on a team (held by its members) or by a rule not scored alone
        for (const flag of rules[ri].unless ?? []) for (let w = 0; w < rules.length; w++) if (facts[w].raises.get(flag)) return undefined;
      }
      return set;
    },
  };
}
