/**
 * The roster's writes: teams (with their lead) and members (consultant, lead, manager) with their join and
 * leave dates, pay items (integer fen per month) and targets, validated; named domain methods with an actor:
 * only a manager edits the roster when the actor names a role. Loaded with the store's write methods (a page
 * that only reads does not download it); the reads are in `roster.ts`.
 *
 * @module
 */
import { isDate } from '@rulecard/dsl/calendar';
import type { StoreAdapter, WriteOp } from './adapter.js';
import { StoreError, type FieldError } from './errors.js';
import { setupError } from './setup-reasons.js';
import { isRecordId, isReservedId } from './call-log-rules.js';
import { MAX_AMOUNT } from './events.js';
import { conflictError, notFound } from './internal.js';
import { requireManager } from './actor.js';
import { yuanToFen } from '@rulecard/dsl/money';
import { ROLES } from './roster.js';
import type { MemberInput, MemberRecord, RevisionCheck, Role, RosterCheck, TeamInput, TeamRecord } from './types.js';

/** The fields of a team and of a member input (anything else is refused: `unknown-field`). */
export const TEAM_FIELDS = ['id', 'name', 'lead'] as const;
export const MEMBER_FIELDS = ['id', 'name', 'teamId', 'role', 'joinedOn', 'leftOn', 'payFen', 'targets'] as const;

/** Largest pay item: the language's bound on amounts (10¹⁰ yuan), in fen. */
export const MAX_PAY_FEN = yuanToFen(MAX_AMOUNT);

/**
 * A pay item or target name: the rulebook names it (`pay bonus`, `target
 * sales`), so it is a name of the language — a letter or `_`, then letters,
 * digits or `_` (Chinese is fine), at most 64 characters.
 */
export function isRosterKey(key: string): boolean {
  return /^[\p{L}_][\p{L}\p{N}_]{0,63}$/u.test(key) && !isReservedId(key);
}

export function validateTeam(t: unknown, memberExists?: (id: string) => boolean): FieldError[] {
  if (typeof t !== 'object' || t === null) return [setupError('(record)', 'type')];
  const r = t as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (!isRecordId(r.id)) errors.push(idError(r.id));
  if (typeof r.name !== 'string' || r.name.trim() === '') errors.push(setupError('name', 'required'));
  if (r.lead !== undefined) {
    if (!isRecordId(r.lead)) errors.push(setupError('lead', 'id'));
    else if (memberExists && !memberExists(r.lead)) errors.push(setupError('lead', 'unknown-member'));
  }
  return errors;
}

/** Why `id` is not a record id: missing, a reserved name (`__proto__`, `constructor`…), or bad characters. */
function idError(id: unknown): FieldError {
  return setupError('id', id === undefined ? 'required' : isReservedId(id) ? 'reserved-id' : 'id');
}

/** Field errors of a map of pay items (fen) or targets: `payFen.bonus`, `targets.sales`. */
function mapErrors(field: 'payFen' | 'targets', value: unknown): FieldError[] {
  if (value === undefined) return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [setupError(field, 'type')];
  const errors: FieldError[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (!isRosterKey(key)) errors.push(setupError(`${field}.${key}`, isReservedId(key) ? 'reserved-key' : 'roster-key'));
    else if (field === 'payFen' ? !(Number.isSafeInteger(v) && v >= 0 && v <= MAX_PAY_FEN) : !isTarget(v))
      errors.push(setupError(`${field}.${key}`, field === 'payFen' ? 'pay-fen' : 'target-value'));
  }
  return errors;
}

function isTarget(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= MAX_AMOUNT;
}

export function validateMember(m: unknown, teamExists: (id: string) => boolean): FieldError[] {
  if (typeof m !== 'object' || m === null) return [setupError('(record)', 'type')];
  const r = m as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (!isRecordId(r.id)) errors.push(idError(r.id));
  if (typeof r.name !== 'string' || r.name.trim() === '') errors.push(setupError('name', 'required'));
  if (typeof r.teamId !== 'string' || !r.teamId) errors.push(setupError('teamId', 'required'));
  else if (!teamExists(r.teamId)) errors.push(setupError('teamId', 'unknown-team'));
  if (!ROLES.includes(r.role as Role)) errors.push(setupError('role', r.role === undefined || r.role === '' ? 'required' : 'enum'));
  if (!isDate(r.joinedOn)) errors.push(setupError('joinedOn', r.joinedOn === undefined || r.joinedOn === '' ? 'required' : 'date'));
  if (r.leftOn !== undefined && !isDate(r.leftOn)) errors.push(setupError('leftOn', 'date'));
  else if (isDate(r.leftOn) && isDate(r.joinedOn) && r.leftOn < r.joinedOn) errors.push(setupError('leftOn', 'left-before-joined'));
  errors.push(...mapErrors('payFen', r.payFen), ...mapErrors('targets', r.targets));
  return errors;
}

/** Keys of an input that the record does not have (`isAdmin`, `__proto__`…). */
function unknownInputFields(input: unknown, known: readonly string[]): FieldError[] {
  if (typeof input !== 'object' || input === null) return [];
  return Object.keys(input)
    .filter((k) => !known.includes(k) && k !== 'rev')
    .map((k) => setupError(k, 'unknown-field'));
}

