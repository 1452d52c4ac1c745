/**
 * The mutations a client may push: each is one of the store's domain
 * methods, with the JSON schema of its arguments, the rule that says who may
 * call it with these arguments (checked inside the push's transaction), and
 * the call itself — `by` always the token's member, never an argument.
 *
 * Adding a store method is one line here (plus its argument schema in
 * `schemas.ts`):
 *
 * ```ts
 * markFollowUpDone: m(ARGS.markFollowUpDone, ownLog((a) => a.id), (s, a, by) => s.markFollowUpDone(a.id, { by, expectedRev: a.expectedRev }), log((a) => a.id)),
 * ```
 *
 * @module
 */
import { compile, type Diagnostic } from '@rulecard/dsl';
import type { SchemaObject } from 'ajv';
import { managesEventsOf, writesLogOf, type Viewer } from '../policy.js';
import {
  APPEAL_TYPE,
  StoreError,
  type CallLogInput,
  type EventInput,
  type MemberInput,
  type RecordKind,
  type RulecardStore,
  type TeamInput,
} from '../store.js';
import { ARGS } from './schemas.js';

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
  run(store: RulecardStore, args: A, by: string, now: Date): Promise<unknown>;
  /** The record a mutation is about: sent back (as the viewer may see it) with a conflict or a rejection. */
  target?: (args: A) => { kind: RecordKind; key: string } | undefined;
}

function m<A>(args: SchemaObject, allow: Rule<A>, run: MutationDef<A>['run'], target?: MutationDef<A>['target']): MutationDef<A> {
  return { args, allow, run, target };
}

// ------------------------------------------------------------------ rules

const anyone: Rule<unknown> = () => null;
const managers: Rule<unknown> = ({ viewer }) => (viewer.role === 'manager' ? null : 'manager-only');

/** Every new call log is the caller's own (a manager's: anyone's). */
const ownNewLogs =
  <A>(consultants: (a: A) => unknown[]): Rule<A> =>
  ({ viewer }, a) =>
    consultants(a).every((c) => writesLogOf(viewer, c)) ? null : 'not-own-call-log';

/** The stored log is the caller's own, and stays hers. */
const ownLog =
  <A extends { id: string; patch?: { consultant?: string | null } }>(): Rule<A> =>
  async ({ viewer, store }, a) => {
    if (viewer.role === 'manager') return null;
    const log = await store.getCallLogUnmasked(a.id);
    if (log && !writesLogOf(viewer, log.consultant)) return 'not-own-call-log';
    if (a.patch && 'consultant' in a.patch && a.patch.consultant != null && !writesLogOf(viewer, a.patch.consultant))
      return 'not-own-call-log';
    return null;
  };

type Attrs = EventInput['attrs'];

/** An appeal the caller opens on herself (still open, opened by her). */
function ownAppeal(viewer: Viewer, e: { type?: unknown; consultant?: unknown; attrs?: Attrs | null }): boolean {
  if (e.type !== APPEAL_TYPE || e.consultant !== viewer.member) return false;
  const status = e.attrs?.status;
  const openedBy = e.attrs?.openedBy;
  return (status === undefined || status === 'open') && (openedBy === undefined || openedBy === viewer.member);
}

const newEvent: Rule<{ input: EventInput }> = ({ viewer }, a) =>
  managesEventsOf(viewer, a.input.consultant) || ownAppeal(viewer, a.input) ? null : 'not-team-event';

/** Edit: a lead her team's others' events (and they stay in her team); a manager any. */
const editEvent: Rule<{ id: string; patch: Partial<EventInput> }> = async ({ viewer, store }, a) => {
  if (viewer.role === 'manager') return null;
  const ev = await store.getEvent(a.id);
  if (ev && !managesEventsOf(viewer, ev.consultant)) return 'not-team-event';
  if (a.patch.consultant != null && !managesEventsOf(viewer, a.patch.consultant)) return 'not-team-event';
  return null;
};

/** Delete: as edit, or the caller withdrawing her own open appeal. */
const deleteEvent: Rule<{ id: string }> = async ({ viewer, store }, a) => {
  if (viewer.role === 'manager') return null;
  const ev = await store.getEvent(a.id);
  if (!ev || managesEventsOf(viewer, ev.consultant) || ownAppeal(viewer, ev)) return null;
  return 'not-team-event';
};

