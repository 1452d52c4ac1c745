/**
 * `POST /pull`: what changed in the caller's branch since her cookie, as she
 * may see it, read in one repeatable-read snapshot.
 *
 * - Cookie `{ epoch, version }`: `version` is the branch version (bumped once
 *   per push, never a timestamp); `epoch` is the branch's epoch (new after a
 *   restore) joined with the caller's scope (member, role, team): when either
 *   changes, or the cookie is ahead of the server, the response is a reset
 *   (`{ op: 'clear' }` then every visible record).
 * - Patch: deletes first, then puts (a key deleted and written again since
 *   the cookie ends up present).
 * - Another consultant's call logs are never sent (nor their history, nor
 *   their events' notes); the events a call log yields on read
 *   (`consultation`, `call_not_fully_registered`, `booking`) are sent in their
 *   place as `events` puts, so team and rank rules score the same in the
 *   browser as on the server.
 * - `lastMutationIDChanges`: the group's clients whose last mutation id moved.
 *
 * @module
 */
import type { Db } from '../db/db.js';
import { PgAdapter } from '../pg-adapter.js';
import { scopeOf, seesPrivate, viewerOf, withoutNote, type Actor, type Viewer } from '../policy.js';
import { KINDS, TABLES, keyJsonSql } from '../records.js';
import { createStore, MemoryAdapter, ON_READ_TYPES, type CallLog, type RecordKind, type StoredEvent } from '../store.js';
import { checkClientGroup, ensureBranch } from './push.js';

export interface Cookie {
  epoch: string;
  version: number;
}

export interface PullRequest {
  clientGroupID: string;
  cookie: Cookie | null;
}

export type PatchOp =
  { op: 'clear' } | { op: 'del'; kind: RecordKind; key: unknown } | { op: 'put'; kind: RecordKind; key: unknown; value: unknown };

export interface PullResponse {
  cookie: Cookie;
  /** True when the client must drop everything it has first (the patch starts with `clear`). */
  reset: boolean;
  lastMutationIDChanges: Record<string, number>;
  patch: PatchOp[];
}

const onReadTypes = [...ON_READ_TYPES];
/** Kinds a member receives only her own records of. */
const OWN_ONLY = new Set<RecordKind>(['drafts', 'formDrafts']);
/** Kinds with a consultant's private data (besides call logs, which others receive as their events). */
const PRIVATE = new Set<RecordKind>(['callLogHistory', 'appeals']);