/** The stored team of an input (trimmed name; no lead key when none). */
export function teamRecord(team: TeamInput, rev: number): TeamRecord {
  const record: TeamRecord = { id: team.id, name: team.name.trim(), rev };
  if (team.lead) record.lead = team.lead;
  return record;
}

/** The stored member of an input (trimmed name; empty maps and absent dates left out). */
export function memberRecord(member: MemberInput, rev: number): MemberRecord {
  const record: MemberRecord = {
    id: member.id,
    name: member.name.trim(),
    teamId: member.teamId,
    role: member.role,
    joinedOn: member.joinedOn,
    rev,
  };
  if (member.leftOn) record.leftOn = member.leftOn;
  if (member.payFen && Object.keys(member.payFen).length) record.payFen = { ...member.payFen };
  if (member.targets && Object.keys(member.targets).length) record.targets = { ...member.targets };
  return record;
}

/** Field errors of a team input against the stored members (its lead must be one). */
export function teamInputErrors(team: TeamInput, memberExists: (id: string) => boolean): FieldError[] {
  return [...validateTeam(team, memberExists), ...unknownInputFields(team, TEAM_FIELDS)];
}

/** Field errors of a member input against the stored teams. */
export function memberInputErrors(member: MemberInput, teamExists: (id: string) => boolean): FieldError[] {
  return [...validateMember(member, teamExists), ...unknownInputFields(member, MEMBER_FIELDS)];
}

/** Create (no `expectedRev`) or update (with the `rev` loaded) a team. */
export async function putTeam(adapter: StoreAdapter, team: TeamInput, check: RosterCheck = {}): Promise<TeamRecord> {
  requireManager(check);
  const lead = typeof team === 'object' && team !== null ? team.lead : undefined;
  const leadExists = lead !== undefined && isRecordId(lead) ? (await adapter.get('members', lead)) !== undefined : true;
  const errors = teamInputErrors(team, () => leadExists);
  if (errors.length) throw new StoreError('validation', { fields: errors });
  const record = teamRecord(team, (check.expectedRev ?? 0) + 1);
  await adapter.commit([{ kind: 'teams', op: 'put', record, expectRev: check.expectedRev ?? null }]);
  return record;
}

export async function putMember(adapter: StoreAdapter, member: MemberInput, check: RosterCheck = {}): Promise<MemberRecord> {
  requireManager(check);
  const teams = new Set((await adapter.getAll('teams')).map((t) => t.id));
  const errors = memberInputErrors(member, (id) => teams.has(id));
  if (errors.length) throw new StoreError('validation', { fields: errors });
  const record = memberRecord(member, (check.expectedRev ?? 0) + 1);
  await adapter.commit([{ kind: 'members', op: 'put', record, expectRev: check.expectedRev ?? null }]);
  return record;
}

/**
 * Delete a member added by mistake: only one with no call log, event or
 * appeal (else `validation`, `id`/`has-records`: a member who worked here
 * gets a leave date instead, so her history keeps its name). Teams she
 * leads lose their lead in the same commit.
 */
export async function removeMember(adapter: StoreAdapter, id: string, check: RevisionCheck): Promise<void> {
  requireManager(check);
  const current = await adapter.get('members', id);
  if (!current) throw notFound('members', id);
  if (current.rev !== check.expectedRev) throw conflictError('members', id, check.expectedRev, current);
  const range = { lower: [id, '0000-00-00'], upper: [id, '9999-12-31'] };
  const [logs, events, appeals] = await Promise.all([
    adapter.count('callLogs', { index: 'by-consultant-date', ...range }),
    adapter.count('events', { index: 'by-consultant-day', ...range }),
    adapter.count('appeals', { index: 'by-consultant-day', ...range }),
  ]);
  if (logs + events + appeals > 0) throw new StoreError('validation', { fields: [setupError('id', 'has-records')] });
  const ops: WriteOp[] = [{ kind: 'members', op: 'delete', key: id, expectRev: check.expectedRev }];
  for (const team of await adapter.getAll('teams')) {
    if (team.lead !== id) continue;
    const { lead: _lead, ...rest } = team;
    ops.push({ kind: 'teams', op: 'put', record: { ...rest, rev: team.rev + 1 }, expectRev: team.rev });
  }
  await adapter.commit(ops);
}

/** Delete a team that has no members (else `validation`, `id`/`has-members`). */
export async function removeTeam(adapter: StoreAdapter, id: string, check: RevisionCheck): Promise<void> {
  requireManager(check);
  const current = await adapter.get('teams', id);
  if (!current) throw notFound('teams', id);
  if (current.rev !== check.expectedRev) throw conflictError('teams', id, check.expectedRev, current);
  if ((await adapter.count('members', { index: 'by-team', only: id })) > 0) {
    throw new StoreError('validation', { fields: [setupError('id', 'has-members')] });
  }
  await adapter.commit([{ kind: 'teams', op: 'delete', key: id, expectRev: check.expectedRev }]);
}
