import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Health } from '../contract/auth.js';
import { ErrorBody } from '../contract/common.js';
import { toIso } from '../lib/time.js';

const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: '健康检查', response: { 200: Health, 503: ErrorBody } },
    },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(app.db);
      } catch {
        return reply.status(503).send({ code: 'DATABASE_UNAVAILABLE', message: '数据库暂不可用' });
      }
      return { status: 'ok' as const, dialect: app.dialect, version: '0.1.0', time: toIso(Date.now()) };
    },
  );
};

export default health;
