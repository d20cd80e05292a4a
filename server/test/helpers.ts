// Test plumbing: each test file gets its own database (an in-memory SQLite, or a fresh
// PostgreSQL database when TEST_PG_URL names a maintenance database) and its own app.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig, type AppConfig } from '../src/config.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../src/db/index.js';

export const dialectUnderTest = process.env.TEST_PG_URL ? 'postgres' : 'sqlite';

export interface TestDatabase extends DatabaseHandle {
  /** The PostgreSQL URL of this throw-away database (for child processes); absent on SQLite. */
  url?: string;
  close(): Promise<void>;
}

/**
 * `migrateTo`: stop after this migration (to test an upgrade from an older schema);
 * `migrate: false` leaves the database empty.
 */
export async function openTestDatabase(options: { migrateTo?: string; migrate?: boolean } = {}): Promise<TestDatabase> {
  const maintenanceUrl = process.env.TEST_PG_URL;
  if (!maintenanceUrl) {
    const handle = openDatabase({ databaseUrl: null, sqlitePath: ':memory:' });
    if (options.migrate !== false) await migrateToLatest(handle.db, options.migrateTo);
    return { ...handle, close: () => handle.destroy() };
  }
  const name = `xianfeng_t_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: maintenanceUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(maintenanceUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ databaseUrl: url.toString(), sqlitePath: '' });
  if (options.migrate !== false) await migrateToLatest(handle.db, options.migrateTo);
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.destroy();
      const dropper = new pg.Client({ connectionString: maintenanceUrl });
      await dropper.connect();
      // pool.end() resolves before the server has let go of every backend; forcing the drop
      // at once would signal a backend whose client is still closing and raise an uncaught
      // "terminating connection" in the test process. Wait for them to go, then force.
      for (let attempt = 0; attempt < 40; attempt++) {
        try {
          await dropper.query(`drop database if exists ${name}`);
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== '55006') throw error; // object_in_use
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  handle: TestDatabase;
  close(): Promise<void>;
}

export async function openTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const handle = await openTestDatabase();
  const uploadsDir = mkdtempSync(path.join(os.tmpdir(), 'xianfeng-uploads-'));
  const config = { ...loadConfig({ NODE_ENV: 'test' }), staticDir: null, uploadsDir, ...overrides };
  const app = await buildApp(config, handle);
  await app.ready();
  return {
    app,
    handle,
    close: async () => {
      await app.close();
      await handle.close();
      rmSync(uploadsDir, { recursive: true, force: true });
    },
  };
}

/** Row counts of every table, to prove a refused request changed nothing. */
export async function snapshotCounts(handle: DatabaseHandle): Promise<Record<string, number>> {
  const tables = [
    'members',
    'role_grants',
    'wechat_bindings',
    'invites',
    'bind_tickets',
    'points_ledger',
    'points_totals',
    'audit_log',
    'activities',
    'attendance',
    'volunteer_records',
    'volunteer_photos',
    'points_objections',
    'points_years',
    'points_year_snapshots',
    'ranking_preferences',
    'rank_member_totals',
    'rank_counts',
    'questions',
    'quizzes',
    'quiz_attempts',
    'quiz_answers',
    'wrong_book',
    'practice_sessions',
    'practice_items',
    'leave_requests',
    'subscriptions',
    'subscription_sends',
  ] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await handle.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}
