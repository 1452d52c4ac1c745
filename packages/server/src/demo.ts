/**
 * Demo mode (`--demo`, never in production): the demo department is seeded
 * into branch `demo` when it is empty — the export the portal's static build
 * seeds its own store with, built by the one shared module
 * (`examples/portal/src/demo-department.mjs`: the example roster and people,
 * the clinic rulebook compiled from `examples/rulebooks/clinic.rules`, the
 * generated events of the previous month and of this one up to today) — and
 * `POST /demo/token` hands the portal's role switcher a token for any member
 * of it.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import { signToken, type AuthOptions } from './auth.js';
import { packageRoot } from './db/migrate.js';
import type { Actor } from './policy.js';
import { serverRead, serverWrite } from './sync/push.js';
import type { StoreExport } from './store.js';

export const DEMO_BRANCH = 'demo';

type DemoDepartmentModule = typeof import('../../../examples/portal/src/demo-department.mjs');

const examples = (...p: string[]): string => path.join(packageRoot(), '..', '..', 'examples', ...p);
let shared: Promise<DemoDepartmentModule> | undefined;

/** The whole demo department as a store export (imported in one transaction), as of `now`. */
export async function demoExport(now: Date, timezone = 'Asia/Shanghai'): Promise<StoreExport> {
  shared ??= import(pathToFileURL(examples('portal', 'src', 'demo-department.mjs')).href) as Promise<DemoDepartmentModule>;
  const { demoDepartment } = await shared;
  const text = (...p: string[]): string => readFileSync(examples(...p), 'utf8');
  return demoDepartment({
    now,
    timezone,
    source: text('rulebooks', 'clinic.rules'),
    people: (JSON.parse(text('data', 'people.json')) as { people: Parameters<typeof demoDepartment>[0]['people'] }).people,
    roster: JSON.parse(text('data', 'roster.json')) as Parameters<typeof demoDepartment>[0]['roster'],
  });
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
  const file = await demoExport(now);
  await serverWrite({ db: options.db, channel: options.channel, clock: () => now }, DEMO_BRANCH, (store) =>
    store.importJson(file, { mode: 'replace' }),
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
