import { sql, type Kysely } from 'kysely';
import { isSqlite } from './helpers.js';

// The schema enforces what the code promises:
// - `points_ledger` and `audit_log` are append-only: UPDATE, DELETE (and TRUNCATE on
//   PostgreSQL) are refused by triggers. A correction is a new entry; `npm run seed -- --reset`
//   drops and re-creates the schema instead of emptying tables.
// - no ledger entry can be dated in a year its organisation has closed (`points_years`);
// - statuses, kinds and amounts are checked, and the id columns that 0001-0005 left loose
//   reference their tables;
// - one grant per (member, role, branch); an index for ledger lookups by source;
// - `corrects_entry_id`: the entry a correction (reversal or objection adjustment) corrects;
// - migration 0006's final tally triggers (its PostgreSQL attendance trigger was made
//   DEFERRABLE INITIALLY DEFERRED after it shipped), re-created so every database has them.
//
// PostgreSQL gets real constraints (ALTER TABLE ... ADD CONSTRAINT), which also validate the
// rows already there. SQLite cannot add a CHECK or a FOREIGN KEY to an existing table; the
// alternative is the 12-step rebuild, which copies the largest tables (ledger, attendance),
// needs foreign keys switched off outside any transaction and restates every column of every
// table here, a second copy of the schema that would drift. Triggers that RAISE(ABORT) on
// INSERT and UPDATE check the same rows in the writer's own statement, cost one indexed
// lookup at most, and are added in place; existing rows are validated once below so a bad
// row fails the migration loudly instead of being grandfathered silently.
// Every refusal names the constraint, on both dialects, so a log line says which rule broke.

interface Check {
  table: string;
  name: string;
  /** The condition, with `r` prefixed to every column (`NEW.` inside a SQLite trigger). */
  /** Beware NULL: a CHECK passes when this is NULL, so spell out IS [NOT] NULL. */
  holds: (r: string) => string;
}

interface ForeignKey {
  table: string;
  column: string;
  parent: string;
}

const inList = (values: string[]) => `(${values.map((v) => `'${v}'`).join(', ')})`;

