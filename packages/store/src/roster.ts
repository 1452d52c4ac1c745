/**
 * The roster: teams and members (consultant, lead, manager) with their join
 * (and leave) dates; the DSL `Roster` for a period.
 *
 * @module
 */
import type { Roster } from '@rulecard/dsl';
import type { StoreAdapter } from './adapter.js';
import type { DayRange, Subject } from './api.js';
import { StoreError, fieldError, type FieldError } from './errors.js';
import { isRecordId, isReservedId } from './call-log-rules.js';
import { isDate } from './time.js';
import type { MemberInput, MemberRecord, Role, TeamInput, TeamRecord } from './types.js';

export const ROLES: readonly Role[] = ['consultant', 'lead', 'manager'];

/** Roles that are scored (have a ledger and may own events). */
export function isScored(role: Role): boolean {
  return role === 'consultant' || role === 'lead';
}

export function validateTeam(t: unknown): FieldError[] {
  if (typeof t !== 'object' || t === null) return [fieldError('(record)', 'type')];
  const r = t as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (!isRecordId(r.id)) errors.push(idError(r.id));
  if (typeof r.name !== 'string' || r.name.trim() === '') errors.push(fieldError('name', 'required'));
  return errors;
}

/** Why `id` is not a record id: missing, a reserved name (`__proto__`, `constructor`…), or bad characters. */
function idError(id: unknown): FieldError {
  return fieldError('id', id === undefined ? 'required' : isReservedId(id) ? 'reserved-id' : 'id');
}

export function validateMember(m: unknown, teamExists: (id: string) => boolean): FieldError[] {
  if (typeof m !== 'object' || m === null) return [fieldError('(record)', 'type')];
  const r = m as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (!isRecordId(r.id)) errors.push(idError(r.id));
  if (typeof r.name !== 'string' || r.name.trim() === '') errors.push(fieldError('name', 'required'));
  if (typeof r.teamId !== 'string' || !r.teamId) errors.push(fieldError('teamId', 'required'));
  else if (!teamExists(r.teamId)) errors.push(fieldError('teamId', 'unknown-team'));
  if (!ROLES.includes(r.role as Role)) errors.push(fieldError('role', 'enum'));
  if (!isDate(r.joinedOn)) errors.push(fieldError('joinedOn', r.joinedOn === undefined ? 'required' : 'date'));
  if (r.leftOn !== undefined && !isDate(r.leftOn)) errors.push(fieldError('leftOn', 'date'));
  return errors;
}

/** Keys of an input that the record does not have (`isAdmin`, `__proto__`…). */
function unknownInputFields(input: unknown, known: readonly string[]): FieldError[] {
  if (typeof input !== 'object' || input === null) return [];
  return Object.keys(input)
    .filter((k) => !known.includes(k) && k !== 'rev')
    .map((k) => fieldError(k, 'unknown-field'));
}

/** Create (no `expectedRev`) or update (with the `rev` loaded) a team. */
export async function putTeam(adapter: StoreAdapter, team: TeamInput, expectedRev?: number): Promise<TeamRecord> {
  const errors = [...validateTeam(team), ...unknownInputFields(team, ['id', 'name'])];
  if (errors.length) throw new StoreError('validation', { fields: errors });
  const record: TeamRecord = { id: team.id, name: team.name.trim(), rev: (expectedRev ?? 0) + 1 };
  await adapter.commit([{ kind: 'teams', op: 'put', record, expectRev: expectedRev ?? null }]);
  return record;
}

export async function putMember(adapter: StoreAdapter, member: MemberInput, expectedRev?: number): Promise<MemberRecord> {
  const teams = new Set((await adapter.getAll('teams')).map((t) => t.id));
  const errors = [
    ...validateMember(member, (id) => teams.has(id)),
    ...unknownInputFields(member, ['id', 'name', 'teamId', 'role', 'joinedOn', 'leftOn']),
  ];
  if (errors.length) throw new StoreError('validation', { fields: errors });
  const record: MemberRecord = {
    id: member.id,
    name: member.name.trim(),
    teamId: member.teamId,
    role: member.role,
    joinedOn: member.joinedOn,
    rev: (expectedRev ?? 0) + 1,
  };
  if (member.leftOn) record.leftOn = member.leftOn;
  await adapter.commit([{ kind: 'members', op: 'put', record, expectRev: expectedRev ?? null }]);
  return record;
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

/** The DSL roster for a period, from team and member records. */
export function toRoster(teams: TeamRecord[], members: MemberRecord[], from?: string, to?: string): Roster {
  const byTeam = new Map<string, string[]>();
  for (const t of teams) byTeam.set(t.id, []);
  for (const m of members) if (activeIn(m, from, to)) byTeam.get(m.teamId)?.push(m.id);
  return { teams: teams.map((t) => ({ id: t.id, name: t.name, members: byTeam.get(t.id) ?? [] })) };
}
