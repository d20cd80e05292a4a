import { sql, type Kysely } from 'kysely';
import { isSqlite } from './helpers.js';

// The dashboard's aggregates. An organisation's year is half a million invitations;
// counting them per request cannot be fast, so each activity keeps a tally of its
// invitations and outcomes, maintained by triggers in the same transaction as every
// insert, update or delete of an invitation or attendance row, whichever code writes it.
// Plus indexes so the remaining counts read indexes alone.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('activity_tallies')
    .addColumn('activity_id', 'integer', (c) => c.primaryKey().references('activities.id'))
    .addColumn('invited', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('present_n', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('late_n', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('leave_n', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  const is = (row: 'NEW' | 'OLD', status: string) => `(CASE WHEN ${row}.status = '${status}' THEN 1 ELSE 0 END)`;
  const addInvitee = `INSERT INTO activity_tallies (activity_id, invited) VALUES (NEW.activity_id, 1)
      ON CONFLICT (activity_id) DO UPDATE SET invited = activity_tallies.invited + 1`;
  const removeInvitee = `UPDATE activity_tallies SET invited = invited - 1 WHERE activity_id = OLD.activity_id`;
  const addOutcome = `INSERT INTO activity_tallies (activity_id, present_n, late_n, leave_n)
      VALUES (NEW.activity_id, ${is('NEW', 'present')}, ${is('NEW', 'late')}, ${is('NEW', 'leave')})
      ON CONFLICT (activity_id) DO UPDATE SET present_n = activity_tallies.present_n + excluded.present_n,
        late_n = activity_tallies.late_n + excluded.late_n, leave_n = activity_tallies.leave_n + excluded.leave_n`;
  const removeOutcome = `UPDATE activity_tallies SET present_n = present_n - ${is('OLD', 'present')},
      late_n = late_n - ${is('OLD', 'late')}, leave_n = leave_n - ${is('OLD', 'leave')}
      WHERE activity_id = OLD.activity_id`;

  if (isSqlite(db)) {
    const trigger = (name: string, when: string, body: string[]) =>
      sql
        .raw(`CREATE TRIGGER ${name} AFTER ${when} FOR EACH ROW BEGIN ${body.map((s) => `${s};`).join(' ')} END`)
        .execute(db);
    await trigger('activity_invitees_tally_insert', 'INSERT ON activity_invitees', [addInvitee]);
    await trigger('activity_invitees_tally_delete', 'DELETE ON activity_invitees', [removeInvitee]);
    await trigger('attendance_tally_insert', 'INSERT ON attendance', [addOutcome]);
    await trigger('attendance_tally_update', 'UPDATE OF status, activity_id ON attendance', [
      removeOutcome,
      addOutcome,
    ]);
    await trigger('attendance_tally_delete', 'DELETE ON attendance', [removeOutcome]);
  } else {
    await sql
      .raw(
        `CREATE FUNCTION activity_invitees_tally() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
           IF TG_OP = 'INSERT' THEN ${addInvitee}; RETURN NEW; END IF;
           ${removeInvitee}; RETURN OLD;
         END $$`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE FUNCTION attendance_tally() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
           IF TG_OP IN ('UPDATE', 'DELETE') THEN ${removeOutcome}; END IF;
           IF TG_OP IN ('INSERT', 'UPDATE') THEN ${addOutcome}; RETURN NEW; END IF;
           RETURN OLD;
         END $$`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER activity_invitees_tally AFTER INSERT OR DELETE ON activity_invitees
           FOR EACH ROW EXECUTE FUNCTION activity_invitees_tally()`,
      )
      .execute(db);
    await sql
      .raw(
        // Deferred to the commit: a check-in burst to one activity would otherwise hold the
        // activity's tally row locked for the rest of each check-in transaction (the points
        // entry), serialising every check-in on PostgreSQL.
        `CREATE CONSTRAINT TRIGGER attendance_tally AFTER INSERT OR DELETE OR UPDATE OF status, activity_id ON attendance
           DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION attendance_tally()`,
      )
      .execute(db);
  }

  // Rows written before this migration.
  await sql`
    INSERT INTO activity_tallies (activity_id, invited, present_n, late_n, leave_n)
    SELECT a.id,
      (SELECT count(*) FROM activity_invitees i WHERE i.activity_id = a.id),
      (SELECT count(*) FROM attendance t WHERE t.activity_id = a.id AND t.status = 'present'),
      (SELECT count(*) FROM attendance t WHERE t.activity_id = a.id AND t.status = 'late'),
      (SELECT count(*) FROM attendance t WHERE t.activity_id = a.id AND t.status = 'leave')
    FROM activities a
    WHERE EXISTS (SELECT 1 FROM activity_invitees i WHERE i.activity_id = a.id)
       OR EXISTS (SELECT 1 FROM attendance t WHERE t.activity_id = a.id)`.execute(db);

  // An organisation-wide activity is split by branch from its rows: read outcomes from the index.
  await db.schema
    .createIndex('attendance_activity_member_status_idx')
    .on('attendance')
    .columns(['activity_id', 'member_id', 'status'])
    .execute();
  await db.schema
    .createIndex('quiz_attempts_quiz_member_passed_idx')
    .on('quiz_attempts')
    .columns(['quiz_id', 'member_id', 'submitted_at', 'passed', 'score'])
    .execute();
  await db.schema
    .createIndex('volunteer_records_org_status_idx')
    .on('volunteer_records')
    .columns(['org_id', 'status', 'served_on'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('volunteer_records_org_status_idx').execute();
  await db.schema.dropIndex('quiz_attempts_quiz_member_passed_idx').execute();
  await db.schema.dropIndex('attendance_activity_member_status_idx').execute();
  if (isSqlite(db)) {
    for (const name of [
      'activity_invitees_tally_insert',
      'activity_invitees_tally_delete',
      'attendance_tally_insert',
      'attendance_tally_update',
      'attendance_tally_delete',
    ]) {
      await sql.raw(`DROP TRIGGER ${name}`).execute(db);
    }
  } else {
    await sql`DROP TRIGGER attendance_tally ON attendance`.execute(db);
    await sql`DROP TRIGGER activity_invitees_tally ON activity_invitees`.execute(db);
    await sql`DROP FUNCTION attendance_tally()`.execute(db);
    await sql`DROP FUNCTION activity_invitees_tally()`.execute(db);
  }
  await db.schema.dropTable('activity_tallies').execute();
}