export async function pull(db: Db, actor: Actor, req: PullRequest, clock: () => Date = () => new Date()): Promise<PullResponse> {
  await ensureBranch(db, actor.branch);
  return db.transaction(
    async (tx) => {
      const [branch] = await tx.query<{ epoch: string; version: number; timezone: string }>(
        'SELECT epoch, version, timezone FROM branches WHERE id = $1',
        [actor.branch],
      );
      await checkClientGroup(tx, actor, req.clientGroupID);
      const viewer = await viewerOf(actor, new PgAdapter(tx, { branch: actor.branch }));
      const epoch = `${branch.epoch}.${scopeOf(viewer)}`;
      const cookie = req.cookie;
      const reset = !cookie || cookie.epoch !== epoch || cookie.version > branch.version;
      const since = reset ? 0 : cookie.version;
      const patch: PatchOp[] = reset ? [{ op: 'clear' }] : [];
      const puts: PatchOp[] = [];

      if (since < branch.version) {
        if (!reset) {
          const gone = await tx.query<{ kind: RecordKind; key: string; owner: string | null }>(
            'SELECT kind, key, owner FROM tombstones WHERE branch_id = $1 AND version > $2 ORDER BY version, kind, key',
            [actor.branch, since],
          );
          for (const g of gone) patch.push(...deletesFor(viewer, g.kind, JSON.parse(g.key) as unknown, g.owner));
        }
        for (const kind of KINDS) {
          const spec = TABLES[kind];
          const params: unknown[] = [actor.branch, since];
          let filter = '';
          if (OWN_ONLY.has(kind)) {
            // Drafts: the member's own.
            params.push(viewer.member);
            filter = ` AND ${spec.owner} = $3`;
          } else if (PRIVATE.has(kind) && viewer.role !== 'manager') {
            // A log's history and appeals: whose private data the member may see.
            params.push([...(viewer.role === 'lead' ? viewer.teamMembers : [viewer.member])]);
            filter = ` AND ${spec.owner} = ANY($3::text[])`;
          }
          const rows = await tx.query<{ key: string; data: Record<string, unknown> }>(
            `SELECT ${keyJsonSql(spec)} AS key, data FROM ${spec.table} WHERE branch_id = $1 AND row_version > $2${filter} ORDER BY row_version, ${spec.key.map((c) => c.name).join(', ')}`,
            params,
          );
          const hidden: CallLog[] = [];
          for (const r of rows) {
            const key = JSON.parse(r.key) as unknown;
            if (kind === 'callLogs' && !seesPrivate(viewer, r.data.consultant as string)) hidden.push(r.data as unknown as CallLog);
            else if (kind === 'events') puts.push({ op: 'put', kind, key, value: withoutNote(viewer, r.data) });
            else puts.push({ op: 'put', kind, key, value: r.data });
          }
          // Another's call log: the events it yields when read, in its place.
          for (const [log, derived] of await onReadEvents(hidden, branch.timezone, clock())) {
            const made = new Set(derived.map((e) => e.id));
            if (!reset)
              for (const t of onReadTypes)
                if (!made.has(`${log.id}~${t}`)) patch.push({ op: 'del', kind: 'events', key: `${log.id}~${t}` });
            for (const e of derived)
              puts.push({ op: 'put', kind: 'events', key: e.id, value: withoutNote(viewer, e as unknown as Record<string, unknown>) });
          }
        }
      }

      const clients = await tx.query<{ id: string; last_mutation_id: number }>(
        'SELECT id, last_mutation_id FROM clients WHERE client_group_id = $1 AND version > $2 ORDER BY id',
        [req.clientGroupID, since],
      );
      const lastMutationIDChanges: Record<string, number> = {};
      for (const c of clients) lastMutationIDChanges[c.id] = c.last_mutation_id;
      return { cookie: { epoch, version: branch.version }, reset, lastMutationIDChanges, patch: [...patch, ...puts] };
    },
    { isolation: 'repeatable read', readOnly: true },
  );
}

/** The events each call log yields when read (`consultation`, `call_not_fully_registered`, `booking`), as the store computes them. */
async function onReadEvents(logs: CallLog[], timezone: string, now: Date): Promise<[CallLog, StoredEvent[]][]> {
  if (logs.length === 0) return [];
  const memory = new MemoryAdapter();
  await memory.commit(logs.map((record) => ({ kind: 'callLogs' as const, op: 'put' as const, record })));
  const store = createStore(memory, { timezone, now: () => now, incremental: false });
  const out: [CallLog, StoredEvent[]][] = [];
  for (const log of logs) {
    const events: StoredEvent[] = [];
    for (const t of onReadTypes) {
      const e = await store.getEvent(`${log.id}~${t}`);
      if (e) events.push(e);
    }
    out.push([log, events]);
  }
  memory.close();
  return out;
}

/** The deletes a tombstone means for this viewer. */
function deletesFor(viewer: Viewer, kind: RecordKind, key: unknown, owner: string | null): PatchOp[] {
  if (kind === 'callLogs' && !seesPrivate(viewer, owner)) {
    // She had the log's on-read events, not the log.
    return onReadTypes.map((t) => ({ op: 'del', kind: 'events', key: `${String(key)}~${t}` }));
  }
  if (PRIVATE.has(kind) && !seesPrivate(viewer, owner)) return [];
  if (OWN_ONLY.has(kind) && owner !== viewer.member) return [];
  return [{ op: 'del', kind, key }];
}
