import type { Kysely } from 'kysely';

// A sandbox branch holds the reviewer account `npm run setup -- --reviewer` makes for WeChat's
// release review: a member of the organisation like any other, in a branch of its own that the
// onboarding checklist leaves out. 1 = sandbox, 0 = a real branch.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('branches')
    .addColumn('sandbox', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('branches').dropColumn('sandbox').execute();
}