// ------------------------------------------------------------------ calls

const log = (id: string | undefined) => (id ? { kind: 'callLogs' as const, key: id } : undefined);
const event = (id: string | undefined) => (id ? { kind: 'events' as const, key: id } : undefined);

/** The compiled program of a rulebook source, or a `validation` error with the compiler's diagnostics. */
export function compileOnServer(source: string, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const { rulebook, diagnostics } = compile(source, { locale });
  if (rulebook) return rulebook;
  const errors = diagnostics.filter((d: Diagnostic) => d.severity === 'error');
  throw new StoreError('validation', {
    fields: [
      {
        field: 'source',
        reason: 'compile',
        message: {
          'zh-CN': `规则有 ${errors.length} 处错误，未发布`,
          en: `the rulebook has ${errors.length} error(s) and was not published`,
        },
      },
    ],
    details: { diagnostics: errors.map((d) => ({ code: d.code, message: d.message, range: d.range })) },
  });
}

/** The registry: mutation name → definition. Names are the store's method names. */
export const MUTATIONS = {
  createCallLog: m<{ input: CallLogInput }>(
    ARGS.createCallLog,
    ownNewLogs((a) => [a.input.consultant]),
    (s, a, by) => s.createCallLog(a.input, { by }),
    (a) => log(a.input.id),
  ),
  updateCallLog: m<{ id: string; patch: Partial<CallLogInput>; expectedRev: number }>(
    ARGS.updateCallLog,
    ownLog(),
    (s, a, by) => s.updateCallLog(a.id, a.patch, { by, expectedRev: a.expectedRev }),
    (a) => log(a.id),
  ),
  deleteCallLog: m<{ id: string; expectedRev: number }>(
    ARGS.deleteCallLog,
    ownLog(),
    (s, a, by) => s.deleteCallLog(a.id, { by, expectedRev: a.expectedRev }),
    (a) => log(a.id),
  ),
  importCallLogs: m<{ inputs: CallLogInput[] }>(
    ARGS.importCallLogs,
    ownNewLogs((a) => a.inputs.map((i) => i.consultant)),
    (s, a, by) => s.importCallLogs(a.inputs, { by }),
  ),
  recordEvent: m<{ input: EventInput }>(
    ARGS.recordEvent,
    newEvent,
    (s, a, by) => s.recordEvent(a.input, { by }),
    (a) => event(a.input.id),
  ),
  updateEvent: m<{ id: string; patch: Partial<EventInput>; expectedRev: number }>(
    ARGS.updateEvent,
    editEvent,
    (s, a, by) => s.updateEvent(a.id, a.patch, { by, expectedRev: a.expectedRev }),
    (a) => event(a.id),
  ),
  deleteEvent: m<{ id: string; expectedRev: number }>(
    ARGS.deleteEvent,
    deleteEvent,
    (s, a, by) => s.deleteEvent(a.id, { by, expectedRev: a.expectedRev }),
    (a) => event(a.id),
  ),
  publishRulebook: m<{ rulebookId?: string; source: string; effectiveFrom: string; note?: string; locale?: 'zh-CN' | 'en' }>(
    ARGS.publishRulebook,
    managers,
    (s, a, by) =>
      s.publishRulebook({
        rulebookId: a.rulebookId,
        source: a.source,
        compiled: compileOnServer(a.source, a.locale),
        author: by,
        effectiveFrom: a.effectiveFrom,
        note: a.note,
      }),
  ),
  saveDraft: m<{ rulebookId?: string; source: string; effectiveFrom?: string; expectedRev?: number }>(
    ARGS.saveDraft,
    managers,
    (s, a, by) => s.saveDraft({ ...a, editor: by }),
  ),
  deleteDraft: m<{ rulebookId?: string }>(ARGS.deleteDraft, managers, (s, a, by) => s.deleteDraft(by, a.rulebookId)),
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
  closeMonth: m<{ month: string; reason?: string }>(
    ARGS.closeMonth,
    managers,
    (s, a, by) => s.closeMonth(a.month, { by, reason: a.reason }),
    (a) => ({ kind: 'periods', key: a.month }),
  ),
  reopenMonth: m<{ month: string; reason: string }>(
    ARGS.reopenMonth,
    managers,
    (s, a, by) => s.reopenMonth(a.month, { by, reason: a.reason }),
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
