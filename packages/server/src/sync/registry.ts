/**
 * The mutations a client may push: each is one of the store's domain
 * methods, with the JSON schema of its arguments, the rule that says who may
 * call it with these arguments (checked inside the push's transaction), and
 * the call itself — `by` always the token's member, never an argument.
 *
 * Adding a store method is one line here (plus its argument schema in
 * `schemas.ts`), e.g. a future `withdrawAppeal`:
 *
 * ```ts
 * withdrawAppeal: m<{ id: string; expectedRev: number }>(ARGS.withdrawAppeal, ownAppealById, (s, a, by) => s.withdrawAppeal(a.id, { ...by, expectedRev: a.expectedRev }), (a) => appeal(a.id)),
 * ```
 *
 * @module
 */
import type { SchemaObject } from 'ajv';
import { managesEventsOf, writesLogOf, type Viewer } from '../policy.js';
import type {
  Actor,
  AppealDecision,
  AppealInput,
  CallLogInput,
  EventInput,
  FormDraftInput,
  MemberInput,
  RecordKind,
  RulecardStore,
  TeamInput,
} from '../store.js';
import { ARGS } from './schemas.js';
import { isStoreError, mergeEdit } from '../store.js';

/** What a rule may read: the store over the push's transaction (before the mutation runs). */
export interface RuleContext {
  viewer: Viewer;
  store: RulecardStore;
}

/** `null`: allowed; otherwise why not (returned as `rejected`, code `forbidden`). */
export type Rule<A> = (ctx: RuleContext, args: A) => Promise<string | null> | string | null;

export interface MutationDef<A> {
  args: SchemaObject;
  allow: Rule<A>;
  /** The store call; `actor` is the token's member and role (the store checks roles too where it knows them). */
  run(store: RulecardStore, args: A, actor: Required<Actor>, now: Date): Promise<unknown>;
  /** The record a mutation is about: sent back (as the viewer may see it) with a conflict or a rejection. */
  target?: (args: A) => { kind: RecordKind; key: string } | undefined;
}

function m<A>(args: SchemaObject, allow: Rule<A>, run: MutationDef<A>['run'], target?: MutationDef<A>['target']): MutationDef<A> {
  return { args, allow, run, target };
}

// ------------------------------------------------------------------ rules

const anyone: Rule<unknown> = () => null;
const managers: Rule<unknown> = ({ viewer }) => (viewer.role === 'manager' ? null : 'manager-only');

/** A form draft named by the arguments is the caller's own (or does not exist yet). */
async function ownDraft({ viewer, store }: RuleContext, id: string | undefined): Promise<string | null> {
  if (!id) return null;
  const draft = await store.getFormDraft(id);
  return draft && draft.owner !== viewer.member ? 'not-own-draft' : null;
}

/** Every new call log is the caller's own (a manager's: anyone's). */
const ownNewLogs =
  <A extends { draftId?: string }>(consultants: (a: A) => unknown[]): Rule<A> =>
  (ctx, a) =>
    consultants(a).every((c) => writesLogOf(ctx.viewer, c)) ? ownDraft(ctx, a.draftId) : 'not-own-call-log';

/** The stored log is the caller's own, and stays hers. */
const ownLog =
  <A extends { id: string; patch?: { consultant?: string | null }; draftId?: string }>(): Rule<A> =>
  async (ctx, a) => {
    const { viewer, store } = ctx;
    if (viewer.role !== 'manager') {
      const log = await store.getCallLogUnmasked(a.id);
      if (log && !writesLogOf(viewer, log.consultant)) return 'not-own-call-log';
      if (a.patch && 'consultant' in a.patch && a.patch.consultant != null && !writesLogOf(viewer, a.patch.consultant))
        return 'not-own-call-log';
    }
    return ownDraft(ctx, a.draftId);
  };

const newEvent: Rule<{ input: EventInput }> = ({ viewer }, a) => (managesEventsOf(viewer, a.input.consultant) ? null : 'not-team-event');

/** Edit or delete: a lead her team's others' events (and they stay in her team); a manager any. */
const teamEvent: Rule<{ id: string; patch?: Partial<EventInput> }> = async ({ viewer, store }, a) => {
  if (viewer.role === 'manager') return null;
  const ev = await store.getEvent(a.id);
  if (ev && !managesEventsOf(viewer, ev.consultant)) return 'not-team-event';
  if (a.patch?.consultant != null && !managesEventsOf(viewer, a.patch.consultant)) return 'not-team-event';
  return null;
};

