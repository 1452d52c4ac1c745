/**
 * The outbox: each write through a domain method, recorded as the call the
 * server of record replays (`{ clientID, id, name, args }`, docs/sync.md) in
 * the same IndexedDB transaction as its local effect.
 *
 * {@link mutationOf} turns a store call (`createCallLog(input, actor,
 * options)`) into the server's arguments (`{ input, draftId }`: no `by`, the
 * server sets it from the token) and gives every record the call creates its
 * id first, so the browser and the server create the same record.
 *
 * @module
 */
import type { KeyValue } from './adapter.js';
import { newId } from './internal.js';
import type { RecordKind } from './types.js';

/** A domain call waiting for the server. `id` counts 1, 2, 3… per `clientID` (a tab), with no gap. */
export interface OutboxEntry {
  clientID: string;
  id: number;
  /** The store method (and the server's mutation name). */
  name: string;
  /** Its arguments as the server takes them (docs/sync.md). */
  args: Record<string, unknown>;
  /** Who made the call: it is pushed only with that member's token. */
  member: string;
  /** When it was made (this device's clock; shown as the age of the oldest pending call). */
  at: string;
  /** The records its commit wrote (`kind|JSON key`): a pull leaves them alone while it is pending. */
  touched: string[];
}

/** How many pending entries touch one record. */
export interface PendingMark {
  key: string;
  kind: RecordKind;
  /** The record's primary key. */
  k: KeyValue;
  count: number;
}

/** A call the server did not apply as made: kept until the user settles it. */
export interface SyncIssue extends OutboxEntry {
  status: 'conflict' | 'rejected';
  code?: string;
  message?: { 'zh-CN': string; en: string };
  /** The server's current record (for a conflict: the winning version; the losing edit is `args`). */
  server?: unknown;
  fields?: unknown;
  details?: unknown;
  /** When the server's answer arrived. */
  receivedAt: string;
}

/** A sync metadata record (JSON value). */
export interface SyncMeta {
  key: string;
  value: unknown;
}

/** A store call as the server replays it. */
export interface MutationCall {
  name: string;
  args: Record<string, unknown>;
  member: string;
}

/** The text key of a record in `syncPending` and `OutboxEntry.touched`. */
export function pendingKey(kind: RecordKind, key: KeyValue): string {
  return `${kind}|${JSON.stringify(key)}`;
}

type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const by = (v: unknown): string => String(obj(v).by ?? '');
/** Drop `undefined` (JSON would) so the recorded args equal what is sent. */
function clean(o: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}
function withId(input: unknown, prefix: string): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const o = input as Obj;
  return o.id === undefined || o.id === null || o.id === '' ? { ...o, id: newId(prefix) } : input;
}

/** A recorded call: the arguments the store method is called with (ids given), and the mutation. */
export interface Recorded {
  call: unknown[];
  mutation: MutationCall;
}

type Recorder = (a: unknown[]) => Recorded;

const rec = (name: string, member: string, args: Obj, call: unknown[]): Recorded => ({
  call,
  mutation: { name, member, args: clean(args) },
});

/**
 * Every store write method and how its call becomes the server's mutation
 * (`packages/server/src/sync/registry.ts` has one entry for each name here).
 * `refreshOverdueFollowUps` is not recorded: the server runs it itself.
 */