export const CHECKS: Check[] = [
  {
    table: 'orgs',
    name: 'orgs_ranking_visibility_ck',
    holds: (r) => `${r}ranking_visibility IN ${inList(['off', 'self', 'opt_in'])}`,
  },
  {
    table: 'members',
    name: 'members_political_status_ck',
    holds: (r) => `${r}political_status IN ${inList(['full', 'probationary'])}`,
  },
  {
    table: 'members',
    name: 'members_employment_ck',
    holds: (r) => `${r}employment IN ${inList(['in_service', 'retired'])}`,
  },
  { table: 'members', name: 'members_active_ck', holds: (r) => `${r}active IN (0, 1)` },
  {
    table: 'role_grants',
    name: 'role_grants_role_ck',
    holds: (r) => `${r}role IN ${inList(['member', 'secretary', 'org_admin'])}`,
  },
  // A secretary is the secretary of a branch.
  {
    table: 'role_grants',
    name: 'role_grants_secretary_branch_ck',
    holds: (r) => `${r}role <> 'secretary' OR ${r}branch_id IS NOT NULL`,
  },
  {
    table: 'activities',
    name: 'activities_type_ck',
    holds: (r) =>
      `${r}type IN ${inList(['theme_day', 'general_meeting', 'committee_meeting', 'group_meeting', 'party_lecture', 'volunteer', 'other'])}`,
  },
  {
    table: 'activities',
    name: 'activities_status_ck',
    holds: (r) => `${r}status IN ${inList(['scheduled', 'closed', 'cancelled'])}`,
  },
  { table: 'activities', name: 'activities_times_ck', holds: (r) => `${r}ends_at > ${r}starts_at` },
  { table: 'activities', name: 'activities_radius_ck', holds: (r) => `${r}radius_m IS NULL OR ${r}radius_m > 0` },
  {
    table: 'attendance',
    name: 'attendance_status_ck',
    holds: (r) => `${r}status IN ${inList(['present', 'late', 'leave', 'absent'])}`,
  },
  {
    table: 'attendance',
    name: 'attendance_method_ck',
    holds: (r) => `${r}method IS NULL OR ${r}method IN ${inList(['qr', 'code', 'roster'])}`,
  },
  {
    table: 'leave_requests',
    name: 'leave_requests_status_ck',
    holds: (r) => `${r}status IN ${inList(['pending', 'approved', 'rejected'])}`,
  },
  {
    table: 'questions',
    name: 'questions_kind_ck',
    holds: (r) => `${r}kind IN ${inList(['single', 'multiple', 'judge'])}`,
  },
  { table: 'questions', name: 'questions_difficulty_ck', holds: (r) => `${r}difficulty BETWEEN 1 AND 3` },
  { table: 'quizzes', name: 'quizzes_kind_ck', holds: (r) => `${r}kind IN ${inList(['exam', 'practice'])}` },
  {
    table: 'quizzes',
    name: 'quizzes_limits_ck',
    holds: (r) => `${r}time_limit_minutes > 0 AND ${r}pass_mark BETWEEN 0 AND 100 AND ${r}max_attempts >= 1`,
  },
  {
    table: 'quiz_attempts',
    name: 'quiz_attempts_result_ck',
    holds: (r) =>
      `(${r}score IS NULL OR ${r}score BETWEEN 0 AND 100) AND (${r}passed IS NULL OR ${r}passed IN (0, 1))` +
      ` AND ${r}flagged IN (0, 1) AND ${r}attempt_no >= 1`,
  },
  // A submitted attempt has its score and verdict; one in progress has neither.
  {
    table: 'quiz_attempts',
    name: 'quiz_attempts_status_ck',
    holds: (r) =>
      `(${r}submitted_at IS NULL AND ${r}score IS NULL AND ${r}passed IS NULL)` +
      ` OR (${r}submitted_at IS NOT NULL AND ${r}submitted_at >= ${r}started_at` +
      ` AND ${r}score IS NOT NULL AND ${r}passed IS NOT NULL)`,
  },
  { table: 'quiz_answers', name: 'quiz_answers_credit_ck', holds: (r) => `${r}credit >= 0 AND ${r}credit <= 1` },
  {
    table: 'practice_sessions',
    name: 'practice_sessions_kind_ck',
    holds: (r) => `(${r}kind = 'daily' AND ${r}day IS NOT NULL) OR ${r}kind = 'wrong_book'`,
  },
  {
    table: 'volunteer_records',
    name: 'volunteer_records_status_ck',
    holds: (r) => `${r}status IN ${inList(['pending', 'approved', 'rejected', 'reversed'])}`,
  },
  // Half-hour steps, more than nothing, at most 12 a day (a record is within one day).
  {
    table: 'volunteer_records',
    name: 'volunteer_records_hours_ck',
    holds: (r) => `${r}hours > 0 AND ${r}hours <= 12 AND ${r}hours * 2 = CAST(${r}hours * 2 AS INTEGER)`,
  },
  {
    table: 'volunteer_records',
    name: 'volunteer_records_source_ck',
    holds: (r) => `${r}source IN ${inList(['self', 'activity'])}`,
  },
  {
    table: 'volunteer_records',
    name: 'volunteer_records_category_ck',
    holds: (r) => `${r}category IN ${inList(['社区服务', '文明创建', '乡村振兴', '应急救灾', '助老助残', '其他'])}`,
  },
  { table: 'volunteer_photos', name: 'volunteer_photos_size_ck', holds: (r) => `${r}size > 0` },
  {
    table: 'points_objections',
    name: 'points_objections_status_ck',
    holds: (r) => `${r}status IN ${inList(['pending', 'reversed', 'adjusted', 'rejected'])}`,
  },
  {
    table: 'points_ledger',
    name: 'points_ledger_source_type_ck',
    holds: (r) =>
      `${r}source_type IN ${inList(['activity', 'quiz_attempt', 'daily_practice', 'volunteer_record', 'manual', 'reversal'])}`,
  },
  // A reversal, and only a reversal, names the entry it reverses.
  {
    table: 'points_ledger',
    name: 'points_ledger_reversal_ck',
    holds: (r) =>
      `(${r}source_type = 'reversal' AND ${r}reverses_entry_id IS NOT NULL)` +
      ` OR (${r}source_type <> 'reversal' AND ${r}reverses_entry_id IS NULL)`,
  },
  // What the database can know of a rule's bounds: a manual entry is an award (positive) or a
  // deduction (negative). The amounts themselves live in the organisation's versioned rules.
  {
    table: 'points_ledger',
    name: 'points_ledger_manual_sign_ck',
    holds: (r) =>
      `${r}source_type = 'reversal'` +
      ` OR (${r}rule_code = 'award' AND ${r}delta > 0) OR (${r}rule_code = 'deduction' AND ${r}delta < 0)` +
      ` OR (${r}rule_code NOT IN ('award', 'deduction') AND ${r}source_type <> 'manual')`,
  },
  // A capped entry paid less than the rule (possibly nothing), never more, never below zero.
  {
    table: 'points_ledger',
    name: 'points_ledger_capped_ck',
    holds: (r) => `${r}capped_from IS NULL OR (${r}delta >= 0 AND ${r}delta < ${r}capped_from)`,
  },
  {
    table: 'points_years',
    name: 'points_years_published_ck',
    holds: (r) => `${r}published_at IS NULL OR ${r}published_at >= ${r}closed_at`,
  },
  { table: 'points_year_snapshots', name: 'points_year_snapshots_stars_ck', holds: (r) => `${r}stars BETWEEN 0 AND 5` },
  { table: 'ranking_preferences', name: 'ranking_preferences_opt_in_ck', holds: (r) => `${r}opt_in IN (0, 1)` },
  { table: 'rank_member_totals', name: 'rank_member_totals_opt_in_ck', holds: (r) => `${r}opt_in IN (0, 1)` },
];

