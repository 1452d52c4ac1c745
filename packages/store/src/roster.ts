/**
 * The roster as the store reads it: who is scored, whom a subject covers, and the language's `Roster` (v2,
 * LANGUAGE.md §9.1) for a period, from team and member records. Its writes (validation, `putTeam`, `putMember`,
 * removals) are in `roster-writes.ts`, loaded with the write methods.
 *
 * @module
 */
import type { Member, Roster, Team } from '@rulecard/dsl';
import type { DayRange, Subject } from './api.js';
import { yuanOf } from '@rulecard/dsl/money';
import type { MemberRecord, Role, TeamRecord } from './types.js';

export const ROLES: readonly Role[] = ['consultant', 'lead', 'manager'];

/** Roles that are scored (have a ledger and may own events). */
export function isScored(role: Role): boolean {
  return role === 'consultant' || role === 'lead';
}

/**
 * Schema 4 gave teams a lead: a team without one whose members include
 * exactly one of role `lead` gets that member (the migration of older
 * databases and the conversion of older export files). Returns the teams
 * that changed (revision + 1).
 */
export function leadsFromRoles(teams: readonly TeamRecord[], members: readonly MemberRecord[]): TeamRecord[] {
  const changed: TeamRecord[] = [];
  for (const team of teams) {
    if (team.lead) continue;
    const leads = members.filter((m) => m.teamId === team.id && m.role === 'lead');
    if (leads.length === 1) changed.push({ ...team, lead: leads[0].id, rev: team.rev + 1 });
  }
  return changed;
}

/** Scored members on the roster at some point of `[from, to]`. */
export function activeIn(m: MemberRecord, from?: string, to?: string): boolean {
  if (!isScored(m.role)) return false;
  if (to && m.joinedOn > to) return false;
  if (from && m.leftOn && m.leftOn < from) return false;
  return true;
}

/**
 * Consultants a subject covers, from member records: a consultant itself; a
 * team's scored members on the roster at some point of `range`, by id; for
 * everyone, every scored member ever on the roster, by id.
 */
export function subjectMemberIds(subject: Subject, members: readonly MemberRecord[], range?: DayRange): string[] {
  if ('consultant' in subject) return [subject.consultant];
  if ('team' in subject) {
    return members.filter((m) => m.teamId === subject.team && activeIn(m, range?.from, range?.to)).map((m) => m.id);
  }
  return members.filter((m) => isScored(m.role)).map((m) => m.id);
}

/** Pay items in fen → the yuan per month the language's roster speaks (the one place the roster converts). */
export function payInYuan(payFen: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(payFen).map(([item, fen]) => [item, yuanOf(fen)]));
}

/** A member record as the language's roster person (LANGUAGE.md §9.1). */
export function rosterMember(m: MemberRecord): Member {
  const person: Member = { id: m.id, name: m.name, role: m.role, joined: m.joinedOn, left: m.leftOn ?? null };
  if (m.payFen) person.pay = payInYuan(m.payFen);
  if (m.targets) person.targets = { ...m.targets };
  return person;
}

/**
 * The language's roster (v2) for a period, from team and member records:
 * each team with its scored members on the roster during the period and its
 * lead; `members` the people of those teams and the teams' leads (a lead
 * who is a manager of another team is listed there too, §9.2), with their
 * roles, dates, pay (yuan) and targets.
 */
export function toRoster(teams: TeamRecord[], members: MemberRecord[], from?: string, to?: string): Roster {
  const byTeam = new Map<string, string[]>();
  for (const t of teams) byTeam.set(t.id, []);
  const byId = new Map(members.map((m) => [m.id, m]));
  const listed = new Set<string>();
  for (const m of members) {
    const list = byTeam.get(m.teamId);
    if (list && activeIn(m, from, to)) {
      list.push(m.id);
      listed.add(m.id);
    }
  }
  const rosterTeams = teams.map((t) => {
    const team: Team = { id: t.id, name: t.name, members: byTeam.get(t.id) ?? [] };
    if (t.lead && byId.has(t.lead)) {
      team.lead = t.lead;
      listed.add(t.lead);
    }
    return team;
  });
  return { teams: rosterTeams, members: members.filter((m) => listed.has(m.id)).map(rosterMember) };
}
