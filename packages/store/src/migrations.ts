/**
 * The ordered migrations that bring any older database (or none) up to {@link SCHEMA_VERSION} with every record
 * kept (the history is in `schema.ts`). Loaded by `idb-adapter.ts` only when opening finds the database missing
 * or older: a page whose database is current does not download them.
 *
 * @module
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { CallLog, CompiledRulebook, MemberRecord, RulebookVersion, StoredEvent, TeamRecord, CallChannel } from './types.js';
import type { EventDay, LogDay } from './schema.js';
import { withLogIndexes } from './schema.js';
import { dayOf, instantOf, addMinutes } from '@rulecard/dsl/calendar';
import { deriveEvents } from './derive.js';
import { FOLLOW_UP_MINUTES } from './call-log-basics.js';
import { convertLegacyAppeals } from './legacy-appeals.js';
import { leadsFromRoles } from './roster.js';

// ------------------------------------------------------------------ v1 record shapes (legacy)

/** A v1 rulebook record. */
export interface V1Rulebook {
  id: string;
  source: string;
  compiled: CompiledRulebook;
  author: string;
  publishedAt: string;
  effectiveFrom: string;
}

/** A v1 call log: the form fields, `createdAt` and `author`, no revision. */
export interface V1CallLog {
  id: string;
  date: string;
  time: string;
  consultant: string;
  channel: CallChannel;
  customerName?: string;
  contact?: string;
  age?: number;
  region?: string;
  source?: string;
  project?: string;
  question?: string;
  answer?: string;
  booked: boolean;
  bookingAt?: string;
  bookingExpert?: string;
  followUpPromised: boolean;
  followUpDoneAt?: string;
  recordingRef?: string;
  createdAt: string;
  author: string;
}

export interface V1Event {
  id: string;
  type: string;
  consultant: string;
  at: string;
  amount?: number;
  attrs?: Record<string, string | number | boolean>;
  recordedBy: string;
  createdAt: string;
}

export interface V1RosterMember {
  id: string;
  name: string;
  /** Team name. */
  team: string;
  role: 'consultant' | 'lead' | 'manager';
  joinedOn: string;
}

// ------------------------------------------------------------------ migrations

/** What a migration may touch: the upgrade transaction over any store names (old ones included). */
export type UpgradeDB = IDBPDatabase<unknown>;
export type UpgradeTx = IDBPTransaction<unknown, string[], 'versionchange'>;

export interface MigrationContext {
  timezone: string;
}

export interface Migration {
  version: number;
  description: string;
  run(db: UpgradeDB, tx: UpgradeTx, ctx: MigrationContext): Promise<void>;
}

