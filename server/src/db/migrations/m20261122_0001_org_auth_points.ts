import type { Kysely } from 'kysely';
import { idColumn } from './helpers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  const id = idColumn(db);

  await db.schema
    .createTable('orgs')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('ranking_visibility', 'text', (c) => c.notNull().defaultTo('opt_in'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('branches')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('branches_org_name_uq', ['org_id', 'name'])
    .execute();

  await db.schema
    .createTable('members')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('branch_id', 'integer', (c) => c.references('branches.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('gender', 'text')
    .addColumn('political_status', 'text', (c) => c.notNull())
    .addColumn('employment', 'text', (c) => c.notNull())
    .addColumn('joined_party_on', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('members_branch_idx').on('members').columns(['branch_id', 'active']).execute();
  await db.schema.createIndex('members_org_idx').on('members').columns(['org_id']).execute();

  await db.schema
    .createTable('role_grants')
    .addColumn('id', 'integer', id)
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('branch_id', 'integer', (c) => c.references('branches.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('role_grants_member_idx').on('role_grants').columns(['member_id']).execute();

  await db.schema
    .createTable('wechat_bindings')
    .addColumn('openid', 'text', (c) => c.primaryKey())
    .addColumn('member_id', 'integer', (c) => c.notNull().unique().references('members.id'))
    .addColumn('bound_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('invites')
    .addColumn('id', 'integer', id)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('issued_by', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('bind_tickets')
    .addColumn('ticket_hash', 'text', (c) => c.primaryKey())
    .addColumn('openid', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_member_idx').on('sessions').columns(['member_id']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_org_idx').on('audit_log').columns(['org_id', 'created_at']).execute();

  await db.schema
    .createTable('points_rule_sets')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('points_rule_sets_version_uq', ['org_id', 'version'])
    .execute();

  await db.schema
    .createTable('points_ledger')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('branch_id', 'integer')
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('delta', 'integer', (c) => c.notNull())
    .addColumn('capped_from', 'integer')
    .addColumn('rule_code', 'text', (c) => c.notNull())
    .addColumn('cap_group', 'text', (c) => c.notNull())
    .addColumn('rule_version', 'integer', (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('actor_id', 'integer')
    .addColumn('reverses_entry_id', 'integer')
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // A source pays a rule at most once; a reversal (source_type 'reversal') at most once per entry.
    .addUniqueConstraint('points_ledger_source_uq', ['member_id', 'rule_code', 'source_type', 'source_id'])
    .execute();
  await db.schema
    .createIndex('points_ledger_cap_idx')
    .on('points_ledger')
    .columns(['member_id', 'cap_group', 'occurred_at'])
    .execute();
  await db.schema
    .createIndex('points_ledger_member_year_idx')
    .on('points_ledger')
    .columns(['member_id', 'year', 'id'])
    .execute();
  await db.schema
    .createIndex('points_ledger_reverses_idx')
    .on('points_ledger')
    .columns(['reverses_entry_id'])
    .execute();

  await db.schema
    .createTable('points_totals')
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('branch_id', 'integer')
    .addColumn('base', 'integer', (c) => c.notNull())
    .addColumn('earned', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('points_totals_pk', ['member_id', 'year'])
    .execute();
  await db.schema
    .createIndex('points_totals_org_rank_idx')
    .on('points_totals')
    .columns(['org_id', 'year', 'earned'])
    .execute();
  await db.schema
    .createIndex('points_totals_branch_rank_idx')
    .on('points_totals')
    .columns(['branch_id', 'year', 'earned'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'points_totals',
    'points_ledger',
    'points_rule_sets',
    'audit_log',
    'sessions',
    'bind_tickets',
    'invites',
    'wechat_bindings',
    'role_grants',
    'members',
    'branches',
    'orgs',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