export const RECORDERS: Record<string, Recorder> = {
  createCallLog: ([input, actor, options]) => {
    const i = withId(input, 'log');
    return rec('createCallLog', by(actor), { input: i, draftId: obj(options).draftId }, [i, actor, options]);
  },
  updateCallLog: ([id, patch, check, options]) =>
    rec('updateCallLog', by(check), { id, patch, expectedRev: obj(check).expectedRev, draftId: obj(options).draftId }, [
      id,
      patch,
      check,
      options,
    ]),
  markFollowUpDone: ([id, input, actor]) =>
    rec('markFollowUpDone', by(actor), { id, at: obj(input).at, expectedRev: obj(input).expectedRev }, [id, input, actor]),
  deleteCallLog: ([id, check]) => rec('deleteCallLog', by(check), { id, expectedRev: obj(check).expectedRev }, [id, check]),
  importCallLogs: ([inputs, actor]) => {
    const list = Array.isArray(inputs) ? inputs.map((i) => withId(i, 'log')) : inputs;
    return rec('importCallLogs', by(actor), { inputs: list }, [list, actor]);
  },
  saveFormDraft: ([input, actor]) => rec('saveFormDraft', by(actor), { input }, [input, actor]),
  deleteFormDraft: ([id, actor]) => rec('deleteFormDraft', by(actor), { id }, [id, actor]),
  recordEvent: ([input, actor]) => {
    const i = withId(input, 'ev');
    return rec('recordEvent', by(actor), { input: i }, [i, actor]);
  },
  updateEvent: ([id, patch, check]) =>
    rec('updateEvent', by(check), { id, patch, expectedRev: obj(check).expectedRev }, [id, patch, check]),
  deleteEvent: ([id, check]) => rec('deleteEvent', by(check), { id, expectedRev: obj(check).expectedRev }, [id, check]),
  openAppeal: ([input, actor]) => {
    const i = withId(input, 'appeal');
    return rec('openAppeal', by(actor), { input: i }, [i, actor]);
  },
  decideAppeal: ([id, decision, actor]) => rec('decideAppeal', by(actor), { id, decision }, [id, decision, actor]),
  publishRulebook: ([input]) => {
    const i = obj(input);
    const args = {
      rulebookId: i.rulebookId,
      source: i.source,
      effectiveFrom: i.effectiveFrom,
      note: i.note,
      confirmPastDate: i.confirmPastDate,
      // The version the manager saw as the latest: the server refuses the publish when another came first.
      expectedVersion: i.expectedVersion,
    };
    return rec('publishRulebook', String(i.author ?? ''), args, [input]);
  },
  withdrawRulebook: ([rulebookId, version, input, actor]) =>
    rec('withdrawRulebook', by(actor), { rulebookId, version, reason: obj(input).reason }, [rulebookId, version, input, actor]),
  saveDraft: ([draft]) => {
    const d = obj(draft);
    const args = { rulebookId: d.rulebookId, source: d.source, effectiveFrom: d.effectiveFrom, expectedRev: d.expectedRev };
    return rec('saveDraft', String(d.editor ?? ''), args, [draft]);
  },
  deleteDraft: ([editor, rulebookId]) => rec('deleteDraft', String(editor ?? ''), { rulebookId }, [editor, rulebookId]),
  putTeam: ([team, check]) => rec('putTeam', by(check), { team, expectedRev: obj(check).expectedRev }, [team, check]),
  putMember: ([member, check]) => rec('putMember', by(check), { member, expectedRev: obj(check).expectedRev }, [member, check]),
  removeMember: ([id, check]) => rec('removeMember', by(check), { id, expectedRev: obj(check).expectedRev }, [id, check]),
  removeTeam: ([id, check]) => rec('removeTeam', by(check), { id, expectedRev: obj(check).expectedRev }, [id, check]),
  importRoster: ([table, actor]) => rec('importRoster', by(actor), { table }, [table, actor]),
  closeMonth: ([month, actor]) => rec('closeMonth', by(actor), { month, reason: obj(actor).reason }, [month, actor]),
  reopenMonth: ([month, actor]) => rec('reopenMonth', by(actor), { month, reason: obj(actor).reason }, [month, actor]),
};

/** The names of the store's recorded write methods. */
export const RECORDED_METHODS: readonly string[] = Object.keys(RECORDERS);

/** Whether `method` is a recorded store write. */
export function isRecorded(method: string): boolean {
  return Object.hasOwn(RECORDERS, method);
}

/** The recorded form of a store call, or undefined when `method` is not a recorded write. */
export function mutationOf(method: string, callArgs: unknown[]): Recorded | undefined {
  return Object.hasOwn(RECORDERS, method) ? RECORDERS[method](callArgs) : undefined;
}
