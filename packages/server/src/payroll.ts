/**
 * `GET /payroll/2026-11.csv` (managers): the month scored on the server with
 * the rulebook versions in effect and the corrections and adjustments the
 * store applies (a closed month: its frozen snapshot), as the store's
 * `exportScoreCsv` writes it (UTF-8 with BOM, CRLF). Scored as of the
 * moment of the export (LANGUAGE.md §9.16): an open month pays its ended
 * windows only — month-end targets of a month not over are left out.
 *
 * @module
 */
import type { FastifyPluginAsync } from 'fastify';
import { nowIso, periodOf } from '@rulecard/dsl/calendar';
import { serverRead } from './sync/push.js';
import { StoreError } from './store.js';

const FORBIDDEN = { 'zh-CN': '只有主管可以导出工资表', en: 'Only managers may export payroll' };

export const payrollPlugin: FastifyPluginAsync<{ clock?: () => Date }> = async (app, options) => {
  app.get<{ Params: { file: string }; Querystring: { locale?: 'zh-CN' | 'en' } }>(
    '/payroll/:file',
    {
      preHandler: app.authenticate,
      schema: {
        params: { type: 'object', required: ['file'], properties: { file: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])\\.csv$' } } },
        querystring: { type: 'object', additionalProperties: false, properties: { locale: { enum: ['zh-CN', 'en'] } } },
      },
    },
    async (request, reply) => {
      const actor = request.actor!;
      if (actor.role !== 'manager') return reply.code(403).send({ error: 'forbidden', message: FORBIDDEN });
      const month = request.params.file.slice(0, 7);
      try {
        const csv = await serverRead(app.db, actor.branch, async (store) =>
          // Scored as of now: an open month's windows not yet ended are left out (projected), ended ones paid.
          store.exportScoreCsv(
            await store.score({ all: true }, periodOf(month), { asOf: options.clock ? options.clock().toISOString() : nowIso() }),
            {
              locale: request.query.locale ?? 'zh-CN',
            },
          ),
        );
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="payroll-${month}.csv"`)
          .send(csv);
      } catch (e) {
        if (e instanceof StoreError && e.code === 'no-rulebook') return reply.code(409).send({ error: e.code, message: e.texts });
        throw e;
      }
    },
  );
};
