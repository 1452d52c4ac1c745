/**
 * How incremental scoring cuts a roster into parts scored apart: people
 * linked by a team (its members and its lead) are in one part, so that
 * every team effect, team flag, lead effect and team-wide rule (`all`,
 * `every`, a team's ledger rules) sees all it reads; everyone else is a part
 * of their own. Events go to their consultant's part; events of anyone not on
 * the roster to a part with an empty roster (their warnings and data
 * warnings only).
 */
import type { Member, Roster, Team } from '../types.js';

export interface Part {
  /** The roster of the part: its teams and members, in the roster's order. */
  roster: Roster;
  /** Ids of its people. */
  people: string[];
}

export interface Parts {
  parts: Part[];
  /** Part index by person id. */
  partOf: Map<string, number>;
  /** Every person's id in the order the evaluator lists ledgers (team members, then members, then leads; version 1: team members). */
  order: string[];
  /** The part of events whose consultant is not on the roster: `parts.length - 1`. */
  orphan: number;
}

export function partsOf(roster: Roster, v2: boolean): Parts {
  const teams: Team[] = roster.teams;
  const members: Member[] = v2 ? (roster.members ?? []) : [];
  const order: string[] = [];
  const seen = new Set<string>();
  const addPerson = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    order.push(id);
  };
  for (const t of teams) for (const m of t.members) addPerson(m);
  for (const m of members) addPerson(m.id);
  if (v2) for (const t of teams) if (t.lead !== undefined && t.lead !== null) addPerson(t.lead);

  // union-find over people; a team joins its members and lead
  const parent = new Map<string, string>(order.map((id) => [id, id]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) as string;
    parent.set(x, r);
    return r;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  const teamPeople = (t: Team) => {
    const ids = [...t.members];
    if (v2 && t.lead !== undefined && t.lead !== null) ids.push(t.lead);
    return ids;
  };
  for (const t of teams) {
    const ids = teamPeople(t);
    for (let k = 1; k < ids.length; k++) union(ids[0], ids[k]);
  }

  const partByRoot = new Map<string, number>();
  const parts: Part[] = [];
  const partOf = new Map<string, number>();
  for (const id of order) {
    const root = find(id);
    let p = partByRoot.get(root);
    if (p === undefined) {
      p = parts.length;
      partByRoot.set(root, p);
      parts.push({ roster: { teams: [], ...(v2 ? { members: [] } : {}) }, people: [] });
    }
    partOf.set(id, p);
    parts[p].people.push(id);
  }
  for (const t of teams) {
    const ids = teamPeople(t);
    // an empty team without a lead: a part of its own (its ledger is scored, with no one in it)
    if (!ids.length) {
      parts.push({ roster: { teams: [t], ...(v2 ? { members: [] } : {}) }, people: [] });
      continue;
    }
    parts[partOf.get(ids[0]) as number].roster.teams.push(t);
  }
  for (const m of members) parts[partOf.get(m.id) as number].roster.members?.push(m);
  const orphan = parts.length;
  parts.push({ roster: { teams: [], ...(v2 ? { members: [] } : {}) }, people: [] });
  return { parts, partOf, order, orphan };
}
