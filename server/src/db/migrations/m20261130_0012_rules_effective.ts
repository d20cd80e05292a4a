import { sql, type Kysely } from 'kysely';

// A rule set takes effect from a chosen date (epoch milliseconds of 00:00 China time), not only
// from when it was published. Every version published so far took effect when it was published.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('points_rule_sets')
    .addColumn('effective_from', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update points_rule_sets set effective_from = created_at`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('points_rule_sets').dropColumn('effective_from').execute();
}
