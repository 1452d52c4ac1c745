/**
 * Demo mode (`--demo`, never in production): the demo department is seeded
 * into branch `demo` when it is empty — the example roster and people, the
 * clinic rulebook (`examples/rulebooks/clinic.rules`, compiled here) and the
 * generated month of events, moved into the current month and cut at today
 * as the portal's own seed does — and `POST /demo/token` hands the portal's
 * role switcher a token for any member of it.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { signToken, type AuthOptions } from './auth.js';
import { packageRoot } from './db/migrate.js';
import type { Actor } from './policy.js';
import { compile } from '@rulecard/dsl';
import { dateInZone, lastDayOfMonth } from '@rulecard/dsl/calendar';
import { yuanToFen } from '@rulecard/dsl/money';
import { serverRead, serverWrite } from './sync/push.js';
import { SCHEMA_VERSION, type MemberRecord, type RuleEvent, type StoreExport, type StoredEvent, type TeamRecord } from './store.js';

export const DEMO_BRANCH = 'demo';
const SOURCE_MONTH = '2026-11';
const OFFICE_TEAM = 'office';
const AUTHOR = 'm01';

interface Person {
  id: string;
  name: string;
  role: 'consultant' | 'lead' | 'manager';
  team?: string;
  joined: string;
  /** Yuan a month per pay item of the rulebook (`pay bonus`). */
  pay?: Record<string, number>;
  /** The member's targets (`target sales`). */
  targets?: Record<string, number>;
}

const examples = (...p: string[]): string => path.join(packageRoot(), '..', '..', 'examples', ...p);
const json = <T>(...p: string[]): T => JSON.parse(readFileSync(examples(...p), 'utf8')) as T;

/** The whole demo department as a store export (imported in one transaction). */
export function demoExport(now: Date, timezone = 'Asia/Shanghai'): StoreExport {
  const source = readFileSync(examples('rulebooks', 'clinic.rules'), 'utf8');
  const { rulebook: compiled } = compile(source, { version: 2 });
  if (!compiled) throw new Error('examples/rulebooks/clinic.rules does not compile');
  const people = json<{ people: Person[] }>('data', 'people.json').people;
  const roster = json<{ teams: { id: string; name: string }[] }>('data', 'roster.json');
  const generated = json<RuleEvent[]>('data', 'events-2026-11.json');
  const today = dateInZone(now, timezone);
  const month = today.slice(0, 7);
  const lastDay = Number(lastDayOfMonth(month).slice(8));
  const stamp = now.toISOString();
  const teams: TeamRecord[] = [
    // Each team led by its 组长 (people.json).
    ...roster.teams.map((t) => ({ id: t.id, name: t.name, lead: people.find((p) => p.team === t.id && p.role === 'lead')?.id, rev: 1 })),
    { id: OFFICE_TEAM, name: '客户服务中心', rev: 1 },
  ];
  const members: MemberRecord[] = people.map((p) => ({
    id: p.id,
    name: p.name,
    teamId: p.team ?? OFFICE_TEAM,
    role: p.role,
    joinedOn: p.joined,
    ...(p.pay ? { payFen: Object.fromEntries(Object.entries(p.pay).map(([item, yuan]) => [item, yuanToFen(yuan)])) } : {}),
    ...(p.targets ? { targets: p.targets } : {}),
    rev: 1,
  }));
  const events: StoredEvent[] = [];
  for (const e of generated) {
    if (!e.at.startsWith(SOURCE_MONTH) || Number(e.at.slice(8, 10)) > lastDay) continue;
    const at = month + e.at.slice(7);
    if (at.slice(0, 10) > today) continue;
    events.push({ ...e, at, day: at.slice(0, 10), origin: 'manual', rev: 1, recordedBy: AUTHOR, createdAt: stamp, updatedAt: stamp });
  }
  const monthStart = `${month}-01`;
  return {
    format: 'rulecard-store/1',
    schemaVersion: SCHEMA_VERSION,
    exportedAt: stamp,
    timezone,
    records: {
      teams,
      members,
      rulebookVersions: [
        {
          rulebookId: 'default',
          version: 1,
          source,
          compiled,
          author: AUTHOR,
          publishedAt: stamp,
          effectiveFrom: monthStart < '2026-11-01' ? monthStart : '2026-11-01',
          note: '演示数据 · demo data',
        },
      ],
      drafts: [],
      callLogs: [],
      callLogHistory: [],
      events,
      periods: [],
      changes: [],
    },
  };
}

export interface DemoOptions {
  auth: AuthOptions;
  channel: string;
  /** The demo's "now" (default: the clock). */
  now?: () => Date;
}

/** Seed the demo branch when it has no roster yet. Returns whether it seeded. */
export async function seedDemo(options: Pick<DemoOptions, 'channel' | 'now'> & { db: import('./db/db.js').Db }): Promise<boolean> {
  const now = (options.now ?? (() => new Date()))();
  const [row] = await options.db.query<{ n: number }>('SELECT count(*)::int AS n FROM teams WHERE branch_id = $1', [DEMO_BRANCH]);
  if (row.n > 0) return false;
  await serverWrite({ db: options.db, channel: options.channel, clock: () => now }, DEMO_BRANCH, (store) =>
    store.importJson(demoExport(now), { mode: 'replace' }),
  );
  return true;
}

export const demoPlugin: FastifyPluginAsync<DemoOptions> = async (app, options) => {
  if (await seedDemo({ db: app.db, channel: options.channel, now: options.now }))
    app.log.info({ branch: DEMO_BRANCH }, 'demo department seeded');
  app.post<{ Body: { member: string } }>(
    '/demo/token',
    {
      schema: {
        body: {
          type: 'object',
          required: ['member'],
          additionalProperties: false,
          properties: { member: { type: 'string', minLength: 1, maxLength: 128 } },
        },
      },
    },
    async (request, reply) => {
      const member = await serverRead(app.db, DEMO_BRANCH, (store) => store.getMember(request.body.member));
      if (!member) return reply.code(404).send({ error: 'unknown-member' });
      const actor: Actor = { member: member.id, role: member.role, branch: DEMO_BRANCH };
      return { token: await signToken(options.auth, actor), ...actor };
    },
  );
};