/** Appeals: one's own lines (a manager: anyone's). */
const ownAppeal: Rule<{ input: AppealInput }> = ({ viewer }, a) =>
  viewer.role === 'manager' || a.input.consultant === viewer.member ? null : 'not-own-appeal';

/** Deciding: a lead for her team's other members, a manager for anyone. */
const decides: Rule<{ id: string }> = async ({ viewer, store }, a) => {
  if (viewer.role === 'manager') return null;
  if (viewer.role !== 'lead') return 'deciders-only';
  const appeal = await store.getAppeal(a.id);
  return !appeal || managesEventsOf(viewer, appeal.consultant) ? null : 'not-team-appeal';
};

const ownFormDraft: Rule<{ id?: string; input?: { id: string } }> = (ctx, a) => ownDraft(ctx, a.input?.id ?? a.id);

// ------------------------------------------------------------------ calls

const log = (id: string | undefined) => (id ? { kind: 'callLogs' as const, key: id } : undefined);
const event = (id: string | undefined) => (id ? { kind: 'events' as const, key: id } : undefined);
const appeal = (id: string | undefined) => (id ? { kind: 'appeals' as const, key: id } : undefined);

type LogArgs = { id: string; patch: Partial<CallLogInput>; expectedRev: number; draftId?: string };

