// Test-only: shifts the check-in clock. Registered only when XF_TEST_CLOCK=1 and NODE_ENV is
// not production (config.testClock); the browser test uses it to age a code past 30 s.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

const testClock: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/test/clock',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        body: Type.Object(
          { offsetMs: Type.Integer({ minimum: -86_400_000, maximum: 86_400_000 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ offsetMs: Type.Integer() }) },
      },
    },
    async (request) => {
      app.clock.offsetMs = request.body.offsetMs;
      return { offsetMs: app.clock.offsetMs };
    },
  );
};

export default testClock;
