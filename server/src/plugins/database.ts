import fp from 'fastify-plugin';
import type { DatabaseHandle, Db, Dialect } from '../db/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    dialect: Dialect;
  }
}

/** Exposes an already-migrated database to routes; the caller owns its lifetime. */
export default fp<{ handle: DatabaseHandle }>(
  async (app, { handle }) => {
    app.decorate('db', handle.db);
    app.decorate('dialect', handle.dialect);
  },
  { name: 'database' },
);
