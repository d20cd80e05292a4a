import { sql, type Kysely } from 'kysely';
import { isSqlite } from './helpers.js';

// Branches, members and roles run by the organisation itself (issue #10).
// - branches.archived_at: an archived branch (only an empty one) takes no new members.
// - members.deactivated_on / deactivation_reason: when and why a member left (转出, 去世,
//   其他); `active` stays the one flag every query reads, these say why it is 0.
// - role_grants: a new role `branch_manager` (组织委员, 支委…), who manages a branch beside its
//   secretary; like a secretary it names its branch. Migration 0007's role check is replaced
//   (dropped and re-created) on both dialects, in the same shape 0007 wrote it.
const ROLES = `('member', 'secretary', 'org_admin', 'branch_manager')`;
const ROLE_CHECK = (r: string) => `${r}role IN ${ROLES}`;
const BRANCH_CHECK = (r: string) => `${r}role NOT IN ('secretary', 'branch_manager') OR ${r}branch_id IS NOT NULL`;
// A reason only on an inactive member (NULL-safe: an active value other than 0/1 is
// members_active_ck's to refuse).
const REASON_CHECK = (r: string) =>
  `${r}deactivation_reason IS NULL OR (${r}active = 0 AND ${r}deactivation_reason IN ('transferred', 'deceased', 'other'))`;

const run = (db: Kysely<unknown>, text: string) => sql.raw(text).execute(db);

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isSqlite(db)) await db.transaction().execute((trx) => apply(trx, true));
  else await apply(db, false);
}

async function apply(db: Kysely<unknown>, sqlite: boolean): Promise<void> {
  await db.schema.alterTable('branches').addColumn('archived_at', 'bigint').execute();
  await db.schema.alterTable('members').addColumn('deactivated_on', 'text').execute();
  await db.schema.alterTable('members').addColumn('deactivation_reason', 'text').execute();

  const checks = [
    { table: 'role_grants', name: 'role_grants_role_ck', holds: ROLE_CHECK, replaces: true },
    { table: 'role_grants', name: 'role_grants_secretary_branch_ck', holds: BRANCH_CHECK, replaces: true },
    { table: 'members', name: 'members_deactivation_ck', holds: REASON_CHECK, replaces: false },
  ];
  for (const check of checks) {
    if (sqlite) {
      for (const op of ['insert', 'update']) {
        if (check.replaces) await run(db, `DROP TRIGGER IF EXISTS ${check.name}_${op}`);
        await run(
          db,
          `CREATE TRIGGER ${check.name}_${op} BEFORE ${op.toUpperCase()} ON ${check.table}
             WHEN NOT (${check.holds('NEW.')})
           BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: ${check.name}'); END`,
        );
      }
    } else {
      if (check.replaces) await run(db, `ALTER TABLE ${check.table} DROP CONSTRAINT IF EXISTS ${check.name}`);
      await run(db, `ALTER TABLE ${check.table} ADD CONSTRAINT ${check.name} CHECK (${check.holds('')})`);
    }
  }
  await db.schema.createIndex('role_grants_org_role_idx').on('role_grants').columns(['org_id', 'role']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const sqlite = isSqlite(db);
  // 0007's role checks come back; the new role's grants cannot survive them.
  await run(db, `DELETE FROM role_grants WHERE role = 'branch_manager'`);
  const restored = [
    { name: 'role_grants_role_ck', holds: (r: string) => `${r}role IN ('member', 'secretary', 'org_admin')` },
    {
      name: 'role_grants_secretary_branch_ck',
      holds: (r: string) => `${r}role <> 'secretary' OR ${r}branch_id IS NOT NULL`,
    },
  ];
  if (sqlite) {
    for (const op of ['insert', 'update']) await run(db, `DROP TRIGGER IF EXISTS members_deactivation_ck_${op}`);
    for (const check of restored) {
      for (const op of ['insert', 'update']) {
        await run(db, `DROP TRIGGER IF EXISTS ${check.name}_${op}`);
        await run(
          db,
          `CREATE TRIGGER ${check.name}_${op} BEFORE ${op.toUpperCase()} ON role_grants
             WHEN NOT (${check.holds('NEW.')})
           BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: ${check.name}'); END`,
        );
      }
    }
  } else {
    await run(db, `ALTER TABLE members DROP CONSTRAINT IF EXISTS members_deactivation_ck`);
    for (const check of restored) {
      await run(db, `ALTER TABLE role_grants DROP CONSTRAINT IF EXISTS ${check.name}`);
      await run(db, `ALTER TABLE role_grants ADD CONSTRAINT ${check.name} CHECK (${check.holds('')})`);
    }
  }
  await db.schema.dropIndex('role_grants_org_role_idx').execute();
  await db.schema.alterTable('members').dropColumn('deactivation_reason').execute();
  await db.schema.alterTable('members').dropColumn('deactivated_on').execute();
  await db.schema.alterTable('branches').dropColumn('archived_at').execute();
}
