import { sql, type Kysely } from 'kysely';
import { idColumn } from './helpers.js';

// Volunteer photos and review history, points objections, year snapshots, ranking
// preferences, and the tables that make a rank a small sum instead of a scan:
// per-member totals per period, and a count of members per (scope, period, points).
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = idColumn(db);

  await db.schema
    .alterTable('volunteer_records')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('self'))
    .execute();
  await db.schema.alterTable('volunteer_records').addColumn('activity_id', 'integer').execute();
  await db.schema.alterTable('volunteer_records').addColumn('updated_at', 'bigint').execute();
  await db.schema
    .alterTable('volunteer_records')
    .addColumn('submissions', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('volunteer_records').addColumn('reversal_reason', 'text').execute();
  await db.schema.alterTable('volunteer_records').addColumn('reversed_at', 'bigint').execute();
  await db.schema.alterTable('volunteer_records').addColumn('reversed_by', 'integer').execute();

  await db.schema
    .createTable('volunteer_photos')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('record_id', 'integer')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('volunteer_photos_record_idx').on('volunteer_photos').columns(['record_id']).execute();
  await db.schema.createIndex('volunteer_photos_member_idx').on('volunteer_photos').columns(['member_id']).execute();

  await db.schema
    .createTable('points_objections')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('branch_id', 'integer')
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('entry_id', 'integer', (c) => c.notNull().references('points_ledger.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resolution_note', 'text')
    .addColumn('resolution_entry_id', 'integer')
    .addColumn('resolved_by', 'integer')
    .addColumn('resolved_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('points_objections_branch_idx')
    .on('points_objections')
    .columns(['branch_id', 'status'])
    .execute();
  await db.schema
    .createIndex('points_objections_member_idx')
    .on('points_objections')
    .columns(['member_id', 'entry_id'])
    .execute();

  await db.schema
    .createTable('points_years')
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('closed_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_by', 'integer')
    .addColumn('published_at', 'bigint')
    .addColumn('published_by', 'integer')
    .addPrimaryKeyConstraint('points_years_pk', ['org_id', 'year'])
    .execute();

  await db.schema
    .createTable('points_year_snapshots')
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('branch_id', 'integer')
    .addColumn('base', 'integer', (c) => c.notNull())
    .addColumn('earned', 'integer', (c) => c.notNull())
    .addColumn('stars', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('points_year_snapshots_pk', ['member_id', 'year'])
    .execute();
  await db.schema
    .createIndex('points_year_snapshots_org_idx')
    .on('points_year_snapshots')
    .columns(['org_id', 'year', 'branch_id'])
    .execute();

  await db.schema
    .createTable('ranking_preferences')
    .addColumn('member_id', 'integer', (c) => c.primaryKey().references('members.id'))
    .addColumn('opt_in', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  // period: 'y2026' or 'm2026-11' (CST). opt_in is copied from ranking_preferences so the
  // top of the opted-in list is one index range.
  await db.schema
    .createTable('rank_member_totals')
    .addColumn('member_id', 'integer', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('branch_id', 'integer')
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('opt_in', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rank_member_totals_pk', ['member_id', 'period'])
    .execute();
  await db.schema
    .createIndex('rank_member_totals_org_top_idx')
    .on('rank_member_totals')
    .columns(['org_id', 'period', 'opt_in', 'points', 'member_id'])
    .execute();
  await db.schema
    .createIndex('rank_member_totals_branch_top_idx')
    .on('rank_member_totals')
    .columns(['branch_id', 'period', 'opt_in', 'points', 'member_id'])
    .execute();

  // scope: 'o<orgId>' or 'b<branchId>'. Zero points are implicit (never stored).
  await db.schema
    .createTable('rank_counts')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rank_counts_pk', ['scope', 'period', 'points'])
    .execute();

  await backfill(db);
}

/** Brings the rank tables up to date with a ledger written before this migration. */
async function backfill(db: Kysely<unknown>): Promise<void> {
  const rows = await sql<{
    member_id: number;
    org_id: number;
    branch_id: number | null;
    occurred_at: number | string;
    delta: number;
  }>`select member_id, org_id, branch_id, occurred_at, delta from points_ledger order by id`.execute(db);
  const totals = new Map<
    string,
    { member: number; period: string; org: number; branch: number | null; points: number }
  >();
  for (const r of rows.rows) {
    const cst = new Date(Number(r.occurred_at) + 8 * 3600_000);
    const y = cst.getUTCFullYear();
    const m = String(cst.getUTCMonth() + 1).padStart(2, '0');
    for (const period of [`y${y}`, `m${y}-${m}`]) {
      const key = `${r.member_id}:${period}`;
      const t = totals.get(key) ?? { member: r.member_id, period, org: r.org_id, branch: r.branch_id, points: 0 };
      t.points += Number(r.delta);
      totals.set(key, t);
    }
  }
  const counts = new Map<string, { scope: string; period: string; points: number; n: number }>();
  for (const t of totals.values()) {
    await sql`insert into rank_member_totals (member_id, period, org_id, branch_id, points, opt_in)
      values (${t.member}, ${t.period}, ${t.org}, ${t.branch}, ${t.points}, 0)`.execute(db);
    if (t.points === 0) continue;
    for (const scope of [`o${t.org}`, ...(t.branch !== null ? [`b${t.branch}`] : [])]) {
      const key = `${scope}:${t.period}:${t.points}`;
      const c = counts.get(key) ?? { scope, period: t.period, points: t.points, n: 0 };
      c.n += 1;
      counts.set(key, c);
    }
  }
  for (const c of counts.values()) {
    await sql`insert into rank_counts (scope, period, points, n) values (${c.scope}, ${c.period}, ${c.points}, ${c.n})`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'rank_counts',
    'rank_member_totals',
    'ranking_preferences',
    'points_year_snapshots',
    'points_years',
    'points_objections',
    'volunteer_photos',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  for (const column of [
    'source',
    'activity_id',
    'updated_at',
    'submissions',
    'reversal_reason',
    'reversed_at',
    'reversed_by',
  ]) {
    await db.schema.alterTable('volunteer_records').dropColumn(column).execute();
  }
}
