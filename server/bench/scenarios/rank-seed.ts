// Seeds a rankings data set straight into the tables (bulk inserts, never the HTTP API):
// one organisation of `members` members in branches of 500, each with this year's and this
// month's points in rank_member_totals, the rank_counts they imply, 10% opted in to the
// list, and signed-in sessions for a sample of members. The ledger itself is not seeded:
// rank reads never touch it (they read the tables the points core keeps in step).
import { randomBytes } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../../src/config.js';
import type { Dialect } from '../../src/db/index.js';
import { sha256 } from '../../src/lib/crypto.js';
import { monthKey, yearKey } from '../../src/rankings/periods.js';
import { allKey, optKey } from '../../src/rankings/mirror.js';

export const BRANCH_SIZE = 500;
export const SESSIONS = 1000;

export interface RankSeed {
  orgId: number;
  branches: number;
  members: number;
  tokens: string[];
  /** Member ids behind the tokens, same order. */
  sampleMembers: number[];
  seedSeconds: number;
}

interface Row {
  id: number;
  branch: number;
  year: number;
  month: number;
  optIn: number;
}

/** Deterministic points: a skewed spread over 0-48 a year and 0-8 a month, many ties. */
function pointsOf(i: number): { year: number; month: number; optIn: number } {
  let x = (i * 2654435761) >>> 0;
  const r1 = (x % 1000) / 1000;
  x = (x * 1103515245 + 12345) >>> 0;
  const r2 = (x % 1000) / 1000;
  return { year: Math.round(48 * Math.sqrt(r1)), month: Math.floor(9 * r2 * r2), optIn: i % 10 === 0 ? 1 : 0 };
}

