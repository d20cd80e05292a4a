import type { Kysely } from 'kysely';

// Roster import (issue #10):
// - members.external_no: the organisation's own number for a person (编号), optional, unique per
//   organisation, so a re-imported roster finds the same person even after a name or phone changes.
//   Both dialects let several rows hold NULL under a unique index.
// - members.title: the person's post (职务), shown on the roster.
// No ID-card number is stored, ever.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('members').addColumn('external_no', 'text').execute();
  await db.schema.alterTable('members').addColumn('title', 'text').execute();
  await db.schema
    .createIndex('members_org_external_no_uq')
    .unique()
    .on('members')
    .columns(['org_id', 'external_no'])
    .execute();
}
