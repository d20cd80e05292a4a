import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import type { AppConfig } from '../config.js';
import type { Database } from './schema.js';
import { cachingStatements } from './statement-cache.js';
import * as m0001 from './migrations/m20261122_0001_org_auth_points.js';
import * as m0002 from './migrations/m20261122_0002_participation.js';
import * as m0006 from './migrations/m20261123_0006_dashboard.js';
import * as m0003 from './migrations/m20261123_0003_checkin.js';
import * as m0004 from './migrations/m20261123_0004_quiz.js';
import * as m0005 from './migrations/m20261123_0005_volunteer_rankings.js';
import * as m0007 from './migrations/m20261130_0007_ledger_integrity.js';
import * as m0008 from './migrations/m20261130_0008_question_versions.js';
import * as m0009 from './migrations/m20261130_0009_people.js';
import * as m0010 from './migrations/m20261130_0010_roster_import.js';
import * as m0011 from './migrations/m20261130_0011_web_login.js';
import * as m0012 from './migrations/m20261130_0012_rules_effective.js';
import * as m0013 from './migrations/m20261130_0013_sandbox_branch.js';
import * as m0015 from './migrations/m20261130_0015_subscriptions.js';
import * as m0018 from './migrations/m20261130_0018_objection_withdrawn.js';
import * as m0024 from './migrations/m20261130_0024_adjustment_rule.js';
import * as m0025 from './migrations/m20261130_0025_volunteer_checkout.js';
import * as m0020 from './migrations/m20261130_0020_idempotency_keys.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  destroy(): Promise<void>;
}

// COUNT/SUM and bigint columns come back as strings from pg; every value we store fits a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.FLOAT8, (v) => Number(v));

const migrations: Record<string, Migration> = {
  '20261122_0001_org_auth_points': m0001,
  '20261122_0002_participation': m0002,
  '20261123_0006_dashboard': m0006,
  '20261123_0003_checkin': m0003,
  '20261123_0004_quiz': m0004,
  '20261123_0005_volunteer_rankings': m0005,
  '20261130_0007_ledger_integrity': m0007,
  '20261130_0008_question_versions': m0008,
  '20261130_0009_people': m0009,
  '20261130_0010_roster_import': m0010,
  '20261130_0011_web_login': m0011,
  '20261130_0012_rules_effective': m0012,
  '20261130_0013_sandbox_branch': m0013,
  '20261130_0015_subscriptions': m0015,
  '20261130_0018_objection_withdrawn': m0018,
  '20261130_0024_adjustment_rule': m0024,
  '20261130_0025_volunteer_checkout': m0025,
  '20261130_0020_idempotency_keys': m0020,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export function openDatabase(config: Pick<AppConfig, 'databaseUrl' | 'sqlitePath'>): DatabaseHandle {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', destroy: () => db.destroy() };
  }
  if (config.sqlitePath !== ':memory:') fs.mkdirSync(path.dirname(config.sqlitePath), { recursive: true });
  const sqlite = new SqliteDatabase(config.sqlitePath);
  sqlite.pragma('journal_mode = WAL');
  // WAL with synchronous=NORMAL survives a process crash without losing a committed write;
  // FULL also survives power loss, which is what "nothing acknowledged is ever lost" asks for.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) });
  return { db, dialect: 'sqlite', destroy: () => db.destroy() };
}

/** Runs every pending migration; with `target`, only up to and including that one (tests of upgrades). */
export async function migrateToLatest(db: Db, target?: string): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await (target ? migrator.migrateTo(target) : migrator.migrateToLatest());
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`);
  }
}
