import type { Kysely } from 'kysely';

// A volunteer activity (志愿服务活动) records hours by check-in and check-out: the check-out
// time, and, when the secretary completes a missed check-out, who did it and why.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('attendance').addColumn('checked_out_at', 'bigint').execute();
  await db.schema.alterTable('attendance').addColumn('checkout_by', 'integer').execute();
  await db.schema.alterTable('attendance').addColumn('checkout_note', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('attendance').dropColumn('checkout_note').execute();
  await db.schema.alterTable('attendance').dropColumn('checkout_by').execute();
  await db.schema.alterTable('attendance').dropColumn('checked_out_at').execute();
}