export const FOREIGN_KEYS: ForeignKey[] = [
  { table: 'points_ledger', column: 'org_id', parent: 'orgs' },
  { table: 'points_ledger', column: 'branch_id', parent: 'branches' },
  { table: 'points_ledger', column: 'actor_id', parent: 'members' },
  { table: 'points_ledger', column: 'reverses_entry_id', parent: 'points_ledger' },
  { table: 'points_ledger', column: 'corrects_entry_id', parent: 'points_ledger' },
  { table: 'audit_log', column: 'org_id', parent: 'orgs' },
  { table: 'audit_log', column: 'actor_id', parent: 'members' },
  { table: 'points_totals', column: 'org_id', parent: 'orgs' },
  { table: 'points_totals', column: 'branch_id', parent: 'branches' },
  { table: 'points_rule_sets', column: 'created_by', parent: 'members' },
  { table: 'activities', column: 'created_by', parent: 'members' },
  { table: 'activities', column: 'record_by', parent: 'members' },
  { table: 'attendance', column: 'marked_by', parent: 'members' },
  { table: 'leave_requests', column: 'decided_by', parent: 'members' },
  { table: 'quizzes', column: 'created_by', parent: 'members' },
  { table: 'volunteer_records', column: 'branch_id', parent: 'branches' },
  { table: 'volunteer_records', column: 'reviewer_id', parent: 'members' },
  { table: 'volunteer_records', column: 'reversed_by', parent: 'members' },
  { table: 'volunteer_records', column: 'activity_id', parent: 'activities' },
  { table: 'volunteer_photos', column: 'org_id', parent: 'orgs' },
  { table: 'volunteer_photos', column: 'record_id', parent: 'volunteer_records' },
  { table: 'points_objections', column: 'org_id', parent: 'orgs' },
  { table: 'points_objections', column: 'branch_id', parent: 'branches' },
  { table: 'points_objections', column: 'resolution_entry_id', parent: 'points_ledger' },
  { table: 'points_objections', column: 'resolved_by', parent: 'members' },
  { table: 'points_years', column: 'closed_by', parent: 'members' },
  { table: 'points_years', column: 'published_by', parent: 'members' },
  { table: 'points_year_snapshots', column: 'org_id', parent: 'orgs' },
  { table: 'points_year_snapshots', column: 'branch_id', parent: 'branches' },
  { table: 'rank_member_totals', column: 'member_id', parent: 'members' },
  { table: 'rank_member_totals', column: 'org_id', parent: 'orgs' },
  { table: 'rank_member_totals', column: 'branch_id', parent: 'branches' },
];