/** The v1 layout, exactly as the first release created it. */
export function createV1Stores(db: UpgradeDB): void {
  db.createObjectStore('rulebooks', { keyPath: 'id' });
  db.createObjectStore('callLogs', { keyPath: 'id' }).createIndex('by-consultant', 'consultant');
  db.createObjectStore('events', { keyPath: 'id' }).createIndex('by-consultant', 'consultant');
  db.createObjectStore('roster', { keyPath: 'id' });
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'rulebooks, call logs, events, roster',
    async run(db) {
      createV1Stores(db);
    },
  },
  {
    version: 2,
    description: 'versioned rulebooks, drafts, revisions, history, day indexes, derived events, teams, periods',
    async run(db, tx, ctx) {
      const tz = ctx.timezone;
      // Rulebooks → numbered versions of rulebook "default", in publication order.
      const versions = db.createObjectStore('rulebookVersions', { keyPath: ['rulebookId', 'version'] });
      const oldBooks = (await tx.objectStore('rulebooks').getAll()) as V1Rulebook[];
      oldBooks.sort((a, b) => (a.publishedAt < b.publishedAt ? -1 : a.publishedAt > b.publishedAt ? 1 : a.id < b.id ? -1 : 1));
      for (let i = 0; i < oldBooks.length; i++) {
        const b = oldBooks[i];
        const v: RulebookVersion = {
          rulebookId: 'default',
          version: i + 1,
          source: b.source,
          compiled: b.compiled,
          author: b.author,
          publishedAt: b.publishedAt,
          effectiveFrom: b.effectiveFrom,
          note: `v1 id ${b.id}`,
        };
        await versions.put(v);
      }
      db.deleteObjectStore('rulebooks');

      db.createObjectStore('drafts', { keyPath: ['rulebookId', 'editor'] });

      // Roster → teams + members.
      const teams = db.createObjectStore('teams', { keyPath: 'id' });
      const members = db.createObjectStore('members', { keyPath: 'id' });
      members.createIndex('by-team', 'teamId');
      const oldRoster = (await tx.objectStore('roster').getAll()) as V1RosterMember[];
      const teamNames = [...new Set(oldRoster.map((m) => m.team))];
      for (const name of teamNames) await teams.put({ id: name, name, rev: 1 } satisfies TeamRecord);
      for (const m of oldRoster) {
        const rec: MemberRecord = { id: m.id, name: m.name, teamId: m.team, role: m.role, joinedOn: m.joinedOn, rev: 1 };
        await members.put(rec);
      }
      db.deleteObjectStore('roster');

      // Events: local day, origin, revision; compound indexes.
      const events = tx.objectStore('events');
      events.deleteIndex('by-consultant');
      const oldEvents = (await events.getAll()) as V1Event[];
      for (const e of oldEvents) {
        const rec: StoredEvent = {
          ...e,
          day: dayOf(e.at, tz),
          origin: 'manual',
          rev: 1,
          updatedAt: e.createdAt,
        };
        await events.put(rec);
      }

      // Call logs: instant, revision, authorship; derived events; one record per (consultant, date).
      const oldLogs = (await tx.objectStore('callLogs').getAll()) as V1CallLog[];
      db.deleteObjectStore('callLogs');
      const logDays = db.createObjectStore('logDays', { keyPath: ['consultant', 'date'] });
      logDays.createIndex('by-id', 'ids', { multiEntry: true });
      logDays.createIndex('by-due', 'due', { multiEntry: true });
      const logsByDay = new Map<string, LogDay>();
      for (const old of oldLogs) {
        const { author, ...fields } = old;
        const at = instantOf(old.date, old.time, tz);
        const log: CallLog = {
          ...fields,
          at,
          rev: 1,
          createdBy: author,
          updatedAt: old.createdAt,
          updatedBy: author,
        };
        if (log.followUpPromised && !log.followUpDoneAt) log.followUpDueAt = addMinutes(at, FOLLOW_UP_MINUTES, tz);
        const dayKey = `${log.consultant}\u0000${log.date}`;
        let day = logsByDay.get(dayKey);
        if (!day) logsByDay.set(dayKey, (day = { consultant: log.consultant, date: log.date, logs: {}, ids: [], due: [] }));
        day.logs[log.id] = log;
        for (const ev of deriveEvents(log, { timezone: tz, now: new Date(old.createdAt), select: 'stored' })) await events.put(ev);
      }

      for (const day of logsByDay.values()) await logDays.put(withLogIndexes(day));

      // The (consultant, day) read projection of every event.
      const days = db.createObjectStore('eventDays', { keyPath: ['consultant', 'day'] });
      const byDay = new Map<string, EventDay>();
      for (const e of (await events.getAll()) as StoredEvent[]) {
        const key = `${e.consultant}\u0000${e.day}`;
        let d = byDay.get(key);
        if (!d) byDay.set(key, (d = { consultant: e.consultant, day: e.day, events: {} }));
        d.events[e.id] = e;
      }
      for (const d of byDay.values()) await days.put(d);

      db.createObjectStore('callLogHistory', { keyPath: 'id' }).createIndex('by-log', 'logId');
      db.createObjectStore('periods', { keyPath: 'month' });
      db.createObjectStore('changes', { keyPath: 'id' }).createIndex('by-month', 'month');
    },
  },
  {
    version: 3,
    description: 'appeals as records (legacy appeal events converted), form drafts',
    async run(db, tx) {
      db.createObjectStore('appeals', { keyPath: 'id' }).createIndex('by-consultant-day', ['consultant', 'day']);
      db.createObjectStore('formDrafts', { keyPath: 'id' }).createIndex('by-owner-form', ['owner', 'form']);
      const events = tx.objectStore('events');
      const old = ((await events.getAll()) as StoredEvent[]).filter(
        (e) => e.type === 'rulecard_appeal' || e.type === 'rulecard_correction',
      );
      const legacy = convertLegacyAppeals(old);
      if (legacy.appeals.length === 0) return;
      const appeals = tx.objectStore('appeals');
      for (const a of legacy.appeals) await appeals.put(a);
      // The events and their (consultant, day) projection lose the appeals and carry the rewritten corrections.
      const days = tx.objectStore('eventDays');
      const touched = new Map<string, EventDay>();
      const dayOfEvent = async (e: StoredEvent): Promise<EventDay> => {
        const key = `${e.consultant}\u0000${e.day}`;
        let d = touched.get(key);
        if (!d) {
          d = ((await days.get([e.consultant, e.day])) as EventDay | undefined) ?? { consultant: e.consultant, day: e.day, events: {} };
          touched.set(key, d);
        }
        return d;
      };
      const removed = new Set(legacy.removed);
      for (const e of old) {
        if (!removed.has(e.id)) continue;
        await events.delete(e.id);
        delete (await dayOfEvent(e)).events[e.id];
      }
      for (const c of legacy.corrections) {
        await events.put(c);
        (await dayOfEvent(c)).events[c.id] = c;
      }
      for (const d of touched.values()) {
        if (Object.keys(d.events).length) await days.put(d);
        else await days.delete([d.consultant, d.day]);
      }
    },
  },
  {
    version: 4,
    description: 'roster v2: teams get their lead from their one member of role lead (members may carry pay items and targets)',
    async run(_db, tx) {
      const teams = tx.objectStore('teams');
      const members = (await tx.objectStore('members').getAll()) as MemberRecord[];
      for (const team of leadsFromRoles((await teams.getAll()) as TeamRecord[], members)) await teams.put(team);
    },
  },
  {
    version: 5,
    description: 'sync: outbox, pending marks, issues and sync metadata',
    async run(db) {
      db.createObjectStore('outbox', { keyPath: ['clientID', 'id'] });
      db.createObjectStore('syncPending', { keyPath: 'key' });
      db.createObjectStore('syncIssues', { keyPath: ['clientID', 'id'] });
      db.createObjectStore('syncMeta', { keyPath: 'key' });
    },
  },
];
