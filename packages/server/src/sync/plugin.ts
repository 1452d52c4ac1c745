/**
 * The sync plugin: `POST /push`, `POST /pull`, `GET /poke` (see docs/sync.md).
 *
 * @module
 */
import type { FastifyPluginAsync } from 'fastify';
import { PokeHub } from './poke.js';
import { pull, type PullRequest } from './pull.js';
import { push, PushRefused, refreshOverdue, type PushHooks, type PushRequest } from './push.js';

export interface SyncPluginOptions {
  /** NOTIFY channel of pokes (one per database schema). */
  channel: string;
  hooks?: PushHooks;
  clock?: () => Date;
  /** Largest push body in bytes (default 32 MiB: a 20,000-log import). */
  pushBodyLimit?: number;
  /** How often to derive follow-ups that came due (ms; default 60 s; 0: never). */
  overdueEveryMs?: number;
}

const id = { type: 'string', minLength: 1, maxLength: 200 } as const;

const pushSchema = {
  body: {
    type: 'object',
    required: ['clientGroupID', 'mutations'],
    additionalProperties: false,
    properties: {
      clientGroupID: id,
      pushVersion: { type: 'integer' },
      schemaVersion: { type: 'string', maxLength: 100 },
      profileID: id,
      mutations: {
        type: 'array',
        maxItems: 1000,
        items: {
          type: 'object',
          required: ['clientID', 'id', 'name'],
          additionalProperties: false,
          properties: {
            clientID: id,
            id: { type: 'integer', minimum: 1 },
            name: { type: 'string', minLength: 1, maxLength: 100 },
            args: {},
            timestamp: { type: 'number' },
          },
        },
      },
    },
  },
} as const;

const pullSchema = {
  body: {
    type: 'object',
    required: ['clientGroupID', 'cookie'],
    additionalProperties: false,
    properties: {
      clientGroupID: id,
      cookie: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['epoch', 'version'],
            additionalProperties: false,
            properties: { epoch: { type: 'string', maxLength: 200 }, version: { type: 'integer', minimum: 0 } },
          },
        ],
      },
      pullVersion: { type: 'integer' },
      schemaVersion: { type: 'string', maxLength: 100 },
      profileID: id,
    },
  },
} as const;

export const syncPlugin: FastifyPluginAsync<SyncPluginOptions> = async (app, options) => {
  const hub = new PokeHub();
  await hub.start(app.db, options.channel);
  // Before the HTTP server closes: an open event stream would otherwise keep it waiting.
  app.addHook('preClose', async () => hub.stop());

  // Promised follow-ups that came due become `follow_up_overdue` events without waiting for a browser.
  const every = options.overdueEveryMs ?? 60_000;
  if (every > 0) {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      refreshOverdue({ db: app.db, channel: options.channel, clock: options.clock })
        .catch((error: unknown) => app.log.error({ err: error }, 'follow-up refresh failed'))
        .finally(() => (running = false));
    }, every);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }

  app.post<{ Body: PushRequest }>(
    '/push',
    { schema: pushSchema, preHandler: app.authenticate, bodyLimit: options.pushBodyLimit ?? 32 * 1024 * 1024 },
    async (request, reply) => {
      // Counts only: never arguments (customer data).
      request.log.info({ clientGroupID: request.body.clientGroupID, mutations: request.body.mutations.length }, 'push');
      try {
        return await push(
          {
            db: app.db,
            channel: options.channel,
            hooks: options.hooks,
            clock: options.clock,
            onInternalError: (name, error) => request.log.error({ mutation: name, err: error }, 'mutation failed'),
          },
          request.actor!,
          request.body,
        );
      } catch (e) {
        if (e instanceof PushRefused) return reply.code(e.status).send({ error: e.code, ...e.details });
        throw e;
      }
    },
  );

  app.post<{ Body: PullRequest }>('/pull', { schema: pullSchema, preHandler: app.authenticate }, async (request, reply) => {
    try {
      return await pull(app.db, request.actor!, request.body, options.clock);
    } catch (e) {
      if (e instanceof PushRefused) return reply.code(e.status).send({ error: e.code, ...e.details });
      throw e;
    }
  });

  app.get(
    '/poke',
    {
      config: { tokenInQuery: true },
      schema: { querystring: { type: 'object', properties: { access_token: { type: 'string', maxLength: 8192 } } } },
      preHandler: app.authenticate,
    },
    async (request, reply) => {
      const [branch] = await app.db.query<{ version: number }>('SELECT version FROM branches WHERE id = $1', [request.actor!.branch]);
      reply.hijack();
      hub.add(request.actor!.branch, reply.raw, branch?.version ?? 0);
    },
  );
};
