// The ceiling: a Fastify route that does nothing, with no plugins. Every other scenario's
// rate is quoted as a ratio of this one, measured in the same run on the same machine.
import Fastify from 'fastify';
import { defineScenario } from '../scenario.js';

export default defineScenario({
  name: 'bare',
  description: 'bare Fastify route, no plugins, no database',
  serve: async () => {
    const app = Fastify({ logger: false });
    app.get('/bare', async () => ({ ok: true }));
    return { app, info: null };
  },
  requests: () => [{ method: 'GET', path: '/bare' }],
});