export const fkName = (fk: ForeignKey) => `${fk.table}_${fk.column}_fk`;
const APPEND_ONLY = ['points_ledger', 'audit_log'];

const run = (db: Kysely<unknown>, text: string) => sql.raw(text).execute(db);

export async function up(db: Kysely<unknown>): Promise<void> {
  // Kysely runs SQLite migrations outside a transaction; this one is all or nothing.
  if (isSqlite(db)) await db.transaction().execute((trx) => apply(trx, true));
  else await apply(db, false);
}

async function apply(db: Kysely<unknown>, sqlite: boolean): Promise<void> {
  await db.schema.alterTable('points_ledger').addColumn('corrects_entry_id', 'integer').execute();
  // Corrections written before this migration: reversals, and adjustments settling an objection.
  await run(db, `UPDATE points_ledger SET corrects_entry_id = reverses_entry_id WHERE reverses_entry_id IS NOT NULL`);
  await run(
    db,
    `UPDATE points_ledger SET corrects_entry_id = (SELECT o.entry_id FROM points_objections o
       WHERE o.resolution_entry_id = points_ledger.id AND o.status = 'adjusted')
     WHERE id IN (SELECT resolution_entry_id FROM points_objections WHERE status = 'adjusted' AND resolution_entry_id IS NOT NULL)`,
  );

  // Grants given twice mean the same thing once.
  await run(
    db,
    `DELETE FROM role_grants WHERE id NOT IN (
       SELECT min(id) FROM role_grants GROUP BY member_id, role, COALESCE(branch_id, 0))`,
  );
  await run(
    db,
    `CREATE UNIQUE INDEX role_grants_member_role_uq ON role_grants (member_id, role, COALESCE(branch_id, 0))`,
  );
  await db.schema
    .createIndex('points_ledger_source_idx')
    .on('points_ledger')
    .columns(['source_type', 'source_id'])
    .execute();
  await db.schema
    .createIndex('points_ledger_corrects_idx')
    .on('points_ledger')
    .columns(['corrects_entry_id'])
    .execute();

  if (sqlite) await sqliteConstraints(db);
  else await postgresConstraints(db);
  await tallyTriggers(db, sqlite);
}

async function sqliteConstraints(db: Kysely<unknown>): Promise<void> {
  const refuse = (message: string) => `SELECT RAISE(ABORT, '${message}')`;
  for (const table of APPEND_ONLY) {
    for (const op of ['UPDATE', 'DELETE']) {
      await run(
        db,
        `CREATE TRIGGER ${table}_append_only_${op.toLowerCase()} BEFORE ${op} ON ${table} BEGIN
           ${refuse(`${table} is append-only (${table}_append_only): ${op} refused`)}; END`,
      );
    }
  }
  await run(
    db,
    `CREATE TRIGGER points_ledger_year_closed BEFORE INSERT ON points_ledger
       WHEN EXISTS (SELECT 1 FROM points_years y WHERE y.org_id = NEW.org_id AND y.year = NEW.year)
     BEGIN ${refuse('points_ledger_year_closed: the year is closed')}; END`,
  );

  for (const check of CHECKS) {
    await validate(db, check.name, `SELECT count(*) AS n FROM ${check.table} WHERE NOT (${check.holds('')})`);
    for (const op of ['INSERT', 'UPDATE']) {
      await run(
        db,
        `CREATE TRIGGER ${check.name}_${op.toLowerCase()} BEFORE ${op} ON ${check.table}
           WHEN NOT (${check.holds('NEW.')})
         BEGIN ${refuse(`CHECK constraint failed: ${check.name}`)}; END`,
      );
    }
  }

  for (const fk of FOREIGN_KEYS) {
    const name = fkName(fk);
    const missing = (row: string) =>
      `${row}.${fk.column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${fk.parent} p WHERE p.id = ${row}.${fk.column})`;
    await validate(db, name, `SELECT count(*) AS n FROM ${fk.table} c WHERE ${missing('c')}`);
    await run(
      db,
      `CREATE TRIGGER ${name}_insert BEFORE INSERT ON ${fk.table} WHEN ${missing('NEW')}
       BEGIN ${refuse(`FOREIGN KEY constraint failed: ${name}`)}; END`,
    );
    await run(
      db,
      `CREATE TRIGGER ${name}_update BEFORE UPDATE OF ${fk.column} ON ${fk.table} WHEN ${missing('NEW')}
       BEGIN ${refuse(`FOREIGN KEY constraint failed: ${name}`)}; END`,
    );
    // The parent side (RESTRICT). Nothing deletes these parents today; this keeps it so.
    // (An append-only parent refuses every DELETE already.)
    if (APPEND_ONLY.includes(fk.parent)) continue;
    await run(
      db,
      `CREATE TRIGGER ${name}_parent BEFORE DELETE ON ${fk.parent}
         WHEN EXISTS (SELECT 1 FROM ${fk.table} c WHERE c.${fk.column} = OLD.id)
       BEGIN ${refuse(`FOREIGN KEY constraint failed: ${name}`)}; END`,
    );
  }
}

