// Builds the app: plugins, the guarded /api tree, docs and the H5 app. server.ts starts it;
// tests call buildApp and use app.inject.
import fs from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import helmet from '@fastify/helmet';
import type { AppConfig } from './config.js';
import type { DatabaseHandle } from './db/index.js';
import database from './plugins/database.js';
import errors from './plugins/errors.js';
import guard from './plugins/guard.js';
import idempotency from './plugins/idempotency.js';
import limits from './plugins/limits.js';
import { contentSecurityPolicy, withoutUpgrade } from './plugins/security.js';
import checkInLink from './routes/checkin-link.js';
import health from './routes/health.js';
import auth from './routes/auth.js';
import webLogin from './routes/web-login.js';
import me from './routes/me.js';
import org from './routes/org.js';
import roster from './routes/roster.js';
import people from './routes/people.js';
import onboarding from './routes/onboarding.js';
import points from './routes/points.js';
import questions from './routes/questions.js';
import quizzes from './routes/quizzes.js';
import practice from './routes/practice.js';
import pointsReview from './routes/points-review.js';
import pointsRules from './routes/points-rules.js';
import volunteer from './routes/volunteer.js';
import rankings from './routes/rankings.js';
import { Redis } from 'ioredis';
import { setRankMirror } from './rankings/mirror.js';
import { redisRankReader, sqlRankReader } from './rankings/service.js';
import activities from './routes/activities.js';
import manageActivities from './routes/manage-activities.js';
import testClock from './routes/test-clock.js';
import { systemClock, type Clock } from './lib/clock.js';
import { startPhotoSweep } from './volunteer/photo-cleanup.js';
import dashboard from './routes/dashboard.js';
import auditLog from './routes/audit.js';
import subscriptions from './routes/subscriptions.js';
import { Notifier } from './notify/notifier.js';
import { WechatMessenger } from './notify/wechat.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: AppConfig;
    clock: Clock;
    /** Sends subscribed reminders; `kick()` after a decision that may make one due. */
    notifier: Notifier;
  }
}

export async function buildApp(config: AppConfig, handle: DatabaseHandle): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: 256 * 1024,
    // Requests may be retried by a proxy; keep ids unique per process for the logs.
    genReqId: () => Math.random().toString(36).slice(2, 10),
    // Behind a reverse proxy, request.ip (and so every per-address limit) must be the client's.
    trustProxy: config.trustProxy,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('config', config);
  app.decorate('clock', systemClock());
  await app.register(errors);
  await app.register(database, { handle });

  // Opt-in reminders: off unless the back office's template ids are configured (README).
  const messenger = new WechatMessenger(config, config.subscribe.miniprogramState);
  app.decorate('notifier', new Notifier(handle.db, config.subscribe, app.clock, messenger, app.log));
  const missing = Object.entries(config.subscribe.templates)
    .filter(([, template]) => template === null)
    .map(([kind]) => kind);
  if (missing.length === 3) {
    app.log.info('订阅消息提醒未开启：未设置 WECHAT_TEMPLATE_ACTIVITY_REMINDER / _REVIEW_RESULT / _NEW_QUIZ');
  } else if (missing.length > 0) {
    app.log.warn({ off: missing }, '部分订阅消息提醒未开启（缺少模板 ID）');
  }
  app.addHook('onReady', async () => app.notifier.start());
  app.addHook('onClose', async () => app.notifier.stop());

  // Redis (when REDIS_URL is set) holds the rank mirror and the rate limits every process shares.
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2, lazyConnect: false }) : null;
  if (redis) {
    setRankMirror({ db: handle.db, redis, prefix: config.redisPrefix });
    app.decorate('rankReader', redisRankReader(redis, config.redisPrefix));
    app.addHook('onClose', async () => {
      setRankMirror(null);
      await redis.quit();
    });
  } else {
    app.decorate('rankReader', sqlRankReader(handle.db));
  }
  await app.register(limits, { redis, prefix: config.redisPrefix });

  // Uploads never attached to a volunteer record are removed after a day.
  const stopPhotoSweep = startPhotoSweep(handle.db, config.uploadsDir, app.log);
  app.addHook('onClose', async () => stopPhotoSweep());

  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(config.staticDir) },
    // No-referrer leaks nothing; the app never needs its own URL sent elsewhere.
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
  });

  // The docs describe every route: on for development, in production only with API_DOCS=1.
  if (config.apiDocs) {
    await app.register(swagger, {
      openapi: {
        info: { title: '先锋 API', description: '机关党支部党员参与小程序的接口', version: '0.1.0' },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        security: [{ bearer: [] }],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, transformStaticCSP: withoutUpgrade });
  }

  await app.register(
    async (api) => {
      // Sessions, rosters and points must not linger in a shared or browser cache.
      api.addHook('onSend', async (_request, reply) => {
        if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      });
      await api.register(guard);
      // After the guard: a key belongs to the signed-in member.
      await api.register(idempotency);
      await api.register(health);
      await api.register(auth);
      await api.register(webLogin);
      await api.register(me);
      await api.register(org);
      await api.register(roster);
      await api.register(people);
      await api.register(onboarding);
      await api.register(points);
      await api.register(questions);
      await api.register(quizzes);
      await api.register(practice);
      await api.register(pointsReview);
      await api.register(pointsRules);
      await api.register(volunteer);
      await api.register(rankings);
      await api.register(activities);
      await api.register(manageActivities);
      if (config.testClock && config.env !== 'production') await api.register(testClock);
      await api.register(dashboard);
      await api.register(auditLog);
      await api.register(subscriptions);
    },
    { prefix: '/api' },
  );

  // Check-in QR links (`/c/…`) live outside /api, under the same deny-by-default guard.
  await app.register(async (links) => {
    await links.register(guard);
    await links.register(checkInLink);
  });

  if (config.staticDir && fs.existsSync(config.staticDir)) {
    await app.register(fastifyStatic, {
      root: config.staticDir,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      // The build writes .br/.gz beside each file (tools/precompress.mjs): on a slow network
      // the bytes are what the member waits for.
      preCompressed: true,
      // Scripts and styles carry a content hash in their names: cache them for good; the page
      // itself is checked each time so a new build is picked up.
      setHeaders(res, filePath) {
        const hashed = /[.-][0-9a-f]{8}\.(js|css)(\.(br|gz))?$/.test(filePath);
        res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  return app;
}
