// Builds the app: plugins, the guarded /api tree, docs and the H5 app. server.ts starts it;
// tests call buildApp and use app.inject.
import fs from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { AppConfig } from './config.js';
import type { DatabaseHandle } from './db/index.js';
import database from './plugins/database.js';
import errors from './plugins/errors.js';
import guard from './plugins/guard.js';
import health from './routes/health.js';
import auth from './routes/auth.js';
import me from './routes/me.js';
import org from './routes/org.js';
import points from './routes/points.js';
import dashboard from './routes/dashboard.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: AppConfig;
  }
}

export async function buildApp(config: AppConfig, handle: DatabaseHandle): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: 256 * 1024,
    // Requests may be retried by a proxy; keep ids unique per process for the logs.
    genReqId: () => Math.random().toString(36).slice(2, 10),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('config', config);
  await app.register(errors);
  await app.register(database, { handle });

  await app.register(swagger, {
    openapi: {
      info: { title: '先锋 API', description: '机关党支部党员参与小程序的接口', version: '0.1.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(
    async (api) => {
      await api.register(guard);
      await api.register(health);
      await api.register(auth);
      await api.register(me);
      await api.register(org);
      await api.register(points);
      await api.register(dashboard);
    },
    { prefix: '/api' },
  );

  if (config.staticDir && fs.existsSync(config.staticDir)) {
    await app.register(fastifyStatic, { root: config.staticDir, prefix: '/', wildcard: false, index: ['index.html'] });
  }

  return app;
}