/** The registry: mutation name → definition. Names are the store's method names. */
export const MUTATIONS = {
  createCallLog: m<{ input: CallLogInput; draftId?: string }>(
    ARGS.createCallLog,
    ownNewLogs<{ input: CallLogInput; draftId?: string }>((a) => [a.input.consultant]),
    (s, a, by) => s.createCallLog(a.input, by, { draftId: a.draftId }),
    (a) => log(a.input.id),
  ),
  updateCallLog: m<LogArgs>(
    ARGS.updateCallLog,
    ownLog(),
    async (s, a, by) => {
      try {
        return await s.updateCallLog(a.id, a.patch, { ...by, expectedRev: a.expectedRev }, { draftId: a.draftId });
      } catch (e) {
        // Made on an older revision: merged when the revisions since changed other fields only (else the conflict).
        const current = isStoreError(e) && e.code === 'conflict' ? await s.getCallLogUnmasked(a.id) : undefined;
        const patch = current && mergeEdit(await s.callLogHistory(a.id), a.expectedRev, current.rev, a.patch);
        if (!current || !patch) throw e;
        return s.updateCallLog(a.id, patch, { ...by, expectedRev: current.rev }, { draftId: a.draftId });
      }
    },
    (a) => log(a.id),
  ),
  markFollowUpDone: m<{ id: string; at?: string; expectedRev: number }>(
    ARGS.markFollowUpDone,
    ownLog(),
    (s, a, by) => s.markFollowUpDone(a.id, { at: a.at, expectedRev: a.expectedRev }, by),
    (a) => log(a.id),
  ),
  deleteCallLog: m<{ id: string; expectedRev: number }>(
    ARGS.deleteCallLog,
    ownLog(),
    (s, a, by) => s.deleteCallLog(a.id, { ...by, expectedRev: a.expectedRev }),
    (a) => log(a.id),
  ),
  importCallLogs: m<{ inputs: CallLogInput[] }>(
    ARGS.importCallLogs,
    ownNewLogs<{ inputs: CallLogInput[]; draftId?: string }>((a) => a.inputs.map((i) => i.consultant)),
    (s, a, by) => s.importCallLogs(a.inputs, by),
  ),
  saveFormDraft: m<{ input: FormDraftInput }>(
    ARGS.saveFormDraft,
    ownFormDraft,
    (s, a, by) => s.saveFormDraft(a.input, by),
    (a) => ({ kind: 'formDrafts', key: a.input.id }),
  ),
  deleteFormDraft: m<{ id: string }>(ARGS.deleteFormDraft, ownFormDraft, (s, a, by) => s.deleteFormDraft(a.id, by)),
  recordEvent: m<{ input: EventInput }>(
    ARGS.recordEvent,
    newEvent,
    (s, a, by) => s.recordEvent(a.input, by),
    (a) => event(a.input.id),
  ),
  updateEvent: m<{ id: string; patch: Partial<EventInput>; expectedRev: number }>(
    ARGS.updateEvent,
    teamEvent,
    (s, a, by) => s.updateEvent(a.id, a.patch, { ...by, expectedRev: a.expectedRev }),
    (a) => event(a.id),
  ),
  deleteEvent: m<{ id: string; expectedRev: number }>(
    ARGS.deleteEvent,
    teamEvent,
    (s, a, by) => s.deleteEvent(a.id, { ...by, expectedRev: a.expectedRev }),
    (a) => event(a.id),
  ),
  openAppeal: m<{ input: AppealInput }>(
    ARGS.openAppeal,
    ownAppeal,
    (s, a, by) => s.openAppeal(a.input, by),
    (a) => appeal(a.input.id),
  ),
  decideAppeal: m<{ id: string; decision: AppealDecision }>(
    ARGS.decideAppeal,
    decides,
    (s, a, by) => s.decideAppeal(a.id, a.decision, by),
    (a) => appeal(a.id),
  ),
  publishRulebook: m<{
    rulebookId?: string;
    source: string;
    effectiveFrom: string;
    note?: string;
    confirmPastDate?: boolean;
    draftRev?: number;
    expectedVersion?: number;
  }>(ARGS.publishRulebook, managers, (s, a, by) => s.publishRulebook({ ...a, author: by.by })),
  withdrawRulebook: m<{ rulebookId: string; version: number; reason: string }>(ARGS.withdrawRulebook, managers, (s, a, by) =>
    s.withdrawRulebook(a.rulebookId, a.version, { reason: a.reason }, by),
  ),
  saveDraft: m<{ rulebookId?: string; source: string; effectiveFrom?: string; expectedRev?: number }>(
    ARGS.saveDraft,
    managers,
    (s, a, by) => s.saveDraft({ ...a, editor: by.by }),
  ),
  deleteDraft: m<{ rulebookId?: string }>(ARGS.deleteDraft, managers, (s, a, by) => s.deleteDraft(by.by, a.rulebookId)),
  putTeam: m<{ team: TeamInput; expectedRev?: number }>(
    ARGS.putTeam,
    managers,
    (s, a) => s.putTeam(a.team, { expectedRev: a.expectedRev }),
    (a) => ({ kind: 'teams', key: a.team.id }),
  ),
  putMember: m<{ member: MemberInput; expectedRev?: number }>(
    ARGS.putMember,
    managers,
    (s, a) => s.putMember(a.member, { expectedRev: a.expectedRev }),
    (a) => ({ kind: 'members', key: a.member.id }),
  ),
  removeMember: m<{ id: string; expectedRev: number }>(
    ARGS.removeMember,
    managers,
    (s, a, by) => s.removeMember(a.id, { ...by, expectedRev: a.expectedRev }),
    (a) => ({ kind: 'members', key: a.id }),
  ),
  removeTeam: m<{ id: string; expectedRev: number }>(
    ARGS.removeTeam,
    managers,
    (s, a, by) => s.removeTeam(a.id, { ...by, expectedRev: a.expectedRev }),
    (a) => ({ kind: 'teams', key: a.id }),
  ),
  importRoster: m<{ table: string[][] }>(ARGS.importRoster, managers, (s, a, by) => s.importRoster(a.table, by)),
  closeMonth: m<{ month: string; reason?: string }>(
    ARGS.closeMonth,
    managers,
    (s, a, by) => s.closeMonth(a.month, { ...by, reason: a.reason }),
    (a) => ({ kind: 'periods', key: a.month }),
  ),
  reopenMonth: m<{ month: string; reason: string }>(
    ARGS.reopenMonth,
    managers,
    (s, a, by) => s.reopenMonth(a.month, { ...by, reason: a.reason }),
    (a) => ({ kind: 'periods', key: a.month }),
  ),
  refreshOverdueFollowUps: m<Record<string, never>>(ARGS.refreshOverdueFollowUps, anyone, (s, _a, _by, now) =>
    s.refreshOverdueFollowUps(now),
  ),
} satisfies Record<keyof typeof ARGS, MutationDef<never>>;

export type MutationName = keyof typeof MUTATIONS;

/** The definition of a name, if it is one (own properties only: never `constructor`, `__proto__`…). */
export function mutationDef(name: string): MutationDef<unknown> | undefined {
  return Object.hasOwn(MUTATIONS, name) ? (MUTATIONS[name as MutationName] as MutationDef<unknown>) : undefined;
}
