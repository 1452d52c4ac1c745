/**
 * Who may do and see what: one set of rules, used by every mutation (inside
 * its transaction) and by every pull.
 *
 * - A consultant writes only her own call logs and appeals, and never
 *   receives another consultant's call logs, their history or the notes on
 *   their events (customer data); she receives everyone's events, which
 *   team and rank rules need to score her.
 * - A lead (a scored member too) writes her own call logs and appeals,
 *   records incidents on and decides appeals for the other members of her
 *   own team, and reads her team's call logs.
 * - A manager publishes rulebooks, edits the roster, closes and reopens
 *   months, exports payroll, and reads and writes everything.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import type { PgAdapter } from './pg-adapter.js';
import type { Role } from './store.js';

/** Who is calling, from the verified token (the server sets every `by` from `member`). */
export interface Actor {
  member: string;
  role: Role;
  branch: string;
}

/** An actor with what the roster says about her team. */
export interface Viewer extends Actor {
  /** Her team on the roster (null: not on it, e.g. a manager). */
  team: string | null;
  /** Every member of her team (herself included). */
  teamMembers: ReadonlySet<string>;
}

export const ROLES: readonly Role[] = ['consultant', 'lead', 'manager'];

/** The viewer of an actor, read from the branch's roster in the caller's transaction (the store reads the same roster). */
export async function viewerOf(actor: Actor, adapter: PgAdapter): Promise<Viewer> {
  const members = await adapter.getAll('members');
  const team = members.find((m) => m.id === actor.member)?.teamId ?? null;
  return { ...actor, team, teamMembers: new Set(team ? members.filter((m) => m.teamId === team).map((m) => m.id) : []) };
}

/** May the viewer see this consultant's private records (call logs, their history, event notes)? */
export function seesPrivate(viewer: Viewer, consultant: string | null | undefined): boolean {
  if (viewer.role === 'manager') return true;
  if (!consultant) return false;
  if (viewer.role === 'lead') return viewer.teamMembers.has(consultant);
  return consultant === viewer.member;
}

/** May the viewer write call logs of this consultant? Her own; a manager's: anyone's. */
export function writesLogOf(viewer: Viewer, consultant: unknown): boolean {
  return viewer.role === 'manager' || (typeof consultant === 'string' && consultant === viewer.member);
}

/** May the viewer record, edit or delete (non-appeal) events of this consultant? A lead: her team's others; a manager: anyone's. */
export function managesEventsOf(viewer: Viewer, consultant: unknown): boolean {
  if (viewer.role === 'manager') return true;
  return viewer.role === 'lead' && typeof consultant === 'string' && consultant !== viewer.member && viewer.teamMembers.has(consultant);
}

/**
 * What a pull's visibility depends on besides the data: part of the epoch the
 * client gets, so a change of role or team makes it reset and re-pull.
 */
export function scopeOf(viewer: Viewer): string {
  const parts = [viewer.member, viewer.role, viewer.team ?? ''];
  if (viewer.role === 'lead') parts.push(...[...viewer.teamMembers].sort());
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 12);
}

/** A record as the viewer may receive it (undefined: not at all). */
export function visibleRecord(viewer: Viewer, kind: string, record: unknown): unknown {
  if (!record || typeof record !== 'object') return undefined;
  const r = record as Record<string, unknown>;
  switch (kind) {
    case 'callLogs':
      return seesPrivate(viewer, r.consultant as string) ? record : undefined;
    case 'appeals':
      return seesPrivate(viewer, r.consultant as string) ? record : undefined;
    case 'callLogHistory':
      return undefined; // only through pulls, where its consultant is known
    case 'drafts':
      return r.editor === viewer.member ? record : undefined;
    case 'formDrafts':
      return r.owner === viewer.member ? record : undefined;
    case 'events':
      return withoutNote(viewer, r);
    default:
      return record;
  }
}

/** An event without its free-text note when the viewer may not see its consultant's private data. */
export function withoutNote(viewer: Viewer, event: Record<string, unknown>): Record<string, unknown> {
  if (event.note === undefined || seesPrivate(viewer, event.consultant as string)) return event;
  const { note: _note, ...rest } = event;
  return rest;
}
