/**
 * The database plugin: `app.db` (a {@link Db}), migrated to the latest
 * schema before the server takes requests, closed with the server when it
 * owns the connection.
 *
 * @module
 */
import fp from 'fastify-plugin';
import type { Db } from './db/db.js';
import { migrate } from './db/migrate.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

export interface DbPluginOptions {
  db: Db;
  /** Run the migrations at start (default true). */
  migrate?: boolean;
  /** Close the database when the server closes (default true). */
  close?: boolean;
}

export const dbPlugin = fp<DbPluginOptions>(
  async (app, options) => {
    if (options.migrate !== false) {
      const { from, to, applied } = await migrate(options.db);
      if (applied.length) app.log.info({ from, to, applied }, 'database migrated');
    }
    app.decorate('db', options.db);
    if (options.close !== false) app.addHook('onClose', async () => options.db.close());
  },
  { name: 'rulecard-db', fastify: '5.x' },
);
