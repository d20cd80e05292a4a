// The storage floor: one row inserted per request with a prepared statement (better-sqlite3)
// or a named prepared query (pg), behind a plain Fastify route with no other framework.
import Fastify from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import SqliteDatabase from 'better-sqlite3';
import { defineScenario } from '../scenario.js';

export default defineScenario({
  name: 'raw-insert',
  description: 'plain Fastify route inserting one row with a prepared statement',
  serve: async ({ handle, dialect, config }) => {
    await sql`create table bench_rows (id integer primary key, member_id integer not null, at bigint not null)`.execute(
      handle.db,
    );
    const app = Fastify({ logger: false });
    if (dialect === 'sqlite') {
      // A second connection to the same file, with the product's durability settings.
      const db = new SqliteDatabase(config.sqlitePath);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 5000');
      const insert = db.prepare('insert into bench_rows (member_id, at) values (?, ?)');
      let n = 0;
      app.post('/raw-insert', async () => {
        n += 1;
        const { lastInsertRowid } = insert.run(n, Date.now());
        return { id: Number(lastInsertRowid) };
      });
      app.addHook('onClose', async () => db.close());
    } else {
      const pool = new pg.Pool({ connectionString: config.databaseUrl ?? undefined, max: 10 });
      let n = 0;
      app.post('/raw-insert', async () => {
        n += 1;
        const result = await pool.query<{ id: number }>({
          name: 'bench-insert',
          text: 'insert into bench_rows (id, member_id, at) values ($1, $1, $2) returning id',
          values: [n, Date.now()],
        });
        return { id: result.rows[0]?.id };
      });
      app.addHook('onClose', async () => pool.end());
    }
    return { app, info: null };
  },
  requests: () => [
    { method: 'POST', path: '/raw-insert', headers: { 'content-type': 'application/json' }, body: '{}' },
  ],
});
