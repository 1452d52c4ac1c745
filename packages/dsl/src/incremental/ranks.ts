/**
 * Rankings across parts (incremental scoring, evaluation.ts): each part's
 * scoring records its rank entries (person, value) of every ranking window
 * and group, and is given the entries the other parts recorded, so places
 * and `top P%` shares are the whole roster's (`rankHook`, evaluate/v2/rank.ts).
 */
import type { Entry } from '../evaluate/v2/rank.js';
import type { RankHook } from '../evaluate/v2/plan.js';

/** A ranked person's value. */
export interface RankEntry {
  id: string;
  num: number;
  den: number;
}

/** Whether two parts' entries of a window and group are the same (in any order). */
export function sameEntries(a: RankEntry[] | undefined, b: RankEntry[] | undefined): boolean {
  if (!a?.length || !b?.length) return !a?.length && !b?.length;
  if (a.length !== b.length) return false;
  const key = (x: RankEntry) => `${x.id}\0${x.num}\0${x.den}`;
  const sa = a.map(key).sort();
  const sb = b.map(key).sort();
  return sa.every((x, k) => x === sb[k]);
}

/** The hook of part `pi`'s scoring: records its rank entries in `into`, adds the other parts' (`states`). */
export function rankHookFor(
  pi: number,
  into: Map<string, Map<string, RankEntry[]>>,
  states: readonly { ranks: Map<string, Map<string, RankEntry[]>> }[],
  ruleIndex: Map<unknown, number>,
): RankHook {
  const foreign = new Map<string, number>();
  return (ctx, plan, clause, span, groups) => {
    const m = plan.rule.measure;
    const byTeam = m.kind === 'rank' && m.byTeam === true;
    const key = `${ruleIndex.get(plan.rule)}:${clause}:${span.key}`;
    const groupName = (g: number) => (!byTeam ? '' : g >= 0 ? `t${ctx.teams[g].id}` : 'none');
    const mine = new Map<string, RankEntry[]>();
    for (const [g, list] of groups)
      mine.set(
        groupName(g),
        list.map((x) => ({ id: ctx.people[x.pi].id, num: x.num, den: x.den })),
      );
    into.set(key, mine);
    let fake = -1;
    const none = (): string[] => [];
    states.forEach((other, oi) => {
      if (oi === pi) return;
      const theirs = other.ranks.get(key);
      if (!theirs) return;
      for (const [name, list] of theirs) {
        if (!list.length) continue;
        let g: number;
        if (!byTeam) g = 0;
        else if (name === 'none') g = -1;
        else {
          let f = foreign.get(name);
          if (f === undefined) foreign.set(name, (f = -2 - foreign.size));
          g = f;
        }
        let target = groups.get(g);
        if (!target) groups.set(g, (target = []));
        for (const x of list) target.push({ pi: fake--, num: x.num, den: x.den, events: none } satisfies Entry);
      }
    });
  };
}