export async function seedRankings(dialect: Dialect, config: AppConfig, members: number): Promise<RankSeed> {
  const started = Date.now();
  const now = Date.now();
  const year = yearKey(now);
  const month = monthKey(now);
  const branches = Math.ceil(members / BRANCH_SIZE);
  const rows: Row[] = [];
  for (let i = 1; i <= members; i++) {
    const p = pointsOf(i);
    rows.push({ id: i, branch: Math.ceil(i / BRANCH_SIZE), year: p.year, month: p.month, optIn: p.optIn });
  }
  const counts = new Map<string, number>();
  for (const r of rows) {
    for (const [period, value] of [
      [year, r.year],
      [month, r.month],
    ] as const) {
      if (value === 0) continue;
      for (const scope of ['o1', `b${r.branch}`]) {
        const key = `${scope}|${period}|${value}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  const step = Math.max(1, Math.floor(members / SESSIONS));
  const sampleMembers = rows
    .filter((r) => r.id % step === 0)
    .slice(0, SESSIONS)
    .map((r) => r.id);
  const tokens = sampleMembers.map(() => randomBytes(24).toString('base64url'));

  const org = { id: 1, name: '基准测试机关党委' };
  const branchRows = Array.from({ length: branches }, (_, i) => [i + 1, 1, `第${i + 1}党支部`, now] as const);
  const memberRow = (r: Row) => [r.id, 1, r.branch, `党员${r.id}`, 'full', 'in_service', 1, now] as const;
  const totalsRows = rows.flatMap((r) => [
    [r.id, year, 1, r.branch, r.year, r.optIn] as const,
    [r.id, month, 1, r.branch, r.month, r.optIn] as const,
  ]);
  const countRows = [...counts.entries()].map(([key, n]) => {
    const [scope, period, points] = key.split('|') as [string, string, string];
    return [scope, period, Number(points), n] as const;
  });
  const grantRows = sampleMembers.map((id) => [id, 1, 'member', now] as const);
  const sessionRows = sampleMembers.map((id, i) => [sha256(tokens[i]!), id, now, now + 86_400_000] as const);
  const prefRows = rows.filter((r) => r.optIn).map((r) => [r.id, 1, now] as const);

  if (dialect === 'sqlite') {
    const db = new SqliteDatabase(config.sqlitePath);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    const insertAll = (sql: string, values: ReadonlyArray<ReadonlyArray<unknown>>) => {
      const stmt = db.prepare(sql);
      db.transaction(() => {
        for (const v of values) stmt.run(...v);
      })();
    };
    insertAll('insert into orgs (id, name, ranking_visibility, created_at) values (?, ?, ?, ?)', [
      [org.id, org.name, 'opt_in', now],
    ]);
    insertAll('insert into branches (id, org_id, name, created_at) values (?, ?, ?, ?)', branchRows);
    insertAll(
      'insert into members (id, org_id, branch_id, name, political_status, employment, active, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
      rows.map(memberRow),
    );
    insertAll(
      'insert into rank_member_totals (member_id, period, org_id, branch_id, points, opt_in) values (?, ?, ?, ?, ?, ?)',
      totalsRows,
    );
    insertAll('insert into rank_counts (scope, period, points, n) values (?, ?, ?, ?)', countRows);
    insertAll('insert into role_grants (member_id, org_id, role, created_at) values (?, ?, ?, ?)', grantRows);
    insertAll('insert into sessions (token_hash, member_id, created_at, expires_at) values (?, ?, ?, ?)', sessionRows);
    insertAll('insert into ranking_preferences (member_id, opt_in, updated_at) values (?, ?, ?)', prefRows);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('analyze');
    db.close();
  } else {
    const client = new pg.Client({ connectionString: config.databaseUrl ?? undefined });
    await client.connect();
    // unnest() turns column arrays into rows: one statement per 20,000 rows.
    const bulk = async (
      table: string,
      columns: string[],
      types: string[],
      values: ReadonlyArray<ReadonlyArray<unknown>>,
    ) => {
      for (let i = 0; i < values.length; i += 20_000) {
        const chunk = values.slice(i, i + 20_000);
        const arrays = columns.map((_, c) => chunk.map((v) => v[c]));
        const params = types.map((t, c) => `$${c + 1}::${t}[]`).join(', ');
        await client.query(`insert into ${table} (${columns.join(', ')}) select * from unnest(${params})`, arrays);
      }
    };
    await bulk(
      'orgs',
      ['id', 'name', 'ranking_visibility', 'created_at'],
      ['int', 'text', 'text', 'bigint'],
      [[org.id, org.name, 'opt_in', now]],
    );
    await bulk('branches', ['id', 'org_id', 'name', 'created_at'], ['int', 'int', 'text', 'bigint'], branchRows);
    await bulk(
      'members',
      ['id', 'org_id', 'branch_id', 'name', 'political_status', 'employment', 'active', 'created_at'],
      ['int', 'int', 'int', 'text', 'text', 'text', 'int', 'bigint'],
      rows.map(memberRow),
    );
    await bulk(
      'rank_member_totals',
      ['member_id', 'period', 'org_id', 'branch_id', 'points', 'opt_in'],
      ['int', 'text', 'int', 'int', 'int', 'int'],
      totalsRows,
    );
    await bulk('rank_counts', ['scope', 'period', 'points', 'n'], ['text', 'text', 'int', 'int'], countRows);
    await bulk(
      'role_grants',
      ['member_id', 'org_id', 'role', 'created_at'],
      ['int', 'int', 'text', 'bigint'],
      grantRows,
    );
    await bulk(
      'sessions',
      ['token_hash', 'member_id', 'created_at', 'expires_at'],
      ['text', 'int', 'bigint', 'bigint'],
      sessionRows,
    );
    await bulk('ranking_preferences', ['member_id', 'opt_in', 'updated_at'], ['int', 'int', 'bigint'], prefRows);
    // Identity columns must continue after the explicit ids.
    for (const table of ['orgs', 'branches', 'members', 'role_grants']) {
      await client.query(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`);
    }
    await client.query('analyze');
    await client.end();
  }
  return { orgId: 1, branches, members, tokens, sampleMembers, seedSeconds: (Date.now() - started) / 1000 };
}

/** Copies the seeded totals into the Redis sorted sets under a fresh prefix. */
export async function seedRedis(redis: Redis, prefix: string, members: number): Promise<void> {
  const now = Date.now();
  const periods = [yearKey(now), monthKey(now)];
  for (let start = 1; start <= members; start += 10_000) {
    const pipeline = redis.pipeline();
    for (let i = start; i < Math.min(members + 1, start + 10_000); i++) {
      const p = pointsOf(i);
      const branch = `b${Math.ceil(i / BRANCH_SIZE)}`;
      for (const [period, value] of [
        [periods[0]!, p.year],
        [periods[1]!, p.month],
      ] as const) {
        if (value === 0) continue;
        for (const scope of ['o1', branch]) {
          pipeline.zadd(allKey(prefix, scope, period), value, String(i));
          if (p.optIn) pipeline.zadd(optKey(prefix, scope, period), value, String(i));
        }
      }
    }
    await pipeline.exec();
  }
}