async function validate(db: Kysely<unknown>, name: string, countQuery: string): Promise<void> {
  const { rows } = await sql.raw<{ n: number }>(countQuery).execute(db);
  const n = Number(rows[0]?.n ?? 0);
  if (n > 0) throw new Error(`${name}: ${n} existing row(s) break the constraint; fix them before migrating`);
}

async function postgresConstraints(db: Kysely<unknown>): Promise<void> {
  await run(
    db,
    `CREATE FUNCTION xf_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
       RAISE EXCEPTION '% is append-only (%_append_only): % refused', TG_TABLE_NAME, TG_TABLE_NAME, TG_OP
         USING ERRCODE = 'restrict_violation', CONSTRAINT = TG_TABLE_NAME || '_append_only';
     END $$`,
  );
  for (const table of APPEND_ONLY) {
    await run(
      db,
      `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
         FOR EACH ROW EXECUTE FUNCTION xf_append_only()`,
    );
    await run(
      db,
      `CREATE TRIGGER ${table}_append_only_truncate BEFORE TRUNCATE ON ${table}
         FOR EACH STATEMENT EXECUTE FUNCTION xf_append_only()`,
    );
  }
  await run(
    db,
    `CREATE FUNCTION points_ledger_year_closed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
       IF EXISTS (SELECT 1 FROM points_years y WHERE y.org_id = NEW.org_id AND y.year = NEW.year) THEN
         RAISE EXCEPTION 'points_ledger_year_closed: the year % is closed', NEW.year
           USING ERRCODE = 'check_violation', CONSTRAINT = 'points_ledger_year_closed';
       END IF;
       RETURN NEW;
     END $$`,
  );
  await run(
    db,
    `CREATE TRIGGER points_ledger_year_closed BEFORE INSERT ON points_ledger
       FOR EACH ROW EXECUTE FUNCTION points_ledger_year_closed()`,
  );
  for (const check of CHECKS) {
    await run(db, `ALTER TABLE ${check.table} ADD CONSTRAINT ${check.name} CHECK (${check.holds('')})`);
  }
  for (const fk of FOREIGN_KEYS) {
    await run(
      db,
      `ALTER TABLE ${fk.table} ADD CONSTRAINT ${fkName(fk)} FOREIGN KEY (${fk.column}) REFERENCES ${fk.parent} (id)`,
    );
  }
}

/** Migration 0006's tally triggers in their final form (drop if present, create). */
async function tallyTriggers(db: Kysely<unknown>, sqlite: boolean): Promise<void> {
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

  if (sqlite) {
    const trigger = async (name: string, when: string, body: string[]) => {
      await run(db, `DROP TRIGGER IF EXISTS ${name}`);
      await run(
        db,
        `CREATE TRIGGER ${name} AFTER ${when} FOR EACH ROW BEGIN ${body.map((s) => `${s};`).join(' ')} END`,
      );
    };
    await trigger('activity_invitees_tally_insert', 'INSERT ON activity_invitees', [addInvitee]);
    await trigger('activity_invitees_tally_delete', 'DELETE ON activity_invitees', [removeInvitee]);
    await trigger('attendance_tally_insert', 'INSERT ON attendance', [addOutcome]);
    await trigger('attendance_tally_update', 'UPDATE OF status, activity_id ON attendance', [
      removeOutcome,
      addOutcome,
    ]);
    await trigger('attendance_tally_delete', 'DELETE ON attendance', [removeOutcome]);
    return;
  }
  await run(db, `DROP TRIGGER IF EXISTS activity_invitees_tally ON activity_invitees`);
  await run(db, `DROP TRIGGER IF EXISTS attendance_tally ON attendance`);
  await run(
    db,
    `CREATE OR REPLACE FUNCTION activity_invitees_tally() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
       IF TG_OP = 'INSERT' THEN ${addInvitee}; RETURN NEW; END IF;
       ${removeInvitee}; RETURN OLD;
     END $$`,
  );
  await run(
    db,
    `CREATE OR REPLACE FUNCTION attendance_tally() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
       IF TG_OP IN ('UPDATE', 'DELETE') THEN ${removeOutcome}; END IF;
       IF TG_OP IN ('INSERT', 'UPDATE') THEN ${addOutcome}; RETURN NEW; END IF;
       RETURN OLD;
     END $$`,
  );
  await run(
    db,
    `CREATE TRIGGER activity_invitees_tally AFTER INSERT OR DELETE ON activity_invitees
       FOR EACH ROW EXECUTE FUNCTION activity_invitees_tally()`,
  );
  // Deferred to the commit: in a check-in burst the activity's tally row would otherwise stay
  // locked for the rest of each check-in transaction (the points entry), serialising check-ins.
  await run(
    db,
    `CREATE CONSTRAINT TRIGGER attendance_tally AFTER INSERT OR DELETE OR UPDATE OF status, activity_id ON attendance
       DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION attendance_tally()`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const sqlite = isSqlite(db);
  if (sqlite) {
    const { rows } = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'trigger'`.execute(db);
    const ours = new Set([
      ...APPEND_ONLY.flatMap((t) => [`${t}_append_only_update`, `${t}_append_only_delete`]),
      'points_ledger_year_closed',
      ...CHECKS.flatMap((c) => [`${c.name}_insert`, `${c.name}_update`]),
      ...FOREIGN_KEYS.flatMap((fk) => ['insert', 'update', 'parent'].map((s) => `${fkName(fk)}_${s}`)),
    ]);
    for (const { name } of rows) if (ours.has(name)) await run(db, `DROP TRIGGER ${name}`);
  } else {
    for (const table of APPEND_ONLY) {
      await run(db, `DROP TRIGGER ${table}_append_only ON ${table}`);
      await run(db, `DROP TRIGGER ${table}_append_only_truncate ON ${table}`);
    }
    await run(db, `DROP TRIGGER points_ledger_year_closed ON points_ledger`);
    await run(db, `DROP FUNCTION points_ledger_year_closed()`);
    await run(db, `DROP FUNCTION xf_append_only()`);
    for (const fk of FOREIGN_KEYS) await run(db, `ALTER TABLE ${fk.table} DROP CONSTRAINT ${fkName(fk)}`);
    for (const check of CHECKS) await run(db, `ALTER TABLE ${check.table} DROP CONSTRAINT ${check.name}`);
  }
  await db.schema.dropIndex('points_ledger_corrects_idx').execute();
  await db.schema.dropIndex('points_ledger_source_idx').execute();
  await db.schema.dropIndex('role_grants_member_role_uq').execute();
  await db.schema.alterTable('points_ledger').dropColumn('corrects_entry_id').execute();
}
